package org.odpsexplorer.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;

/** Drag-out copies against a real emulator, on a same-thread executor (downloads finish before prepare returns). */
class DragCacheTest {
    @TempDir
    static Path dir;
    static EmbeddedEmulator emulator;
    static Odps odps;

    @BeforeAll
    static void start() throws Exception {
        emulator = EmbeddedEmulator.start(dir);
        odps = Odps.builder().endpoint(emulator.url()).project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build();
    }

    @AfterAll
    static void stop() {
        odps.close();
        emulator.close();
    }

    private static String read(File f) throws Exception {
        return Files.readString(f.toPath(), StandardCharsets.UTF_8);
    }

    @Test
    void aSameSizeEditGivesTheNewBytesAndCopiesAreOwnerOnlyAndGoneAfterClose() throws Exception {
        if (odps.existResource("drag_same.txt")) {
            odps.deleteResource("drag_same.txt");
        }
        odps.createResource("drag_same.txt", "file", "version-1\n".getBytes(StandardCharsets.UTF_8));
        DragCache cache = DragCache.create(new SameThreadUiExecutor());
        Path folder = cache.directory();
        ResourceInfo first = odps.getResource("drag_same.txt").info();
        File copy = cache.prepare("conn-a", odps.project(), () -> odps, first);
        assertThat(cache.isReady(copy)).isTrue();
        assertThat(read(copy)).isEqualTo("version-1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.toPath()))).isEqualTo("rw-------");

        // same size, same second perhaps: only the MD5 tells the versions apart
        odps.updateResource("drag_same.txt", "version-2\n".getBytes(StandardCharsets.UTF_8), ResourceOptions.defaults());
        ResourceInfo second = odps.getResource("drag_same.txt").info();
        assertThat(second.size()).isEqualTo(first.size());
        File again = cache.prepare("conn-a", odps.project(), () -> odps, second);
        assertThat(again).isEqualTo(copy);
        assertThat(read(again)).isEqualTo("version-2\n");

        // a stale row (the listing from before the edit) still gets the server's current version
        odps.updateResource("drag_same.txt", "version-3\n".getBytes(StandardCharsets.UTF_8), ResourceOptions.defaults());
        assertThat(read(cache.prepare("conn-a", odps.project(), () -> odps, second))).isEqualTo("version-3\n");

        // another connection with the same project and name is another copy
        File other = cache.prepare("conn-b", odps.project(), () -> odps, odps.getResource("drag_same.txt").info());
        assertThat(other).isNotEqualTo(copy);

        cache.close();
        assertThat(folder).doesNotExist();
    }
}
