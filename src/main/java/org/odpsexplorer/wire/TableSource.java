package org.odpsexplorer.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The pointer a table resource holds ({@code x-odps-copy-table-source}, {@code <TableName>}; protocol {@code protocol/rest.md}
 * §7.7): {@code project.table}, {@code project.schema.table}, or a bare {@code table} (Java only), optionally followed
 * by {@code " partition(k1='v1',k2='v2')"}. Shared by the client that sends it and the server that stores it.
 *
 * <p>Values that contain {@code )}, {@code ,} or {@code '} cannot round-trip through this grammar (neither official
 * client escapes them); {@link #TableSource the constructor} rejects them.
 *
 * @param project   the table's project, or null for the bare form (a server qualifies it with the request's project)
 * @param schema    the schema of a three-part name, or null
 * @param table     the table name, never blank
 * @param partition partition key → value in spec order; empty for a whole table. Immutable copy.
 */
public record TableSource(@Nullable String project, @Nullable String schema, String table, Map<String, String> partition) {
    private static final String PARTITION_OPEN = " partition(";

    public TableSource {
        Objects.requireNonNull(table, "table");
        if (table.isBlank()) {
            throw new IllegalArgumentException("table name is blank");
        }
        if (schema != null && project == null) {
            throw new IllegalArgumentException("a schema needs a project");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : partition.entrySet()) {
            String key = e.getKey().trim();
            String value = e.getValue();
            if (key.isEmpty() || !key.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("invalid partition key: '" + key + "'");
            }
            if (value.indexOf('\'') >= 0 || value.indexOf(',') >= 0 || value.indexOf(')') >= 0) {
                throw new IllegalArgumentException("partition value cannot contain ' , or ): " + value);
            }
            copy.put(key, value);
        }
        partition = Collections.unmodifiableMap(copy);
    }

    /** A whole table {@code project.table}. */
    public static TableSource of(String project, String table) {
        return new TableSource(project, null, table, Map.of());
    }

    /**
     * Parses the wire form. Blanks around names and quotes around values are dropped; backquotes around name parts
     * are removed (PyODPS honours them).
     *
     * @throws IllegalArgumentException when the text does not follow the grammar
     */
    public static TableSource parse(String text) {
        String source = text.trim();
        String spec = null;
        int p = source.indexOf(PARTITION_OPEN);
        if (p >= 0) {
            String rest = source.substring(p + PARTITION_OPEN.length()).trim();
            if (!rest.endsWith(")")) {
                throw new IllegalArgumentException("malformed table source (no closing parenthesis): " + text);
            }
            spec = rest.substring(0, rest.length() - 1);
            source = source.substring(0, p).trim();
        }
        List<String> parts = new ArrayList<>();
        for (String part : source.split("\\.", -1)) {
            String name = part.trim();
            if (name.length() >= 2 && name.startsWith("`") && name.endsWith("`")) {
                name = name.substring(1, name.length() - 1);
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("malformed table source (empty name part): " + text);
            }
            parts.add(name);
        }
        Map<String, String> partition = spec == null ? Map.of() : parsePartitionSpec(spec);
        return switch (parts.size()) {
            case 1 -> new TableSource(null, null, parts.get(0), partition);
            case 2 -> new TableSource(parts.get(0), null, parts.get(1), partition);
            case 3 -> new TableSource(parts.get(0), parts.get(1), parts.get(2), partition);
            default -> throw new IllegalArgumentException("malformed table source (too many name parts): " + text);
        };
    }

    /**
     * Parses a partition spec as users and both clients write it: {@code k1='v1',k2='v2'}, also {@code pt=test}
     * (quotes optional, single or double) and {@code /} as separator (Java accepts it).
     *
     * @throws IllegalArgumentException when an item has no {@code =} or the spec is empty
     */
    public static Map<String, String> parsePartitionSpec(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : spec.split("[,/]")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed partition spec: " + spec);
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                    || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(key, value);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty partition spec");
        }
        return out;
    }

    /** The partition spec in wire form {@code k1='v1',k2='v2'}, or null for a whole table. */
    public @Nullable String partitionSpec() {
        if (partition.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : partition.entrySet()) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(e.getKey()).append("='").append(e.getValue()).append('\'');
        }
        return out.toString();
    }

    /** {@code project[.schema].table}, or the bare table name. */
    public String qualifiedTable() {
        if (project == null) {
            return table;
        }
        return schema == null ? project + "." + table : project + "." + schema + "." + table;
    }

    /** This source with the project filled in when it was bare (what a server stores). */
    public TableSource qualifiedWith(String defaultProject) {
        return project != null ? this : new TableSource(defaultProject, null, table, partition);
    }

    /** This source pointing at another partition (empty map: the whole table). */
    public TableSource withPartition(Map<String, String> newPartition) {
        return new TableSource(project, schema, table, newPartition);
    }

    /** The wire form: {@code project.table partition(k='v')}, exactly one space before {@code partition(}. */
    public String format() {
        String spec = partitionSpec();
        return spec == null ? qualifiedTable() : qualifiedTable() + PARTITION_OPEN + spec + ")";
    }

    @Override
    public String toString() {
        return format();
    }
}
