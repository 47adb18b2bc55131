package org.odpsexplorer.sdk.table;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.ApiResponse;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.MalformedStreamException;
import org.odpsexplorer.wire.tunnel.RecordBatch;
import org.odpsexplorer.wire.tunnel.RecordStreamDecoder;

/**
 * A streamed row range of a {@link RecordReader}: one ranged tunnel read, decoded record by record. The request is
 * sent on the first {@link #hasNext()}. Single-threaded; {@link #close()} releases the connection (done
 * automatically after the last row). Iteration failures are {@link OdpsException}s.
 */
public final class RecordCursor implements Iterator<Record>, Iterable<Record>, AutoCloseable {
    private static final int MAX_RESUMES = 3;

    private final RecordReader reader;
    private final List<Column> columns;
    private final long start;
    private final long count;
    private long delivered;
    private int resumes;
    private @Nullable ApiResponse response;
    private @Nullable RecordStreamDecoder decoder;
    private @Nullable Record next;
    private boolean closed;

    RecordCursor(RecordReader reader, long start, long count) {
        this.reader = reader;
        this.columns = reader.columns();
        this.start = start;
        this.count = count;
    }

    /** This cursor (so it can sit in a for-each loop); iterating twice continues where it stopped. */
    @Override
    public Iterator<Record> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed || delivered == count) {
            close();
            return false;
        }
        next = fetch();
        return true;
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Record r = Objects.requireNonNull(next, "hasNext() holds it");
        next = null;
        delivered++;
        if (delivered == count) {
            finishStream();
        }
        return r;
    }

    /**
     * Reads the next rows of the range into {@code batch} (up to its free capacity) without a {@link Record} or value
     * object per row: the fast path for bulk reads (see {@link RecordBatch}). Returns the number of rows added, 0 at the
     * end of the range. May be mixed with {@link #next()}; a broken connection is resumed as for {@link #next()}.
     *
     * @throws IllegalArgumentException when the batch's columns are not the reader's
     */
    public int readBatch(RecordBatch batch) {
        if (!batch.columns().equals(columns)) {
            throw new IllegalArgumentException("batch columns " + batch.columns() + " are not the reader's " + columns);
        }
        int start = batch.size();
        if (next != null && !batch.isFull()) {
            batch.addRow(next.valuesView());
            next = null;
            delivered++;
            if (delivered == count) {
                finishStream();
            }
        }
        while (!closed && delivered < count && !batch.isFull()) {
            int before = batch.size();
            try {
                if (decoder == null) {
                    open();
                }
                int n = Objects.requireNonNull(decoder, "open() sets it").readBatch(batch,
                        (int) Math.min(Integer.MAX_VALUE, count - delivered));
                delivered += n;
                if (n == 0) {
                    throw new MalformedStreamException(MalformedStreamException.Reason.COUNT_MISMATCH,
                            "stream ended after " + delivered + " of " + count + " rows", delivered, 0);
                }
            } catch (IOException e) {
                delivered += batch.size() - before; // the rows decoded before the failure are kept
                releaseStream();
                if (resumes++ >= MAX_RESUMES || !resumable(e)) {
                    close();
                    throw new OdpsTransportException(describe(), e);
                }
                continue; // resume from the first row not yet delivered, as next() does
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            if (delivered == count) {
                finishStream();
            }
        }
        if (delivered == count && !closed) {
            close();
        }
        return batch.size() - start;
    }

    /** Rows delivered so far. */
    public long position() {
        return delivered;
    }

    private Record fetch() {
        while (true) {
            try {
                if (decoder == null) {
                    open();
                }
                @Nullable Object[] values = Objects.requireNonNull(decoder, "open() sets it").readValues();
                if (values == null) {
                    throw new MalformedStreamException(MalformedStreamException.Reason.COUNT_MISMATCH,
                            "stream ended after " + delivered + " of " + count + " rows", delivered, 0);
                }
                return new Record(columns, values);
            } catch (IOException e) {
                releaseStream();
                if (resumes++ >= MAX_RESUMES || !resumable(e)) {
                    close();
                    throw new OdpsTransportException(describe(), e);
                }
                // resume from the first row not yet delivered, like the Java SDK's reader
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** A broken connection (I/O error, body cut short) is worth a resume; corrupt data is not. */
    private static boolean resumable(IOException e) {
        return !(e instanceof MalformedStreamException m)
                || m.reason() == MalformedStreamException.Reason.TRUNCATED
                || m.reason() == MalformedStreamException.Reason.MISSING_TRAILER;
    }

    private void open() {
        long from = start + delivered;
        ApiResponse r = reader.tunnel().openRead(reader.project(), reader.table(), reader.partition(),
                reader.session().id(), from, count - delivered);
        response = r;
        decoder = new RecordStreamDecoder(r.body(), columns);
    }

    /** After the last row: the trailer must follow (count and checksum verified), then the connection is released. */
    private void finishStream() {
        try {
            if (decoder != null && decoder.read() != null) {
                throw new OdpsTransportException(describe(), new MalformedStreamException(
                        MalformedStreamException.Reason.COUNT_MISMATCH, "more rows than requested", delivered, 0));
            }
        } catch (IOException e) {
            // every row was delivered and each verified its own CRC; only the trailer is unreadable
            close();
            throw new OdpsTransportException(describe(), e);
        }
        close();
    }

    private String describe() {
        return "read rows (" + (start + delivered) + "," + (count - delivered) + ") of " + reader.project() + "."
                + reader.table() + (reader.partition() == null ? "" : " partition " + reader.partition());
    }

    private void releaseStream() {
        if (response != null) {
            response.close();
        }
        response = null;
        decoder = null;
    }

    /** Releases the connection; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            releaseStream();
            reader.closed(this);
        }
    }
}
