package org.odpsexplorer.wire.tunnel;

import java.util.Arrays;
import java.util.HexFormat;

/** A BINARY value. Immutable; equality is by bytes; {@link #toString()} is lower-case hex. */
public final class OdpsBinary {
    private final byte[] bytes;

    private OdpsBinary(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}. */
    public static OdpsBinary of(byte[] bytes) {
        return new OdpsBinary(bytes.clone());
    }

    static OdpsBinary wrap(byte[] bytes) {
        return new OdpsBinary(bytes);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    byte[] rawBytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OdpsBinary other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
