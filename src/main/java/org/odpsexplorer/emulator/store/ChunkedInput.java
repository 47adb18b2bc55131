package org.odpsexplorer.emulator.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A request body that can hand out the server's own receive buffers instead of copying them into a caller's array:
 * {@link ContentFiles#stage} writes each chunk straight to the file (a direct buffer goes to the disk without the
 * JDK's intermediate copy) and hashes it in the same pass. Implemented by the HTTP layer's body stream; a plain
 * {@link java.io.InputStream} is read the ordinary way.
 */
public interface ChunkedInput {
    /**
     * The next bytes of the body, or null at its end. The buffer stays valid until the next call or until the stream is
     * closed, and the caller may consume (move the position of) it.
     *
     * @throws IOException when the body ends early (the client went away)
     */
    @Nullable ByteBuffer nextChunk() throws IOException;
}
