package org.odpsexplorer.app.shell;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.odpsexplorer.app.common.AppDirs;
import org.odpsexplorer.app.common.AppSettings;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotException;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Shared set-up of the robot tests: one app context (embedded emulator in a temp dir, config in a temp dir) per test
 * class, a fresh main window per test, and an SDK client to check what the server really holds.
 */
final class AppFixture implements AutoCloseable {
    static final long TIMEOUT = 30;
    private static final Map<AppContext, AppSettings> INITIAL =
            Collections.synchronizedMap(new WeakHashMap<>());
    final AppContext ctx;
    private Odps sdk;

    private AppFixture(AppContext ctx) {
        this.ctx = ctx;
    }

    static AppFixture start(Path dir) throws Exception {
        AppContext ctx = AppContext.load(new AppDirs(dir.resolve("config"), dir.resolve("data")), Map.of());
        INITIAL.put(ctx, ctx.settings());
        return new AppFixture(ctx);
    }

    /** The SDK client for assertions, once the window has started the emulator. */
    synchronized Odps sdk() throws Exception {
        if (sdk == null) {
            WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> ctx.emulator() != null);
            EmbeddedEmulator emulator = ctx.emulator();
            sdk = Odps.builder().endpoint(emulator.url()).project(EmulatorConfig.DEFAULT_PROJECT)
                    .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build();
        }
        return sdk;
    }

    byte[] serverBytes(String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sdk().downloadResource(name, out, ResourceOptions.defaults());
        return out.toByteArray();
    }

    String serverText(String name) throws Exception {
        return new String(serverBytes(name), StandardCharsets.UTF_8);
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, condition);
    }

    /** Waits until a visible node matches {@code query} and the FX queue is drained, and returns it. */
    static Node await(FxRobot robot, String query) throws Exception {
        waitUntil(() -> robot.lookup(query).match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> robot.lookup(query).match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
        return robot.lookup(query).match(NodeQueryUtils.isVisible()).query();
    }

    /**
     * Double-clicks the row {@code query}. Tree rows are recycled while listings arrive, so a row can vanish
     * between finding and clicking it; then the gesture is simply repeated on the row that shows it now.
     */
    static void doubleClickRow(FxRobot robot, String query) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Node row = await(robot, query);
            try {
                robot.doubleClickOn(row);
                return;
            } catch (FxRobotException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * Double-clicks the row {@code query} until {@code opened} holds, at most three gestures. On a loaded 2-core
     * machine the glass robot's two clicks can reach the toolkit further apart than the double-click interval and
     * count as two single clicks (the row is then only selected); a person's double-click is timed by the OS.
     */
    static void doubleClickRow(FxRobot robot, String query, Callable<Boolean> opened)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            doubleClickRow(robot, query);
            try {
                WaitForAsyncUtils.waitFor(attempt == 3 ? TIMEOUT : 10, TimeUnit.SECONDS, opened);
                return;
            } catch (TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * Puts a node with id {@code dragSource} at the window's right that stands in for the OS file manager: dragging
     * it starts a real drag gesture carrying the files {@code files} gives at that moment (STACK.md §7).
     */
    static void addDragSource(MainWindow window, Supplier<List<File>> files) {
        Label source = new Label("drag files");
        source.setId("dragSource");
        source.setMinSize(80, 40);
        source.setOnDragDetected(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putFiles(files.get());
            source.startDragAndDrop(TransferMode.COPY).setContent(content);
            e.consume();
        });
        window.root().setRight(source);
    }

    /**
     * After a test: closes every other window (dialogs, grid and record windows) and disposes {@code window}, on the
     * FX thread.
     */
    static void closeWindows(FxRobot robot, MainWindow window) {
        robot.interact(() -> {
            for (Window w : Window.getWindows().stream().filter(w -> w != window.stage()).toList()) {
                if (w instanceof Stage s) {
                    s.close();
                }
            }
            window.dispose();
            // the window wrote its tabs and size into the shared context as they changed; the next test starts
            // from the settings the context was loaded with
            AppContext ctx = window.context();
            AppSettings initial = INITIAL.get(ctx);
            ctx.updateSettings(initial != null ? initial
                    : ctx.settings().withOpenTabs(List.of()).withOpenGrids(List.of()));
        });
    }

    @Override
    public void close() {
        if (sdk != null) {
            sdk.close();
        }
        ctx.close();
    }
}
