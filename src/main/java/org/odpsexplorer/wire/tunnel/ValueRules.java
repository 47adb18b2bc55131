package org.odpsexplorer.wire.tunnel;

import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.OdpsType.DecimalType;
import org.odpsexplorer.wire.tunnel.OdpsType.Kind;

/**
 * Value ranges per type ({@code protocol/tunnel.md} §11.2), shared by encoder and decoder. Each check returns {@code null}
 * when the value is fine, else a short description of the problem.
 */
final class ValueRules {
    /** 0001-01-01 and 9999-12-31 as epoch days. */
    static final long MIN_EPOCH_DAY = -719_162L;
    static final long MAX_EPOCH_DAY = 2_932_896L;
    /**
     * Seconds range of DATETIME / TIMESTAMP: the calendar range plus one day of slack on each side, because the Java
     * SDK converts wall-clock values through the local time zone, which may shift 0001-01-01 00:00 local before
     * 0001-01-01 00:00 UTC.
     */
    static final long MIN_SECOND = (MIN_EPOCH_DAY - 1) * 86_400L;
    static final long MAX_SECOND = (MAX_EPOCH_DAY + 2) * 86_400L - 1;

    private ValueRules() {
    }

    static @Nullable String checkInteger(Kind kind, long value) {
        return switch (kind) {
            case BIGINT -> value == Long.MIN_VALUE ? "BIGINT -2^63 is reserved" : null;
            case INT -> value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? "INT out of range: " + value : null;
            case SMALLINT -> value < Short.MIN_VALUE || value > Short.MAX_VALUE ? "SMALLINT out of range: " + value : null;
            case TINYINT -> value < Byte.MIN_VALUE || value > Byte.MAX_VALUE ? "TINYINT out of range: " + value : null;
            case INTERVAL_YEAR_MONTH -> value < Integer.MIN_VALUE || value > Integer.MAX_VALUE
                    ? "INTERVAL_YEAR_MONTH out of range: " + value : null;
            default -> null;
        };
    }

    static @Nullable String checkEpochDay(long epochDay) {
        return epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY ? "DATE outside 0001-01-01..9999-12-31: " + epochDay
                : null;
    }

    static @Nullable String checkEpochMillis(long millis) {
        long second = Math.floorDiv(millis, 1000L);
        return second < MIN_SECOND || second > MAX_SECOND ? "DATETIME outside 0001..9999: " + millis : null;
    }

    static @Nullable String checkSecondsNanos(Kind kind, long seconds, long nanos) {
        if (nanos < 0 || nanos > 999_999_999L) {
            return kind + " nanos outside 0..999999999: " + nanos;
        }
        if (kind != Kind.INTERVAL_DAY_TIME && (seconds < MIN_SECOND || seconds > MAX_SECOND)) {
            return kind + " outside 0001..9999: " + seconds;
        }
        return null;
    }

    /** A plain decimal string ({@code -?digits[.digits]}) within the declared precision and scale. */
    static @Nullable String checkDecimal(DecimalType type, String text) {
        int i = 0;
        int n = text.length();
        if (i < n && text.charAt(i) == '-') {
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        int intEnd = i;
        int fracDigits = 0;
        if (i < n && text.charAt(i) == '.') {
            i++;
            int fracStart = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            fracDigits = i - fracStart;
            if (fracDigits == 0) {
                return "DECIMAL is not a plain number: " + text;
            }
        }
        if (i != n || intEnd == intStart) {
            return "DECIMAL is not a plain number: " + abbreviate(text);
        }
        int firstNonZero = intStart;
        while (firstNonZero < intEnd && text.charAt(firstNonZero) == '0') {
            firstNonZero++;
        }
        int intDigits = intEnd - firstNonZero;
        if (intDigits > type.precision() - type.scale() || fracDigits > type.scale()) {
            return "DECIMAL " + abbreviate(text) + " exceeds " + type.typeName();
        }
        return null;
    }

    /** Character-length limit of VARCHAR / CHAR, counted in code points. */
    static @Nullable String checkCharLength(OdpsType type, String text) {
        int limit;
        if (type instanceof OdpsType.VarcharType v) {
            limit = v.length();
        } else if (type instanceof OdpsType.CharType c) {
            limit = c.length();
        } else {
            return null;
        }
        if (text.length() > limit && text.codePointCount(0, text.length()) > limit) {
            return type.typeName() + " value longer than " + limit + " characters";
        }
        return null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
