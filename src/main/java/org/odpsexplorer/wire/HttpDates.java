package org.odpsexplorer.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** RFC 1123 dates as both clients write and read them ({@code protocol/rest.md} §4.5): GMT, English names, two-digit day. */
public final class HttpDates {
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    public static String format(Instant instant) {
        return RFC_1123.format(instant);
    }

    /**
     * Parses an RFC 1123 date (also accepting one-digit days).
     *
     * @throws IllegalArgumentException when the text is not such a date
     */
    public static Instant parse(String text) {
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 1123 date: " + text, e);
        }
    }
}
