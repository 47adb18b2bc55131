package org.odpsexplorer.sdk;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.ResourceApi;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.table.Partition;
import org.odpsexplorer.sdk.table.RecordReader;
import org.odpsexplorer.sdk.table.RecordWriter;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.sdk.table.WriterOptions;
import org.odpsexplorer.wire.TableSource;

/**
 * A resource that points at a table or one partition ({@code protocol/rest.md} §7.7): the pointer, plus its rows through the
 * tunnel ({@link #openReader()}, {@link #openWriter()}).
 */
public final class TableResource extends Resource {
    TableResource(Odps odps, ResourceApi api, ResourceInfo info) {
        super(odps, api, info);
    }

    /** The pointer; never null for a table resource the server reported correctly. */
    @Override
    public TableSource tableSource() {
        TableSource source = info().tableSource();
        if (source == null) {
            throw new IllegalStateException("table resource " + name() + " has no table source");
        }
        return source;
    }

    /** {@code project[.schema].table} of the source. */
    public String tableName() {
        return tableSource().qualifiedTable();
    }

    /** The source partition spec {@code k='v',...}, or null for a whole table. */
    public @Nullable String partitionSpec() {
        return tableSource().partitionSpec();
    }

    /**
     * Points the resource at another partition and/or project, keeping what is not given, as PyODPS
     * {@code update(partition=..., project_name=...)} does. One PUT, then a meta GET.
     *
     * @param partition   new spec ({@code "pt=test2"}), null to keep the current one
     * @param projectName new project of the table, null to keep it
     */
    public TableResource update(@Nullable String partition, @Nullable String projectName) {
        TableSource current = tableSource();
        Map<String, String> spec = partition == null ? current.partition() : TableSource.parsePartitionSpec(partition);
        TableSource next = new TableSource(projectName != null ? projectName : current.project(),
                current.schema(), current.table(), spec);
        return update(next, ResourceOptions.defaults());
    }

    /** Replaces the pointer (one PUT, then a meta GET); {@code options.comment()} is sent when set. */
    public TableResource update(TableSource source, ResourceOptions options) {
        Objects.requireNonNull(source, "source");
        setInfo(api.putTableResource(name(), source.qualifiedWith(odps().project()), true, options));
        return this;
    }

    /** The table the resource points at (PyODPS {@code table_resource.table}); no request until it is used. */
    public Table getTable() {
        TableSource source = tableSource();
        return odps().getTable(source.project() != null ? source.project() : odps().project(), source.table());
    }

    /** The partition spec of the pointer ({@code pt=test}), or null for a whole table. */
    public @Nullable PartitionSpec partition() {
        TableSource source = tableSource();
        return source.partition().isEmpty() ? null : new PartitionSpec(source.partition());
    }

    /**
     * The partition the resource points at with its metadata (PyODPS {@code table_resource.partition}; its
     * {@code getSpec()} prints {@code pt=test}), or null for a whole table.
     *
     * @throws NoSuchObjectException when the partition does not exist (any more)
     */
    public @Nullable Partition getPartition() {
        PartitionSpec spec = partition();
        return spec == null ? null : getTable().getPartition(spec);
    }

    /** Reads the rows of the pointed-at table or partition (PyODPS {@code open_reader()}). */
    public RecordReader openReader() {
        return getTable().openReader(partition());
    }

    /** Appends rows to the pointed-at table or partition, committed on close (PyODPS {@code open_writer()}). */
    public RecordWriter openWriter() {
        return openWriter(WriterOptions.DEFAULTS);
    }

    /** Writes rows with options ({@code overwrite}, block size). */
    public RecordWriter openWriter(WriterOptions options) {
        return getTable().openWriter(partition(), options);
    }

    @Override
    public TableResource reload() {
        super.reload();
        return this;
    }

    @Override
    public String toString() {
        return "TableResource[" + name() + " -> " + info().tableSource() + "]";
    }
}
