package org.odpsexplorer.emulator.sql;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.odpsexplorer.emulator.store.Database;

/** Finished SQL instances in the shared {@link Database}, so polling works across restarts. Thread-safe. */
public final class InstanceStore {
    private static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE odps_instances (id TEXT PRIMARY KEY, project TEXT NOT NULL, task_name TEXT NOT NULL,"
                    + " query TEXT NOT NULL, success INTEGER NOT NULL, result TEXT NOT NULL, owner TEXT NOT NULL,"
                    + " start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL)");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final Database db;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong sequence = new AtomicLong();

    /** One terminated instance with its single SQL task. */
    public record InstanceRecord(String id, String project, String taskName, String query, boolean success,
                                 String result, String owner, Instant start, Instant end) {
    }

    public InstanceStore(Database db) {
        this.db = db;
        db.migrate("instances", MIGRATIONS);
    }

    /** Stores a finished instance under a new id shaped like the service's ({@code instances.md} §2.2). */
    public InstanceRecord add(String project, String taskName, String query, boolean success, String result,
                              String owner, Instant start, Instant end) {
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        String id = ID_TIME.format(start) + String.format("%09d", sequence.incrementAndGet() % 1_000_000_000L)
                + "emulator" + HexFormat.of().formatHex(suffix);
        InstanceRecord record = new InstanceRecord(id, project, taskName, query, success, result, owner, start, end);
        db.transaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO odps_instances(id, project, task_name, query,"
                    + " success, result, owner, start_ms, end_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, id);
                st.setString(2, project);
                st.setString(3, taskName);
                st.setString(4, query);
                st.setInt(5, success ? 1 : 0);
                st.setString(6, result);
                st.setString(7, owner);
                st.setLong(8, start.toEpochMilli());
                st.setLong(9, end.toEpochMilli());
                st.executeUpdate();
            }
            return null;
        });
        return record;
    }

    public Optional<InstanceRecord> find(String project, String id) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT task_name, query, success, result, owner, start_ms,"
                    + " end_ms FROM odps_instances WHERE project = ? AND id = ?")) {
                st.setString(1, project);
                st.setString(2, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new InstanceRecord(id, project, rs.getString(1), rs.getString(2),
                            rs.getInt(3) != 0, rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)),
                            Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
        });
    }
}
