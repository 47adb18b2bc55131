package org.odpsexplorer.wire.tunnel;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.MalformedStreamException.Reason;

/**
 * {@code Content-Encoding: deflate} of tunnel bodies: a zlib container (RFC 1950), level 1 as the Java SDK writes it
 * ({@code protocol/tunnel.md} §7). The returned streams own the given ones: closing them closes the underlying stream.
 */
public final class TunnelCompression {
    /** The only compression both sides implement; the others are rejected by the emulator. */
    public static final String DEFLATE = "deflate";

    private TunnelCompression() {
    }

    /** Whether {@code contentEncoding} (a header value, may be null or blank) means "not compressed". */
    public static boolean isIdentity(@Nullable String contentEncoding) {
        return contentEncoding == null || contentEncoding.isBlank()
                || contentEncoding.trim().equalsIgnoreCase("identity");
    }

    /** Whether {@code contentEncoding} is {@code deflate}. */
    public static boolean isDeflate(@Nullable String contentEncoding) {
        return contentEncoding != null && contentEncoding.trim().toLowerCase(Locale.ROOT).equals(DEFLATE);
    }

    /** Compresses everything written into a zlib stream on {@code out}; {@code close()} finishes it. */
    public static OutputStream deflating(OutputStream out) {
        Deflater deflater = new Deflater(1);
        return new DeflaterOutputStream(out, deflater, 64 * 1024) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    deflater.end();
                }
            }
        };
    }

    /**
     * Inflates a zlib stream; undecodable or truncated compressed data surfaces as a {@link MalformedStreamException}
     * with reason {@link Reason#BAD_COMPRESSION}.
     */
    public static InputStream inflating(InputStream in) {
        return new InflaterInputStream(in, new Inflater(), 64 * 1024) {
            private final Inflater own = inf;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (ZipException | EOFException e) {
                    throw new MalformedStreamException(Reason.BAD_COMPRESSION, "bad deflate data: " + e.getMessage(), e);
                }
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    own.end();
                }
            }
        };
    }
}
