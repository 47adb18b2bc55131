package org.odpsexplorer.sdk.internal.tunnel;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One partition as {@code GET /projects/{p}/tables/{t}?partition=spec} reports it ({@code protocol/rest.md} §8.3).
 *
 * @param spec        key → value in partition-key order
 * @param recordCount {@code partitionRecordNum}, -1 when unknown
 * @param size        {@code partitionSize} in bytes, -1 when unknown
 */
public record PartitionMeta(Map<String, String> spec, long recordCount, long size, @Nullable Instant creationTime,
                            @Nullable Instant lastModifiedTime) {
}
