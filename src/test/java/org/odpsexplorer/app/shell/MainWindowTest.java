package org.odpsexplorer.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odpsexplorer.app.shell.AppFixture.await;
import static org.odpsexplorer.app.shell.AppFixture.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Side;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.editor.OpenMode;
import org.odpsexplorer.app.editor.ResourceEditorTab;
import org.odpsexplorer.app.editor.ResourceEditorViewModel;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.app.tree.ResourceTreeView;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Robot tests of the main window against a real embedded emulator: tree, editors, modes, saving, conflicts. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    static Path dir;
    static AppFixture app;
    MainWindow window;

    @BeforeAll
    static void context() throws Exception {
        app = AppFixture.start(dir);
    }

    @AfterAll
    static void close() throws Exception {
        app.close();
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(app.ctx, stage, new TestDialogs(stage));
        stage.show();
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        AppFixture.closeWindows(robot, window);
    }

    private void seed(String name, String type, byte[] content) throws Exception {
        if (app.sdk().existResource(name)) {
            app.sdk().deleteResource(name);
        }
        app.sdk().createResource(name, type, content);
    }

    /** Narrows the tree to {@code name} with the filter box and returns the row's query. */
    private String showInTree(FxRobot robot, String name) throws Exception {
        app.sdk();
        ProjectRef ref = new ProjectRef(window.treeViewModel().connections().get(0), "demo");
        waitUntil(() -> robot.lookup("#project-demo").tryQuery().isPresent());
        TextField filter = robot.lookup("#treeFilter").queryAs(TextField.class);
        // Enter/F5 send the filter as the server-side prefix, so clear it before reloading
        robot.interact(() -> filter.setText(""));
        robot.interact(() -> window.treeView().refreshAll());
        waitUntil(() -> window.treeViewModel().pendingLoadsProperty().get() == 0
                && window.treeViewModel().listing(ref).stream().anyMatch(i -> i.name().contains(name)));
        robot.interact(() -> filter.setText(name));
        String query = "#" + ResourceTreeView.cellId(name);
        await(robot, query);
        WaitForAsyncUtils.waitForFxEvents();
        return query;
    }

    private ResourceEditorTab openByDoubleClick(FxRobot robot, String name) throws Exception {
        AppFixture.doubleClickRow(robot, showInTree(robot, name), () -> window.editors().selected()
                .filter(t -> t.viewModel().getName().equals(name)).isPresent());
        return awaitTab(name);
    }

    private ResourceEditorTab openWithMode(String name, OpenMode mode) throws Exception {
        ResourceInfo info = app.sdk().getResource(name).info();
        ProjectRef ref = new ProjectRef(window.treeViewModel().connections().get(0), "demo");
        FxToolkit.setupFixture(() -> window.open(ref, info, mode, false));
        return awaitTab(name);
    }

    private ResourceEditorTab awaitTab(String name) throws Exception {
        // the editor exists and the tab pane has put it into the scene (that happens on a layout pulse)
        waitUntil(() -> window.editors().selected().filter(t -> t.viewModel().getName().equals(name))
                .map(t -> t.codeEditor() != null ? t.codeEditor().area().getScene() != null
                        : t.hexView() != null && t.hexView().root().getScene() != null).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return window.editors().selected().orElseThrow();
    }

    private static void ctrlS(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
    }

    @Test
    void theTreeListsResourcesByTypeAndDoubleClickOpensTheContent(FxRobot robot) throws Exception {
        seed("hello_tree.py", "py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
        seed("lib_tree.jar", "jar", new byte[] {'P', 'K', 3, 4, 0});
        showInTree(robot, "hello_tree.py");
        robot.interact(() -> robot.lookup("#treeFilter").queryAs(TextField.class).setText("_tree."));
        await(robot, "#" + ResourceTreeView.cellId("hello_tree.py"));
        await(robot, "#" + ResourceTreeView.cellId("lib_tree.jar"));
        // the drawn icon set (icons/, rendered PNGs), not shapes drawn in code; the window has the app icon
        assertThat(robot.lookup(".icon-py").queryAs(ImageView.class).getImage().getWidth())
                .isEqualTo(32);
        assertThat(robot.lookup(".icon-jar").tryQuery()).isPresent();
        assertThat(window.stage().getIcons()).extracting(Image::getWidth)
                .contains(16.0, 32.0, 256.0);

        ResourceEditorTab tab = openByDoubleClick(robot, "hello_tree.py");
        assertThat(tab.codeEditor().area().getText()).isEqualTo("print('hi')\n");
        assertThat(tab.viewModel().mode()).isEqualTo(OpenMode.R_PLUS);
        waitUntil(() -> tab.codeEditor().area().getStyleOfChar(0).contains("builtin"));
        // a jar opens as the list of its entries; these five bytes are no readable zip, and the view says so
        AppFixture.doubleClickRow(robot, showInTree(robot, "lib_tree.jar"));
        await(robot, "#archiveProblem");
        ResourceInfo info = app.sdk().getResource("lib_tree.jar").info();
        ProjectRef ref = new ProjectRef(window.treeViewModel().connections().get(0), "demo");
        robot.interact(() -> window.open(ref, info, null, true));
        ResourceEditorTab jar = awaitTab("lib_tree.jar");
        assertThat(jar.hexView()).isNotNull();
        assertThat(jar.viewModel().mode()).isEqualTo(OpenMode.R);
    }

    @Test
    void firstStartCreatesTheEmbeddedConnectionAndListsTheDemoResources(FxRobot robot) throws Exception {
        assertThat(app.ctx.initialProfiles()).singleElement().satisfies(p -> assertThat(p.embedded()).isTrue());
        assertThat(Files.exists(dir.resolve("config").resolve("connections.json"))).isTrue();
        showInTree(robot, "demo_udf.py");
        ProjectRef ref = new ProjectRef(window.treeViewModel().connections().get(0), "demo");
        assertThat(window.treeViewModel().names(ref))
                .contains("demo_udf.py", "daily_report.sql", "sample_bytes.bin", "demo_udf.jar", "lookup_tables.zip");
        robot.interact(() -> robot.lookup("#treeFilter").queryAs(TextField.class).setText("demo_udf"));
        await(robot, "#" + ResourceTreeView.cellId("demo_udf.jar"));
        assertThat(robot.lookup("#" + ResourceTreeView.cellId("demo_udf.py")).tryQuery()).isPresent();
        assertThat(robot.lookup(".icon-jar").tryQuery()).isPresent();
        assertThat(Files.isDirectory(dir.resolve("data").resolve("emulator"))).isTrue();
    }

    @Test
    void openTabsAreRememberedAndReopened(FxRobot robot) throws Exception {
        seed("remember_me.sql", "file", "select 1;\n".getBytes(StandardCharsets.UTF_8));
        openByDoubleClick(robot, "remember_me.sql");
        robot.interact(() -> window.rememberState());
        assertThat(app.ctx.settings().openTabs()).extracting(t -> t.resource() + "/" + t.mode())
                .contains("remember_me.sql/r+");
        try {
            robot.interact(() -> {
                window.dispose();
                window = new MainWindow(app.ctx, window.stage(), new TestDialogs(window.stage()));
            });
            waitUntil(() -> window.editors().all().stream()
                    .anyMatch(t -> t.viewModel().getName().equals("remember_me.sql") && t.codeEditor() != null));
        } finally {
            app.ctx.updateSettings(app.ctx.settings().withOpenTabs(List.of()));
        }
    }

    @Test
    void typingAndCtrlSChangesTheServerCopy(FxRobot robot) throws Exception {
        seed("edit_me.py", "py", "x = 1\n".getBytes(StandardCharsets.UTF_8));
        ResourceEditorTab tab = openByDoubleClick(robot, "edit_me.py");
        robot.clickOn("#codeArea");
        robot.interact(() -> tab.codeEditor().area().moveTo(tab.codeEditor().area().getLength()));
        robot.write("y = 2\n");
        assertThat(tab.viewModel().dirtyProperty().get()).isTrue();
        ctrlS(robot);
        waitUntil(() -> !tab.viewModel().dirtyProperty().get());
        assertThat(app.serverText("edit_me.py")).isEqualTo("x = 1\ny = 2\n");
    }

    @Test
    void modeRRefusesTyping(FxRobot robot) throws Exception {
        seed("read_only.txt", "file", "keep\n".getBytes(StandardCharsets.UTF_8));
        ResourceEditorTab tab = openWithMode("read_only.txt", OpenMode.R);
        robot.clickOn("#codeArea");
        robot.write("zzz");
        ctrlS(robot);
        assertThat(tab.codeEditor().area().getText()).isEqualTo("keep\n");
        assertThat(tab.viewModel().dirtyProperty().get()).isFalse();
        assertThat(app.serverText("read_only.txt")).isEqualTo("keep\n");
    }

    @Test
    void modeAOnlyAppends(FxRobot robot) throws Exception {
        seed("log.txt", "file", "one\n".getBytes(StandardCharsets.UTF_8));
        ResourceEditorTab tab = openWithMode("log.txt", OpenMode.A);
        var area = tab.codeEditor().area();
        robot.clickOn("#codeArea");
        robot.interact(() -> area.moveTo(0));
        robot.write("X");
        robot.type(KeyCode.DELETE);
        assertThat(area.getText()).isEqualTo("one\n");
        robot.interact(() -> area.moveTo(area.getLength()));
        robot.write("two\n");
        ctrlS(robot);
        waitUntil(() -> !tab.viewModel().dirtyProperty().get());
        assertThat(app.serverText("log.txt")).isEqualTo("one\ntwo\n");
    }

    @Test
    void modeWStartsEmptyAndReplacesTheContent(FxRobot robot) throws Exception {
        seed("fresh.txt", "file", "old content\n".getBytes(StandardCharsets.UTF_8));
        ResourceEditorTab tab = openWithMode("fresh.txt", OpenMode.W);
        assertThat(tab.codeEditor().area().getText()).isEmpty();
        robot.clickOn("#codeArea");
        robot.write("new\n");
        ctrlS(robot);
        waitUntil(() -> !tab.viewModel().dirtyProperty().get());
        assertThat(app.serverText("fresh.txt")).isEqualTo("new\n");
    }

    @Test
    void closingADirtyTabAsksAndDiscardKeepsTheServerCopy(FxRobot robot) throws Exception {
        seed("dirty.txt", "file", "same\n".getBytes(StandardCharsets.UTF_8));
        ResourceEditorTab tab = openByDoubleClick(robot, "dirty.txt");
        robot.clickOn("#codeArea");
        robot.write("changed ");
        robot.clickOn(".tab-close-button");
        await(robot, "#closeDirtyDialog");
        assertThat(window.editors().all()).contains(tab);
        robot.clickOn("Discard");
        waitUntil(() -> !window.editors().all().contains(tab));
        assertThat(app.serverText("dirty.txt")).isEqualTo("same\n");
    }

    @Test
    void openWithModeOffersEveryModeAndTheBadgeShowsTheChosenOne(FxRobot robot) throws Exception {
        seed("modes.txt", "file", "head\n".getBytes(StandardCharsets.UTF_8));
        String cell = showInTree(robot, "modes.txt");
        robot.clickOn(cell);
        TreeCell<?> row = robot.lookup(cell).query();
        // Monocle's robot does not raise popup-trigger clicks, so the row's own context menu is shown directly
        robot.interact(() -> row.getContextMenu().show(row, Side.BOTTOM, 0, 0));
        robot.clickOn("Open with mode…");
        ComboBox<OpenMode> modes = robot.lookup("#openModeDialog .combo-box").query();
        assertThat(modes.getItems()).hasSize(12);
        robot.interact(() -> modes.setValue(OpenMode.A_PLUS));
        robot.clickOn("OK");
        ResourceEditorTab tab = awaitTab("modes.txt");
        assertThat(tab.viewModel().mode()).isEqualTo(OpenMode.A_PLUS);
        assertThat(robot.lookup("#modeBadge").queryAs(Label.class).getText()).isEqualTo("a+");
        robot.clickOn("#codeArea");
        robot.interact(() -> tab.codeEditor().area().moveTo(0));
        robot.write("no");
        assertThat(tab.codeEditor().area().getText()).isEqualTo("head\n");
    }

    @Test
    void truncateAtCaretCutsTheServerCopy(FxRobot robot) throws Exception {
        seed("cut.txt", "file", "0123456789".getBytes(StandardCharsets.UTF_8));
        ResourceEditorTab tab = openByDoubleClick(robot, "cut.txt");
        robot.interact(() -> tab.codeEditor().area().moveTo(4));
        robot.clickOn("#truncateButton");
        assertThat(tab.codeEditor().area().getText()).isEqualTo("0123");
        robot.clickOn("#saveButton");
        waitUntil(() -> !tab.viewModel().dirtyProperty().get());
        assertThat(app.serverText("cut.txt")).isEqualTo("0123");
    }

    @Test
    void saveAsWritesANewResourceWithTheChosenNameAndType(FxRobot robot) throws Exception {
        seed("orig.txt", "file", "print(1)\n".getBytes(StandardCharsets.UTF_8));
        if (app.sdk().existResource("copy.py")) {
            app.sdk().deleteResource("copy.py");
        }
        ResourceEditorTab tab = openByDoubleClick(robot, "orig.txt");
        robot.clickOn("#saveAsButton");
        TextField name = (TextField) await(robot, "#saveAsName");
        robot.interact(() -> name.setText("copy.py"));
        robot.interact(() -> robot.lookup("#saveAsType").queryAs(ChoiceBox.class)
                .setValue(ResourceType.PY));
        robot.clickOn("OK");
        waitUntil(() -> tab.viewModel().getName().equals("copy.py") && !tab.viewModel().busyProperty().get());
        assertThat(app.serverText("copy.py")).isEqualTo("print(1)\n");
        assertThat(app.sdk().getResource("copy.py").type().wireName()).isEqualTo("py");
        assertThat(app.serverText("orig.txt")).isEqualTo("print(1)\n");
    }

    @Test
    void hexEditOfOneByteIsSavedByteExact(FxRobot robot) throws Exception {
        byte[] data = new byte[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        seed("blob.bin", "file", data);
        ResourceEditorTab tab = openByDoubleClick(robot, "blob.bin");
        assertThat(tab.hexView()).as("binary content opens in hex").isNotNull();
        robot.clickOn("#hexCanvas");
        robot.interact(() -> tab.hexView().viewModel().setCaret(0x10, false));
        robot.write("ab");
        ctrlS(robot);
        waitUntil(() -> !tab.viewModel().dirtyProperty().get() && !tab.viewModel().busyProperty().get());
        byte[] expected = data.clone();
        expected[0x10] = (byte) 0xAB;
        assertThat(app.serverBytes("blob.bin")).isEqualTo(expected);
    }

    @Test
    void aSaveAfterTheServerCopyChangedShowsTheConflictDialog(FxRobot robot) throws Exception {
        seed("shared.py", "py", "a = 1\nb = 2\n".getBytes(StandardCharsets.UTF_8));
        ResourceEditorTab tab = openByDoubleClick(robot, "shared.py");
        app.sdk().updateResource("shared.py", "a = 1\nb = 3\n".getBytes(StandardCharsets.UTF_8),
                ResourceOptions.defaults());
        robot.clickOn("#codeArea");
        robot.interact(() -> tab.codeEditor().area().moveTo(0));
        robot.write("# mine\n");
        ctrlS(robot);
        await(robot, "#conflictDialog");
        assertThat(app.serverText("shared.py")).as("nothing overwritten silently").isEqualTo("a = 1\nb = 3\n");
        assertThat(robot.lookup("#conflictDiff").queryListView().getItems()).isNotEmpty();
        robot.clickOn("Keep mine");
        waitUntil(() -> !tab.viewModel().dirtyProperty().get());
        assertThat(app.serverText("shared.py")).isEqualTo("# mine\na = 1\nb = 2\n");
    }
}
