package org.odpsexplorer.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The paging parameters every listing on the API endpoint shares ({@code protocol/rest.md} §6.3, §7.2, §8): the page size
 * {@code maxitems} and the opaque {@code marker} token. Stateless.
 */
public final class ListPaging {
    /** Default page size of listings (the real default is UNCONFIRMED; clients follow the marker anyway). */
    public static final int DEFAULT_MAX_ITEMS = 100;
    /** Largest page size served; larger requests are clamped. */
    public static final int MAX_MAX_ITEMS = 1000;

    private ListPaging() {
    }

    /** {@code maxitems}: default 100, clamped to 1..1000; not a number → 400. */
    public static int maxItems(Exchange ex) {
        String raw = ex.query("maxitems");
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_MAX_ITEMS;
        }
        try {
            return Math.max(1, Math.min(MAX_MAX_ITEMS, (int) Math.min(Integer.MAX_VALUE, AsciiNumbers.parseNonNegative(raw))));
        } catch (NumberFormatException e) {
            throw ApiException.invalid("ODPS-0420111:Invalid parameter maxitems - " + raw
                    + " (ASCII digits only)");
        }
    }

    /**
     * The marker token for a page ending at {@code last}: the hex of its UTF-8 bytes, only {@code [0-9a-f]}, so it
     * survives PyODPS's re-quoting when it signs ({@code protocol/rest.md} §6.3).
     */
    public static String encodeMarker(String last) {
        return HexFormat.of().formatHex(last.getBytes(StandardCharsets.UTF_8));
    }

    /** The text a {@code marker} stands for, null for no marker; a token this server never issued → 400. */
    public static @Nullable String decodeMarker(Exchange ex) {
        String raw = ex.query("marker");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return new String(HexFormat.of().parseHex(raw.toLowerCase(Locale.ROOT)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("ODPS-0420111:Invalid parameter marker - " + raw);
        }
    }
}
