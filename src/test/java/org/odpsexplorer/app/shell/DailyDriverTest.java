package org.odpsexplorer.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odpsexplorer.app.shell.AppFixture.await;
import static org.odpsexplorer.app.shell.AppFixture.waitUntil;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import javafx.geometry.Side;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
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
import org.odpsexplorer.app.editor.TextEncoding;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.app.tree.ResourceTreeView;
import org.odpsexplorer.app.tree.TreeNode;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Robot tests of issue 13 in the real window against the embedded emulator: legacy encodings as the user sees them,
 * honest saves (tree row, details, no new version for a clean tab), comment conflicts, mode words, drag-out copies.
 */
@ExtendWith(ApplicationExtension.class)
class DailyDriverTest {
    static final Charset GBK = Charset.forName("GBK");
    static final String SCRIPT = """
            -- 统计每日活跃用户数，按渠道汇总
            -- 作者：数据平台组；修改前请先联系负责人
            SELECT channel, COUNT(DISTINCT user_id) AS 活跃用户
            FROM ods_user_log
            WHERE dt = '${bizdate}' AND 状态 = '正常'
            GROUP BY channel;
            """;
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

    private void seed(String name, byte[] content) throws Exception {
        if (app.sdk().existResource(name)) {
            app.sdk().deleteResource(name);
        }
        app.sdk().createResource(name, "file", content);
    }

    private ProjectRef ref() {
        return new ProjectRef(window.treeViewModel().connections().get(0), "demo");
    }

    private String showInTree(FxRobot robot, String name) throws Exception {
        app.sdk();
        waitUntil(() -> robot.lookup("#project-demo").tryQuery().isPresent());
        TextField filter = robot.lookup("#treeFilter").queryAs(TextField.class);
        robot.interact(() -> filter.setText(""));
        robot.interact(() -> window.treeView().refreshAll());
        waitUntil(() -> window.treeViewModel().pendingLoadsProperty().get() == 0
                && window.treeViewModel().listing(ref()).stream().anyMatch(i -> i.name().equals(name)));
        robot.interact(() -> filter.setText(name));
        String query = "#" + ResourceTreeView.cellId(name);
        await(robot, query);
        WaitForAsyncUtils.waitForFxEvents();
        return query;
    }

    /**
     * Selects the row (so the details panel shows the resource) and opens it as a double-click does; the double-click
     * itself is left to MainWindowTest, as on a loaded machine two robot clicks may arrive too far apart to count.
     */
    private ResourceEditorTab openFromTree(FxRobot robot, String name) throws Exception {
        String cell = showInTree(robot, name);
        robot.clickOn(cell);
        waitUntil(() -> window.treeView().selectedResource() != null
                && window.treeView().selectedResource().info().name().equals(name));
        robot.interact(() -> {
            TreeNode.Resource r = window.treeView().selectedResource();
            window.open(r.ref(), r.info(), null, false);
        });
        waitUntil(() -> window.editors().selected().filter(t -> t.viewModel().getName().equals(name))
                .map(t -> t.codeEditor() != null && t.codeEditor().area().getScene() != null).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return window.editors().selected().orElseThrow();
    }

    private static void ctrlS(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private TreeNode.Resource row(FxRobot robot, String name) {
        TreeCell<?> cell = robot.lookup("#" + ResourceTreeView.cellId(name)).query();
        return (TreeNode.Resource) cell.getItem();
    }

    @Test
    void aGbkScriptIsEditedAsTextAndSavedAsGbkAndTheTreeAndDetailsShowTheNewVersion(FxRobot robot)
            throws Exception {
        seed("daily_gbk.sql", SCRIPT.getBytes(GBK));
        ResourceEditorTab tab = openFromTree(robot, "daily_gbk.sql");
        assertThat(tab.codeEditor().area().getText()).isEqualTo(SCRIPT);
        assertThat(text(robot, "#encodingLabel")).isEqualTo("GBK · LF");

        // a second, read-only view of the same resource
        ResourceInfo opened = app.sdk().getResource("daily_gbk.sql").info();
        robot.interact(() -> window.open(ref(), opened, OpenMode.R, false));
        waitUntil(() -> window.editors().all().size() == 2);
        ResourceEditorTab readOnly = window.editors().all().get(1);
        robot.interact(() -> window.editors().tabPane().getSelectionModel().select(tab.tab()));
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#codeArea");
        robot.interact(() -> tab.codeEditor().area().moveTo(tab.codeEditor().area().getLength()));
        robot.write("-- 已修改\n");
        ctrlS(robot);
        waitUntil(() -> !tab.viewModel().dirtyProperty().get() && !tab.viewModel().busyProperty().get());
        String expected = SCRIPT + "-- 已修改\n";
        assertThat(app.serverBytes("daily_gbk.sql")).isEqualTo(expected.getBytes(GBK));

        ResourceInfo server = app.sdk().getResource("daily_gbk.sql").info();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(row(robot, "daily_gbk.sql").info().md5()).isEqualTo(server.md5());
        assertThat(row(robot, "daily_gbk.sql").info().size()).isEqualTo(expected.getBytes(GBK).length);
        assertThat(text(robot, "#detailsMd5")).isEqualTo(server.md5());
        assertThat(text(robot, "#detailsSize")).isEqualTo(String.format("%,d bytes", server.size()));
        assertThat(readOnly.viewModel().statusProperty().get()).as("the other view of the resource")
                .contains(server.md5(), String.format("%,d bytes", server.size()));

        // a second Ctrl+S on the clean tab creates no new version
        Thread.sleep(1100); // the server's times have whole seconds
        robot.clickOn("#codeArea");
        ctrlS(robot);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.from(tab.tab().getContent()).lookup("#editorStatus").queryAs(Label.class).getText())
                .isEqualTo("No changes to save");
        Instant after = app.sdk().getResource("daily_gbk.sql").lastModifiedTime();
        assertThat(after).isEqualTo(server.lastModifiedTime());
    }

    @Test
    void aCharacterGbkCannotHoldIsRefusedWithItsPositionAndTheCaretGoesThere(FxRobot robot) throws Exception {
        seed("refuse_gbk.sql", SCRIPT.getBytes(GBK));
        ResourceEditorTab tab = openFromTree(robot, "refuse_gbk.sql");
        robot.clickOn("#codeArea");
        robot.interact(() -> {
            tab.codeEditor().area().moveTo(3);
            tab.codeEditor().area().insertText(3, "\uD83D\uDE00");
        });
        ctrlS(robot);
        Label message = (Label) await(robot, ".dialog-pane .content");
        assertThat(message.getText()).contains("line 1, column 4", "U+1F600", "GBK");
        robot.clickOn("OK");
        assertThat(tab.codeEditor().area().getCaretPosition()).isEqualTo(3);
        assertThat(tab.viewModel().dirtyProperty().get()).isTrue();
        assertThat(app.serverBytes("refuse_gbk.sql")).isEqualTo(SCRIPT.getBytes(GBK));
    }

    @Test
    void reopenWithEncodingFromTheTabMenuShowsTheChosenDecoding(FxRobot robot) throws Exception {
        byte[] big5 = "設定\n".getBytes(Charset.forName("Big5"));
        seed("short_big5.ini", big5);
        ResourceEditorTab tab = openFromTree(robot, "short_big5.ini");
        assertThat(text(robot, "#encodingLabel")).contains("(guessed)");
        // Monocle's robot raises no popup-trigger clicks, so the tab's own context menu is shown directly
        robot.interact(() -> tab.tab().getContextMenu().show(tab.codeEditor().area(), Side.TOP, 0, 0));
        robot.clickOn("Reopen with encoding…");
        ComboBox<TextEncoding> choices = robot.lookup("#encodingDialog .combo-box").query();
        robot.interact(() -> choices.setValue(TextEncoding.BIG5));
        robot.clickOn("OK");
        waitUntil(() -> "設定\n".equals(tab.codeEditor() == null ? null : tab.codeEditor().area().getText()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#encodingLabel")).isEqualTo("Big5 · LF");
    }

    @Test
    void aCommentChangeAgainstAConcurrentEditShowsTheConflictDialog(FxRobot robot) throws Exception {
        seed("commented.txt", "v1\n".getBytes(StandardCharsets.UTF_8));
        String cell = showInTree(robot, "commented.txt");
        robot.clickOn(cell);
        waitUntil(() -> window.treeViewModel().detailsProperty().get() != null
                && window.treeViewModel().detailsProperty().get().md5() != null);
        Thread.sleep(1100);
        app.sdk().updateResource("commented.txt", "v2\n".getBytes(StandardCharsets.UTF_8), ResourceOptions.defaults());
        TextField comment = robot.lookup("#detailsComment").queryAs(TextField.class);
        robot.interact(() -> {
            comment.setText("reviewed");
            comment.requestFocus();
        });
        robot.type(KeyCode.ENTER); // Enter in the comment field saves it, as the button does
        await(robot, "#conflictDialog");
        assertThat(app.sdk().getResource("commented.txt").comment()).as("nothing overwritten").isNull();
        robot.clickOn("Keep mine");
        waitUntil(() -> "reviewed".equals(app.sdk().getResource("commented.txt").comment()));
        assertThat(app.serverText("commented.txt")).isEqualTo("v2\n");
    }

    @Test
    void openWithModeShowsPyOdpsModeStringsWithTheirMeaning(FxRobot robot) throws Exception {
        seed("mode_words.txt", "x\n".getBytes(StandardCharsets.UTF_8));
        String cell = showInTree(robot, "mode_words.txt");
        robot.clickOn(cell);
        TreeCell<?> row = robot.lookup(cell).query();
        robot.interact(() -> row.getContextMenu().show(row, Side.BOTTOM, 0, 0));
        robot.clickOn("Open with mode…");
        ComboBox<OpenMode> modes = robot.lookup("#openModeDialog .combo-box").query();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(modes.getValue()).isEqualTo(OpenMode.R_PLUS);
        assertThat(robot.lookup("r+ — read and write, keeps content").tryQuery()).as("what the combo shows")
                .isPresent();
        assertThat(modes.getItems()).extracting(OpenMode::toString)
                .contains("w+b — read and write as bytes, starts empty", "a — append only, keeps content")
                .noneMatch(s -> s.contains("_"));
        robot.clickOn("Cancel");
    }

    @Test
    void dragOutGivesTheCurrentVersionInAnOwnerOnlyFolderRemovedOnExit(FxRobot robot) throws Exception {
        seed("drag_me.txt", "first\n".getBytes(StandardCharsets.UTF_8));
        showInTree(robot, "drag_me.txt");
        ResourceInfo listed = row(robot, "drag_me.txt").info();
        File[] file = new File[1];
        robot.interact(() -> file[0] = window.dragOut(ref(), listed));
        waitUntil(() -> window.dragCache().isReady(file[0]));
        assertThat(Files.readString(file[0].toPath())).isEqualTo("first\n");

        app.sdk().updateResource("drag_me.txt", "secnd\n".getBytes(StandardCharsets.UTF_8), ResourceOptions.defaults());
        robot.interact(() -> file[0] = window.dragOut(ref(), listed)); // the row still shows the old version
        waitUntil(() -> window.dragCache().isReady(file[0]) && Files.readString(file[0].toPath()).equals("secnd\n"));
        assertThat(window.transfers().transfers()).as("the drag's download is a visible transfer")
                .anyMatch(t -> t.name().equals("drag_me.txt"));

        Path folder = window.dragCache().directory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file[0].toPath())))
                .isEqualTo("rw-------");
        robot.interact(() -> window.dispose());
        assertThat(folder).doesNotExist();
    }
}
