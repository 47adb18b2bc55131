package org.odpsexplorer.wire.tunnel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A STRING value: MaxCompute strings are byte strings that usually, but not always, hold UTF-8 ({@code protocol/tunnel.md}
 * §10.2). Keeps the exact bytes so non-UTF-8 values round-trip. Immutable; equality is by bytes.
 */
public final class OdpsString extends ByteValue implements Comparable<OdpsString> {
    private OdpsString(byte[] bytes) {
        super(bytes);
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

    /** Whether the bytes are well-formed UTF-8. */
    public boolean isValidUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(rawBytes()));
            return true;
        } catch (CharacterCodingException e) {
            return false; // the answer to the question, not an error
        }
    }

    /** The bytes decoded as UTF-8; malformed sequences become U+FFFD. */
    @Override
    public String toString() {
        return new String(rawBytes(), StandardCharsets.UTF_8);
    }

    /** Unsigned lexicographic byte order. */
    @Override
    public int compareTo(OdpsString o) {
        return Arrays.compareUnsigned(rawBytes(), o.rawBytes());
    }
}
