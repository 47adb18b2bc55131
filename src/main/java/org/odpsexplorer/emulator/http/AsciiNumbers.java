package org.odpsexplorer.emulator.http;

/**
 * Numbers in query parameters and headers as the service reads them: ASCII digits {@code 0-9} only. Java's
 * {@code Long.parseLong} also accepts other Unicode decimal digits (a full-width {@code １２} parses as 12) and a sign;
 * the service does not, so neither does the emulator. Stateless.
 */
public final class AsciiNumbers {
    private AsciiNumbers() {
    }

    /**
     * Parses a non-negative decimal number written with ASCII digits only (no sign, no blanks).
     *
     * @throws NumberFormatException when {@code text} is empty, has any other character, or exceeds {@code long}
     */
    public static long parseNonNegative(String text) {
        if (text.isEmpty() || text.length() > 19) {
            throw new NumberFormatException("not a number: " + text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not an ASCII decimal number: " + text);
            }
        }
        return Long.parseLong(text); // only ASCII digits now; 19 digits may still overflow, which throws
    }
}
