package org.odpsexplorer.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.beans.value.ChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.RecordingDialogs;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.app.hex.HexDocument;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceType;
import org.odpsexplorer.testing.GeneratedContent;

/**
 * Long opens and saves report bytes, percent and time left, and Cancel stops them: a cancelled save leaves the server
 * copy untouched and the next save still writes the edit; a cancelled open leaves nothing open.
 */
class CancelSaveTest {
    private static final long SIZE = 96L * 1024 * 1024 + 1;
    @TempDir
    static Path dir;
    static EmbeddedEmulator emulator;
    static Odps odps;

    @BeforeAll
    static void start() throws Exception {
        emulator = EmbeddedEmulator.start(dir.resolve("data"));
        odps = Odps.builder().endpoint(emulator.url()).project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build();
        odps.createResource("cancel.bin", "file", new GeneratedContent(SIZE, 5));
    }

    @AfterAll
    static void stop() {
        odps.close();
        emulator.close();
    }

    private static ResourceEditorViewModel editor(RecordingDialogs dialogs) {
        return new ResourceEditorViewModel(odps, "cancel.bin", ResourceType.FILE, OpenMode.R_PLUS_B, true,
                new SameThreadUiExecutor(), dialogs);
    }

    @Test
    void aCancelledSaveLeavesTheServerCopyAndTheNextSaveWritesTheEdit() {
        RecordingDialogs dialogs = new RecordingDialogs();
        ResourceEditorViewModel vm = editor(dialogs);
        vm.open();
        ResourceInfo before = odps.getResource("cancel.bin").info();
        HexDocument doc = vm.openedProperty().get().hex();
        doc.overwrite(SIZE - 2, (byte) 1);
        vm.dirtyProperty().set(true); // as the tab does on every edit
        StringBuilder seen = new StringBuilder();
        ChangeListener<String> canceller = (obs, o, text) -> {
            if (text.startsWith("Uploading")) {
                seen.append(text).append('\n');
                assertThat(vm.cancellableProperty().get()).isTrue();
                vm.cancel();
            }
        };
        vm.statusProperty().addListener(canceller);

        vm.saveHex();

        assertThat(seen.toString()).containsPattern("Uploading cancel.bin: [0-9.]+ [KMG]?B of 96.0 MB \\(\\d+%\\)");
        assertThat(vm.statusProperty().get()).isEqualTo("Save cancelled: the server copy is unchanged");
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.cancellableProperty().get()).isFalse();
        ResourceInfo after = odps.getResource("cancel.bin").info();
        assertThat(after.md5()).isEqualTo(before.md5());
        assertThat(after.sameVersionAs(before)).isTrue();

        vm.statusProperty().removeListener(canceller);
        vm.saveHex();
        assertThat(vm.statusProperty().get()).isEqualTo("Saved " + SIZE + " bytes");
        assertThat(odps.getResource("cancel.bin").info().md5()).isNotEqualTo(before.md5());
        vm.release();
    }

    @Test
    void aCancelledOpenEndsWithoutATabAndWithoutAnError() {
        RecordingDialogs dialogs = new RecordingDialogs();
        ResourceEditorViewModel vm = editor(dialogs);
        vm.statusProperty().addListener((obs, o, text) -> {
            if (text.startsWith("Downloading")) {
                vm.cancel();
            }
        });

        vm.open();

        assertThat(vm.openedProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).isEqualTo("Opening cancelled: Reload to try again");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void anUncancelledSaveWritesTheEdit() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        ResourceEditorViewModel vm = editor(dialogs);
        vm.open();
        vm.openedProperty().get().hex().overwrite(0, (byte) 0x42);
        vm.dirtyProperty().set(true);
        vm.saveHex();
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("Saved " + SIZE + " bytes");
        byte[] first = new byte[1];
        try (var fp = odps.openResource("cancel.bin", "rb")) {
            fp.readBytesAt(0, first, 0, 1);
        }
        assertThat(first[0]).isEqualTo((byte) 0x42);
        vm.release();
    }
}
