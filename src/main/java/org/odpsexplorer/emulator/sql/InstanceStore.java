package org.odpsexplorer.emulator.sql;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.store.Database;

/** Finished SQL instances in the shared {@link Database}, so polling works across restarts. Thread-safe. */
public final class InstanceStore {
    private static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE odps_instances (id TEXT PRIMARY KEY, project TEXT NOT NULL, task_name TEXT NOT NULL,"
                    + " query TEXT NOT NULL, success INTEGER NOT NULL, result TEXT NOT NULL, owner TEXT NOT NULL,"
                    + " start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL)",
            // the job's Name (Instance/Job/Name), which instance listings filter on with jobname
            "ALTER TABLE odps_instances ADD COLUMN job_name TEXT NOT NULL DEFAULT ''");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final Database db;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong sequence = new AtomicLong();

    /** One terminated instance with its single SQL task; {@code jobName} is empty when the job named none. */
    public record InstanceRecord(String id, String project, String taskName, String query, boolean success,
                                 String result, String owner, Instant start, Instant end, String jobName) {
    }

    public InstanceStore(Database db) {
        this.db = db;
        db.migrate("instances", MIGRATIONS);
    }

    /** Stores a finished instance under a new id shaped like the service's ({@code protocol/instances.md} §2.2). */
    public InstanceRecord add(String project, String taskName, String query, boolean success, String result,
                              String owner, Instant start, Instant end) {
        return add(project, "", taskName, query, success, result, owner, start, end);
    }

    /** As above, for a job named {@code jobName} (empty: none). */
    public InstanceRecord add(String project, String jobName, String taskName, String query, boolean success,
                              String result, String owner, Instant start, Instant end) {
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        String id = ID_TIME.format(start) + String.format("%09d", sequence.incrementAndGet() % 1_000_000_000L)
                + "emulator" + HexFormat.of().formatHex(suffix);
        InstanceRecord record = new InstanceRecord(id, project, taskName, query, success, result, owner, start, end,
                jobName);
        db.update(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO odps_instances(id, project, task_name, query,"
                    + " success, result, owner, start_ms, end_ms, job_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, id);
                st.setString(2, project);
                st.setString(3, taskName);
                st.setString(4, query);
                st.setInt(5, success ? 1 : 0);
                st.setString(6, result);
                st.setString(7, owner);
                st.setLong(8, start.toEpochMilli());
                st.setLong(9, end.toEpochMilli());
                st.setString(10, jobName);
                st.executeUpdate();
            }
        });
        return record;
    }

    /**
     * Instances of {@code project} in submission order (start time, then id), after the instance {@code afterId}
     * (null: from the first), at most {@code max}.
     *
     * @param owner  only this owner's instances; null for all
     * @param fromMs only instances started at or after this time (epoch ms); null for no bound
     * @param toMs   only instances started at or before this time (epoch ms); null for no bound
     */
    public List<InstanceRecord> list(String project, @Nullable String afterId, int max, @Nullable String owner,
                                     @Nullable Long fromMs, @Nullable Long toMs) {
        return list(project, afterId, max, owner, fromMs, toMs, null);
    }

    /** As above, also only instances whose job is named exactly {@code jobName} (null: any). */
    public List<InstanceRecord> list(String project, @Nullable String afterId, int max, @Nullable String owner,
                                     @Nullable Long fromMs, @Nullable Long toMs, @Nullable String jobName) {
        return db.read(c -> {
            long afterStart = Long.MIN_VALUE;
            String after = "";
            if (afterId != null) {
                Optional<InstanceRecord> last = find(project, afterId);
                if (last.isPresent()) {
                    afterStart = last.get().start().toEpochMilli();
                    after = afterId;
                }
            }
            List<InstanceRecord> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, task_name, query, success, result, owner,"
                    + " start_ms, end_ms, job_name FROM odps_instances WHERE project = ?"
                    + " AND (start_ms > ? OR (start_ms = ? AND id > ?))"
                    + " AND (? IS NULL OR owner = ?) AND start_ms >= ? AND start_ms <= ?"
                    + " AND (? IS NULL OR job_name = ?)"
                    + " ORDER BY start_ms, id LIMIT ?")) {
                st.setString(1, project);
                st.setLong(2, afterStart);
                st.setLong(3, afterStart);
                st.setString(4, after);
                st.setString(5, owner);
                st.setString(6, owner);
                st.setLong(7, fromMs == null ? Long.MIN_VALUE : fromMs);
                st.setLong(8, toMs == null ? Long.MAX_VALUE : toMs);
                st.setString(9, jobName);
                st.setString(10, jobName);
                st.setInt(11, max);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new InstanceRecord(rs.getString(1), project, rs.getString(2), rs.getString(3),
                                rs.getInt(4) != 0, rs.getString(5), rs.getString(6),
                                Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)),
                                rs.getString(9)));
                    }
                }
            }
            return out;
        });
    }

    public Optional<InstanceRecord> find(String project, String id) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT task_name, query, success, result, owner, start_ms,"
                    + " end_ms, job_name FROM odps_instances WHERE project = ? AND id = ?")) {
                st.setString(1, project);
                st.setString(2, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new InstanceRecord(id, project, rs.getString(1), rs.getString(2),
                            rs.getInt(3) != 0, rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)),
                            Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8)));
                }
            }
        });
    }
}
