package org.odpsexplorer.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A random-access byte store that lives in memory up to a threshold and moves to a temp file above it, so handle
 * content of any size costs bounded heap. Writing past the end fills the gap with zero bytes (Python's BytesIO
 * does the same). Not thread-safe. {@link #close()} deletes the temp file.
 *
 * <p>I/O failures of the temp file surface as {@link UncheckedIOException}.
 */
public final class Spool implements ByteStore {
    private final long threshold;
    private final @Nullable Path tempDirectory;
    private byte[] memory = new byte[0];
    private @Nullable FileChannel file;
    private @Nullable Path filePath;
    private long size;

    public Spool(long threshold, @Nullable Path tempDirectory) {
        this.threshold = threshold;
        this.tempDirectory = tempDirectory;
    }

    @Override
    public long size() {
        return size;
    }

    /** True once the content moved to a temp file. */
    public boolean onDisk() {
        return file != null;
    }

    /** Reads up to {@code len} bytes at {@code pos}; returns the count, or -1 when {@code pos >= size}. */
    @Override
    public int read(long pos, byte[] b, int off, int len) {
        if (pos >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - pos);
        if (file == null) {
            System.arraycopy(memory, (int) pos, b, off, n);
            return n;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(b, off, n);
            long p = pos;
            while (buf.hasRemaining()) {
                int r = file.read(buf, p);
                if (r < 0) {
                    throw new IOException("spool file shorter than expected");
                }
                p += r;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("reading spool file " + filePath, e);
        }
    }

    /** Writes at {@code pos}, growing the store; a gap after the old end is zero-filled. */
    @Override
    public void write(long pos, byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        long end = pos + len;
        if (file == null && end > threshold) {
            moveToDisk();
        }
        if (file == null) {
            if (end > memory.length) {
                memory = Arrays.copyOf(memory, (int) Math.min(Math.max(end, (long) memory.length * 2), threshold));
            }
            if (pos > size) {
                Arrays.fill(memory, (int) size, (int) pos, (byte) 0);
            }
            System.arraycopy(b, off, memory, (int) pos, len);
        } else {
            try {
                if (pos > size) {
                    zeroFill(size, pos);
                }
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                long p = pos;
                while (buf.hasRemaining()) {
                    p += file.write(buf, p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing spool file " + filePath, e);
            }
        }
        size = Math.max(size, end);
    }

    private void zeroFill(long from, long to) throws IOException {
        FileChannel onDisk = Objects.requireNonNull(file, "called once on disk");
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        long p = from;
        while (p < to) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), to - p));
            while (zeros.hasRemaining()) {
                p += onDisk.write(zeros, p);
            }
        }
    }

    /** Cuts the store to {@code newSize} if it is longer; never extends (as BytesIO). */
    @Override
    public void truncate(long newSize) {
        if (newSize >= size) {
            return;
        }
        if (file != null) {
            try {
                file.truncate(newSize);
            } catch (IOException e) {
                throw new UncheckedIOException("truncating spool file " + filePath, e);
            }
        }
        size = newSize;
    }

    /** A stream over {@code [offset, offset + length)}; reads the store live, so do not write while it is open. */
    public InputStream inputStream(long offset, long length) {
        long end = Math.min(size, offset + length);
        return new InputStream() {
            private long pos = offset;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= end) {
                    return -1;
                }
                int n = Spool.this.read(pos, b, off, (int) Math.min(len, end - pos));
                if (n > 0) {
                    pos += n;
                }
                return n;
            }
        };
    }

    private void moveToDisk() {
        try {
            Path path = tempDirectory == null ? Files.createTempFile("odps-spool-", ".tmp")
                    : Files.createTempFile(tempDirectory, "odps-spool-", ".tmp");
            path.toFile().deleteOnExit();
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ByteBuffer buf = ByteBuffer.wrap(memory, 0, (int) size);
            long p = 0;
            while (buf.hasRemaining()) {
                p += channel.write(buf, p);
            }
            this.file = channel;
            this.filePath = path;
            this.memory = new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("creating spool file", e);
        }
    }

    /** Releases memory and deletes the temp file; idempotent. */
    @Override
    public void close() {
        memory = new byte[0];
        size = 0;
        if (file != null) {
            try {
                file.close();
                Files.deleteIfExists(filePath);
            } catch (IOException e) {
                throw new UncheckedIOException("deleting spool file " + filePath, e);
            } finally {
                file = null;
            }
        }
    }
}
