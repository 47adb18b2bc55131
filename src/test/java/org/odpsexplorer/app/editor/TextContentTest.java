package org.odpsexplorer.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextContentTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void plainUtf8IsDetectedAndRoundTrips() {
        byte[] data = "héllo\nwörld\n".getBytes(StandardCharsets.UTF_8);
        TextContent c = TextContent.of(data);
        assertThat(c.encoding()).isEqualTo(TextEncoding.UTF_8);
        assertThat(c.text()).isEqualTo("héllo\nwörld\n");
        assertThat(c.lossless()).isTrue();
        assertThat(c.toBytes(c.text())).isEqualTo(data);
    }

    @Test
    void utf8BomIsKeptOnSave() {
        byte[] data = bytes(0xEF, 0xBB, 0xBF, 'a', 'b');
        TextContent c = TextContent.of(data);
        assertThat(c.encoding()).isEqualTo(TextEncoding.UTF_8_BOM);
        assertThat(c.text()).isEqualTo("ab");
        assertThat(c.toBytes("abc")).isEqualTo(bytes(0xEF, 0xBB, 0xBF, 'a', 'b', 'c'));
    }

    @Test
    void utf16WithBomInBothByteOrders() {
        TextContent le = TextContent.of(bytes(0xFF, 0xFE, 'h', 0, 'i', 0));
        assertThat(le.encoding()).isEqualTo(TextEncoding.UTF_16LE_BOM);
        assertThat(le.text()).isEqualTo("hi");
        assertThat(le.lossless()).isTrue();
        TextContent be = TextContent.of(bytes(0xFE, 0xFF, 0, 'h', 0, 'i'));
        assertThat(be.encoding()).isEqualTo(TextEncoding.UTF_16BE_BOM);
        assertThat(be.toBytes("hi!")).isEqualTo(bytes(0xFE, 0xFF, 0, 'h', 0, 'i', 0, '!'));
    }

    @Test
    void invalidUtf8AndNulBytesAreBinary() {
        assertThat(TextEncoding.detect(bytes(0xC3, 0x28))).isEqualTo(TextEncoding.BINARY);
        assertThat(TextEncoding.detect(bytes('a', 0, 'b'))).isEqualTo(TextEncoding.BINARY);
        TextContent c = TextContent.of(bytes(0x80, 0xFF, 'x'));
        assertThat(c.lossless()).isTrue();
        assertThat(c.canEncode("\u0080\u00FFx")).isTrue();
        assertThat(c.canEncode("€")).isFalse();
    }

    @Test
    void crlfFilesAreEditedWithLfAndSavedWithCrlf() {
        byte[] data = "a\r\nb\r\n".getBytes(StandardCharsets.UTF_8);
        TextContent c = TextContent.of(data);
        assertThat(c.text()).isEqualTo("a\nb\n");
        assertThat(c.lossless()).isTrue();
        assertThat(c.toBytes("a\nb\nc\n")).isEqualTo("a\r\nb\r\nc\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mixedLineEndingsDoNotRoundTrip() {
        TextContent c = TextContent.of("a\r\nb\nc\rd".getBytes(StandardCharsets.UTF_8));
        assertThat(c.lossless()).isFalse();
    }
}
