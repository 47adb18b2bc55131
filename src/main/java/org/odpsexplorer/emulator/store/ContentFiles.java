package org.odpsexplorer.emulator.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource bytes as immutable files: {@code content/<id>} under the data directory, staged in {@code tmp/}.
 *
 * <p>Life of a content file: {@link #stage} streams bytes into {@code tmp/<uuid>.tmp} while computing MD5 and fsyncs
 * it; {@link #publish} renames it atomically to {@code content/<id>} and fsyncs the directory; only then does the
 * caller commit the metadata row that points at the id. A file is never written again after publishing: new content
 * is a new id, and the old file is deleted after the commit that dropped its last reference. A crash therefore leaves
 * at worst an unreferenced file, which {@link #collectGarbage} removes at the next start.
 *
 * <p>Thread-safe (each call works on its own files).
 */
public final class ContentFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ContentFiles.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final int BUFFER = 64 * 1024;

    private final Path contentDir;
    private final Path tmpDir;

    /** Creates the directories if needed. */
    public ContentFiles(Path dataDir) throws IOException {
        this.contentDir = Files.createDirectories(dataDir.resolve("content"));
        this.tmpDir = Files.createDirectories(dataDir.resolve("tmp"));
    }

    /** Bytes written to {@code tmp/}, fsynced, not yet visible to anyone. The caller publishes or discards it. */
    public record Staged(Path file, long size, String md5) {
    }

    /**
     * Streams {@code in} to a new staging file, computing MD5, and fsyncs it. Memory use is one buffer whatever the
     * size. On any failure the staging file is deleted.
     *
     * @throws StoreException {@code INVALID} when more than {@code maxBytes} arrive
     * @throws IOException when reading {@code in} or writing the disk fails (an incomplete request body lands here)
     */
    public Staged stage(InputStream in, long maxBytes) throws IOException {
        Path file = newTempFile();
        boolean ok = false;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            MessageDigest md5 = md5();
            byte[] buf = new byte[BUFFER];
            long size = 0;
            int n;
            while ((n = in.read(buf)) >= 0) { // an IOException here is the client's: the body ended early
                size += n;
                if (size > maxBytes) {
                    throw new StoreException(StoreException.Kind.INVALID,
                            "ODPS-0420095:Resource exceeds the size limit of " + maxBytes + " bytes");
                }
                md5.update(buf, 0, n);
                writeFully(out, ByteBuffer.wrap(buf, 0, n), file);
            }
            force(out, file);
            ok = true;
            return new Staged(file, size, HexFormat.of().formatHex(md5.digest()));
        } finally {
            if (!ok) {
                deleteQuietly(file);
            }
        }
    }

    /**
     * Concatenates published files into a new staging file with {@link FileChannel#transferTo}, computing MD5 on the
     * way; nothing is held in memory beyond the channel's own buffers.
     */
    public Staged concatenate(List<String> ids, long maxBytes) throws NoSuchFileException {
        Path file = newTempFile();
        boolean ok = false;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            DigestingChannel sink = new DigestingChannel(out);
            long size = 0;
            for (String id : ids) {
                try (FileChannel in = FileChannel.open(pathOf(id), StandardOpenOption.READ)) {
                    long length = in.size();
                    size += length;
                    if (size > maxBytes) {
                        throw new StoreException(StoreException.Kind.INVALID,
                                "ODPS-0420095:Merged resource exceeds the size limit of " + maxBytes + " bytes");
                    }
                    long pos = 0;
                    while (pos < length) {
                        pos += in.transferTo(pos, length - pos, sink);
                    }
                }
            }
            out.force(true);
            ok = true;
            return new Staged(file, size, HexFormat.of().formatHex(sink.md5.digest()));
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILURE, "cannot merge into " + file + ": " + e.getMessage(), e);
        } finally {
            if (!ok) {
                deleteQuietly(file);
            }
        }
    }

    /** Moves a staged file to its final immutable name and fsyncs the directory; returns the new content id. */
    public String publish(Staged staged) throws IOException {
        String id = UUID.randomUUID().toString().replace("-", "");
        Files.move(staged.file(), pathOf(id), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(contentDir);
        return id;
    }

    /** Deletes a staging file that will not be published. */
    public void discard(Staged staged) {
        deleteQuietly(staged.file());
    }

    /** Opens a published file for reading; the caller closes the channel. */
    public FileChannel open(String id) throws IOException {
        return FileChannel.open(pathOf(id), StandardOpenOption.READ);
    }

    /**
     * Deletes a published file whose reference was just removed. A failure is logged, not thrown: the write that made
     * the file obsolete has already committed, and the start-up garbage collection removes the leftover.
     */
    public void deleteObsolete(String id) {
        try {
            Files.deleteIfExists(pathOf(id));
        } catch (IOException e) {
            LOG.warn("could not delete obsolete content file {}; it will be collected at the next start", id, e);
        }
    }

    /**
     * Removes every staging file and every content file whose id is not in {@code live}. Call at start-up, before the
     * server accepts requests. Returns how many files were removed.
     */
    public int collectGarbage(Set<String> live) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmpDir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                removed++;
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(contentDir)) {
            for (Path f : files) {
                if (!live.contains(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        }
        syncDirectory(contentDir);
        return removed;
    }

    private Path pathOf(String id) {
        if (!ID.matcher(id).matches()) {
            throw new StoreException(StoreException.Kind.FAILURE, "corrupt content id in database: " + id);
        }
        return contentDir.resolve(id);
    }

    private Path newTempFile() {
        Path file = tmpDir.resolve(UUID.randomUUID() + ".tmp");
        try {
            return Files.createFile(file);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILURE, "cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Disk-side failures are the server's (500), unlike failures reading the request body. */
    private static void writeFully(FileChannel out, ByteBuffer bb, Path file) {
        try {
            while (bb.hasRemaining()) {
                out.write(bb);
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void force(FileChannel out, Path file) {
        try {
            out.force(true);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILURE, "cannot sync " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete staging file {}; it will be collected at the next start", file, e);
        }
    }

    /** Makes a rename durable: on Linux a directory can be opened read-only and fsynced; elsewhere this may fail. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (NoSuchFileException e) {
            throw new StoreException(StoreException.Kind.FAILURE, "content directory vanished: " + dir, e);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; NTFS journals renames itself, so there is nothing to do.
            LOG.debug("directory fsync not supported for {}", dir, e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** Writes through to a file channel while feeding an MD5 digest, so transferTo can be used for merges. */
    private static final class DigestingChannel implements WritableByteChannel {
        private final FileChannel out;
        private final MessageDigest md5 = md5();

        DigestingChannel(FileChannel out) {
            this.out = out;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ByteBuffer view = src.duplicate();
            int written = out.write(src);
            view.limit(view.position() + written);
            md5.update(view);
            return written;
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() {
            // the caller owns the file channel
        }
    }
}
