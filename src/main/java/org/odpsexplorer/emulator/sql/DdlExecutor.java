package org.odpsexplorer.emulator.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.odpsexplorer.emulator.sql.DdlStatement.AddPartitions;
import org.odpsexplorer.emulator.sql.DdlStatement.CreateTable;
import org.odpsexplorer.emulator.sql.DdlStatement.DropPartitions;
import org.odpsexplorer.emulator.sql.DdlStatement.DropTable;
import org.odpsexplorer.emulator.sql.DdlStatement.PartitionValues;
import org.odpsexplorer.emulator.sql.DdlStatement.TableName;
import org.odpsexplorer.emulator.store.ProjectStore;
import org.odpsexplorer.emulator.table.TableStore;
import org.odpsexplorer.emulator.table.TableStoreException;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsType;
import org.odpsexplorer.wire.tunnel.TableSchema;

/** Runs one DDL statement against the {@link TableStore}; failures become {@link SqlException}s. Thread-safe. */
public final class DdlExecutor {
    /** Partition key types MaxCompute allows. */
    private static final Set<OdpsType.Kind> PARTITION_KEY_KINDS = Set.of(OdpsType.Kind.STRING, OdpsType.Kind.BIGINT,
            OdpsType.Kind.INT, OdpsType.Kind.SMALLINT, OdpsType.Kind.TINYINT, OdpsType.Kind.VARCHAR,
            OdpsType.Kind.CHAR);

    private final ProjectStore projects;
    private final TableStore tables;

    public DdlExecutor(ProjectStore projects, TableStore tables) {
        this.projects = projects;
        this.tables = tables;
    }

    /**
     * Parses and runs {@code sql} in {@code project} on behalf of {@code owner}.
     *
     * @throws SqlException with the task result text when the statement is unsupported or fails
     */
    public void run(String project, String sql, String owner) {
        DdlStatement statement = DdlParser.parse(sql);
        String target = project(project, statement.table());
        String table = statement.table().name();
        try {
            if (statement instanceof CreateTable c) {
                for (Column key : c.partitionKeys()) {
                    if (!PARTITION_KEY_KINDS.contains(key.type().kind())) {
                        throw SqlException.semantic("partition column " + key.name() + " cannot be of type "
                                + key.type().typeName());
                    }
                }
                TableSchema schema;
                try {
                    schema = new TableSchema(c.columns(), c.partitionKeys());
                } catch (IllegalArgumentException e) {
                    throw SqlException.semantic(e.getMessage());
                }
                tables.createTable(target, table, schema, c.comment(), c.lifecycle(), owner, c.ifNotExists());
            } else if (statement instanceof AddPartitions a) {
                tables.addPartitions(target, table, pairs(a.partitions()), a.ifNotExists());
            } else if (statement instanceof DropPartitions d) {
                tables.dropPartitions(target, table, pairs(d.partitions()), d.ifExists());
            } else if (statement instanceof DropTable d) {
                tables.dropTable(target, table, d.ifExists());
            }
        } catch (TableStoreException e) {
            throw switch (e.reason()) {
                case NO_SUCH_TABLE -> SqlException.tableNotFound(target, table);
                case TABLE_EXISTS -> SqlException.ddl("AlreadyExistsException(message:Table or view " + table
                        + " already exists)");
                case PARTITION_EXISTS -> SqlException.ddl("AlreadyExistsException(message:" + e.getMessage() + ")");
                case NO_SUCH_PARTITION -> SqlException.ddl("NoSuchObjectException(message:" + e.getMessage() + ")");
                default -> SqlException.semantic(e.getMessage());
            };
        }
    }

    private String project(String current, TableName name) {
        if (name.schema() != null && !name.schema().equalsIgnoreCase("default")) {
            throw SqlException.semantic("schema " + name.schema() + " does not exist (only 'default' is supported)");
        }
        String p = name.project() == null ? current : name.project();
        if (!p.equals(current) && projects.find(p).isEmpty()) {
            throw new SqlException("ODPS-0130131:[1,1] Table not found - project " + p + " not found");
        }
        return p;
    }

    private static List<List<Map.Entry<String, String>>> pairs(List<PartitionValues> specs) {
        List<List<Map.Entry<String, String>>> out = new ArrayList<>();
        for (PartitionValues v : specs) {
            out.add(v.pairs());
        }
        return out;
    }
}
