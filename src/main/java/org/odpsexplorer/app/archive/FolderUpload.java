package org.odpsexplorer.app.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.odpsexplorer.sdk.model.TransferListener;
import org.odpsexplorer.sdk.model.TransferProgress;

/**
 * Uploads a folder as an archive resource, packing while uploading: a packer thread writes the archive into a pipe
 * that the SDK's upload reads, so no packed copy is ever built in memory. (Every upload request carries the MD5 of
 * its body, so the SDK spools what it reads to a temp file above its spool threshold before sending; that spool is
 * the only copy.) A packing failure fails the upload instead of sending a truncated archive.
 */
public final class FolderUpload {
    private static final int PIPE_BUFFER = 1024 * 1024;

    private FolderUpload() {
    }

    /**
     * Packs and uploads; blocking (call from a worker). {@code progress} sees the packing (file bytes read of the
     * folder's total) and then the upload (bytes sent of the archive's size).
     *
     * @param overwrite replace an existing resource of that name (else creating it fails if it exists)
     * @return the archive's size on the server
     */
    public static long upload(Odps odps, FolderPacker.Plan plan, ArchiveFormat format, String name, boolean overwrite,
                              TransferListener progress, CancelSignal cancel) throws IOException, InterruptedException {
        PipedInputStream pipe = new PipedInputStream(PIPE_BUFFER);
        PipedOutputStream sink = new PipedOutputStream(pipe);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread packer = new Thread(() -> {
            try {
                FolderPacker.pack(plan, format, sink, done -> progress.onProgress(
                        new TransferProgress(TransferProgress.Direction.UPLOAD, name, done, plan.totalBytes())), cancel);
            } catch (IOException | RuntimeException e) {
                // handed to the uploading thread, which fails with it (see Failing); recorded before the pipe closes,
                // so the reader never takes the end of a broken archive for a normal end
                failure.set(e);
            } finally {
                closeQuietly(sink);
            }
        }, "pack-" + name);
        packer.setDaemon(true);
        packer.start();
        ResourceOptions options = ResourceOptions.defaults().withType(ResourceType.ARCHIVE).withProgress(progress)
                .withCancel(cancel);
        try (InputStream content = new Failing(pipe, failure)) {
            if (overwrite && odps.existResource(name)) {
                return odps.updateResource(name, content, options).info().size();
            }
            return odps.createResource(name, ResourceType.ARCHIVE.wireName(), content, options).info().size();
        } finally {
            // closing the pipe's read end (above) makes a packer still writing fail and end
            packer.join();
        }
    }

    private static void closeQuietly(PipedOutputStream sink) {
        try {
            sink.close();
        } catch (IOException e) {
            // the reader is gone (it failed or finished); its own outcome is what counts
        }
    }

    /** The pipe's read end; at its end, a packing failure is thrown instead of a normal end of data. */
    private static final class Failing extends FilterInputStream {
        private final AtomicReference<Exception> failure;

        Failing(InputStream in, AtomicReference<Exception> failure) {
            super(in);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                check();
                throw e;
            }
            if (n < 0) {
                check();
            }
            return n;
        }

        private void check() throws IOException {
            Exception e = failure.get();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e != null) {
                throw new IOException("packing the folder failed: " + e.getMessage(), e);
            }
        }
    }
}
