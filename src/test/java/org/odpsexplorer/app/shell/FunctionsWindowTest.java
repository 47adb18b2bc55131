package org.odpsexplorer.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odpsexplorer.app.shell.AppFixture.await;
import static org.odpsexplorer.app.shell.AppFixture.waitUntil;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
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
import org.odpsexplorer.app.editor.ResourceEditorTab;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.app.tree.ResourceTreeView;
import org.odpsexplorer.sdk.model.Function;
import org.odpsexplorer.sdk.model.ResourceType;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Robot tests of functions in the main window against the embedded emulator: the tree's "Functions" group, function
 * details opening a resource, the New / Edit / Delete function dialogs, and the used-by warning before a delete, an
 * overwriting upload and a Save As over a used name, where Cancel leaves everything in place.
 */
@ExtendWith(ApplicationExtension.class)
class FunctionsWindowTest {
    @TempDir
    static Path dir;
    static AppFixture app;
    MainWindow window;
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
        window = new MainWindow(app.ctx, stage, new TestDialogs(stage));
        AppFixture.addDragSource(window, () -> dragged);
        stage.show();
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        AppFixture.closeWindows(robot, window);
    }

    private ProjectRef demo() {
        return new ProjectRef(window.treeViewModel().connections().get(0), "demo");
    }

    private void seedResource(String name, String type, String content) throws Exception {
        if (app.sdk().existResource(name)) {
            app.sdk().deleteResource(name);
        }
        app.sdk().createResource(name, type, content);
    }

    private void seedFunction(String name, String classType, String... resources) throws Exception {
        if (app.sdk().existFunction(name)) {
            app.sdk().deleteFunction(name);
        }
        app.sdk().createFunction(name, classType, List.of(resources));
    }

    /** Reloads the demo project and narrows the tree to {@code text} once {@code ready} holds. */
    private void reloadAndFilter(FxRobot robot, String text, Callable<Boolean> ready)
            throws Exception {
        app.sdk();
        waitUntil(() -> robot.lookup("#project-demo").tryQuery().isPresent());
        TextField filter = robot.lookup("#treeFilter").queryAs(TextField.class);
        robot.interact(() -> filter.setText(""));
        robot.interact(() -> window.treeView().refreshAll());
        waitUntil(() -> window.treeViewModel().pendingLoadsProperty().get() == 0 && ready.call());
        robot.interact(() -> filter.setText(text));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String showFunction(FxRobot robot, String name) throws Exception {
        reloadAndFilter(robot, name, () -> {
            var listing = window.treeViewModel().functions().listing(demo());
            return listing != null && listing.functions().stream().anyMatch(f -> f.name().equals(name));
        });
        String query = "#" + ResourceTreeView.functionCellId(name);
        await(robot, query);
        return query;
    }

    private String showResource(FxRobot robot, String name) throws Exception {
        reloadAndFilter(robot, name, () -> window.treeViewModel().names(demo()).contains(name)
                && window.treeViewModel().functions().listing(demo()) != null);
        String query = "#" + ResourceTreeView.cellId(name);
        await(robot, query);
        return query;
    }

    /** The grey text of a row; empty while the row is being recycled (its graphic not there yet). */
    private static String metaOf(FxRobot robot, String rowQuery) {
        return robot.lookup(rowQuery).tryQuery().flatMap(c -> robot.from(c).lookup(".tree-meta").tryQuery())
                .map(l -> ((Label) l).getText()).orElse("");
    }

    private static void showMenu(FxRobot robot, String rowQuery) {
        robot.clickOn(rowQuery);
        TreeCell<?> row = robot.lookup(rowQuery).query();
        // Monocle's robot does not raise popup-trigger clicks, so the row's own context menu is shown directly
        robot.interact(() -> row.getContextMenu().show(row, Side.BOTTOM, 0, 0));
    }

    /** Filters the dialog's resource list down to {@code name} and ticks its box. */
    private static void pick(FxRobot robot, String name) throws Exception {
        TextField filter = robot.lookup("#functionResourceFilter").queryAs(TextField.class);
        robot.interact(() -> filter.setText(name));
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup("#functionResources .list-cell").match(LabeledMatchers.hasText(name)).query();
        robot.clickOn(robot.from(cell).lookup(".check-box").match(NodeQueryUtils.isVisible()).<Node>query());
    }

    @Test
    void theTreeListsTheDemoFunctionAndItsDetailsOpenTheResourceItUses(FxRobot robot) throws Exception {
        String row = showFunction(robot, "demo_upper");
        waitUntil(() -> metaOf(robot, row).equals("demo_udf.Upper · demo_udf.py"));
        assertThat(robot.lookup("#functions-demo").tryQuery()).as("the Functions group row").isPresent();
        assertThat(robot.lookup(".icon-function").tryQuery()).isPresent();

        robot.clickOn(row);
        Label name = (Label) await(robot, "#detailsFunctionName");
        assertThat(name.getText()).isEqualTo("demo_upper");
        assertThat(robot.lookup("#detailsFunctionClass").queryAs(Label.class).getText()).isEqualTo("demo_udf.Upper");
        Node resource = robot.lookup("#detailsFunctionResources .list-cell")
                .match(LabeledMatchers.hasText("demo_udf.py")).query();
        robot.doubleClickOn(resource);
        waitUntil(() -> window.editors().selected().map(t -> t.viewModel().getName().equals("demo_udf.py")
                && t.codeEditor() != null).orElse(false));
        ResourceEditorTab tab = window.editors().selected().orElseThrow();
        waitUntil(() -> tab.codeEditor().area().getText().equals(app.serverText("demo_udf.py")));
    }

    @Test
    void newFunctionDialogCreatesAFunctionWithTheResourcesPickedFromTheProject(FxRobot robot) throws Exception {
        seedResource("nf_code.py", "py", "def f(x): return x\n");
        seedResource("nf_data.txt", "file", "lookup\n");
        if (app.sdk().existFunction("nf_made")) {
            app.sdk().deleteFunction("nf_made");
        }
        String row = showResource(robot, "nf_code.py");
        showMenu(robot, row);
        robot.clickOn("New function…");
        await(robot, "#functionDialog");
        Node create = robot.lookup("#functionConfirm").query();
        assertThat(create.isDisabled()).as("nothing entered yet").isTrue();
        robot.interact(() -> robot.lookup("#functionName").queryAs(TextField.class).setText("nf_made"));
        robot.interact(() -> robot.lookup("#functionClass").queryAs(TextField.class).setText("nf_code.Made"));
        assertThat(create.isDisabled()).as("no resource picked yet").isTrue();
        pick(robot, "nf_code.py");
        pick(robot, "nf_data.txt");
        assertThat(robot.lookup("#functionChosen").queryAs(Label.class).getText())
                .isEqualTo("Uses: nf_code.py, nf_data.txt");
        robot.clickOn("#functionConfirm");
        waitUntil(() -> app.sdk().existFunction("nf_made"));
        Function made = app.sdk().getFunction("nf_made");
        assertThat(made.classType()).isEqualTo("nf_code.Made");
        assertThat(made.resources()).containsExactly("nf_code.py", "nf_data.txt");
        robot.interact(() -> robot.lookup("#treeFilter").queryAs(TextField.class).setText("nf_made"));
        await(robot, "#" + ResourceTreeView.functionCellId("nf_made"));
    }

    @Test
    void editFunctionDialogChangesClassAndResourcesAndDeleteFunctionRemovesIt(FxRobot robot) throws Exception {
        seedResource("ef_one.py", "py", "x = 1\n");
        seedResource("ef_two.jar", "jar", "PK");
        seedFunction("ef_func", "ef_one.Old", "ef_one.py");
        String row = showFunction(robot, "ef_func");
        AppFixture.doubleClickRow(robot, row);
        await(robot, "#functionDialog");
        assertThat(robot.lookup("#functionName").queryAs(TextField.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#functionChosen").queryAs(Label.class).getText()).isEqualTo("Uses: ef_one.py");
        robot.interact(() -> robot.lookup("#functionClass").queryAs(TextField.class).setText("ef_one.New"));
        pick(robot, "ef_two.jar");
        robot.clickOn("#functionConfirm");
        waitUntil(() -> app.sdk().getFunction("ef_func").classType().equals("ef_one.New"));
        assertThat(app.sdk().getFunction("ef_func").resources()).containsExactly("ef_one.py", "ef_two.jar");
        waitUntil(() -> metaOf(robot, row).startsWith("ef_one.New"));

        showMenu(robot, row);
        robot.clickOn("Delete function");
        await(robot, "#confirmDialog");
        robot.clickOn("Delete");
        waitUntil(() -> !app.sdk().existFunction("ef_func"));
        assertThat(app.sdk().existResource("ef_one.py")).as("the function's resources stay").isTrue();
    }

    @Test
    void deletingAResourceAFunctionUsesWarnsWithTheListAndCancelKeepsIt(FxRobot robot) throws Exception {
        seedResource("ub_lib.py", "py", "def g(x): return x\n");
        seedFunction("ub_first", "ub_lib.First", "ub_lib.py");
        seedFunction("ub_second", "ub_lib.Second", "ub_lib.py");
        String row = showResource(robot, "ub_lib.py");
        robot.clickOn(row);
        waitUntil(() -> robot.lookup("#detailsUsedBy").tryQuery()
                .map(l -> ((Label) l).getText().equals("ub_first, ub_second")).orElse(false));

        showMenu(robot, row);
        robot.clickOn("Delete");
        await(robot, "#usedByDialog");
        assertThat(robot.lookup("#usedByList").queryAs(Label.class).getText())
                .isEqualTo("Used by functions: ub_first, ub_second");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.sdk().existResource("ub_lib.py")).isTrue();
        assertThat(app.serverText("ub_lib.py")).isEqualTo("def g(x): return x\n");

        showMenu(robot, row);
        robot.clickOn("Delete");
        await(robot, "#usedByDialog");
        robot.clickOn("Delete anyway");
        waitUntil(() -> !app.sdk().existResource("ub_lib.py"));
        assertThat(app.sdk().existFunction("ub_first")).isTrue();
    }

    @Test
    void overwritingAUsedResourceByUploadWarnsAndCancelKeepsTheOldContent(FxRobot robot) throws Exception {
        seedResource("ow_used.py", "py", "old = True\n");
        seedFunction("ow_func", "ow_used.F", "ow_used.py");
        showResource(robot, "ow_used.py");
        Path local = dir.resolve("local").resolve("ow_used.py");
        Files.createDirectories(local.getParent());
        Files.writeString(local, "new = True\n");
        dragged = List.of(local.toFile());
        robot.drag("#dragSource").dropTo("#project-demo");
        await(robot, "#uploadDialog");
        robot.clickOn("#uploadConfirm");
        await(robot, "#clashDialog");
        robot.clickOn("Overwrite");
        await(robot, "#usedByDialog");
        assertThat(robot.lookup("#usedByList").queryAs(Label.class).getText()).isEqualTo("Used by functions: ow_func");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.transfers().transfers()).noneMatch(t -> t.name().equals("ow_used.py"));
        assertThat(app.serverText("ow_used.py")).isEqualTo("old = True\n");
    }

    @Test
    void saveAsOverAUsedNameWarnsAndCancelWritesNothing(FxRobot robot) throws Exception {
        seedResource("sa_src.txt", "file", "print(2)\n");
        seedResource("sa_used.py", "py", "keep = 1\n");
        seedFunction("sa_func", "sa_used.F", "sa_used.py");
        // opened from the keyboard (Enter on the selected row), the tree's other open gesture
        String src = showResource(robot, "sa_src.txt");
        robot.clickOn(src);
        waitUntil(() -> window.treeView().selectedResource() != null
                && window.treeView().selectedResource().info().name().equals("sa_src.txt"));
        robot.type(KeyCode.ENTER);
        waitUntil(() -> window.editors().selected().map(t -> t.viewModel().getName().equals("sa_src.txt")
                && t.codeEditor() != null && t.codeEditor().area().getScene() != null).orElse(false));
        ResourceEditorTab tab = window.editors().selected().orElseThrow();
        robot.clickOn("#saveAsButton");
        TextField name = (TextField) await(robot, "#saveAsName");
        robot.interact(() -> name.setText("sa_used.py"));
        robot.interact(() -> robot.lookup("#saveAsType").queryAs(ChoiceBox.class)
                .setValue(ResourceType.PY));
        robot.clickOn("OK");
        await(robot, "#usedByDialog");
        assertThat(robot.lookup("#usedByList").queryAs(Label.class).getText()).isEqualTo("Used by functions: sa_func");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.serverText("sa_used.py")).isEqualTo("keep = 1\n");
        assertThat(tab.viewModel().getName()).isEqualTo("sa_src.txt");
        assertThat(app.serverText("sa_src.txt")).isEqualTo("print(2)\n");
    }
}
