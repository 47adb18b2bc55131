package org.odpsexplorer.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.RecordingDialogs;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.connection.ConnectionStore;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.app.connection.Sessions;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.app.tree.ResourceTreeViewModel;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;

/**
 * Legacy encodings, honest saves and comment changes through the editor and tree view models, against a real
 * emulator (with fault injection) on a same-thread executor.
 */
class EncodingAndHonestSaveTest {
    @TempDir
    static Path dir;
    static EmulatorServer server;
    static Odps odps;
    static Sessions sessions;
    static ProjectRef ref;
    final RecordingDialogs dialogs = new RecordingDialogs();

    @BeforeAll
    static void start() throws Exception {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dir.resolve("data")).port(0)
                .project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build());
        odps = Odps.builder().endpoint(server.url()).project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build();
        sessions = new Sessions(new ConnectionStore(dir.resolve("config")));
        sessions.setEmbeddedUrl(server.url());
        ref = new ProjectRef(EmbeddedEmulator.profile(), EmulatorConfig.DEFAULT_PROJECT);
    }

    @AfterAll
    static void stop() {
        sessions.close();
        odps.close();
        server.close();
    }

    private static void put(String name, byte[] bytes) {
        if (odps.existResource(name)) {
            odps.deleteResource(name);
        }
        odps.createResource(name, "file", bytes);
    }

    private static byte[] serverBytes(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        odps.downloadResource(name, out, ResourceOptions.defaults());
        return out.toByteArray();
    }

    private ResourceEditorViewModel open(String name, OpenMode mode) {
        ResourceEditorViewModel vm = new ResourceEditorViewModel(odps, name, ResourceType.FILE, mode, false,
                new SameThreadUiExecutor(), dialogs);
        vm.open();
        assertThat(vm.openedProperty().get()).as("opened, errors: " + dialogs.errors).isNotNull();
        return vm;
    }

    private static void edit(ResourceEditorViewModel vm, String text) {
        vm.dirtyProperty().set(true);
        vm.saveText(text);
    }

    private void editAndSave(String name, String original, String charset, TextEncoding expected) {
        byte[] bytes = original.getBytes(Charset.forName(charset));
        put(name, bytes);
        ResourceEditorViewModel vm = open(name, OpenMode.R_PLUS);
        ResourceEditorViewModel.Opened opened = vm.openedProperty().get();
        assertThat(opened.view()).as(charset + " opens as text").isEqualTo(ResourceEditorViewModel.View.TEXT);
        assertThat(opened.text().encoding()).isEqualTo(expected);
        assertThat(vm.encoding()).isEqualTo(expected);
        assertThat(opened.text().text()).isEqualTo(original);

        // an edit that changes nothing (typed and undone) still saves the very same bytes
        edit(vm, original);
        assertThat(serverBytes(name)).as(charset + " unchanged text saves byte-identical").isEqualTo(bytes);

        String edited = original.replace("\n", "\n") + TextContentTest.SIMPLIFIED.lines().findFirst().orElseThrow()
                .substring(0, 0) + lastLineEdit(charset);
        edit(vm, edited);
        assertThat(dialogs.infos).as("nothing refused").isEmpty();
        assertThat(serverBytes(name)).as(charset + " edited").isEqualTo(edited.getBytes(Charset.forName(charset)));
        vm.release();
    }

    /** A line every one of these encodings can hold. */
    private static String lastLineEdit(String charset) {
        return switch (charset) {
            case "Big5" -> "# 已修改：新增一行\n";
            case "Shift_JIS" -> "# 変更：一行追加\n";
            default -> "-- 已修改：新增一行\n";
        };
    }

    @Test
    void gbkGb18030Big5ShiftJisAndUtf16WithoutBomAreEditedAndSavedInTheirEncoding() {
        editAndSave("enc_gbk.sql", TextContentTest.SIMPLIFIED, "GBK", TextEncoding.GBK);
        editAndSave("enc_gb18030.sql", TextContentTest.SIMPLIFIED + "-- 姓：\uD842\uDFB7\n", "GB18030",
                TextEncoding.GB18030);
        editAndSave("enc_big5.ini", TextContentTest.TRADITIONAL, "Big5", TextEncoding.BIG5);
        editAndSave("enc_sjis.ini", TextContentTest.JAPANESE, "Shift_JIS", TextEncoding.SHIFT_JIS);
        editAndSave("enc_utf16le.sql", TextContentTest.SIMPLIFIED, "UTF-16LE", TextEncoding.UTF_16LE);
        editAndSave("enc_utf16be.sql", TextContentTest.SIMPLIFIED, "UTF-16BE", TextEncoding.UTF_16BE);
    }

    @Test
    void anUnencodableCharacterIsRefusedWithItsPositionAndNothingIsWritten() {
        byte[] bytes = TextContentTest.SIMPLIFIED.getBytes(Charset.forName("GBK"));
        put("enc_refuse.sql", bytes);
        ResourceEditorViewModel vm = open("enc_refuse.sql", OpenMode.R_PLUS);
        String edited = "-- 表情 \uD83D\uDE00\n" + TextContentTest.SIMPLIFIED;
        edit(vm, edited);
        assertThat(dialogs.infos).singleElement().asString().contains("line 1, column 7", "U+1F600", "GBK");
        assertThat(vm.statusProperty().get()).startsWith("Not saved");
        assertThat(vm.dirtyProperty().get()).as("still unsaved").isTrue();
        assertThat(serverBytes("enc_refuse.sql")).as("nothing replaced, nothing written").isEqualTo(bytes);

        vm.saveWithEncoding(TextEncoding.UTF_8, edited);
        assertThat(serverBytes("enc_refuse.sql")).isEqualTo(edited.getBytes(StandardCharsets.UTF_8));
        assertThat(vm.encoding()).isEqualTo(TextEncoding.UTF_8);
        vm.release();
    }

    @Test
    void reopenWithEncodingDecodesAgainOrRefusesBytesThatDoNotFit() {
        byte[] big5 = "設定\n".getBytes(Charset.forName("Big5"));
        put("enc_reopen.txt", big5);
        ResourceEditorViewModel vm = open("enc_reopen.txt", OpenMode.R_PLUS);
        assertThat(vm.openedProperty().get().view()).isEqualTo(ResourceEditorViewModel.View.TEXT);
        assertThat(vm.openedProperty().get().text().guessed()).as("four bytes are no evidence").isTrue();
        assertThat(vm.statusProperty().get()).contains("guessed", "Reopen with encoding");

        assertThat(vm.reopenWithEncoding(TextEncoding.UTF_8)).isFalse();
        assertThat(dialogs.infos).singleElement().asString().contains("byte 0 is not valid UTF-8");

        assertThat(vm.reopenWithEncoding(TextEncoding.BIG5)).isTrue();
        assertThat(vm.openedProperty().get().text().text()).isEqualTo("設定\n");
        edit(vm, "設定\n完成\n");
        assertThat(serverBytes("enc_reopen.txt")).isEqualTo("設定\n完成\n".getBytes(Charset.forName("Big5")));
        vm.release();
    }

    @Test
    void saveOnACleanTabUploadsNothing() throws Exception {
        put("honest_clean.txt", "one\n".getBytes(StandardCharsets.UTF_8));
        ResourceEditorViewModel vm = open("honest_clean.txt", OpenMode.R_PLUS);
        edit(vm, "one\ntwo\n");
        Instant saved = odps.getResource("honest_clean.txt").lastModifiedTime();
        Thread.sleep(1100); // the server's times have whole seconds: a new version would now show a later one
        vm.saveText("one\ntwo\n");
        assertThat(vm.statusProperty().get()).isEqualTo("No changes to save");
        assertThat(odps.getResource("honest_clean.txt").lastModifiedTime()).isEqualTo(saved);
        vm.dirtyProperty().set(true); // the next keystroke
        assertThat(vm.statusProperty().get()).as("no stale 'no changes' under an edited text").isEmpty();
        vm.release();
    }

    @Test
    void appendModeMovesTheProtectedRegionOnlyAfterTheUploadSucceeded() {
        put("honest_append.log", "a\n".getBytes(StandardCharsets.UTF_8));
        ResourceEditorViewModel vm = open("honest_append.log", OpenMode.A);
        List<String> savedTexts = new ArrayList<>();
        vm.addSavedListener((info, text) -> savedTexts.add(text));
        server.faults().failNext("*", "/projects/" + EmulatorConfig.DEFAULT_PROJECT + "/resources", 400, 20);
        edit(vm, "a\nb\n");
        server.faults().clear();
        assertThat(dialogs.errors).as("the failed upload is reported").hasSize(1);
        assertThat(savedTexts).as("no success, so the region stays where it was").isEmpty();
        assertThat(vm.dirtyProperty().get()).isTrue();
        vm.saveText("a\nb\n");
        assertThat(savedTexts).containsExactly("a\nb\n");
        assertThat(new String(serverBytes("honest_append.log"), StandardCharsets.UTF_8))
                .isEqualTo("a\nb\n");
        vm.release();
    }

    @Test
    void aCommentChangeKeepsOpenTabsFreeOfFalseConflictsAndIsCheckedLikeASave() throws Exception {
        put("honest_comment.txt", "body\n".getBytes(StandardCharsets.UTF_8));
        ResourceEditorViewModel tab = open("honest_comment.txt", OpenMode.R_PLUS);
        ResourceTreeViewModel tree = new ResourceTreeViewModel(sessions, new SameThreadUiExecutor(), dialogs);
        tree.addCommentListener((r, before, after) -> tab.rebase(before, after));
        Thread.sleep(1100); // so the comment change gets a later modified time than the tab's base
        ResourceInfo shown = odps.getResource("honest_comment.txt").info();
        tree.select(ref, shown);
        tree.updateComment(ref, tree.detailsProperty().get(), "nightly", () -> { });
        assertThat(dialogs.errors).isEmpty();
        assertThat(odps.getResource("honest_comment.txt").comment()).isEqualTo("nightly");

        edit(tab, "body\nmore\n");
        assertThat(tab.conflictProperty().get()).as("no false conflict after our own comment change").isNull();
        assertThat(new String(serverBytes("honest_comment.txt"), StandardCharsets.UTF_8))
                .isEqualTo("body\nmore\n");
        assertThat(odps.getResource("honest_comment.txt").comment()).as("the save keeps the comment")
                .isEqualTo("nightly");
        tab.release();

        // someone else changes the content after the details were read: the comment change is refused
        ResourceInfo before = odps.getResource("honest_comment.txt").info();
        tree.select(ref, before);
        Thread.sleep(1100);
        odps.updateResource("honest_comment.txt", "theirs\n".getBytes(StandardCharsets.UTF_8),
                ResourceOptions.defaults());
        tree.updateComment(ref, before, "mine", () -> { });
        ResourceTreeViewModel.CommentConflict conflict = tree.commentConflictProperty().get();
        assertThat(conflict).isNotNull();
        assertThat(conflict.conflict().expected()).isEqualTo(before);
        assertThat(conflict.conflict().mine()).contains("mine");
        assertThat(odps.getResource("honest_comment.txt").comment()).isEqualTo("nightly");
        tree.resolveCommentConflict(ResourceTreeViewModel.ConflictChoice.KEEP_MINE);
        assertThat(odps.getResource("honest_comment.txt").comment()).isEqualTo("mine");
        assertThat(new String(serverBytes("honest_comment.txt"), StandardCharsets.UTF_8))
                .as("keep mine sets the comment on their content").isEqualTo("theirs\n");
    }
}
