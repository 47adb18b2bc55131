package org.odpsexplorer.emulator.table;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * A table's metadata.
 *
 * @param id           internal key
 * @param tableId      the 32-hex {@code TableId} shown in table meta
 * @param lifecycle    days, or -1 when unset
 * @param lastModified last DDL or data change of the table or any of its partitions
 * @param recordCount  rows over all partitions
 * @param size         stored bytes over all partitions
 * @param properties   table properties ({@code TBLPROPERTIES}), in the order set
 */
public record TableInfo(long id, String project, String name, TableSchema schema, String comment, long lifecycle,
                        String owner, String tableId, Instant created, Instant lastDdl, Instant lastModified,
                        long recordCount, long size, Map<String, String> properties) {
    public TableInfo {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(schema, "schema == null");
    }
}
