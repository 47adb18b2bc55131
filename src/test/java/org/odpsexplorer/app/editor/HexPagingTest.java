package org.odpsexplorer.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.RecordingDialogs;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.hex.HexEditorViewModel;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.emulator.EmulatorTraffic;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.odpsexplorer.testing.GeneratedContent;

/**
 * Random jumps in the read-only hex view of a large resource ask the server for the bytes they need and no more: one
 * ranged request of at most the read-ahead (256 KiB) per jump, counted at the emulator, on a reused connection.
 */
class HexPagingTest {
    private static final long SIZE = 40L * 1024 * 1024 + 11;
    @TempDir
    static Path dir;
    static EmulatorServer server;
    static Odps odps;
    static byte[] content;

    @BeforeAll
    static void start() throws Exception {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dir.resolve("data")).port(0).build());
        odps = Odps.builder().endpoint(server.url()).project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build();
        odps.createResource("big.jar", "jar", new GeneratedContent(SIZE, 3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        odps.downloadResource("big.jar", out, ResourceOptions.defaults());
        content = out.toByteArray();
    }

    @AfterAll
    static void stop() {
        odps.close();
        server.close();
    }

    @Test
    void eachRandomJumpFetchesOneReadAheadSizedRangeOnAPooledConnection() {
        RecordingDialogs dialogs = new RecordingDialogs();
        ResourceEditorViewModel vm = new ResourceEditorViewModel(odps, "big.jar", ResourceType.JAR, OpenMode.R, true,
                new SameThreadUiExecutor(), dialogs);
        vm.open();
        assertThat(dialogs.errors).isEmpty();
        HexEditorViewModel hex = new HexEditorViewModel(vm.openedProperty().get().hex(), new SameThreadUiExecutor());
        hex.requestWindow(0, 1024); // first paint
        server.traffic().clear();

        Random random = new Random(42);
        int jumps = 20;
        for (int i = 0; i < jumps; i++) {
            long offset = (long) (random.nextDouble() * (SIZE - 1024));
            hex.setCaret(offset, false); // the data inspector reads at the caret too
            hex.requestWindow(offset, 1024);
            HexEditorViewModel.Window w = hex.windowProperty().get();
            assertThat(w.offset()).isEqualTo(offset);
            assertThat(w.bytes()).isEqualTo(Arrays.copyOfRange(content, (int) offset, (int) offset + 1024));
        }

        List<EmulatorTraffic.Request> reads = server.traffic().requests().stream()
                .filter(r -> r.path().endsWith("/resources/big.jar")).toList();
        assertThat(reads).allSatisfy(r -> {
            assertThat(r.query()).containsKey("rOffset");
            assertThat(Long.parseLong(r.query().get("rSize"))).isLessThanOrEqualTo(
                    (long) ResourceEditorViewModel.HEX_PAGE * ResourceEditorViewModel.HEX_READ_AHEAD);
            assertThat(r.bodyBytes()).isLessThanOrEqualTo(256 * 1024);
        });
        assertThat(reads.size()).as("ranged requests for %d jumps", jumps).isBetween(jumps, 2 * jumps);
        long bytes = reads.stream().mapToLong(EmulatorTraffic.Request::bodyBytes).sum();
        assertThat(bytes / jumps).as("bytes per jump").isLessThanOrEqualTo(512 * 1024);
        assertThat(server.traffic().connections()).as("new connections during the jumps").isLessThanOrEqualTo(1);
        vm.release();
    }
}
