package org.odpsexplorer.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.app.history.HistoryRef;
import org.odpsexplorer.app.history.HistoryService;
import org.odpsexplorer.app.history.HistorySettings;
import org.odpsexplorer.app.history.VersionAction;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.sdk.Odps;

/** Transfers on a same-thread executor against a real emulator. */
class TransferViewModelTest {
    @TempDir
    static Path dir;
    static EmbeddedEmulator emulator;
    static Odps odps;

    @BeforeAll
    static void start() throws Exception {
        emulator = EmbeddedEmulator.start(dir.resolve("data"));
        odps = Odps.builder().endpoint(emulator.url()).project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build();
    }

    @AfterAll
    static void stop() {
        odps.close();
        emulator.close();
    }

    @Test
    void aFailedDownloadShowsTheServerCodeAndRequestIdLeavesNoFileAndRetrySucceeds() throws Exception {
        TransferViewModel vm = new TransferViewModel(new SameThreadUiExecutor());
        Path target = dir.resolve("out").resolve("later.bin");
        Transfer t = vm.download(odps, "later.bin", target, () -> { });
        assertThat(t.stateProperty().get()).isEqualTo(Transfer.State.FAILED);
        assertThat(t.messageProperty().get()).contains("NoSuchObject");
        assertThat(t.errorDetailsProperty().get()).contains("Request id: ").doesNotContain("Request id: (none)");
        assertThat(Files.exists(target)).isFalse();
        assertThat(Files.exists(target.resolveSibling("later.bin.part"))).isFalse();

        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        odps.createResource("later.bin", "file", data);
        t.retry();
        assertThat(t.stateProperty().get()).isEqualTo(Transfer.State.DONE);
        assertThat(t.progressProperty().get()).isEqualTo(1.0);
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
    }

    @Test
    void uploadsCreateOrOverwriteWithTypeAndComment() throws Exception {
        TransferViewModel vm = new TransferViewModel(new SameThreadUiExecutor());
        Path file = dir.resolve("job.py");
        Files.writeString(file, "print(1)\n");
        int[] done = {0};
        vm.upload(odps, new UploadItem(file, Files.size(file), "tvm_job.py", "py", "etl", false), () -> done[0]++);
        Files.writeString(file, "print(2)\n");
        Transfer second = vm.upload(odps, new UploadItem(file, Files.size(file), "tvm_job.py", "py", "", true),
                () -> done[0]++);
        assertThat(second.stateProperty().get()).isEqualTo(Transfer.State.DONE);
        assertThat(done[0]).isEqualTo(2);
        assertThat(odps.getResource("tvm_job.py").type().wireName()).isEqualTo("py");
        assertThat(odps.getResource("tvm_job.py").size()).isEqualTo(9);
        assertThat(vm.transfers()).hasSize(2);
        vm.clearFinished();
        assertThat(vm.transfers()).isEmpty();
    }
    @Test
    void anOverwritingUploadKeepsTheReplacedAndTheUploadedVersionInTheLocalHistory() throws Exception {
        var history = new HistoryService(dir.resolve("hconfig"), dir.resolve("hdata"),
                HistorySettings.defaults(dir.resolve("hdata")));
        TransferViewModel vm = new TransferViewModel(new SameThreadUiExecutor());
        vm.setSaveRecorders(client -> history.recorder("local", client.project()));
        odps.createResource("tvm_hist.txt", "file", "old content\n");
        Path file = dir.resolve("new.txt");
        Files.writeString(file, "new content\n");
        Transfer t = vm.upload(odps, new UploadItem(file, Files.size(file), "tvm_hist.txt", "file", "", true), () -> { });
        assertThat(t.stateProperty().get()).isEqualTo(Transfer.State.DONE);
        var versions = history.journal().list(new HistoryRef("local",
                EmulatorConfig.DEFAULT_PROJECT, "tvm_hist.txt"));
        assertThat(versions).extracting(v -> v.action()).containsExactly(
                VersionAction.SERVER,
                VersionAction.UPLOAD_OVERWRITE);
        assertThat(history.journal().readAll(versions.get(0))).isEqualTo("old content\n".getBytes());
        assertThat(history.journal().readAll(versions.get(1))).isEqualTo("new content\n".getBytes());
    }
}
