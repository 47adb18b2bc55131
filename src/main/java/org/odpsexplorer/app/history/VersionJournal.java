package org.odpsexplorer.app.history;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.hex.ByteSource;
import org.odpsexplorer.wire.Md5;

/**
 * The local version journal: every version a save from the app replaced or wrote, kept on disk.
 *
 * <p>Layout under the root folder:
 * <pre>
 *   blobs/ab/abcdef…          content, named by its MD5 (stored once however many versions share it)
 *   blobs/ab/abcdef….gz       the same, gzip-compressed (versions of {@value #COMPRESS_FROM} bytes and more)
 *   entries/CONN/PROJECT/RESOURCE/0001733…-1a2b.version
 *                             one small properties file per version: time, size, md5, author, action, stored
 * </pre>
 * Every file is written through {@link DurableFiles} (temp file, fsync, rename, fsync of the directory), and a
 * version's content is written before its entry, so a kill leaves complete entries only; at worst an orphan blob
 * or a {@code .tmp} file, which the next eviction or scan ignores. An entry that cannot be parsed is listed with a
 * problem; content that is missing or whose MD5 no longer matches is reported when read
 * ({@link CorruptVersionException}), never fatal.
 *
 * <p>Eviction: when the kept content exceeds {@link JournalLimits#maxTotalBytes()}, the oldest versions are deleted
 * first (a blob goes when no remaining entry uses it). The version being recorded is never evicted by its own write.
 *
 * <p>Threads: all methods are blocking disk I/O for a worker thread, and synchronized (one journal per app).
 */
public final class VersionJournal {
    /** Versions of at least this size are stored gzip-compressed. */
    public static final long COMPRESS_FROM = 1024 * 1024;
    private static final String ENTRY_SUFFIX = ".version";
    private static final AtomicLong LAST_ID_TIME = new AtomicLong();

    private final Path root;
    private JournalLimits limits;
    /** All entries by time, loaded on first use; null until then. */
    private @Nullable List<Version> entries;
    private final Map<String, Long> blobBytes = new HashMap<>();

    public VersionJournal(Path root, JournalLimits limits) {
        this.root = root;
        this.limits = Objects.requireNonNull(limits, "limits == null");
    }

    public Path root() {
        return root;
    }

    public synchronized JournalLimits limits() {
        return limits;
    }

    /** New limits; evicts at once when the total limit shrank. */
    public synchronized void setLimits(JournalLimits value) throws IOException {
        this.limits = Objects.requireNonNull(value, "limits == null");
        load();
        evict(null);
    }

    /**
     * Records a version with its content: streams {@code content} once (computing its MD5, compressing large ones)
     * unless a blob with {@code knownMd5} is already kept. Content above the per-version limit is not read; the
     * entry keeps its metadata with {@link Version.Stored#SKIPPED}.
     *
     * @param knownMd5 the server's MD5 of this content when known (lets an already kept blob be reused unread)
     * @throws IOException when the journal folder cannot be written (full, read-only); nothing half-written stays
     */
    public synchronized Version record(HistoryRef ref, VersionAction action, @Nullable String author,
                                       ByteSource content, @Nullable String knownMd5) throws IOException {
        load();
        long size = content.size();
        String md5 = knownMd5 == null ? null : knownMd5.toLowerCase(Locale.ROOT);
        Version.Stored stored;
        if (size > limits.maxVersionBytes()) {
            stored = Version.Stored.SKIPPED;
            if (md5 == null) {
                md5 = md5Of(content);
            }
        } else if (md5 != null && blobPath(md5) != null) {
            stored = Files.exists(blobFile(md5, true)) ? Version.Stored.COMPRESSED : Version.Stored.RAW;
        } else {
            boolean compress = size >= COMPRESS_FROM;
            md5 = writeBlob(content, compress);
            stored = compress ? Version.Stored.COMPRESSED : Version.Stored.RAW;
        }
        Version v = new Version(newId(), ref, Instant.now(), size, md5, author, action, stored, null);
        writeEntry(v);
        Objects.requireNonNull(entries).add(v);
        evict(v);
        return v;
    }

    /** Records a version whose content is not kept (e.g. a failed read of the server copy); metadata only. */
    public synchronized Version recordMetadata(HistoryRef ref, VersionAction action, @Nullable String author,
                                               long size, String md5) throws IOException {
        load();
        String lower = md5.toLowerCase(Locale.ROOT);
        Version.Stored stored = blobPath(lower) == null ? Version.Stored.SKIPPED
                : Files.exists(blobFile(lower, true)) ? Version.Stored.COMPRESSED : Version.Stored.RAW;
        Version v = new Version(newId(), ref, Instant.now(), size, lower, author, action, stored, null);
        writeEntry(v);
        Objects.requireNonNull(entries).add(v);
        return v;
    }

    /** The versions of one resource, oldest first; broken entries are included with their problem. */
    public synchronized List<Version> list(HistoryRef ref) throws IOException {
        load();
        List<Version> out = new ArrayList<>();
        for (Version v : Objects.requireNonNull(entries)) {
            if (v.ref().equals(ref)) {
                out.add(v.hasContent() && blobPath(v.md5()) == null
                        ? withProblem(v, "content missing (deleted outside the app)") : v);
            }
        }
        return out;
    }

    /** The newest healthy version of a resource, or null. */
    public synchronized @Nullable Version latest(HistoryRef ref) throws IOException {
        List<Version> all = list(ref);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).problem() == null) {
                return all.get(i);
            }
        }
        return null;
    }

    /** Every entry of every resource, oldest first (for the crash tests and the settings' usage line). */
    public synchronized List<Version> all() throws IOException {
        load();
        return List.copyOf(Objects.requireNonNull(entries));
    }

    /** Bytes on disk used by kept content. */
    public synchronized long totalBytes() throws IOException {
        load();
        return blobBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** True when content with this MD5 is kept. */
    public synchronized boolean hasContent(String md5) throws IOException {
        load();
        return blobPath(md5.toLowerCase(Locale.ROOT)) != null;
    }

    /**
     * Copies a version's content to {@code out}, checking it against its MD5 on the way; the caller closes
     * {@code out}. Blocking.
     *
     * @throws CorruptVersionException when the content is not kept, missing or does not match its MD5 (the bytes
     *                                 already written to {@code out} must then be thrown away)
     */
    public void read(Version version, OutputStream out) throws IOException {
        if (!version.hasContent()) {
            throw new CorruptVersionException(version, version.problem() != null ? version.problem()
                    : "content not kept (larger than the per-version limit)");
        }
        Path blob;
        synchronized (this) {
            load();
            blob = blobPath(version.md5());
        }
        if (blob == null) {
            throw new CorruptVersionException(version, "content missing");
        }
        MessageDigest digest = Md5.newDigest();
        long copied = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(blob), 64 * 1024);
             InputStream in = blob.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 64 * 1024) : raw) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
                out.write(buf, 0, n);
                copied += n;
            }
        } catch (ZipException | EOFException e) {
            throw new CorruptVersionException(version, "content torn: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new CorruptVersionException(version, "content missing");
        }
        String actual = Md5.hex(digest);
        if (!actual.equals(version.md5()) || copied != version.size()) {
            throw new CorruptVersionException(version, "content corrupt: MD5 " + actual + ", " + copied + " bytes");
        }
    }

    /** Reads a version's content into memory (versions up to the per-version limit; for compare and restore). */
    public byte[] readAll(Version version) throws IOException {
        if (version.size() > Integer.MAX_VALUE - 16) {
            throw new IOException(version.size() + " bytes do not fit in memory");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) version.size());
        read(version, out);
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- storage

    private String writeBlob(ByteSource content, boolean compress) throws IOException {
        Path blobs = root.resolve("blobs");
        Files.createDirectories(blobs);
        Path tmp = Files.createTempFile(blobs, ".blob", DurableFiles.TEMP_SUFFIX);
        try {
            MessageDigest digest = Md5.newDigest();
            try (FileChannel ch = FileChannel.open(tmp,
                    StandardOpenOption.WRITE)) {
                OutputStream file = new BufferedOutputStream(Channels.newOutputStream(ch),
                        64 * 1024);
                OutputStream packed = compress ? new GZIPOutputStream(file, 64 * 1024) : file;
                try (DigestOutputStream out = new DigestOutputStream(packed, digest) {
                    @Override
                    public void close() throws IOException {
                        flush();
                        if (packed instanceof GZIPOutputStream gz) {
                            gz.finish();
                        }
                        file.flush();
                    }
                }) {
                    copy(content, out);
                }
                ch.force(true);
            }
            String md5 = Md5.hex(digest);
            Path target = blobFile(md5, compress);
            Files.createDirectories(target.getParent());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.forceDirectory(parent(target));
            Path other = blobFile(md5, !compress);
            Long previous = blobBytes.put(md5, Files.size(target));
            if (previous != null && Files.deleteIfExists(other)) {
                DurableFiles.forceDirectory(parent(other));
            }
            return md5;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void copy(ByteSource content, OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long size = content.size();
        for (long pos = 0; pos < size; ) {
            int n = content.read(pos, buf, 0, (int) Math.min(buf.length, size - pos));
            if (n <= 0) {
                throw new IOException("content ended at " + pos + " of " + size);
            }
            out.write(buf, 0, n);
            pos += n;
        }
    }

    private static String md5Of(ByteSource content) throws IOException {
        MessageDigest digest = Md5.newDigest();
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            copy(content, out);
        }
        return Md5.hex(digest);
    }

    private void writeEntry(Version v) throws IOException {
        Properties p = new Properties();
        p.setProperty("connection", v.ref().connectionId());
        p.setProperty("project", v.ref().project());
        p.setProperty("resource", v.ref().resource());
        p.setProperty("time", v.time().toString());
        p.setProperty("size", Long.toString(v.size()));
        p.setProperty("md5", v.md5());
        if (v.author() != null) {
            p.setProperty("author", v.author());
        }
        p.setProperty("action", v.action().name());
        p.setProperty("stored", v.stored().name());
        StringWriter text = new StringWriter();
        p.store(text, "ODPS Explorer version");
        DurableFiles.write(entryFile(v.ref(), v.id()), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Path entryDir(HistoryRef ref) {
        return root.resolve("entries").resolve(encode(ref.connectionId())).resolve(encode(ref.project()))
                .resolve(encode(ref.resource()));
    }

    private Path entryFile(HistoryRef ref, String id) {
        return entryDir(ref).resolve(id + ENTRY_SUFFIX);
    }

    private Path blobFile(String md5, boolean compressed) {
        return root.resolve("blobs").resolve(md5.length() >= 2 ? md5.substring(0, 2) : "00")
                .resolve(compressed ? md5 + ".gz" : md5);
    }

    private @Nullable Path blobPath(String md5) {
        if (!blobBytes.containsKey(md5)) {
            return null;
        }
        Path gz = blobFile(md5, true);
        return Files.exists(gz) ? gz : blobFile(md5, false);
    }

    /** Scans the folder once: entries (parsed or flagged) and blobs with their sizes. */
    private void load() throws IOException {
        if (entries != null) {
            return;
        }
        List<Version> found = new ArrayList<>();
        Path entriesDir = root.resolve("entries");
        if (Files.isDirectory(entriesDir)) {
            try (Stream<Path> files = Files.walk(entriesDir, 4)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(ENTRY_SUFFIX)).toList()) {
                    found.add(parseEntry(f));
                }
            }
        }
        found.sort(Comparator.comparing(Version::id));
        Path blobs = root.resolve("blobs");
        if (Files.isDirectory(blobs)) {
            try (Stream<Path> files = Files.walk(blobs, 2)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(DurableFiles.TEMP_SUFFIX) || name.startsWith(".")) {
                        continue;
                    }
                    blobBytes.merge(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name,
                            Files.size(f), Long::sum);
                }
            }
        }
        entries = found;
    }

    /** The folder of a path under the journal's root, which always has one. */
    private static Path parent(Path p) {
        return Objects.requireNonNull(p.getParent(), "under the journal root");
    }

    private Version parseEntry(Path f) {
        String file = f.getFileName().toString();
        String id = file.substring(0, file.length() - ENTRY_SUFFIX.length());
        Path resourceDir = parent(f);
        HistoryRef ref = new HistoryRef(decode(parent(parent(resourceDir)).getFileName().toString()),
                decode(parent(resourceDir).getFileName().toString()), decode(resourceDir.getFileName().toString()));
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(f, StandardCharsets.UTF_8)));
            return new Version(id, new HistoryRef(required(p, "connection"), required(p, "project"),
                    required(p, "resource")), Instant.parse(required(p, "time")), Long.parseLong(required(p, "size")),
                    required(p, "md5"), p.getProperty("author"), VersionAction.parse(required(p, "action")),
                    Version.Stored.valueOf(required(p, "stored")), null);
        } catch (IOException | RuntimeException e) {
            // one bad file must not hide the rest of the history: it is listed with what is wrong
            return new Version(id, ref, idTime(id), 0, "", null, VersionAction.SAVE, Version.Stored.SKIPPED,
                    "corrupt entry: " + e.getMessage());
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }

    private void evict(@Nullable Version keep) throws IOException {
        List<Version> all = Objects.requireNonNull(entries);
        long total = blobBytes.values().stream().mapToLong(Long::longValue).sum();
        for (int i = 0; total > limits.maxTotalBytes() && i < all.size(); ) {
            Version oldest = all.get(i);
            if (oldest == keep || oldest.stored() == Version.Stored.SKIPPED || oldest.problem() != null
                    || keep != null && oldest.md5().equals(keep.md5())) {
                i++;
                continue;
            }
            Files.deleteIfExists(entryFile(oldest.ref(), oldest.id()));
            all.remove(i);
            String md5 = oldest.md5();
            if (all.stream().noneMatch(v -> v.md5().equals(md5) && v.stored() != Version.Stored.SKIPPED)) {
                Long bytes = blobBytes.remove(md5);
                Files.deleteIfExists(blobFile(md5, true));
                Files.deleteIfExists(blobFile(md5, false));
                total -= bytes == null ? 0 : bytes;
            }
        }
    }

    private static Version withProblem(Version v, String problem) {
        return new Version(v.id(), v.ref(), v.time(), v.size(), v.md5(), v.author(), v.action(), v.stored(), problem);
    }

    private static String newId() {
        long now = System.currentTimeMillis() * 1000;
        long t = LAST_ID_TIME.updateAndGet(last -> Math.max(last + 1, now));
        return String.format("%016d-%04x", t, ThreadLocalRandom.current().nextInt(0x10000));
    }

    private static Instant idTime(String id) {
        try {
            long micros = Long.parseLong(id.substring(0, id.indexOf('-')));
            return Instant.ofEpochMilli(micros / 1000);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** A version whose content cannot be read back: not kept, missing, torn or not matching its MD5. */
    public static final class CorruptVersionException extends IOException {
        private final transient Version version;

        public CorruptVersionException(Version version, String why) {
            super(version.ref() + " version " + version.id() + ": " + why);
            this.version = version;
        }

        public Version version() {
            return version;
        }
    }
}
