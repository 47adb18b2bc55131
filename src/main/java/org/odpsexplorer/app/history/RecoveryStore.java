package org.odpsexplorer.app.history;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.hex.HexPatch;

/**
 * Unsaved editor buffers, kept so a crash or a kill loses nothing: one file per dirty tab ({@code ID.recovery}),
 * replaced atomically ({@link DurableFiles}) each time the tab is journaled, deleted when the tab is saved or closed
 * without saving. A text tab's buffer is stored whole; a hex tab's as a {@link HexPatch} against the version it was
 * opened from (identified by MD5 and size), never the content.
 *
 * <p>File format: magic {@code ODPSREC1}, the fields below in {@link DataOutputStream} form, then a CRC32 of
 * everything before it. A file that fails to parse or whose CRC does not match is listed as corrupt, not thrown.
 *
 * <p>Threads: blocking disk I/O for a worker; safe to call from several threads. A write carries the tab's sequence
 * number, and one older than what was already written for that id (a late worker) is dropped, as is any write for an
 * id that was deleted.
 */
public final class RecoveryStore {
    private static final byte[] MAGIC = "ODPSREC1".getBytes(StandardCharsets.US_ASCII);
    private static final String SUFFIX = ".recovery";

    /** Which editor the buffer came from. */
    public enum Kind { TEXT, HEX }

    /**
     * The version a buffer was based on.
     *
     * @param md5      lowercase hex MD5 ("" when the server did not report one)
     * @param size     bytes
     * @param modified the server's last-modified time in epoch milliseconds, or -1
     */
    public record Base(String md5, long size, long modified) {
        public Base {
            Objects.requireNonNull(md5, "md5 == null");
        }
    }

    /**
     * One recovered buffer.
     *
     * @param id      file name without suffix
     * @param ref     the resource
     * @param mode    the open mode text of the tab ({@code r+}, {@code w}, {@code rb+} …)
     * @param kind    text or hex
     * @param base    the version the edits are based on
     * @param time    when it was journaled
     * @param text    the whole text (TEXT), else null
     * @param patch   the edits (HEX), else null
     * @param problem null, or why the file cannot be used (it is then offered for discarding only)
     */
    public record Recovered(String id, HistoryRef ref, String mode, Kind kind, Base base, Instant time,
                            @Nullable String text, @Nullable HexPatch patch, @Nullable String problem) {
    }

    private final Path dir;
    private final Map<String, Long> written = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();

    public RecoveryStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** A fresh id for a tab that just became dirty. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Writes (replaces) the buffer {@code r.id()} unless a newer {@code sequence} was written already or the id was
     * deleted.
     *
     * @return true when written
     */
    public boolean save(Recovered r, long sequence) throws IOException {
        synchronized (this) {
            Long last = written.get(r.id());
            if (deleted.contains(r.id()) || last != null && last >= sequence) {
                return false;
            }
            written.put(r.id(), sequence);
        }
        byte[] bytes = encode(r);
        // one writer per id at a time, so an older write can't rename over a newer one
        synchronized (lockFor(r.id())) {
            synchronized (this) {
                if (deleted.contains(r.id()) || written.getOrDefault(r.id(), -1L) != sequence) {
                    return false;
                }
            }
            DurableFiles.write(file(r.id()), bytes);
        }
        return true;
    }

    /** Deletes a buffer (saved, or closed without saving); later writes for the id are dropped. */
    public void delete(String id) throws IOException {
        synchronized (this) {
            deleted.add(id);
        }
        synchronized (lockFor(id)) {
            if (Files.deleteIfExists(file(id))) {
                DurableFiles.forceDirectory(dir);
            }
        }
    }

    /** Every buffer on disk, oldest first; unreadable files are included with their problem. */
    public List<Recovered> loadAll() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Recovered> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                out.add(read(f));
            }
        }
        out.sort(Comparator.comparing(Recovered::time));
        return out;
    }

    /** Bytes on disk of one buffer's file, or -1 when there is none (tests: a hex buffer stays small). */
    public long fileSize(String id) throws IOException {
        Path f = file(id);
        return Files.exists(f) ? Files.size(f) : -1;
    }

    private Path file(String id) {
        if (!id.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("bad recovery id " + id);
        }
        return dir.resolve(id + SUFFIX);
    }

    private final Map<String, Object> locks = new HashMap<>();

    private synchronized Object lockFor(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    static byte[] encode(Recovered r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        writeString(out, r.ref().connectionId());
        writeString(out, r.ref().project());
        writeString(out, r.ref().resource());
        writeString(out, r.mode());
        writeString(out, r.kind().name());
        writeString(out, r.base().md5());
        out.writeLong(r.base().size());
        out.writeLong(r.base().modified());
        out.writeLong(r.time().toEpochMilli());
        if (r.kind() == Kind.TEXT) {
            writeString(out, Objects.requireNonNull(r.text(), "text"));
        } else {
            HexPatch patch = Objects.requireNonNull(r.patch(), "patch");
            out.writeLong(patch.baseSize());
            out.writeInt(patch.segments().size());
            for (HexPatch.Segment s : patch.segments()) {
                if (s instanceof HexPatch.Copy c) {
                    out.writeByte('C');
                    out.writeLong(c.start());
                    out.writeLong(c.length());
                } else if (s instanceof HexPatch.Insert i) {
                    byte[] b = i.bytes();
                    out.writeByte('I');
                    out.writeInt(b.length);
                    out.write(b);
                }
            }
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        return bytes.toByteArray();
    }

    private static Recovered read(Path f) {
        String name = f.getFileName().toString();
        String id = name.substring(0, name.length() - SUFFIX.length());
        try {
            byte[] all = Files.readAllBytes(f);
            if (all.length < MAGIC.length + 8) {
                throw new IOException("file too short (" + all.length + " bytes)");
            }
            CRC32 crc = new CRC32();
            crc.update(all, 0, all.length - 8);
            long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
            if (stored != crc.getValue()) {
                throw new IOException("checksum mismatch");
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a recovery file");
            }
            HistoryRef ref = new HistoryRef(readString(in), readString(in), readString(in));
            String mode = readString(in);
            Kind kind = Kind.valueOf(readString(in));
            Base base = new Base(readString(in), in.readLong(), in.readLong());
            Instant time = Instant.ofEpochMilli(in.readLong());
            if (kind == Kind.TEXT) {
                return new Recovered(id, ref, mode, kind, base, time, readString(in), null, null);
            }
            long baseSize = in.readLong();
            int count = in.readInt();
            List<HexPatch.Segment> segments = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int tag = in.readByte();
                if (tag == 'C') {
                    segments.add(new HexPatch.Copy(in.readLong(), in.readLong()));
                } else if (tag == 'I') {
                    segments.add(new HexPatch.Insert(in.readNBytes(in.readInt())));
                } else {
                    throw new IOException("bad segment tag " + tag);
                }
            }
            return new Recovered(id, ref, mode, kind, base, time, null, new HexPatch(baseSize, segments), null);
        } catch (IOException | RuntimeException e) {
            // a damaged file is shown (so it can be discarded) instead of stopping the start-up
            Instant time = Instant.EPOCH;
            try {
                time = Files.getLastModifiedTime(f).toInstant();
            } catch (IOException ignored) {
                // the time is only for display
            }
            return new Recovered(id, new HistoryRef("?", "?", id), "r", Kind.TEXT, new Base("", -1, -1), time,
                    null, null, "unreadable recovery file: " + e.getMessage());
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 512 * 1024 * 1024) {
            throw new IOException("bad string length " + n);
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("file ends inside a field");
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
