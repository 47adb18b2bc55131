package org.odpsexplorer.wire.tunnel;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One validated record exactly as it appeared on the wire: from its first field tag through its CRC varint
 * ({@code protocol/tunnel.md} §11.3), plus that CRC. Concatenating slices and a fresh trailer yields a valid stream for the
 * same columns. The array is owned by the slice; do not modify it.
 */
public record RecordSlice(byte[] bytes, int crc) {
    public RecordSlice {
        Objects.requireNonNull(bytes, "bytes == null");
    }

    /**
     * The record CRC stored at the end of a slice: the varint after the end tag {@code 80 c0 ff 7f}. Works on the
     * framing alone (the tag's last byte {@code 7f} has no continuation bit, every CRC byte but the last has one).
     *
     * @throws IllegalArgumentException when the bytes do not end with an end tag and a CRC
     */
    public static int trailingCrc(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int last = end - 1;
        if (length < 5 || (bytes[last] & 0x80) != 0) {
            throw new IllegalArgumentException("not a record slice");
        }
        int start = last;
        while (start > offset && (bytes[start - 1] & 0x80) != 0) {
            start--;
        }
        if (start - offset < 4 || end - start > 5 || bytes[start - 4] != (byte) 0x80 || bytes[start - 3] != (byte) 0xc0
                || bytes[start - 2] != (byte) 0xff || bytes[start - 1] != 0x7f) {
            throw new IllegalArgumentException("not a record slice");
        }
        long value = 0;
        for (int i = start, shift = 0; i < end; i++, shift += 7) {
            value |= (long) (bytes[i] & 0x7F) << shift;
        }
        return (int) value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordSlice other && crc == other.crc && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + crc;
    }

    @Override
    public String toString() {
        return "RecordSlice[" + HexFormat.of().formatHex(bytes) + ", crc=" + Integer.toHexString(crc) + "]";
    }
}
