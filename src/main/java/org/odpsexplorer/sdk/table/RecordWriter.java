package org.odpsexplorer.sdk.table;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.BodySource;
import org.odpsexplorer.sdk.internal.tunnel.TunnelApi;
import org.odpsexplorer.sdk.internal.tunnel.TunnelSession;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.RecordBatch;
import org.odpsexplorer.wire.tunnel.RecordStreamEncoder;

/**
 * Writes rows into a table or partition through one tunnel upload session, as PyODPS's {@code open_writer()}: rows
 * are encoded as they are written into a local spool file; when a block is full ({@link WriterOptions#blockBytes()}
 * or {@link WriterOptions#blockRows()}) the spool is sent as one block and reused for the next. {@link #close()} sends
 * the last block and commits the session: then, and only then, every row becomes visible at once (appended, or
 * replacing the old rows with {@link WriterOptions#overwrite()}).
 *
 * <pre>{@code
 * try (RecordWriter writer = table.openWriter(PartitionSpec.parse("pt=test"))) {
 *     writer.write(0L, "aaaa");
 *     writer.write(1L, "bbbbb");
 * }                                                  // committed here
 * }</pre>
 *
 * <p>Failure: if a write, a block upload or the commit fails, the writer is aborted (spool deleted, nothing
 * committed) and the exception is thrown; a later {@link #close()} does nothing. Because Java's try-with-resources
 * closes (= commits) before a {@code catch} runs, code that may fail between writes and must not commit what it
 * wrote so far calls {@link #abort()} itself, or uses {@link Table#write(PartitionSpec, WriterOptions, RowSource)}.
 *
 * <p>Memory: one encoded record plus stream buffers; the block lives on disk. Not thread-safe.
 */
public final class RecordWriter implements AutoCloseable {
    /** Block ids the service accepts: 0…19999 ({@code protocol/tunnel.md} §5). */
    private static final long MAX_BLOCKS = 20_000;

    private final TunnelApi tunnel;
    private final String project;
    private final String table;
    private final @Nullable PartitionSpec partition;
    private final TunnelSession session;
    private final WriterOptions options;
    private final List<Column> columns;
    private final List<Long> blocks = new ArrayList<>();
    private @Nullable Path spool;
    private @Nullable CountingStream spoolOut;
    private @Nullable RecordStreamEncoder encoder;
    private long blockRows;
    private long totalRows;
    private boolean done;

    RecordWriter(TunnelApi tunnel, String project, String table, @Nullable PartitionSpec partition,
                 TunnelSession session, WriterOptions options) {
        this.tunnel = tunnel;
        this.project = project;
        this.table = table;
        this.partition = partition;
        this.session = session;
        this.options = options;
        this.columns = session.schema().columns();
    }

    /** An empty record with this table's data columns. */
    public Record newRecord() {
        return new Record(columns);
    }

    /** The data columns rows are written with. */
    public List<Column> columns() {
        return columns;
    }

    /**
     * Writes one row given as values in column order (PyODPS {@code writer.write([0, 'aaaa'])}); fewer values than
     * columns leave the rest NULL. Values are normalised as {@link Record#set} does.
     *
     * @throws IllegalArgumentException when a value does not fit its column (the writer stays usable)
     */
    public void write(@Nullable Object... values) {
        write(newRecord().setAll(Arrays.asList(values)));
    }

    /** Writes one row given as a list of values; see {@link #write(Object...)}. */
    public void write(List<? extends @Nullable Object> values) {
        write(newRecord().setAll(values));
    }

    /**
     * Writes one record. A value outside its column type (e.g. an INT above 2^31) is an
     * {@link IllegalArgumentException} before anything is written; the writer stays usable.
     *
     * @throws IllegalStateException after close or abort
     */
    public void write(Record record) {
        ensureOpen();
        if (record.size() != columns.size()) {
            throw new IllegalArgumentException("record has " + record.size() + " values for " + columns.size()
                    + " columns");
        }
        try {
            if (encoder == null) {
                startBlock();
            }
            Objects.requireNonNull(encoder, "startBlock() sets it").write(record.valuesView());
        } catch (IllegalArgumentException e) {
            // the encoder checks a record completely before writing any byte of it, so the block is intact
            throw e;
        } catch (IOException e) {
            abort();
            throw new OdpsTransportException("spool block " + blocks.size() + " for " + describe(), e);
        }
        blockRows++;
        totalRows++;
        if (Objects.requireNonNull(spoolOut, "set with encoder").count() >= options.blockBytes()
                || blockRows >= options.blockRows()) {
            sendBlock();
        }
    }

    /**
     * Writes every row of {@code batch}: the fast path for bulk writes, without a {@link Record} or value object per
     * row (see {@link RecordBatch}; its values were checked against their column types when set). A block is cut
     * after the batch that fills it. A container value (ARRAY, MAP, STRUCT) that does not fit its type is an
     * {@link IllegalArgumentException}; the rows before it are written and the writer stays usable.
     *
     * @throws IllegalArgumentException when the batch's columns are not the table's
     * @throws IllegalStateException after close or abort
     */
    public void write(RecordBatch batch) {
        ensureOpen();
        if (!batch.columns().equals(columns)) {
            throw new IllegalArgumentException("batch columns " + batch.columns() + " are not the table's "
                    + columns);
        }
        if (batch.size() == 0) {
            return;
        }
        long before = 0;
        try {
            if (encoder == null) {
                startBlock();
            }
            RecordStreamEncoder current = Objects.requireNonNull(encoder, "startBlock() sets it");
            before = current.recordCount();
            current.write(batch);
        } catch (IllegalArgumentException e) {
            RecordStreamEncoder current = encoder;
            long written = current == null ? 0 : current.recordCount() - before;
            blockRows += written;
            totalRows += written;
            throw e;
        } catch (IOException e) {
            abort();
            throw new OdpsTransportException("spool block " + blocks.size() + " for " + describe(), e);
        }
        blockRows += batch.size();
        totalRows += batch.size();
        if (Objects.requireNonNull(spoolOut, "set with encoder").count() >= options.blockBytes()
                || blockRows >= options.blockRows()) {
            sendBlock();
        }
    }

    /** Rows written so far (committed only after {@link #close()}). */
    public long recordCount() {
        return totalRows;
    }

    /** The upload session id (for logs). */
    public String sessionId() {
        return session.id();
    }

    private void startBlock() throws IOException {
        if (blocks.size() >= MAX_BLOCKS) {
            throw new IllegalStateException("upload session is full (" + MAX_BLOCKS + " blocks); raise blockBytes");
        }
        if (spool == null) {
            Path dir = tunnel.config().tempDirectory();
            spool = dir == null ? Files.createTempFile("odps-block-", ".spool")
                    : Files.createTempFile(dir, "odps-block-", ".spool");
        }
        spoolOut = new CountingStream(new BufferedOutputStream(Files.newOutputStream(spool,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 256 * 1024));
        encoder = new RecordStreamEncoder(spoolOut, columns);
        blockRows = 0;
    }

    private void sendBlock() {
        long blockId = blocks.size();
        try {
            Objects.requireNonNull(encoder, "a block is open").close();
            encoder = null;
            spoolOut = null;
            Path file = spool;
            long length = Files.size(file);
            tunnel.putBlock(project, table, partition, session.id(), blockId, new BodySource() {
                @Override
                public long length() {
                    return length;
                }

                @Override
                public @Nullable String md5Hex() {
                    return null; // neither official client sends Content-MD5 on block PUTs (protocol/tunnel.md §2.1)
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    try (InputStream in = Files.newInputStream(file)) {
                        in.transferTo(out);
                    }
                }
            });
            blocks.add(blockId);
        } catch (IOException e) {
            abort();
            throw new OdpsTransportException("spool block " + blockId + " for " + describe(), e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /**
     * Sends the last block and commits: all rows become visible at once. After a failure the session stays
     * uncommitted (nothing visible) and the exception is thrown. Idempotent; does nothing after {@link #abort()}.
     */
    @Override
    public void close() {
        if (done) {
            return;
        }
        if (encoder != null && blockRows > 0) {
            sendBlock();
        }
        try {
            TunnelSession server = tunnel.reloadUpload(project, table, partition, session.id());
            // the Java SDK's check before committing (protocol/tunnel.md §6): the server must hold exactly our blocks
            if (!new HashSet<>(server.blocks()).equals(new HashSet<>(blocks))) {
                throw new OdpsException(0, "BlocksNotMatch", "server holds blocks " + server.blocks()
                        + ", client sent " + blocks, null, "commit " + describe());
            }
            tunnel.commit(project, table, partition, session.id());
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
        done = true;
        deleteSpool();
    }

    /**
     * Abandons the session: the spool file is deleted and nothing is committed, so none of the rows written become
     * visible. Idempotent.
     */
    public void abort() {
        done = true;
        if (encoder != null) {
            try {
                encoder.close();
            } catch (IOException e) {
                // the spool is being thrown away; a failed close of it changes nothing for the caller
            }
            encoder = null;
        }
        deleteSpool();
    }

    private void deleteSpool() {
        if (spool != null) {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                spool.toFile().deleteOnExit(); // a temp file we could not delete now; the JVM retries at exit
            }
            spool = null;
        }
    }

    private void ensureOpen() {
        if (done) {
            throw new IllegalStateException("writer already closed or aborted: " + describe());
        }
    }

    private String describe() {
        return project + "." + table + (partition == null ? "" : " partition " + partition) + " (upload "
                + session.id() + ")";
    }

    /** Counts bytes written, so a block can be cut at its size limit without asking the file system. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        long count() {
            return count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
