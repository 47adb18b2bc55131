package org.odpsexplorer.wire.tunnel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * CRC-32C accumulator with the fixed-width little-endian feeds the record stream uses ({@code protocol/tunnel.md} §10.3).
 * Not thread-safe; one instance per record or per stream.
 *
 * <p>Small feeds (field numbers, 8-byte values) are gathered in a local buffer and handed to the JDK's intrinsic
 * {@link CRC32C} in one call: a record's dozen tiny updates would otherwise cost more in call overhead than in CRC
 * work.
 */
public final class Crc32c {
    private static final int BUFFER = 512;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final CRC32C crc = new CRC32C();
    private final byte[] pending = new byte[BUFFER];
    private int size;

    private void room(int n) {
        if (size + n > BUFFER) {
            flush();
        }
    }

    private void flush() {
        if (size > 0) {
            crc.update(pending, 0, size);
            size = 0;
        }
    }

    /** Feeds {@code value} as 4 bytes little-endian. */
    public Crc32c updateInt(int value) {
        room(4);
        INT_LE.set(pending, size, value);
        size += 4;
        return this;
    }

    /** Feeds {@code value} as 8 bytes little-endian. */
    public Crc32c updateLong(long value) {
        room(8);
        LONG_LE.set(pending, size, value);
        size += 8;
        return this;
    }

    /** Feeds one byte (booleans are fed as {@code 00} / {@code 01}). */
    public Crc32c updateByte(int value) {
        room(1);
        pending[size++] = (byte) value;
        return this;
    }

    public Crc32c update(byte[] bytes) {
        return update(bytes, 0, bytes.length);
    }

    public Crc32c update(byte[] bytes, int offset, int length) {
        if (length <= 64) {
            room(length);
            System.arraycopy(bytes, offset, pending, size, length);
            size += length;
        } else {
            flush();
            crc.update(bytes, offset, length);
        }
        return this;
    }

    /** The finalised 32-bit CRC of everything fed since the last reset, as a (possibly negative) int. */
    public int value() {
        flush();
        return (int) crc.getValue();
    }

    public void reset() {
        size = 0;
        crc.reset();
    }

    /** One-shot CRC-32C of {@code bytes}. */
    public static int of(byte[] bytes) {
        return new Crc32c().update(bytes).value();
    }
}
