package org.odpsexplorer.wire.tunnel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte array with the protobuf-style writes of the record stream. Not thread-safe. */
final class ByteSink {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private byte[] buf;
    private int size;

    ByteSink(int capacity) {
        buf = new byte[capacity];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    void reset() {
        size = 0;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    /** Advances the size by {@code length} bytes for the caller to fill in {@link #array()}; returns their offset. */
    int reserve(int length) {
        ensure(length);
        int start = size;
        size += length;
        return start;
    }

    void writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
    }

    /**
     * Writes the unsigned varint of {@code value} at {@code buf[pos]} and returns the position after it; the caller
     * guarantees 10 bytes of room (up to 8 may be written past the varint's end).
     */
    static int putVarint(byte[] buf, int pos, long value) {
        if ((value & ~0x7FL) == 0) {
            buf[pos] = (byte) value;
            return pos + 1;
        }
        if ((value >>> 56) == 0) {
            int bytes = (64 - Long.numberOfLeadingZeros(value) + 6) / 7;
            long spread = value & 0x7FL
                    | (value << 1) & 0x7F00L
                    | (value << 2) & 0x7F_0000L
                    | (value << 3) & 0x7F00_0000L
                    | (value << 4) & 0x7F_0000_0000L
                    | (value << 5) & 0x7F00_0000_0000L
                    | (value << 6) & 0x7F_0000_0000_0000L
                    | (value << 7) & 0x7F00_0000_0000_0000L;
            LONG_LE.set(buf, pos, spread | 0x0080_8080_8080_8080L >>> (8 * (8 - bytes)));
            return pos + bytes;
        }
        while ((value & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
        return pos;
    }

    /** Sets the size to {@code size} (after writing through {@link #array()} up to it). */
    void setSize(int size) {
        this.size = size;
    }

    /** Unsigned varint of all 64 bits. */
    void writeVarint(long value) {
        ensure(10);
        if ((value & ~0x7FL) == 0) {
            buf[size++] = (byte) value; // tags, lengths, booleans
            return;
        }
        if ((value >>> 56) == 0) {
            // Up to 8 bytes: spread the 7-bit groups over one little-endian long and set the continuation bit of all
            // but the last byte. Values of varying length (BIGINT, DATETIME, CRCs) make the exit branch of the byte
            // loop below mispredict on almost every value; this path has no data-dependent branch.
            int bytes = (64 - Long.numberOfLeadingZeros(value) + 6) / 7;
            long spread = value & 0x7FL
                    | (value << 1) & 0x7F00L
                    | (value << 2) & 0x7F_0000L
                    | (value << 3) & 0x7F00_0000L
                    | (value << 4) & 0x7F_0000_0000L
                    | (value << 5) & 0x7F00_0000_0000L
                    | (value << 6) & 0x7F_0000_0000_0000L
                    | (value << 7) & 0x7F00_0000_0000_0000L;
            long continuation = 0x0080_8080_8080_8080L >>> (8 * (8 - bytes));
            LONG_LE.set(buf, size, spread | continuation); // may write past the varint: ensure(10) left room
            size += bytes;
            return;
        }
        while ((value & ~0x7FL) != 0) {
            buf[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
    }

    void writeTag(int fieldNumber, int wireType) {
        writeVarint(((long) fieldNumber << 3 | wireType) & 0xFFFF_FFFFL);
    }

    void writeZigzag64(long value) {
        writeVarint((value << 1) ^ (value >> 63));
    }

    void writeZigzag32(int value) {
        writeVarint(((value << 1) ^ (value >> 31)) & 0xFFFF_FFFFL);
    }

    void writeFixed32(int value) {
        ensure(4);
        INT_LE.set(buf, size, value);
        size += 4;
    }

    void writeFixed64(long value) {
        ensure(8);
        LONG_LE.set(buf, size, value);
        size += 8;
    }
}
