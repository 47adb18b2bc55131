package org.odpsexplorer.wire;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percent-encoding rules of the REST protocol ({@code protocol/rest.md} §2), the same on both sides. */
public final class WireCodec {
    private WireCodec() {
    }

    /**
     * Encodes one path segment the way the Java SDK does: form-encode as UTF-8, then {@code +} → {@code %20}. Slash,
     * plus and every non-ASCII byte end up percent-encoded; {@code *} stays.
     */
    public static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Encodes a query value or name with form rules (space → {@code %20} so no client ever sends {@code +}). */
    public static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Percent-decodes a raw path as UTF-8 without mapping {@code +} to space.
     *
     * @throws IllegalArgumentException on a malformed escape
     */
    public static String decodePath(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawPath.length()) {
                    throw new IllegalArgumentException("truncated percent escape in path");
                }
                int hi = Character.digit(rawPath.charAt(i + 1), 16);
                int lo = Character.digit(rawPath.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed percent escape in path");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Splits a raw query string into decoded parameters in wire order: items split on {@code &}, name and value at
     * the first {@code =}, both form-decoded ({@code +} → space). A bare flag has the empty value; the last of
     * duplicate names wins.
     *
     * @throws IllegalArgumentException on a malformed escape
     */
    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String item : rawQuery.split("&")) {
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String name = eq < 0 ? item : item.substring(0, eq);
            String value = eq < 0 ? "" : item.substring(eq + 1);
            out.remove(URLDecoder.decode(name, StandardCharsets.UTF_8));
            out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * Writes decoded parameters in the map's iteration order as {@code name=value}, or a bare {@code name} when the
     * value is empty, joined by {@code &}; nothing is encoded. This is the query part of the signature's canonical
     * resource (after sorting) and of request descriptions in messages.
     */
    public static String decodedQueryText(Map<String, String> decodedQuery) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Map.Entry<String, String> e : decodedQuery.entrySet()) {
            if (!first) {
                out.append('&');
            }
            first = false;
            out.append(e.getKey());
            if (!e.getValue().isEmpty()) {
                out.append('=').append(e.getValue());
            }
        }
        return out.toString();
    }
}
