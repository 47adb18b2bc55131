package org.odpsexplorer.wire.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The value semantics STRING and BINARY share: owned copies, equality and hash by bytes, never across the two types. */
class ByteValueTest {
    @Test
    void equalityAndHashAreByBytesAndCopiesAreTakenAndGiven() {
        byte[] raw = {1, (byte) 0xff, 0};
        OdpsBinary binary = OdpsBinary.of(raw);
        OdpsString string = OdpsString.ofBytes(raw);
        raw[0] = 9;
        binary.bytes()[1] = 7;
        string.bytes()[1] = 7;

        assertThat(binary).isEqualTo(OdpsBinary.of(new byte[] {1, (byte) 0xff, 0}))
                .hasSameHashCodeAs(OdpsBinary.of(new byte[] {1, (byte) 0xff, 0}))
                .isNotEqualTo(OdpsBinary.of(new byte[] {1, (byte) 0xff}));
        assertThat(string).isEqualTo(OdpsString.ofBytes(new byte[] {1, (byte) 0xff, 0}))
                .hasSameHashCodeAs(OdpsString.ofBytes(new byte[] {1, (byte) 0xff, 0}));
        assertThat(binary.bytes()).containsExactly(1, 0xff, 0);
        assertThat(string.length()).isEqualTo(3);
        assertThat(binary.toString()).isEqualTo("01ff00");
    }

    @Test
    void aStringNeverEqualsABinaryWithTheSameBytes() {
        OdpsString string = OdpsString.of("ab");
        OdpsBinary binary = OdpsBinary.of(new byte[] {'a', 'b'});
        assertThat(string.rawBytes()).isEqualTo(binary.rawBytes());
        assertThat((Object) string).isNotEqualTo(binary);
        assertThat((Object) binary).isNotEqualTo(string);
        assertThat(string).isNotEqualTo(null);
    }

    @Test
    void stringsOrderByUnsignedBytes() {
        assertThat(OdpsString.ofBytes(new byte[] {(byte) 0x80}).compareTo(OdpsString.of("z"))).isPositive();
        assertThat(OdpsString.of("a").compareTo(OdpsString.of("ab"))).isNegative();
        assertThat(OdpsString.of("ab").compareTo(OdpsString.of("ab"))).isZero();
    }
}
