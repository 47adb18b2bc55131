package org.odpsexplorer.sdk.table;

import org.odpsexplorer.sdk.model.PartitionSpec;


/** Produces rows into a writer; see {@link Table#write(PartitionSpec, WriterOptions, RowSource)}. */
@FunctionalInterface
public interface RowSource {
    /** Writes rows; any exception aborts the upload (nothing committed). */
    void writeTo(RecordWriter writer) throws Exception;
}
