package org.odpsexplorer.emulator.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Projects, in the shared {@link Database}. Thread-safe. */
public final class ProjectStore {
    private static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE projects (name TEXT PRIMARY KEY, owner TEXT NOT NULL, comment TEXT NOT NULL,"
                    + " created_ms INTEGER NOT NULL)");

    private final Database db;
    private final Clock clock;

    public ProjectStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.migrate("projects", MIGRATIONS);
    }

    /** Creates the project unless it exists (an existing one keeps its owner and creation time). */
    public ProjectRecord ensure(String name, String owner) {
        return db.transaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT OR IGNORE INTO projects(name, owner, comment, created_ms) VALUES (?, ?, '', ?)")) {
                st.setString(1, name);
                st.setString(2, owner);
                st.setLong(3, clock.millis());
                st.executeUpdate();
            }
            return find(name).orElseThrow();
        });
    }

    public Optional<ProjectRecord> find(String name) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT name, owner, comment, created_ms FROM projects WHERE name = ?")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ProjectRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
        });
    }

    /** All projects by name. */
    public List<ProjectRecord> list() {
        return db.read(c -> {
            List<ProjectRecord> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT name, owner, comment, created_ms FROM projects ORDER BY name");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ProjectRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
            return out;
        });
    }
}
