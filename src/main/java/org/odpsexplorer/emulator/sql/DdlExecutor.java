package org.odpsexplorer.emulator.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.odpsexplorer.emulator.sql.DdlStatement.AddColumns;
import org.odpsexplorer.emulator.sql.DdlStatement.AddPartitions;
import org.odpsexplorer.emulator.sql.DdlStatement.ChangeColumn;
import org.odpsexplorer.emulator.sql.DdlStatement.ChangeOwner;
import org.odpsexplorer.emulator.sql.DdlStatement.CreateTable;
import org.odpsexplorer.emulator.sql.DdlStatement.CreateTableLike;
import org.odpsexplorer.emulator.sql.DdlStatement.DropPartitions;
import org.odpsexplorer.emulator.sql.DdlStatement.DropTable;
import org.odpsexplorer.emulator.sql.DdlStatement.PartitionValues;
import org.odpsexplorer.emulator.sql.DdlStatement.RenamePartition;
import org.odpsexplorer.emulator.sql.DdlStatement.RenameTable;
import org.odpsexplorer.emulator.sql.DdlStatement.SetComment;
import org.odpsexplorer.emulator.sql.DdlStatement.SetLifecycle;
import org.odpsexplorer.emulator.sql.DdlStatement.SetProperties;
import org.odpsexplorer.emulator.sql.DdlStatement.TableName;
import org.odpsexplorer.emulator.sql.DdlStatement.Touch;
import org.odpsexplorer.emulator.sql.DdlStatement.Truncate;
import org.odpsexplorer.emulator.store.ProjectStore;
import org.odpsexplorer.emulator.table.TableInfo;
import org.odpsexplorer.emulator.table.TableStore.TableDefinition;
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

    /** Longest table / column name (characters). */
    static final int MAX_NAME_LENGTH = 128;
    private static final Pattern VALID_NAME =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0," + (MAX_NAME_LENGTH - 1) + "}");

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
                checkName("table", table);
                checkColumns(c.columns(), c.partitionKeys());
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
                    throw SqlException.semantic(Objects.requireNonNullElse(e.getMessage(), e.toString()));
                }
                tables.createTable(target, table, schema, c.comment(), c.lifecycle(), c.properties(), owner,
                        c.ifNotExists());
            } else if (statement instanceof CreateTableLike c) {
                checkName("table", table);
                String sourceProject = project(project, c.source());
                TableInfo source = tables.findTable(sourceProject, c.source().name()).orElseThrow(
                        () -> SqlException.tableNotFound(sourceProject, c.source().name()));
                tables.createTable(target, table, source.schema(), source.comment(), c.lifecycle(),
                        source.properties(), owner, c.ifNotExists());
            } else if (statement instanceof AddPartitions a) {
                tables.addPartitions(target, table, pairs(a.partitions()), a.ifNotExists());
            } else if (statement instanceof DropPartitions d) {
                tables.dropPartitions(target, table, pairs(d.partitions()), d.ifExists());
            } else if (statement instanceof DropTable d) {
                tables.dropTable(target, table, d.ifExists());
            } else if (statement instanceof AddColumns a) {
                checkColumns(a.columns(), List.of());
                tables.alterTable(target, table, def -> addColumns(def, a));
            } else if (statement instanceof ChangeColumn c) {
                if (c.newName() != null) {
                    checkName("column", c.newName());
                }
                tables.alterTable(target, table, def -> changeColumn(def, c));
            } else if (statement instanceof SetLifecycle l) {
                if (l.partitions().isEmpty()) {
                    tables.alterTable(target, table, def -> new TableDefinition(def.schema(), def.comment(),
                            l.days(), def.properties()));
                } else {
                    tables.setPartitionLifecycle(target, table, pairs(l.partitions()), l.days());
                }
            } else if (statement instanceof SetComment c) {
                tables.alterTable(target, table, def -> new TableDefinition(def.schema(), c.comment(),
                        def.lifecycle(), def.properties()));
            } else if (statement instanceof SetProperties sp) {
                tables.alterTable(target, table, def -> {
                    Map<String, String> merged = new LinkedHashMap<>(def.properties());
                    merged.putAll(sp.properties());
                    return new TableDefinition(def.schema(), def.comment(), def.lifecycle(), merged);
                });
            } else if (statement instanceof RenameTable r) {
                checkName("table", r.newName());
                tables.renameTable(target, table, r.newName());
            } else if (statement instanceof RenamePartition r) {
                tables.renamePartition(target, table, r.from().pairs(), r.to().pairs());
            } else if (statement instanceof ChangeOwner o) {
                tables.changeOwner(target, table, o.owner());
            } else if (statement instanceof Touch t) {
                tables.touch(target, table, pairs(t.partitions()));
            } else if (statement instanceof Truncate t) {
                tables.truncate(target, table, pairs(t.partitions()));
            }
        } catch (TableStoreException e) {
            throw switch (e.reason()) {
                case NO_SUCH_TABLE -> SqlException.tableNotFound(target, table);
                case TABLE_EXISTS -> SqlException.ddl("AlreadyExistsException(message:" + e.getMessage() + ")");
                case PARTITION_EXISTS -> SqlException.ddl("AlreadyExistsException(message:" + e.getMessage() + ")");
                case NO_SUCH_PARTITION -> SqlException.ddl("NoSuchObjectException(message:" + e.getMessage() + ")");
                default -> SqlException.semantic(e.getMessage());
            };
        }
    }

    /**
     * Table, column and partition-column names as the service accepts them: ASCII letters, digits and {@code _}, not
     * starting with a digit, 1 to {@value #MAX_NAME_LENGTH} characters (backquotes do not lift the rule).
     *
     * @throws SqlException {@code ODPS-0130071} naming the rule
     */
    static String checkName(String what, String name) {
        if (!VALID_NAME.matcher(name).matches()) {
            throw SqlException.semantic("invalid " + what + " name '" + name + "': names consist of ASCII letters,"
                    + " digits and '_', do not start with a digit and are at most " + MAX_NAME_LENGTH
                    + " characters long");
        }
        return name;
    }

    private static void checkColumns(List<Column> columns, List<Column> partitionKeys) {
        for (Column c : columns) {
            checkName("column", c.name());
        }
        for (Column c : partitionKeys) {
            checkName("partition column", c.name());
        }
    }

    private static TableDefinition addColumns(TableDefinition def, AddColumns a) {
        List<Column> columns = new ArrayList<>(def.schema().columns());
        for (Column c : a.columns()) {
            if (exists(def.schema(), c.name())) {
                if (a.ifNotExists()) {
                    continue;
                }
                throw SqlException.semantic("column " + c.name() + " already exists");
            }
            if (!c.nullable()) {
                throw SqlException.semantic("column " + c.name() + " cannot be NOT NULL: existing rows have no value");
            }
            columns.add(c);
        }
        return new TableDefinition(schema(columns, def.schema().partitionKeys()), def.comment(), def.lifecycle(),
                def.properties());
    }

    private static TableDefinition changeColumn(TableDefinition def, ChangeColumn change) {
        List<Column> columns = new ArrayList<>(def.schema().columns());
        List<Column> keys = new ArrayList<>(def.schema().partitionKeys());
        List<Column> list = columns;
        int i = indexOf(columns, change.column());
        if (i < 0) {
            list = keys;
            i = indexOf(keys, change.column());
        }
        if (i < 0) {
            throw SqlException.semantic("column " + change.column() + " does not exist");
        }
        Column old = list.get(i);
        OdpsType type = old.type();
        if (change.type() != null && !change.type().equals(old.type().typeName())) {
            OdpsType wanted = OdpsType.parse(change.type());
            if (list == keys || !widens(old.type(), wanted)) {
                throw SqlException.semantic("changing the type of column " + old.name() + " from "
                        + old.type().typeName() + " to " + wanted.typeName() + " is not supported by the emulator"
                        + " (it widens data columns only: TINYINT→SMALLINT→INT→BIGINT, VARCHAR/CHAR to a longer"
                        + " one or STRING, DECIMAL to one with no fewer integer and fraction digits)");
            }
            type = wanted;
        }
        String newName = change.newName() == null ? old.name() : change.newName();
        if (!newName.equalsIgnoreCase(old.name()) && exists(def.schema(), newName)) {
            throw SqlException.semantic("column " + newName + " already exists");
        }
        list.set(i, new Column(newName, type, change.comment() == null ? old.comment() : change.comment(),
                old.nullable()));
        return new TableDefinition(schema(columns, keys), def.comment(), def.lifecycle(), def.properties());
    }

    /**
     * Whether every value of {@code from} is a value of {@code to} with the same bytes in a stored record stream
     * (protocol/tunnel.md §10.2), so stored rows read on under the new type unchanged: integers widen (all are zigzag varints
     * with an int64 CRC input), VARCHAR / CHAR lengthen or become STRING (raw bytes), DECIMAL keeps at least its
     * integer and fraction digits (plain text). FLOAT → DOUBLE is not among them: the wire types differ.
     */
    static boolean widens(OdpsType from, OdpsType to) {
        List<OdpsType.Kind> integers = List.of(OdpsType.Kind.TINYINT, OdpsType.Kind.SMALLINT, OdpsType.Kind.INT,
                OdpsType.Kind.BIGINT);
        if (integers.contains(from.kind()) && integers.contains(to.kind())) {
            return integers.indexOf(to.kind()) >= integers.indexOf(from.kind());
        }
        if (from instanceof OdpsType.VarcharType v) {
            return to.kind() == OdpsType.Kind.STRING || to instanceof OdpsType.VarcharType w && w.length() >= v.length();
        }
        if (from instanceof OdpsType.CharType c) {
            return to.kind() == OdpsType.Kind.STRING || to instanceof OdpsType.VarcharType w && w.length() >= c.length()
                    || to instanceof OdpsType.CharType d && d.length() >= c.length();
        }
        if (from instanceof OdpsType.DecimalType d && to instanceof OdpsType.DecimalType e) {
            return e.scale() >= d.scale() && e.precision() - e.scale() >= d.precision() - d.scale();
        }
        return false;
    }

    private static TableSchema schema(List<Column> columns, List<Column> keys) {
        try {
            return new TableSchema(columns, keys);
        } catch (IllegalArgumentException e) {
            throw SqlException.semantic(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    private static boolean exists(TableSchema schema, String name) {
        return indexOf(schema.columns(), name) >= 0 || indexOf(schema.partitionKeys(), name) >= 0;
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
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
