package org.odpsexplorer.wire.tunnel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.odpsexplorer.wire.Json;

/**
 * Data columns and partition keys of a table. Partition keys are never part of a record stream. Column names are
 * unique case-insensitively across both lists.
 *
 * <p>Two JSON spellings exist: the table meta {@code <Schema>} ({@code protocol/rest.md} §8.1: lower-case types,
 * {@code isNullable}) and the tunnel session {@code Schema} ({@code protocol/tunnel.md} §3.1: upper-case types,
 * {@code nullable}). {@link #fromJson} reads both.
 */
public record TableSchema(List<Column> columns, List<Column> partitionKeys) {
    private static final ObjectMapper JSON = Json.mapper();

    public TableSchema {
        columns = List.copyOf(columns);
        partitionKeys = List.copyOf(partitionKeys);
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("duplicate column " + c.name());
            }
        }
        for (Column c : partitionKeys) {
            if (!seen.add(c.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("duplicate column " + c.name());
            }
        }
    }

    public boolean isPartitioned() {
        return !partitionKeys.isEmpty();
    }

    /** Index of the data column named {@code name} (case-insensitive), or -1. */
    public int indexOfColumn(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code {"columns":[...],"partitionKeys":[...]}} in table meta form; callers add the other meta keys. */
    public ObjectNode toMetaJson() {
        ObjectNode root = JSON.createObjectNode();
        root.set("columns", columnsJson(columns, false));
        root.set("partitionKeys", columnsJson(partitionKeys, false));
        return root;
    }

    /** The tunnel session {@code Schema} object, including {@code "IsVirtualView": false}. */
    public ObjectNode toTunnelJson() {
        ObjectNode root = JSON.createObjectNode();
        root.set("columns", columnsJson(columns, true));
        root.set("partitionKeys", columnsJson(partitionKeys, true));
        root.put("IsVirtualView", false);
        return root;
    }

    private static ArrayNode columnsJson(List<Column> list, boolean tunnel) {
        ArrayNode array = JSON.createArrayNode();
        for (Column c : list) {
            ObjectNode node = array.addObject();
            node.put("name", c.name());
            node.put("type", tunnel ? c.type().typeName() : c.type().lowerTypeName());
            node.put("comment", c.comment());
            node.put(tunnel ? "nullable" : "isNullable", c.nullable());
        }
        return array;
    }

    /**
     * Reads either JSON form.
     *
     * @throws IllegalArgumentException when a column lacks {@code name} / {@code type} or a type does not parse
     */
    public static TableSchema fromJson(JsonNode root) {
        return new TableSchema(readColumns(root.path("columns")), readColumns(root.path("partitionKeys")));
    }

    /** Parses JSON text, see {@link #fromJson(JsonNode)}. */
    public static TableSchema fromJson(String text) {
        try {
            return fromJson(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("schema is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<Column> readColumns(JsonNode array) {
        List<Column> out = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("columns must be an array");
        }
        for (JsonNode node : array) {
            JsonNode name = node.get("name");
            JsonNode type = node.get("type");
            if (name == null || !name.isTextual() || type == null || !type.isTextual()) {
                throw new IllegalArgumentException("column without name or type: " + node);
            }
            JsonNode nullable = node.has("nullable") ? node.get("nullable") : node.get("isNullable");
            boolean isNullable = nullable == null || nullable.isNull()
                    || (nullable.isBoolean() ? nullable.booleanValue() : !"false".equalsIgnoreCase(nullable.asText()));
            out.add(new Column(name.asText(), OdpsType.parse(type.asText()), node.path("comment").asText(""),
                    isNullable));
        }
        return out;
    }
}
