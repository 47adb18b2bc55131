package org.odpsexplorer.emulator.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.odpsexplorer.emulator.store.Database;
import org.odpsexplorer.emulator.table.TableStoreException.Reason;
import org.odpsexplorer.wire.tunnel.DecoderOptions;

/**
 * Tunnel upload and download sessions ({@code protocol/tunnel.md} §4–§9) over a {@link TableStore}.
 *
 * <p>Upload: every block is decoded and validated while it streams into a new segment file, which is fsynced and
 * renamed before its row in {@code odps_upload_blocks} commits. Commit is one transaction that turns the session's
 * blocks into segments of the partition (ascending block id) and closes the session: committed rows appear
 * atomically, uncommitted ones never. Download: a session pins the partition's row count and generation; reads
 * address that snapshot (later appends are invisible; an overwrite makes the session's reads fail with
 * {@code STATUS_CONFLICT}). Sessions are stored in the database and survive restarts; they do not expire.
 *
 * <p>Thread-safe.
 */
public final class TunnelStore {
    /** Block ids both SDKs use: 0…19999 ({@code protocol/tunnel.md} §5). */
    public static final long MAX_BLOCK_ID = 19_999;
    /** {@code MaxFieldSize} announced to clients and enforced per value. */
    public static final int MAX_FIELD_SIZE = 8 * 1024 * 1024;

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final DecoderOptions BLOCK_OPTIONS = DecoderOptions.DEFAULTS.withMaxFieldBytes(MAX_FIELD_SIZE)
            .withEnforceNotNull(true);

    private final TableStore tables;
    private final Database db;
    private final SecureRandom random = new SecureRandom();

    public TunnelStore(TableStore tables) {
        this.tables = tables;
        this.db = tables.db;
    }

    /** An upload session; {@code blockIds} are the stored (or, once {@code CLOSED}, committed) block ids. */
    public record UploadSession(String id, TableInfo table, PartitionInfo partition, boolean overwrite, String status,
                                List<Long> blockIds, Instant created) {
        public boolean isClosed() {
            return "CLOSED".equals(status);
        }
    }

    /** A download session over a snapshot of {@code recordCount} rows of one partition generation. */
    public record DownloadSession(String id, TableInfo table, PartitionInfo partition, long generation,
                                  long recordCount, Instant created) {
    }

    public UploadSession createUpload(TableInfo table, PartitionInfo partition, boolean overwrite) {
        String id = newId();
        long now = tables.clock.millis();
        db.update(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO odps_uploads(id, partition_id, overwrite,"
                    + " status, committed_blocks, created_ms) VALUES (?, ?, ?, 'NORMAL', NULL, ?)")) {
                st.setString(1, id);
                st.setLong(2, partition.id());
                st.setInt(3, overwrite ? 1 : 0);
                st.setLong(4, now);
                st.executeUpdate();
            }
        });
        return new UploadSession(id, table, partition, overwrite, "NORMAL", List.of(), Instant.ofEpochMilli(now));
    }

    /**
     * The session {@code id} of this table's {@code partition}.
     *
     * @throws TableStoreException {@code NO_SUCH_UPLOAD} when unknown or belonging to another table / partition
     */
    public UploadSession getUpload(TableInfo table, PartitionInfo partition, String id) {
        return db.read(c -> loadUpload(c, table, partition, id));
    }

    /**
     * Validates {@code stream} (already decompressed) against the table's columns and stores it as block
     * {@code blockId} of the session, replacing an earlier block with that id.
     *
     * @throws org.odpsexplorer.wire.tunnel.MalformedStreamException when the stream does not validate (nothing stored)
     * @throws TableStoreException {@code STATUS_CONFLICT} when the session is no longer open
     */
    public void putBlock(UploadSession session, long blockId, InputStream stream) throws IOException {
        if (session.isClosed()) {
            throw closed(session);
        }
        SegmentFiles.Stored stored = tables.files.write(stream, session.table().schema().columns(), BLOCK_OPTIONS);
        Set<String> candidates = new HashSet<>();
        try {
            db.update(c -> {
                UploadSession current = loadUpload(c, session.table(), session.partition(), session.id());
                if (current.isClosed()) {
                    throw closed(current);
                }
                candidates.addAll(selectFiles(c, "SELECT file FROM odps_upload_blocks WHERE upload_id = ?"
                        + " AND block_id = ?", session.id(), blockId));
                try (PreparedStatement st = c.prepareStatement("INSERT OR REPLACE INTO odps_upload_blocks(upload_id,"
                        + " block_id, row_count, byte_size, file) VALUES (?, ?, ?, ?, ?)")) {
                    st.setString(1, session.id());
                    st.setLong(2, blockId);
                    st.setLong(3, stored.rows());
                    st.setLong(4, stored.bytes());
                    st.setString(5, stored.name());
                    st.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            candidates.add(stored.name());
            throw e;
        } finally {
            tables.deleteUnreferenced(candidates);
        }
    }

    /**
     * Commits every stored block: appends (or, for an overwrite session, replaces) the partition's rows in one
     * transaction and closes the session. Committing a closed session again changes nothing and returns it.
     */
    public UploadSession commit(UploadSession session) {
        Set<String> candidates = new HashSet<>();
        UploadSession result = db.transaction(c -> {
            UploadSession current = loadUpload(c, session.table(), session.partition(), session.id());
            if (current.isClosed()) {
                return current;
            }
            PartitionInfo p = tables.findPartitionById(c, session.partition().id()).orElseThrow(() ->
                    new TableStoreException(Reason.NO_SUCH_PARTITION, "partition was dropped"));
            long generation = p.generation();
            long rows = p.recordCount();
            long bytes = p.size();
            if (current.overwrite()) {
                candidates.addAll(TableStore.files(c, "SELECT file FROM odps_segments WHERE partition_id = ?",
                        p.id()));
                try (PreparedStatement st = c.prepareStatement("DELETE FROM odps_segments WHERE partition_id = ?")) {
                    st.setLong(1, p.id());
                    st.executeUpdate();
                }
                generation++;
                rows = 0;
                bytes = 0;
            }
            try (PreparedStatement blocks = c.prepareStatement("SELECT block_id, row_count, byte_size, file"
                    + " FROM odps_upload_blocks WHERE upload_id = ? ORDER BY block_id");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO odps_segments(partition_id, generation,"
                         + " first_row, row_count, byte_size, file) VALUES (?, ?, ?, ?, ?, ?)")) {
                blocks.setString(1, session.id());
                try (ResultSet rs = blocks.executeQuery()) {
                    while (rs.next()) {
                        long blockRows = rs.getLong(2);
                        if (blockRows == 0) {
                            candidates.add(rs.getString(4));
                            continue;
                        }
                        insert.setLong(1, p.id());
                        insert.setLong(2, generation);
                        insert.setLong(3, rows);
                        insert.setLong(4, blockRows);
                        insert.setLong(5, rs.getLong(3));
                        insert.setString(6, rs.getString(4));
                        insert.executeUpdate();
                        rows += blockRows;
                        bytes += rs.getLong(3);
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE odps_partitions SET generation = ?, row_count = ?,"
                    + " byte_size = ?, modified_ms = ? WHERE id = ?")) {
                st.setLong(1, generation);
                st.setLong(2, rows);
                st.setLong(3, bytes);
                st.setLong(4, tables.clock.millis());
                st.setLong(5, p.id());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE odps_uploads SET status = 'CLOSED',"
                    + " committed_blocks = ? WHERE id = ?")) {
                st.setString(1, TableStore.json(current.blockIds()));
                st.setString(2, session.id());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM odps_upload_blocks WHERE upload_id = ?")) {
                st.setString(1, session.id());
                st.executeUpdate();
            }
            return loadUpload(c, session.table(), session.partition(), session.id());
        });
        tables.deleteUnreferenced(candidates);
        return result;
    }

    public DownloadSession createDownload(TableInfo table, PartitionInfo partition) {
        String id = newId();
        long now = tables.clock.millis();
        // a download session lost to a power cut costs the client one new session: no sync at commit
        return db.transaction(Database.Durability.RELAXED, c -> {
            PartitionInfo p = tables.findPartitionById(c, partition.id()).orElseThrow(() ->
                    new TableStoreException(Reason.NO_SUCH_PARTITION, "partition was dropped"));
            try (PreparedStatement st = c.prepareStatement("INSERT INTO odps_downloads(id, partition_id, generation,"
                    + " row_count, created_ms) VALUES (?, ?, ?, ?, ?)")) {
                st.setString(1, id);
                st.setLong(2, p.id());
                st.setLong(3, p.generation());
                st.setLong(4, p.recordCount());
                st.setLong(5, now);
                st.executeUpdate();
            }
            return new DownloadSession(id, table, p, p.generation(), p.recordCount(), Instant.ofEpochMilli(now));
        });
    }

    /**
     * @throws TableStoreException {@code NO_SUCH_DOWNLOAD} when unknown or belonging to another table / partition
     */
    public DownloadSession getDownload(TableInfo table, PartitionInfo partition, String id) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT partition_id, generation, row_count, created_ms"
                    + " FROM odps_downloads WHERE id = ?")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next() || rs.getLong(1) != partition.id()) {
                        throw new TableStoreException(Reason.NO_SUCH_DOWNLOAD, "download session " + id
                                + " not found for this table / partition");
                    }
                    return new DownloadSession(id, table, partition, rs.getLong(2), rs.getLong(3),
                            Instant.ofEpochMilli(rs.getLong(4)));
                }
            }
        });
    }

    /**
     * Plans the read of rows {@code [start, start + count)} of the session's snapshot.
     *
     * @throws TableStoreException {@code INVALID_ROW_RANGE} outside the snapshot, {@code STATUS_CONFLICT} when an
     *                             overwrite replaced the snapshot's rows
     */
    public RowRead read(DownloadSession session, long start, long count) throws IOException {
        if (start < 0 || count < 0 || start > session.recordCount() || count > session.recordCount() - start) {
            throw new TableStoreException(Reason.INVALID_ROW_RANGE, "row range (" + start + "," + count
                    + ") outside the " + session.recordCount() + " records of the session");
        }
        List<SegmentFiles.Slice> slices = db.read(c -> {
            Optional<PartitionInfo> p = tables.findPartitionById(c, session.partition().id());
            if (p.isEmpty() || p.get().generation() != session.generation()) {
                throw new TableStoreException(Reason.STATUS_CONFLICT, "the table or partition was modified (overwritten"
                        + " or dropped) after the download session was created");
            }
            List<SegmentFiles.Slice> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT first_row, row_count, file FROM odps_segments"
                    + " WHERE partition_id = ? AND generation = ? AND first_row < ? AND first_row + row_count > ?"
                    + " ORDER BY first_row")) {
                st.setLong(1, session.partition().id());
                st.setLong(2, session.generation());
                st.setLong(3, start + count);
                st.setLong(4, start);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long first = rs.getLong(1);
                        long rows = rs.getLong(2);
                        long from = Math.max(start, first);
                        long to = Math.min(start + count, first + rows);
                        out.add(new SegmentFiles.Slice(rs.getString(3), rows, from - first, to - from));
                    }
                }
            }
            return out;
        });
        return new RowRead(tables.files, tables.files.plan(slices));
    }

    /**
     * Plans the read of the first {@code count} rows of a data set as it is now (no session is stored): the table
     * preview.
     */
    public RowRead head(TableInfo table, PartitionInfo partition, long count) throws IOException {
        DownloadSession snapshot = new DownloadSession("preview", table, partition, partition.generation(),
                partition.recordCount(), Instant.ofEpochMilli(tables.clock.millis()));
        return read(snapshot, 0, Math.min(count, partition.recordCount()));
    }

    /** A scratch file in the table storage for spooling a response; the caller deletes it. */
    public Path newSpoolFile() throws IOException {
        return tables.files.newTempFile();
    }

    private UploadSession loadUpload(Connection c, TableInfo table, PartitionInfo partition, String id)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT partition_id, overwrite, status, committed_blocks,"
                + " created_ms FROM odps_uploads WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != partition.id()) {
                    throw new TableStoreException(Reason.NO_SUCH_UPLOAD, "upload session " + id
                            + " not found for this table / partition");
                }
                String status = rs.getString(3);
                List<Long> blocks = new ArrayList<>();
                String committed = rs.getString(4);
                if (committed != null) {
                    try {
                        for (long b : TableStore.JSON.readValue(committed, long[].class)) {
                            blocks.add(b);
                        }
                    } catch (JsonProcessingException e) {
                        throw new SQLException("corrupt block list of upload " + id, e);
                    }
                } else {
                    try (PreparedStatement q = c.prepareStatement("SELECT block_id FROM odps_upload_blocks"
                            + " WHERE upload_id = ? ORDER BY block_id")) {
                        q.setString(1, id);
                        try (ResultSet b = q.executeQuery()) {
                            while (b.next()) {
                                blocks.add(b.getLong(1));
                            }
                        }
                    }
                }
                return new UploadSession(id, table, partition, rs.getInt(2) != 0, status, blocks,
                        Instant.ofEpochMilli(rs.getLong(5)));
            }
        }
    }

    private static List<String> selectFiles(Connection c, String sql, String id, long blockId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, id);
            st.setLong(2, blockId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static TableStoreException closed(UploadSession s) {
        return new TableStoreException(Reason.STATUS_CONFLICT, "upload session " + s.id() + " is " + s.status());
    }

    private String newId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return ID_TIME.format(tables.clock.instant()) + HexFormat.of().formatHex(bytes);
    }
}
