package org.odpsexplorer.app.grid;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.Resource;
import org.odpsexplorer.sdk.TableResource;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.sdk.table.Partition;
import org.odpsexplorer.sdk.table.PartitionPage;
import org.odpsexplorer.sdk.table.Record;
import org.odpsexplorer.sdk.table.RecordReader;
import org.odpsexplorer.sdk.table.RecordWriter;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.sdk.table.WriterOptions;
import org.odpsexplorer.wire.TableSource;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * {@link TableBackend} over the SDK client of one project: tables and partitions from the REST API, records through
 * tunnel download sessions ({@link RecordReader}, one per pager), writes through one upload session
 * ({@link RecordWriter}). Blocking, thread-safe as the SDK client is; the client is owned by the caller.
 */
public final class SdkTableBackend implements TableBackend {
    private final Odps odps;

    public SdkTableBackend(Odps odps) {
        this.odps = odps;
    }

    @Override
    public List<String> listTables() {
        List<String> names = new ArrayList<>();
        for (Table t : odps.listTables()) {
            names.add(t.name());
        }
        return names;
    }

    @Override
    public TableSchema schema(String table) {
        return odps.getTable(table).getSchema();
    }

    @Override
    public List<PartitionEntry> listPartitions(String table) {
        List<PartitionEntry> out = new ArrayList<>();
        for (Partition p : odps.getTable(table).listPartitions()) {
            out.add(new PartitionEntry(p.spec().values(), p.recordCount()));
        }
        return out;
    }

    @Override
    public PartitionBatch listPartitionPage(String table, @Nullable String prefix, @Nullable String marker,
                                            int maxItems) {
        PartitionPage page = odps.getTable(table).listPartitions(prefix, marker, maxItems);
        List<PartitionEntry> out = new ArrayList<>();
        for (Partition p : page.partitions()) {
            out.add(new PartitionEntry(p.spec().values(), p.recordCount()));
        }
        return new PartitionBatch(out, page.marker());
    }

    @Override
    public long recordCount(String table, String partition) {
        return odps.getTable(table).getPartition(partition).recordCount();
    }

    @Override
    public RecordPager openPager(String table, @Nullable String partition) {
        RecordReader reader = odps.getTable(table)
                .openReader(partition == null ? null : PartitionSpec.parse(partition));
        return new RecordPager() {
            @Override
            public long count() {
                return reader.getCount();
            }

            @Override
            public List<List<@Nullable Object>> read(long start, int count) {
                long n = Math.min(count, reader.getCount() - start);
                List<List<@Nullable Object>> rows = new ArrayList<>((int) Math.max(0, n));
                if (n <= 0) {
                    return rows;
                }
                for (Record r : reader.readPage(start, n)) {
                    rows.add(r.values());
                }
                return rows;
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    @Override
    public void write(String table, @Nullable String partition, boolean overwrite,
                      List<List<@Nullable Object>> rows) {
        RecordWriter writer = odps.getTable(table).openWriter(partition == null ? null : PartitionSpec.parse(partition),
                WriterOptions.DEFAULTS.withOverwrite(overwrite));
        try {
            for (List<@Nullable Object> row : rows) {
                writer.write(row);
            }
        } catch (RuntimeException e) {
            writer.abort(); // all or nothing: nothing of a failed batch may be committed
            throw e;
        }
        writer.close();
    }

    @Override
    public TableSource resourceSource(String resource) {
        return tableResource(resource).tableSource();
    }

    @Override
    public TableSource pointResource(String resource, @Nullable String partition, @Nullable String project) {
        return tableResource(resource).update(partition, project).tableSource();
    }

    @Override
    public void createTableResource(String name, String table, @Nullable String partition) {
        odps.createTableResource(name, table, partition);
    }

    private TableResource tableResource(String name) {
        Resource r = odps.getResource(name);
        if (r instanceof TableResource t) {
            return t;
        }
        throw new IllegalArgumentException(name + " is a " + r.type().wireName() + " resource, not a table resource");
    }
}
