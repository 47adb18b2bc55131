package org.odpsexplorer.wire.tunnel;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.OdpsType.DecimalType;

/**
 * Fast path for the common DECIMAL values of the record stream: plain texts of at most 18 digits. An instance is a
 * reusable parser that leaves the result in {@link #unscaled} and {@link #scale} (no object per value).
 */
final class SmallDecimals {
    /** The last successful {@link #parseInto}: the value is unscaled × 10^-scale. */
    long unscaled;
    int scale;

    /**
     * The value of a plain decimal text with at most 18 digits that fits {@code type}, parsed without the string
     * round trip of {@code new BigDecimal(String)}; null for anything else (the general path then parses or rejects
     * it with the right message).
     */
    static @Nullable BigDecimal parse(DecimalType type, byte[] text) {
        return parse(type, text, 0, text.length);
    }

    /** {@link #parse(DecimalType, byte[])} of {@code text[offset, offset + length)}. */
    static @Nullable BigDecimal parse(DecimalType type, byte[] text, int offset, int length) {
        SmallDecimals parser = new SmallDecimals();
        return parser.parseInto(type, text, offset, length) ? BigDecimal.valueOf(parser.unscaled, parser.scale) : null;
    }

    /**
     * Parses {@code text[offset, offset + length)} into {@link #unscaled} and {@link #scale}; false (fields
     * unchanged) for a text that is not a plain decimal of at most 18 digits fitting {@code type}.
     */
    boolean parseInto(DecimalType type, byte[] text, int offset, int length) {
        int n = offset + length;
        if (length == 0 || length > 20) {
            return false;
        }
        int i = offset;
        boolean negative = text[offset] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int digits = 0;
        int intDigits = 0;
        int fracDigits = -1;
        boolean leading = true;
        for (; i < n; i++) {
            int c = text[i];
            if (c == '.') {
                if (fracDigits >= 0 || digits == 0) {
                    return false;
                }
                fracDigits = 0;
                continue;
            }
            if (c < '0' || c > '9') {
                return false;
            }
            if (++digits > 18) {
                return false;
            }
            value = value * 10 + (c - '0');
            if (fracDigits >= 0) {
                fracDigits++;
            } else if (!leading || c != '0') {
                leading = false;
                intDigits++;
            }
        }
        if (digits == 0 || fracDigits == 0) {
            return false;
        }
        int fraction = Math.max(fracDigits, 0);
        if (intDigits > type.precision() - type.scale() || fraction > type.scale()) {
            return false;
        }
        this.unscaled = negative ? -value : value;
        this.scale = fraction;
        return true;
    }
}
