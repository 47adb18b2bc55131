package org.odpsexplorer.app;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.shell.MainWindow;
import org.odpsexplorer.app.tree.TreeNode;

/**
 * The hidden {@code --startup-report} flag: notes when start-up reaches each stage, measured from the JVM's start, prints
 * one line and exits the app once the tree shows a resource (or after a minute):
 *
 * <pre>startup-report: fx-init=412 start=640 window-shown=905 first-frame=980 built=1300 tree-populated=1710 ms from JVM start</pre>
 *
 * {@code fx-init}: the JavaFX toolkit is up and {@code init()} begins; {@code start}: the window is being built;
 * {@code window-shown}: {@code stage.show()} returned (menu and placeholder); {@code first-frame}: the first pulse after
 * it has laid out and rendered; {@code built}: the first pulse with the window's body (tree, editor area, transfers,
 * status bar) in place; {@code tree-populated}: the first resource node is in the tree. {@code StartupBench} runs it against a bare
 * JavaFX window in the same run.
 */
final class StartupReport {
    private static final long TIMEOUT_MS = 60_000;
    private final long fxInit = System.currentTimeMillis();
    private long start;
    private long shown;
    private long firstFrame;
    private long built;
    private long populated;
    private boolean done;

    static boolean requested(List<String> args) {
        return args.contains("--startup-report");
    }

    void starting() {
        start = System.currentTimeMillis();
    }

    /** Call right after {@code stage.show()}; watches the pulses until the window's body is built and its tree populated. */
    void shown(Stage stage, MainWindow window) {
        shown = System.currentTimeMillis();
        Scene scene = stage.getScene();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            long now = System.currentTimeMillis();
            if (firstFrame == 0) {
                firstFrame = now;
            }
            if (built == 0 && window.isBuilt()) {
                built = now;
            }
            if (populated == 0 && built != 0 && hasResource(window.treeView().tree().getRoot())) {
                populated = now;
                scene.removePostLayoutPulseListener(listener[0]);
                report();
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        PauseTransition timeout = new PauseTransition(Duration.millis(TIMEOUT_MS));
        timeout.setOnFinished(e -> report());
        timeout.play();
    }

    private static boolean hasResource(@Nullable TreeItem<TreeNode> item) {
        if (item == null) {
            return false;
        }
        if (item.getValue() instanceof TreeNode.Resource) {
            return true;
        }
        for (TreeItem<TreeNode> child : item.getChildren()) {
            if (hasResource(child)) {
                return true;
            }
        }
        return false;
    }

    private void report() {
        if (done) {
            return;
        }
        done = true;
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf(Locale.ROOT, "startup-report: fx-init=%d start=%d window-shown=%d first-frame=%s"
                        + " built=%s tree-populated=%s ms from JVM start%n", fxInit - jvmStart, start - jvmStart,
                shown - jvmStart, firstFrame == 0 ? "none" : Long.toString(firstFrame - jvmStart),
                built == 0 ? "none" : Long.toString(built - jvmStart),
                populated == 0 ? "none" : Long.toString(populated - jvmStart));
        System.out.flush();
        Platform.runLater(Platform::exit);
    }
}
