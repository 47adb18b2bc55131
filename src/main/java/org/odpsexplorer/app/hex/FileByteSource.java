package org.odpsexplorer.app.hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only snapshot of a local file (e.g. a large resource spooled to a temp file), read with positional reads.
 * Thread-safe. Deletes the file on {@link #close()} when asked to.
 */
public final class FileByteSource implements ByteSource, AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final boolean deleteOnClose;

    public FileByteSource(Path file, boolean deleteOnClose) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
        this.deleteOnClose = deleteOnClose;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, byte[] buf, int off, int len) throws IOException {
        if (offset >= size) {
            return 0;
        }
        ByteBuffer target = ByteBuffer.wrap(buf, off, (int) Math.min(len, size - offset));
        int total = 0;
        while (target.hasRemaining()) {
            int n = channel.read(target, offset + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (deleteOnClose) {
            Files.deleteIfExists(file);
        }
    }
}
