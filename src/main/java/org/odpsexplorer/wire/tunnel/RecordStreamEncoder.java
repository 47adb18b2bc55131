package org.odpsexplorer.wire.tunnel;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.OdpsType.ArrayType;
import org.odpsexplorer.wire.tunnel.OdpsType.DecimalType;
import org.odpsexplorer.wire.tunnel.OdpsType.Kind;
import org.odpsexplorer.wire.tunnel.OdpsType.MapType;
import org.odpsexplorer.wire.tunnel.OdpsType.StructType;

/**
 * Writes one record stream ({@code tunnel.md} §10) to an {@link OutputStream}, one record at a time, then the trailer.
 * Produces the same bytes as the Java SDK's {@code ProtobufRecordStreamWriter} (fields in ascending column order,
 * NULL = absent field).
 *
 * <p>Accepted Java values per column type (a value outside its type, e.g. an INT above 2^31, is rejected with
 * {@link IllegalArgumentException}):
 * <ul>
 *   <li>BIGINT / INT / SMALLINT / TINYINT: {@code Long} / {@code Integer} / {@code Short} / {@code Byte} (any of
 *   these four is accepted when in range; the decoder returns exactly these classes)</li>
 *   <li>DOUBLE: {@code Double}; FLOAT: {@code Float}; BOOLEAN: {@code Boolean}</li>
 *   <li>STRING: {@link OdpsString} (also {@code String} as UTF-8, or {@code byte[]}); VARCHAR, CHAR, JSON:
 *   {@code String}; BINARY: {@link OdpsBinary} (also {@code byte[]})</li>
 *   <li>DECIMAL: {@code BigDecimal} (written with {@code toPlainString()}, scale kept)</li>
 *   <li>DATE: {@code LocalDate}; DATETIME: {@code Instant} (millisecond precision; finer parts are truncated);
 *   TIMESTAMP: {@code Instant}; TIMESTAMP_NTZ: {@code LocalDateTime} (taken as UTC for the wire seconds)</li>
 *   <li>INTERVAL_DAY_TIME: {@code Duration}; INTERVAL_YEAR_MONTH: {@code Period} without days (total months)</li>
 *   <li>ARRAY: {@code List}; MAP: {@code Map} (iteration order kept); STRUCT: {@link OdpsStruct}; elements may be
 *   null</li>
 * </ul>
 *
 * <p>Not thread-safe. The encoder does not buffer across records; wrap {@code out} in a buffered or compressing
 * stream as needed. {@link #finish()} writes the trailer and flushes; {@link #close()} also closes {@code out}.
 */
public final class RecordStreamEncoder implements Closeable {
    /** {@code tag(END_RECORD_FIELD, varint)}: {@code 80 c0 ff 7f}, as one little-endian int (one store, no copy). */
    private static final int END_TAG = 0x7fffc080;
    /** The tens and ones digit of 0…99, for writing decimals two digits at a time. */
    private static final byte[] DIGIT_TENS = new byte[100];
    private static final byte[] DIGIT_ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_TENS[i] = (byte) ('0' + i / 10);
            DIGIT_ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private final OutputStream out;
    private final List<Column> columns;
    private final ByteSink record = new ByteSink(256);
    private final Crc32c recordCrc = new Crc32c();
    private final Crc32c streamCrc = new Crc32c();
    /*
     * Per column, looked up once instead of per value: the value loop would otherwise pay a list lookup and two
     * interface calls (Column.type(), OdpsType.kind()) for every value.
     */
    private final OdpsType[] types;
    private final Kind[] kinds;
    /** Per column: the varint of its field tag. */
    private final int[] tags;
    private long count;
    private boolean finished;

    /** {@code columns} are the stream's columns in field-number order (data columns only, or a requested subset). */
    public RecordStreamEncoder(OutputStream out, List<Column> columns) {
        this.out = out;
        this.columns = List.copyOf(columns);
        int n = this.columns.size();
        this.types = new OdpsType[n];
        this.kinds = new Kind[n];
        this.tags = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = this.columns.get(i).type();
            kinds[i] = types[i].kind();
            tags[i] = (i + 1) << 3 | RecordStreamFormat.wireType(types[i]);
        }
    }

    /**
     * Writes one record. {@code values} may be shorter than the column list (missing trailing values are NULL).
     *
     * @throws IllegalArgumentException when a value has the wrong Java type or is outside its column type
     * @throws IllegalStateException after {@link #finish()}
     */
    public void write(List<? extends @Nullable Object> values) throws IOException {
        if (finished) {
            throw new IllegalStateException("stream already finished");
        }
        if (values.size() > columns.size()) {
            throw new IllegalArgumentException("record has " + values.size() + " values for " + columns.size()
                    + " columns");
        }
        record.reset();
        recordCrc.reset();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                continue;
            }
            record.writeVarint(tags[i]);
            recordCrc.updateInt(i + 1);
            try {
                writeValue(types[i], kinds[i], value);
            } catch (IllegalArgumentException e) {
                Column column = columns.get(i);
                throw new IllegalArgumentException("column " + column.name() + " (" + column.type().typeName()
                        + ") of record " + count + ": " + e.getMessage(), e);
            }
        }
        record.writeFixed32(END_TAG);
        int crc = recordCrc.value();
        record.writeVarint(crc & 0xFFFF_FFFFL);
        out.write(record.array(), 0, record.size());
        streamCrc.updateInt(crc);
        count++;
    }

    /**
     * Appends an already encoded and validated record verbatim (first field tag through its CRC, as produced by
     * {@link RecordStreamDecoder#readSlice()}), so stored records can be served without re-encoding. The caller
     * guarantees the slice matches this stream's columns.
     */
    public void writeRawRecord(byte[] bytes, int offset, int length, int crc) throws IOException {
        if (finished) {
            throw new IllegalStateException("stream already finished");
        }
        out.write(bytes, offset, length);
        streamCrc.updateInt(crc);
        count++;
    }

    /** Appends a slice, see {@link #writeRawRecord}. */
    public void writeRawRecord(RecordSlice slice) throws IOException {
        writeRawRecord(slice.bytes(), 0, slice.bytes().length, slice.crc());
    }

    /** Records written so far. */
    public long recordCount() {
        return count;
    }

    /** Writes the trailer (count, stream checksum) and flushes. Idempotent; {@code out} stays open. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        record.reset();
        record.writeTag(RecordStreamFormat.RECORD_COUNT_FIELD, RecordStreamFormat.WIRE_VARINT);
        record.writeZigzag64(count);
        record.writeTag(RecordStreamFormat.CHECKSUM_FIELD, RecordStreamFormat.WIRE_VARINT);
        record.writeVarint(count == 0 ? 0 : streamCrc.value() & 0xFFFF_FFFFL);
        out.write(record.array(), 0, record.size());
        out.flush();
    }

    /** {@link #finish()}, then closes {@code out}. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }

    private void writeValue(OdpsType type, Kind kind, Object value) {
        switch (kind) {
            case BIGINT, INT, SMALLINT, TINYINT -> {
                long v = integral(value);
                check(ValueRules.checkInteger(kind, v));
                record.writeZigzag64(v);
                recordCrc.updateLong(v);
            }
            case BOOLEAN -> {
                boolean b = value instanceof Boolean v ? v : cast(value, Boolean.class);
                record.writeByte(b ? 1 : 0);
                recordCrc.updateByte(b ? 1 : 0);
            }
            case DOUBLE -> {
                long bits = Double.doubleToRawLongBits(value instanceof Double v ? v
                        : value instanceof Float f ? f.doubleValue() : cast(value, Double.class));
                record.writeFixed64(bits);
                recordCrc.updateLong(bits);
            }
            case FLOAT -> {
                int bits = Float.floatToRawIntBits(cast(value, Float.class));
                record.writeFixed32(bits);
                recordCrc.updateInt(bits);
            }
            case DATE -> {
                long day = cast(value, LocalDate.class).toEpochDay();
                check(ValueRules.checkEpochDay(day));
                record.writeZigzag64(day);
                recordCrc.updateLong(day);
            }
            case DATETIME -> {
                Instant instant = value instanceof Instant v ? v : cast(value, Instant.class);
                long millis;
                try {
                    millis = instant.toEpochMilli();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("DATETIME out of range: " + instant, e);
                }
                check(ValueRules.checkEpochMillis(millis));
                record.writeZigzag64(millis);
                recordCrc.updateLong(millis);
            }
            case INTERVAL_YEAR_MONTH -> {
                Period period = cast(value, Period.class);
                if (period.getDays() != 0) {
                    throw new IllegalArgumentException("INTERVAL_YEAR_MONTH cannot hold days: " + period);
                }
                long months = period.toTotalMonths();
                check(ValueRules.checkInteger(kind, months));
                record.writeZigzag64(months);
                recordCrc.updateLong(months);
            }
            case TIMESTAMP -> {
                Instant instant = cast(value, Instant.class);
                writeSecondsNanos(kind, instant.getEpochSecond(), instant.getNano());
            }
            case TIMESTAMP_NTZ -> {
                LocalDateTime local = cast(value, LocalDateTime.class);
                writeSecondsNanos(kind, local.toEpochSecond(ZoneOffset.UTC), local.getNano());
            }
            case INTERVAL_DAY_TIME -> {
                Duration duration = cast(value, Duration.class);
                writeSecondsNanos(kind, duration.getSeconds(), duration.getNano());
            }
            case STRING -> {
                byte[] bytes;
                if (value instanceof OdpsString s) {
                    bytes = s.rawBytes();
                } else if (value instanceof String s) {
                    bytes = s.getBytes(StandardCharsets.UTF_8);
                } else if (value instanceof byte[] b) {
                    bytes = b;
                } else {
                    throw wrongClass(value, OdpsString.class);
                }
                writeBytes(bytes);
            }
            case VARCHAR, CHAR, JSON -> {
                String text = cast(value, String.class);
                check(ValueRules.checkCharLength(type, text));
                writeBytes(text.getBytes(StandardCharsets.UTF_8));
            }
            case BINARY -> {
                byte[] bytes;
                if (value instanceof OdpsBinary b) {
                    bytes = b.rawBytes();
                } else if (value instanceof byte[] b) {
                    bytes = b;
                } else {
                    throw wrongClass(value, OdpsBinary.class);
                }
                writeBytes(bytes);
            }
            case DECIMAL -> {
                BigDecimal decimal = value instanceof BigDecimal v ? v : cast(value, BigDecimal.class);
                if (!writeSmallDecimal((DecimalType) type, decimal)) {
                    String text = decimal.toPlainString();
                    check(ValueRules.checkDecimal((DecimalType) type, text));
                    writeBytes(text.getBytes(StandardCharsets.US_ASCII));
                }
            }
            case ARRAY -> writeElements(((ArrayType) type).element(), cast(value, List.class));
            case MAP -> {
                MapType mapType = (MapType) type;
                Map<?, ?> map = cast(value, Map.class);
                List<@Nullable Object> keys = new java.util.ArrayList<>(map.size());
                List<@Nullable Object> vals = new java.util.ArrayList<>(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    keys.add(e.getKey());
                    vals.add(e.getValue());
                }
                writeElements(mapType.key(), keys);
                writeElements(mapType.value(), vals);
            }
            case STRUCT -> {
                StructType structType = (StructType) type;
                OdpsStruct struct = cast(value, OdpsStruct.class);
                if (struct.values().size() != structType.fields().size()) {
                    throw new IllegalArgumentException("struct has " + struct.values().size() + " values for "
                            + structType.fields().size() + " fields");
                }
                for (int i = 0; i < struct.values().size(); i++) {
                    writeElement(structType.fields().get(i).type(), struct.values().get(i));
                }
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private void writeElements(OdpsType elementType, List<?> elements) {
        record.writeVarint(elements.size());
        for (Object element : elements) {
            writeElement(elementType, element);
        }
    }

    private void writeElement(OdpsType type, @Nullable Object element) {
        if (element == null) {
            record.writeByte(1);
        } else {
            record.writeByte(0);
            writeValue(type, type.kind(), element);
        }
    }

    /**
     * Writes {@code toPlainString()} of a decimal whose unscaled value fits 18 digits and whose scale is 0…18 straight
     * into the record, without the intermediate strings (the common case; {@code toPlainString()} would cost a
     * string, its byte copy and a {@code BigInteger} per value); false (nothing written) for any other decimal.
     */
    private boolean writeSmallDecimal(DecimalType type, BigDecimal decimal) {
        int scale = decimal.scale();
        if (scale < 0 || scale > 18) {
            return false;
        }
        int precision = decimal.precision();
        if (precision > 18) {
            return false;
        }
        // the same limits ValueRules.checkDecimal applies to the plain text: integer digits without leading zeros
        // (zero's precision is 1, but "0" has no integer digit that counts, so decimal(p,p) takes it)
        int integerDigits = decimal.signum() == 0 ? 0 : Math.max(precision - scale, 0);
        if (integerDigits > type.precision() - type.scale() || scale > type.scale()) {
            check("DECIMAL " + decimal.toPlainString() + " exceeds " + type.typeName());
        }
        // the unscaled value as a long: unscaledValue() would allocate a BigInteger, while a BigDecimal of at most
        // 18 digits moved to scale 0 hands back its compact long
        long unscaled = scale == 0 ? decimal.longValue() : decimal.scaleByPowerOfTen(scale).longValue();
        boolean negative = unscaled < 0;
        int digitCount = Math.max(precision, scale + 1); // 0.05: at least one digit precedes the point
        int length = (negative ? 1 : 0) + digitCount + (scale > 0 ? 1 : 0);
        record.writeVarint(length);
        int start = record.reserve(length);
        byte[] buf = record.array();
        // written backwards from the last digit: the scale's fraction digits, the point, the integer digits
        int pos = start + length;
        long magnitude = Math.abs(unscaled);
        // two digits per division where possible (halves the chain of dependent divisions)
        int d = 0;
        for (; d + 1 < scale; d += 2) {
            long quotient = magnitude / 100;
            int pair = (int) (magnitude - quotient * 100);
            buf[--pos] = DIGIT_ONES[pair];
            buf[--pos] = DIGIT_TENS[pair];
            magnitude = quotient;
        }
        if (d < scale) {
            long quotient = magnitude / 10;
            buf[--pos] = (byte) ('0' + (magnitude - quotient * 10));
            magnitude = quotient;
        }
        if (scale > 0) {
            buf[--pos] = '.';
        }
        while (magnitude >= 100) {
            long quotient = magnitude / 100;
            int pair = (int) (magnitude - quotient * 100);
            buf[--pos] = DIGIT_ONES[pair];
            buf[--pos] = DIGIT_TENS[pair];
            magnitude = quotient;
        }
        if (magnitude >= 10) {
            buf[--pos] = DIGIT_ONES[(int) magnitude];
            buf[--pos] = DIGIT_TENS[(int) magnitude];
        } else {
            buf[--pos] = (byte) ('0' + magnitude);
        }
        if (negative) {
            buf[--pos] = '-';
        }
        recordCrc.update(buf, start, length);
        return true;
    }

    private void writeSecondsNanos(Kind kind, long seconds, int nanos) {
        check(ValueRules.checkSecondsNanos(kind, seconds, nanos));
        record.writeZigzag64(seconds);
        record.writeZigzag32(nanos);
        recordCrc.updateLong(seconds);
        recordCrc.updateInt(nanos);
    }

    private void writeBytes(byte[] bytes) {
        record.writeVarint(bytes.length);
        record.writeBytes(bytes, 0, bytes.length);
        recordCrc.update(bytes);
    }

    private static long integral(Object value) {
        if (value instanceof Long v) {
            return v;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw wrongClass(value, Long.class);
    }

    private static <T> T cast(Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw wrongClass(value, type);
        }
        return type.cast(value);
    }

    private static IllegalArgumentException wrongClass(Object value, Class<?> expected) {
        return new IllegalArgumentException("expected " + expected.getSimpleName() + " but got "
                + value.getClass().getName());
    }

    private static void check(@Nullable String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
