package org.odpsexplorer.wire.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Garbage never crashes the decoder: random bytes, every truncation and random bit flips of the golden streams (raw
 * and deflated) end either in a clean decode or a {@link MalformedStreamException}; anything else fails the test.
 * Seeds are fixed, so the run is deterministic.
 */
class RecordStreamRobustnessTest {
    private static final String[] VECTORS = {"basic", "extended"};

    @Test
    void randomBytesOnlyEverCauseMalformedStreamException() {
        Random random = new Random(20261126L);
        for (String name : VECTORS) {
            List<Column> columns = TunnelVectors.columns(TunnelVectors.json(name + ".json"));
            for (int i = 0; i < 3000; i++) {
                byte[] garbage = new byte[random.nextInt(300)];
                random.nextBytes(garbage);
                assertDecodesOrIsMalformed(garbage, columns, false);
            }
        }
    }

    @Test
    void everyTruncationOfTheGoldenStreamsIsMalformed() {
        for (String name : VECTORS) {
            List<Column> columns = TunnelVectors.columns(TunnelVectors.json(name + ".json"));
            byte[] stream = TunnelVectors.bytes(name + ".bin");
            for (int length = 0; length < stream.length; length++) {
                assertThat(assertDecodesOrIsMalformed(Arrays.copyOf(stream, length), columns, false))
                        .as("truncated to %d bytes", length).isFalse();
            }
            byte[] deflated = TunnelVectors.bytes(name + ".deflate.bin");
            for (int length = 0; length < deflated.length; length++) {
                assertThat(assertDecodesOrIsMalformed(Arrays.copyOf(deflated, length), columns, true))
                        .as("deflated stream truncated to %d bytes", length).isFalse();
            }
        }
    }

    @Test
    void bitFlipsOfTheGoldenStreamsAreDetected() {
        Random random = new Random(42L);
        int detected = 0;
        int total = 0;
        for (String name : VECTORS) {
            List<Column> columns = TunnelVectors.columns(TunnelVectors.json(name + ".json"));
            for (boolean deflate : new boolean[] {false, true}) {
                byte[] stream = TunnelVectors.bytes(name + (deflate ? ".deflate.bin" : ".bin"));
                for (int i = 0; i < 2000; i++) {
                    byte[] flipped = stream.clone();
                    int flips = 1 + random.nextInt(3);
                    for (int f = 0; f < flips; f++) {
                        int bit = random.nextInt(flipped.length * 8);
                        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                    }
                    total++;
                    if (!assertDecodesOrIsMalformed(flipped, columns, deflate)) {
                        detected++;
                    }
                }
            }
        }
        // CRC-32C catches essentially every flip of a raw stream; a flip may only go unnoticed in rare cases such as
        // a non-canonical varint or a flipped deflate block that inflates identically
        assertThat(detected).isGreaterThan(total * 95 / 100);
    }

    /** Returns true when the stream decoded cleanly, false when it was malformed; fails on anything else. */
    private static boolean assertDecodesOrIsMalformed(byte[] bytes, List<Column> columns, boolean deflate) {
        InputStream in = new ByteArrayInputStream(bytes);
        if (deflate) {
            in = TunnelCompression.inflating(in);
        }
        try (RecordStreamDecoder decoder = new RecordStreamDecoder(in, columns)) {
            while (decoder.read() != null) {
                // drain
            }
            return true;
        } catch (MalformedStreamException expected) {
            return false;
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("decoder crashed with " + e + " on " + HexFormat.of().formatHex(bytes), e);
        }
    }
}
