package org.odpsexplorer.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Application;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.AppDirs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.FxDialogs;
import org.odpsexplorer.app.common.Theme;
import org.odpsexplorer.app.connection.ConnectionProfile;
import org.odpsexplorer.app.connection.Keychain;
import org.odpsexplorer.app.connection.OsKeychain;
import org.odpsexplorer.app.shell.AppContext;
import org.odpsexplorer.app.shell.MainWindow;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. {@link #init()} (launcher thread) takes the settings and profiles {@link #prepareEarly} read
 * while the toolkit started (or reads them itself when launched otherwise), {@link #start} shows the window (its body
 * follows the first frame, see {@code MainWindow}), {@link #stop()} saves the window state and closes the emulator,
 * clients and executor.
 *
 * <p>{@code --theme light|dark} starts with that theme (any run; like the View menu, the choice is then remembered).
 * {@code --startup-report} prints how long start-up took to each stage and exits ({@link StartupReport}).
 */
public final class OdpsExplorerApp extends Application {
    /** {@code ODPS_EXPLORER_KEYCHAIN=off} keeps connection secrets in the owner-only file even with a keychain. */
    private static final String KEYCHAIN_SWITCH = "ODPS_EXPLORER_KEYCHAIN";
    private @Nullable AppContext context;
    private @Nullable MainWindow window;
    private @Nullable StartupReport startupReport;

    /** What {@link #prepare} read before the window: the context, for these arguments. */
    private record Prepared(List<String> args, AppContext context) {
    }

    /** {@link #prepare} begun by {@link #prepareEarly} while the JavaFX toolkit starts; null when not begun. */
    private static volatile @Nullable CompletableFuture<Prepared> early;

    /**
     * Called by {@link Launcher} before {@code Application.launch}: reads settings and profiles, and begins the
     * embedded emulator's start, on a thread of its own while JavaFX starts up (both take about as long as the
     * toolkit's start; done one after the other they delayed the window). {@link #init()} picks the result up.
     */
    static void prepareEarly(String[] args) {
        List<String> list = List.of(args);
        CompletableFuture<Prepared> prepared = new CompletableFuture<>();
        early = prepared;
        Thread t = new Thread(() -> {
            try {
                prepared.complete(prepare(list));
            } catch (Exception | Error e) {
                prepared.completeExceptionally(e);
            }
        }, "startup-prepare");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void init() throws Exception {
        List<String> args = getParameters().getRaw();
        if (StartupReport.requested(args)) {
            startupReport = new StartupReport();
        }
        CompletableFuture<Prepared> begun = early;
        early = null;
        Prepared prepared = null;
        if (begun != null) {
            try {
                prepared = begun.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        if (prepared == null || !prepared.args().equals(args)) {
            prepared = prepare(args);
        }
        context = prepared.context();
    }

    /** Reads {@code --theme}, settings and profiles (blocking file I/O) and begins the emulator's start if needed. */
    private static Prepared prepare(List<String> args) throws Exception {
        Theme theme = null;
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
        if (ctx.initialProfiles().stream().anyMatch(ConnectionProfile::embedded)) {
            ctx.startEmbeddedEarly();
        }
        return new Prepared(List.copyOf(args), ctx);
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
        AppContext ctx = Objects.requireNonNull(context, "init() did not run");
        StartupReport report = startupReport;
        if (report != null) {
            report.starting();
        }
        FxDialogs dialogs = new FxDialogs(stage, e -> new String[] {ErrorText.summary(e), ErrorText.details(e)});
        MainWindow main = new MainWindow(ctx, stage, dialogs);
        window = main;
        stage.show();
        if (report != null) {
            report.shown(stage, main);
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
            } catch (IOException e) {
                LoggerFactory.getLogger(OdpsExplorerApp.class).warn("could not save the window state", e);
            }
            ctx.close();
        }
    }
}
