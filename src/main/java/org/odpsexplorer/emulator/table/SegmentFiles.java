package org.odpsexplorer.emulator.table;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.Crc32c;
import org.odpsexplorer.wire.tunnel.DecoderOptions;
import org.odpsexplorer.wire.tunnel.RecordSlice;
import org.odpsexplorer.wire.tunnel.RecordStreamDecoder;
import org.odpsexplorer.wire.tunnel.RecordStreamFormat;

/**
 * The immutable segment files that hold rows. One uploaded block becomes one segment, named by a random id:
 * <ul>
 *   <li>{@code <id>.dat}: the block's validated record slices, concatenated exactly as they came over the wire
 *   (first field tag through record CRC; no trailer);</li>
 *   <li>{@code <id>.idx}: one 8-byte entry per row (int32 LE slice length, int32 LE record CRC), then one int64 LE
 *   byte offset into {@code .dat} for every {@value #CHECKPOINT}-th row (rows 0, K, 2K, ...).</li>
 * </ul>
 * A read of rows {@code [s, s+n)} seeks to checkpoint {@code s / K}, sums at most K-1 lengths to find the start,
 * sums {@code n} lengths and CRCs for the response length and stream checksum, then copies bytes: no row is decoded.
 *
 * <p>Files are written in {@code tmp/}, fsynced, then renamed into {@code segments/} (and the directory fsynced)
 * before any database row references them, so a referenced segment is always complete. Thread-safe: files never
 * change after the rename.
 */
final class SegmentFiles {
    static final int CHECKPOINT = 1024;
    private static final int IO_BUFFER = 64 * 1024;

    private final Path segments;
    private final Path tmp;

    SegmentFiles(Path root) {
        this.segments = root.resolve("segments");
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(segments);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create table storage under " + root, e);
        }
    }

    /** A stored, durable segment. */
    record Stored(String name, long rows, long bytes) {
    }

    /** Rows {@code [localStart, localStart + count)} of segment {@code name}, which holds {@code segmentRows} rows. */
    record Slice(String name, long segmentRows, long localStart, long count) {
    }

    /** A resolved read: byte ranges per segment, totals and the stream checksum of the records. */
    record ReadPlan(List<Piece> pieces, long records, long bytes, int checksum) {
        byte[] trailer() {
            return RecordStreamFormat.trailer(records, checksum);
        }

        /** Length of the raw response: records plus trailer. */
        long streamLength() {
            return bytes + trailer().length;
        }
    }

    record Piece(String name, long segmentRows, long localStart, long count, long byteOffset, long byteLength) {
    }

    /** Receives one stored record: {@code buffer[0, length)} (valid only during the call) and its CRC. */
    @FunctionalInterface
    interface RecordConsumer {
        void accept(byte[] buffer, int length, int crc) throws IOException;
    }

    /**
     * Decodes {@code stream} (already decompressed) with {@code columns}, storing every validated record. Nothing is
     * left behind when the stream is malformed or I/O fails.
     *
     * @throws org.odpsexplorer.wire.tunnel.MalformedStreamException when the stream does not validate
     */
    Stored write(InputStream stream, List<Column> columns, DecoderOptions options) throws IOException {
        String name = UUID.randomUUID().toString().replace("-", "");
        Path tmpDat = tmp.resolve(name + ".dat");
        Path tmpIdx = tmp.resolve(name + ".idx");
        boolean done = false;
        try {
            long rows = 0;
            long offset = 0;
            try (FileChannel datChannel = FileChannel.open(tmpDat, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                 FileChannel idxChannel = FileChannel.open(tmpIdx, StandardOpenOption.CREATE_NEW,
                         StandardOpenOption.WRITE);
                 OutputStream dat = new BufferedOutputStream(Channels.newOutputStream(datChannel), IO_BUFFER);
                 OutputStream idx = new BufferedOutputStream(Channels.newOutputStream(idxChannel), IO_BUFFER)) {
                RecordStreamDecoder decoder = new RecordStreamDecoder(stream, columns, options);
                List<Long> checkpoints = new ArrayList<>();
                byte[] entry = new byte[8];
                for (RecordSlice slice; (slice = decoder.readSlice()) != null; ) {
                    if (rows % CHECKPOINT == 0) {
                        checkpoints.add(offset);
                    }
                    dat.write(slice.bytes());
                    putInt(entry, 0, slice.bytes().length);
                    putInt(entry, 4, slice.crc());
                    idx.write(entry);
                    offset += slice.bytes().length;
                    rows++;
                }
                for (long checkpoint : checkpoints) {
                    putInt(entry, 0, (int) checkpoint);
                    putInt(entry, 4, (int) (checkpoint >>> 32));
                    idx.write(entry);
                }
                dat.flush();
                idx.flush();
                datChannel.force(true);
                idxChannel.force(true);
            }
            Files.move(tmpDat, dat(name), StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpIdx, idx(name), StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(segments);
            done = true;
            return new Stored(name, rows, offset);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmpDat);
                Files.deleteIfExists(tmpIdx);
            }
        }
    }

    /** Resolves the byte ranges of {@code slices} (in read order) and the checksum over their record CRCs. */
    ReadPlan plan(List<Slice> slices) throws IOException {
        List<Piece> pieces = new ArrayList<>();
        Crc32c checksum = new Crc32c();
        long records = 0;
        long bytes = 0;
        ByteBuffer buffer = ByteBuffer.allocate(IO_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        for (Slice s : slices) {
            if (s.count() == 0) {
                continue;
            }
            try (FileChannel idx = FileChannel.open(idx(s.name()), StandardOpenOption.READ)) {
                long checkpointRow = s.localStart() / CHECKPOINT * CHECKPOINT;
                ByteBuffer cp = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                readFully(idx, cp, s.segmentRows() * 8 + (checkpointRow / CHECKPOINT) * 8);
                long start = cp.getLong(0);
                long[] skipped = {0};
                scanEntries(idx, buffer, checkpointRow, s.localStart() - checkpointRow,
                        (length, crc) -> skipped[0] += length);
                long[] length = {0};
                scanEntries(idx, buffer, s.localStart(), s.count(), (len, crc) -> {
                    length[0] += len;
                    checksum.updateInt(crc);
                });
                pieces.add(new Piece(s.name(), s.segmentRows(), s.localStart(), s.count(), start + skipped[0],
                        length[0]));
                records += s.count();
                bytes += length[0];
            }
        }
        return new ReadPlan(pieces, records, bytes, checksum.value());
    }

    /** Writes the plan's records verbatim, then its trailer. */
    void copy(ReadPlan plan, OutputStream out) throws IOException {
        byte[] buffer = new byte[IO_BUFFER];
        for (Piece p : plan.pieces()) {
            try (FileChannel dat = FileChannel.open(dat(p.name()), StandardOpenOption.READ)) {
                long position = p.byteOffset();
                long remaining = p.byteLength();
                ByteBuffer wrap = ByteBuffer.wrap(buffer);
                while (remaining > 0) {
                    wrap.clear().limit((int) Math.min(buffer.length, remaining));
                    int n = dat.read(wrap, position);
                    if (n < 0) {
                        throw new IOException("segment " + p.name() + " shorter than its index");
                    }
                    out.write(buffer, 0, n);
                    position += n;
                    remaining -= n;
                }
            }
        }
        out.write(plan.trailer());
    }

    /** Hands every record of the plan, in order, to {@code consumer}. */
    void forEachRecord(ReadPlan plan, RecordConsumer consumer) throws IOException {
        ByteBuffer entries = ByteBuffer.allocate(IO_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        byte[][] record = {new byte[1024]};
        for (Piece p : plan.pieces()) {
            try (FileChannel idx = FileChannel.open(idx(p.name()), StandardOpenOption.READ);
                 FileChannel datChannel = FileChannel.open(dat(p.name()), StandardOpenOption.READ);
                 InputStream dat = new BufferedInputStream(Channels.newInputStream(
                         datChannel.position(p.byteOffset())), IO_BUFFER)) {
                scanEntries(idx, entries, p.localStart(), p.count(), (length, crc) -> {
                    if (record[0].length < length) {
                        record[0] = new byte[Math.max(length, record[0].length * 2)];
                    }
                    if (dat.readNBytes(record[0], 0, length) != length) {
                        throw new IOException("segment " + p.name() + " shorter than its index");
                    }
                    consumer.accept(record[0], length, crc);
                });
            }
        }
    }

    /** Deletes a segment's files; missing files are fine (a previous attempt may have removed them). */
    void delete(String name) throws IOException {
        Files.deleteIfExists(dat(name));
        Files.deleteIfExists(idx(name));
    }

    /** Names of all segments on disk, and clears {@code tmp/} (leftovers of interrupted writes). */
    Set<String> sweepAndList() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
            }
        }
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(segments)) {
            for (Path p : files) {
                String file = p.getFileName().toString();
                int dot = file.lastIndexOf('.');
                names.add(dot < 0 ? file : file.substring(0, dot));
            }
        }
        return names;
    }

    /** A scratch file for spooling a response; the caller deletes it. */
    Path newTempFile() throws IOException {
        return Files.createTempFile(tmp, "spool-", ".tmp");
    }

    private Path dat(String name) {
        return segments.resolve(name + ".dat");
    }

    private Path idx(String name) {
        return segments.resolve(name + ".idx");
    }

    @FunctionalInterface
    private interface EntryVisitor {
        void visit(int length, int crc) throws IOException;
    }

    /** Reads {@code count} index entries starting at row {@code first}. */
    private static void scanEntries(FileChannel idx, ByteBuffer buffer, long first, long count, EntryVisitor visitor)
            throws IOException {
        long position = first * 8;
        long remaining = count;
        while (remaining > 0) {
            int entries = (int) Math.min(remaining, buffer.capacity() / 8);
            buffer.clear().limit(entries * 8);
            readFully(idx, buffer, position);
            for (int i = 0; i < entries; i++) {
                visitor.visit(buffer.getInt(i * 8), buffer.getInt(i * 8 + 4));
            }
            position += entries * 8L;
            remaining -= entries;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long p = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, p);
            if (n < 0) {
                throw new IOException("index file truncated");
            }
            p += n;
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    /** fsync of a directory makes the renames into it durable (Linux; a no-op elsewhere). */
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
                return; // Windows cannot open directories; NTFS metadata journaling covers the rename
            }
            throw e;
        } catch (UnsupportedOperationException e) {
            // file systems without directory channels: nothing more we can do
        }
    }
}
