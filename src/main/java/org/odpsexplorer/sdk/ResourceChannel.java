package org.odpsexplorer.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.odpsexplorer.sdk.internal.ResourceApi;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.TransferCancelledException;
import org.odpsexplorer.sdk.model.TransferProgress;

/**
 * Read-only random access to a resource's content, for readers that jump around (a zip's central directory is at the
 * end, its entries anywhere): each read fetches only the blocks it touches with ranged GETs
 * ({@code rOffset}/{@code rSize}, never past the block), keeps recently used blocks in a small cache, and reads ahead
 * when reads are sequential. Obtained from {@link Odps#openResourceChannel}.
 *
 * <p>The size is the one the metadata gave at open; content replaced on the server meanwhile is not detected (reads
 * past a shrunk end fail with {@link OdpsException}). Memory: at most {@value #CACHE_BLOCKS} blocks of
 * {@value #BLOCK} bytes. Network failures surface as the SDK's runtime exceptions ({@link OdpsTransportException},
 * {@link TransferCancelledException} when the options' cancel signal is raised), not as {@link IOException}. Not
 * thread-safe; the caller closes it.
 */
public final class ResourceChannel implements SeekableByteChannel {
    /** Bytes per cached block. */
    public static final int BLOCK = 64 * 1024;
    /** Blocks kept. */
    public static final int CACHE_BLOCKS = 64;
    private static final int MAX_READ_AHEAD_BLOCKS = 32;

    private final ResourceApi api;
    private final ResourceInfo info;
    private final ResourceOptions options;
    private final ResourceApi.Progress progress;
    private final Map<Long, byte[]> cache = new LinkedHashMap<>(CACHE_BLOCKS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CACHE_BLOCKS;
        }
    };
    private long position;
    private long lastBlock = -2;
    private int readAhead = 1;
    private long bytesFetched;
    private int requests;
    private boolean open = true;

    ResourceChannel(ResourceApi api, ResourceInfo info, ResourceOptions options) {
        this.api = api;
        this.info = info;
        this.options = options;
        this.progress = new ResourceApi.Progress(options, TransferProgress.Direction.DOWNLOAD, info.name(), info.size());
    }

    /** The metadata read at open (its size is this channel's size). */
    public ResourceInfo info() {
        return info;
    }

    /** Content bytes fetched from the server so far (cache hits not counted again). */
    public long bytesFetched() {
        return bytesFetched;
    }

    /** Ranged GETs made so far. */
    public int requests() {
        return requests;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        checkOpen();
        if (position >= info.size()) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < info.size()) {
            long index = position / BLOCK;
            byte[] block = block(index);
            int at = (int) (position - index * BLOCK);
            int n = Math.min(dst.remaining(), block.length - at);
            if (n <= 0) {
                break;
            }
            dst.put(block, at, n);
            position += n;
            total += n;
        }
        return total;
    }

    private byte[] block(long index) throws IOException {
        byte[] cached = cache.get(index);
        if (cached != null) {
            lastBlock = index;
            return cached;
        }
        // sequential reads (an entry being inflated, a tar being streamed) fetch more blocks per GET, doubling up to
        // MAX_READ_AHEAD_BLOCKS; a jump starts again at one block
        readAhead = index == lastBlock + 1 ? Math.min(MAX_READ_AHEAD_BLOCKS, readAhead * 2) : 1;
        long lastIndex = (info.size() - 1) / BLOCK;
        int count = (int) Math.min(readAhead, lastIndex - index + 1);
        long from = index * BLOCK;
        long to = Math.min(info.size(), from + (long) count * BLOCK);
        requests++;
        try (InputStream in = api.openContent(info.name(), from, to, progress, options.cancel())) {
            for (long i = index; i < index + count; i++) {
                int len = (int) Math.min(BLOCK, to - i * BLOCK);
                byte[] b = in.readNBytes(len);
                bytesFetched += b.length;
                if (b.length < len) {
                    throw new OdpsException(200, "ContentShrank", "the content ended at " + (i * BLOCK + b.length)
                            + " but its size was " + info.size() + " when opened", null, "GET " + info.name()
                            + "?rOffset=" + from);
                }
                cache.put(i, b);
            }
        }
        lastBlock = index;
        return Objects.requireNonNull(cache.get(index), "just put");
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        checkOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        checkOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        checkOpen();
        return info.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        cache.clear();
    }

    private void checkOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public String toString() {
        return "ResourceChannel[" + info.name() + ", " + info.size() + " bytes, fetched " + bytesFetched + "]";
    }
}
