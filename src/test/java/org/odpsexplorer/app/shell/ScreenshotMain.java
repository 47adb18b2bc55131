package org.odpsexplorer.app.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.application.Application;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.AppDirs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.FxDialogs;
import org.odpsexplorer.app.common.Theme;

/**
 * Test-scope entry point of {@code screenshots/make-screenshots.sh}: starts the real window with fresh temporary
 * directories (no keychain, no environment), runs one {@link ScreenshotScenarios scenario}, which writes a PNG and
 * ends the process. Not part of the shipped app, so neither it nor javafx-swing is in the jar.
 *
 * <p>Usage: {@code ScreenshotMain --scenario NAME --out FILE [--theme light|dark]}. Like the app's launcher, this
 * class does not extend {@code Application}, so it starts from a plain classpath.
 */
public final class ScreenshotMain {
    private ScreenshotMain() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The application the scenario runs in: {@code init} loads a context from temp dirs, {@code start} shows it. */
    public static final class App extends Application {
        private @Nullable AppContext context;
        private @Nullable MainWindow window;
        private String scenario = "main-window";
        private @Nullable Path out;

        @Override
        public void init() throws Exception {
            List<String> args = getParameters().getRaw();
            Theme theme = null;
            for (int i = 0; i + 1 < args.size(); i++) {
                switch (args.get(i)) {
                    case "--scenario" -> scenario = args.get(i + 1);
                    case "--out" -> out = Path.of(args.get(i + 1));
                    case "--theme" -> theme = theme(args.get(i + 1));
                    default -> { }
                }
            }
            Path temp = Files.createTempDirectory("odps-explorer-screenshot");
            AppContext ctx = AppContext.load(new AppDirs(temp.resolve("config"), temp.resolve("data")), Map.of(), null);
            if (theme != null) {
                ctx.updateSettings(ctx.settings().withTheme(theme));
            }
            context = ctx;
        }

        private static Theme theme(String value) {
            for (Theme t : Theme.values()) {
                if (t.id().equals(value)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("--theme must be light or dark, not " + value);
        }

        @Override
        public void start(Stage stage) {
            AppContext ctx = Objects.requireNonNull(context, "init() did not run");
            FxDialogs dialogs = new FxDialogs(stage, e -> new String[] {ErrorText.summary(e), ErrorText.details(e)});
            MainWindow main = new MainWindow(ctx, stage, dialogs);
            window = main;
            stage.show();
            ScreenshotScenarios.run(main, scenario, out != null ? out : Path.of(scenario + ".png"));
        }

        @Override
        public void stop() {
            if (window != null) {
                window.dispose();
            }
            if (context != null) {
                context.close();
            }
        }
    }
}
