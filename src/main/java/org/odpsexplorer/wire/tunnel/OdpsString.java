package org.odpsexplorer.wire.tunnel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A STRING value: MaxCompute strings are byte strings that usually, but not always, hold UTF-8 ({@code tunnel.md}
 * §10.2). Keeps the exact bytes so non-UTF-8 values round-trip. Immutable; equality is by bytes.
 */
public final class OdpsString implements Comparable<OdpsString> {
    private final byte[] bytes;

    private OdpsString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The UTF-8 encoding of {@code text}. */
    public static OdpsString of(String text) {
        return new OdpsString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Copies {@code bytes}. */
    public static OdpsString ofBytes(byte[] bytes) {
        return new OdpsString(bytes.clone());
    }

    /** Takes ownership of {@code bytes}; the caller must not modify the array afterwards. */
    static OdpsString wrap(byte[] bytes) {
        return new OdpsString(bytes);
    }

    /** A copy of the raw bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    byte[] rawBytes() {
        return bytes;
    }

    /** Whether the bytes are well-formed UTF-8. */
    public boolean isValidUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false; // the answer to the question, not an error
        }
    }

    /** The bytes decoded as UTF-8; malformed sequences become U+FFFD. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OdpsString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Unsigned lexicographic byte order. */
    @Override
    public int compareTo(OdpsString o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}
