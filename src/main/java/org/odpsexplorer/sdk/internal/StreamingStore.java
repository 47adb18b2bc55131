package org.odpsexplorer.sdk.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.TransferProgress;

/**
 * Read-only storage for large {@code r}/{@code rb} handles: nothing is downloaded up front; reads go through ranged
 * GETs from wherever the handle's position is. Binary: a seek reopens at the byte offset. Text: characters cannot be
 * mapped to byte offsets without decoding, so a backward seek decodes again from the start and a forward one skips.
 * Memory stays bounded by the buffers. Content changed by someone else while reading is not detected.
 */
public final class StreamingStore implements ByteStore {
    private final ResourceApi api;
    private final String name;
    private final long byteSize;
    private final @Nullable Charset charset;
    private final ResourceOptions options;
    private final ResourceApi.Progress progress;
    private @Nullable RangedInputStream in;
    private @Nullable Reader reader;
    private long readerChars;
    private long charCount = -1;
    private final char[] chars = new char[32 * 1024];

    /**
     * @param byteSize content size from the metadata
     * @param charset  null for binary storage, else the text encoding (storage is then UTF-16BE units)
     */
    public StreamingStore(ResourceApi api, String name, long byteSize, @Nullable Charset charset,
                          ResourceOptions options) {
        this.api = api;
        this.name = name;
        this.byteSize = byteSize;
        this.charset = charset;
        this.options = options;
        this.progress = new ResourceApi.Progress(options, TransferProgress.Direction.DOWNLOAD, name, byteSize);
    }

    @Override
    public long size() {
        if (charset == null) {
            return byteSize;
        }
        if (charCount < 0) {
            try (Reader counting = TextCodec.reader(api.openContent(name, 0, null, options.cancel()), charset)) {
                long total = 0;
                long n;
                while ((n = counting.skip(Long.MAX_VALUE)) > 0) {
                    total += n;
                }
                charCount = total;
            } catch (CharacterCodingException e) {
                throw TextCodec.notText(name, charset, e);
            } catch (IOException e) {
                throw new OdpsTransportException("GET " + name + " (counting characters)", e);
            }
        }
        return charCount * 2;
    }

    @Override
    public int read(long pos, byte[] b, int off, int len) {
        try {
            return charset == null ? readBinary(pos, b, off, len) : readText(pos / 2, b, off, len / 2);
        } catch (CharacterCodingException e) {
            throw TextCodec.notText(name, Objects.requireNonNull(charset, "only text decodes"), e);
        } catch (IOException e) {
            throw new OdpsTransportException("GET " + name + " (reading at " + pos + ")", e);
        }
    }

    private int readBinary(long pos, byte[] b, int off, int len) throws IOException {
        if (pos >= byteSize) {
            return -1;
        }
        if (in == null || in.position() != pos) {
            closeStreams();
            in = api.openContent(name, pos, progress, options.cancel());
        }
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total == 0 ? -1 : total;
    }

    private int readText(long charPos, byte[] b, int off, int maxChars) throws IOException {
        if (reader == null || charPos < readerChars) {
            closeStreams();
            in = api.openContent(name, 0, progress, options.cancel());
            reader = TextCodec.reader(in, Objects.requireNonNull(charset, "text storage"));
            readerChars = 0;
        }
        while (readerChars < charPos) {
            long skipped = reader.skip(charPos - readerChars);
            if (skipped <= 0) {
                return -1;
            }
            readerChars += skipped;
        }
        int want = Math.min(maxChars, chars.length);
        int total = 0;
        while (total < want) {
            int n = reader.read(chars, total, want - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        if (total == 0) {
            return -1;
        }
        for (int i = 0; i < total; i++) {
            b[off + 2 * i] = (byte) (chars[i] >>> 8);
            b[off + 2 * i + 1] = (byte) chars[i];
        }
        readerChars += total;
        return total * 2;
    }

    /**
     * Binary storage only: reads {@code [pos, pos + len)} with requests of exactly that range, leaving the sequential
     * stream alone (a random read neither drops a connection nor asks for a whole part); -1 at the end.
     */
    public int readAt(long pos, byte[] b, int off, int len) {
        if (charset != null) {
            throw new IllegalStateException("text storage");
        }
        if (pos >= byteSize) {
            return -1;
        }
        return api.readRange(name, pos, b, off, (int) Math.min(len, byteSize - pos), progress, options.cancel());
    }

    /** Binary storage only: copies everything from byte {@code pos} to {@code out}; returns the count. */
    public long transferTo(long pos, OutputStream out) {
        if (charset != null) {
            throw new IllegalStateException("text storage");
        }
        if (pos >= byteSize) {
            return 0;
        }
        closeStreams();
        try {
            return api.copyContent(name, pos, out, progress, options.cancel());
        } catch (IOException e) {
            throw new OdpsTransportException("GET " + name + " (reading from " + pos + ")", e);
        }
    }

    @Override
    public void write(long pos, byte[] b, int off, int len) {
        throw new IllegalStateException("read-only storage");
    }

    @Override
    public void truncate(long size) {
        throw new IllegalStateException("read-only storage");
    }

    private void closeStreams() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (in != null) {
            in.close();
        }
        reader = null;
        in = null;
    }

    @Override
    public void close() {
        closeStreams();
    }
}
