package org.odpsexplorer.app.hex;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/** Finds a byte pattern in a {@link ByteSource}, streaming in chunks. Blocking: run on a worker. */
public final class ByteSearch {
    private static final int CHUNK = 256 * 1024;

    private ByteSearch() {
    }

    /**
     * Offset of the first occurrence of {@code pattern} at or after {@code from}, wrapping around to the start once;
     * -1 when absent or when {@code cancelled} turns true.
     */
    public static long find(ByteSource source, byte[] pattern, long from, BooleanSupplier cancelled) throws IOException {
        if (pattern.length == 0) {
            return -1;
        }
        long size = source.size();
        long hit = scan(source, pattern, Math.max(0, from), size, cancelled);
        if (hit < 0 && from > 0) {
            hit = scan(source, pattern, 0, Math.min(size, from + pattern.length - 1), cancelled);
        }
        return hit;
    }

    private static long scan(ByteSource source, byte[] pattern, long from, long to, BooleanSupplier cancelled)
            throws IOException {
        int overlap = pattern.length - 1;
        byte[] buf = new byte[CHUNK + overlap];
        long pos = from;
        while (pos + pattern.length <= to) {
            if (cancelled.getAsBoolean()) {
                return -1;
            }
            int want = (int) Math.min(buf.length, to - pos);
            int n = 0;
            while (n < want) {
                int r = source.read(pos + n, buf, n, want - n);
                if (r <= 0) {
                    break;
                }
                n += r;
            }
            int i = indexOf(buf, n, pattern);
            if (i >= 0) {
                return pos + i;
            }
            if (n < pattern.length) {
                return -1;
            }
            pos += n - overlap;
        }
        return -1;
    }

    private static int indexOf(byte[] buf, int len, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= len; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buf[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
