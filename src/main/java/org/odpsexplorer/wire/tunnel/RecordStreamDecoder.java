package org.odpsexplorer.wire.tunnel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.MalformedStreamException.Reason;
import org.odpsexplorer.wire.tunnel.OdpsType.ArrayType;
import org.odpsexplorer.wire.tunnel.OdpsType.DecimalType;
import org.odpsexplorer.wire.tunnel.OdpsType.Kind;
import org.odpsexplorer.wire.tunnel.OdpsType.MapType;
import org.odpsexplorer.wire.tunnel.OdpsType.StructField;
import org.odpsexplorer.wire.tunnel.OdpsType.StructType;

/**
 * Reads one record stream ({@code protocol/tunnel.md} §10) from an {@link InputStream}, one record at a time, validating as it
 * goes: tags and wire types against the columns, value ranges, each record CRC, and at the end the trailer count, the
 * stream checksum and end-of-stream. Any violation is a {@link MalformedStreamException}; garbage input never causes
 * an unchecked exception, and memory stays bounded by {@link DecoderOptions#maxRecordBytes()}.
 *
 * <p>Values come back as documented on {@link RecordStreamEncoder}; BIGINT/INT/SMALLINT/TINYINT as exactly
 * {@code Long}/{@code Integer}/{@code Short}/{@code Byte}, INTERVAL_YEAR_MONTH as a normalized {@code Period}, lists
 * and maps unmodifiable. Decompression is the caller's job (see {@link TunnelCompression}).
 *
 * <p>Not thread-safe. {@link #close()} closes the input stream.
 */
public final class RecordStreamDecoder implements Closeable {
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final @Nullable InputStream in;
    private final List<Column> columns;
    private final DecoderOptions options;
    private final byte[] buf;
    private int pos;
    private int limit;
    private long bufBase;
    private final ByteSink slice = new ByteSink(256);
    private final Crc32c recordCrc = new Crc32c();
    private final Crc32c streamCrc = new Crc32c();
    private final boolean[] seen;
    /** Per column, looked up once: its type, the wire type its tag must carry, whether it is NOT NULL. */
    private final OdpsType[] types;
    private final int[] wireTypes;
    private final boolean anyNotNull;
    /** The record being decoded: a fresh array per record, handed to the caller as is by {@link #readValues()}. */
    private @Nullable Object[] values;
    private final SmallDecimals decimals = new SmallDecimals();
    /** The fast path's CRC feeds (field numbers, fixed-width values, short byte values) and its CRC. */
    private final byte[] crcScratch = new byte[1024];
    private final CRC32C fastCrc = new CRC32C();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private long count;
    /** Bytes of the current record so far (bounded by maxRecordBytes). */
    private long recordBytes;
    /** Whether the current record's bytes are copied into {@link #slice} (only {@link #readSlice()} needs them). */
    private boolean capture;
    private int lastCrc;
    private boolean finished;
    /** While {@link #readBatch} runs: the batch and row the current record is decoded into (no value objects). */
    private @Nullable RecordBatch target;
    private int targetRow;

    /** Decodes {@code in} with {@link DecoderOptions#DEFAULTS}. */
    public RecordStreamDecoder(InputStream in, List<Column> columns) {
        this(in, columns, DecoderOptions.DEFAULTS);
    }

    /** {@code columns} are the stream's columns in field-number order (data columns, or a requested subset). */
    public RecordStreamDecoder(InputStream in, List<Column> columns, DecoderOptions options) {
        this.in = in;
        this.columns = List.copyOf(columns);
        this.options = options;
        this.buf = new byte[64 * 1024];
        this.seen = new boolean[this.columns.size()];
        this.values = new Object[this.columns.size()];
        this.types = typesOf(this.columns);
        this.wireTypes = wireTypesOf(this.types);
        this.anyNotNull = this.columns.stream().anyMatch(c -> !c.nullable());
    }

    private static OdpsType[] typesOf(List<Column> columns) {
        OdpsType[] types = new OdpsType[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columns.get(i).type();
        }
        return types;
    }

    private static int[] wireTypesOf(OdpsType[] types) {
        int[] wire = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            wire[i] = RecordStreamFormat.wireType(types[i]);
        }
        return wire;
    }

    private RecordStreamDecoder(byte[] data, int offset, int length, List<Column> columns) {
        this.in = null;
        this.columns = columns;
        this.options = DecoderOptions.DEFAULTS.withRequireTrailer(false);
        this.buf = data;
        this.pos = offset;
        this.limit = offset + length;
        this.bufBase = -offset;
        this.seen = new boolean[columns.size()];
        this.values = new Object[columns.size()];
        this.types = typesOf(columns);
        this.wireTypes = wireTypesOf(this.types);
        this.anyNotNull = columns.stream().anyMatch(c -> !c.nullable());
    }

    /**
     * Decodes one stored record slice (no trailer) into its values.
     *
     * @throws MalformedStreamException when the bytes are not exactly one valid record for {@code columns}
     */
    public static List<@Nullable Object> decodeSlice(byte[] bytes, int offset, int length, List<Column> columns)
            throws MalformedStreamException {
        RecordStreamDecoder decoder = new RecordStreamDecoder(bytes, offset, length, List.copyOf(columns));
        try {
            List<@Nullable Object> record = decoder.read();
            if (record == null || decoder.read() != null) {
                throw new MalformedStreamException(Reason.UNEXPECTED_TAG, "not exactly one record", 0, 0);
            }
            return record;
        } catch (MalformedStreamException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("in-memory decoding cannot do I/O", e);
        }
    }

    /**
     * The next record's values (one per column, null for NULL), or {@code null} after the trailer has been read and
     * verified.
     */
    public @Nullable List<@Nullable Object> read() throws IOException {
        @Nullable Object[] record = readValues();
        return record == null ? null : Collections.unmodifiableList(Arrays.asList(record));
    }

    /**
     * Like {@link #read()} but returns the values as a fresh array the caller owns (one element per column), or
     * {@code null} at the end; saves the list wrapper on hot paths.
     */
    public @Nullable Object @Nullable [] readValues() throws IOException {
        capture = false;
        if (!readRecord()) {
            return null;
        }
        return values;
    }

    /**
     * Decodes records into {@code batch} until it is full or the stream ends (trailer verified); returns the number
     * of rows added (0 at the end). Validates exactly as {@link #read()}; a record that fails leaves the batch
     * without it.
     *
     * @throws IllegalArgumentException when the batch's columns are not this stream's
     */
    public int readBatch(RecordBatch batch) throws IOException {
        return readBatch(batch, Integer.MAX_VALUE);
    }

    /** {@link #readBatch(RecordBatch)}, adding at most {@code maxRows} rows. */
    public int readBatch(RecordBatch batch, int maxRows) throws IOException {
        if (!batch.columns().equals(columns)) {
            throw new IllegalArgumentException("batch columns " + batch.columns() + " are not the stream's "
                    + columns);
        }
        capture = false;
        int before = batch.size;
        target = batch;
        boolean fast = fastPathApplies(batch);
        try {
            int end = (int) Math.min(batch.capacity(), (long) before + Math.max(maxRows, 0));
            while (batch.size < end) {
                targetRow = batch.size;
                if (fast && readRecordFast(batch, targetRow)) {
                    batch.size++;
                    continue;
                }
                batch.clearRow(targetRow);
                if (!readRecord()) {
                    break;
                }
                batch.size++;
            }
        } finally {
            target = null;
        }
        return batch.size - before;
    }

    /**
     * Whether every column can take {@link #readRecordFast}: at most 15 columns (one-byte field tags; a wider record
     * would be given up at its 16th field every time) of the common scalar types.
     */
    private boolean fastPathApplies(RecordBatch batch) {
        if (types.length > 15 || finished) {
            return false;
        }
        for (int c = 0; c < types.length; c++) {
            switch (batch.storage[c]) {
                case RecordBatch.LONG, RecordBatch.DOUBLE, RecordBatch.BOOLEAN, RecordBatch.FLOAT,
                        RecordBatch.DECIMAL -> { }
                case RecordBatch.BYTES -> {
                    if (batch.kinds[c] != Kind.STRING && batch.kinds[c] != Kind.BINARY) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** Margin kept at the end of the read buffer by the fast path: its widest unchecked read is 15 bytes. */
    private static final int FAST_MARGIN = 16;
    /** The little-endian int of the end-of-record tag's four bytes. */
    private static final int END_TAG = 0x7fffc080;

    /**
     * Decodes the next record into {@code batch} row {@code row} when the whole record lies in the read buffer and is
     * of the common, valid shape (one-byte field tags, values within range, the CRC right); returns false without
     * consuming anything otherwise, and {@link #readRecord()} then decodes it (or reports what is wrong with it).
     * One pass over the bytes with a local position, the CRC feeds gathered in one scratch array and handed to the
     * intrinsic CRC-32C once per record.
     */
    private boolean readRecordFast(RecordBatch batch, int row) {
        final byte[] b = buf;
        final int start = pos;
        final int lim = limit - FAST_MARGIN;
        int p = start;
        if (p > lim) {
            return false;
        }
        final int n = types.length;
        final int[] storage = batch.storage;
        final int[] wire = wireTypes;
        byte[] sc = crcScratch;
        int g = 0;
        CRC32C crc = fastCrc;
        crc.reset();
        long seenMask = 0;
        while (true) {
            if (p > lim) {
                return false;
            }
            int tag = b[p];
            if (tag < 0) {
                if ((int) INT_LE.get(b, p) != END_TAG) {
                    return false;
                }
                p += 4;
                long word = (long) LONG_LE.get(b, p);
                long stops = ~word & 0x8080_8080_8080_8080L;
                int bits = Long.numberOfTrailingZeros(stops) + 1;
                if (bits > 40) {
                    return false; // a CRC takes at most five varint bytes
                }
                long stored = compactVarint(word & ((1L << bits) - 1));
                p += bits >>> 3;
                if (stored > UINT32_MAX) {
                    return false;
                }
                crc.update(sc, 0, g);
                int value = (int) crc.getValue();
                if (value != (int) stored || p - start > options.maxRecordBytes()) {
                    return false;
                }
                if (anyNotNull && options.enforceNotNull()) {
                    for (int c = 0; c < n; c++) {
                        if ((seenMask & (1L << c)) == 0 && !columns.get(c).nullable()) {
                            return false;
                        }
                    }
                }
                boolean[][] nulls = batch.nulls;
                for (int c = 0; c < n; c++) {
                    nulls[c][row] = (seenMask & (1L << c)) == 0;
                }
                pos = p;
                recordBytes = p - start;
                lastCrc = value;
                streamCrc.updateInt(value);
                count++;
                return true;
            }
            int field = tag >>> 3;
            if (field == 0 || field > n || wire[field - 1] != (tag & 7)) {
                return false;
            }
            int c = field - 1;
            long bit = 1L << c;
            if ((seenMask & bit) != 0) {
                return false;
            }
            seenMask |= bit;
            p++;
            if (g > sc.length - 80) { // room for a field number and up to 64 bytes of value
                crc.update(sc, 0, g);
                g = 0;
            }
            INT_LE.set(sc, g, field);
            g += 4;
            switch (storage[c]) {
                case RecordBatch.LONG -> {
                    long word = (long) LONG_LE.get(b, p);
                    long stops = ~word & 0x8080_8080_8080_8080L;
                    long raw;
                    if (stops != 0) {
                        int bits = Long.numberOfTrailingZeros(stops) + 1;
                        raw = compactVarint(bits == 64 ? word : word & ((1L << bits) - 1));
                        p += bits >>> 3;
                    } else {
                        // 9 or 10 bytes: the low 56 bits from the word, then one or two more bytes
                        raw = compactVarint(word);
                        int b8 = b[p + 8];
                        raw |= (long) (b8 & 0x7F) << 56;
                        if (b8 < 0) {
                            int b9 = b[p + 9];
                            if ((b9 & 0xFF) > 1) {
                                return false;
                            }
                            raw |= (long) b9 << 63;
                            p += 10;
                        } else {
                            p += 9;
                        }
                    }
                    long v = (raw >>> 1) ^ -(raw & 1);
                    Kind kind = batch.kinds[c];
                    if (kind != Kind.BIGINT) {
                        String problem = kind == Kind.DATETIME ? ValueRules.checkEpochMillis(v)
                                : kind == Kind.DATE ? ValueRules.checkEpochDay(v) : ValueRules.checkInteger(kind, v);
                        if (problem != null) {
                            return false;
                        }
                    }
                    LONG_LE.set(sc, g, v);
                    g += 8;
                    batch.longs[c][row] = v;
                }
                case RecordBatch.DOUBLE -> {
                    long bits = (long) LONG_LE.get(b, p);
                    p += 8;
                    LONG_LE.set(sc, g, bits);
                    g += 8;
                    batch.longs[c][row] = bits;
                }
                case RecordBatch.BOOLEAN -> {
                    int v = b[p];
                    if (v != 0 && v != 1) {
                        return false;
                    }
                    p++;
                    sc[g++] = (byte) v;
                    batch.longs[c][row] = v;
                }
                case RecordBatch.FLOAT -> {
                    int bits = (int) INT_LE.get(b, p);
                    p += 4;
                    INT_LE.set(sc, g, bits);
                    g += 4;
                    batch.longs[c][row] = bits;
                }
                default -> { // BYTES (STRING, BINARY) and DECIMAL: a length, then the bytes
                    int length = b[p];
                    if (length >= 0) {
                        p++;
                    } else {
                        long word = (long) LONG_LE.get(b, p);
                        long stops = ~word & 0x8080_8080_8080_8080L;
                        int bits = Long.numberOfTrailingZeros(stops) + 1;
                        if (bits > 32) {
                            return false; // four varint bytes are 256 MiB: more than any buffer holds
                        }
                        length = (int) compactVarint(word & ((1L << bits) - 1));
                        p += bits >>> 3;
                    }
                    if (length > lim - p || length > options.maxFieldBytes()) {
                        return false;
                    }
                    if (storage[c] == RecordBatch.DECIMAL) {
                        if (!decimals.parseInto((DecimalType) types[c], b, p, length)) {
                            return false;
                        }
                        batch.longs[c][row] = decimals.unscaled;
                        batch.ints[c][row] = decimals.scale;
                    } else {
                        int at = batch.reserveBytes(c, length);
                        System.arraycopy(b, p, batch.heap[c], at, length);
                        batch.starts[c][row] = at;
                        batch.lengths[c][row] = length;
                    }
                    if (length <= 64) {
                        System.arraycopy(b, p, sc, g, length);
                        g += length;
                    } else {
                        crc.update(sc, 0, g);
                        g = 0;
                        crc.update(b, p, length);
                    }
                    p += length;
                }
            }
        }
    }

    /** The value of a varint of at most 8 bytes given as a little-endian word (bytes after it zeroed). */
    private static long compactVarint(long x) {
        return x & 0x7FL
                | (x >>> 1) & 0x3F80L
                | (x >>> 2) & 0x1F_C000L
                | (x >>> 3) & 0xFE0_0000L
                | (x >>> 4) & 0x7_F000_0000L
                | (x >>> 5) & 0x3F8_0000_0000L
                | (x >>> 6) & 0x1_FC00_0000_0000L
                | (x >>> 7) & 0xFE_0000_0000_0000L;
    }

    /** Like {@link #read()} but returns the record's raw bytes and CRC instead of its values. */
    public @Nullable RecordSlice readSlice() throws IOException {
        capture = true;
        if (!readRecord()) {
            return null;
        }
        return new RecordSlice(Arrays.copyOf(slice.array(), slice.size()), lastCrc);
    }

    /** Records read so far (after the end: the verified total). */
    public long recordCount() {
        return count;
    }

    /** Whether the trailer has been read and verified (or the stream ended where a missing trailer is allowed). */
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }

    private boolean readRecord() throws IOException {
        if (finished) {
            return false;
        }
        slice.reset();
        recordBytes = 0;
        recordCrc.reset();
        Arrays.fill(seen, false);
        RecordBatch batch = target;
        if (batch == null) {
            values = new Object[seen.length];
        }
        boolean any = false;
        while (true) {
            long tag = readTag(!any);
            if (tag < 0) {
                if (options.requireTrailer()) {
                    throw fail(Reason.MISSING_TRAILER, "stream ends without trailer");
                }
                finished = true;
                return false;
            }
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == RecordStreamFormat.END_RECORD_FIELD && wireType == RecordStreamFormat.WIRE_VARINT) {
                long crc = readVarint();
                if (crc > UINT32_MAX) {
                    throw fail(Reason.BAD_VARINT, "record CRC wider than 32 bits");
                }
                if ((int) crc != recordCrc.value()) {
                    throw fail(Reason.RECORD_CRC_MISMATCH, "record CRC " + Long.toHexString(crc) + " but computed "
                            + Integer.toHexString(recordCrc.value()));
                }
                if (anyNotNull && options.enforceNotNull()) {
                    for (int i = 0; i < columns.size(); i++) {
                        if (!seen[i] && !columns.get(i).nullable()) {
                            throw fail(Reason.NULL_IN_NOT_NULL_COLUMN, "NULL in NOT NULL column "
                                    + columns.get(i).name());
                        }
                    }
                }
                lastCrc = (int) crc;
                streamCrc.updateInt(lastCrc);
                count++;
                return true;
            }
            if (field == RecordStreamFormat.RECORD_COUNT_FIELD && wireType == RecordStreamFormat.WIRE_VARINT) {
                if (any) {
                    throw fail(Reason.BAD_TRAILER, "trailer inside a record");
                }
                readTrailer();
                return false;
            }
            if (field < 1 || field > columns.size()) {
                throw fail(Reason.UNEXPECTED_TAG, "unexpected field number " + field + " (wire type " + wireType
                        + ") for " + columns.size() + " columns");
            }
            int expected = wireTypes[field - 1];
            if (wireType != expected) {
                Column column = columns.get(field - 1);
                throw fail(Reason.WIRE_TYPE_MISMATCH, "column " + column.name() + " (" + column.type().typeName()
                        + ") needs wire type " + expected + " but got " + wireType);
            }
            if (seen[field - 1]) {
                throw fail(Reason.DUPLICATE_FIELD, "column " + columns.get(field - 1).name() + " twice in one record");
            }
            seen[field - 1] = true;
            recordCrc.updateInt(field);
            if (batch == null) {
                values[field - 1] = readValue(types[field - 1]);
            } else {
                readInto(batch, field - 1);
            }
            any = true;
        }
    }

    private void readTrailer() throws IOException {
        long trailerCount = zigzag64(readVarint());
        if (trailerCount != count) {
            throw fail(Reason.COUNT_MISMATCH, "trailer says " + trailerCount + " records, stream has " + count);
        }
        long tag = readVarint();
        if (tag == (1 << 3 | RecordStreamFormat.WIRE_LENGTH_DELIMITED)) {
            // optional server metrics (protocol/tunnel.md §10.1): a JSON string with its own CRC over (int32 1, bytes)
            byte[] metrics = readBytes(readLength());
            long endTag = readVarint();
            if (endTag != ((long) RecordStreamFormat.METRICS_END_FIELD << 3)) {
                throw fail(Reason.BAD_TRAILER, "metrics not followed by its end tag");
            }
            long crc = readVarint();
            if (crc > UINT32_MAX || (int) crc != new Crc32c().updateInt(1).update(metrics).value()) {
                throw fail(Reason.STREAM_CHECKSUM_MISMATCH, "metrics CRC mismatch");
            }
            tag = readVarint();
        }
        if (tag != ((long) RecordStreamFormat.CHECKSUM_FIELD << 3)) {
            throw fail(Reason.BAD_TRAILER, "record count not followed by the stream checksum");
        }
        long checksum = readVarint();
        if (checksum > UINT32_MAX) {
            throw fail(Reason.BAD_VARINT, "stream checksum wider than 32 bits");
        }
        if ((int) checksum != streamCrc.value()) {
            throw fail(Reason.STREAM_CHECKSUM_MISMATCH, "stream checksum " + Long.toHexString(checksum)
                    + " but computed " + Integer.toHexString(streamCrc.value()));
        }
        if (next() >= 0) {
            throw fail(Reason.BAD_TRAILER, "data after the trailer");
        }
        finished = true;
    }

    private Object readValue(OdpsType type) throws IOException {
        Kind kind = type.kind();
        switch (kind) {
            case BIGINT, INT, SMALLINT, TINYINT: {
                long v = zigzag64(readVarint());
                check(ValueRules.checkInteger(kind, v));
                recordCrc.updateLong(v);
                switch (kind) {
                    case INT:
                        return (int) v;
                    case SMALLINT:
                        return (short) v;
                    case TINYINT:
                        return (byte) v;
                    default:
                        return v;
                }
            }
            case BOOLEAN: {
                long v = readVarint();
                if (v > 1 || v < 0) {
                    throw fail(Reason.VALUE_OUT_OF_RANGE, "BOOLEAN varint " + Long.toUnsignedString(v));
                }
                recordCrc.updateByte((int) v);
                return v == 1;
            }
            case DOUBLE: {
                long bits = readFixed(8);
                recordCrc.updateLong(bits);
                return Double.longBitsToDouble(bits);
            }
            case FLOAT: {
                int bits = (int) readFixed(4);
                recordCrc.updateInt(bits);
                return Float.intBitsToFloat(bits);
            }
            case DATE: {
                long day = zigzag64(readVarint());
                check(ValueRules.checkEpochDay(day));
                recordCrc.updateLong(day);
                return LocalDate.ofEpochDay(day);
            }
            case DATETIME: {
                long millis = zigzag64(readVarint());
                check(ValueRules.checkEpochMillis(millis));
                recordCrc.updateLong(millis);
                return Instant.ofEpochMilli(millis);
            }
            case INTERVAL_YEAR_MONTH: {
                long months = zigzag64(readVarint());
                check(ValueRules.checkInteger(kind, months));
                recordCrc.updateLong(months);
                return Period.ofMonths((int) months).normalized();
            }
            case TIMESTAMP, TIMESTAMP_NTZ, INTERVAL_DAY_TIME: {
                long seconds = zigzag64(readVarint());
                long rawNanos = readVarint();
                if (rawNanos < 0 || rawNanos > UINT32_MAX) {
                    throw fail(Reason.BAD_VARINT, "nanos wider than 32 bits");
                }
                int nanos = (int) (rawNanos >>> 1) ^ -(int) (rawNanos & 1);
                check(ValueRules.checkSecondsNanos(kind, seconds, nanos));
                recordCrc.updateLong(seconds);
                recordCrc.updateInt(nanos);
                if (kind == Kind.TIMESTAMP) {
                    return Instant.ofEpochSecond(seconds, nanos);
                }
                if (kind == Kind.TIMESTAMP_NTZ) {
                    return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
                }
                return Duration.ofSeconds(seconds, nanos);
            }
            case STRING: {
                byte[] bytes = readBytes(readLength());
                recordCrc.update(bytes);
                return OdpsString.wrap(bytes);
            }
            case BINARY: {
                byte[] bytes = readBytes(readLength());
                recordCrc.update(bytes);
                return OdpsBinary.wrap(bytes);
            }
            case VARCHAR, CHAR, JSON:
                return readTextValue(type, readLength());
            case DECIMAL: {
                int length = readLength();
                if (limit - pos >= length && recordBytes + length <= options.maxRecordBytes()) {
                    // the text lies in the buffer: parse it there, without a byte[] per value
                    int start = pos;
                    BigDecimal small = SmallDecimals.parse((DecimalType) type, buf, start, length);
                    if (small != null) {
                        recordCrc.update(buf, start, length);
                        consumed(start, start + length);
                        return small;
                    }
                }
                byte[] bytes = readBytes(length);
                recordCrc.update(bytes);
                BigDecimal small = SmallDecimals.parse((DecimalType) type, bytes);
                if (small != null) {
                    return small;
                }
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                check(ValueRules.checkDecimal((DecimalType) type, text));
                return new BigDecimal(text);
            }
            case ARRAY:
                return Collections.unmodifiableList(readElements(((ArrayType) type).element()));
            case MAP: {
                MapType mapType = (MapType) type;
                List<@Nullable Object> keys = readElements(mapType.key());
                List<@Nullable Object> vals = readElements(mapType.value());
                if (keys.size() != vals.size()) {
                    throw fail(Reason.VALUE_OUT_OF_RANGE, "MAP with " + keys.size() + " keys but " + vals.size()
                            + " values");
                }
                Map<@Nullable Object, @Nullable Object> map = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    map.put(keys.get(i), vals.get(i));
                }
                return Collections.unmodifiableMap(map);
            }
            case STRUCT: {
                List<StructField> fields = ((StructType) type).fields();
                List<@Nullable Object> members = new ArrayList<>(fields.size());
                for (StructField f : fields) {
                    members.add(readElement(f.type()));
                }
                return new OdpsStruct(members);
            }
            default:
                throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    /**
     * Decodes one value of column {@code c} into the batch's arrays at {@link #targetRow}: the checks of
     * {@link #readValue} without the value object (strings are copied into the column's byte array, small decimals
     * parsed into unscaled long and scale where they lie in the read buffer).
     */
    private void readInto(RecordBatch batch, int c) throws IOException {
        int row = targetRow;
        OdpsType type = types[c];
        Kind kind = batch.kinds[c];
        switch (batch.storage[c]) {
            case RecordBatch.LONG -> {
                long v = zigzag64(readVarint());
                if (kind == Kind.DATETIME) {
                    check(ValueRules.checkEpochMillis(v));
                } else if (kind == Kind.DATE) {
                    check(ValueRules.checkEpochDay(v));
                } else if (kind != Kind.BIGINT) {
                    check(ValueRules.checkInteger(kind, v));
                }
                recordCrc.updateLong(v);
                batch.longs[c][row] = v;
            }
            case RecordBatch.DOUBLE -> {
                long bits = readFixed(8);
                recordCrc.updateLong(bits);
                batch.longs[c][row] = bits;
            }
            case RecordBatch.BOOLEAN -> {
                long v = readVarint();
                if (v > 1 || v < 0) {
                    throw fail(Reason.VALUE_OUT_OF_RANGE, "BOOLEAN varint " + Long.toUnsignedString(v));
                }
                recordCrc.updateByte((int) v);
                batch.longs[c][row] = v;
            }
            case RecordBatch.FLOAT -> {
                int bits = (int) readFixed(4);
                recordCrc.updateInt(bits);
                batch.longs[c][row] = bits;
            }
            case RecordBatch.SECONDS_NANOS -> {
                long seconds = zigzag64(readVarint());
                long rawNanos = readVarint();
                if (rawNanos < 0 || rawNanos > UINT32_MAX) {
                    throw fail(Reason.BAD_VARINT, "nanos wider than 32 bits");
                }
                int nanos = (int) (rawNanos >>> 1) ^ -(int) (rawNanos & 1);
                check(ValueRules.checkSecondsNanos(kind, seconds, nanos));
                recordCrc.updateLong(seconds);
                recordCrc.updateInt(nanos);
                batch.longs[c][row] = seconds;
                batch.ints[c][row] = nanos;
            }
            case RecordBatch.BYTES -> {
                int length = readLength();
                if (kind == Kind.STRING || kind == Kind.BINARY) {
                    if (recordBytes + length > options.maxRecordBytes()) {
                        throw fail(Reason.TOO_LARGE, "record larger than " + options.maxRecordBytes() + " bytes");
                    }
                    int at = batch.reserveBytes(c, length);
                    byte[] dst = batch.heap[c];
                    if (limit - pos >= length) {
                        int start = pos;
                        System.arraycopy(buf, start, dst, at, length);
                        recordCrc.update(buf, start, length);
                        consumed(start, start + length);
                    } else {
                        readFully(dst, at, length);
                        recordCrc.update(dst, at, length);
                    }
                    batch.starts[c][row] = at;
                    batch.lengths[c][row] = length;
                } else {
                    // VARCHAR, CHAR, JSON: must be UTF-8 and within the type's length; the text is decoded to check
                    String text = (String) readTextValue(type, length);
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    int at = batch.reserveBytes(c, bytes.length);
                    System.arraycopy(bytes, 0, batch.heap[c], at, bytes.length);
                    batch.starts[c][row] = at;
                    batch.lengths[c][row] = bytes.length;
                }
            }
            case RecordBatch.DECIMAL -> {
                int length = readLength();
                if (limit - pos >= length && recordBytes + length <= options.maxRecordBytes()) {
                    int start = pos;
                    if (decimals.parseInto((DecimalType) type, buf, start, length)) {
                        recordCrc.update(buf, start, length);
                        consumed(start, start + length);
                        batch.longs[c][row] = decimals.unscaled;
                        batch.ints[c][row] = decimals.scale;
                        batch.nulls[c][row] = false;
                        return;
                    }
                }
                byte[] bytes = readBytes(length);
                recordCrc.update(bytes);
                if (decimals.parseInto((DecimalType) type, bytes, 0, bytes.length)) {
                    batch.longs[c][row] = decimals.unscaled;
                    batch.ints[c][row] = decimals.scale;
                } else {
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    check(ValueRules.checkDecimal((DecimalType) type, text));
                    batch.ints[c][row] = -1;
                    batch.objects[c][row] = new BigDecimal(text);
                    batch.hasObjects = true;
                }
            }
            default -> {
                batch.objects[c][row] = readValue(type);
                batch.hasObjects = true;
            }
        }
        batch.nulls[c][row] = false;
    }

    /** A VARCHAR, CHAR or JSON value of {@code length} bytes: fed to the CRC, checked as UTF-8 and for length. */
    private Object readTextValue(OdpsType type, int length) throws IOException {
        byte[] bytes = readBytes(length);
        recordCrc.update(bytes);
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail(Reason.VALUE_OUT_OF_RANGE, type.typeName() + " value is not UTF-8");
        }
        check(ValueRules.checkCharLength(type, text));
        return text;
    }

    /** Reads {@code n} bytes into {@code dst[at…]} across buffer refills (slice capture and size limit kept). */
    private void readFully(byte[] dst, int at, int n) throws IOException {
        int done = 0;
        while (done < n) {
            if (pos == limit && !fill()) {
                throw fail(Reason.TRUNCATED, "stream ends inside a value");
            }
            int chunk = Math.min(n - done, limit - pos);
            System.arraycopy(buf, pos, dst, at + done, chunk);
            if (capture) {
                slice.writeBytes(buf, pos, chunk);
            }
            recordBytes += chunk;
            pos += chunk;
            done += chunk;
        }
    }

    private List<@Nullable Object> readElements(OdpsType elementType) throws IOException {
        long n = readVarint();
        if (n < 0 || n > options.maxRecordBytes()) {
            throw fail(Reason.TOO_LARGE, "container with " + Long.toUnsignedString(n) + " elements");
        }
        // every element takes at least one byte, so the record size limit bounds the list too
        List<@Nullable Object> out = new ArrayList<>((int) Math.min(n, 1024));
        for (long i = 0; i < n; i++) {
            out.add(readElement(elementType));
        }
        return out;
    }

    private @Nullable Object readElement(OdpsType type) throws IOException {
        int flag = need();
        if (flag == 1) {
            return null;
        }
        if (flag != 0) {
            throw fail(Reason.VALUE_OUT_OF_RANGE, "element NULL flag " + flag);
        }
        return readValue(type);
    }

    /** A tag, or -1 when {@code eofAllowed} and the stream ends here. */
    private long readTag(boolean eofAllowed) throws IOException {
        if (eofAllowed) {
            if (pos == limit && !fill()) {
                return -1;
            }
        }
        if (pos < limit && buf[pos] >= 0) {
            // one-byte tag (fields 1..15): the common case
            int tag = buf[pos];
            consumed(pos, pos + 1);
            return tag;
        }
        long tag = readVarint();
        if (tag > UINT32_MAX || tag < 0) {
            throw fail(Reason.BAD_VARINT, "tag wider than 32 bits");
        }
        return tag;
    }

    private long readVarint() throws IOException {
        if (limit - pos >= 10) {
            // fast path: the whole varint is in the buffer
            int start = pos;
            int p = pos;
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = buf[p++] & 0xFF;
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    consumed(start, p);
                    if (shift == 63 && b > 1) {
                        throw fail(Reason.BAD_VARINT, "varint wider than 64 bits");
                    }
                    return result;
                }
            }
            consumed(start, p);
            throw fail(Reason.BAD_VARINT, "varint longer than 10 bytes");
        }
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = need();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 63 && b > 1) {
                    throw fail(Reason.BAD_VARINT, "varint wider than 64 bits");
                }
                return result;
            }
        }
        throw fail(Reason.BAD_VARINT, "varint longer than 10 bytes");
    }

    /** Accounts for buffer bytes {@code [from, to)} read directly: slice copy when capturing, size limit, position. */
    private void consumed(int from, int to) throws MalformedStreamException {
        pos = to;
        if (capture) {
            slice.writeBytes(buf, from, to - from);
        }
        recordBytes += to - from;
        if (recordBytes > options.maxRecordBytes()) {
            throw fail(Reason.TOO_LARGE, "record larger than " + options.maxRecordBytes() + " bytes");
        }
    }

    private long readFixed(int width) throws IOException {
        long v = 0;
        if (limit - pos >= width) {
            int start = pos;
            v = width == 8 ? (long) LONG_LE.get(buf, start) : (int) INT_LE.get(buf, start) & 0xFFFF_FFFFL;
            consumed(start, start + width);
            return v;
        }
        for (int i = 0; i < width; i++) {
            v |= (long) need() << (8 * i);
        }
        return v;
    }

    private int readLength() throws IOException {
        long n = readVarint();
        if (n < 0 || n > options.maxFieldBytes()) {
            throw fail(Reason.TOO_LARGE, "value of " + Long.toUnsignedString(n) + " bytes exceeds "
                    + options.maxFieldBytes());
        }
        return (int) n;
    }

    private byte[] readBytes(int n) throws IOException {
        if (recordBytes + n > options.maxRecordBytes()) {
            throw fail(Reason.TOO_LARGE, "record larger than " + options.maxRecordBytes() + " bytes");
        }
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            if (pos == limit && !fill()) {
                throw fail(Reason.TRUNCATED, "stream ends inside a value");
            }
            int chunk = Math.min(n - done, limit - pos);
            System.arraycopy(buf, pos, out, done, chunk);
            if (capture) {
                slice.writeBytes(buf, pos, chunk);
            }
            recordBytes += chunk;
            pos += chunk;
            done += chunk;
        }
        return out;
    }

    private int need() throws IOException {
        int b = next();
        if (b < 0) {
            throw fail(Reason.TRUNCATED, "stream ends inside a record or trailer");
        }
        return b;
    }

    private int next() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        int b = buf[pos++] & 0xFF;
        if (capture) {
            slice.writeByte(b);
        }
        if (++recordBytes > options.maxRecordBytes()) {
            throw fail(Reason.TOO_LARGE, "record larger than " + options.maxRecordBytes() + " bytes");
        }
        return b;
    }

    private boolean fill() throws IOException {
        if (in == null) {
            return false;
        }
        bufBase += limit;
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    private static long zigzag64(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private void check(@Nullable String problem) throws MalformedStreamException {
        if (problem != null) {
            throw fail(Reason.VALUE_OUT_OF_RANGE, problem);
        }
    }

    private MalformedStreamException fail(Reason reason, String message) {
        return new MalformedStreamException(reason, message, count, bufBase + pos);
    }
}
