package org.odpsexplorer.app.transfer;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.slf4j.LoggerFactory;

/**
 * Local copies of resources for drags to the desktop, in one owner-only ({@code rwx------}) folder that
 * {@link #close()} removes (the window calls it on exit).
 *
 * <p>A copy is keyed by connection, project and name, and remembers the version it holds (MD5 when known, else
 * modified time and size; never size alone). A drag must name its file at once, so {@link #prepare} returns the path
 * right away: a copy of another version than the row shows is deleted first, and the current server version (asked
 * with a metadata request) is downloaded into a {@code .part} file that is moved into place only when complete. So a
 * drop never gets old or partial bytes: while the download runs (a visible transfer when the window passes one) the
 * path does not exist yet.
 */
public final class DragCache implements AutoCloseable {
    /** Downloads {@code name} to {@code target} (through a part file); exactly one callback runs, on the UI thread. */
    @FunctionalInterface
    public interface Downloader {
        void download(Odps odps, String name, Path target, Runnable onDone, Consumer<Throwable> onFailed);
    }

    /** What a complete copy holds. */
    record Version(long size, @Nullable Instant modified, @Nullable String md5) {
        static Version of(ResourceInfo info) {
            return new Version(info.size(), info.lastModifiedTime(), info.md5());
        }

        /** Same content as {@code other}: MD5 and size when both know the MD5, else modified time and size. */
        boolean matches(Version other) {
            if (size != other.size) {
                return false;
            }
            if (md5 != null && other.md5 != null) {
                return md5.equalsIgnoreCase(other.md5);
            }
            return modified != null && modified.equals(other.modified);
        }
    }

    private final UiExecutor tasks;
    private final Path dir;
    private final Downloader downloader;
    private final Map<Path, Version> complete = new ConcurrentHashMap<>();
    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();

    /** A cache in a new owner-only temp folder; downloads run through {@code downloader}. */
    public static DragCache create(UiExecutor tasks, @Nullable Downloader downloader) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        return new DragCache(tasks, Files.createTempDirectory("odps-explorer-drag-", ownerOnly), downloader);
    }

    /** A cache downloading directly (no transfer row), e.g. for tests. */
    public static DragCache create(UiExecutor tasks) throws IOException {
        return create(tasks, null);
    }

    private DragCache(UiExecutor tasks, Path dir, @Nullable Downloader downloader) {
        this.tasks = tasks;
        this.dir = dir;
        this.downloader = downloader != null ? downloader : this::downloadDirectly;
    }

    /** The owner-only folder holding the copies. */
    public Path directory() {
        return dir;
    }

    /** Builds the client a drag copy is fetched with; called on a worker (it may read a secret file or a keychain). */
    @FunctionalInterface
    public interface ClientSource {
        Odps client() throws Exception;
    }

    /**
     * The local file for {@code info} (as the tree row shows it) in {@code project} under connection
     * {@code connectionId}, returned at once (the FX thread touches no disk and builds no client); starts, on a
     * worker, the client from {@code client}, a check of the server version and, unless a complete copy of that
     * version exists, its download.
     */
    public File prepare(String connectionId, String project, ClientSource client, ResourceInfo info) {
        Path target = dir.resolve(safe(connectionId)).resolve(safe(project)).resolve(safe(info.name()));
        Version have = complete.get(target);
        if (have != null && !have.matches(Version.of(info))) {
            // not ready from now on; the file itself is deleted by the worker below
            complete.remove(target);
        }
        refresh(client, info.name(), target);
        return target.toFile();
    }

    /** A worker's answer: the client and the server's version, and whether the copy on disk already holds it. */
    private record Checked(Odps odps, Version want, boolean upToDate) {
    }

    private void refresh(ClientSource client, String name, Path target) {
        if (!inFlight.add(target)) {
            return;
        }
        tasks.run(() -> {
            Odps odps = client.client();
            Version want = Version.of(odps.getResource(name).info());
            Version have = complete.get(target);
            if (have != null && have.matches(want) && Files.isRegularFile(target)) {
                return new Checked(odps, want, true);
            }
            discard(target);
            mkdirs(Objects.requireNonNull(target.getParent(), "under the cache folder"));
            return new Checked(odps, want, false);
        }, checked -> {
            if (checked.upToDate()) {
                inFlight.remove(target);
                return;
            }
            downloader.download(checked.odps(), name, target, () -> {
                ownerOnly(target);
                complete.put(target, checked.want());
                inFlight.remove(target);
            }, error -> {
                inFlight.remove(target);
                log("drag copy of " + name + " failed: " + error.getMessage());
            });
        }, error -> {
            inFlight.remove(target);
            log("drag copy of " + name + ": no metadata: " + error.getMessage());
        });
    }

    /** True when the file for the drag is complete (tests and the status line ask). */
    public boolean isReady(File file) {
        return complete.containsKey(file.toPath()) && file.isFile() && !inFlight.contains(file.toPath());
    }

    private void discard(Path target) {
        complete.remove(target);
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the old drag copy " + target, e);
        }
    }

    private static void ownerOnly(Path file) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not make " + file + " owner-only", e);
            }
        }
    }

    private void mkdirs(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + folder, e);
        }
    }

    private void downloadDirectly(Odps odps, String name, Path target, Runnable onDone, Consumer<Throwable> onFailed) {
        tasks.run(() -> {
            Path part = target.resolveSibling(target.getFileName() + ".part");
            try (OutputStream out = Files.newOutputStream(part)) {
                odps.downloadResource(name, out, ResourceOptions.defaults());
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }, done -> onDone.run(), onFailed);
    }

    /** Removes the folder and every copy in it. */
    @Override
    public void close() throws IOException {
        complete.clear();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A name as one path element: separators and dot-only names cannot climb out of the folder. */
    private static String safe(String name) {
        String s = Objects.requireNonNull(name).replace('/', '_').replace('\\', '_');
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
    }

    private static void log(String message) {
        LoggerFactory.getLogger(DragCache.class).warn(message);
    }
}
