package org.odpsexplorer.app.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.AppDirs;
import org.odpsexplorer.app.common.AppSettings;
import org.odpsexplorer.app.common.FxUiExecutor;
import org.odpsexplorer.app.common.SettingsStore;
import org.odpsexplorer.app.connection.ConnectionProfile;
import org.odpsexplorer.app.connection.ConnectionStore;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.app.connection.Keychain;
import org.odpsexplorer.app.connection.Sessions;
import org.odpsexplorer.app.history.HistoryService;

/**
 * The object graph, built once by hand ({@link #load}) and passed down by constructor: directories, settings,
 * connection profiles, SDK sessions, the background executor and the embedded emulator. Closed in {@code stop()}.
 */
public final class AppContext implements AutoCloseable {
    /** Threads for interactive work; transfers have their own, so these are never all busy with a long upload. */
    public static final int INTERACTIVE_THREADS = 6;
    /** Transfers running at once; enough to fill a link, few enough to leave bandwidth and disk to browsing. */
    public static final int TRANSFER_THREADS = 3;
    private final AppDirs dirs;
    private final Map<String, String> env;
    /** Interactive work: listings, opening and saving tabs, page reads, highlighting, settings (threads io-N). */
    private final FxUiExecutor tasks = new FxUiExecutor("io", INTERACTIVE_THREADS);
    /** Uploads and downloads of the transfers panel (threads transfer-N); more wait in its queue as QUEUED. */
    private final FxUiExecutor transferTasks = new FxUiExecutor("transfer", TRANSFER_THREADS);
    private final SettingsStore settingsStore;
    private final ConnectionStore connectionStore;
    private final Sessions sessions;
    private final List<ConnectionProfile> initialProfiles;
    private final HistoryService history;
    private AppSettings settings;
    private volatile @Nullable EmbeddedEmulator emulator;
    private final List<Consumer<String>> waiting = new ArrayList<>();
    private final List<Consumer<Throwable>> failing = new ArrayList<>();
    /** The emulator start begun by {@link #startEmbeddedEarly()}, not yet handed to {@link #startEmbedded}. */
    private @Nullable CompletableFuture<EmbeddedEmulator> early;

    private AppContext(AppDirs dirs, Map<String, String> env, AppSettings settings, List<ConnectionProfile> profiles,
                       SettingsStore settingsStore, ConnectionStore connectionStore, HistoryService history) {
        this.dirs = dirs;
        this.env = env;
        this.settings = settings;
        this.initialProfiles = profiles;
        this.settingsStore = settingsStore;
        this.connectionStore = connectionStore;
        this.sessions = new Sessions(connectionStore);
        this.history = history;
    }

    /**
     * Reads settings and connection profiles; on first start (no profiles) creates "Local (embedded)". Blocking
     * file I/O: call from {@code Application.init()} (the launcher thread) or a test's setup, not the FX thread.
     */
    public static AppContext load(AppDirs dirs, Map<String, String> env) throws IOException {
        return load(dirs, env, null);
    }

    /**
     * Like {@link #load(AppDirs, Map)}, with connection secrets in the keychain {@code keychain} opens (on first use
     * of a secret, on a worker); null keeps them in the owner-only file (tests, screenshots).
     */
    public static AppContext load(AppDirs dirs, Map<String, String> env, Keychain.@Nullable Opener keychain)
            throws IOException {
        SettingsStore settingsStore = new SettingsStore(dirs.config());
        ConnectionStore connectionStore = new ConnectionStore(dirs.config(), keychain);
        List<ConnectionProfile> profiles = new ArrayList<>(connectionStore.load());
        if (profiles.isEmpty()) {
            profiles.add(EmbeddedEmulator.profile());
            connectionStore.save(profiles);
        }
        return new AppContext(dirs, env, settingsStore.load(), List.copyOf(profiles), settingsStore, connectionStore,
                HistoryService.load(dirs.config(), dirs.data()));
    }

    public AppDirs dirs() {
        return dirs;
    }

    public Map<String, String> env() {
        return env;
    }

    /** Local history: the version journal and the recovery files of unsaved buffers. */
    public HistoryService history() {
        return history;
    }

    /** The interactive executor: everything a user waits for. Transfers never run here. */
    public FxUiExecutor tasks() {
        return tasks;
    }

    /** The transfer executor: at most {@value #TRANSFER_THREADS} transfers at once, the rest queued in order. */
    public FxUiExecutor transferTasks() {
        return transferTasks;
    }

    public ConnectionStore connectionStore() {
        return connectionStore;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** Profiles as loaded at start-up. */
    public List<ConnectionProfile> initialProfiles() {
        return initialProfiles;
    }

    public synchronized AppSettings settings() {
        return settings;
    }

    public synchronized void updateSettings(AppSettings value) {
        this.settings = value;
    }

    /** The embedded emulator once started, else null. */
    public @Nullable EmbeddedEmulator emulator() {
        return emulator;
    }

    /**
     * Starts the embedded emulator in the background, once; later calls just get the callback. The callbacks run on
     * the FX thread.
     */
    public synchronized void startEmbedded(Consumer<String> onStarted, Consumer<Throwable> onFailed) {
        EmbeddedEmulator running = emulator;
        if (running != null) {
            tasks.runOnUi(() -> onStarted.accept(running.url()));
            return;
        }
        waiting.add(onStarted);
        failing.add(onFailed);
        if (waiting.size() > 1) {
            return;
        }
        CompletableFuture<EmbeddedEmulator> begun = early;
        early = null;
        Callable<EmbeddedEmulator> work = begun == null
                ? () -> EmbeddedEmulator.start(dirs.emulatorData())
                : () -> {
                    try {
                        return begun.get();
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                };
        tasks.run(work, started -> {
            List<Consumer<String>> done;
            synchronized (this) {
                emulator = started;
                sessions.setEmbeddedUrl(started.url());
                done = List.copyOf(waiting);
                waiting.clear();
                failing.clear();
            }
            done.forEach(c -> c.accept(started.url()));
        }, error -> {
            List<Consumer<Throwable>> failed;
            synchronized (this) {
                failed = List.copyOf(failing);
                waiting.clear();
                failing.clear();
            }
            failed.forEach(c -> c.accept(error));
        });
    }

    /**
     * Begins starting the embedded emulator now, on a thread of its own, without the FX toolkit (the launcher calls
     * it while JavaFX starts up, so the tree can list sooner); the first {@link #startEmbedded} then waits for this
     * start instead of beginning another. Returns at once; does nothing once a start is under way or done.
     */
    public void startEmbeddedEarly() {
        CompletableFuture<EmbeddedEmulator> begun = new CompletableFuture<>();
        synchronized (this) {
            if (emulator != null || early != null || !waiting.isEmpty()) {
                return;
            }
            early = begun;
        }
        Thread t = new Thread(() -> {
            try {
                begun.complete(EmbeddedEmulator.start(dirs.emulatorData()));
            } catch (IOException | RuntimeException | Error e) {
                begun.completeExceptionally(e);
            }
        }, "emulator-start");
        t.setDaemon(true);
        t.start();
    }

    /** Writes the settings; blocking (call at exit or on a worker). */
    public synchronized void saveSettings() throws IOException {
        settingsStore.save(settings());
    }

    @Override
    public void close() {
        sessions.close();
        connectionStore.close();
        CompletableFuture<EmbeddedEmulator> begun;
        synchronized (this) {
            begun = early;
            early = null;
        }
        if (begun != null) {
            // started early but never asked for (the app quit at once): closed when its start ends
            begun.thenAccept(EmbeddedEmulator::close);
        }
        EmbeddedEmulator e = emulator;
        if (e != null) {
            e.close();
            emulator = null;
        }
        transferTasks.close();
        tasks.close();
    }
}
