package org.odpsexplorer.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odpsexplorer.app.shell.AppFixture.await;
import static org.odpsexplorer.app.shell.AppFixture.waitUntil;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.archive.ArchiveView;
import org.odpsexplorer.app.archive.EntryPreviewTab;
import org.odpsexplorer.app.archive.EntryTree;
import org.odpsexplorer.app.transfer.Transfer;
import org.odpsexplorer.app.tree.ProjectRef;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Robot tests of issue 15's archive features: a folder dropped on a project (a real drag gesture) uploads as a zip or
 * tar.gz holding exactly the files the ignore rules keep; double-clicking an archive lists it, previews an entry and
 * extracts a folder with the exact bytes, and names a traversal entry instead of writing it.
 */
@ExtendWith(ApplicationExtension.class)
class ArchiveViewTest {
    @TempDir
    static Path dir;
    static AppFixture app;
    MainWindow window;
    TestDialogs dialogs;
    volatile List<File> dragged = List.of();

    @BeforeAll
    static void context() throws Exception {
        app = AppFixture.start(dir.resolve("app"));
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        dialogs = new TestDialogs(stage);
        window = new MainWindow(app.ctx, stage, dialogs);
        AppFixture.addDragSource(window, () -> dragged);
        stage.show();
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        AppFixture.closeWindows(robot, window);
    }

    /** A package folder with files every ignore rule must keep out, and an .odpsignore. */
    private Path packageFolder(String name) throws Exception {
        Path root = dir.resolve("local-" + name).resolve(name);
        write(root.resolve("__init__.py"), "VERSION = '1.2'\n");
        write(root.resolve("core/util.py"), "def util():\n    return 42\n");
        write(root.resolve("core/data.csv"), "a,b\n1,2\n");
        write(root.resolve("core/__pycache__/util.cpython-311.pyc"), "compiled");
        write(root.resolve("stale.pyc"), "compiled");
        write(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        write(root.resolve("notes.tmp"), "scratch");
        write(root.resolve("build/out.bin"), "built");
        write(root.resolve(".odpsignore"), "# local junk\n*.tmp\nbuild/\n");
        return root;
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static final Map<String, String> KEPT = new TreeMap<>(Map.of(
            "mylib/", "", "mylib/__init__.py", "VERSION = '1.2'\n", "mylib/core/", "",
            "mylib/core/util.py", "def util():\n    return 42\n", "mylib/core/data.csv", "a,b\n1,2\n"));

    private void dropAndUpload(FxRobot robot, Path folder, boolean tarGz, String expectedName) throws Exception {
        if (app.sdk().existResource(expectedName)) {
            app.sdk().deleteResource(expectedName);
        }
        await(robot, "#project-demo");
        dragged = List.of(folder.toFile());
        robot.drag("#dragSource").dropTo("#project-demo");
        await(robot, "#archiveUploadDialog");
        assertThat(robot.lookup("#archiveUploadSummary").queryAs(Label.class).getText())
                .startsWith("3 files").contains("left out");
        if (tarGz) {
            robot.clickOn("#archiveFormatTarGz");
        }
        assertThat(robot.lookup("#archiveName").queryAs(TextField.class).getText()).isEqualTo(expectedName);
        robot.clickOn("#archiveUploadConfirm");
        waitUntil(() -> app.sdk().existResource(expectedName));
        waitUntil(() -> window.transfers().transfers().stream().anyMatch(t -> t.name().equals(expectedName)
                && t.stateProperty().get() == Transfer.State.DONE));
        assertThat(app.sdk().getResource(expectedName).type().wireName()).isEqualTo("archive");
    }

    private static Map<String, String> entries(ArchiveInputStream<?> in) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (ArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aDroppedFolderUploadsAsAZipHoldingExactlyTheKeptFiles(FxRobot robot) throws Exception {
        dropAndUpload(robot, packageFolder("mylib"), false, "mylib.zip");
        byte[] zip = app.serverBytes("mylib.zip");
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(zip))) {
            assertThat(entries(in)).isEqualTo(KEPT);
        }
    }

    @Test
    void aDroppedFolderUploadsAsATarGzHoldingExactlyTheKeptFiles(FxRobot robot) throws Exception {
        dropAndUpload(robot, packageFolder("mylib"), true, "mylib.tar.gz");
        byte[] tgz = app.serverBytes("mylib.tar.gz");
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(
                new ByteArrayInputStream(tgz)))) {
            assertThat(entries(in)).isEqualTo(KEPT);
        }
    }

    private static byte[] zipOf(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static TreeItem<EntryTree.Node> find(TreeItem<EntryTree.Node> item, String path) {
        if (item.getValue().path().equals(path)) {
            return item;
        }
        for (TreeItem<EntryTree.Node> c : item.getChildren()) {
            TreeItem<EntryTree.Node> found = find(c, path);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void openingAnArchiveListsPreviewsAndExtractsItsEntries(FxRobot robot) throws Exception {
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        String mod = "import os\n\ndef main():\n    print('héllo')\n";
        Map<String, byte[]> content = new LinkedHashMap<>();
        content.put("pkg/__init__.py", new byte[0]);
        content.put("pkg/mod.py", mod.getBytes(StandardCharsets.UTF_8));
        content.put("pkg/data/blob.bin", binary);
        content.put("../evil.txt", "escaped".getBytes(StandardCharsets.UTF_8));
        if (app.sdk().existResource("view_test.zip")) {
            app.sdk().deleteResource("view_test.zip");
        }
        app.sdk().createResource("view_test.zip", "archive", zipOf(content));
        await(robot, "#project-demo");
        ProjectRef ref = new ProjectRef(window.treeViewModel().connections().get(0), "demo");
        // (the double-click gesture on an archive row is MainWindowTest's; here the window's open action)
        var info = app.sdk().getResource("view_test.zip").info();
        robot.interact(() -> window.open(ref, info, null, false));
        await(robot, "#archiveEntries");
        ArchiveView view = (ArchiveView) window.editors().tabPane().getSelectionModel().getSelectedItem()
                .getUserData();
        waitUntil(() -> view.viewModel().loadedProperty().get() != null);
        await(robot, "#archiveEscapes");
        assertThat(view.viewModel().statusProperty().get()).startsWith("4 entries, 4 files");

        TreeItem<EntryTree.Node> modRow = find(view.table().getRoot(), "pkg/mod.py");
        robot.interact(() -> view.table().getSelectionModel().select(modRow));
        robot.clickOn("#archivePreview");
        waitUntil(() -> window.editors().tabPane().getSelectionModel().getSelectedItem().getUserData()
                instanceof EntryPreviewTab p && p.editor() != null);
        EntryPreviewTab preview = (EntryPreviewTab) window.editors().tabPane().getSelectionModel().getSelectedItem()
                .getUserData();
        assertThat(preview.editor().area().getText()).isEqualTo(mod);
        assertThat(preview.editor().area().isEditable()).isFalse();

        robot.interact(() -> window.editors().tabPane().getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.editors().tabPane().getTabs().stream()
                .filter(t -> t.getUserData() == view).findFirst().ifPresent(t -> window.editors().tabPane()
                        .getSelectionModel().select(t)));
        TreeItem<EntryTree.Node> pkg = find(view.table().getRoot(), "pkg/");
        robot.interact(() -> view.table().getSelectionModel().select(pkg));
        Path target = dir.resolve("extracted");
        dialogs.directory = target;
        robot.clickOn("#archiveExtract");
        waitUntil(() -> window.transfers().transfers().stream().anyMatch(t -> t.name().endsWith("!/pkg/")
                && t.stateProperty().get() == Transfer.State.DONE));
        assertThat(Files.readString(target.resolve("pkg/mod.py"))).isEqualTo(mod);
        assertThat(Files.readAllBytes(target.resolve("pkg/data/blob.bin"))).isEqualTo(binary);
        assertThat(Files.size(target.resolve("pkg/__init__.py"))).isZero();

        // everything, traversal entry included: it is refused, never written next to the target
        TreeItem<EntryTree.Node> root = view.table().getRoot();
        robot.interact(() -> view.table().getSelectionModel().select(root));
        Path all = dir.resolve("all").resolve("inside");
        dialogs.directory = all;
        robot.clickOn("#archiveExtract");
        waitUntil(() -> window.transfers().transfers().stream().anyMatch(t -> t.target().equals(all.toString())
                && t.stateProperty().get() == Transfer.State.DONE));
        Transfer done = window.transfers().transfers().stream().filter(t -> t.target().equals(all.toString()))
                .findFirst().orElseThrow();
        assertThat(done.messageProperty().get()).contains("refused 1").contains("../evil.txt");
        assertThat(all.resolve("pkg/mod.py")).exists();
        assertThat(dir.resolve("all").resolve("evil.txt")).doesNotExist();
        try (InputStream unused = Files.newInputStream(all.resolve("pkg/data/blob.bin"))) {
            assertThat(unused.readAllBytes()).isEqualTo(binary);
        }
    }
}
