package org.odpsexplorer.app.editor;

import java.util.Arrays;

/**
 * A resource's bytes as editor text: decoded, line endings normalized to {@code \n} (the editor's model), and the
 * facts needed to write it back the same way.
 *
 * @param text          the text with {@code \n} line ends
 * @param encoding      detected encoding, reused on save
 * @param lineSeparator {@code "\r\n"} when the original used CRLF throughout, else {@code "\n"}
 * @param lossless      true when {@link #toBytes} of the unchanged text gives back the original bytes exactly
 */
public record TextContent(String text, TextEncoding encoding, String lineSeparator, boolean lossless) {

    /** Decodes {@code bytes}; check {@link #lossless()} before offering text editing. */
    public static TextContent of(byte[] bytes) {
        TextEncoding encoding = TextEncoding.detect(bytes);
        String raw = encoding.decode(bytes);
        int crlf = count(raw, "\r\n");
        int lf = count(raw, "\n");
        String separator = crlf > 0 && crlf == lf ? "\r\n" : "\n";
        // the editor model only knows \n; a lone \r or a mix of endings therefore can't round-trip (lossless=false)
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        TextContent probe = new TextContent(text, encoding, separator, true);
        boolean lossless = Arrays.equals(probe.toBytes(text), bytes);
        return new TextContent(text, encoding, separator, lossless);
    }

    /** Encodes edited {@code editorText} the way the original was stored (encoding, BOM, line separator). */
    public byte[] toBytes(String editorText) {
        String raw = lineSeparator.equals("\n") ? editorText : editorText.replace("\n", lineSeparator);
        return encoding.encode(raw);
    }

    /** True when {@code editorText} can be stored in this encoding without loss (Latin-1 can't hold all chars). */
    public boolean canEncode(String editorText) {
        return encoding != TextEncoding.BINARY || editorText.chars().allMatch(c -> c < 256);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
