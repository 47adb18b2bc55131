package org.odpsexplorer.sdk;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.ResourceApi;
import org.odpsexplorer.wire.TableSource;

/**
 * A resource that points at a table or one partition ({@code rest.md} §7.7). Reading and writing its rows
 * ({@code openReader()}/{@code openWriter()} through the tunnel) is a later addition; this class holds the pointer.
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
