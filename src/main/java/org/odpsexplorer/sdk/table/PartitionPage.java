package org.odpsexplorer.sdk.table;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a table's partition listing ({@link Table#listPartitions(String, String, int)}).
 *
 * @param partitions the partitions of this page in the server's order; record counts are -1 (not in the listing)
 * @param marker     pass it to get the next page; null on the last page
 */
public record PartitionPage(List<Partition> partitions, @Nullable String marker) {
    public PartitionPage {
        partitions = List.copyOf(partitions);
    }

    /** True when more pages follow. */
    public boolean hasMore() {
        return marker != null;
    }
}
