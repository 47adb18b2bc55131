package org.odpsexplorer.sdk.internal.tunnel;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * One table's metadata as {@code GET /projects/{p}/tables/{t}} reports it ({@code protocol/rest.md} §8.1); {@code schema}
 * is null only for listing items the server sent without one.
 *
 * @param recordCount rows as the service reports them ({@code recordNum}), -1 when unknown
 * @param size        bytes ({@code size}), -1 when unknown
 * @param lifecycle   days, -1 when unset
 */
public record TableMeta(String project, String name, @Nullable TableSchema schema, String comment, @Nullable String owner,
                        @Nullable String type, long lifecycle, long recordCount, long size,
                        @Nullable Instant creationTime, @Nullable Instant lastModifiedTime) {
}
