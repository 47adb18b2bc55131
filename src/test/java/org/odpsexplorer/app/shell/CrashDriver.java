package org.odpsexplorer.app.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.odpsexplorer.app.common.AppDirs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.FxDialogs;
import org.odpsexplorer.app.connection.ConnectionProfile;
import org.odpsexplorer.app.editor.OpenMode;
import org.odpsexplorer.app.editor.ResourceEditorTab;
import org.odpsexplorer.app.history.BufferJournal;
import org.odpsexplorer.app.history.RecoveryPrompt;
import org.odpsexplorer.app.history.RecoveryStore;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.sdk.model.ResourceInfo;

/**
 * The child side of {@link CrashRecoveryTest}: the real main window and app context (settings, connections and
 * history from {@code XDG_CONFIG_HOME}/{@code XDG_DATA_HOME}), headless under Monocle, driven by commands on stdin.
 * Each command answers on stdout; the parent kills this JVM with SIGKILL whenever it likes.
 *
 * <pre>
 *   open NAME MODE HEX        → opened NAME
 *   type NAME TEXT            → typed NAME           (TEXT: \n for a line break)
 *   hex NAME OFFSET BYTE      → hexed NAME           (BYTE: two hex digits, typed at OFFSET)
 *   journal                   → journal NAME BYTES … journaled
 *   tabs                      → tab NAME MODE … tabs N
 *   recoveries                → recovery NAME KIND … recoveries N
 *   restore NAME              → restored NAME | notrestored WHY
 *   save NAME                 → saved NAME MD5
 *   saveloop NAME N SEED      → ack I MD5 (per save; random typing pauses so the journal runs in between)
 * </pre>
 */
public final class CrashDriver {
    private static volatile MainWindow window;

    private CrashDriver() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The app as {@code OdpsExplorerApp} builds it, plus the command thread. */
    public static final class App extends Application {
        private AppContext ctx;

        @Override
        public void init() throws Exception {
            ctx = AppContext.load(AppDirs.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home"))),
                    System.getenv());
        }

        @Override
        public void start(Stage stage) {
            window = new MainWindow(ctx, stage, new FxDialogs(stage,
                    e -> new String[] {ErrorText.summary(e), ErrorText.details(e)}));
            stage.show();
            Thread commands = new Thread(() -> commands(ctx), "crash-driver");
            commands.setDaemon(true);
            commands.start();
        }
    }

    private static void out(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void commands(AppContext ctx) {
        out("ready");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] a = line.trim().split(" ", 4);
                try {
                    run(ctx, a);
                } catch (Exception | AssertionError e) {
                    out("error " + a[0] + ": " + e);
                    e.printStackTrace();
                }
            }
        } catch (IOException e) {
            out("error stdin: " + e);
        }
    }

    private static void run(AppContext ctx, String[] a) throws Exception {
        switch (a[0]) {
            case "open" -> {
                ConnectionProfile profile = ctx.initialProfiles().get(0);
                String project = profile.projects().get(0);
                ResourceInfo info = ctx.sessions().client(profile, project).getResource(a[1]).info();
                fx(() -> {
                    window.open(new ProjectRef(profile, project), info, OpenMode.parse(a[2]),
                            Boolean.parseBoolean(a[3]));
                    return null;
                });
                waitFor(() -> tab(a[1]) != null && tab(a[1]).viewModel().openedProperty().get() != null
                        && !tab(a[1]).viewModel().busyProperty().get(), 300);
                out("opened " + a[1]);
            }
            case "type" -> {
                fx(() -> {
                    tab(a[1]).codeEditor().area().appendText(String.join(" ",
                            Arrays.copyOfRange(a, 2, a.length)).replace("\\n", "\n"));
                    return null;
                });
                out("typed " + a[1]);
            }
            case "hex" -> {
                long at = Long.parseLong(a[2]);
                int b = Integer.parseInt(a[3], 16);
                fx(() -> {
                    var hvm = tab(a[1]).hexView().viewModel();
                    hvm.setCaret(at, false);
                    hvm.typeHexDigit(b >> 4);
                    hvm.typeHexDigit(b & 0xF);
                    return null;
                });
                out("hexed " + a[1]);
            }
            case "journal" -> {
                // the natural journal: a moment after the last edit, then the background write
                Thread.sleep(1500);
                BufferJournal.awaitWrites();
                RecoveryStore store = ctx.history().recovery();
                for (ResourceEditorTab t : fx(() -> window.editors().all())) {
                    String id = fx(() -> t.recovery() == null ? null : t.recovery().id());
                    if (id != null) {
                        out("journal " + t.viewModel().getName() + " " + store.fileSize(id));
                    }
                }
                out("journaled");
            }
            case "tabs" -> {
                List<String> lines = fx(() -> window.editors().keys().stream()
                        .map(k -> "tab " + k.resource() + " " + k.mode().text()).toList());
                waitFor(() -> true, 1);
                lines.forEach(CrashDriver::out);
                out("tabs " + lines.size());
            }
            case "waittabs" -> {
                int n = Integer.parseInt(a[1]);
                waitFor(() -> window.editors().all().stream()
                        .filter(t -> t.viewModel().openedProperty().get() != null).count() >= n, 300);
                out("tabs " + fx(() -> window.editors().keys().size()));
            }
            case "recoveries" -> {
                waitFor(() -> window.recoveryPrompt() != null, 120);
                List<RecoveryStore.Recovered> items = fx(() -> List.copyOf(window.recoveryPrompt().list().getItems()));
                for (RecoveryStore.Recovered r : items) {
                    out("recovery " + r.ref().resource() + " " + r.kind() + " " + r.problem());
                }
                out("recoveries " + items.size());
            }
            case "restore" -> {
                RecoveryPrompt prompt = window.recoveryPrompt();
                fx(() -> {
                    prompt.list().getItems().stream().filter(r -> r.ref().resource().equals(a[1])).findFirst()
                            .ifPresent(r -> prompt.list().getSelectionModel().select(r));
                    ((Button) prompt.stage().getScene().lookup("#recoveryRestore")).fire();
                    return null;
                });
                waitFor(() -> prompt.list().getItems().stream().noneMatch(r -> r.ref().resource().equals(a[1]))
                        && tab(a[1]) != null && tab(a[1]).viewModel().dirtyProperty().get(), 300);
                out("restored " + a[1]);
            }
            case "save" -> {
                fx(() -> {
                    tab(a[1]).save();
                    return null;
                });
                waitFor(() -> !tab(a[1]).viewModel().dirtyProperty().get() && !tab(a[1]).viewModel().busyProperty().get(),
                        600);
                out("saved " + a[1] + " " + fx(() -> tab(a[1]).viewModel().infoProperty().get().md5()));
            }
            case "saveloop" -> {
                String[] rest = a[3].split(" ");
                int n = Integer.parseInt(a[2]);
                Random random = new Random(Long.parseLong(rest[0]));
                for (int i = 1; i <= n; i++) {
                    String text = "version " + i + "\n" + "x".repeat(random.nextInt(20_000)) + "\n";
                    fx(() -> {
                        tab(a[1]).codeEditor().area().replaceText(text);
                        return null;
                    });
                    Thread.sleep(random.nextInt(900));
                    fx(() -> {
                        tab(a[1]).save();
                        return null;
                    });
                    waitFor(() -> !tab(a[1]).viewModel().dirtyProperty().get()
                            && !tab(a[1]).viewModel().busyProperty().get(), 120);
                    out("ack " + i + " " + fx(() -> tab(a[1]).viewModel().infoProperty().get().md5()));
                }
                out("loopdone");
            }
            default -> out("error unknown command " + a[0]);
        }
    }

    private static ResourceEditorTab tab(String name) {
        return window.editors().all().stream().filter(t -> t.viewModel().getName().equals(name)).findFirst()
                .orElse(null);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | AssertionError e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!fx(condition)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
