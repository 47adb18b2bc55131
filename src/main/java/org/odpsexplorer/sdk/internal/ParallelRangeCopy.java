package org.odpsexplorer.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.CancelSignal;
import org.odpsexplorer.sdk.OdpsException;
import org.odpsexplorer.sdk.OdpsTransportException;
import org.odpsexplorer.sdk.TransferCancelledException;
import org.odpsexplorer.wire.OdpsHeaders;

/**
 * Copies the byte range {@code [from, to)} of a resource to an {@link OutputStream} with several ranged GETs in
 * flight at once, in chunks of {@link ClientConfig#downloadChunkSize()}, and writes the chunks to the stream in
 * order. A single HTTP stream is limited by one server thread and by the round trips between ranges; a few streams
 * side by side keep the link (or, on a loopback emulator, both cores) busy.
 *
 * <p>Memory stays bounded whatever the size: at most {@code streams + 1} chunk buffers exist at once (the chunks in
 * flight and the one being written). Each chunk is fetched with {@code rOffset}/{@code rSize}; a response that
 * carries fewer bytes than asked is followed by another GET for the rest (the service may cap a response), and a
 * connection broken mid-body resumes from the last byte received, within the retry policy's attempts — the same
 * rules as {@link RangedInputStream}. A body that ends before {@code to} while the server says nothing remains means
 * the resource shrank under us and fails with {@code ResourceChanged}.
 *
 * <p>Runs on the caller's thread plus {@code streams} daemon threads that live only for the copy. Progress is
 * counted on the caller's thread as chunks are written, so listeners see bytes in order. Not reusable.
 */
final class ParallelRangeCopy {
    /** Error code of the exception for content that ended before the expected size. */
    static final String RESOURCE_CHANGED = "ResourceChanged";

    private final ResourceApi api;
    private final String name;
    private final long from;
    private final long to;
    private final int streams;
    private final int chunkSize;
    private final @Nullable ByteCounter counter;
    private final @Nullable CancelSignal cancel;
    private final AtomicBoolean aborted = new AtomicBoolean();

    ParallelRangeCopy(ResourceApi api, String name, long from, long to, @Nullable ByteCounter counter,
                      @Nullable CancelSignal cancel) {
        this.api = api;
        this.name = name;
        this.from = from;
        this.to = to;
        this.streams = api.config().downloadStreams();
        this.chunkSize = api.config().downloadChunkSize();
        this.counter = counter;
        this.cancel = cancel;
    }

    /** A filled chunk: {@code length} bytes of content starting at {@code offset}. */
    private record Chunk(byte[] buffer, long offset, int length) {
    }

    /**
     * Copies the range; returns the number of bytes written ({@code to - from}).
     *
     * @throws IOException when {@code out} fails (not retried)
     * @throws OdpsException for server errors, {@link OdpsTransportException} when the retries ran out,
     *                       {@link TransferCancelledException} when the cancel signal fired
     */
    long copyTo(OutputStream out) throws IOException {
        ExecutorService workers = Executors.newFixedThreadPool(streams, r -> {
            Thread t = new Thread(r, "odps-download-" + name);
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
        ArrayDeque<byte[]> spare = new ArrayDeque<>();
        long next = from;
        long written = 0;
        try {
            while (inFlight.size() < streams && next < to) {
                inFlight.add(submit(workers, next, spare));
                next += Math.min(chunkSize, to - next);
            }
            while (!inFlight.isEmpty()) {
                Chunk chunk = await(inFlight.removeFirst());
                // the next chunk starts (in another buffer) before this one is written, so the link stays busy
                if (next < to) {
                    inFlight.add(submit(workers, next, spare));
                    next += Math.min(chunkSize, to - next);
                }
                out.write(chunk.buffer(), 0, chunk.length());
                spare.add(chunk.buffer());
                written += chunk.length();
                if (counter != null) {
                    counter.add(chunk.length());
                }
            }
            return written;
        } finally {
            aborted.set(true);
            workers.shutdownNow();
            for (Future<Chunk> f : inFlight) {
                f.cancel(true);
            }
        }
    }

    private Future<Chunk> submit(ExecutorService workers, long offset, ArrayDeque<byte[]> spare) {
        int length = (int) Math.min(chunkSize, to - offset);
        // spare buffers are those already written out: with the one being written, streams + 1 buffers at most
        byte[] buffer = spare.isEmpty() ? new byte[chunkSize] : spare.poll();
        return workers.submit(() -> fetch(buffer, offset, length));
    }

    /** Waits for a chunk, checking the cancel signal meanwhile; rethrows a worker's failure as it was. */
    private Chunk await(Future<Chunk> future) throws IOException {
        while (true) {
            if (cancel != null) {
                cancel.throwIfCancelled("download of " + name);
            }
            try {
                return future.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // check the cancel signal again
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof IOException io) {
                    throw new OdpsTransportException("GET " + name + " (download)", io);
                }
                throw new IllegalStateException("download worker failed", cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OdpsTransportException("GET " + name + " (download)",
                        new InterruptedIOException("interrupted"));
            } catch (CancellationException e) {
                throw new TransferCancelledException("download of " + name);
            }
        }
    }

    /** Fills {@code buffer[0, length)} with the content at {@code offset}, with as many GETs as that takes. */
    private Chunk fetch(byte[] buffer, long offset, int length) throws IOException {
        int got = 0;
        int resumes = 0;
        while (got < length) {
            if (aborted.get()) {
                throw new InterruptedIOException("download abandoned");
            }
            long at = offset + got;
            try (ApiResponse response = api.getRange(name, at, length - got)) {
                String remaining = response.header(OdpsHeaders.RESOURCE_HAS_REMAINING);
                boolean hasRemaining = remaining != null && remaining.strip().equalsIgnoreCase("true");
                int before = got;
                InputStream body = response.body();
                try {
                    int n;
                    while (got < length && (n = body.read(buffer, got, length - got)) > 0) {
                        got += n;
                    }
                } catch (IOException e) {
                    if (aborted.get() || ++resumes >= api.config().retryPolicy().maxAttempts()) {
                        throw e;
                    }
                    continue;
                }
                if (got < length && !hasRemaining) {
                    throw new OdpsException(200, RESOURCE_CHANGED, "resource '" + name + "' ended at byte "
                            + (offset + got) + ", expected " + to + " bytes: it changed during the download",
                            response.requestId(), response.call());
                }
                if (got == before) {
                    throw new OdpsException(200, "MalformedResponse", "server reported remaining bytes at offset "
                            + at + " but sent none", response.requestId(), response.call());
                }
            }
        }
        return new Chunk(buffer, offset, length);
    }
}
