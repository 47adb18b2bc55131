package org.odpsexplorer.emulator.table;

import java.time.Instant;

/**
 * A partition (or the single implicit data set of an unpartitioned table, whose spec is {@link PartitionSpec#NONE}).
 *
 * @param generation increases when an overwrite replaces the rows; download sessions pin one generation
 * @param lifecycle  days, or -1 when unset
 */
public record PartitionInfo(long id, long tableId, PartitionSpec spec, Instant created, Instant lastModified,
                            long generation, long recordCount, long size, long lifecycle) {
}
