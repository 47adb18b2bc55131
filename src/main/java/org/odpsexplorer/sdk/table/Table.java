package org.odpsexplorer.sdk.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.tunnel.PartitionMeta;
import org.odpsexplorer.sdk.internal.tunnel.TableApi;
import org.odpsexplorer.sdk.internal.tunnel.TableHandles;
import org.odpsexplorer.sdk.internal.tunnel.TableMeta;
import org.odpsexplorer.sdk.internal.tunnel.TunnelSession;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * A table of a project, as PyODPS's {@code Table}: schema and metadata (read on first use, refreshed by
 * {@link #reload()}), partitions with their record counts, partition DDL through SQL instances, and rows through the
 * tunnel ({@link #openReader}, {@link #openWriter}). Obtain it from {@code Odps.getTable}.
 *
 * <p>Thread-safe (the metadata snapshot is replaced atomically); every method may do blocking network I/O on the
 * calling thread. Failures are {@link OdpsException}s: a missing table or partition is a
 * {@link NoSuchObjectException} whose {@code errorCode()} keeps the server's code ({@code NoSuchObject},
 * {@code NoSuchTable}, {@code NoSuchPartition}, or the {@code ODPS-NNNNNNN} code of a failed DDL task).
 */
public final class Table {
    private final TableApi api;
    private final String project;
    private final String name;
    private volatile @Nullable TableMeta meta;

    static {
        TableHandles.register(Table.class, Table::new); // how Odps.getTable creates handles (see TableHandles)
    }

    /** {@code meta} may be a listing snapshot or null (loaded lazily). */
    private Table(TableApi api, String project, String name, @Nullable TableMeta meta) {
        this.api = Objects.requireNonNull(api, "api");
        this.project = Objects.requireNonNull(project, "project");
        this.name = Objects.requireNonNull(name, "name");
        this.meta = meta != null && meta.schema() != null ? meta : null;
    }

    public String project() {
        return project;
    }

    public String name() {
        return name;
    }

    /** {@code project.table}. */
    public String qualifiedName() {
        return project + "." + name;
    }

    /**
     * The data columns and partition keys.
     *
     * @throws NoSuchObjectException when the table does not exist
     */
    public TableSchema getSchema() {
        TableSchema schema = meta().schema();
        if (schema == null) {
            throw new IllegalStateException("table " + qualifiedName() + " has no schema");
        }
        return schema;
    }

    public boolean isPartitioned() {
        return getSchema().isPartitioned();
    }

    public String comment() {
        return meta().comment();
    }

    public @Nullable String owner() {
        return meta().owner();
    }

    /** Lifecycle in days, -1 when unset. */
    public long lifecycle() {
        return meta().lifecycle();
    }

    public @Nullable Instant creationTime() {
        return meta().creationTime();
    }

    public @Nullable Instant lastModifiedTime() {
        return meta().lastModifiedTime();
    }

    /** Rows as the service reports them for the table, -1 when unknown (partitioned tables: see partitions). */
    public long recordCount() {
        return meta().recordCount();
    }

    /** Re-reads the metadata (one GET) and returns this table. */
    public Table reload() {
        meta = api.get(project, name);
        return this;
    }

    private TableMeta meta() {
        TableMeta m = meta;
        if (m == null) {
            m = api.get(project, name);
            meta = m;
        }
        return m;
    }

    /** A new, all-NULL record with this table's data columns. */
    public Record newRecord() {
        return new Record(getSchema().columns());
    }

    /**
     * The table's partitions with their record counts (one listing, then one GET per partition for the count).
     * Empty for an unpartitioned table.
     */
    public List<Partition> listPartitions() {
        List<Partition> out = new ArrayList<>();
        for (Map<String, String> values : api.partitionSpecs(project, name)) {
            PartitionSpec spec = new PartitionSpec(values);
            try {
                out.add(partition(api.partition(project, name, spec)));
            } catch (NoSuchObjectException e) {
                continue; // dropped between the listing and the GET: no longer a partition of the table
            }
        }
        return out;
    }

    /**
     * One page of the table's partitions as the server lists them, without record counts ({@code recordCount} and
     * {@code size} are -1: the listing does not carry them; {@link #getPartition} asks for one). One request.
     *
     * @param prefix   partition spec the server narrows the listing to ({@code pt=2024}, the leading keys), or null
     * @param marker   {@link PartitionPage#marker()} of the previous page, null for the first
     * @param maxItems page size asked for (the server may clamp it)
     */
    public PartitionPage listPartitions(@Nullable String prefix, @Nullable String marker, int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be positive: " + maxItems);
        }
        String wirePrefix = prefix == null || prefix.isBlank() ? null : PartitionSpec.parse(prefix).toRestString();
        TableApi.PartitionListPage page = api.partitionPage(project, name, wirePrefix, marker, maxItems);
        return new PartitionPage(page.partitions().stream().map(Table::partition).toList(), page.marker());
    }

    /**
     * One partition's metadata.
     *
     * @throws NoSuchObjectException when the table or partition does not exist
     */
    public Partition getPartition(PartitionSpec spec) {
        return partition(api.partition(project, name, spec));
    }

    /** {@link #getPartition(PartitionSpec)} with a spec string ({@code pt=test}). */
    public Partition getPartition(String spec) {
        return getPartition(PartitionSpec.parse(spec));
    }

    /** Whether the partition exists (one GET). */
    public boolean existsPartition(PartitionSpec spec) {
        try {
            api.partition(project, name, spec);
            return true;
        } catch (NoSuchObjectException e) {
            return false; // absence is the answer
        }
    }

    /**
     * Adds a partition through a SQL instance ({@code ALTER TABLE ... ADD [IF NOT EXISTS] PARTITION (...)}).
     *
     * @throws org.odpsexplorer.sdk.model.ObjectAlreadyExistsException when it exists and {@code ifNotExists} is false
     */
    public Partition createPartition(PartitionSpec spec, boolean ifNotExists) {
        api.addPartition(project, name, spec, ifNotExists);
        return getPartition(spec);
    }

    /**
     * Adds many partitions through SQL instances, up to {@value #PARTITIONS_PER_STATEMENT} in each
     * {@code ALTER TABLE ... ADD [IF NOT EXISTS] PARTITION (...) PARTITION (...)} statement (MaxCompute's multi-partition
     * form), so thousands take a handful of instances instead of one each.
     */
    public void createPartitions(List<PartitionSpec> specs, boolean ifNotExists) {
        for (int from = 0; from < specs.size(); from += PARTITIONS_PER_STATEMENT) {
            api.addPartitions(project, name, specs.subList(from, Math.min(specs.size(), from + PARTITIONS_PER_STATEMENT)),
                    ifNotExists);
        }
    }

    /** Partitions added by one statement of {@link #createPartitions}. */
    public static final int PARTITIONS_PER_STATEMENT = 500;

    /** {@link #createPartition(PartitionSpec, boolean)} with a spec string. */
    public Partition createPartition(String spec, boolean ifNotExists) {
        return createPartition(PartitionSpec.parse(spec), ifNotExists);
    }

    /**
     * Drops a partition and its rows through a SQL instance.
     *
     * @throws NoSuchObjectException when it does not exist and {@code ifExists} is false
     */
    public void dropPartition(PartitionSpec spec, boolean ifExists) {
        api.dropPartition(project, name, spec, ifExists);
    }

    /** {@link #dropPartition(PartitionSpec, boolean)} with a spec string. */
    public void dropPartition(String spec, boolean ifExists) {
        dropPartition(PartitionSpec.parse(spec), ifExists);
    }

    /** Reader over an unpartitioned table's rows. */
    public RecordReader openReader() {
        return openReader(null);
    }

    /**
     * Opens a download session over the rows of the partition (null for an unpartitioned table) as they are now.
     *
     * @throws NoSuchObjectException ({@code NoSuchTable}, {@code NoSuchPartition}) when it does not exist
     */
    public RecordReader openReader(@Nullable PartitionSpec partition) {
        TunnelSession session = api.tunnel().createDownload(project, name, partition);
        return new RecordReader(api.tunnel(), project, name, partition, session);
    }

    /** Writer appending to an unpartitioned table. */
    public RecordWriter openWriter() {
        return openWriter(null, WriterOptions.DEFAULTS);
    }

    /** Writer appending to the partition (null: unpartitioned table). */
    public RecordWriter openWriter(@Nullable PartitionSpec partition) {
        return openWriter(partition, WriterOptions.DEFAULTS);
    }

    /**
     * Opens an upload session; rows become visible when the writer is closed. The partition must exist.
     *
     * @throws NoSuchObjectException ({@code NoSuchTable}, {@code NoSuchPartition}) when it does not exist
     */
    public RecordWriter openWriter(@Nullable PartitionSpec partition, WriterOptions options) {
        TunnelSession session = api.tunnel().createUpload(project, name, partition, options.overwrite());
        return new RecordWriter(api.tunnel(), project, name, partition, session, options);
    }

    /**
     * Writes rows produced by {@code rows} and commits them, or, if {@code rows} throws, commits nothing (the
     * exception is rethrown, checked ones wrapped in {@link OdpsException} with code {@code RowSourceFailed}).
     *
     * @return the number of rows committed
     */
    public long write(@Nullable PartitionSpec partition, WriterOptions options, RowSource rows) {
        RecordWriter writer = openWriter(partition, options);
        try {
            rows.writeTo(writer);
        } catch (RuntimeException e) {
            writer.abort();
            throw e;
        } catch (Exception e) {
            writer.abort();
            throw new OdpsException(0, "RowSourceFailed", String.valueOf(e.getMessage()), null,
                    "write " + qualifiedName(), e);
        }
        writer.close();
        return writer.recordCount();
    }

    private static Partition partition(PartitionMeta m) {
        return new Partition(new PartitionSpec(m.spec()), m.recordCount(), m.size(), m.creationTime(),
                m.lastModifiedTime());
    }

    @Override
    public String toString() {
        return "Table[" + qualifiedName() + "]";
    }
}
