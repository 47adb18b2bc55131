package org.odpsexplorer.wire.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoder's allocation-free path for small decimals writes exactly {@code toPlainString()} (scale kept), like the
 * general path for large ones, and applies the same precision limits.
 */
class DecimalEncodingTest {
    private static byte[] encode(Column column, BigDecimal value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordStreamEncoder encoder = new RecordStreamEncoder(out, List.of(column))) {
            encoder.write(List.of(value));
        }
        return out.toByteArray();
    }

    @Test
    void smallAndLargeDecimalsAreWrittenAsTheirPlainText() throws Exception {
        Column column = Column.of("d", "decimal(38,18)");
        for (String text : List.of("0", "0.00", "-0.05", "123.4500", "-999999999999999.999", "0.000000000000000001",
                "1E+3", "-7", "100", "12345678901234567890.123456789012345678", "-0.001", "999999999999999999",
                "-12345678.9012345678", "0.123456789012345678", "1000000000000000.00")) {
            BigDecimal value = new BigDecimal(text);
            byte[] stream = encode(column, value);
            String plain = value.toPlainString();
            byte[] expectedField = plain.getBytes(StandardCharsets.US_ASCII);
            // field 1, wire type 2, one-byte length, then the text
            assertThat(stream[0]).as(text).isEqualTo((byte) 0x0a);
            assertThat(stream[1]).as(text).isEqualTo((byte) expectedField.length);
            assertThat(Arrays.copyOfRange(stream, 2, 2 + expectedField.length)).as(text)
                    .isEqualTo(expectedField);
            try (RecordStreamDecoder decoder = new RecordStreamDecoder(new ByteArrayInputStream(stream),
                    List.of(column))) {
                assertThat(decoder.read()).as(text).containsExactly(new BigDecimal(plain));
                assertThat(decoder.read()).isNull();
            }
        }
    }

    @Test
    void everyDigitCountAndScaleOfTheFastPathIsItsPlainText() throws Exception {
        // the fast path writes two digits per step: odd and even digit counts and scales, with zeros anywhere
        Column column = Column.of("d", "decimal(38,18)");
        Random random = new Random(17);
        for (int digits = 1; digits <= 18; digits++) {
            for (int scale = 0; scale <= 18; scale++) {
                for (int sample = 0; sample < 6; sample++) {
                    long unscaled = sample == 0 ? (long) Math.pow(10, digits - 1)
                            : sample == 1 ? (long) Math.pow(10, digits - 1) * 9 + ((long) Math.pow(10, digits - 1) - 1)
                            : Math.floorMod(random.nextLong(), (long) Math.pow(10, digits));
                    BigDecimal value = BigDecimal.valueOf(sample % 2 == 0 ? unscaled : -unscaled, scale);
                    if (value.precision() - value.scale() > 20) {
                        continue;
                    }
                    byte[] stream = encode(column, value);
                    byte[] expected = value.toPlainString().getBytes(StandardCharsets.US_ASCII);
                    assertThat(Arrays.copyOfRange(stream, 2, 2 + expected.length)).as(value.toPlainString())
                            .isEqualTo(expected);
                    assertThat(stream[1]).as(value.toPlainString()).isEqualTo((byte) expected.length);
                }
            }
        }
    }

    @Test
    void precisionLimitsHoldOnBothPaths() {
        Column small = Column.of("d", "decimal(10,2)");
        assertThatThrownBy(() -> encode(small, new BigDecimal("123.456"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encode(small, new BigDecimal("123456789.00")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encode(small, new BigDecimal("1E+9"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catchingEncode(small, new BigDecimal("12345678.99"))).isTrue();
        assertThat(catchingEncode(small, new BigDecimal("-0.01"))).isTrue();
        // no integer digits allowed: zero and fractions fit, as ValueRules accepts their plain text
        Column fraction = Column.of("f", "decimal(2,2)");
        assertThat(catchingEncode(fraction, BigDecimal.ZERO)).isTrue();
        assertThat(catchingEncode(fraction, new BigDecimal("0.00"))).isTrue();
        assertThat(catchingEncode(fraction, new BigDecimal("-0.99"))).isTrue();
        assertThatThrownBy(() -> encode(fraction, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean catchingEncode(Column column, BigDecimal value) {
        try {
            encode(column, value);
            return true;
        } catch (Exception e) {
            throw new AssertionError(value + " rejected", e);
        }
    }
}
