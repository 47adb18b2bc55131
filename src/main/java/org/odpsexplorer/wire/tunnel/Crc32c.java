package org.odpsexplorer.wire.tunnel;

import java.util.zip.CRC32C;

/**
 * CRC-32C accumulator with the fixed-width little-endian feeds the record stream uses ({@code tunnel.md} §10.3).
 * Not thread-safe; one instance per record or per stream.
 */
public final class Crc32c {
    private final CRC32C crc = new CRC32C();
    private final byte[] scratch = new byte[8];

    /** Feeds {@code value} as 4 bytes little-endian. */
    public Crc32c updateInt(int value) {
        scratch[0] = (byte) value;
        scratch[1] = (byte) (value >>> 8);
        scratch[2] = (byte) (value >>> 16);
        scratch[3] = (byte) (value >>> 24);
        crc.update(scratch, 0, 4);
        return this;
    }

    /** Feeds {@code value} as 8 bytes little-endian. */
    public Crc32c updateLong(long value) {
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (value >>> (8 * i));
        }
        crc.update(scratch, 0, 8);
        return this;
    }

    /** Feeds one byte (booleans are fed as {@code 00} / {@code 01}). */
    public Crc32c updateByte(int value) {
        crc.update(value);
        return this;
    }

    public Crc32c update(byte[] bytes) {
        crc.update(bytes, 0, bytes.length);
        return this;
    }

    public Crc32c update(byte[] bytes, int offset, int length) {
        crc.update(bytes, offset, length);
        return this;
    }

    /** The finalised 32-bit CRC of everything fed since the last reset, as a (possibly negative) int. */
    public int value() {
        return (int) crc.getValue();
    }

    public void reset() {
        crc.reset();
    }

    /** One-shot CRC-32C of {@code bytes}. */
    public static int of(byte[] bytes) {
        return new Crc32c().update(bytes).value();
    }
}
