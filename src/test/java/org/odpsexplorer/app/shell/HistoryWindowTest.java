package org.odpsexplorer.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odpsexplorer.app.shell.AppFixture.await;
import static org.odpsexplorer.app.shell.AppFixture.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.editor.OpenMode;
import org.odpsexplorer.app.editor.ResourceEditorTab;
import org.odpsexplorer.app.history.HistoryRef;
import org.odpsexplorer.app.history.RecoveryStore;
import org.odpsexplorer.app.history.Version;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Robot tests of the History panel and the recovery prompt in the real window against the embedded emulator. */
@ExtendWith(ApplicationExtension.class)
class HistoryWindowTest {
    @TempDir
    static Path dir;
    static AppFixture app;
    MainWindow window;

    @BeforeAll
    static void context() throws Exception {
        app = AppFixture.start(dir);
    }

    @AfterAll
    static void close() {
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

    private void seed(String name, String text) throws Exception {
        if (app.sdk().existResource(name)) {
            app.sdk().deleteResource(name);
        }
        app.sdk().createResource(name, "file", text.getBytes(StandardCharsets.UTF_8));
    }

    private ResourceEditorTab open(String name) throws Exception {
        ResourceInfo info = app.sdk().getResource(name).info();
        ProjectRef ref = new ProjectRef(window.treeViewModel().connections().get(0), "demo");
        FxToolkit.setupFixture(() -> window.open(ref, info, OpenMode.R_PLUS, false));
        waitUntil(() -> window.editors().selected().filter(t -> t.viewModel().getName().equals(name))
                .map(t -> t.codeEditor() != null && t.codeEditor().area().getScene() != null).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return window.editors().selected().orElseThrow();
    }

    private static void saved(ResourceEditorTab tab) throws Exception {
        waitUntil(() -> !tab.viewModel().dirtyProperty().get() && !tab.viewModel().busyProperty().get());
    }

    @Test
    void theHistoryButtonListsEverySaveAndComparesTwoVersionsLineByLine(FxRobot robot) throws Exception {
        seed("hist_ui.py", "a = 1\n");
        ResourceEditorTab tab = open("hist_ui.py");
        robot.interact(() -> tab.codeEditor().area().replaceText("a = 2\n"));
        robot.clickOn("#saveButton");
        saved(tab);
        robot.interact(() -> tab.codeEditor().area().appendText("b = 3\n"));
        robot.clickOn("#saveButton");
        saved(tab);

        robot.clickOn("#historyButton");
        @SuppressWarnings("unchecked")
        TableView<Version> table = (TableView<Version>) await(robot, "#historyTable");
        waitUntil(() -> table.getItems().size() == 3);
        assertThat(table.getItems()).extracting(v -> v.action().label())
                .containsExactly("save", "save", "on the server");
        robot.interact(() -> table.getSelectionModel().selectIndices(1, 2));
        robot.clickOn("#historyCompare");
        ListView<?> diff = (ListView<?>) await(robot, "#historyDiff");
        assertThat(diff.getItems()).map(Object::toString).contains("-a = 1", "+a = 2");
    }

    @Test
    void aRecoveredBufferIsOfferedAndRestoredIntoADirtyTabThatSavesIt(FxRobot robot) throws Exception {
        seed("recover_ui.py", "x = 1\n");
        ResourceInfo info = app.sdk().getResource("recover_ui.py").info();
        RecoveryStore store = app.ctx.history().recovery();
        HistoryRef ref = new HistoryRef(window.treeViewModel().connections().get(0).id(), "demo", "recover_ui.py");
        store.save(new RecoveryStore.Recovered("ui-test", ref, "r+", RecoveryStore.Kind.TEXT,
                new RecoveryStore.Base(info.md5(), info.size(), info.lastModifiedTime().toEpochMilli()), Instant.now(),
                "x = 1\ny = 2\n", null, null), 1);
        robot.interact(() -> window.offerRecovery());
        ListView<?> diff = (ListView<?>) await(robot, "#recoveryDiff");
        waitUntil(() -> diff.getItems().stream().anyMatch(l -> l.toString().equals("+y = 2")));
        assertThat(diff.getItems().get(0).toString()).startsWith("The server copy is still the version");

        robot.clickOn("#recoveryRestore");
        waitUntil(() -> window.editors().selected().filter(t -> t.viewModel().getName().equals("recover_ui.py")
                && t.viewModel().dirtyProperty().get()).isPresent());
        ResourceEditorTab tab = window.editors().selected().orElseThrow();
        assertThat(tab.codeEditor().area().getText()).isEqualTo("x = 1\ny = 2\n");
        waitUntil(() -> store.loadAll().stream().noneMatch(r -> r.id().equals("ui-test")));
        robot.clickOn("#saveButton");
        saved(tab);
        assertThat(app.serverText("recover_ui.py")).isEqualTo("x = 1\ny = 2\n");
        waitUntil(() -> store.loadAll().isEmpty());
    }
}
