package org.odpsexplorer.app.grid;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One partition as listed by the server.
 *
 * @param values      key → value in the table's key order (immutable copy)
 * @param recordCount rows in the partition, or -1 when the server did not say
 */
public record PartitionEntry(Map<String, String> values, long recordCount) {
    public PartitionEntry {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Tunnel form {@code k1=v1,k2=v2}. */
    public String spec() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return spec();
    }
}
