package org.odpsexplorer.sdk.internal;

import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.Md5;

/**
 * A request body that can be written more than once (retries re-send it), with its length and MD5 known before the
 * first byte goes out (both travel in headers).
 */
public interface BodySource {
    /** An empty body: Content-Length 0, no Content-MD5. */
    BodySource EMPTY = new BodySource() {
        @Override
        public long length() {
            return 0;
        }

        @Override
        public @Nullable String md5Hex() {
            return null;
        }

        @Override
        public void writeTo(OutputStream out) {
        }
    };

    long length();

    /** Lowercase hex MD5 of the bytes, null for an empty body (no Content-MD5 is sent then). */
    @Nullable String md5Hex();

    /** Writes exactly {@link #length()} bytes; may be called again for a retry. Does not close {@code out}. */
    void writeTo(OutputStream out) throws IOException;

    /** A small in-memory body. */
    static BodySource ofBytes(byte[] bytes) {
        String md5 = bytes.length == 0 ? null : Md5.hex(bytes);
        return new BodySource() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public @Nullable String md5Hex() {
                return md5;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }
        };
    }
}
