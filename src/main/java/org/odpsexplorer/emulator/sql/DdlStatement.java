package org.odpsexplorer.emulator.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.Column;

/** One parsed statement of the supported DDL subset ({@code protocol/instances.md} §7). */
public sealed interface DdlStatement {
    TableName table();

    /** {@code [project.[schema.]]table} as written; null parts were not given. */
    record TableName(@Nullable String project, @Nullable String schema, String name) {
        public TableName {
            Objects.requireNonNull(name, "name == null");
        }
    }

    /** A partition spec as written: {@code (key, value)} pairs in statement order, values unquoted. */
    record PartitionValues(List<Map.Entry<String, String>> pairs) {
        public PartitionValues {
            pairs = List.copyOf(pairs);
        }
    }

    record CreateTable(TableName table, boolean ifNotExists, List<Column> columns, List<Column> partitionKeys,
                       String comment, long lifecycle, Map<String, String> properties) implements DdlStatement {
        public CreateTable {
            columns = List.copyOf(columns);
            partitionKeys = List.copyOf(partitionKeys);
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        public CreateTable(TableName table, boolean ifNotExists, List<Column> columns, List<Column> partitionKeys,
                           String comment, long lifecycle) {
            this(table, ifNotExists, columns, partitionKeys, comment, lifecycle, Map.of());
        }
    }

    /** {@code CREATE TABLE [IF NOT EXISTS] t LIKE source [LIFECYCLE n]}: columns, partition keys and comment. */
    record CreateTableLike(TableName table, boolean ifNotExists, TableName source, long lifecycle)
            implements DdlStatement {
    }

    /** {@code ALTER TABLE t ADD COLUMNS [IF NOT EXISTS] (...)}. */
    record AddColumns(TableName table, boolean ifNotExists, List<Column> columns) implements DdlStatement {
        public AddColumns {
            columns = List.copyOf(columns);
        }
    }

    /**
     * {@code ALTER TABLE t CHANGE [COLUMN] c ...}: a new name ({@code RENAME TO n}, or {@code n type}), a type (the old
     * one or a widening of it, see {@code DdlExecutor.widens}) and / or a comment; null parts stay as they are.
     */
    record ChangeColumn(TableName table, String column, @Nullable String newName, @Nullable String type,
                        @Nullable String comment) implements DdlStatement {
    }

    /** {@code ALTER TABLE t CHANGEOWNER TO 'account'}: the table's owner as its metadata reports it. */
    record ChangeOwner(TableName table, String owner) implements DdlStatement {
    }

    /** {@code ALTER TABLE t [PARTITION (...)] SET LIFECYCLE n}; no partitions = the table's lifecycle. */
    record SetLifecycle(TableName table, List<PartitionValues> partitions, long days) implements DdlStatement {
        public SetLifecycle {
            partitions = List.copyOf(partitions);
        }
    }

    /** {@code ALTER TABLE t SET COMMENT '...'}. */
    record SetComment(TableName table, String comment) implements DdlStatement {
    }

    /** {@code ALTER TABLE t SET TBLPROPERTIES ('k'='v', ...)}: merged into the existing properties. */
    record SetProperties(TableName table, Map<String, String> properties) implements DdlStatement {
        public SetProperties {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }
    }

    /** {@code ALTER TABLE t RENAME TO n}. */
    record RenameTable(TableName table, String newName) implements DdlStatement {
    }

    /** {@code ALTER TABLE t PARTITION (old) RENAME TO PARTITION (new)}. */
    record RenamePartition(TableName table, PartitionValues from, PartitionValues to) implements DdlStatement {
    }

    /** {@code ALTER TABLE t TOUCH [PARTITION (...)]} (also {@code ALTER TABLE t PARTITION (...) TOUCH}). */
    record Touch(TableName table, List<PartitionValues> partitions) implements DdlStatement {
        public Touch {
            partitions = List.copyOf(partitions);
        }
    }

    /** {@code TRUNCATE TABLE t [PARTITION (...), ...]}. */
    record Truncate(TableName table, List<PartitionValues> partitions) implements DdlStatement {
        public Truncate {
            partitions = List.copyOf(partitions);
        }
    }

    record AddPartitions(TableName table, boolean ifNotExists, List<PartitionValues> partitions)
            implements DdlStatement {
        public AddPartitions {
            partitions = List.copyOf(partitions);
        }
    }

    record DropPartitions(TableName table, boolean ifExists, List<PartitionValues> partitions)
            implements DdlStatement {
        public DropPartitions {
            partitions = List.copyOf(partitions);
        }
    }

    record DropTable(TableName table, boolean ifExists) implements DdlStatement {
    }
}
