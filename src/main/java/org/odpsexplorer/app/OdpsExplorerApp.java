package org.odpsexplorer.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.AppDirs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.FxDialogs;
import org.odpsexplorer.app.common.Theme;
import org.odpsexplorer.app.connection.Keychain;
import org.odpsexplorer.app.connection.OsKeychain;
import org.odpsexplorer.app.shell.AppContext;
import org.odpsexplorer.app.shell.MainWindow;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. {@link #init()} (launcher thread) reads settings and profiles, {@link #start} builds the
 * window, {@link #stop()} saves the window state and closes the emulator, clients and executor.
 *
 * <p>{@code --theme light|dark} starts with that theme (any run; like the View menu, the choice is then remembered). {@code --startup-report} prints
 * how long start-up took to each stage and exits ({@link StartupReport}).
 */
public final class OdpsExplorerApp extends Application {
    /** {@code ODPS_EXPLORER_KEYCHAIN=off} keeps connection secrets in the owner-only file even with a keychain. */
    private static final String KEYCHAIN_SWITCH = "ODPS_EXPLORER_KEYCHAIN";
    private @Nullable AppContext context;
    private @Nullable MainWindow window;
    private @Nullable Theme theme;
    private @Nullable StartupReport startupReport;

    @Override
    public void init() throws Exception {
        List<String> args = getParameters().getRaw();
        if (StartupReport.requested(args)) {
            startupReport = new StartupReport();
        }
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--theme")) {
                theme = themeArgument(args.get(i + 1));
            }
        }
        Map<String, String> env = System.getenv();
        AppDirs dirs = AppDirs.fromEnvironment(env, Path.of(System.getProperty("user.home")));
        Keychain.Opener keychain = "off".equalsIgnoreCase(env.getOrDefault(KEYCHAIN_SWITCH, "").strip())
                ? Keychain.Opener.none("the keychain is turned off (" + KEYCHAIN_SWITCH + "=off)")
                : OsKeychain::open;
        AppContext ctx = AppContext.load(dirs, env, keychain);
        if (theme != null) {
            ctx.updateSettings(ctx.settings().withTheme(theme));
        }
        context = ctx;
    }

    private static Theme themeArgument(String value) {
        for (Theme t : Theme.values()) {
            if (t.id().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("--theme must be light or dark, not " + value);
    }

    @Override
    public void start(Stage stage) {
        AppContext ctx = java.util.Objects.requireNonNull(context, "init() did not run");
        StartupReport report = startupReport;
        if (report != null) {
            report.starting();
        }
        FxDialogs dialogs = new FxDialogs(stage, e -> new String[] {ErrorText.summary(e), ErrorText.details(e)});
        MainWindow main = new MainWindow(ctx, stage, dialogs);
        window = main;
        stage.show();
        if (report != null) {
            report.shown(stage, main.treeView().tree());
        }
    }

    @Override
    public void stop() {
        MainWindow main = window;
        AppContext ctx = context;
        if (main != null) {
            main.dispose();
        }
        if (ctx != null) {
            try {
                // at exit the window is gone, so this short write can't freeze anything
                ctx.saveSettings();
            } catch (java.io.IOException e) {
                LoggerFactory.getLogger(OdpsExplorerApp.class).warn("could not save the window state", e);
            }
            ctx.close();
        }
    }
}
