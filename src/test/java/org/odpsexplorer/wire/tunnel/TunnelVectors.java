package org.odpsexplorer.wire.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.OdpsType.ArrayType;
import org.odpsexplorer.wire.tunnel.OdpsType.MapType;
import org.odpsexplorer.wire.tunnel.OdpsType.StructField;
import org.odpsexplorer.wire.tunnel.OdpsType.StructType;

/** Loads {@code protocol/vectors/tunnel/*} from the test classpath and turns their JSON values into Java values. */
final class TunnelVectors {
    static final ObjectMapper JSON = new ObjectMapper();

    private TunnelVectors() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = TunnelVectors.class.getResourceAsStream("/protocol/vectors/tunnel/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        try {
            return JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Column> columns(JsonNode vector) {
        List<Column> out = new ArrayList<>();
        for (JsonNode c : vector.get("schema")) {
            out.add(Column.of(c.get("name").asText(), c.get("type").asText()));
        }
        return out;
    }

    static List<List<@Nullable Object>> records(JsonNode vector) {
        List<Column> columns = columns(vector);
        List<List<@Nullable Object>> out = new ArrayList<>();
        for (JsonNode record : vector.get("records")) {
            List<@Nullable Object> values = new ArrayList<>();
            for (Column c : columns) {
                values.add(value(c.type(), record.get("values").get(c.name())));
            }
            out.add(values);
        }
        return out;
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    static @Nullable Object value(OdpsType type, @Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        switch (type.kind()) {
            case BIGINT:
                return Long.parseLong(node.asText());
            case INT:
                return Integer.parseInt(node.asText());
            case SMALLINT:
                return Short.parseShort(node.asText());
            case TINYINT:
                return Byte.parseByte(node.asText());
            case DOUBLE:
                return Double.longBitsToDouble(Long.parseUnsignedLong(node.get("bits").asText().substring(2), 16));
            case FLOAT:
                return Float.intBitsToFloat(Integer.parseUnsignedInt(node.get("bits").asText().substring(2), 16));
            case BOOLEAN:
                return node.asBoolean();
            case STRING:
                return OdpsString.ofBytes(hex(node.get("hex").asText()));
            case BINARY:
                return OdpsBinary.of(hex(node.get("hex").asText()));
            case VARCHAR, CHAR:
                return node.asText();
            case DATETIME:
                return Instant.ofEpochMilli(Long.parseLong(node.get("epoch_ms").asText()));
            case DATE:
                return LocalDate.ofEpochDay(Long.parseLong(node.get("epoch_day").asText()));
            case DECIMAL:
                return new BigDecimal(node.asText());
            case TIMESTAMP:
                return Instant.ofEpochSecond(Long.parseLong(node.get("epoch_second").asText()), node.get("nanos").asInt());
            case INTERVAL_DAY_TIME:
                return Duration.ofSeconds(Long.parseLong(node.get("total_seconds").asText()), node.get("nanos").asInt());
            case ARRAY: {
                List<@Nullable Object> list = new ArrayList<>();
                for (JsonNode e : node) {
                    list.add(value(((ArrayType) type).element(), e));
                }
                return list;
            }
            case MAP: {
                MapType m = (MapType) type;
                Map<@Nullable Object, @Nullable Object> map = new LinkedHashMap<>();
                for (JsonNode e : node.get("entries")) {
                    map.put(value(m.key(), e.get(0)), value(m.value(), e.get(1)));
                }
                return map;
            }
            case STRUCT: {
                List<@Nullable Object> members = new ArrayList<>();
                for (StructField f : ((StructType) type).fields()) {
                    members.add(value(f.type(), node.get(f.name())));
                }
                return new OdpsStruct(members);
            }
            default:
                throw new IllegalArgumentException("vector type not handled: " + type);
        }
    }
}
