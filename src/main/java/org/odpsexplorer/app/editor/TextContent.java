package org.odpsexplorer.app.editor;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A resource's bytes as editor text: decoded, line endings normalized to {@code \n} (the editor's model), and the
 * facts needed to write it back the same way.
 *
 * @param text          the text with {@code \n} line ends
 * @param encoding      detected (or chosen) encoding, reused on save
 * @param lineSeparator {@code "\r\n"} when the original used CRLF throughout, else {@code "\n"}
 * @param lossless      true when {@link #toBytes} of the unchanged text gives back the original bytes exactly
 * @param guessed       true when the detector had no answer and the encoding is a best guess (the tab warns)
 */
public record TextContent(String text, TextEncoding encoding, String lineSeparator, boolean lossless,
                          boolean guessed) {

    /** Detects the encoding and decodes {@code bytes}; check {@link #lossless()} before offering text editing. */
    public static TextContent of(byte[] bytes) {
        TextEncoding.Detected detected = TextEncoding.detect(bytes);
        return decode(bytes, detected.encoding(), detected.guessed());
    }

    /** Decodes {@code bytes} in the encoding the user chose; {@link #lossless()} says whether that fits them. */
    public static TextContent of(byte[] bytes, TextEncoding encoding) {
        return decode(bytes, encoding, false);
    }

    private static TextContent decode(byte[] bytes, TextEncoding encoding, boolean guessed) {
        String raw = encoding.decode(bytes);
        int crlf = count(raw, "\r\n");
        int lf = count(raw, "\n");
        String separator = crlf > 0 && crlf == lf ? "\r\n" : "\n";
        // the editor model only knows \n; a lone \r or a mix of endings therefore can't round-trip (lossless=false)
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        boolean lossless = encoding.firstUndecodable(bytes) < 0 && encoding.firstUnencodable(text) < 0
                && Arrays.equals(new TextContent(text, encoding, separator, true, guessed).toBytes(text), bytes);
        return new TextContent(text, encoding, separator, lossless, guessed);
    }

    /** The same text to be stored in {@code newEncoding} (Save with encoding…). */
    public TextContent withEncoding(TextEncoding newEncoding) {
        return new TextContent(text, newEncoding, lineSeparator, lossless, false);
    }

    /**
     * Encodes edited {@code editorText} the way the original was stored (encoding, BOM, line separator).
     *
     * @throws TextEncoding.UnencodableException at the first character the encoding cannot hold (position in
     *                                           {@code editorText})
     */
    public byte[] toBytes(String editorText) {
        TextEncoding.UnencodableException refused = unencodable(editorText);
        if (refused != null) {
            throw refused;
        }
        String raw = lineSeparator.equals("\n") ? editorText : editorText.replace("\n", lineSeparator);
        return encoding.encode(raw);
    }

    /** The refusal for the first character of {@code editorText} the encoding cannot hold, or null when it fits. */
    public TextEncoding.@Nullable UnencodableException unencodable(String editorText) {
        int at = encoding.firstUnencodable(editorText);
        return at < 0 ? null : new TextEncoding.UnencodableException(encoding, editorText, at);
    }

    /** True when {@code editorText} can be stored in this encoding without loss. */
    public boolean canEncode(String editorText) {
        return encoding.firstUnencodable(editorText) < 0;
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
