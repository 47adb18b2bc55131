package org.odpsexplorer.app.hex;

import java.io.IOException;

/**
 * Random-access bytes of known size, possibly remote and slow. Implementations must be safe to call from worker
 * threads; never call {@link #read} on the FX thread unless the source says it is in memory.
 */
public interface ByteSource {
    /** Total size in bytes. */
    long size();

    /**
     * Reads up to {@code len} bytes at {@code offset} into {@code buf[off..]}; returns the count read, which is
     * less than {@code len} only at the end of the source (and 0 at or past it).
     */
    int read(long offset, byte[] buf, int off, int len) throws IOException;

    /** True when reads never block (the bytes are in memory), so the FX thread may read them. */
    default boolean inMemory() {
        return false;
    }

    /** A source over a byte array (not copied; the caller must not change it afterwards). */
    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public boolean inMemory() {
                return true;
            }

            @Override
            public int read(long offset, byte[] buf, int off, int len) {
                if (offset >= bytes.length) {
                    return 0;
                }
                int n = (int) Math.min(len, bytes.length - offset);
                System.arraycopy(bytes, (int) offset, buf, off, n);
                return n;
            }
        };
    }
}
