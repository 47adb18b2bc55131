package org.odpsexplorer.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.RecordingDialogs;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.app.editor.OpenMode;
import org.odpsexplorer.app.editor.ResourceEditorViewModel;
import org.odpsexplorer.app.transfer.Transfer;
import org.odpsexplorer.app.transfer.TransferViewModel;
import org.odpsexplorer.app.transfer.UploadItem;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.app.tree.ResourceTreeViewModel;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceType;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Busy transfers never starve interactive work: with six 200 MB uploads started through the transfers panel's view
 * model on the app's executors, opening a text resource and listing the project both finish while uploads are still
 * running (with one shared pool of six threads the two would wait for an upload to end).
 */
@ExtendWith(ApplicationExtension.class)
class BusyTransfersTest {
    private static final long SIZE = 200L * 1024 * 1024;
    @TempDir
    static Path dir;
    static AppFixture app;

    @BeforeAll
    static void startApp() throws Exception {
        app = AppFixture.start(dir);
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        // the toolkit only: results come back through Platform.runLater as in the app
    }

    @Test
    void openingAndListingFinishWhileSixLargeUploadsRun() throws Exception {
        AppContext ctx = app.ctx;
        ctx.startEmbedded(url -> { }, error -> { });
        Odps odps = app.sdk();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path f = dir.resolve("upload" + i + ".bin");
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(SIZE);
            }
            files.add(f);
        }
        odps.createResource("note.txt", "file", "hello while busy\n");

        TransferViewModel transfers = new TransferViewModel(ctx.transferTasks());
        List<Transfer> started = new ArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> {
            for (int i = 0; i < files.size(); i++) {
                started.add(transfers.upload(odps, new UploadItem(files.get(i), SIZE, "up" + i + ".bin", "file",
                        "", false), () -> { }));
            }
        }).get(10, TimeUnit.SECONDS);
        AppFixture.waitUntil(() -> started.stream().filter(t -> t.stateProperty().get() == Transfer.State.RUNNING
                && t.progressProperty().get() > 0).count() >= AppContext.TRANSFER_THREADS);

        RecordingDialogs dialogs = new RecordingDialogs();
        CompletableFuture<Long> opened = new CompletableFuture<>();
        CompletableFuture<Long> listed = new CompletableFuture<>();
        AtomicReference<List<ResourceInfo>> listing = new AtomicReference<>();
        ProjectRef ref = new ProjectRef(EmbeddedEmulator.profile(), EmulatorConfig.DEFAULT_PROJECT);
        WaitForAsyncUtils.asyncFx(() -> {
            ResourceEditorViewModel editor = new ResourceEditorViewModel(odps, "note.txt", ResourceType.FILE,
                    OpenMode.R_PLUS, false, ctx.tasks(), dialogs);
            editor.openedProperty().addListener((obs, o, n) -> opened.complete(done(started)));
            editor.open();
            new ResourceTreeViewModel(ctx.sessions(), ctx.tasks(), dialogs).load(ref, false, list -> {
                listing.set(list);
                listed.complete(done(started));
            }, listed::completeExceptionally);
        });

        long doneWhenOpened = opened.get(60, TimeUnit.SECONDS);
        long doneWhenListed = listed.get(60, TimeUnit.SECONDS);
        assertThat(dialogs.errors).isEmpty();
        assertThat(listing.get()).extracting(ResourceInfo::name).contains("note.txt");
        assertThat(doneWhenOpened).as("uploads finished before the tab opened").isZero();
        assertThat(doneWhenListed).as("uploads finished before the listing arrived").isZero();

        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> started.stream().allMatch(t -> t.stateProperty().get() == Transfer.State.DONE));
        for (int i = 0; i < files.size(); i++) {
            assertThat(odps.getResource("up" + i + ".bin").size()).isEqualTo(SIZE);
            Files.delete(files.get(i));
        }
    }

    /** FX thread: uploads no longer running or queued. */
    private static long done(List<Transfer> transfers) {
        return transfers.stream().filter(t -> t.stateProperty().get().compareTo(Transfer.State.RUNNING) > 0).count();
    }
}
