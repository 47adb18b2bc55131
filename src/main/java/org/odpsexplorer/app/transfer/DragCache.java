package org.odpsexplorer.app.transfer;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.ResourceInfo;
import org.odpsexplorer.sdk.ResourceOptions;
import org.slf4j.LoggerFactory;

/**
 * Local copies of resources for drags to the desktop. A drag must put a file on the dragboard at once, so the copy
 * is downloaded in the background into {@code <dir>/<project>/<name>} (via a {@code .part} file) and the path is
 * offered right away; a copy that matches the resource's size is reused.
 */
public final class DragCache {
    private final UiExecutor tasks;
    private final Path dir;
    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();

    public DragCache(UiExecutor tasks, Path dir) {
        this.tasks = tasks;
        this.dir = dir;
    }

    /** The local file for {@code info}; starts its download unless a complete copy exists. */
    public File prepare(Odps odps, ResourceInfo info) {
        Path target = dir.resolve(odps.project()).resolve(info.name());
        if (!inFlight.add(target)) {
            return target.toFile();
        }
        tasks.run(() -> {
            if (Files.isRegularFile(target) && Files.size(target) == info.size()) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path part = target.resolveSibling(info.name() + ".part");
            try (OutputStream out = Files.newOutputStream(part)) {
                odps.downloadResource(info.name(), out, ResourceOptions.defaults());
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }, done -> inFlight.remove(target), error -> {
            inFlight.remove(target);
            LoggerFactory.getLogger(DragCache.class).warn("drag copy of {} failed: {}", info.name(),
                    error.getMessage());
        });
        return target.toFile();
    }
}
