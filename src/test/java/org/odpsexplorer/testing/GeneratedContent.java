package org.odpsexplorer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Test helper: deterministic pseudo-random content of any size, generated on the fly (never held in memory). The same
 * size and seed give the same bytes in every test, client or server side.
 */
public final class GeneratedContent extends InputStream {
    private final long size;
    private long pos;
    private long state;

    public GeneratedContent(long size, long seed) {
        this.size = size;
        this.state = seed;
    }

    /** The MD5 (hex) of the content {@code new GeneratedContent(size, seed)} produces. */
    public static String md5(long size, long seed) throws IOException {
        return md5Of(new GeneratedContent(size, seed));
    }

    /** MD5 (hex) of a stream read to its end; closes it. */
    public static String md5Of(InputStream in) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
        try (InputStream digesting = new DigestInputStream(in, md5)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - pos);
        for (int i = 0; i < n; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            b[off + i] = (byte) (state >>> 56);
        }
        pos += n;
        return n;
    }
}
