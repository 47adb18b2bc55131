package org.odpsexplorer.app.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.ArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.CancelSignal;

/**
 * Packs a local folder into a zip or tar.gz written to a stream, file by file (never the whole archive in memory).
 * Entries are named {@code <folder>/<path>} (as {@code zip -r name.zip name} does), folders get their own entries,
 * {@link IgnoreRules} decide what stays out, and symbolic links are skipped.
 */
public final class FolderPacker {
    /** One file or folder to pack. {@code entryName} ends with {@code /} for folders. */
    public record Item(Path file, String entryName, boolean directory, long size, FileTime modified) {
    }

    /**
     * What packing {@code folder} will write.
     *
     * @param skipped files and folders left out by the ignore rules or because they are links
     */
    public record Plan(Path folder, List<Item> items, long totalBytes, int skipped) {
        public Plan {
            items = List.copyOf(items);
        }
    }

    private FolderPacker() {
    }

    /** The archive name for a folder: its name plus the format's extension. */
    public static String archiveName(Path folder, ArchiveFormat format) {
        return folder.getFileName() + format.extension();
    }

    /** Walks the folder (blocking disk I/O) and decides what goes in. */
    public static Plan plan(Path folder) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        IgnoreRules rules = IgnoreRules.load(root);
        String top = root.getFileName().toString();
        List<Item> items = new ArrayList<>();
        int[] skipped = {0};
        long[] total = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String rel = relative(root, dir);
                if (!rel.isEmpty() && rules.ignored(rel, true)) {
                    skipped[0]++;
                    return FileVisitResult.SKIP_SUBTREE;
                }
                items.add(new Item(dir, top + "/" + (rel.isEmpty() ? "" : rel + "/"), true, 0,
                        attrs.lastModifiedTime()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = relative(root, file);
                if (!attrs.isRegularFile() || rules.ignored(rel, false)) {
                    skipped[0]++;
                    return FileVisitResult.CONTINUE;
                }
                items.add(new Item(file, top + "/" + rel, false, attrs.size(), attrs.lastModifiedTime()));
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }
        });
        items.sort(Comparator.comparing(Item::entryName));
        return new Plan(root, items, total[0], skipped[0]);
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /**
     * Writes the archive of {@code plan} to {@code out} (finished, not closed). {@code progress} receives the file
     * bytes packed so far; {@code cancel} is checked between buffers.
     *
     * @throws IOException when a file cannot be read or changed size while packing, or {@code out} fails
     */
    public static void pack(Plan plan, ArchiveFormat format, OutputStream out, LongConsumer progress,
                            @Nullable CancelSignal cancel) throws IOException {
        long[] done = {0};
        if (format == ArchiveFormat.ZIP) {
            ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out);
            for (Item item : plan.items()) {
                ZipArchiveEntry e = new ZipArchiveEntry(item.entryName());
                e.setLastModifiedTime(item.modified());
                write(zip, e, item, done, progress, cancel);
            }
            zip.finish();
            return;
        }
        GzipCompressorOutputStream gz = format == ArchiveFormat.TAR_GZ ? new GzipCompressorOutputStream(out) : null;
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz != null ? gz : out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Item item : plan.items()) {
            TarArchiveEntry e = new TarArchiveEntry(item.entryName());
            e.setSize(item.directory() ? 0 : item.size());
            e.setModTime(item.modified());
            write(tar, e, item, done, progress, cancel);
        }
        tar.finish();
        if (gz != null) {
            gz.finish();
        }
    }

    private static <E extends org.apache.commons.compress.archivers.ArchiveEntry> void write(
            ArchiveOutputStream<E> archive, E entry, Item item, long[] done, LongConsumer progress,
            @Nullable CancelSignal cancel) throws IOException {
        if (cancel != null) {
            cancel.throwIfCancelled("packing " + item.entryName());
        }
        archive.putArchiveEntry(entry);
        if (!item.directory()) {
            long copied = 0;
            try (InputStream in = Files.newInputStream(item.file())) {
                byte[] buf = new byte[64 * 1024];
                int n;
                // exactly the size planned: a tar header already promised it
                while (copied < item.size() && (n = in.read(buf, 0, (int) Math.min(buf.length,
                        item.size() - copied))) >= 0) {
                    if (cancel != null) {
                        cancel.throwIfCancelled("packing " + item.entryName());
                    }
                    archive.write(buf, 0, n);
                    copied += n;
                    done[0] += n;
                    progress.accept(done[0]);
                }
            }
            if (copied != item.size()) {
                throw new IOException(item.file() + " shrank while it was packed (" + copied + " of " + item.size()
                        + " bytes)");
            }
        }
        archive.closeArchiveEntry();
    }
}
