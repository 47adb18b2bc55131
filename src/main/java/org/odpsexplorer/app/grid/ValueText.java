package org.odpsexplorer.app.grid;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.OdpsBinary;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.OdpsStruct;
import org.odpsexplorer.wire.tunnel.OdpsType;
import org.odpsexplorer.wire.tunnel.OdpsType.DecimalType;

/**
 * Text of record values, both ways, by column type. Rendering never fails: a STRING whose bytes are not UTF-8 is
 * shown as a hex literal {@code x'fffe41'}; decimals print exactly ({@code toPlainString}, scale kept); DATETIME and
 * TIMESTAMP print in the given zone as {@code yyyy-MM-dd HH:mm:ss[.fraction]}. Parsing ({@link #parse}) is the
 * inverse for the types a user can type, with a message naming the problem. Stateless and thread-safe.
 */
public final class ValueText {
    /** What the grid shows for NULL (styled apart, so it differs from the string "NULL" by colour too). */
    public static final String NULL = "NULL";

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME_INPUT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT);

    private ValueText() {
    }

    /** Whether {@link #render} shows this value as hex because its string bytes are not UTF-8. */
    public static boolean isUndecodable(@Nullable Object value) {
        return value instanceof OdpsString s && !s.isValidUtf8();
    }

    /** The display text of {@code value} ({@link #NULL} for null). */
    public static String render(@Nullable Object value, ZoneId zone) {
        if (value == null) {
            return NULL;
        }
        return text(value, zone, false);
    }

    /**
     * The text of a non-null value for export: like {@link #render} but nested strings are not quoted.
     */
    public static String export(Object value, ZoneId zone) {
        return text(value, zone, false);
    }

    private static String text(Object value, ZoneId zone, boolean nested) {
        if (value instanceof OdpsString s) {
            if (!s.isValidUtf8()) {
                return "x'" + HexFormat.of().formatHex(s.bytes()) + "'";
            }
            return nested ? quote(s.toString()) : s.toString();
        }
        if (value instanceof String s) {
            return nested ? quote(s) : s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Instant i) {
            return DATE_TIME.format(ZonedDateTime.ofInstant(i, zone));
        }
        if (value instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof OdpsBinary b) {
            return "x'" + b + "'";
        }
        if (value instanceof byte[] b) {
            return "x'" + HexFormat.of().formatHex(b) + "'";
        }
        if (value instanceof Duration d) {
            return d.toString();
        }
        if (value instanceof Period p) {
            return p.toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(nestedText(list.get(i), zone));
            }
            return out.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                out.append(nestedText(e.getKey(), zone)).append(": ").append(nestedText(e.getValue(), zone));
                out.append(it.hasNext() ? ", " : "");
            }
            return out.append('}').toString();
        }
        if (value instanceof OdpsStruct struct) {
            StringBuilder out = new StringBuilder("{");
            for (int i = 0; i < struct.values().size(); i++) {
                out.append(i == 0 ? "" : ", ").append(nestedText(struct.get(i), zone));
            }
            return out.append('}').toString();
        }
        return String.valueOf(value);
    }

    private static String nestedText(@Nullable Object value, ZoneId zone) {
        return value == null ? "null" : text(value, zone, true);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Thrown by {@link #parse}; the message is for the user ("not a BIGINT: 12x"). */
    public static final class InvalidValueException extends IllegalArgumentException {
        InvalidValueException(String message) {
            super(message);
        }
    }

    /** Whether a user can type values of this type into the staging grid. */
    public static boolean isEditable(OdpsType type) {
        return switch (type.kind()) {
            case ARRAY, MAP, STRUCT, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> false;
            default -> true;
        };
    }

    /**
     * The typed value of {@code text} for a column of {@code type}: the empty text is NULL; integers are range
     * checked; decimals must fit precision and scale (and are stored with the declared scale); DATETIME and TIMESTAMP
     * are read as wall-clock time in {@code zone} ({@code yyyy-MM-dd[ HH:mm[:ss[.fraction]]]}); BINARY is hex
     * (optionally {@code x'..'}); BOOLEAN is {@code true/false/1/0}.
     *
     * @throws InvalidValueException naming the problem
     */
    public static @Nullable Object parse(String text, OdpsType type, ZoneId zone) {
        if (text.isEmpty()) {
            return null;
        }
        String t = text.trim();
        try {
            return switch (type.kind()) {
                case BIGINT -> {
                    long v = Long.parseLong(t);
                    if (v == Long.MIN_VALUE) {
                        throw new InvalidValueException("BIGINT -2^63 is reserved");
                    }
                    yield v;
                }
                case INT -> Integer.parseInt(t);
                case SMALLINT -> Short.parseShort(t);
                case TINYINT -> Byte.parseByte(t);
                case DOUBLE -> Double.parseDouble(t);
                case FLOAT -> Float.parseFloat(t);
                case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
                    case "true", "1" -> Boolean.TRUE;
                    case "false", "0" -> Boolean.FALSE;
                    default -> throw new InvalidValueException("not a BOOLEAN (true/false): " + text);
                };
                case STRING -> OdpsString.of(text);
                case VARCHAR, CHAR -> checkLength(text, type);
                case JSON -> text;
                case DECIMAL -> decimal(t, (DecimalType) type);
                case DATE -> LocalDate.parse(t);
                case DATETIME, TIMESTAMP -> LocalDateTime.parse(t, DATE_TIME_INPUT).atZone(zone).toInstant();
                case TIMESTAMP_NTZ -> LocalDateTime.parse(t, DATE_TIME_INPUT);
                case BINARY -> OdpsBinary.of(HexFormat.of().parseHex(unwrapHex(t)));
                default -> throw new InvalidValueException(type.typeName() + " values cannot be typed here");
            };
        } catch (NumberFormatException e) {
            throw new InvalidValueException("not a " + type.typeName() + ": " + text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("not a " + type.typeName() + " (yyyy-MM-dd"
                    + (type.kind() == OdpsType.Kind.DATE ? "" : " HH:mm:ss") + "): " + text);
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidValueException) {
                throw e;
            }
            throw new InvalidValueException("not " + type.typeName() + ": " + e.getMessage());
        }
    }

    private static String unwrapHex(String t) {
        if ((t.startsWith("x'") || t.startsWith("X'")) && t.endsWith("'") && t.length() >= 3) {
            return t.substring(2, t.length() - 1);
        }
        return t;
    }

    private static String checkLength(String text, OdpsType type) {
        int limit = type instanceof OdpsType.VarcharType v ? v.length() : ((OdpsType.CharType) type).length();
        if (text.codePointCount(0, text.length()) > limit) {
            throw new InvalidValueException(type.typeName() + " is at most " + limit + " characters");
        }
        return text;
    }

    private static BigDecimal decimal(String t, DecimalType type) {
        BigDecimal v = new BigDecimal(t);
        if (v.scale() > type.scale()) {
            throw new InvalidValueException(t + " has more than " + type.scale() + " decimal places ("
                    + type.typeName() + ")");
        }
        BigDecimal scaled = v.setScale(type.scale());
        if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
            throw new InvalidValueException(t + " is too large for " + type.typeName());
        }
        return scaled;
    }
}
