package org.odpsexplorer.app.archive;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.ResourceChannel;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.ResourceOptions;

/**
 * Reads an archive resource without downloading it: zip-family archives through their central directory (end of
 * the file first, then only the directory's blocks, via {@link ResourceChannel}); tar and tar.gz by streaming once.
 * Entry data is only read for a preview (at most {@link #PREVIEW_LIMIT} bytes) or an extraction, so a zip bomb costs
 * nothing to list. A damaged archive yields what could be read plus a message with the byte offset; a zip whose
 * central directory is unreadable is scanned from its local headers instead.
 *
 * <p>Blocking: call from a worker. One operation at a time (methods are synchronized). Keeps the zip's directory
 * open between calls; {@link #close()} releases it. Failures of the server surface as the SDK's exceptions,
 * cancellation (the options' signal) as {@code TransferCancelledException}.
 */
public final class ArchiveReader implements AutoCloseable {
    /** Bytes a preview shows at most. */
    public static final int PREVIEW_LIMIT = 4 * 1024 * 1024;
    /** Declared size over stored size above which an entry is reported as a possible zip bomb. */
    public static final double BOMB_RATIO = 100;
    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final int MANIFEST_LIMIT = 1024 * 1024;

    /** An entry's first bytes. {@code truncated}: the entry has more than {@link #PREVIEW_LIMIT} bytes. */
    public record Preview(ArchiveEntry entry, byte[] bytes, boolean truncated) {
    }

    /** What an extraction wrote, and the entries it refused with the reason. */
    public record Extracted(int files, int folders, long bytes, List<String> refused) {
    }

    /** Progress of an extraction: bytes written so far of the selected entries' declared total. Worker thread. */
    @FunctionalInterface
    public interface Progress {
        void written(long done, long total);
    }

    private final Odps odps;
    private final String name;
    private final ArchiveFormat format;
    private @Nullable ZipFile zip;
    private List<ZipArchiveEntry> zipEntries = List.of();

    /** {@code format}: from {@link ArchiveFormat#fromName} or {@link #sniff}. */
    public ArchiveReader(Odps odps, String name, ArchiveFormat format) {
        this.odps = odps;
        this.name = name;
        this.format = format;
    }

    public String name() {
        return name;
    }

    public ArchiveFormat format() {
        return format;
    }

    /** The format a resource's first bytes show (one meta GET and one small ranged GET), or null. */
    public static @Nullable ArchiveFormat sniff(Odps odps, String name) throws IOException {
        try (ResourceChannel channel = odps.openResourceChannel(name, ResourceOptions.defaults())) {
            ByteBuffer head = ByteBuffer.allocate(512);
            while (head.hasRemaining() && channel.read(head) > 0) {
                // fill what the content has, up to 512 bytes
            }
            return ArchiveFormat.sniff(head.array(), head.position());
        }
    }

    // ---------------------------------------------------------------- listing

    /** Lists the entries; {@code options} carry progress (bytes fetched) and cancel. */
    public synchronized ArchiveListing list(ResourceOptions options) throws IOException {
        closeZip();
        return format == ArchiveFormat.ZIP ? listZip(options) : streamList(options, null);
    }

    private ArchiveListing listZip(ResourceOptions options) throws IOException {
        ResourceChannel channel = odps.openResourceChannel(name, options);
        ZipFile opened;
        try {
            // the local headers are not read up front: only the end record and the central directory are fetched
            opened = ZipFile.builder().setSeekableByteChannel(channel).setIgnoreLocalFileHeader(true).get();
        } catch (IOException e) {
            channel.close();
            return streamList(options, "The central directory could not be read (" + describe(e)
                    + "); the entries below were found by scanning the local headers. ");
        } catch (RuntimeException e) {
            channel.close(); // the server failed or the user cancelled: not the archive's fault
            throw e;
        }
        zip = opened;
        zipEntries = Collections.list(opened.getEntries());
        List<ArchiveEntry> entries = new ArrayList<>(zipEntries.size());
        for (int i = 0; i < zipEntries.size(); i++) {
            entries.add(toEntry(i, zipEntries.get(i)));
        }
        List<String> notices = new ArrayList<>();
        Map<String, String> manifest = readManifest(opened, notices);
        notices.addAll(bombNotices(entries));
        return new ArchiveListing(format, entries, manifest, notices, null);
    }

    private Map<String, String> readManifest(ZipFile opened, List<String> notices) {
        ZipArchiveEntry m = opened.getEntry(MANIFEST);
        if (m == null || m.isDirectory()) {
            return Map.of();
        }
        if (m.getSize() > MANIFEST_LIMIT || !opened.canReadEntryData(m)) {
            notices.add("The manifest was not read (larger than 1 MB or stored in an unsupported way).");
            return Map.of();
        }
        try (InputStream in = opened.getInputStream(m)) {
            byte[] bytes = in.readNBytes(MANIFEST_LIMIT);
            Manifest manifest = new Manifest(new ByteArrayInputStream(bytes));
            Map<String, String> out = new HashMap<>();
            for (Map.Entry<Object, Object> a : manifest.getMainAttributes().entrySet()) {
                out.put(((Attributes.Name) a.getKey()).toString(), String.valueOf(a.getValue()));
            }
            return out;
        } catch (IOException e) {
            notices.add("The manifest could not be read: " + describe(e));
            return Map.of();
        }
    }

    private static ArchiveEntry toEntry(int ordinal, ZipArchiveEntry e) {
        long time = e.getTime();
        return new ArchiveEntry(ordinal, e.getName(), e.isDirectory(), e.isUnixSymlink(), e.getSize(),
                e.getCompressedSize(), time < 0 ? null : Instant.ofEpochMilli(time), -1);
    }

    private ArchiveEntry toEntry(int ordinal, TarArchiveEntry e, long dataOffset) {
        Instant modified = e.getLastModifiedTime() == null ? null : e.getLastModifiedTime().toInstant();
        return new ArchiveEntry(ordinal, e.getName(), e.isDirectory(), e.isSymbolicLink() || e.isLink(), e.getSize(),
                e.getSize(), modified, format == ArchiveFormat.TAR ? dataOffset : -1);
    }

    static List<String> bombNotices(List<ArchiveEntry> entries) {
        List<ArchiveEntry> suspicious = entries.stream().filter(e -> e.ratio() >= BOMB_RATIO)
                .sorted(Comparator.comparingDouble(ArchiveEntry::ratio).reversed()).toList();
        if (suspicious.isEmpty()) {
            return List.of();
        }
        ArchiveEntry worst = suspicious.get(0);
        return List.of(suspicious.size() + " entr" + (suspicious.size() == 1 ? "y declares" : "ies declare")
                + " a compression ratio of " + (int) BOMB_RATIO + ":1 or more (largest: " + worst.path() + ", "
                + Sizes.text(worst.size()) + " from " + Sizes.text(worst.compressedSize()) + ", "
                + Math.round(worst.ratio()) + ":1). Nothing is inflated unless you preview or extract it; previews stop at "
                + Sizes.text(PREVIEW_LIMIT) + ".");
    }

    /**
     * Streams the archive once from the start (tar, tar.gz, or a zip by its local headers), collecting the entries;
     * damage ends the listing with a problem naming the offset.
     */
    private ArchiveListing streamList(ResourceOptions options, @Nullable String zipPreamble) throws IOException {
        List<ArchiveEntry> entries = new ArrayList<>();
        String problem = null;
        try (Counting counted = new Counting(odps.openResourceStream(name, 0, options));
             ArchiveInputStream<?> in = open(counted, zipPreamble != null)) {
            try {
                for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    checkCancel(options);
                    // right after its header, an uncompressed tar stands at the entry's data
                    entries.add(e instanceof TarArchiveEntry t ? toEntry(entries.size(), t, in.getBytesRead())
                            : toEntry(entries.size(), (ZipArchiveEntry) e));
                }
            } catch (IOException e) {
                problem = damage(in, counted, entries.size(), e);
            }
            if (problem == null && zipPreamble != null) {
                // the scanner stops quietly at an end of file where a header should start, so a zip cut between
                // two entries would otherwise look whole: its central directory is unreadable, so it is damaged
                int n = entries.size();
                problem = "The archive is damaged or truncated at byte " + counted.count + ": scanning the local "
                        + "headers stopped after " + n + " entr" + (n == 1 ? "y" : "ies")
                        + " without reaching a readable central directory.";
            }
        }
        if (zipPreamble != null) {
            problem = zipPreamble + (problem == null ? "" : problem);
        }
        return new ArchiveListing(format, entries, Map.of(), bombNotices(entries), problem);
    }

    private ArchiveInputStream<?> open(Counting counted, boolean zipScan) throws IOException {
        if (zipScan) {
            return new ZipArchiveInputStream(counted, "UTF-8", true, true);
        }
        InputStream body = format == ArchiveFormat.TAR_GZ ? new GzipCompressorInputStream(counted, true) : counted;
        return new TarArchiveInputStream(body);
    }

    private String damage(ArchiveInputStream<?> in, Counting counted, int readSoFar, IOException e) {
        String where = in instanceof TarArchiveInputStream && format == ArchiveFormat.TAR_GZ
                ? "at byte " + in.getBytesRead() + " of the uncompressed tar (byte " + counted.count
                + " of the file)"
                : "at byte " + (in instanceof TarArchiveInputStream ? in.getBytesRead() : counted.count);
        return "The archive is damaged or truncated " + where + " after " + readSoFar + " entr"
                + (readSoFar == 1 ? "y" : "ies") + ": " + describe(e);
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e instanceof EOFException ? "unexpected end of data" : e.getClass().getSimpleName();
        }
        return message;
    }

    // ---------------------------------------------------------------- preview

    /**
     * The first {@link #PREVIEW_LIMIT} bytes of an entry of the last listing, inflated. Zip entries are read through
     * the central directory (a few ranged GETs); an uncompressed tar entry from its data offset; tar.gz (and a zip
     * listed by scanning) stream from the start up to the entry.
     */
    public synchronized Preview preview(ArchiveEntry entry, ResourceOptions options) throws IOException {
        if (entry.directory() || entry.link()) {
            throw new IllegalArgumentException(entry.path() + " is a " + (entry.directory() ? "folder" : "link")
                    + ", not a file");
        }
        ZipFile z = zip;
        if (z != null) {
            ZipArchiveEntry ze = zipEntries.get(entry.ordinal());
            if (!z.canReadEntryData(ze)) {
                throw new IOException(entry.path() + " is encrypted or uses an unsupported compression method");
            }
            try (InputStream in = z.getInputStream(ze)) {
                return capped(entry, in);
            }
        }
        if (format == ArchiveFormat.TAR && entry.dataOffset() >= 0) {
            try (InputStream in = BoundedInputStream.builder()
                    .setInputStream(odps.openResourceStream(name, entry.dataOffset(), options))
                    .setMaxCount(Math.min(entry.size(), (long) PREVIEW_LIMIT + 1)).get()) {
                return capped(entry, in);
            }
        }
        Preview[] found = new Preview[1];
        stream(options, Set.of(entry.ordinal()), (ordinal, in) -> found[0] = capped(entry, in));
        if (found[0] == null) {
            throw new IOException(entry.path() + " was not found again in the archive (it changed meanwhile?)");
        }
        return found[0];
    }

    private static Preview capped(ArchiveEntry entry, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(PREVIEW_LIMIT);
        boolean truncated = bytes.length == PREVIEW_LIMIT && in.read() >= 0;
        return new Preview(entry, bytes, truncated);
    }

    // ---------------------------------------------------------------- extraction

    /**
     * Writes the given entries under {@code target}, each path minus {@code stripPrefix} (the folder the user picked,
     * ending in {@code /}, or empty). Entries whose names leave the target (absolute, {@code ../}) and links are
     * refused and listed, never written. Each file goes to {@code name.part} first and is moved into place when
     * complete; an entry that inflates beyond its declared size stops the extraction (a lying zip bomb).
     */
    public synchronized Extracted extract(List<ArchiveEntry> selected, String stripPrefix, Path target,
                                          ResourceOptions options, Progress progress) throws IOException {
        Files.createDirectories(target);
        List<ArchiveEntry> sorted = new ArrayList<>(selected);
        sorted.sort(Comparator.comparingInt(ArchiveEntry::ordinal));
        long total = sorted.stream().filter(e -> !e.directory()).mapToLong(e -> Math.max(0, e.size())).sum();
        Extraction x = new Extraction(target, stripPrefix, total, progress, options);
        Set<Integer> files = new HashSet<>();
        for (ArchiveEntry e : sorted) {
            if (x.accept(e)) {
                files.add(e.ordinal());
            }
        }
        Map<Integer, ArchiveEntry> byOrdinal = new HashMap<>();
        sorted.forEach(e -> byOrdinal.put(e.ordinal(), e));
        ZipFile z = zip;
        if (z != null) {
            for (ArchiveEntry e : sorted) {
                if (files.contains(e.ordinal())) {
                    ZipArchiveEntry ze = zipEntries.get(e.ordinal());
                    if (!z.canReadEntryData(ze)) {
                        x.refused.add(e.path() + " (encrypted or unsupported compression)");
                        continue;
                    }
                    try (InputStream in = z.getInputStream(ze)) {
                        x.write(e, in);
                    }
                }
            }
        } else if (!files.isEmpty()) {
            stream(options, files, (ordinal, in) -> x.write(Objects.requireNonNull(byOrdinal.get(ordinal),
                    "only chosen entries are streamed"), in));
        }
        return new Extracted(x.fileCount, x.folderCount, x.done, List.copyOf(x.refused));
    }

    /** Bookkeeping of one extraction. */
    private static final class Extraction {
        private final Path target;
        private final String stripPrefix;
        private final long total;
        private final Progress progress;
        private final ResourceOptions options;
        private final List<String> refused = new ArrayList<>();
        private final Map<Integer, Path> paths = new HashMap<>();
        private int fileCount;
        private int folderCount;
        private long done;

        Extraction(Path target, String stripPrefix, long total, Progress progress, ResourceOptions options) {
            this.target = target;
            this.stripPrefix = stripPrefix;
            this.total = total;
            this.progress = progress;
            this.options = options;
        }

        /** Creates folders at once; true for a file to write later; refusals are recorded. */
        boolean accept(ArchiveEntry e) throws IOException {
            if (e.link()) {
                refused.add(e.path() + " (a link; links are not extracted)");
                return false;
            }
            Path out = EntryPaths.resolve(target, e.path(), stripPrefix);
            if (out == null) {
                if (e.escapes()) {
                    refused.add(e.path() + " (the name leads outside the chosen folder)");
                }
                return false; // the stripped folder itself has no path of its own
            }
            if (e.directory()) {
                Files.createDirectories(out);
                folderCount++;
                return false;
            }
            paths.put(e.ordinal(), out);
            return true;
        }

        void write(ArchiveEntry e, InputStream in) throws IOException {
            Path out = Objects.requireNonNull(paths.get(e.ordinal()), "accepted before it is written");
            Files.createDirectories(out.getParent());
            Path part = out.resolveSibling(out.getFileName() + ".part");
            long limit = e.size() >= 0 ? e.size() : Long.MAX_VALUE;
            long written = 0;
            try (OutputStream os = Files.newOutputStream(part)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    checkCancel(options);
                    written += n;
                    if (written > limit) {
                        throw new IOException(e.path() + " inflates beyond its declared size of " + e.size()
                                + " bytes; extraction stopped");
                    }
                    os.write(buf, 0, n);
                    done += n;
                    progress.written(done, total);
                }
            } catch (IOException | RuntimeException ex) {
                Files.deleteIfExists(part);
                throw ex;
            }
            Files.move(part, out, StandardCopyOption.REPLACE_EXISTING);
            fileCount++;
        }
    }

    // ---------------------------------------------------------------- streaming pass

    @FunctionalInterface
    private interface EntryData {
        void accept(int ordinal, InputStream data) throws IOException;
    }

    /** One pass from the start, handing the wanted entries' data to {@code sink}; stops after the last wanted one. */
    private void stream(ResourceOptions options, Set<Integer> wanted, EntryData sink) throws IOException {
        int last = wanted.stream().mapToInt(Integer::intValue).max().orElse(-1);
        try (Counting counted = new Counting(odps.openResourceStream(name, 0, options));
             ArchiveInputStream<?> in = open(counted, format == ArchiveFormat.ZIP)) {
            for (int ordinal = 0; ordinal <= last && in.getNextEntry() != null; ordinal++) {
                checkCancel(options);
                if (wanted.contains(ordinal)) {
                    sink.accept(ordinal, in);
                }
            }
        }
    }

    private static void checkCancel(ResourceOptions options) {
        CancelSignal cancel = options.cancel();
        if (cancel != null) {
            cancel.throwIfCancelled("reading the archive");
        }
    }

    private void closeZip() throws IOException {
        ZipFile z = zip;
        zip = null;
        zipEntries = List.of();
        if (z != null) {
            z.close();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closeZip();
    }

    /** Counts the bytes a parser pulled from the network, for the offsets in damage messages. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
