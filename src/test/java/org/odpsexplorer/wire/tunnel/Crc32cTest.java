package org.odpsexplorer.wire.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class Crc32cTest {

    @Test
    void reproducesEveryCheckValueOfTheVectorFile() {
        JsonNode cases = TunnelVectors.json("crc32c.json").get("cases");
        assertThat(cases.size()).isGreaterThanOrEqualTo(9);
        for (JsonNode c : cases) {
            int expected = Integer.parseUnsignedInt(c.get("crc32c").asText().substring(2), 16);
            assertThat(Crc32c.of(TunnelVectors.hex(c.get("input_hex").asText())))
                    .as(c.get("description").asText()).isEqualTo(expected);
        }
    }

    @Test
    void fixedWidthFeedsAreLittleEndianAndEqualToFeedingTheBytes() {
        int viaHelpers = new Crc32c().updateInt(1).updateLong(0).updateInt(2).update("aaaa".getBytes()).value();
        assertThat(viaHelpers).isEqualTo(0x3BCBFEBA);
        assertThat(new Crc32c().updateLong(1).value()).isEqualTo(0xC514CFAD);
        assertThat(new Crc32c().updateByte(1).value()).isEqualTo(0xA016D052);
        assertThat(new Crc32c().updateLong(Double.doubleToRawLongBits(1.5)).value()).isEqualTo(0x3B562AD9);
    }

    @Test
    void resetStartsAFreshChecksum() {
        Crc32c crc = new Crc32c().update("garbage".getBytes());
        crc.reset();
        assertThat(crc.update("123456789".getBytes()).value()).isEqualTo(0xE3069283);
    }
}
