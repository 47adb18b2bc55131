package org.odpsexplorer.wire.tunnel;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.OdpsType.ArrayType;
import org.odpsexplorer.wire.tunnel.OdpsType.DecimalType;
import org.odpsexplorer.wire.tunnel.OdpsType.Kind;
import org.odpsexplorer.wire.tunnel.OdpsType.MapType;
import org.odpsexplorer.wire.tunnel.OdpsType.StructType;

/**
 * Writes one record stream ({@code protocol/tunnel.md} §10) to an {@link OutputStream}, one record at a time, then the trailer.
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
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
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
    /** The batch path's CRC feeds (field numbers, fixed-width values, short byte values) and its CRC. */
    private final byte[] crcScratch = new byte[1024];
    private final CRC32C fastCrc = new CRC32C();
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
     * Writes every row of {@code batch} (its values were checked when they were set). A container value (ARRAY, MAP,
     * STRUCT) that does not fit its type is an {@link IllegalArgumentException} for its row; the rows before it are
     * written.
     *
     * @throws IllegalArgumentException when the batch's columns are not this stream's
     * @throws IllegalStateException after {@link #finish()}
     */
    public void write(RecordBatch batch) throws IOException {
        if (finished) {
            throw new IllegalStateException("stream already finished");
        }
        if (!batch.columns().equals(columns)) {
            throw new IllegalArgumentException("batch columns " + batch.columns() + " are not the stream's "
                    + columns);
        }
        int n = tags.length;
        int rows = batch.size;
        int[] storage = batch.storage;
        boolean[][] nulls = batch.nulls;
        long[][] longs = batch.longs;
        int[][] ints = batch.ints;
        int[][] lengths = batch.lengths;
        // whether no value needs the value-object path (containers, decimals beyond 18 digits)
        boolean simple = !batch.hasObjects;
        for (int row = 0; row < rows; row++) {
            if (simple) {
                writeRowFast(batch, row);
                continue;
            }
            record.reset();
            recordCrc.reset();
            for (int c = 0; c < n; c++) {
                if (nulls[c][row]) {
                    continue;
                }
                record.writeVarint(tags[c]);
                recordCrc.updateInt(c + 1);
                switch (storage[c]) {
                    case RecordBatch.LONG -> {
                        long v = longs[c][row];
                        record.writeZigzag64(v);
                        recordCrc.updateLong(v);
                    }
                    case RecordBatch.DOUBLE -> {
                        long bits = longs[c][row];
                        record.writeFixed64(bits);
                        recordCrc.updateLong(bits);
                    }
                    case RecordBatch.BOOLEAN -> {
                        int b = (int) longs[c][row];
                        record.writeByte(b);
                        recordCrc.updateByte(b);
                    }
                    case RecordBatch.BYTES -> {
                        int start = batch.starts[c][row];
                        int length = lengths[c][row];
                        byte[] heap = batch.heap[c];
                        record.writeVarint(length);
                        record.writeBytes(heap, start, length);
                        recordCrc.update(heap, start, length);
                    }
                    case RecordBatch.DECIMAL -> {
                        int scale = ints[c][row];
                        if (scale >= 0) {
                            writeDecimalDigits(longs[c][row], scale);
                        } else {
                            writeBatchObject(batch, c, row);
                        }
                    }
                    case RecordBatch.FLOAT -> {
                        int bits = (int) longs[c][row];
                        record.writeFixed32(bits);
                        recordCrc.updateInt(bits);
                    }
                    case RecordBatch.SECONDS_NANOS -> {
                        long seconds = longs[c][row];
                        int nanos = ints[c][row];
                        record.writeZigzag64(seconds);
                        record.writeZigzag32(nanos);
                        recordCrc.updateLong(seconds);
                        recordCrc.updateInt(nanos);
                    }
                    default -> writeBatchObject(batch, c, row);
                }
            }
            record.writeFixed32(END_TAG);
            int value = recordCrc.value();
            record.writeVarint(value & 0xFFFF_FFFFL);
            out.write(record.array(), 0, record.size());
            streamCrc.updateInt(value);
            count++;
        }
    }

    /**
     * One row of a batch without container values, written in one pass with a local position into a record buffer
     * sized for it once, the CRC feeds gathered in one scratch array and handed to the intrinsic CRC-32C once.
     */
    private void writeRowFast(RecordBatch batch, int row) throws IOException {
        int n = tags.length;
        int[] storage = batch.storage;
        boolean[][] nulls = batch.nulls;
        long[][] longs = batch.longs;
        int[][] lengths = batch.lengths;
        // room for every field but the bytes of byte values (reserved as they come): a tag (≤ 5) and a value
        // (≤ 10 + 10; a decimal ≤ 1 + 21), then the end tag and CRC
        int fixedBound = 32 * n + 16;
        record.reset();
        record.reserve(fixedBound);
        byte[] a = record.array();
        int q = 0;
        byte[] sc = crcScratch;
        int g = 0;
        CRC32C crc = fastCrc;
        crc.reset();
        for (int c = 0; c < n; c++) {
            if (nulls[c][row]) {
                continue;
            }
            int tag = tags[c];
            if (tag < 0x80) {
                a[q++] = (byte) tag;
            } else {
                q = ByteSink.putVarint(a, q, tag);
            }
            if (g > sc.length - 80) { // room for a field number and up to 64 bytes of value
                crc.update(sc, 0, g);
                g = 0;
            }
            INT_LE.set(sc, g, c + 1);
            g += 4;
            switch (storage[c]) {
                case RecordBatch.LONG -> {
                    long v = longs[c][row];
                    q = ByteSink.putVarint(a, q, (v << 1) ^ (v >> 63));
                    LONG_LE.set(sc, g, v);
                    g += 8;
                }
                case RecordBatch.DOUBLE -> {
                    long bits = longs[c][row];
                    LONG_LE.set(a, q, bits);
                    q += 8;
                    LONG_LE.set(sc, g, bits);
                    g += 8;
                }
                case RecordBatch.BOOLEAN -> {
                    byte v = (byte) longs[c][row];
                    a[q++] = v;
                    sc[g++] = v;
                }
                case RecordBatch.BYTES -> {
                    int start = batch.starts[c][row];
                    int length = lengths[c][row];
                    byte[] heap = batch.heap[c];
                    if (a.length - q < fixedBound + length) {
                        record.setSize(q);
                        record.reserve(fixedBound + length);
                        a = record.array();
                    }
                    q = ByteSink.putVarint(a, q, length);
                    System.arraycopy(heap, start, a, q, length);
                    q += length;
                    if (length <= 64) {
                        System.arraycopy(heap, start, sc, g, length);
                        g += length;
                    } else {
                        crc.update(sc, 0, g);
                        g = 0;
                        crc.update(heap, start, length);
                    }
                }
                case RecordBatch.DECIMAL -> {
                    // compact (checked by the caller): at most 21 bytes of text, so a one-byte length
                    int length = decimalText(longs[c][row], batch.ints[c][row], a, q + 1);
                    a[q] = (byte) length;
                    System.arraycopy(a, q + 1, sc, g, length);
                    g += length;
                    q += 1 + length;
                }
                case RecordBatch.FLOAT -> {
                    int bits = (int) longs[c][row];
                    INT_LE.set(a, q, bits);
                    q += 4;
                    INT_LE.set(sc, g, bits);
                    g += 4;
                }
                default -> { // SECONDS_NANOS
                    long seconds = longs[c][row];
                    int nanos = batch.ints[c][row];
                    q = ByteSink.putVarint(a, q, (seconds << 1) ^ (seconds >> 63));
                    q = ByteSink.putVarint(a, q, ((nanos << 1) ^ (nanos >> 31)) & 0xFFFF_FFFFL);
                    LONG_LE.set(sc, g, seconds);
                    INT_LE.set(sc, g + 8, nanos);
                    g += 12;
                }
            }
        }
        INT_LE.set(a, q, END_TAG);
        q += 4;
        crc.update(sc, 0, g);
        int value = (int) crc.getValue();
        q = ByteSink.putVarint(a, q, value & 0xFFFF_FFFFL);
        out.write(a, 0, q);
        streamCrc.updateInt(value);
        count++;
    }

    private void writeBatchObject(RecordBatch batch, int column, int row) {
        try {
            writeValue(types[column], kinds[column], batch.objects[column][row]);
        } catch (IllegalArgumentException e) {
            Column col = columns.get(column);
            throw new IllegalArgumentException("column " + col.name() + " (" + col.type().typeName()
                    + ") of record " + count + ": " + e.getMessage(), e);
        }
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
                List<@Nullable Object> keys = new ArrayList<>(map.size());
                List<@Nullable Object> vals = new ArrayList<>(map.size());
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
        writeDecimalDigits(unscaled, scale);
        return true;
    }

    /** The decimal digits of 0 < {@code v} < 10^18. */
    private static int digitsOf(long v) {
        int guess = (64 - Long.numberOfLeadingZeros(v)) * 1233 >>> 12; // log10(2) ≈ 1233 / 4096
        return guess + (v >= POW10[guess] ? 1 : 0);
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /**
     * Writes the plain text of {@code unscaled × 10^-scale} (|unscaled| < 10^18, scale 0…18) as a length-delimited
     * value and feeds it to the record CRC: what {@code BigDecimal.toPlainString()} gives, without the strings.
     */
    private void writeDecimalDigits(long unscaled, int scale) {
        int start = record.size();
        record.reserve(22); // a one-byte length and at most 21 bytes of text
        byte[] buf = record.array();
        int length = decimalText(unscaled, scale, buf, start + 1);
        buf[start] = (byte) length;
        record.setSize(start + 1 + length);
        recordCrc.update(buf, start + 1, length);
    }

    /**
     * Writes the plain text of {@code unscaled × 10^-scale} (|unscaled| < 10^18, scale 0…18: at most 21 bytes) at
     * {@code buf[at]} and returns its length: what {@code BigDecimal.toPlainString()} gives, without the strings.
     */
    private static int decimalText(long unscaled, int scale, byte[] buf, int at) {
        boolean negative = unscaled < 0;
        int precision = unscaled == 0 ? 1 : digitsOf(Math.abs(unscaled));
        int digitCount = Math.max(precision, scale + 1); // 0.05: at least one digit precedes the point
        int length = (negative ? 1 : 0) + digitCount + (scale > 0 ? 1 : 0);
        // written backwards from the last digit: the scale's fraction digits, the point, the integer digits
        int pos = at + length;
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
        return length;
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
