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

    void writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
    }

    /** Unsigned varint of all 64 bits. */
    void writeVarint(long value) {
        ensure(10);
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
