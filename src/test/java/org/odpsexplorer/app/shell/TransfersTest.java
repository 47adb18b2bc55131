package org.odpsexplorer.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odpsexplorer.app.shell.AppFixture.await;
import static org.odpsexplorer.app.shell.AppFixture.waitUntil;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Side;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.connection.ConnectionProfile;
import org.odpsexplorer.app.connection.Secret;
import org.odpsexplorer.app.transfer.Transfer;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.app.tree.ResourceTreeView;
import org.odpsexplorer.app.tree.TreeNode;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Robot tests of uploads (a real drag gesture carrying files), clashes, downloads and a dead endpoint. */
@ExtendWith(ApplicationExtension.class)
class TransfersTest {
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

    private Path localFile(String name, String content) throws Exception {
        Path f = dir.resolve("local").resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f;
    }

    /** Waits until the demo project is listed (reloading it, since the test may just have created resources). */
    private void awaitProject(FxRobot robot) throws Exception {
        app.sdk();
        await(robot, "#project-demo");
        robot.interact(() -> window.treeView().refreshAll());
        waitUntil(() -> window.treeViewModel().pendingLoadsProperty().get() == 0
                && window.treeViewModel().statusProperty().get().endsWith("resources in demo"));
    }

    @Test
    void droppingTwoFilesUploadsBothWithTheRightTypes(FxRobot robot) throws Exception {
        awaitProject(robot);
        dragged = List.of(localFile("dropped_job.py", "print('dropped')\n").toFile(),
                localFile("dropped_data.csv", "a,b\n1,2\n").toFile());
        robot.drag("#dragSource").dropTo("#project-demo");
        await(robot, "#uploadDialog");
        robot.clickOn("#uploadConfirm");
        waitUntil(() -> app.sdk().existResource("dropped_job.py") && app.sdk().existResource("dropped_data.csv"));
        assertThat(app.sdk().getResource("dropped_job.py").type().wireName()).isEqualTo("py");
        assertThat(app.sdk().getResource("dropped_data.csv").type().wireName()).isEqualTo("file");
        assertThat(app.serverText("dropped_job.py")).isEqualTo("print('dropped')\n");
        waitUntil(() -> window.transfers().transfers().size() == 2 && window.transfers().transfers().stream()
                .allMatch(t -> t.stateProperty().get() == Transfer.State.DONE));
    }

    @Test
    void aNameClashAsksBeforeOverwriting(FxRobot robot) throws Exception {
        if (!app.sdk().existResource("clash.txt")) {
            app.sdk().createResource("clash.txt", "file", "old");
        }
        awaitProject(robot);
        dragged = List.of(localFile("clash.txt", "new content").toFile());
        robot.drag("#dragSource").dropTo("#project-demo");
        await(robot, "#uploadDialog");
        robot.clickOn("#uploadConfirm");
        await(robot, "#clashDialog");
        assertThat(app.serverText("clash.txt")).isEqualTo("old");
        robot.clickOn("Overwrite");
        waitUntil(() -> app.serverText("clash.txt").equals("new content"));
    }

    @Test
    void downloadWritesTheExactBytes(FxRobot robot) throws Exception {
        byte[] data = new byte[70_000];
        new Random(3).nextBytes(data);
        if (app.sdk().existResource("payload.bin")) {
            app.sdk().deleteResource("payload.bin");
        }
        app.sdk().createResource("payload.bin", "file", data);
        awaitProject(robot);
        waitUntil(() -> window.treeViewModel().names(new ProjectRef(window.treeViewModel().connections().get(0),
                "demo")).contains("payload.bin"));
        TextField filter = robot.lookup("#treeFilter").queryAs(TextField.class);
        robot.interact(() -> filter.setText("payload.bin"));
        String cell = "#" + ResourceTreeView.cellId("payload.bin");
        await(robot, cell);
        Path target = dir.resolve("downloads").resolve("payload.bin");
        dialogs.saveTarget = target;
        robot.clickOn(cell);
        // Monocle's robot does not raise popup-trigger clicks, so the row's own context menu is shown directly
        TreeCell<?> row = robot.lookup(cell).query();
        robot.interact(() -> row.getContextMenu().show(row, Side.BOTTOM, 0, 0));
        robot.clickOn("Download…");
        waitUntil(() -> Files.exists(target));
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(Files.exists(target.resolveSibling("payload.bin.part"))).isFalse();
    }

    @Test
    void draggingAResourceOutOffersALocalCopyWithItsBytes(FxRobot robot) throws Exception {
        byte[] data = "dragged out\n".getBytes(StandardCharsets.UTF_8);
        if (!app.sdk().existResource("drag_out.txt")) {
            app.sdk().createResource("drag_out.txt", "file", data);
        }
        awaitProject(robot);
        var info = app.sdk().getResource("drag_out.txt").info();
        ProjectRef ref = new ProjectRef(window.treeViewModel().connections().get(0), "demo");
        AtomicReference<File> file = new AtomicReference<>();
        robot.interact(() -> file.set(window.dragOut(ref, info)));
        assertThat(file.get().getName()).isEqualTo("drag_out.txt");
        waitUntil(() -> file.get().exists() && Files.readAllBytes(file.get().toPath()).length == data.length);
        assertThat(Files.readAllBytes(file.get().toPath())).isEqualTo(data);
    }

    @Test
    void anUnreachableEndpointShowsAnErrorWithoutFreezing(FxRobot robot) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ConnectionProfile dead = new ConnectionProfile("dead", "Dead endpoint", false,
                "http://127.0.0.1:" + port + "/api", null, List.of("deadproj"), "AK", false);
        app.ctx.connectionStore().saveSecret("dead", new Secret("SK", null));
        robot.interact(() -> window.treeViewModel().connections().add(dead));
        // AtlantaFX's rows are taller than Modena's: the new connection's row may sit below the fold, so scroll to it
        waitUntil(() -> findProject(window.treeView().tree().getRoot(), "deadproj") != null);
        robot.interact(() -> window.treeView().tree().scrollTo(
                window.treeView().tree().getRow(findProject(window.treeView().tree().getRoot(), "deadproj"))));
        await(robot, "#project-deadproj");
        robot.interact(() -> findProject(window.treeView().tree().getRoot(), "deadproj").setExpanded(true));
        // the UI keeps answering while the request fails in the background
        TextField filter = robot.lookup("#treeFilter").queryAs(TextField.class);
        robot.clickOn("#treeFilter").write("abc");
        assertThat(filter.getText()).isEqualTo("abc");
        Label error = (Label) await(robot, ".error-row .label");
        assertThat(error.getText()).startsWith("Error:");
    }

    private static TreeItem<TreeNode> findProject(TreeItem<TreeNode> item, String project) {
        if (item.getValue() instanceof TreeNode.Project p && p.ref().project().equals(project)) {
            return item;
        }
        for (TreeItem<TreeNode> c : item.getChildren()) {
            TreeItem<TreeNode> hit = findProject(c, project);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }
}
