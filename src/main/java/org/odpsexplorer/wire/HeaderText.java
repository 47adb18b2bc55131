package org.odpsexplorer.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Non-ASCII text in HTTP header values ({@code protocol/rest.md} §4.4, §7.11): responses carry it RFC 2047 B-encoded
 * ({@code =?UTF-8?B?...?=}), which the official Java SDK decodes; ASCII values go verbatim.
 */
public final class HeaderText {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

    private HeaderText() {
    }

    /** The value to put in a response header: verbatim when printable ASCII, otherwise one RFC 2047 B word. */
    public static String encode(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
            }
        }
        return value;
    }

    /** Decodes every RFC 2047 encoded word in a header value; other text is returned unchanged. */
    public static String decode(String value) {
        if (!value.contains("=?")) {
            return value;
        }
        Matcher m = ENCODED_WORD.matcher(value);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(value, last, m.start());
            String charset = m.group(1);
            byte[] bytes;
            if (m.group(2).toUpperCase(Locale.ROOT).equals("B")) {
                try {
                    bytes = Base64.getDecoder().decode(m.group(3));
                } catch (IllegalArgumentException e) {
                    out.append(m.group());
                    last = m.end();
                    continue;
                }
            } else {
                bytes = decodeQ(m.group(3));
            }
            try {
                out.append(new String(bytes, Charset.forName(charset)));
            } catch (IllegalArgumentException e) {
                out.append(m.group());
            }
            last = m.end();
        }
        out.append(value.substring(last));
        return out.toString();
    }

    /** Reinterprets a header value a server library decoded as ISO-8859-1 as the UTF-8 the client actually sent. */
    public static String latin1AsUtf8(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7f) {
                return new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return value;
    }

    private static byte[] decodeQ(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length()) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
