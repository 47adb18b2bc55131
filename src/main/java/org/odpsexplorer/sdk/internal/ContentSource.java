package org.odpsexplorer.sdk.internal;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.ResourceOptions;

/**
 * Content to upload that can be read more than once in slices (a first pass for MD5, a second to send; retries send
 * again): a byte array, a local file, or a {@link Spool}. {@link #close()} releases what the source owns.
 */
public interface ContentSource extends AutoCloseable {
    long length();

    /** A fresh stream over {@code [offset, offset + length)}; the caller closes it. */
    InputStream open(long offset, long length) throws IOException;

    @Override
    default void close() {
    }

    static ContentSource of(byte[] bytes) {
        return new ContentSource() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public InputStream open(long offset, long length) {
                return new ByteArrayInputStream(bytes, (int) offset, (int) length);
            }
        };
    }

    /**
     * A local file, read in place (never loaded).
     *
     * @throws UncheckedIOException when it cannot be read
     */
    static ContentSource of(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new ContentSource() {
            @Override
            public long length() {
                return size;
            }

            @Override
            public InputStream open(long offset, long length) throws IOException {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                channel.position(offset);
                InputStream in = Channels.newInputStream(channel);
                return new FilterInputStream(in) {
                    private long left = length;

                    @Override
                    public int read() throws IOException {
                        if (left <= 0) {
                            return -1;
                        }
                        int b = super.read();
                        if (b >= 0) {
                            left--;
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = super.read(b, off, (int) Math.min(len, left));
                        if (n > 0) {
                            left -= n;
                        }
                        return n;
                    }
                };
            }
        };
    }

    /** A view of a spool (not owned: closing the source leaves the spool open). */
    static ContentSource of(Spool spool) {
        return ofSpool(spool, false);
    }

    /** A spool as a source; {@code owned}: closing the source closes the spool. */
    private static ContentSource ofSpool(Spool spool, boolean owned) {
        return new ContentSource() {
            @Override
            public long length() {
                return spool.size();
            }

            @Override
            public InputStream open(long offset, long length) {
                return spool.inputStream(offset, length);
            }

            @Override
            public void close() {
                if (owned) {
                    spool.close();
                }
            }
        };
    }

    /**
     * Reads a stream to its end into a spool (memory up to the configured threshold, then a temp file) so it can be
     * uploaded with MD5s and retries. The returned source owns the spool.
     */
    static ContentSource spool(InputStream in, ClientConfig config, ResourceOptions options) {
        Spool spool = new Spool(config.spoolThreshold(), config.tempDirectory());
        try {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (options.cancel() != null) {
                    options.cancel().throwIfCancelled("reading the content to upload");
                }
                spool.write(spool.size(), buf, 0, n);
            }
        } catch (IOException e) {
            spool.close();
            throw new OdpsTransportException("reading the content to upload", e);
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
        return ofSpool(spool, true);
    }
}
