package org.odpsexplorer.app.editor;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * How a resource's bytes become editor text and back. Detection: a BOM decides UTF-8/UTF-16; otherwise bytes that
 * decode as strict UTF-8 without NULs are UTF-8; anything else is "binary", shown as Latin-1 (each byte one char).
 */
public enum TextEncoding {
    UTF_8("UTF-8", StandardCharsets.UTF_8, new byte[0]),
    UTF_8_BOM("UTF-8 BOM", StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}),
    UTF_16LE_BOM("UTF-16LE BOM", StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}),
    UTF_16BE_BOM("UTF-16BE BOM", StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}),
    BINARY("binary (Latin-1)", StandardCharsets.ISO_8859_1, new byte[0]);

    private final String label;
    private final Charset charset;
    private final byte[] bom;

    TextEncoding(String label, Charset charset, byte[] bom) {
        this.label = label;
        this.charset = charset;
        this.bom = bom;
    }

    /** Human-readable name for the status bar. */
    public String label() {
        return label;
    }

    /** Detects the encoding of {@code bytes}; see the class comment for the rules. */
    public static TextEncoding detect(byte[] bytes) {
        if (startsWith(bytes, UTF_8_BOM.bom)) {
            return UTF_8_BOM;
        }
        if (startsWith(bytes, UTF_16LE_BOM.bom)) {
            return UTF_16LE_BOM;
        }
        if (startsWith(bytes, UTF_16BE_BOM.bom)) {
            return UTF_16BE_BOM;
        }
        for (byte b : bytes) {
            if (b == 0) {
                return BINARY;
            }
        }
        return strictDecode(bytes, 0, StandardCharsets.UTF_8) == null ? BINARY : UTF_8;
    }

    /** Decodes {@code bytes} (BOM stripped); malformed input becomes U+FFFD, which {@link #roundTrips} then reports. */
    public String decode(byte[] bytes) {
        int skip = startsWith(bytes, bom) ? bom.length : 0;
        return new String(bytes, skip, bytes.length - skip, charset);
    }

    /** Encodes {@code text}, with this encoding's BOM in front. Characters Latin-1 can't hold become '?'. */
    public byte[] encode(String text) {
        byte[] body = text.getBytes(charset);
        if (bom.length == 0) {
            return body;
        }
        byte[] out = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }

    /** True when decoding and re-encoding gives back exactly {@code bytes}: only then is text editing lossless. */
    public boolean roundTrips(byte[] bytes) {
        return Arrays.equals(encode(decode(bytes)), bytes);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (prefix.length == 0 || bytes.length < prefix.length) {
            return false;
        }
        return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static @Nullable String strictDecode(byte[] bytes, int offset, Charset cs) {
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
            return chars.toString();
        } catch (CharacterCodingException e) {
            // not UTF-8: the caller falls back to binary, which is the answer, not an error
            return null;
        }
    }
}
