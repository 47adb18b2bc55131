package org.odpsexplorer.app.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.TransferCancelledException;
import org.odpsexplorer.sdk.model.TransferProgress;
import org.odpsexplorer.testing.GeneratedContent;

/** Packing while uploading, against the emulator: big folders, progress, a failure mid-packing, cancel. */
class FolderUploadTest {
    @TempDir
    static Path dir;
    static EmulatorServer server;
    static Odps odps;

    @BeforeAll
    static void start() throws Exception {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dir.resolve("data")).port(0).build());
        odps = ArchiveReaderTest.client(server.url());
    }

    @AfterAll
    static void stop() {
        odps.close();
        server.close();
    }

    private static Path folder(String name, int files, long size) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        for (int i = 0; i < files; i++) {
            try (var in = new GeneratedContent(size, i)) {
                Files.copy(in, root.resolve("part-" + i + ".bin"));
            }
        }
        return root;
    }

    @Test
    void aFolderLargerThanTheSpoolThresholdRoundTripsThroughTheArchiveReader() throws Exception {
        Path root = folder("bigdir", 3, 5L * 1024 * 1024 + 1); // 15 MB: spooled to disk by the SDK, not memory
        FolderPacker.Plan plan = FolderPacker.plan(root);
        List<TransferProgress> seen = new ArrayList<>();
        long size = FolderUpload.upload(odps, plan, ArchiveFormat.ZIP, "bigdir.zip", false, seen::add,
                new CancelSignal());
        assertThat(size).isGreaterThan(plan.totalBytes());
        assertThat(seen).anySatisfy(p -> assertThat(p.bytesDone()).isEqualTo(plan.totalBytes()));
        try (ArchiveReader reader = new ArchiveReader(odps, "bigdir.zip", ArchiveFormat.ZIP)) {
            ArchiveListing listing = reader.list(ResourceOptions.defaults());
            assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactly("bigdir/",
                    "bigdir/part-0.bin", "bigdir/part-1.bin", "bigdir/part-2.bin");
            Path out = dir.resolve("bigdir-out");
            reader.extract(listing.entries(), "", out, ResourceOptions.defaults(), (d, t) -> { });
            for (int i = 0; i < 3; i++) {
                assertThat(GeneratedContent.md5Of(Files.newInputStream(out.resolve("bigdir/part-" + i + ".bin"))))
                        .isEqualTo(GeneratedContent.md5(5L * 1024 * 1024 + 1, i));
            }
        }
    }

    @Test
    void aFileThatShrinksWhilePackingFailsTheUploadAndCreatesNothing() throws Exception {
        Path root = folder("shrinking", 2, 100_000);
        FolderPacker.Plan plan = FolderPacker.plan(root);
        Files.write(root.resolve("part-1.bin"), new byte[10]); // after the plan promised 100,000 bytes
        assertThatThrownBy(() -> FolderUpload.upload(odps, plan, ArchiveFormat.TAR_GZ, "shrinking.tar.gz", false,
                p -> { }, new CancelSignal())).hasMessageContaining("shrank while it was packed");
        assertThat(odps.existResource("shrinking.tar.gz")).isFalse();
    }

    @Test
    void cancellingWhilePackingCreatesNothing() throws Exception {
        Path root = folder("cancelled", 4, 1024 * 1024);
        FolderPacker.Plan plan = FolderPacker.plan(root);
        CancelSignal cancel = new CancelSignal();
        assertThatThrownBy(() -> FolderUpload.upload(odps, plan, ArchiveFormat.ZIP, "cancelled.zip", false, p -> {
            if (p.bytesDone() > 1024 * 1024) {
                cancel.cancel();
            }
        }, cancel)).isInstanceOf(TransferCancelledException.class);
        assertThat(odps.existResource("cancelled.zip")).isFalse();
    }

    @Test
    void overwriteReplacesAnExistingArchive() throws Exception {
        odps.createResource("replace_me.zip", "archive", new byte[] {1, 2, 3});
        Path root = folder("replace_me", 1, 1000);
        long size = FolderUpload.upload(odps, FolderPacker.plan(root), ArchiveFormat.ZIP, "replace_me.zip", true,
                p -> { }, new CancelSignal());
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        odps.downloadResource("replace_me.zip", back, ResourceOptions.defaults());
        assertThat(back.size()).isEqualTo(size).isGreaterThan(1000);
    }
}
