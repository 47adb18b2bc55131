package org.odpsexplorer.sdk.table;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.tunnel.TunnelApi;
import org.odpsexplorer.sdk.internal.tunnel.TunnelSession;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.wire.tunnel.Column;

/**
 * Reads a table's or partition's rows through one tunnel download session, as PyODPS's {@code open_reader()}: the
 * row set is a snapshot taken when the reader was opened ({@link #getCount()} rows; later commits are invisible).
 *
 * <pre>{@code
 * try (RecordReader reader = table.openReader(PartitionSpec.parse("pt=test"))) {
 *     for (Record r : reader) { ... }                                  // all rows, streamed
 *     try (RecordCursor page = reader.read(5_000, 100)) { ... }         // rows 5000..5099 only
 * }
 * }</pre>
 *
 * <p>Streaming: each {@link #read} (and each iteration) is one ranged request whose body is decoded record by
 * record as it arrives, so memory holds one record at a time whatever the range. A connection broken mid-body is
 * resumed from the next undelivered row (up to 3 times, as the Java SDK does). Values that are not valid UTF-8
 * in STRING columns are kept as bytes ({@link org.odpsexplorer.wire.tunnel.OdpsString}), never an error.
 *
 * <p>Thread-safe for opening cursors; each cursor is single-threaded. {@link #close()} closes every cursor still
 * open. Failures are {@link org.odpsexplorer.sdk.model.OdpsException}s.
 */
public final class RecordReader implements Iterable<Record>, AutoCloseable {
    private final TunnelApi tunnel;
    private final String project;
    private final String table;
    private final @Nullable PartitionSpec partition;
    private final TunnelSession session;
    private final Set<RecordCursor> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    RecordReader(TunnelApi tunnel, String project, String table, @Nullable PartitionSpec partition,
                 TunnelSession session) {
        this.tunnel = tunnel;
        this.project = project;
        this.table = table;
        this.partition = partition;
        this.session = session;
    }

    /** Rows in the snapshot (PyODPS {@code reader.count}). */
    public long getCount() {
        return session.recordCount();
    }

    /** The data columns of every record. */
    public List<Column> columns() {
        return session.schema().columns();
    }

    /** The download session id (for logs). */
    public String sessionId() {
        return session.id();
    }

    /** All rows in order, streamed; each call starts a new request. */
    @Override
    public Iterator<Record> iterator() {
        return read(0, getCount());
    }

    /**
     * Rows {@code [start, start + count)} of the snapshot, streamed. Like PyODPS's {@code read(start, count)} and a
     * Python slice, a range running past the end stops at the last row. Close the cursor when stopping early (or
     * close this reader); a cursor read to its end releases its connection by itself.
     *
     * @throws IllegalArgumentException when {@code start} or {@code count} is negative, or {@code start} is past
     *                                  {@link #getCount()}
     * @throws IllegalStateException    after {@link #close()}
     */
    public RecordCursor read(long start, long count) {
        if (closed) {
            throw new IllegalStateException("reader closed");
        }
        if (start < 0 || count < 0 || start > getCount()) {
            throw new IllegalArgumentException("row range (" + start + "," + count + ") outside 0.." + getCount());
        }
        RecordCursor cursor = new RecordCursor(this, start, Math.min(count, getCount() - start));
        open.add(cursor);
        return cursor;
    }

    /** Rows {@code [start, start + count)} as a list: for small pages (a grid's visible rows), not for bulk reads. */
    public List<Record> readPage(long start, long count) {
        List<Record> out = new ArrayList<>((int) Math.min(count, 4096));
        try (RecordCursor cursor = read(start, count)) {
            cursor.forEachRemaining(out::add);
        }
        return out;
    }

    TunnelApi tunnel() {
        return tunnel;
    }

    String project() {
        return project;
    }

    String table() {
        return table;
    }

    @Nullable PartitionSpec partition() {
        return partition;
    }

    TunnelSession session() {
        return session;
    }

    void closed(RecordCursor cursor) {
        open.remove(cursor);
    }

    /** Closes every open cursor; further {@link #read} calls fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (RecordCursor c : List.copyOf(open)) {
            c.close();
        }
    }
}
