package org.odpsexplorer.emulator.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.Md5;
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

    /**
     * Bytes written to {@code tmp/}, fsynced, not yet visible to anyone. The caller publishes or discards it.
     * {@code digest} is a copy of the MD5 state after these bytes, not finalised: where a running digest over several
     * parts starts ({@link PartChains}).
     */
    public record Staged(Path file, long size, String md5, MessageDigest digest) {
    }

    /**
     * Streams {@code in} to a new staging file, computing its MD5 in the same pass, and fsyncs it. Memory use is one
     * buffer whatever the size. A {@link ChunkedInput} body is written chunk by chunk from the server's own buffers
     * (no copy through a heap array). On any failure the staging file is deleted.
     *
     * @throws StoreException {@code INVALID} when more than {@code maxBytes} arrive
     * @throws IOException when reading {@code in} or writing the disk fails (an incomplete request body lands here)
     */
    public Staged stage(InputStream in, long maxBytes) throws IOException {
        Path file = newTempFile();
        boolean ok = false;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            MessageDigest md5 = Md5.newDigest();
            long size = in instanceof ChunkedInput chunks ? copyChunks(chunks, out, md5, maxBytes, file)
                    : copyStream(in, out, md5, maxBytes, file);
            force(out, file);
            ok = true;
            MessageDigest running = Md5.copy(md5);
            return new Staged(file, size, Md5.hex(md5), running);
        } finally {
            if (!ok) {
                deleteQuietly(file);
            }
        }
    }

    private static long copyChunks(ChunkedInput in, FileChannel out, MessageDigest md5, long maxBytes, Path file)
            throws IOException {
        long size = 0;
        ByteBuffer chunk;
        while ((chunk = in.nextChunk()) != null) { // an IOException here is the client's: the body ended early
            size += chunk.remaining();
            checkSize(size, maxBytes);
            md5.update(chunk.duplicate());
            writeFully(out, chunk, file);
        }
        return size;
    }

    private static long copyStream(InputStream in, FileChannel out, MessageDigest md5, long maxBytes, Path file)
            throws IOException {
        byte[] buf = new byte[BUFFER];
        long size = 0;
        int n;
        while ((n = in.read(buf)) >= 0) { // an IOException here is the client's: the body ended early
            size += n;
            checkSize(size, maxBytes);
            md5.update(buf, 0, n);
            writeFully(out, ByteBuffer.wrap(buf, 0, n), file);
        }
        return size;
    }

    private static void checkSize(long size, long maxBytes) {
        if (size > maxBytes) {
            throw new StoreException(StoreException.Kind.INVALID,
                    "ODPS-0420095:Resource exceeds the size limit of " + maxBytes + " bytes");
        }
    }

    /**
     * Continues {@code digest} with the bytes of the published file {@code id} (what a running digest over parts
     * adds for one more part, off the request's path).
     */
    public void digestInto(MessageDigest digest, String id) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        try (FileChannel in = FileChannel.open(pathOf(id), StandardOpenOption.READ)) {
            while (in.read(buf) >= 0) {
                buf.flip();
                digest.update(buf);
                buf.clear();
            }
        }
    }

    /**
     * The MD5 (lowercase hex) of the published files {@code ids} one after the other, read once; what a merge checks
     * when no chain of digests from the uploads covers its parts.
     */
    public String md5Of(List<String> ids) throws NoSuchFileException {
        MessageDigest md5 = Md5.newDigest();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        for (String id : ids) {
            try (FileChannel in = FileChannel.open(pathOf(id), StandardOpenOption.READ)) {
                buf.clear();
                while (in.read(buf) >= 0) {
                    buf.flip();
                    md5.update(buf);
                    buf.clear();
                }
            } catch (NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                throw new StoreException(StoreException.Kind.FAILURE, "cannot read part " + id + ": " + e.getMessage(),
                        e);
            }
        }
        return Md5.hex(md5);
    }

    /**
     * The content reference of a resource made of the published files {@code ids} in this order (a merge links its
     * parts instead of copying them): the id itself for one file, the ids joined with {@code ,} for several.
     */
    public static String linkedRef(List<String> ids) {
        return String.join(",", ids);
    }

    /** The ids of the files a content reference (one id, or {@link #linkedRef linked} ids) is made of. */
    public static List<String> idsOf(String ref) {
        return ref.indexOf(',') < 0 ? List.of(ref) : List.of(ref.split(","));
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

    /** Opens a content reference (one published file or linked ones) for reading; the caller closes the channel. */
    public FileChannel open(String ref) throws IOException {
        List<String> ids = idsOf(ref);
        if (ids.size() == 1) {
            return FileChannel.open(pathOf(ref), StandardOpenOption.READ);
        }
        List<FileChannel> opened = new ArrayList<>(ids.size());
        try {
            for (String id : ids) {
                opened.add(FileChannel.open(pathOf(id), StandardOpenOption.READ));
            }
            return new ConcatenatedFileChannel(opened);
        } catch (IOException | RuntimeException e) {
            for (FileChannel f : opened) {
                try {
                    f.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * Deletes a published file whose reference was just removed. A failure is logged, not thrown: the write that made
     * the file obsolete has already committed, and the start-up garbage collection removes the leftover.
     */
    public void deleteObsolete(String id) {
        for (String one : idsOf(id)) {
            try {
                Files.deleteIfExists(pathOf(one));
            } catch (IOException e) {
                LOG.warn("could not delete obsolete content file {}; it will be collected at the next start", one, e);
            }
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
}
