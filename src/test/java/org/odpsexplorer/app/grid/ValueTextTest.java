package org.odpsexplorer.app.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odpsexplorer.wire.tunnel.OdpsBinary;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.OdpsType;

class ValueTextTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void nullsDecimalsAndDatesRenderByType() {
        assertThat(ValueText.render(null, UTC)).isEqualTo("NULL");
        assertThat(ValueText.render(new BigDecimal("12345678901234567.10"), UTC)).isEqualTo("12345678901234567.10");
        assertThat(ValueText.render(new BigDecimal("1E+3"), UTC)).isEqualTo("1000");
        assertThat(ValueText.render(Instant.parse("2024-01-01T08:00:00Z"), UTC)).isEqualTo("2024-01-01 08:00:00");
        assertThat(ValueText.render(Instant.parse("2024-01-01T08:00:00.120Z"), UTC))
                .isEqualTo("2024-01-01 08:00:00.12");
        assertThat(ValueText.render(Instant.parse("2024-01-01T20:00:00Z"), ZoneId.of("Asia/Shanghai")))
                .isEqualTo("2024-01-02 04:00:00");
        assertThat(ValueText.render(LocalDate.of(2024, 2, 29), UTC)).isEqualTo("2024-02-29");
        assertThat(ValueText.render(true, UTC)).isEqualTo("true");
        assertThat(ValueText.render(List.of(1L, OdpsString.of("a")), UTC)).isEqualTo("[1, \"a\"]");
        assertThat(ValueText.render(Map.of("k", 2L), UTC)).isEqualTo("{\"k\": 2}");
    }

    @Test
    void undecodableStringBytesRenderAsHexInsteadOfFailing() {
        OdpsString bad = OdpsString.ofBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 'A'});
        assertThat(ValueText.render(bad, UTC)).isEqualTo("x'fffe41'");
        assertThat(ValueText.isUndecodable(bad)).isTrue();
        assertThat(ValueText.render(OdpsString.of("héllo"), UTC)).isEqualTo("héllo");
        assertThat(ValueText.render(OdpsBinary.of(new byte[] {1, (byte) 0xab}), UTC)).isEqualTo("x'01ab'");
    }

    @Test
    void typedTextParsesToTheColumnsJavaType() {
        assertThat(ValueText.parse("", OdpsType.BIGINT, UTC)).isNull();
        assertThat(ValueText.parse("42", OdpsType.BIGINT, UTC)).isEqualTo(42L);
        assertThat(ValueText.parse("7.5", OdpsType.parse("decimal(18,2)"), UTC)).isEqualTo(new BigDecimal("7.50"));
        assertThat(ValueText.parse("2024-01-05 10:00:00", OdpsType.DATETIME, ZoneId.of("Asia/Shanghai")))
                .isEqualTo(Instant.parse("2024-01-05T02:00:00Z"));
        assertThat(ValueText.parse("2024-01-05", OdpsType.DATETIME, UTC))
                .isEqualTo(Instant.parse("2024-01-05T00:00:00Z"));
        assertThat(ValueText.parse("TRUE", OdpsType.BOOLEAN, UTC)).isEqualTo(true);
        assertThat(ValueText.parse("x'00ff'", OdpsType.BINARY, UTC)).isEqualTo(OdpsBinary.of(new byte[] {0, -1}));
        assertThat(ValueText.parse("hi", OdpsType.STRING, UTC)).isEqualTo(OdpsString.of("hi"));
    }

    @Test
    void badTextIsRefusedWithAMessageNamingTheType() {
        assertThatThrownBy(() -> ValueText.parse("12x", OdpsType.BIGINT, UTC)).hasMessage("not a BIGINT: 12x");
        assertThatThrownBy(() -> ValueText.parse("300", OdpsType.TINYINT, UTC)).hasMessage("not a TINYINT: 300");
        assertThatThrownBy(() -> ValueText.parse("1.234", OdpsType.parse("decimal(18,2)"), UTC))
                .hasMessageContaining("more than 2 decimal places");
        assertThatThrownBy(() -> ValueText.parse("1234567890123456789", OdpsType.parse("decimal(18,2)"), UTC))
                .hasMessageContaining("too large for DECIMAL(18,2)");
        assertThatThrownBy(() -> ValueText.parse("yes", OdpsType.BOOLEAN, UTC)).hasMessageContaining("BOOLEAN");
        assertThatThrownBy(() -> ValueText.parse("2024-13-01", OdpsType.DATETIME, UTC))
                .hasMessageContaining("not a DATETIME");
        assertThatThrownBy(() -> ValueText.parse("abcd", OdpsType.parse("varchar(3)"), UTC))
                .hasMessageContaining("at most 3");
    }
}
