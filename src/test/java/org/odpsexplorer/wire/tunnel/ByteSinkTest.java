package org.odpsexplorer.wire.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The sink's varint paths (one byte, spread into one long, byte loop) all write the plain protobuf varint. */
class ByteSinkTest {

    /** The textbook encoding: seven bits per byte, low group first, high bit set on all but the last byte. */
    private static byte[] referenceVarint(long value) {
        byte[] out = new byte[10];
        int n = 0;
        while ((value & ~0x7FL) != 0) {
            out[n++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[n++] = (byte) value;
        return Arrays.copyOf(out, n);
    }

    @Test
    void varintsOfEveryLengthMatchTheTextbookEncoding() {
        ByteSink sink = new ByteSink(1); // grows on the way: every write has to make its own room
        byte[] expected = new byte[0];
        for (int bits = 0; bits <= 64; bits++) {
            long top = bits == 64 ? -1L : (1L << bits) - 1; // all ones: the longest value of this length
            long low = bits == 0 ? 0 : 1L << (bits - 1); // the shortest one
            for (long value : new long[] {top, low, top ^ 0x5555_5555_5555_5555L & top}) {
                sink.writeVarint(value);
                byte[] one = referenceVarint(value);
                int at = expected.length;
                expected = Arrays.copyOf(expected, at + one.length);
                System.arraycopy(one, 0, expected, at, one.length);
            }
        }
        assertThat(Arrays.copyOf(sink.array(), sink.size())).isEqualTo(expected);
    }

    @Test
    void zigzagMapsSmallMagnitudesToShortVarints() {
        ByteSink sink = new ByteSink(16);
        sink.writeZigzag64(-1);
        sink.writeZigzag64(1);
        sink.writeZigzag64(Long.MIN_VALUE);
        sink.writeZigzag32(-64);
        assertThat(Arrays.copyOf(sink.array(), sink.size())).containsExactly(0x01, 0x02,
                0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x7f);
    }
}
