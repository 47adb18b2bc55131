package org.odpsexplorer.emulator.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.store.Database;
import org.odpsexplorer.emulator.table.TableStoreException.Reason;
import org.odpsexplorer.wire.Json;
import org.odpsexplorer.wire.tunnel.TableSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tables and partitions in the shared {@link Database}; rows live in {@link SegmentFiles} referenced from the
 * {@code odps_segments} table. Names are unique per project case-insensitively and kept as created.
 *
 * <p>File lifecycle: a segment file is referenced either by an uncommitted upload block or by a committed segment.
 * Operations that drop references collect the files inside their transaction and delete those still unreferenced
 * after it commits; files orphaned by a crash in between are removed by {@link #sweepOrphans()} at start-up.
 *
 * <p>Thread-safe (the database serialises statements; segment files are immutable).
 */
public final class TableStore {
    static final ObjectMapper JSON = Json.mapper();
    private static final Logger LOG = LoggerFactory.getLogger(TableStore.class);

    private static final List<String> MIGRATIONS = List.of(String.join(";",
            "CREATE TABLE odps_tables (id INTEGER PRIMARY KEY AUTOINCREMENT, project TEXT NOT NULL,"
                    + " name TEXT NOT NULL, name_lower TEXT NOT NULL, schema_json TEXT NOT NULL, comment TEXT NOT NULL,"
                    + " lifecycle INTEGER NOT NULL, owner TEXT NOT NULL, table_uuid TEXT NOT NULL,"
                    + " created_ms INTEGER NOT NULL, ddl_ms INTEGER NOT NULL, UNIQUE(project, name_lower))",
            "CREATE TABLE odps_partitions (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " table_id INTEGER NOT NULL REFERENCES odps_tables(id) ON DELETE CASCADE,"
                    + " spec_key TEXT NOT NULL, spec_values TEXT NOT NULL, created_ms INTEGER NOT NULL,"
                    + " modified_ms INTEGER NOT NULL, generation INTEGER NOT NULL, row_count INTEGER NOT NULL,"
                    + " byte_size INTEGER NOT NULL, UNIQUE(table_id, spec_key))",
            "CREATE TABLE odps_segments ("
                    + " partition_id INTEGER NOT NULL REFERENCES odps_partitions(id) ON DELETE CASCADE,"
                    + " generation INTEGER NOT NULL, first_row INTEGER NOT NULL, row_count INTEGER NOT NULL,"
                    + " byte_size INTEGER NOT NULL, file TEXT NOT NULL, PRIMARY KEY(partition_id, generation, first_row))",
            "CREATE TABLE odps_uploads (id TEXT PRIMARY KEY,"
                    + " partition_id INTEGER NOT NULL REFERENCES odps_partitions(id) ON DELETE CASCADE,"
                    + " overwrite INTEGER NOT NULL, status TEXT NOT NULL, committed_blocks TEXT,"
                    + " created_ms INTEGER NOT NULL)",
            "CREATE TABLE odps_upload_blocks (upload_id TEXT NOT NULL REFERENCES odps_uploads(id) ON DELETE CASCADE,"
                    + " block_id INTEGER NOT NULL, row_count INTEGER NOT NULL, byte_size INTEGER NOT NULL,"
                    + " file TEXT NOT NULL, PRIMARY KEY(upload_id, block_id))",
            "CREATE TABLE odps_downloads (id TEXT PRIMARY KEY,"
                    + " partition_id INTEGER NOT NULL REFERENCES odps_partitions(id) ON DELETE CASCADE,"
                    + " generation INTEGER NOT NULL, row_count INTEGER NOT NULL, created_ms INTEGER NOT NULL)"),
            // table properties (TBLPROPERTIES) and partition lifecycles (ALTER TABLE ... PARTITION ... SET LIFECYCLE)
            "ALTER TABLE odps_tables ADD COLUMN properties TEXT NOT NULL DEFAULT '{}';"
                    + "ALTER TABLE odps_partitions ADD COLUMN lifecycle INTEGER NOT NULL DEFAULT -1");

    private static final String TABLE_COLUMNS = "t.id, t.project, t.name, t.schema_json, t.comment, t.lifecycle,"
            + " t.owner, t.table_uuid, t.created_ms, t.ddl_ms,"
            + " (SELECT MAX(p.modified_ms) FROM odps_partitions p WHERE p.table_id = t.id),"
            + " (SELECT COALESCE(SUM(p.row_count), 0) FROM odps_partitions p WHERE p.table_id = t.id),"
            + " (SELECT COALESCE(SUM(p.byte_size), 0) FROM odps_partitions p WHERE p.table_id = t.id),"
            + " t.properties";
    private static final String PARTITION_COLUMNS = "id, table_id, spec_values, created_ms, modified_ms, generation,"
            + " row_count, byte_size, lifecycle";

    final Database db;
    final Clock clock;
    final SegmentFiles files;

    /** Opens the table store over {@code db}, keeping segment files under {@code root}. */
    public TableStore(Database db, Path root, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.files = new SegmentFiles(root);
        db.migrate("tables", MIGRATIONS);
    }

    /**
     * Creates a table (and the implicit data set of an unpartitioned one).
     *
     * @return the new table, or the existing one when {@code ifNotExists} and the name is taken
     * @throws TableStoreException {@code TABLE_EXISTS} when the name is taken and not {@code ifNotExists}
     */
    public TableInfo createTable(String project, String name, TableSchema schema, String comment, long lifecycle,
                                 String owner, boolean ifNotExists) {
        return createTable(project, name, schema, comment, lifecycle, Map.of(), owner, ifNotExists);
    }

    /**
     * As {@link #createTable(String, String, TableSchema, String, long, String, boolean)}, with table properties
     * ({@code TBLPROPERTIES}).
     */
    public TableInfo createTable(String project, String name, TableSchema schema, String comment, long lifecycle,
                                 Map<String, String> properties, String owner, boolean ifNotExists) {
        if (schema.columns().isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        long id = db.transaction(c -> {
            Optional<TableInfo> existing = findTable(c, project, name);
            if (existing.isPresent()) {
                if (ifNotExists) {
                    return existing.get().id();
                }
                throw new TableStoreException(Reason.TABLE_EXISTS, "Table or view " + name + " already exists");
            }
            long now = clock.millis();
            long tableId;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO odps_tables(project, name, name_lower,"
                    + " schema_json, comment, lifecycle, owner, table_uuid, created_ms, ddl_ms, properties)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", PreparedStatement.RETURN_GENERATED_KEYS)) {
                st.setString(1, project);
                st.setString(2, name);
                st.setString(3, lower(name));
                st.setString(4, schema.toTunnelJson().toString());
                st.setString(5, comment);
                st.setLong(6, lifecycle);
                st.setString(7, owner);
                st.setString(8, UUID.randomUUID().toString().replace("-", ""));
                st.setLong(9, now);
                st.setLong(10, now);
                st.setString(11, json(properties));
                st.executeUpdate();
                tableId = generatedKey(st);
            }
            if (!schema.isPartitioned()) {
                insertPartition(c, tableId, PartitionSpec.NONE, now);
            }
            return tableId;
        });
        return db.read(c -> findTableById(c, id)).orElseThrow();
    }

    /**
     * Drops a table with its partitions, rows and open sessions.
     *
     * @return whether a table was dropped
     * @throws TableStoreException {@code NO_SUCH_TABLE} when missing and not {@code ifExists}
     */
    public boolean dropTable(String project, String name, boolean ifExists) {
        Set<String> candidates = new HashSet<>();
        boolean dropped = db.transaction(c -> {
            Optional<TableInfo> table = findTable(c, project, name);
            if (table.isEmpty()) {
                if (ifExists) {
                    return false;
                }
                throw new TableStoreException(Reason.NO_SUCH_TABLE, "table " + project + "." + name + " not found");
            }
            candidates.addAll(files(c, "SELECT s.file FROM odps_segments s JOIN odps_partitions p"
                    + " ON s.partition_id = p.id WHERE p.table_id = ?", table.get().id()));
            candidates.addAll(files(c, "SELECT b.file FROM odps_upload_blocks b JOIN odps_uploads u"
                    + " ON b.upload_id = u.id JOIN odps_partitions p ON u.partition_id = p.id WHERE p.table_id = ?",
                    table.get().id()));
            try (PreparedStatement st = c.prepareStatement("DELETE FROM odps_tables WHERE id = ?")) {
                st.setLong(1, table.get().id());
                st.executeUpdate();
            }
            return true;
        });
        deleteUnreferenced(candidates);
        return dropped;
    }

    /**
     * Adds partitions, all or none.
     *
     * @throws TableStoreException {@code NO_SUCH_TABLE}, {@code INVALID_PARTITION_SPEC} (wrong keys, or an
     *                             unpartitioned table), {@code PARTITION_EXISTS} (unless {@code ifNotExists})
     */
    public void addPartitions(String project, String table, List<List<Map.Entry<String, String>>> specs,
                              boolean ifNotExists) {
        db.update(c -> {
            TableInfo t = requireTable(c, project, table);
            long now = clock.millis();
            for (List<Map.Entry<String, String>> pairs : specs) {
                PartitionSpec spec = toSpec(t, pairs);
                if (findPartition(c, t.id(), spec).isPresent()) {
                    if (ifNotExists) {
                        continue;
                    }
                    throw new TableStoreException(Reason.PARTITION_EXISTS,
                            "Partition already exists, existed values: " + spec.values());
                }
                insertPartition(c, t.id(), spec, now);
            }
            touchDdl(c, t.id(), now);
        });
    }

    /**
     * Drops partitions with their rows and open sessions, all or none.
     *
     * @throws TableStoreException {@code NO_SUCH_TABLE}, {@code INVALID_PARTITION_SPEC}, {@code NO_SUCH_PARTITION}
     *                             (unless {@code ifExists})
     */
    public void dropPartitions(String project, String table, List<List<Map.Entry<String, String>>> specs,
                               boolean ifExists) {
        Set<String> candidates = new HashSet<>();
        db.update(c -> {
            TableInfo t = requireTable(c, project, table);
            for (List<Map.Entry<String, String>> pairs : specs) {
                PartitionSpec spec = toSpec(t, pairs);
                Optional<PartitionInfo> p = findPartition(c, t.id(), spec);
                if (p.isEmpty()) {
                    if (ifExists) {
                        continue;
                    }
                    throw new TableStoreException(Reason.NO_SUCH_PARTITION, "partition " + spec + " not found");
                }
                candidates.addAll(files(c, "SELECT file FROM odps_segments WHERE partition_id = ?", p.get().id()));
                candidates.addAll(files(c, "SELECT b.file FROM odps_upload_blocks b JOIN odps_uploads u"
                        + " ON b.upload_id = u.id WHERE u.partition_id = ?", p.get().id()));
                try (PreparedStatement st = c.prepareStatement("DELETE FROM odps_partitions WHERE id = ?")) {
                    st.setLong(1, p.get().id());
                    st.executeUpdate();
                }
            }
            touchDdl(c, t.id(), clock.millis());
        });
        deleteUnreferenced(candidates);
    }

    /** A table's alterable definition: what {@code ALTER TABLE} statements change. */
    public record TableDefinition(TableSchema schema, String comment, long lifecycle, Map<String, String> properties) {
        public TableDefinition {
            properties = Map.copyOf(properties);
        }
    }

    /**
     * Changes a table's definition (columns, comment, lifecycle, properties) in one transaction and records the DDL
     * time. Rows stay as stored: columns are only ever appended or renamed, so old records read with the new schema
     * have the added columns NULL.
     *
     * @param change maps the current definition to the new one; may throw {@link TableStoreException} or
     *               {@link IllegalArgumentException} to refuse, leaving the table unchanged
     * @throws TableStoreException {@code NO_SUCH_TABLE}
     */
    public TableInfo alterTable(String project, String table, UnaryOperator<TableDefinition> change) {
        long id = db.transaction(c -> {
            TableInfo t = requireTable(c, project, table);
            TableDefinition next = change.apply(new TableDefinition(t.schema(), t.comment(), t.lifecycle(),
                    t.properties()));
            try (PreparedStatement st = c.prepareStatement("UPDATE odps_tables SET schema_json = ?, comment = ?,"
                    + " lifecycle = ?, properties = ?, ddl_ms = ? WHERE id = ?")) {
                st.setString(1, next.schema().toTunnelJson().toString());
                st.setString(2, next.comment());
                st.setLong(3, next.lifecycle());
                st.setString(4, json(next.properties()));
                st.setLong(5, clock.millis());
                st.setLong(6, t.id());
                st.executeUpdate();
            }
            return t.id();
        });
        return db.read(c -> findTableById(c, id)).orElseThrow();
    }

    /**
     * Renames a table (within its project); its partitions, rows and open sessions move with it.
     *
     * @throws TableStoreException {@code NO_SUCH_TABLE}, {@code TABLE_EXISTS} when the new name is taken
     */
    public void renameTable(String project, String table, String newName) {
        db.update(c -> {
            TableInfo t = requireTable(c, project, table);
            Optional<TableInfo> other = findTable(c, project, newName);
            if (other.isPresent() && other.get().id() != t.id()) {
                throw new TableStoreException(Reason.TABLE_EXISTS, "Table or view " + newName + " already exists");
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE odps_tables SET name = ?, name_lower = ?,"
                    + " ddl_ms = ? WHERE id = ?")) {
                st.setString(1, newName);
                st.setString(2, lower(newName));
                st.setLong(3, clock.millis());
                st.setLong(4, t.id());
                st.executeUpdate();
            }
        });
    }

    /**
     * Changes the owner a table's metadata reports ({@code ALTER TABLE … CHANGEOWNER TO}); a DDL change.
     *
     * @throws TableStoreException {@code NO_SUCH_TABLE}
     */
    public void changeOwner(String project, String table, String owner) {
        db.update(c -> {
            TableInfo t = requireTable(c, project, table);
            try (PreparedStatement st = c.prepareStatement("UPDATE odps_tables SET owner = ?, ddl_ms = ? WHERE id = ?")) {
                st.setString(1, owner);
                st.setLong(2, clock.millis());
                st.setLong(3, t.id());
                st.executeUpdate();
            }
        });
    }

    /**
     * Marks the table, or the given partitions, as modified now ({@code TOUCH}).
     *
     * @throws TableStoreException {@code NO_SUCH_TABLE}, {@code INVALID_PARTITION_SPEC}, {@code NO_SUCH_PARTITION}
     */
    public void touch(String project, String table, List<List<Map.Entry<String, String>>> specs) {
        db.update(c -> {
            TableInfo t = requireTable(c, project, table);
            long now = clock.millis();
            for (PartitionInfo p : targets(c, t, specs, false)) {
                try (PreparedStatement st = c.prepareStatement("UPDATE odps_partitions SET modified_ms = ?"
                        + " WHERE id = ?")) {
                    st.setLong(1, now);
                    st.setLong(2, p.id());
                    st.executeUpdate();
                }
            }
            touchDdl(c, t.id(), now);
        });
    }

    /**
     * Removes every row of the table, or of the given partitions ({@code TRUNCATE TABLE}); partitions stay. Download
     * sessions opened before see {@code StatusConflict}, as after an overwrite. Files are deleted after the commit.
     *
     * @throws TableStoreException {@code NO_SUCH_TABLE}, {@code INVALID_PARTITION_SPEC}, {@code NO_SUCH_PARTITION}
     */
    public void truncate(String project, String table, List<List<Map.Entry<String, String>>> specs) {
        Set<String> candidates = new HashSet<>();
        db.update(c -> {
            TableInfo t = requireTable(c, project, table);
            long now = clock.millis();
            for (PartitionInfo p : targets(c, t, specs, true)) {
                candidates.addAll(files(c, "SELECT file FROM odps_segments WHERE partition_id = ?", p.id()));
                try (PreparedStatement st = c.prepareStatement("DELETE FROM odps_segments WHERE partition_id = ?")) {
                    st.setLong(1, p.id());
                    st.executeUpdate();
                }
                try (PreparedStatement st = c.prepareStatement("UPDATE odps_partitions SET row_count = 0,"
                        + " byte_size = 0, generation = generation + 1, modified_ms = ? WHERE id = ?")) {
                    st.setLong(1, now);
                    st.setLong(2, p.id());
                    st.executeUpdate();
                }
            }
            touchDdl(c, t.id(), now);
        });
        deleteUnreferenced(candidates);
    }

    /**
     * Sets the lifecycle (days) of the given partitions.
     *
     * @throws TableStoreException {@code NO_SUCH_TABLE}, {@code INVALID_PARTITION_SPEC}, {@code NO_SUCH_PARTITION}
     */
    public void setPartitionLifecycle(String project, String table, List<List<Map.Entry<String, String>>> specs,
                                      long days) {
        db.update(c -> {
            TableInfo t = requireTable(c, project, table);
            long now = clock.millis();
            for (PartitionInfo p : targets(c, t, specs, false)) {
                try (PreparedStatement st = c.prepareStatement("UPDATE odps_partitions SET lifecycle = ?"
                        + " WHERE id = ?")) {
                    st.setLong(1, days);
                    st.setLong(2, p.id());
                    st.executeUpdate();
                }
            }
            touchDdl(c, t.id(), now);
        });
    }

    /**
     * Gives a partition new values ({@code ALTER TABLE ... PARTITION (old) RENAME TO PARTITION (new)}); its rows and
     * open sessions move with it.
     *
     * @throws TableStoreException {@code NO_SUCH_TABLE}, {@code INVALID_PARTITION_SPEC}, {@code NO_SUCH_PARTITION},
     *                             {@code PARTITION_EXISTS}
     */
    public void renamePartition(String project, String table, List<Map.Entry<String, String>> from,
                                List<Map.Entry<String, String>> to) {
        db.update(c -> {
            TableInfo t = requireTable(c, project, table);
            PartitionInfo p = targets(c, t, List.of(from), false).get(0);
            PartitionSpec target = toSpec(t, to);
            if (findPartition(c, t.id(), target).isPresent()) {
                throw new TableStoreException(Reason.PARTITION_EXISTS,
                        "Partition already exists, existed values: " + target.values());
            }
            long now = clock.millis();
            try (PreparedStatement st = c.prepareStatement("UPDATE odps_partitions SET spec_key = ?, spec_values = ?"
                    + " WHERE id = ?")) {
                st.setString(1, target.storageKey());
                st.setString(2, json(target.values()));
                st.setLong(3, p.id());
                st.executeUpdate();
            }
            touchDdl(c, t.id(), now);
        });
    }

    /** The partitions {@code specs} name (all data sets of the table when empty and {@code allWhenEmpty}). */
    private List<PartitionInfo> targets(Connection c, TableInfo t, List<List<Map.Entry<String, String>>> specs,
                                        boolean allWhenEmpty) throws SQLException {
        List<PartitionInfo> out = new ArrayList<>();
        if (specs.isEmpty()) {
            if (allWhenEmpty) {
                try (PreparedStatement st = c.prepareStatement("SELECT " + PARTITION_COLUMNS
                        + " FROM odps_partitions WHERE table_id = ?")) {
                    st.setLong(1, t.id());
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            out.add(partition(rs, t.schema()));
                        }
                    }
                }
            }
            return out;
        }
        for (List<Map.Entry<String, String>> pairs : specs) {
            PartitionSpec spec = toSpec(t, pairs);
            out.add(findPartition(c, t.id(), spec).orElseThrow(() -> new TableStoreException(
                    Reason.NO_SUCH_PARTITION, "partition " + spec + " not found")));
        }
        return out;
    }

    public Optional<TableInfo> findTable(String project, String name) {
        return db.read(c -> findTable(c, project, name));
    }

    /**
     * Tables of {@code project} whose lower-cased name starts with {@code prefix} (case-insensitive), ordered by
     * lower-cased name, after {@code marker} (a lower-cased name from a previous page), at most {@code max}.
     */
    public List<TableInfo> listTables(String project, String prefix, @Nullable String marker, int max) {
        return db.read(c -> {
            List<TableInfo> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + TABLE_COLUMNS + " FROM odps_tables t"
                    + " WHERE t.project = ? AND substr(t.name_lower, 1, ?) = ? AND t.name_lower > ?"
                    + " ORDER BY t.name_lower LIMIT ?")) {
                st.setString(1, project);
                st.setInt(2, prefix.length());
                st.setString(3, lower(prefix));
                st.setString(4, marker == null ? "" : marker);
                st.setInt(5, max);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(table(rs));
                    }
                }
            }
            return out;
        });
    }

    /** How many segment files hold the committed rows of a data set (the {@code FileNum} of extended metadata). */
    public long fileCount(PartitionInfo partition) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM odps_segments WHERE partition_id = ?"
                    + " AND generation = ?")) {
                st.setLong(1, partition.id());
                st.setLong(2, partition.generation());
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** The partition with exactly {@code spec}, if any. */
    public Optional<PartitionInfo> findPartition(TableInfo table, PartitionSpec spec) {
        return db.read(c -> findPartition(c, table.id(), spec));
    }

    /** All partitions of a partitioned table (none for an unpartitioned one), ordered by spec values. */
    public List<PartitionInfo> listPartitions(TableInfo table) {
        return db.read(c -> {
            List<PartitionInfo> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + PARTITION_COLUMNS + " FROM odps_partitions"
                    + " WHERE table_id = ? AND spec_key <> '' ORDER BY spec_key")) {
                st.setLong(1, table.id());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(partition(rs, table.schema()));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The data set a tunnel call addresses: the named partition of a partitioned table, or the implicit one of an
     * unpartitioned table ({@code partition} null or blank).
     *
     * @throws TableStoreException {@code MISSING_PARTITION_SPEC}, {@code INVALID_PARTITION_SPEC},
     *                             {@code NO_SUCH_PARTITION}
     */
    public PartitionInfo resolveDataSet(TableInfo table, @Nullable String partition) {
        PartitionSpec spec;
        if (partition == null || partition.isBlank()) {
            if (table.schema().isPartitioned()) {
                throw new TableStoreException(Reason.MISSING_PARTITION_SPEC, "table " + table.name()
                        + " is partitioned; a partition spec is required");
            }
            spec = PartitionSpec.NONE;
        } else {
            if (!table.schema().isPartitioned()) {
                throw new TableStoreException(Reason.INVALID_PARTITION_SPEC, "table " + table.name()
                        + " is not partitioned");
            }
            spec = parseSpec(table, partition);
        }
        return findPartition(table, spec).orElseThrow(() -> new TableStoreException(Reason.NO_SUCH_PARTITION,
                "The specified partition does not exist: " + spec));
    }

    /**
     * Parses a partition spec in any client spelling against the table's keys.
     *
     * @throws TableStoreException {@code INVALID_PARTITION_SPEC}
     */
    public PartitionSpec parseSpec(TableInfo table, String text) {
        try {
            return PartitionSpec.parse(table.schema().partitionKeys(), text);
        } catch (IllegalArgumentException e) {
            throw new TableStoreException(Reason.INVALID_PARTITION_SPEC,
                    Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    /** Removes segment files that no database row references (leftovers of a crash); call once at start-up. */
    public void sweepOrphans() {
        try {
            Set<String> onDisk = files.sweepAndList();
            Set<String> referenced = db.read(c -> {
                Set<String> out = new HashSet<>(files(c, "SELECT file FROM odps_segments", null));
                out.addAll(files(c, "SELECT file FROM odps_upload_blocks", null));
                return out;
            });
            for (String name : onDisk) {
                if (!referenced.contains(name)) {
                    files.delete(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sweep table storage", e);
        }
    }

    // ---- shared with TunnelStore -------------------------------------------------------------------------------

    /** Deletes those of {@code candidates} that no row references any more. */
    void deleteUnreferenced(Set<String> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        Set<String> stillUsed = db.read(c -> {
            Set<String> out = new HashSet<>();
            for (String name : candidates) {
                try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM odps_segments WHERE file = ?"
                        + " UNION ALL SELECT 1 FROM odps_upload_blocks WHERE file = ? LIMIT 1")) {
                    st.setString(1, name);
                    st.setString(2, name);
                    try (ResultSet rs = st.executeQuery()) {
                        if (rs.next()) {
                            out.add(name);
                        }
                    }
                }
            }
            return out;
        });
        for (String name : candidates) {
            if (!stillUsed.contains(name)) {
                try {
                    files.delete(name);
                } catch (IOException e) {
                    // the data is already unreferenced; the start-up sweep retries the deletion
                    LOG.warn("cannot delete segment {}: {}", name, e.getMessage());
                }
            }
        }
    }

    static List<String> files(Connection c, String sql, @Nullable Long id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (id != null) {
                st.setLong(1, id);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    Optional<PartitionInfo> findPartitionById(Connection c, long partitionId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + PARTITION_COLUMNS + ", (SELECT schema_json FROM"
                + " odps_tables t WHERE t.id = table_id) FROM odps_partitions WHERE id = ?")) {
            st.setLong(1, partitionId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                TableSchema schema = TableSchema.fromJson(rs.getString(10));
                return Optional.of(partition(rs, schema));
            }
        }
    }

    Optional<TableInfo> findTableById(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + TABLE_COLUMNS + " FROM odps_tables t"
                + " WHERE t.id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(table(rs)) : Optional.empty();
            }
        }
    }

    // ---- internals ---------------------------------------------------------------------------------------------

    private TableInfo requireTable(Connection c, String project, String name) throws SQLException {
        return findTable(c, project, name).orElseThrow(() -> new TableStoreException(Reason.NO_SUCH_TABLE,
                "table " + project + "." + name + " not found"));
    }

    private static PartitionSpec toSpec(TableInfo t, List<Map.Entry<String, String>> pairs) {
        if (!t.schema().isPartitioned()) {
            throw new TableStoreException(Reason.INVALID_PARTITION_SPEC, "table " + t.name() + " is not partitioned");
        }
        try {
            return PartitionSpec.of(t.schema().partitionKeys(), pairs);
        } catch (IllegalArgumentException e) {
            throw new TableStoreException(Reason.INVALID_PARTITION_SPEC,
                    Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    private Optional<TableInfo> findTable(Connection c, String project, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + TABLE_COLUMNS + " FROM odps_tables t"
                + " WHERE t.project = ? AND t.name_lower = ?")) {
            st.setString(1, project);
            st.setString(2, lower(name));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(table(rs)) : Optional.empty();
            }
        }
    }

    private Optional<PartitionInfo> findPartition(Connection c, long tableId, PartitionSpec spec) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + PARTITION_COLUMNS + ", (SELECT schema_json FROM"
                + " odps_tables t WHERE t.id = table_id) FROM odps_partitions WHERE table_id = ? AND spec_key = ?")) {
            st.setLong(1, tableId);
            st.setString(2, spec.storageKey());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(partition(rs, TableSchema.fromJson(rs.getString(10))));
            }
        }
    }

    private static void insertPartition(Connection c, long tableId, PartitionSpec spec, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO odps_partitions(table_id, spec_key, spec_values,"
                + " created_ms, modified_ms, generation, row_count, byte_size) VALUES (?, ?, ?, ?, ?, 0, 0, 0)")) {
            st.setLong(1, tableId);
            st.setString(2, spec.storageKey());
            st.setString(3, json(spec.values()));
            st.setLong(4, now);
            st.setLong(5, now);
            st.executeUpdate();
        }
    }

    private static void touchDdl(Connection c, long tableId, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE odps_tables SET ddl_ms = ? WHERE id = ?")) {
            st.setLong(1, now);
            st.setLong(2, tableId);
            st.executeUpdate();
        }
    }

    private static TableInfo table(ResultSet rs) throws SQLException {
        long created = rs.getLong(9);
        long ddl = rs.getLong(10);
        long modified = Math.max(ddl, rs.getLong(11));
        return new TableInfo(rs.getLong(1), rs.getString(2), rs.getString(3), TableSchema.fromJson(rs.getString(4)),
                rs.getString(5), rs.getLong(6), rs.getString(7), rs.getString(8), Instant.ofEpochMilli(created),
                Instant.ofEpochMilli(ddl), Instant.ofEpochMilli(modified), rs.getLong(12), rs.getLong(13),
                properties(rs.getString(14)));
    }

    private static PartitionInfo partition(ResultSet rs, TableSchema schema) throws SQLException {
        List<String> values;
        try {
            values = List.of(JSON.readValue(rs.getString(3), String[].class));
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt partition values " + rs.getString(3), e);
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            keys.add(schema.partitionKeys().get(i).name());
        }
        return new PartitionInfo(rs.getLong(1), rs.getLong(2), new PartitionSpec(keys, values),
                Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getLong(6),
                rs.getLong(7), rs.getLong(8), rs.getLong(9));
    }

    private static Map<String, String> properties(@Nullable String text) throws SQLException {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, String> out = new LinkedHashMap<>();
            JSON.readTree(text).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt table properties " + text, e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value, e);
        }
    }

    static long generatedKey(PreparedStatement st) throws SQLException {
        try (ResultSet keys = st.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key");
            }
            return keys.getLong(1);
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
