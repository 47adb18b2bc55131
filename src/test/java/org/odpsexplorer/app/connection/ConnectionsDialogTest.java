package org.odpsexplorer.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
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
import org.testfx.util.NodeQueryUtils;
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
        stage.setScene(new Scene(new Label("owner"), 300, 200));
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
                .match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
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
        } catch (TimeoutException e) {
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

    @Test
    void regionFollowsTheEndpointSignsV4AgainstTheEmulatorAndTheSecretGoesToTheKeychain(FxRobot robot)
            throws Exception {
        FakeKeychain keychain = new FakeKeychain();
        Path config = dir.resolve("config-keychain");
        ConnectionStore store = new ConnectionStore(config, () -> keychain);
        Sessions sessions = new Sessions(store);
        AtomicReference<Optional<List<ConnectionProfile>>> result = open(robot, store, sessions);
        Label storage = robot.lookup("#secretStorage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> storage.getText().equals("Secrets are kept in the fake keychain."));
        robot.clickOn("#connAdd");
        TextField region = robot.lookup("#connRegion").queryAs(TextField.class);
        Label signing = robot.lookup("#connSigning").queryAs(Label.class);
        set(robot, "#connEndpoint", "https://service.cn-hangzhou.maxcompute.aliyun.com/api");
        assertThat(region.getText()).isEqualTo("cn-hangzhou");
        assertThat(signing.getText()).startsWith("Signs V4 with region cn-hangzhou");
        set(robot, "#connEndpoint", "http://service.cn-beijing-vpc.maxcompute.aliyun-inc.com/api");
        assertThat(region.getText()).isEqualTo("cn-beijing");
        // a region the user typed stays when the endpoint changes
        set(robot, "#connRegion", "cn-shanghai");
        set(robot, "#connEndpoint", emulator.url());
        assertThat(region.getText()).isEqualTo("cn-shanghai");
        assertThat(signing.getText()).startsWith("Signs V4 with region cn-shanghai");
        set(robot, "#connRegion", "");
        assertThat(signing.getText()).startsWith("Signs V2");
        set(robot, "#connRegion", "cn-hangzhou");

        set(robot, "#connName", "Emulator V4");
        set(robot, "#connProjects", EmulatorConfig.DEFAULT_PROJECT);
        set(robot, "#connAccessId", EmulatorConfig.DEFAULT_ACCESS_ID);
        set(robot, "#connSecret", EmulatorConfig.DEFAULT_ACCESS_KEY);
        robot.clickOn("#testConnection");
        Label outcome = robot.lookup("#testResult").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> outcome.getText().startsWith("Connected:"));
        } catch (TimeoutException e) {
            throw new AssertionError("test result: " + outcome.getText(), e);
        }

        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.get() != null && !store.load().isEmpty()
                && !keychain.entries.isEmpty());
        ConnectionProfile saved = store.load().get(0);
        assertThat(saved.region()).isEqualTo("cn-hangzhou");
        assertThat(keychain.holds(EmulatorConfig.DEFAULT_ACCESS_KEY)).isTrue();
        assertThat(Files.readString(store.secretsFile())).doesNotContain(EmulatorConfig.DEFAULT_ACCESS_KEY);
        // the saved connection works through the keychain and V4
        try (var odps = sessions.client(saved, EmulatorConfig.DEFAULT_PROJECT)) {
            assertThat(odps.region()).isEqualTo("cn-hangzhou");
            odps.listResources().iterator().hasNext();
        }
        sessions.close();
    }

    @Test
    void withoutAKeychainTheDialogSaysSecretsStayInTheOwnerOnlyFileAndWhy(FxRobot robot) throws Exception {
        ConnectionStore store = new ConnectionStore(dir.resolve("config-file"),
                Keychain.Opener.none("no OS keychain found (No available keyring backend found)"));
        Sessions sessions = new Sessions(store);
        AtomicReference<Optional<List<ConnectionProfile>>> result = open(robot, store, sessions);
        Label storage = robot.lookup("#secretStorage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> storage.getText().startsWith("Secrets are kept in the "
                + "owner-only file"));
        assertThat(storage.getText()).contains(store.secretsFile().toString())
                .endsWith(": no OS keychain found (No available keyring backend found).");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.get() != null);
        assertThat(result.get()).isEmpty();
        sessions.close();
    }

    private AtomicReference<Optional<List<ConnectionProfile>>> open(FxRobot robot, ConnectionStore store,
                                                                    Sessions sessions) throws Exception {
        ConnectionsDialog dialog = new ConnectionsDialog(stage, tasks, store, sessions,
                new FxDialogs(stage, e -> new String[] {ErrorText.summary(e), ErrorText.details(e)}), Map.of());
        AtomicReference<Optional<List<ConnectionProfile>>> result = new AtomicReference<>();
        Platform.runLater(() -> result.set(dialog.show(List.of())));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#connAdd")
                .match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
        return result;
    }

    private static void set(FxRobot robot, String query, String text) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.interact(() -> field.setText(text));
    }
}
