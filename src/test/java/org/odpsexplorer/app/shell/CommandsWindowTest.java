package org.odpsexplorer.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odpsexplorer.app.shell.AppFixture.await;
import static org.odpsexplorer.app.shell.AppFixture.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.app.tree.ResourceTreeView;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Robot tests of the actions built from commands: what a user sees greyed out in the File menu and the editor
 * toolbar, and that it becomes clickable once it can run.
 */
@ExtendWith(ApplicationExtension.class)
class CommandsWindowTest {
    private static final PseudoClass DISABLED = PseudoClass.getPseudoClass("disabled");
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
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        AppFixture.closeWindows(robot, window);
    }

    private void seed(String name, String content) throws Exception {
        if (app.sdk().existResource(name)) {
            app.sdk().deleteResource(name);
        }
        app.sdk().createResource(name, "file", content.getBytes(StandardCharsets.UTF_8));
    }

    private ProjectRef demo() {
        return new ProjectRef(window.treeViewModel().connections().get(0), "demo");
    }

    /** Narrows the tree to {@code name} and returns the row's query. */
    private String showInTree(FxRobot robot, String name) throws Exception {
        waitUntil(() -> robot.lookup("#project-demo").tryQuery().isPresent());
        TextField filter = robot.lookup("#treeFilter").queryAs(TextField.class);
        robot.interact(() -> filter.setText(""));
        robot.interact(() -> window.treeView().refreshAll());
        waitUntil(() -> window.treeViewModel().pendingLoadsProperty().get() == 0
                && window.treeViewModel().listing(demo()).stream().anyMatch(i -> i.name().equals(name)));
        robot.interact(() -> filter.setText(name));
        String query = "#" + ResourceTreeView.cellId(name);
        await(robot, query);
        WaitForAsyncUtils.waitForFxEvents();
        return query;
    }

    private ResourceEditorTab open(String name, OpenMode mode) throws Exception {
        ResourceInfo info = app.sdk().getResource(name).info();
        FxToolkit.setupFixture(() -> window.open(demo(), info, mode, false));
        waitUntil(() -> window.editors().selected().filter(t -> t.viewModel().getName().equals(name))
                .map(t -> t.codeEditor() != null && t.codeEditor().area().getScene() != null).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return window.editors().selected().orElseThrow();
    }

    /** Opens the File menu and answers whether the entry {@code text} is shown greyed out; the menu stays open. */
    private boolean fileEntryGreyed(FxRobot robot, String text) throws Exception {
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        robot.clickOn("File");
        waitUntil(() -> entry(robot, text).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Node row = entry(robot, text).orElseThrow();
        return row.isDisabled() || row.getPseudoClassStates().contains(DISABLED);
    }

    private static Optional<Node> entry(FxRobot robot, String text) {
        return robot.lookup(".context-menu .menu-item").queryAll().stream()
                .filter(n -> n.isVisible() && n.lookupAll(".label").stream()
                        .anyMatch(l -> l instanceof Label label && text.equals(label.getText())))
                .findFirst();
    }

    private static Button button(FxRobot robot, ResourceEditorTab tab, String id) {
        return robot.from(tab.tab().getContent()).lookup(id).queryAs(Button.class);
    }

    @Test
    void downloadIsGreyedUntilAResourceIsSelectedAndSaveUntilAnEditorHasChanges(FxRobot robot) throws Exception {
        seed("cmd_sel.txt", "one\n");
        String row = showInTree(robot, "cmd_sel.txt");
        robot.interact(() -> window.treeView().tree().getSelectionModel().clearSelection());

        assertThat(fileEntryGreyed(robot, "Download…")).as("nothing selected").isTrue();
        assertThat(fileEntryGreyed(robot, "Save (Ctrl+S)")).as("no editor open").isTrue();
        assertThat(fileEntryGreyed(robot, "Upload files…")).as("the demo project is there").isFalse();

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        robot.clickOn(row);
        waitUntil(() -> window.treeView().selectedResource() != null);
        assertThat(fileEntryGreyed(robot, "Download…")).as("a resource is selected").isFalse();
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    @Test
    void saveIsGreyedOnACleanTabAndClickableOnceEditedThenGreyedAgainAfterSaving(FxRobot robot) throws Exception {
        seed("cmd_edit.txt", "start\n");
        ResourceEditorTab tab = open("cmd_edit.txt", OpenMode.R_PLUS);
        assertThat(button(robot, tab, "#saveButton").isDisabled()).as("clean tab").isTrue();
        assertThat(button(robot, tab, "#truncateButton").isDisabled()).isFalse();
        assertThat(fileEntryGreyed(robot, "Save (Ctrl+S)")).isTrue();
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

        robot.clickOn("#codeArea");
        robot.write("more ");
        waitUntil(() -> !button(robot, tab, "#saveButton").isDisabled());
        assertThat(fileEntryGreyed(robot, "Save (Ctrl+S)")).as("the tab in front has changes").isFalse();
        robot.clickOn(entry(robot, "Save (Ctrl+S)").orElseThrow());
        waitUntil(() -> !tab.viewModel().dirtyProperty().get() && !tab.viewModel().busyProperty().get());
        assertThat(app.serverText("cmd_edit.txt")).contains("start", "more ");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(button(robot, tab, "#saveButton").isDisabled()).as("saved: nothing left to save").isTrue();
    }

    @Test
    void aReadOnlyTabGreysOutSaveAndTruncateEvenAfterTyping(FxRobot robot) throws Exception {
        seed("cmd_ro.txt", "fixed\n");
        ResourceEditorTab tab = open("cmd_ro.txt", OpenMode.R);
        assertThat(button(robot, tab, "#saveButton").isDisabled()).isTrue();
        assertThat(button(robot, tab, "#truncateButton").isDisabled()).isTrue();
        assertThat(button(robot, tab, "#saveAsButton").isDisabled()).as("Save As makes a copy").isFalse();
        robot.clickOn("#codeArea");
        robot.write("x");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(button(robot, tab, "#saveButton").isDisabled()).isTrue();
        assertThat(fileEntryGreyed(robot, "Save (Ctrl+S)")).isTrue();
    }
}
