package org.odpsexplorer.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.wire.OdpsHeaders;

/**
 * Resource content read through ranged GETs ({@code rOffset}/{@code rSize}, {@code protocol/rest.md} §7.4): asks for one part
 * size at a time, keeps going while the answer says {@code x-odps-resource-has-remaining: true}, and never assumes a
 * response carried {@code rSize} bytes. A connection that breaks mid-body is resumed from the last byte received,
 * within the retry policy's attempts. With an end offset the stream asks for no byte past it (a random-access reader
 * fetching one block downloads that block, not a whole part). Holds at most one response open; not thread-safe; the
 * caller closes it.
 */
public final class RangedInputStream extends InputStream {
    private final ResourceApi api;
    private final String name;
    private final @Nullable ByteCounter counter;
    private final @Nullable CancelSignal cancel;
    private long offset;
    private final long end;
    private @Nullable ApiResponse current;
    private @Nullable InputStream body;
    private okio.@Nullable BufferedSource source;
    private boolean hasRemaining;
    private long receivedInResponse;
    private boolean eof;
    private int resumes;

    RangedInputStream(ResourceApi api, String name, long offset, long end, @Nullable ByteCounter counter,
                      @Nullable CancelSignal cancel) {
        this.api = api;
        this.name = name;
        this.offset = offset;
        this.end = end;
        this.counter = counter;
        this.cancel = cancel;
    }

    /** The content offset of the next byte {@link #read()} returns. */
    public long position() {
        return offset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            if (cancel != null) {
                cancel.throwIfCancelled("download of " + name);
            }
            if (body == null) {
                openNext();
                continue;
            }
            int n;
            try {
                n = body.read(b, off, len);
            } catch (IOException e) {
                resumeAfter(e);
                continue;
            }
            if (n < 0) {
                endOfResponse();
                continue;
            }
            offset += n;
            receivedInResponse += n;
            if (counter != null) {
                counter.add(n);
            }
            return n;
        }
        return -1;
    }

    /**
     * Copies the rest of the content to {@code out} by handing over the HTTP client's buffers (one copy less than
     * {@link #read(byte[], int, int)}); {@code out} receives chunks of up to 8 KiB, so buffer it when it is a file.
     * Broken connections resume like {@link #read}; a failure of {@code out} is not retried.
     */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        okio.Buffer chunk = new okio.Buffer();
        long total = 0;
        while (!eof) {
            if (cancel != null) {
                cancel.throwIfCancelled("download of " + name);
            }
            if (source == null) {
                openNext();
                continue;
            }
            long n;
            try {
                n = source.read(chunk, 64 * 1024);
            } catch (IOException e) {
                resumeAfter(e);
                continue;
            }
            if (n < 0) {
                endOfResponse();
                continue;
            }
            chunk.writeTo(out);
            offset += n;
            receivedInResponse += n;
            total += n;
            if (counter != null) {
                counter.add(n);
            }
        }
        return total;
    }

    /** A broken body: resume from the last byte received (the server answers any rOffset), a bounded number of times. */
    private void resumeAfter(IOException e) throws IOException {
        closeCurrent();
        if (++resumes >= api.config().retryPolicy().maxAttempts()) {
            throw e;
        }
    }

    /** One response is exhausted: the content ends unless the server said more remains. */
    private void endOfResponse() {
        closeCurrent();
        if (!hasRemaining || offset >= end) {
            eof = true;
        } else if (receivedInResponse == 0) {
            throw new OdpsException(200, "MalformedResponse", "server reported remaining bytes at offset "
                    + offset + " but sent none", null, "GET " + name + "?rOffset=" + offset);
        }
    }

    private void openNext() {
        if (offset >= end) {
            eof = true;
            return;
        }
        ApiResponse response = api.getRange(name, offset, Math.min(api.config().partSize(), end - offset));
        current = response;
        String remaining = response.header(OdpsHeaders.RESOURCE_HAS_REMAINING);
        hasRemaining = remaining != null && remaining.strip().equalsIgnoreCase("true");
        receivedInResponse = 0;
        body = response.body();
        source = response.source();
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
        }
        current = null;
        body = null;
        source = null;
    }

    @Override
    public void close() {
        closeCurrent();
        eof = true;
    }

    /** Wraps an I/O failure of this stream as the SDK's transport exception. */
    OdpsTransportException wrap(IOException e) {
        return new OdpsTransportException("GET " + name + "?rOffset=" + offset, e);
    }
}
