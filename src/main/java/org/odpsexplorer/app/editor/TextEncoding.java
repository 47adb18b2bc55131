package org.odpsexplorer.app.editor;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * How a resource's bytes become editor text and back: a charset, and whether a byte order mark leads the bytes.
 *
 * <p>Detection ({@link #detect}): a BOM decides UTF-8/UTF-16; UTF-16 without a BOM is recognised by its zero bytes
 * (ASCII characters have a zero high byte); other zero bytes mean binary; bytes that are strict UTF-8 are UTF-8;
 * anything else goes to the juniversalchardet detector (GB18030/GBK, Big5, Shift_JIS, EUC-KR, Windows-1252, ...),
 * whose answer is kept only when the bytes decode strictly in it. It is sure when there is evidence (32 or more
 * non-ASCII bytes) or no other usual encoding reads the bytes as text; otherwise, and when the detector has no usable
 * answer, the encoding is a <em>guess</em> (the detector's CJK answer, else the first of GBK, GB18030, Big5,
 * Shift_JIS, EUC-KR and Windows-1252 that decodes to plain text), which the tab says; control characters in the
 * result mean binary (shown in hex).
 *
 * <p>Encoding never replaces: {@link #firstUnencodable} finds the first character the charset cannot hold, and
 * {@link #encode} refuses such text with {@link UnencodableException}.
 */
public final class TextEncoding {
    public static final TextEncoding UTF_8 = new TextEncoding("UTF-8", StandardCharsets.UTF_8, false);
    public static final TextEncoding UTF_8_BOM = new TextEncoding("UTF-8 BOM", StandardCharsets.UTF_8, true);
    public static final TextEncoding UTF_16LE = new TextEncoding("UTF-16LE", StandardCharsets.UTF_16LE, false);
    public static final TextEncoding UTF_16BE = new TextEncoding("UTF-16BE", StandardCharsets.UTF_16BE, false);
    public static final TextEncoding UTF_16LE_BOM = new TextEncoding("UTF-16LE BOM", StandardCharsets.UTF_16LE, true);
    public static final TextEncoding UTF_16BE_BOM = new TextEncoding("UTF-16BE BOM", StandardCharsets.UTF_16BE, true);
    public static final TextEncoding GBK = named("GBK");
    public static final TextEncoding GB18030 = named("GB18030");
    public static final TextEncoding BIG5 = named("Big5");
    public static final TextEncoding SHIFT_JIS = named("Shift_JIS");
    public static final TextEncoding WINDOWS_31J = named("windows-31j");
    public static final TextEncoding EUC_KR = named("EUC-KR");
    public static final TextEncoding WINDOWS_1252 = named("windows-1252");
    public static final TextEncoding ISO_8859_1 = named("ISO-8859-1");
    /** Not text: each byte one Latin-1 char; such content is shown in hex. */
    public static final TextEncoding BINARY = new TextEncoding("binary (Latin-1)", StandardCharsets.ISO_8859_1, false);

    /** What the tab menu offers for Reopen/Save with encoding, in menu order. */
    public static final List<TextEncoding> CHOICES = List.of(UTF_8, UTF_8_BOM, UTF_16LE, UTF_16LE_BOM, UTF_16BE,
            UTF_16BE_BOM, GB18030, GBK, BIG5, SHIFT_JIS, WINDOWS_31J, EUC_KR, WINDOWS_1252, ISO_8859_1);

    /** Non-ASCII bytes from which on the detector's answer counts as sure even when another encoding fits too. */
    private static final int EVIDENCE = 32;

    /** Tried in this order when the detector has no usable answer. */
    private static final List<TextEncoding> GUESSES = List.of(GBK, GB18030, BIG5, SHIFT_JIS, EUC_KR, WINDOWS_1252);

    private final String label;
    private final Charset charset;
    private final boolean bom;

    private TextEncoding(String label, Charset charset, boolean bom) {
        this.label = label;
        this.charset = charset;
        this.bom = bom;
    }

    private static TextEncoding named(String name) {
        Charset cs = Charset.forName(name);
        return new TextEncoding(name, cs, false);
    }

    /** The result of {@link #detect}: the encoding, and whether it is only a guess (the tab warns then). */
    public record Detected(TextEncoding encoding, boolean guessed) {
    }

    /** Human-readable name for the status bar and menus. */
    public String label() {
        return label;
    }

    public Charset charset() {
        return charset;
    }

    /** True when the bytes start with (and saving writes) a byte order mark. */
    public boolean hasBom() {
        return bom;
    }

    private byte[] bomBytes() {
        if (!bom) {
            return new byte[0];
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            return new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        }
        return charset.equals(StandardCharsets.UTF_16LE) ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                : new byte[] {(byte) 0xFE, (byte) 0xFF};
    }

    /** The choice for a label as {@link #label()} gives it (menus, settings), or null. */
    public static @Nullable TextEncoding forLabel(String label) {
        for (TextEncoding e : CHOICES) {
            if (e.label.equalsIgnoreCase(label)) {
                return e;
            }
        }
        return null;
    }

    /** Detects the encoding of {@code bytes}; see the class comment for the rules. */
    public static Detected detect(byte[] bytes) {
        if (startsWith(bytes, UTF_8_BOM.bomBytes())) {
            return new Detected(UTF_8_BOM, false);
        }
        if (startsWith(bytes, UTF_16LE_BOM.bomBytes())) {
            return new Detected(UTF_16LE_BOM, false);
        }
        if (startsWith(bytes, UTF_16BE_BOM.bomBytes())) {
            return new Detected(UTF_16BE_BOM, false);
        }
        if (bytes.length == 0) {
            return new Detected(UTF_8, false);
        }
        TextEncoding utf16 = utf16WithoutBom(bytes);
        if (utf16 != null) {
            return new Detected(utf16, false);
        }
        for (byte b : bytes) {
            if (b == 0) {
                return new Detected(BINARY, false);
            }
        }
        if (strictDecode(bytes, StandardCharsets.UTF_8) != null) {
            return new Detected(UTF_8, false);
        }
        TextEncoding detected = fromDetector(bytes);
        if (detected != null) {
            if (highBytes(bytes) >= EVIDENCE || !fitsAnotherOf(bytes, detected)) {
                return new Detected(detected, false);
            }
            // a few non-ASCII bytes that several encodings read as text are no evidence: a guess, and a single-byte
            // answer is then the least likely for the scripts MaxCompute's users write (Chinese first)
            if (!detected.equals(WINDOWS_1252)) {
                return new Detected(detected, true);
            }
        }
        for (TextEncoding guess : GUESSES) {
            String text = strictDecode(bytes, guess.charset);
            if (text != null && isPlainText(text)) {
                return new Detected(guess, true);
            }
        }
        return new Detected(BINARY, false);
    }

    private static int highBytes(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b < 0) {
                n++;
            }
        }
        return n;
    }

    /** True when one of the other usual encodings also reads {@code bytes} as plain text. */
    private static boolean fitsAnotherOf(byte[] bytes, TextEncoding detected) {
        for (TextEncoding other : GUESSES) {
            if (!other.charset.equals(detected.charset) && !(isGb(other) && isGb(detected))) {
                String text = strictDecode(bytes, other.charset);
                if (text != null && isPlainText(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isGb(TextEncoding e) {
        return e.equals(GBK) || e.equals(GB18030);
    }

    private static @Nullable TextEncoding fromDetector(byte[] bytes) {
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(bytes, 0, bytes.length);
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        if (name == null) {
            return null;
        }
        List<TextEncoding> candidates = switch (name.toUpperCase(Locale.ROOT)) {
            // GBK is GB18030's two-byte subset: name the narrower one when it holds the bytes exactly
            case "GB18030", "GB2312", "GBK", "HZ-GB-2312" -> List.of(GBK, GB18030);
            case "BIG5", "BIG5-HKSCS", "EUC-TW" -> List.of(BIG5);
            case "SHIFT_JIS", "WINDOWS-31J" -> List.of(SHIFT_JIS, WINDOWS_31J);
            case "EUC-KR", "UHC" -> List.of(EUC_KR);
            case "WINDOWS-1252", "ISO-8859-1" -> List.of(WINDOWS_1252);
            default -> List.of();
        };
        for (TextEncoding c : candidates) {
            String text = strictDecode(bytes, c.charset);
            if (text != null && isPlainText(text) && Arrays.equals(text.getBytes(c.charset), bytes)) {
                return c;
            }
        }
        return null;
    }

    /** UTF-16 without a BOM: zero bytes only in the high-byte half of ASCII characters, and a strict decode. */
    private static @Nullable TextEncoding utf16WithoutBom(byte[] bytes) {
        if (bytes.length < 2 || bytes.length % 2 != 0) {
            return null;
        }
        int zeroEven = 0;
        int zeroOdd = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                if (i % 2 == 0) {
                    zeroEven++;
                } else {
                    zeroOdd++;
                }
            }
        }
        // a CJK character may have one zero byte (U+4E00 is 4E 00); ASCII text has one in every unit
        TextEncoding candidate = zeroOdd > 0 && zeroOdd >= 4 * zeroEven ? UTF_16LE
                : zeroEven > 0 && zeroEven >= 4 * zeroOdd ? UTF_16BE : null;
        if (candidate == null) {
            return null;
        }
        String text = strictDecode(bytes, candidate.charset);
        return text != null && isPlainText(text) ? candidate : null;
    }

    /** True when {@code text} has no control characters other than tab, line breaks, form feed and escape. */
    private static boolean isPlainText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0B && c != 0x1B
                    || c >= 0x7F && c <= 0x9F || c == '\uFFFD') {
                return false;
            }
        }
        return true;
    }

    /** Decodes {@code bytes} (BOM stripped); malformed input becomes U+FFFD, which {@link #roundTrips} then reports. */
    public String decode(byte[] bytes) {
        byte[] mark = bomBytes();
        int skip = startsWith(bytes, mark) ? mark.length : 0;
        return new String(bytes, skip, bytes.length - skip, charset);
    }

    /** The byte offset where {@code bytes} stop being valid in this encoding, or -1 when all of them decode. */
    public long firstUndecodable(byte[] bytes) {
        byte[] mark = bomBytes();
        int skip = startsWith(bytes, mark) ? mark.length : 0;
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            r = decoder.flush(out);
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            return -1;
        }
    }

    /** The index of the first char of {@code text} this encoding cannot hold, or -1 when it holds all of them. */
    public int firstUnencodable(String text) {
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer out = ByteBuffer.allocate(16384);
        while (true) {
            CoderResult r = encoder.encode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            return -1;
        }
    }

    /**
     * Encodes {@code text}, with this encoding's BOM in front.
     *
     * @throws UnencodableException naming the first character the charset cannot hold; nothing is ever replaced
     */
    public byte[] encode(String text) {
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer body;
        try {
            body = encoder.encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new UnencodableException(this, text, firstUnencodable(text));
        }
        byte[] mark = bomBytes();
        byte[] out = new byte[mark.length + body.remaining()];
        System.arraycopy(mark, 0, out, 0, mark.length);
        body.get(out, mark.length, body.remaining());
        return out;
    }

    /** True when decoding and re-encoding gives back exactly {@code bytes}: only then is text editing lossless. */
    public boolean roundTrips(byte[] bytes) {
        if (firstUndecodable(bytes) >= 0) {
            return false;
        }
        String text = decode(bytes);
        return firstUnencodable(text) < 0 && Arrays.equals(encode(text), bytes);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (prefix.length == 0 || bytes.length < prefix.length) {
            return false;
        }
        return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static @Nullable String strictDecode(byte[] bytes, Charset cs) {
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // not this encoding: the caller tries the next candidate, which is the answer, not an error
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextEncoding t && t.label.equals(label) && t.charset.equals(charset) && t.bom == bom;
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, charset, bom);
    }

    @Override
    public String toString() {
        return label;
    }

    /** A character that the chosen encoding cannot represent; carries its position for the message and the caret. */
    public static final class UnencodableException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int index;
        private final int line;
        private final int column;
        private final int codePoint;

        public UnencodableException(TextEncoding encoding, String text, int index) {
            super(message(encoding, text, index));
            this.index = index;
            int ln = 1;
            int lineStart = 0;
            for (int i = 0; i < index; i++) {
                if (text.charAt(i) == '\n') {
                    ln++;
                    lineStart = i + 1;
                }
            }
            this.line = ln;
            this.column = index - lineStart + 1;
            this.codePoint = index < text.length() ? text.codePointAt(index) : -1;
        }

        private static String message(TextEncoding encoding, String text, int index) {
            int ln = 1;
            int lineStart = 0;
            for (int i = 0; i < index && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    ln++;
                    lineStart = i + 1;
                }
            }
            int cp = index < text.length() ? text.codePointAt(index) : 0xFFFD;
            return String.format("'%s' (U+%04X) at line %d, column %d cannot be stored in %s", Character.toString(cp),
                    cp, ln, index - lineStart + 1, encoding.label());
        }

        /** Char index in the text (the editor's caret position). */
        public int index() {
            return index;
        }

        /** 1-based line. */
        public int line() {
            return line;
        }

        /** 1-based column. */
        public int column() {
            return column;
        }

        public int codePoint() {
            return codePoint;
        }
    }
}
