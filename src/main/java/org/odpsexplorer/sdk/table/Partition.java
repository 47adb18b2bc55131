package org.odpsexplorer.sdk.table;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.PartitionSpec;

/**
 * A partition's metadata snapshot, as PyODPS's {@code Partition}: its spec and what the service reports about it.
 *
 * @param spec             the partition spec ({@link PartitionSpec#toString()} prints {@code pt=test})
 * @param recordCount      committed rows, -1 when the service does not report it
 * @param size             bytes, -1 when not reported
 * @param creationTime     null when not reported
 * @param lastModifiedTime null when not reported
 */
public record Partition(PartitionSpec spec, long recordCount, long size, @Nullable Instant creationTime,
                        @Nullable Instant lastModifiedTime) {
    public Partition {
        Objects.requireNonNull(spec, "spec");
    }

    /** The spec (PyODPS {@code partition.spec}); same as {@link #spec()}. */
    public PartitionSpec getSpec() {
        return spec;
    }
}
