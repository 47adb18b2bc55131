package org.odpsexplorer.app.history;

import org.odpsexplorer.app.history.view.HistoryViewModel;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.RecordingDialogs;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.app.editor.OpenMode;
import org.odpsexplorer.app.editor.ResourceEditorViewModel;
import org.odpsexplorer.app.hex.ByteSource;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;

/**
 * Saves from the editor view model go into the version journal; the History panel's view model lists, compares and
 * restores them. Real emulator, real journal folder, same-thread executor.
 */
class SaveHistoryTest {
    @TempDir
    static Path shared;
    static EmbeddedEmulator emulator;
    static Odps odps;
    @TempDir
    Path dir;
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SameThreadUiExecutor tasks = new SameThreadUiExecutor();

    @BeforeAll
    static void start() throws Exception {
        emulator = EmbeddedEmulator.start(shared);
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

    private HistoryService history() {
        return new HistoryService(dir.resolve("config"), dir.resolve("data"), HistorySettings.defaults(dir.resolve("data")));
    }

    private ResourceEditorViewModel open(String name, HistoryService history) {
        ResourceEditorViewModel vm = new ResourceEditorViewModel(odps, name, ResourceType.FILE, OpenMode.R_PLUS, false,
                tasks, dialogs);
        vm.setSaveRecorder(history.recorder("local", EmulatorConfig.DEFAULT_PROJECT));
        vm.open();
        assertThat(vm.openedProperty().get()).as("opened, errors: " + dialogs.errors).isNotNull();
        return vm;
    }

    private static HistoryRef ref(String name) {
        return new HistoryRef("local", EmulatorConfig.DEFAULT_PROJECT, name);
    }

    private static String text(HistoryService h, Version v) throws Exception {
        return new String(h.journal().readAll(v), StandardCharsets.UTF_8);
    }

    @Test
    void threeSavesGiveThreeVersionsPlusTheOriginalWithTheRightBytes() throws Exception {
        put("h_three.py", "v0\n");
        HistoryService h = history();
        ResourceEditorViewModel vm = open("h_three.py", h);
        vm.dirtyProperty().set(true);
        vm.saveText("v1\n");
        vm.dirtyProperty().set(true);
        vm.saveText("v2\n");
        vm.dirtyProperty().set(true);
        vm.saveText("v3\n");
        vm.release();
        List<Version> versions = h.journal().list(ref("h_three.py"));
        assertThat(versions).extracting(Version::action).containsExactly(VersionAction.SERVER, VersionAction.SAVE,
                VersionAction.SAVE, VersionAction.SAVE);
        assertThat(versions.stream().map(v -> {
            try {
                return text(h, v);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        })).containsExactly("v0\n", "v1\n", "v2\n", "v3\n");
        assertThat(versions.get(3).md5()).isEqualTo(odps.getResource("h_three.py").info().md5());
        assertThat(versions.get(3).author()).isEqualTo(odps.getResource("h_three.py").info().lastUpdator());
    }

    @Test
    void saveAsOverAnExistingResourceRecordsTheCopyItReplacesAndTheBytesWritten() throws Exception {
        put("h_source.py", "mine\n");
        put("h_target.py", "theirs\n");
        HistoryService h = history();
        ResourceEditorViewModel vm = open("h_source.py", h);
        vm.saveAs("h_target.py", ResourceType.PY, () -> "mine, saved as\n".getBytes(StandardCharsets.UTF_8), true);
        vm.release();
        assertThat(server("h_target.py")).isEqualTo("mine, saved as\n");
        List<Version> versions = h.journal().list(ref("h_target.py"));
        assertThat(versions).extracting(Version::action).containsExactly(VersionAction.SERVER, VersionAction.SAVE_AS);
        assertThat(text(h, versions.get(0))).isEqualTo("theirs\n");
        assertThat(text(h, versions.get(1))).isEqualTo("mine, saved as\n");
        assertThat(versions.get(1).md5()).isEqualTo(odps.getResource("h_target.py").info().md5());
    }

    @Test
    void aTruncateIsRecordedAsSuch() throws Exception {
        put("h_trunc.py", "keep\ncut\n");
        HistoryService h = history();
        ResourceEditorViewModel vm = open("h_trunc.py", h);
        vm.markTruncated();
        vm.dirtyProperty().set(true);
        vm.saveText("keep\n");
        vm.release();
        assertThat(h.journal().list(ref("h_trunc.py"))).extracting(Version::action)
                .containsExactly(VersionAction.SERVER, VersionAction.TRUNCATE);
    }

    @Test
    void restoringTheFirstVersionWritesExactlyItsBytes() throws Exception {
        put("h_restore.py", "first\n");
        HistoryService h = history();
        ResourceEditorViewModel vm = open("h_restore.py", h);
        vm.dirtyProperty().set(true);
        vm.saveText("second\n");
        vm.dirtyProperty().set(true);
        vm.saveText("third\n");
        vm.release();
        HistoryViewModel panel = new HistoryViewModel(odps, h, ref("h_restore.py"), tasks, dialogs);
        panel.refresh();
        Version first = panel.versions().get(panel.versions().size() - 1);
        assertThat(text(h, first)).isEqualTo("first\n");
        panel.restore(first);
        assertThat(panel.conflictProperty().get()).isNull();
        assertThat(dialogs.errors).isEmpty();
        assertThat(server("h_restore.py")).isEqualTo("first\n");
        assertThat(panel.versions().get(0).action()).as("newest first").isEqualTo(VersionAction.RESTORE);
        assertThat(panel.versions()).hasSize(4);
    }

    @Test
    void restoringAnEmptyVersionEmptiesTheResource() throws Exception {
        put("h_empty.py", "");
        HistoryService h = history();
        ResourceEditorViewModel vm = open("h_empty.py", h);
        vm.dirtyProperty().set(true);
        vm.saveText("filled\n");
        vm.release();
        HistoryViewModel panel = new HistoryViewModel(odps, h, ref("h_empty.py"), tasks, dialogs);
        panel.refresh();
        Version empty = panel.versions().get(panel.versions().size() - 1);
        assertThat(text(h, empty)).isEmpty();
        panel.restore(empty);
        assertThat(dialogs.errors).isEmpty();
        assertThat(server("h_empty.py")).as("the empty version's bytes, not the last save's").isEmpty();
        assertThat(panel.versions().get(0).action()).isEqualTo(VersionAction.RESTORE);
    }

    @Test
    void restoringAfterTheServerChangedGoesThroughTheConflictDialog() throws Exception {
        put("h_conflict.py", "first\n");
        HistoryService h = history();
        ResourceEditorViewModel vm = open("h_conflict.py", h);
        vm.dirtyProperty().set(true);
        vm.saveText("second\n");
        vm.release();
        HistoryViewModel panel = new HistoryViewModel(odps, h, ref("h_conflict.py"), tasks, dialogs);
        panel.refresh();
        Version first = panel.versions().get(1);
        odps.updateResource("h_conflict.py", "someone else\n".getBytes(StandardCharsets.UTF_8),
                ResourceOptions.defaults());

        panel.restore(first);
        ResourceEditorViewModel.Conflict c = panel.conflictProperty().get();
        assertThat(c).as("the conflict dialog is asked").isNotNull();
        assertThat(c.theirs()).isEqualTo("someone else\n");
        assertThat(c.mine()).isEqualTo("first\n");
        assertThat(server("h_conflict.py")).as("nothing written before the answer").isEqualTo("someone else\n");
        panel.cancelConflict();
        assertThat(server("h_conflict.py")).isEqualTo("someone else\n");

        panel.restore(first);
        panel.keepMine();
        assertThat(server("h_conflict.py")).isEqualTo("first\n");
        List<Version> all = h.journal().list(ref("h_conflict.py"));
        assertThat(all).extracting(Version::action).containsSubsequence(VersionAction.SERVER, VersionAction.RESTORE);
        assertThat(text(h, all.get(all.size() - 2))).as("the overwritten server copy is kept too")
                .isEqualTo("someone else\n");
    }

    @Test
    void comparingTwoTextVersionsGivesALineDiffAndBinaryOnesTheFirstDifferingOffsets() throws Exception {
        put("h_cmp.py", "a\nb\nc\n");
        HistoryService h = history();
        ResourceEditorViewModel vm = open("h_cmp.py", h);
        vm.dirtyProperty().set(true);
        vm.saveText("a\nB\nc\nd\n");
        vm.release();
        HistoryViewModel panel = new HistoryViewModel(odps, h, ref("h_cmp.py"), tasks, dialogs);
        panel.refresh();
        panel.compare(panel.versions().get(0), panel.versions().get(1));
        HistoryViewModel.TextDiff diff = (HistoryViewModel.TextDiff) panel.comparisonProperty().get();
        assertThat(diff.added()).isEqualTo(2);
        assertThat(diff.removed()).isEqualTo(1);
        assertThat(diff.unified()).contains("-b", "+B", "+d");

        byte[] one = new byte[5000];
        byte[] two = one.clone();
        two[0] = 1;
        two[4096] = 7;
        HistoryRef bin = ref("h_cmp.bin");
        Version v1 = h.journal().record(bin, VersionAction.SAVE, null, ByteSource.of(one), null);
        Version v2 = h.journal().record(bin, VersionAction.SAVE, null, ByteSource.of(
                Arrays.copyOf(two, 4999)), null);
        panel.compare(v2, v1);
        HistoryViewModel.BinaryDiff b = (HistoryViewModel.BinaryDiff) panel.comparisonProperty().get();
        assertThat(b.left()).isEqualTo(v1);
        assertThat(b.offsets()).containsExactly(0L, 4096L, 4999L);
        assertThat(Files.readAllBytes(b.leftFile())).isEqualTo(one);
        panel.close();
        assertThat(b.leftFile()).doesNotExist();
    }

    @Test
    void aJournalThatCannotBeWrittenStillLetsTheSaveHappenWithAVisibleWarning() throws Exception {
        put("h_broken.py", "v0\n");
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where the journal folder should be");
        HistoryService h = new HistoryService(dir.resolve("config"), dir.resolve("data"),
                new HistorySettings(blocked, JournalLimits.DEFAULTS));
        ResourceEditorViewModel vm = open("h_broken.py", h);
        vm.dirtyProperty().set(true);
        vm.dirtyProperty().set(true);
        vm.saveText("v1\n");
        assertThat(server("h_broken.py")).isEqualTo("v1\n");
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("Saved h_broken.py").contains("History not recorded");
        assertThat(dialogs.errors).isEmpty();
        vm.release();
    }

    @Test
    void saveCopyAsWritesTheVersionsBytes() throws Exception {
        put("h_copy.py", "old\n");
        HistoryService h = history();
        ResourceEditorViewModel vm = open("h_copy.py", h);
        vm.dirtyProperty().set(true);
        vm.saveText("new\n");
        vm.release();
        HistoryViewModel panel = new HistoryViewModel(odps, h, ref("h_copy.py"), tasks, dialogs);
        panel.refresh();
        Path target = dir.resolve("copy.py");
        panel.saveCopy(panel.versions().get(1), target);
        assertThat(Files.readString(target)).isEqualTo("old\n");
    }
}
