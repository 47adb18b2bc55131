package org.odpsexplorer.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.RecordingDialogs;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;

/** The editor view model on a same-thread executor against a real emulator: no toolkit, synchronous. */
class ResourceEditorViewModelTest {
    @TempDir
    static Path dir;
    static EmbeddedEmulator emulator;
    static Odps odps;
    final RecordingDialogs dialogs = new RecordingDialogs();

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

    private static void put(String name, String text) {
        if (odps.existResource(name)) {
            odps.deleteResource(name);
        }
        odps.createResource(name, "file", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String server(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        odps.downloadResource(name, out, ResourceOptions.defaults());
        return out.toString(StandardCharsets.UTF_8);
    }

    private ResourceEditorViewModel open(String name, OpenMode mode) {
        ResourceEditorViewModel vm = new ResourceEditorViewModel(odps, name, ResourceType.FILE, mode, false,
                new SameThreadUiExecutor(), dialogs);
        vm.open();
        assertThat(vm.openedProperty().get()).as("opened, errors: " + dialogs.errors).isNotNull();
        return vm;
    }

    /** What the tab does on an edit and Ctrl+S: marks dirty, then saves. */
    private static void edit(ResourceEditorViewModel vm, String text) {
        vm.dirtyProperty().set(true);
        vm.saveText(text);
    }

    @Test
    void textIsLoadedAndSavedThroughTheHandle() {
        put("vm_text.txt", "hello\r\nworld\r\n");
        ResourceEditorViewModel vm = open("vm_text.txt", OpenMode.R_PLUS);
        TextContent text = vm.openedProperty().get().text();
        assertThat(text.text()).isEqualTo("hello\nworld\n");
        vm.dirtyProperty().set(true);
        edit(vm, "hello\nthere\n");
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(server("vm_text.txt")).as("CRLF kept").isEqualTo("hello\r\nthere\r\n");
        edit(vm, "hi\n");
        assertThat(server("vm_text.txt")).as("a shorter text truncates").isEqualTo("hi\r\n");
        vm.release();
    }

    @Test
    void appendModeUploadsOnlyWhatFollowsTheLoadedContent() {
        put("vm_log.txt", "a\n");
        ResourceEditorViewModel vm = open("vm_log.txt", OpenMode.A_PLUS);
        edit(vm, "a\nb\n");
        edit(vm, "a\nb\nc\n");
        assertThat(server("vm_log.txt")).isEqualTo("a\nb\nc\n");
        vm.release();
    }

    @Test
    void aChangedServerCopyRaisesAConflictWithBothSidesAndTakeTheirsReloads() {
        put("vm_conflict.txt", "base\n");
        ResourceEditorViewModel vm = open("vm_conflict.txt", OpenMode.R_PLUS);
        odps.updateResource("vm_conflict.txt", "theirs\n".getBytes(StandardCharsets.UTF_8), ResourceOptions.defaults());
        edit(vm, "mine\n");
        ResourceEditorViewModel.Conflict conflict = vm.conflictProperty().get();
        assertThat(conflict).isNotNull();
        assertThat(conflict.mine()).isEqualTo("mine\n");
        assertThat(conflict.theirs()).isEqualTo("theirs\n");
        assertThat(server("vm_conflict.txt")).isEqualTo("theirs\n");
        vm.takeTheirs();
        assertThat(vm.conflictProperty().get()).isNull();
        assertThat(vm.openedProperty().get().text().text()).isEqualTo("theirs\n");
        edit(vm, "theirs\nplus mine\n");
        assertThat(server("vm_conflict.txt")).isEqualTo("theirs\nplus mine\n");
        vm.release();
    }

    @Test
    void keepMineOverwritesAfterAConflict() {
        put("vm_keep.txt", "base\n");
        ResourceEditorViewModel vm = open("vm_keep.txt", OpenMode.R_PLUS);
        odps.updateResource("vm_keep.txt", "theirs\n".getBytes(StandardCharsets.UTF_8), ResourceOptions.defaults());
        edit(vm, "mine\n");
        assertThat(vm.conflictProperty().get()).isNotNull();
        vm.keepMine();
        assertThat(server("vm_keep.txt")).isEqualTo("mine\n");
        assertThat(vm.dirtyProperty().get()).isFalse();
        vm.release();
    }

    @Test
    void readOnlyModeNeverWritesAndBinaryContentOpensInHex() {
        odps.createResource("vm_bytes.bin", "file", new byte[] {0, 1, 2, (byte) 0xFF});
        ResourceEditorViewModel vm = open("vm_bytes.bin", OpenMode.R);
        assertThat(vm.openedProperty().get().view()).isEqualTo(ResourceEditorViewModel.View.HEX);
        vm.saveHex();
        assertThat(vm.statusProperty().get()).contains("Read-only");
        vm.release();
        odps.deleteResource("vm_bytes.bin");
    }

    @Test
    void aLargeResourceOpensReadOnlyInHexAndReadsPagesOnDemand() throws Exception {
        long size = ResourceEditorViewModel.TEXT_LIMIT + 1_000_000;
        Path file = dir.resolve("big.txt");
        try (var out = new BufferedOutputStream(Files.newOutputStream(file))) {
            for (long i = 0; i < size; i++) {
                out.write((int) ('a' + i % 26));
            }
        }
        if (!odps.existResource("vm_big.txt")) {
            odps.createResource("vm_big.txt", "file", file);
        }
        ResourceEditorViewModel vm = open("vm_big.txt", OpenMode.R);
        ResourceEditorViewModel.Opened opened = vm.openedProperty().get();
        assertThat(opened.view()).isEqualTo(ResourceEditorViewModel.View.HEX);
        assertThat(opened.hex().size()).isEqualTo(size);
        long far = size - 7;
        assertThat(opened.hex().byteAt(far)).isEqualTo((int) ('a' + far % 26));
        vm.release();
    }

    @Test
    void saveAsCreatesTheNewResourceAndRebindsTheTab() {
        put("vm_src.txt", "content\n");
        if (odps.existResource("vm_dst.py")) {
            odps.deleteResource("vm_dst.py");
        }
        ResourceEditorViewModel vm = open("vm_src.txt", OpenMode.R_PLUS);
        vm.saveAs("vm_dst.py", ResourceType.PY, () -> "print(2)\n".getBytes(StandardCharsets.UTF_8), false);
        assertThat(vm.getName()).isEqualTo("vm_dst.py");
        assertThat(odps.getResource("vm_dst.py").type()).isEqualTo(ResourceType.PY);
        edit(vm, "print(3)\n");
        assertThat(server("vm_dst.py")).isEqualTo("print(3)\n");
        assertThat(server("vm_src.txt")).isEqualTo("content\n");
        vm.release();
    }

    @Test
    void openingAMissingResourceReportsTheError() {
        ResourceEditorViewModel vm = new ResourceEditorViewModel(odps, "no_such.txt", ResourceType.FILE,
                OpenMode.R_PLUS, false, new SameThreadUiExecutor(), dialogs);
        vm.open();
        assertThat(vm.openedProperty().get()).isNull();
        assertThat(dialogs.errors).singleElement().asString().contains("no_such.txt");
    }
}
