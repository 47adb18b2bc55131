package org.odpsexplorer.emulator.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.odpsexplorer.wire.tunnel.Column;

/**
 * A full partition spec in the table's key order, values unquoted. The same partition is spelled {@code pt='v'} in
 * SQL and REST and {@code pt=v} in tunnel calls ({@code protocol/tunnel.md} §2.3); {@link #parse} accepts both.
 *
 * @param keys   the table's partition key names, in table order
 * @param values one value per key
 */
public record PartitionSpec(List<String> keys, List<String> values) {
    public PartitionSpec {
        keys = List.copyOf(keys);
        values = List.copyOf(values);
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException("keys and values differ in size");
        }
    }

    /** The spec of an unpartitioned table. */
    public static final PartitionSpec NONE = new PartitionSpec(List.of(), List.of());

    /**
     * Splits {@code k1=v1,k2=v2} (also {@code /} as separator, values optionally in {@code '} or {@code "}) into
     * pairs in written order.
     *
     * @throws IllegalArgumentException when an item has no {@code =} or an empty key
     */
    public static List<Map.Entry<String, String>> split(String text) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String item : text.split("[,/]")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed partition spec '" + text + "'");
            }
            String key = item.substring(0, eq).trim();
            String value = unquote(item.substring(eq + 1).trim());
            if (key.isEmpty()) {
                throw new IllegalArgumentException("malformed partition spec '" + text + "'");
            }
            out.add(Map.entry(key, value));
        }
        return out;
    }

    /**
     * Matches written pairs against the table's partition keys: every key exactly once (case-insensitive), any order.
     *
     * @throws IllegalArgumentException naming the problem when keys are missing, unknown or repeated
     */
    public static PartitionSpec of(List<Column> partitionKeys, List<Map.Entry<String, String>> pairs) {
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Column key : partitionKeys) {
            String found = null;
            for (Map.Entry<String, String> p : pairs) {
                if (p.getKey().equalsIgnoreCase(key.name())) {
                    if (found != null) {
                        throw new IllegalArgumentException("partition key " + key.name() + " given twice");
                    }
                    found = p.getValue();
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("partition key " + key.name() + " missing");
            }
            keys.add(key.name());
            values.add(found);
        }
        if (pairs.size() != partitionKeys.size()) {
            throw new IllegalArgumentException("partition spec " + render(pairs) + " does not match partition keys "
                    + partitionKeys.stream().map(Column::name).collect(Collectors.joining(",")));
        }
        return new PartitionSpec(keys, values);
    }

    /** {@link #split} then {@link #of}. */
    public static PartitionSpec parse(List<Column> partitionKeys, String text) {
        return of(partitionKeys, split(text));
    }

    public boolean isNone() {
        return keys.isEmpty();
    }

    /** {@code k1='v1',k2='v2'} as clients print it. */
    public String toQuotedString() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            items.add(keys.get(i) + "='" + values.get(i) + "'");
        }
        return String.join(",", items);
    }

    /** Storage key: values joined with a separator that cannot occur in client-expressible values. */
    String storageKey() {
        return isNone() ? "" : "=" + String.join("\u0001", values);
    }

    /** Whether this spec starts with {@code prefix}'s pairs (keys compared case-insensitively). */
    public boolean matchesPrefix(List<Map.Entry<String, String>> prefix) {
        for (Map.Entry<String, String> p : prefix) {
            int i = indexOfKey(p.getKey());
            if (i < 0 || !values.get(i).equals(p.getValue())) {
                return false;
            }
        }
        return true;
    }

    private int indexOfKey(String key) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith("\"") && v.endsWith("\"")))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String render(List<Map.Entry<String, String>> pairs) {
        return pairs.stream().map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return toQuotedString();
    }
}
