/**
 * Tables, partitions and their rows, mirroring PyODPS's table API: {@link org.odpsexplorer.sdk.table.Table} (schema,
 * partitions, DDL through SQL instances), {@link org.odpsexplorer.sdk.table.Record}, and tunnel-backed
 * {@link org.odpsexplorer.sdk.table.RecordReader} / {@link org.odpsexplorer.sdk.table.RecordWriter}.
 */
@NullMarked
package org.odpsexplorer.sdk.table;

import org.jspecify.annotations.NullMarked;
