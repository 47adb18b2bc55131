package org.odpsexplorer.emulator.sql;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.Column;

/** One parsed statement of the supported DDL subset ({@code instances.md} §7). */
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
                       String comment, long lifecycle) implements DdlStatement {
        public CreateTable {
            columns = List.copyOf(columns);
            partitionKeys = List.copyOf(partitionKeys);
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
