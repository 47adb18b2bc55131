package org.odpsexplorer.emulator.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * Read-only view of several immutable content files one after the other, as one {@link FileChannel}: the content of a
 * resource merged from parts, which keeps the parts' files instead of copying them into a new one. Positional reads
 * fill the buffer across file boundaries. Closing closes every file.
 */
final class ConcatenatedFileChannel extends FileChannel {
    private final List<FileChannel> files;
    /** {@code starts[i]}: the position of file i's first byte; {@code starts[n]}: the total size. */
    private final long[] starts;
    private long position;

    /** Takes ownership of {@code files} (sizes are read once: content files never change). */
    ConcatenatedFileChannel(List<FileChannel> files) throws IOException {
        this.files = List.copyOf(files);
        this.starts = new long[files.size() + 1];
        for (int i = 0; i < files.size(); i++) {
            starts[i + 1] = starts[i] + files.get(i).size();
        }
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return starts[starts.length - 1];
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        if (pos < 0) {
            throw new IllegalArgumentException("negative position");
        }
        ensureOpen();
        long size = size();
        if (pos >= size) {
            return -1;
        }
        // fills dst across file boundaries, as a read of one file fills it up to the end of the file
        int total = 0;
        while (dst.hasRemaining() && pos < size) {
            int i = fileAt(pos);
            long inFile = starts[i + 1] - pos;
            int n;
            if (dst.remaining() <= inFile) {
                n = files.get(i).read(dst, pos - starts[i]);
            } else {
                ByteBuffer slice = dst.slice().limit((int) inFile);
                n = files.get(i).read(slice, pos - starts[i]);
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
            }
            if (n <= 0) {
                break; // a file shorter than when it was opened: report what was read
            }
            total += n;
            pos += n;
        }
        return total;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            while (dsts[i].hasRemaining()) {
                int n = read(dsts[i]);
                if (n <= 0) {
                    return total == 0 && n < 0 ? -1 : total;
                }
                total += n;
            }
        }
        return total;
    }

    @Override
    public long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
        ensureOpen();
        long end = Math.min(size(), pos + count);
        long done = 0;
        while (pos + done < end) {
            int i = fileAt(pos + done);
            long local = pos + done - starts[i];
            long n = files.get(i).transferTo(local, Math.min(end, starts[i + 1]) - (pos + done), target);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        ensureOpen();
        position = newPosition;
        return this;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long pos) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // read-only: nothing to write back
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long pos, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long pos, long size) {
        throw new UnsupportedOperationException("a resource merged from parts cannot be mapped as one buffer");
    }

    @Override
    public FileLock lock(long pos, long size, boolean shared) {
        throw new UnsupportedOperationException("content files are immutable; no locks");
    }

    @Override
    public FileLock tryLock(long pos, long size, boolean shared) {
        throw new UnsupportedOperationException("content files are immutable; no locks");
    }

    @Override
    protected void implCloseChannel() throws IOException {
        IOException first = null;
        for (FileChannel f : files) {
            try {
                f.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The index of the file that holds {@code pos} (which is below the total size); empty files are skipped. */
    private int fileAt(long pos) {
        int lo = 0;
        int hi = files.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void ensureOpen() throws IOException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }
}
