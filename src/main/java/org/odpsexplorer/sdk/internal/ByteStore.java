package org.odpsexplorer.sdk.internal;

/**
 * The storage behind a resource handle, addressed in storage bytes: raw content bytes for binary handles, UTF-16BE
 * code units (2 bytes per char) for text handles, so text position p lives at byte 2p. Not thread-safe.
 */
public interface ByteStore extends AutoCloseable {
    /** Storage size in bytes. May be expensive for a streaming text store (it decodes to the end once). */
    long size();

    /** Reads up to {@code len} bytes at {@code pos}; the count, or -1 at or after the end. */
    int read(long pos, byte[] b, int off, int len);

    /** Writes at {@code pos}; a gap after the end is zero-filled. */
    void write(long pos, byte[] b, int off, int len);

    /** Cuts to {@code size} bytes if longer. */
    void truncate(long size);

    @Override
    void close();
}
