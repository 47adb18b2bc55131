package org.odpsexplorer.emulator.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Functions, in the shared {@link Database}. Thread-safe. */
public final class FunctionStore {
    private static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE functions (project TEXT NOT NULL, schema_name TEXT NOT NULL, name TEXT NOT NULL,"
                    + " class_type TEXT NOT NULL, resources TEXT NOT NULL, owner TEXT NOT NULL,"
                    + " created_ms INTEGER NOT NULL, modified_ms INTEGER NOT NULL,"
                    + " PRIMARY KEY (project, schema_name, name))");
    private static final String COLUMNS = "project, schema_name, name, class_type, resources, owner, created_ms, modified_ms";
    /** Resource names cannot contain a line feed (the routes reject control characters), so it separates them. */
    private static final String SEPARATOR = "\n";

    private final Database db;
    private final Clock clock;

    public FunctionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.migrate("functions", MIGRATIONS);
    }

    public Optional<FunctionRecord> find(String project, String schema, String name) {
        return db.read(c -> select(c, project, schema, name));
    }

    /** Functions by name, names after {@code after} only; one more than {@code maxItems} tells the caller more follow. */
    public List<FunctionRecord> list(String project, String schema, @Nullable String prefix, @Nullable String owner,
                                     @Nullable String after, int maxItems) {
        return db.read(c -> NamePageQuery.run(c, "SELECT " + COLUMNS
                + " FROM functions WHERE project = ? AND schema_name = ?", List.of(project, schema), prefix, owner,
                after, maxItems, FunctionStore::read));
    }

    /**
     * Creates ({@code replace == false}: fails when the name is taken) or replaces ({@code true}: fails when missing;
     * owner and creation time are kept) a function.
     */
    public FunctionRecord write(String project, String schema, String name, String classType, List<String> resources,
                                String actor, boolean replace) {
        return db.transaction(c -> {
            Optional<FunctionRecord> old = select(c, project, schema, name);
            if (!replace && old.isPresent()) {
                throw new StoreException(StoreException.Kind.ALREADY_EXISTS,
                        "ODPS-0110061:Function '" + name + "' already exists");
            }
            if (replace && old.isEmpty()) {
                throw notFound(name);
            }
            Instant now = clock.instant();
            FunctionRecord next = new FunctionRecord(project, schema, name, classType, resources,
                    old.map(FunctionRecord::owner).orElse(actor), old.map(FunctionRecord::created).orElse(now), now);
            try (PreparedStatement st = c.prepareStatement("INSERT OR REPLACE INTO functions (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, project);
                st.setString(2, schema);
                st.setString(3, name);
                st.setString(4, classType);
                st.setString(5, String.join(SEPARATOR, resources));
                st.setString(6, next.owner());
                st.setLong(7, next.created().toEpochMilli());
                st.setLong(8, now.toEpochMilli());
                st.executeUpdate();
            }
            return next;
        });
    }

    /** Deletes a function; false when it did not exist. */
    public boolean delete(String project, String schema, String name) {
        return db.transaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM functions WHERE project = ? AND schema_name = ? AND name = ?")) {
                st.setString(1, project);
                st.setString(2, schema);
                st.setString(3, name);
                return st.executeUpdate() > 0;
            }
        });
    }

    private static StoreException notFound(String name) {
        return new StoreException(StoreException.Kind.NOT_FOUND, "ODPS-0130131:Function not found - '" + name + "'");
    }

    private static Optional<FunctionRecord> select(Connection c, String project, String schema, String name)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + " FROM functions WHERE project = ? AND schema_name = ? AND name = ?")) {
            st.setString(1, project);
            st.setString(2, schema);
            st.setString(3, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static FunctionRecord read(ResultSet rs) throws SQLException {
        String joined = rs.getString("resources");
        List<String> resources = joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEPARATOR, -1));
        return new FunctionRecord(rs.getString("project"), rs.getString("schema_name"), rs.getString("name"),
                rs.getString("class_type"), resources, rs.getString("owner"),
                Instant.ofEpochMilli(rs.getLong("created_ms")), Instant.ofEpochMilli(rs.getLong("modified_ms")));
    }
}
