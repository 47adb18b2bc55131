package org.odpsexplorer.app.hex;

import java.util.Locale;

/** Parsing and formatting for the hex editor's text fields: offsets, hex byte strings. Pure. */
public final class HexText {
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private HexText() {
    }

    /** Parses an offset written in decimal ({@code 4096}) or hex ({@code 0x1000}, {@code 1000h}). */
    public static long parseOffset(String text) {
        String t = text.trim().replace("_", "").replace(",", "").toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty offset");
        }
        try {
            long value;
            if (t.startsWith("0x")) {
                value = Long.parseLong(t.substring(2), 16);
            } else if (t.endsWith("h")) {
                value = Long.parseLong(t.substring(0, t.length() - 1), 16);
            } else {
                value = Long.parseLong(t);
            }
            if (value < 0) {
                throw new IllegalArgumentException("negative offset: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an offset (decimal or 0x hex): " + text, e);
        }
    }

    /** Parses {@code "de ad BE-EF"}, {@code "deadbeef"}: pairs of hex digits, separators ignored. */
    public static byte[] parseHexBytes(String text) {
        String digits = text.replaceAll("[\\s,:\\-]", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || digits.length() % 2 != 0) {
            throw new IllegalArgumentException("hex bytes need an even number of digits: " + text);
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(digits.charAt(2 * i), 16);
            int lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex digit in: " + text);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** {@code "DE AD BE EF"}. */
    public static String toHex(byte[] bytes, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            appendByte(sb, bytes[off + i]);
        }
        return sb.toString();
    }

    public static void appendByte(StringBuilder sb, byte b) {
        sb.append(DIGITS[(b >> 4) & 0xF]).append(DIGITS[b & 0xF]);
    }

    /** An offset as 8 (or 12 past 4 GB) upper-case hex digits. */
    public static String offset(long offset, long size) {
        return size > 0xFFFF_FFFFL ? String.format("%012X", offset) : String.format("%08X", offset);
    }

    /** The printable ASCII char for {@code b}, or '.' */
    public static char ascii(byte b) {
        int v = b & 0xFF;
        return v >= 0x20 && v < 0x7F ? (char) v : '.';
    }
}
