package org.odpsexplorer.emulator.tunnel;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsBinary;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.OdpsStruct;
import org.odpsexplorer.wire.tunnel.OdpsType;

/**
 * Writes rows as an Arrow IPC <em>stream</em> (columnar format 1.0, metadata version V5, little-endian, no
 * compression, no dictionaries): one {@code Schema} message, a {@code RecordBatch} message per at most
 * {@value #BATCH_ROWS} rows (or about {@value #BATCH_BYTES} body bytes), then the end-of-stream marker. Each message
 * is {@code 0xFFFFFFFF}, the metadata length, the FlatBuffers {@code Message} padded to 8 bytes, and the body whose
 * buffers each start 8-aligned. Every buffer is written, validity bitmaps included, even without NULLs.
 *
 * <p>MaxCompute types map as the tunnel's preview sends them and both SDKs read them (Java
 * {@code ArrowToRecordConverter} in extension mode, PyODPS {@code TunnelArrowReader} with timestamps as structs):
 * TINYINT…BIGINT signed Int 8…64, FLOAT / DOUBLE FloatingPoint single / double, BOOLEAN Bool, STRING / VARCHAR / CHAR /
 * JSON Utf8 (STRING bytes verbatim), BINARY Binary, DECIMAL(p,s) Decimal128(p,s), DATE Date(DAY), DATETIME
 * Timestamp(MILLISECOND) without zone, TIMESTAMP / TIMESTAMP_NTZ / INTERVAL_DAY_TIME Struct{sec: Int64, nano: Int32},
 * INTERVAL_YEAR_MONTH Interval(YEAR_MONTH), ARRAY List{element}, MAP Map{entries: Struct{key, value}}, STRUCT
 * Struct of its fields.
 *
 * <p>Memory holds one batch. Not thread-safe; one instance per stream.
 */
final class ArrowStreamEncoder implements AutoCloseable {
    static final int BATCH_ROWS = 4096;
    static final int BATCH_BYTES = 4 * 1024 * 1024;
    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final int METADATA_V5 = 4;
    private static final int HEADER_SCHEMA = 1;
    private static final int HEADER_RECORD_BATCH = 3;

    private final OutputStream out;
    private final List<Vec> vectors = new ArrayList<>();
    private int rows;
    private boolean closed;

    /** Writes the schema message of {@code columns} to {@code out} at once. */
    ArrowStreamEncoder(OutputStream out, List<Column> columns) throws IOException {
        this.out = out;
        List<FlatBuffer.Table> fields = new ArrayList<>();
        for (Column c : columns) {
            Vec v = vector(c.name(), c.type(), c.nullable());
            vectors.add(v);
            fields.add(v.field());
        }
        FlatBuffer.Table schema = new FlatBuffer.Table().int16(0, 0).ref(1, new FlatBuffer.TableVector(fields));
        writeMessage(HEADER_SCHEMA, schema, new byte[0], 0);
    }

    /** Adds one row: one value per column, in the value classes the record stream decoder returns. */
    void write(List<@Nullable Object> row) throws IOException {
        for (int i = 0; i < vectors.size(); i++) {
            vectors.get(i).append(row.get(i));
        }
        rows++;
        if (rows >= BATCH_ROWS || bufferedBytes() >= BATCH_BYTES) {
            flushBatch();
        }
    }

    /** Writes the last batch and the end-of-stream marker; does not close the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        flushBatch();
        writeInt(CONTINUATION);
        writeInt(0);
        out.flush();
    }

    private long bufferedBytes() {
        long n = 0;
        for (Vec v : vectors) {
            n += v.bytes();
        }
        return n;
    }

    private void flushBatch() throws IOException {
        if (rows == 0) {
            return;
        }
        List<Vec> flat = new ArrayList<>();
        for (Vec v : vectors) {
            v.flatten(flat);
        }
        Buf nodes = new Buf();
        Buf buffers = new Buf();
        List<Buf> bodyParts = new ArrayList<>();
        long offset = 0;
        int bufferCount = 0;
        for (Vec v : flat) {
            nodes.putLong(v.length);
            nodes.putLong(v.nullCount);
            for (Buf b : v.buffers()) {
                buffers.putLong(offset);
                buffers.putLong(b.size);
                bodyParts.add(b);
                offset += pad8(b.size);
                bufferCount++;
            }
        }
        FlatBuffer.Table batch = new FlatBuffer.Table()
                .int64(0, rows)
                .ref(1, new FlatBuffer.StructVector(nodes.toArray(), flat.size()))
                .ref(2, new FlatBuffer.StructVector(buffers.toArray(), bufferCount));
        byte[] header = messageBytes(HEADER_RECORD_BATCH, batch, offset);
        writeInt(CONTINUATION);
        writeInt(header.length);
        out.write(header);
        byte[] zeros = new byte[8];
        for (Buf b : bodyParts) {
            out.write(b.bytes, 0, b.size);
            out.write(zeros, 0, (int) (pad8(b.size) - b.size));
        }
        for (Vec v : vectors) {
            v.reset();
        }
        rows = 0;
    }

    private void writeMessage(int headerType, FlatBuffer.Table header, byte[] body, long bodyLength)
            throws IOException {
        byte[] meta = messageBytes(headerType, header, bodyLength);
        writeInt(CONTINUATION);
        writeInt(meta.length);
        out.write(meta);
        out.write(body);
    }

    private static byte[] messageBytes(int headerType, FlatBuffer.Table header, long bodyLength) {
        FlatBuffer.Table message = new FlatBuffer.Table()
                .int16(0, METADATA_V5)
                .int8(1, headerType)
                .ref(2, header)
                .int64(3, bodyLength);
        return FlatBuffer.finish(message); // already a multiple of 8, so the body that follows starts 8-aligned
    }

    private void writeInt(int v) throws IOException {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static long pad8(long n) {
        return (n + 7) & ~7L;
    }

    // ---- column vectors -------------------------------------------------------------------------------------------

    /** Arrow type ids of the {@code Type} union. */
    private static final int INT = 2;
    private static final int FLOATING_POINT = 3;
    private static final int BINARY = 4;
    private static final int UTF8 = 5;
    private static final int BOOL = 6;
    private static final int DECIMAL = 7;
    private static final int DATE = 8;
    private static final int TIMESTAMP = 10;
    private static final int INTERVAL = 11;
    private static final int LIST = 12;
    private static final int STRUCT = 13;
    private static final int MAP = 17;

    private static Vec vector(String name, OdpsType type, boolean nullable) {
        FlatBuffer.Table t = new FlatBuffer.Table();
        return switch (type.kind()) {
            case TINYINT -> new Fixed(name, nullable, INT, t.int32(0, 8).bool(1, true), 1,
                    (b, v) -> b.putByte((Byte) v));
            case SMALLINT -> new Fixed(name, nullable, INT, t.int32(0, 16).bool(1, true), 2,
                    (b, v) -> b.putShort((Short) v));
            case INT -> new Fixed(name, nullable, INT, t.int32(0, 32).bool(1, true), 4,
                    (b, v) -> b.putInt((Integer) v));
            case BIGINT -> new Fixed(name, nullable, INT, t.int32(0, 64).bool(1, true), 8,
                    (b, v) -> b.putLong((Long) v));
            case FLOAT -> new Fixed(name, nullable, FLOATING_POINT, t.int16(0, 1), 4,
                    (b, v) -> b.putInt(Float.floatToRawIntBits((Float) v)));
            case DOUBLE -> new Fixed(name, nullable, FLOATING_POINT, t.int16(0, 2), 8,
                    (b, v) -> b.putLong(Double.doubleToRawLongBits((Double) v)));
            case DATE -> new Fixed(name, nullable, DATE, t.int16(0, 0), 4,
                    (b, v) -> b.putInt((int) ((LocalDate) v).toEpochDay()));
            case DATETIME -> new Fixed(name, nullable, TIMESTAMP, t.int16(0, 1), 8,
                    (b, v) -> b.putLong(((Instant) v).toEpochMilli()));
            case INTERVAL_YEAR_MONTH -> new Fixed(name, nullable, INTERVAL, t.int16(0, 0), 4,
                    (b, v) -> b.putInt((int) ((Period) v).toTotalMonths()));
            case DECIMAL -> {
                OdpsType.DecimalType d = (OdpsType.DecimalType) type;
                yield new Fixed(name, nullable, DECIMAL, t.int32(0, d.precision()).int32(1, d.scale()).int32(2, 128),
                        16, (b, v) -> b.putDecimal128((BigDecimal) v, d.scale()));
            }
            case BOOLEAN -> new Bool(name, nullable);
            case STRING, VARCHAR, CHAR, JSON -> new Var(name, nullable, UTF8);
            case BINARY -> new Var(name, nullable, BINARY);
            case TIMESTAMP, TIMESTAMP_NTZ, INTERVAL_DAY_TIME -> new SecondsNanos(name, nullable);
            case ARRAY -> new ListVec(name, nullable, vector("element", ((OdpsType.ArrayType) type).element(), true));
            case MAP -> {
                OdpsType.MapType m = (OdpsType.MapType) type;
                yield new MapVec(name, nullable, vector("key", m.key(), false), vector("value", m.value(), true));
            }
            case STRUCT -> {
                List<Vec> members = new ArrayList<>();
                for (OdpsType.StructField f : ((OdpsType.StructType) type).fields()) {
                    members.add(vector(f.name(), f.type(), true));
                }
                yield new StructVec(name, nullable, members);
            }
        };
    }

    /** One Arrow array under construction: its field, node counts and buffers (validity first). */
    private abstract static class Vec {
        final String name;
        final boolean nullable;
        final Buf validity = new Buf();
        int length;
        int nullCount;

        Vec(String name, boolean nullable) {
            this.name = name;
            this.nullable = nullable;
        }

        final void append(@Nullable Object value) {
            validity.setBit(length, value != null);
            if (value == null) {
                nullCount++;
                appendNull();
            } else {
                appendValue(value);
            }
            length++;
        }

        abstract void appendValue(Object value);

        abstract void appendNull();

        abstract int typeId();

        abstract FlatBuffer.Table type();

        List<Vec> children() {
            return List.of();
        }

        /** Validity, then the type's own buffers, in the order of the columnar format's buffer layout. */
        abstract List<Buf> buffers();

        long bytes() {
            long n = 0;
            for (Buf b : buffers()) {
                n += b.size;
            }
            for (Vec c : children()) {
                n += c.bytes();
            }
            return n;
        }

        void reset() {
            length = 0;
            nullCount = 0;
            validity.size = 0;
            for (Vec c : children()) {
                c.reset();
            }
        }

        /** This array and its descendants in depth-first pre-order, the order of nodes and buffers in a batch. */
        final void flatten(List<Vec> out) {
            out.add(this);
            for (Vec c : children()) {
                c.flatten(out);
            }
        }

        final FlatBuffer.Table field() {
            List<FlatBuffer.Table> kids = new ArrayList<>();
            for (Vec c : children()) {
                kids.add(c.field());
            }
            return new FlatBuffer.Table()
                    .ref(0, new FlatBuffer.Str(name))
                    .bool(1, nullable)
                    .int8(2, typeId())
                    .ref(3, type())
                    .ref(5, new FlatBuffer.TableVector(kids));
        }
    }

    @FunctionalInterface
    private interface ValueWriter {
        void put(Buf buffer, Object value);
    }

    private static final class Fixed extends Vec {
        private final int typeId;
        private final FlatBuffer.Table type;
        private final int width;
        private final ValueWriter writer;
        private final Buf data = new Buf();

        Fixed(String name, boolean nullable, int typeId, FlatBuffer.Table type, int width, ValueWriter writer) {
            super(name, nullable);
            this.typeId = typeId;
            this.type = type;
            this.width = width;
            this.writer = writer;
        }

        @Override
        void appendValue(Object value) {
            writer.put(data, value);
        }

        @Override
        void appendNull() {
            data.putZeros(width);
        }

        @Override
        int typeId() {
            return typeId;
        }

        @Override
        FlatBuffer.Table type() {
            return type;
        }

        @Override
        List<Buf> buffers() {
            return List.of(validity, data);
        }

        @Override
        void reset() {
            super.reset();
            data.size = 0;
        }
    }

    private static final class Bool extends Vec {
        private final Buf data = new Buf();

        Bool(String name, boolean nullable) {
            super(name, nullable);
        }

        @Override
        void appendValue(Object value) {
            data.setBit(length, (Boolean) value);
        }

        @Override
        void appendNull() {
            data.setBit(length, false);
        }

        @Override
        int typeId() {
            return BOOL;
        }

        @Override
        FlatBuffer.Table type() {
            return new FlatBuffer.Table();
        }

        @Override
        List<Buf> buffers() {
            return List.of(validity, data);
        }

        @Override
        void reset() {
            super.reset();
            data.size = 0;
        }
    }

    /** Utf8 or Binary: int32 offsets (one more than rows, starting at 0) and the value bytes. */
    private static final class Var extends Vec {
        private final int typeId;
        private final Buf offsets = new Buf();
        private final Buf data = new Buf();

        Var(String name, boolean nullable, int typeId) {
            super(name, nullable);
            this.typeId = typeId;
            offsets.putInt(0);
        }

        @Override
        void appendValue(Object value) {
            byte[] bytes;
            if (value instanceof OdpsString s) {
                bytes = s.bytes();
            } else if (value instanceof OdpsBinary b) {
                bytes = b.bytes();
            } else {
                bytes = value.toString().getBytes(StandardCharsets.UTF_8);
            }
            data.put(bytes);
            offsets.putInt(data.size);
        }

        @Override
        void appendNull() {
            offsets.putInt(data.size);
        }

        @Override
        int typeId() {
            return typeId;
        }

        @Override
        FlatBuffer.Table type() {
            return new FlatBuffer.Table();
        }

        @Override
        List<Buf> buffers() {
            return List.of(validity, offsets, data);
        }

        @Override
        void reset() {
            super.reset();
            offsets.size = 0;
            offsets.putInt(0);
            data.size = 0;
        }
    }

    private static class StructVec extends Vec {
        final List<Vec> members;

        StructVec(String name, boolean nullable, List<Vec> members) {
            super(name, nullable);
            this.members = members;
        }

        @Override
        void appendValue(Object value) {
            List<@Nullable Object> values = ((OdpsStruct) value).values();
            for (int i = 0; i < members.size(); i++) {
                members.get(i).append(values.get(i));
            }
        }

        @Override
        void appendNull() {
            for (Vec m : members) {
                m.append(null); // a NULL struct's members are NULL too, as readers that ignore the parent expect
            }
        }

        @Override
        int typeId() {
            return STRUCT;
        }

        @Override
        FlatBuffer.Table type() {
            return new FlatBuffer.Table();
        }

        @Override
        List<Vec> children() {
            return members;
        }

        @Override
        List<Buf> buffers() {
            return List.of(validity);
        }
    }

    /** TIMESTAMP, TIMESTAMP_NTZ and INTERVAL_DAY_TIME: {@code struct<sec: int64, nano: int32>}. */
    private static final class SecondsNanos extends StructVec {
        SecondsNanos(String name, boolean nullable) {
            super(name, nullable, List.of(
                    new Fixed("sec", true, INT, new FlatBuffer.Table().int32(0, 64).bool(1, true), 8,
                            (b, v) -> b.putLong((Long) v)),
                    new Fixed("nano", true, INT, new FlatBuffer.Table().int32(0, 32).bool(1, true), 4,
                            (b, v) -> b.putInt((Integer) v))));
        }

        @Override
        void appendValue(Object value) {
            long seconds;
            int nanos;
            if (value instanceof Instant i) {
                seconds = i.getEpochSecond();
                nanos = i.getNano();
            } else if (value instanceof LocalDateTime t) {
                seconds = t.toEpochSecond(ZoneOffset.UTC);
                nanos = t.getNano();
            } else {
                Duration d = (Duration) value;
                seconds = d.getSeconds();
                nanos = d.getNano();
            }
            members.get(0).append(seconds);
            members.get(1).append(nanos);
        }
    }

    /** ARRAY: int32 offsets into one child array named {@code element}. */
    private static class ListVec extends Vec {
        final Buf offsets = new Buf();
        final Vec child;

        ListVec(String name, boolean nullable, Vec child) {
            super(name, nullable);
            this.child = child;
            offsets.putInt(0);
        }

        @Override
        void appendValue(Object value) {
            for (Object element : (List<?>) value) {
                child.append(element);
            }
            offsets.putInt(child.length);
        }

        @Override
        void appendNull() {
            offsets.putInt(child.length);
        }

        @Override
        int typeId() {
            return LIST;
        }

        @Override
        FlatBuffer.Table type() {
            return new FlatBuffer.Table();
        }

        @Override
        List<Vec> children() {
            return List.of(child);
        }

        @Override
        List<Buf> buffers() {
            return List.of(validity, offsets);
        }

        @Override
        void reset() {
            super.reset();
            offsets.size = 0;
            offsets.putInt(0);
        }
    }

    /** MAP: a list of non-null {@code entries} structs of a non-null {@code key} and a {@code value}. */
    private static final class MapVec extends ListVec {
        MapVec(String name, boolean nullable, Vec key, Vec value) {
            super(name, nullable, new StructVec("entries", false, List.of(key, value)));
        }

        @Override
        void appendValue(Object value) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                child.append(new OdpsStruct(Arrays.asList(e.getKey(), e.getValue())));
            }
            offsets.putInt(child.length);
        }

        @Override
        int typeId() {
            return MAP;
        }

        @Override
        FlatBuffer.Table type() {
            return new FlatBuffer.Table().bool(0, false);
        }
    }

    /** A growable little-endian byte buffer. */
    private static final class Buf {
        byte[] bytes = new byte[64];
        int size;

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
            }
        }

        void putByte(int v) {
            ensure(1);
            bytes[size++] = (byte) v;
        }

        void putShort(int v) {
            putByte(v);
            putByte(v >>> 8);
        }

        void putInt(int v) {
            ensure(4);
            for (int i = 0; i < 4; i++) {
                bytes[size++] = (byte) (v >>> (8 * i));
            }
        }

        void putLong(long v) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                bytes[size++] = (byte) (v >>> (8 * i));
            }
        }

        void putZeros(int n) {
            ensure(n);
            Arrays.fill(bytes, size, size + n, (byte) 0);
            size += n;
        }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        /** The unscaled value at {@code scale} as a 16-byte little-endian two's complement integer. */
        void putDecimal128(BigDecimal value, int scale) {
            BigInteger unscaled = value.setScale(scale, RoundingMode.HALF_UP).unscaledValue();
            byte[] big = unscaled.toByteArray(); // big-endian, minimal, sign bit included
            byte fill = unscaled.signum() < 0 ? (byte) 0xff : 0;
            ensure(16);
            for (int i = 0; i < 16; i++) {
                bytes[size + i] = i < big.length ? big[big.length - 1 - i] : fill;
            }
            size += 16;
        }

        /** Sets bit {@code index} (LSB first), growing the bitmap to cover it; new bytes start cleared. */
        void setBit(int index, boolean on) {
            int needed = index / 8 + 1;
            if (needed > size) {
                ensure(needed - size);
                Arrays.fill(bytes, size, needed, (byte) 0);
                size = needed;
            }
            if (on) {
                bytes[index / 8] |= (byte) (1 << (index % 8));
            } else {
                bytes[index / 8] &= (byte) ~(1 << (index % 8));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
