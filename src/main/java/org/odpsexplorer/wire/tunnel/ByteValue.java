package org.odpsexplorer.wire.tunnel;

import java.util.Arrays;

/**
 * What {@link OdpsString} and {@link OdpsBinary} share: an immutable byte array the value owns, with equality and hash
 * by those bytes. A value equals only one of its own class, so a STRING never equals a BINARY holding the same bytes.
 */
abstract sealed class ByteValue permits OdpsBinary, OdpsString {
    private final byte[] bytes;

    /** Takes ownership of {@code bytes}; the caller must not modify the array afterwards. */
    ByteValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of the raw bytes. */
    public final byte[] bytes() {
        return bytes.clone();
    }

    /** The number of bytes. */
    public final int length() {
        return bytes.length;
    }

    /** The owned array itself, for the codec; never modify it. */
    final byte[] rawBytes() {
        return bytes;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((ByteValue) o).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
