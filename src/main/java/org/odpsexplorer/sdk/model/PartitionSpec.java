package org.odpsexplorer.sdk.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.TableSource;

/**
 * A partition spec: partition key → value, in the order written. Immutable.
 *
 * <p>{@link #parse} takes every spelling users and both official clients write: {@code pt=test}, {@code pt='test'},
 * {@code pt="test"}, {@code a=1,b=2}, {@code a=1/b=2} (the grammar shared with table-resource sources, see
 * {@link TableSource#parsePartitionSpec}). The same partition is spelled {@code pt='test'} in SQL and REST
 * ({@link #toRestString()}) and {@code pt=test} in tunnel calls ({@link #toTunnelString()}); {@link #toString()} is
 * the tunnel form, which is what PyODPS's {@code partition.spec} prints in the resource documentation.
 *
 * @param values key → value; keys are letters, digits and {@code _}; values cannot contain {@code ' , ) /}
 */
public record PartitionSpec(Map<String, String> values) {
    public PartitionSpec {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("empty partition spec");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey().trim();
            String value = Objects.requireNonNull(e.getValue(), "partition value");
            if (!key.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("invalid partition key: '" + key + "'");
            }
            // these characters cannot be expressed by the spec grammar of either official client (protocol/tunnel.md §2.3)
            if (value.indexOf('\'') >= 0 || value.indexOf(',') >= 0 || value.indexOf(')') >= 0
                    || value.indexOf('/') >= 0 || value.indexOf('"') >= 0) {
                throw new IllegalArgumentException("partition value cannot contain ' \" , / or ): " + value);
            }
            copy.put(key, value);
        }
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses {@code pt=test}, {@code pt='test'}, {@code a=1,b=2}, {@code a=1/b=2}; blanks around items are ignored.
     *
     * @throws IllegalArgumentException when the text is empty or an item has no {@code =}
     */
    public static PartitionSpec parse(String text) {
        return new PartitionSpec(TableSource.parsePartitionSpec(Objects.requireNonNull(text, "text")));
    }

    /** A one-key spec. */
    public static PartitionSpec of(String key, String value) {
        return new PartitionSpec(Map.of(key, value));
    }

    /** The value of {@code key} (case-insensitive, as MaxCompute compares keys), or null. */
    public @Nullable String get(String key) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** SQL / REST form {@code k1='v1',k2='v2'}. */
    public String toRestString() {
        return join(true);
    }

    /** Tunnel form {@code k1=v1,k2=v2} (quotes stripped, as both official clients send it). */
    public String toTunnelString() {
        return join(false);
    }

    private String join(boolean quoted) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(e.getKey()).append('=');
            if (quoted) {
                out.append('\'').append(e.getValue()).append('\'');
            } else {
                out.append(e.getValue());
            }
        }
        return out.toString();
    }

    /** The tunnel form, {@code pt=test}. */
    @Override
    public String toString() {
        return toTunnelString();
    }
}
