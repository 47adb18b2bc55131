package org.odpsexplorer.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The reference of {@link StartupBench}: a bare JavaFX window with one label, started from the same fat jar; prints
 * when it was shown and first rendered, from the JVM's start, in the app's {@code --startup-report} format, then exits.
 */
public final class BareWindow {
    private BareWindow() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The application class (a main class that extends Application cannot start from the class path). */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Scene scene = new Scene(new StackPane(new Label("Hello")), 640, 400);
            stage.setScene(scene);
            stage.setTitle("bare");
            stage.show();
            long shown = System.currentTimeMillis();
            Runnable[] first = new Runnable[1];
            first[0] = () -> {
                long frame = System.currentTimeMillis();
                scene.removePostLayoutPulseListener(first[0]);
                long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.printf(Locale.ROOT, "startup-report: window-shown=%d first-frame=%d ms from JVM start%n",
                        shown - jvmStart, frame - jvmStart);
                System.out.flush();
                Platform.runLater(Platform::exit);
            };
            scene.addPostLayoutPulseListener(first[0]);
        }
    }
}
