package org.odpsexplorer.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.FxDialogs;
import org.odpsexplorer.app.common.FxUiExecutor;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Robot test of the connections dialog against a real emulator: a wrong secret shows the server's error code. */
@ExtendWith(ApplicationExtension.class)
class ConnectionsDialogTest {
    @TempDir
    static Path dir;
    static EmbeddedEmulator emulator;
    static FxUiExecutor tasks;
    Stage stage;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = EmbeddedEmulator.start(dir.resolve("data"));
        tasks = new FxUiExecutor(2);
    }

    @AfterAll
    static void stop() {
        tasks.close();
        emulator.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new Label("owner"), 300, 200));
        stage.show();
    }

    @Test
    void testConnectionShowsTheServerErrorAndOkSavesProfileAndPrivateSecret(FxRobot robot) throws Exception {
        ConnectionStore store = new ConnectionStore(dir.resolve("config"));
        Sessions sessions = new Sessions(store);
        ConnectionsDialog dialog = new ConnectionsDialog(stage, tasks, store, sessions,
                new FxDialogs(stage, e -> new String[] {ErrorText.summary(e), ErrorText.details(e)}), Map.of());
        AtomicReference<Optional<List<ConnectionProfile>>> result = new AtomicReference<>();
        Platform.runLater(() -> result.set(dialog.show(List.of())));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#connAdd")
                .match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent());
        robot.clickOn("#connAdd");
        set(robot, "#connName", "Emulator");
        set(robot, "#connEndpoint", emulator.url());
        set(robot, "#connProjects", EmulatorConfig.DEFAULT_PROJECT);
        set(robot, "#connAccessId", EmulatorConfig.DEFAULT_ACCESS_ID);
        set(robot, "#connSecret", "wrong-secret");
        robot.clickOn("#testConnection");
        Label outcome = robot.lookup("#testResult").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> outcome.getText().startsWith("Failed:"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("test result: " + outcome.getText(), e);
        }
        assertThat(outcome.getText()).contains("Signature").contains("Request id");

        set(robot, "#connSecret", EmulatorConfig.DEFAULT_ACCESS_KEY);
        robot.clickOn("#testConnection");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> outcome.getText().startsWith("Connected:"));

        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.get() != null
                && Files.exists(store.secretsFile()) && !store.load().isEmpty());
        ConnectionProfile saved = store.load().get(0);
        assertThat(saved.endpoint()).isEqualTo(emulator.url());
        assertThat(store.secret(saved.id()).orElseThrow().accessKey()).isEqualTo(EmulatorConfig.DEFAULT_ACCESS_KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.secretsFile())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("config").resolve("connections.json")))
                .doesNotContain(EmulatorConfig.DEFAULT_ACCESS_KEY);
        sessions.close();
    }

    private static void set(FxRobot robot, String query, String text) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.interact(() -> field.setText(text));
    }
}
