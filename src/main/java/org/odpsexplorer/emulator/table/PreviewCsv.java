package org.odpsexplorer.emulator.table;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.OdpsBinary;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.OdpsStruct;
import org.odpsexplorer.wire.tunnel.OdpsType;

/**
 * The text of a table preview ({@code GET /projects/{p}/tables/{t}?data&linenum=N}), the answer both SDKs' legacy
 * {@code head()} / {@code Table.read()} parse: CSV (comma, {@code "} quoting with doubled quotes, a field is quoted
 * when it holds a comma, quote or line break), first line the column names, {@code \N} for NULL, one line per row.
 *
 * <p>Value spellings follow what the readers parse: integers and decimals in plain decimal, doubles as Java prints
 * them with {@code nan} / {@code inf} / {@code -inf}, booleans {@code true} / {@code false}, DATE {@code yyyy-MM-dd},
 * DATETIME {@code yyyy-MM-dd HH:mm:ss} and TIMESTAMP {@code yyyy-MM-dd HH:mm:ss.nnnnnnnnn} in the preview's time zone
 * (the request's {@code x-odps-sql-timezone}, else the emulator's), strings and JSON as text, BINARY as its bytes read
 * as ISO-8859-1, ARRAY {@code [a,b]}, MAP {@code {k:v}} and STRUCT {@code {f:v}}.
 *
 * <p>Not thread-safe; one instance per answer.
 */
final class PreviewCsv {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");
    static final String NULL = "\\N";

    private final Writer out;
    private final ZoneId zone;

    PreviewCsv(Writer out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    /** Writes one line: the fields, already in their text form (null for NULL). */
    void line(List<@Nullable String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String f = fields.get(i);
            out.write(f == null ? NULL : quote(f));
        }
        out.write('\n');
    }

    /** The text of one value of {@code type}; null for NULL. */
    @Nullable String text(@Nullable Object value, OdpsType type) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case DOUBLE, FLOAT -> floating(((Number) value).doubleValue());
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case DATE -> value.toString();
            case DATETIME -> DATETIME.format(((Instant) value).atZone(zone));
            case TIMESTAMP -> TIMESTAMP.format(((Instant) value).atZone(zone));
            case TIMESTAMP_NTZ -> TIMESTAMP.format((LocalDateTime) value);
            case BINARY -> new String(((OdpsBinary) value).bytes(), StandardCharsets.ISO_8859_1);
            default -> nested(value);
        };
    }

    private String nested(Object value) {
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                b.append(i > 0 ? "," : "").append(list.get(i) == null ? "null" : nested(list.get(i)));
            }
            return b.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(first ? "" : ",").append(e.getKey() == null ? "null" : nested(e.getKey())).append(':')
                        .append(e.getValue() == null ? "null" : nested(e.getValue()));
                first = false;
            }
            return b.append('}').toString();
        }
        if (value instanceof OdpsStruct struct) {
            return nested(struct.values());
        }
        if (value instanceof OdpsString s) {
            return s.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            return floating(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Instant i) {
            return DATETIME.format(i.atZone(zone));
        }
        if (value instanceof LocalDate || value instanceof Duration || value instanceof Period) {
            return value.toString();
        }
        return String.valueOf(value);
    }

    private static String floating(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d);
    }

    private static String quote(String f) {
        boolean needs = f.isEmpty() ? false : f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0
                || f.indexOf('\r') >= 0;
        return needs ? '"' + f.replace("\"", "\"\"") + '"' : f;
    }
}
