package org.odpsexplorer.app.grid;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.TableSource;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * What the grid needs from one project's tables and table resources. Production adapts the SDK
 * ({@link SdkTableBackend}); view-model tests may use an in-memory one. Every method blocks on the network: call it
 * through a {@link org.odpsexplorer.app.common.UiExecutor}, never on the FX thread. Failures are the SDK's unchecked
 * exceptions ({@code OdpsException} with the server's code and message).
 *
 * <p>Table names are {@code table} or {@code project.table}; partition specs are in any spelling the SDK accepts
 * ({@code pt=20240101}, {@code pt='20240101'}); null means the whole (unpartitioned) table.
 */
public interface TableBackend {
    /** The tables of the project, by name. */
    List<String> listTables();

    TableSchema schema(String table);

    /** The table's partitions with their record counts, in the server's order. */
    List<PartitionEntry> listPartitions(String table);

    /** One page of a partition listing; record counts are -1 (the listing has none). */
    record PartitionBatch(List<PartitionEntry> entries, @Nullable String marker) {
        public PartitionBatch {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One page of the table's partitions, one request ({@code maxitems}/{@code marker}); {@code prefix} a leading
     * partition spec the server narrows to, or null. The default lists everything at once (for small backends).
     */
    default PartitionBatch listPartitionPage(String table, @Nullable String prefix, @Nullable String marker,
                                             int maxItems) {
        return new PartitionBatch(listPartitions(table), null);
    }

    /** Rows in one partition (one request), -1 when the server does not say. */
    default long recordCount(String table, String partition) {
        return listPartitions(table).stream().filter(p -> p.spec().equals(partition)).mapToLong(PartitionEntry::recordCount)
                .findFirst().orElse(-1);
    }

    /** Opens a reader over a snapshot of the partition's records; the caller closes it. */
    RecordPager openPager(String table, @Nullable String partition);

    /**
     * Writes {@code rows} (typed values in column order) in one upload session and commits: all rows or none.
     *
     * @param overwrite replace the partition's rows instead of appending
     */
    void write(String table, @Nullable String partition, boolean overwrite, List<List<@Nullable Object>> rows);

    /** Where table resource {@code resource} points now. */
    TableSource resourceSource(String resource);

    /** Re-points the resource ({@code update(partition, project)}); returns the new source as the server reports it. */
    TableSource pointResource(String resource, @Nullable String partition, @Nullable String project);

    /** Creates a table resource over {@code table} (and {@code partition}, or the whole table when null). */
    void createTableResource(String name, String table, @Nullable String partition);
}
