package org.odpsexplorer.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.IO;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.store.ChunkedInput;

/**
 * A request body as a blocking stream that can also hand out Jetty's receive buffers one by one
 * ({@link ChunkedInput}), so an upload goes from the connection's buffer to the file without a heap copy. The current
 * chunk is released when the next one is asked for, or on close. Used by one thread at a time.
 */
final class RequestBody extends InputStream implements ChunkedInput {
    private final Content.Source source;
    private final Blocker.Shared blocking = new Blocker.Shared();
    private Content.@Nullable Chunk chunk;
    private boolean last;
    private boolean closed;

    RequestBody(Content.Source source) {
        this.source = source;
    }

    @Override
    public @Nullable ByteBuffer nextChunk() throws IOException {
        while (true) {
            if (chunk != null && chunk.hasRemaining()) {
                return chunk.getByteBuffer();
            }
            if (!advance()) {
                return null;
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        ByteBuffer buffer = nextChunk();
        if (buffer == null) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return chunk == null ? 0 : chunk.remaining();
    }

    /**
     * Releases the current chunk and reads the next one, waiting for it; false at the end of the body.
     *
     * @throws IOException when the body failed (the client went away or sent less than it declared)
     */
    private boolean advance() throws IOException {
        if (chunk != null) {
            chunk.release();
            chunk = null;
        }
        if (closed) {
            throw new IOException("request body stream closed");
        }
        if (last) {
            return false;
        }
        while (true) {
            Content.Chunk next = source.read();
            if (next == null) {
                try (Blocker.Runnable callback = blocking.runnable()) {
                    source.demand(callback);
                    callback.block();
                }
                continue;
            }
            if (Content.Chunk.isFailure(next)) {
                Throwable failure = next.getFailure();
                if (!next.isLast()) {
                    // a transient failure (e.g. an idle timeout): the body is not usable any more either way
                    source.fail(failure);
                }
                throw IO.rethrow(failure);
            }
            last = next.isLast();
            chunk = next;
            return true;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (chunk != null) {
            chunk.release();
            chunk = null;
        }
    }
}
