package org.odpsexplorer.app.shell;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.archive.ArchiveView;
import org.odpsexplorer.app.archive.EntryTree;
import org.odpsexplorer.app.connection.ConnectionProfile;
import org.odpsexplorer.app.editor.ResourceEditorTab;
import org.odpsexplorer.app.grid.StagingViewModel;
import org.odpsexplorer.app.grid.TableGridView;
import org.odpsexplorer.app.hex.HexPatch;
import org.odpsexplorer.app.history.HistoryRef;
import org.odpsexplorer.app.history.RecoveryStore;
import org.odpsexplorer.app.history.Version;
import org.odpsexplorer.app.transfer.Transfer;
import org.odpsexplorer.app.transfer.UploadItem;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.app.tree.TreeNode;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * Drives the real window into a documented state and writes a PNG of it ({@code scene.snapshot}), then exits. Used
 * by {@code screenshots/make-screenshots.sh}; every step waits on state, never on fixed sleeps alone.
 * Scenarios: {@code main-window}, {@code hex-editor}, {@code upload-progress}, {@code conflict-dialog},
 * {@code table-grid}, {@code table-staging}, {@code archive-view}, {@code used-by-warning},
 * {@code history-panel}, {@code recovery-prompt}.
 */
public final class ScreenshotScenarios {
    private static final String SCRIPT = """
            \"\"\"Daily ETL: load yesterday's partition and aggregate clicks.\"\"\"
            from odps import ODPS, options
            import datetime as dt

            THRESHOLD = 42  # minimum clicks per user

            def run(o: ODPS, day: str = None) -> int:
                day = day or (dt.date.today() - dt.timedelta(days=1)).strftime('%Y%m%d')
                sql = f"SELECT user_id, COUNT(*) AS n FROM clicks WHERE ds = '{day}' GROUP BY user_id"
                with o.execute_sql(sql).open_reader() as reader:
                    heavy = [r for r in reader if r['n'] >= THRESHOLD]
                print('heavy users:', len(heavy))
                return len(heavy)
            """;

    private static final Set<String> SEEDED = Set.of("etl_daily.py", "report.sql",
            "settings.yaml", "udf-tools.jar", "deps.tar.gz", "clicks_table");

    private final MainWindow window;
    private final String scenario;
    private final Path out;
    private final long deadline = System.nanoTime() + 90_000_000_000L;

    private ScreenshotScenarios(MainWindow window, String scenario, Path out) {
        this.window = window;
        this.scenario = scenario;
        this.out = out;
    }

    /** Starts the scenario; it ends the application itself. */
    public static void run(MainWindow window, String scenario, Path out) {
        new ScreenshotScenarios(window, scenario, out).begin();
    }

    private void begin() {
        waitFor(() -> window.context().emulator() != null, () -> window.context().tasks().run(this::seed,
                ref -> waitFor(() -> window.treeViewModel().names(ref).containsAll(SEEDED), () -> {
                    try {
                        afterSeed(ref);
                    } catch (RuntimeException e) {
                        fail(e);
                    }
                }),
                this::fail));
    }

    /** Gives the demo project a known set of resources (only those missing). Worker thread. */
    private ProjectRef seed() throws IOException {
        ConnectionProfile profile = window.treeViewModel().connections().get(0);
        String project = profile.projects().get(0);
        Odps odps = window.context().sessions().client(profile, project);
        create(odps, "etl_daily.py", "py", SCRIPT.getBytes(StandardCharsets.UTF_8));
        create(odps, "report.sql", "file", ("-- weekly report\nSELECT region, SUM(amount) AS total\n"
                + "FROM sales WHERE ds >= '20240101'\nGROUP BY region ORDER BY total DESC;\n").getBytes());
        create(odps, "settings.yaml", "file", "retries: 3\nqueue: default\nnotify: true\n".getBytes());
        byte[] jar = new byte[3000];
        new Random(7).nextBytes(jar);
        jar[0] = 'P';
        jar[1] = 'K';
        jar[2] = 3;
        jar[3] = 4;
        create(odps, "udf-tools.jar", "jar", jar);
        create(odps, "deps.tar.gz", "archive", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0});
        if (!odps.existResource("clicks_table")) {
            // the emulator, like MaxCompute, accepts table resources only over existing tables
            odps.createTable("clicks", new TableSchema(
                    List.of(Column.of("user_id", "string"),
                            Column.of("n", "bigint")),
                    List.of(Column.of("ds", "string"))), true);
            odps.createTableResource("clicks_table", "clicks", "ds=20240101");
        }
        ProjectRef ref = new ProjectRef(profile, project);
        Platform.runLater(() -> window.treeView().refresh(ref));
        return ref;
    }

    private static void create(Odps odps, String name, String type, byte[] content) {
        if (!odps.existResource(name)) {
            odps.createResource(name, type, content, ResourceOptions.defaults().withComment("demo " + type));
        }
    }

    private void afterSeed(ProjectRef ref) {
        switch (scenario) {
            case "main-window" -> openAndShoot(ref, "etl_daily.py", false, () -> shoot(window.stage().getScene(), null));
            case "hex-editor" -> openAndShoot(ref, "udf-tools.jar", true, () -> {
                window.editors().selected().map(ResourceEditorTab::hexView).ifPresent(h -> {
                    h.viewModel().setCaret(0x24, false);
                    h.viewModel().setCaret(0x33, true);
                });
                later(() -> shoot(window.stage().getScene(), null));
            });
            case "upload-progress" -> uploadProgress(ref);
            case "conflict-dialog" -> conflict(ref);
            case "table-grid" -> tableGrid(ref);
            case "table-staging" -> tableStaging(ref);
            case "archive-view" -> archiveView(ref);
            case "used-by-warning" -> usedByWarning(ref);
            case "history-panel" -> historyPanel(ref);
            case "recovery-prompt" -> recoveryPrompt(ref);
            default -> fail(new IllegalArgumentException("unknown scenario " + scenario));
        }
    }

    private void openAndShoot(ProjectRef ref, String name, boolean hex, Runnable then) {
        ResourceInfo info = find(ref, name);
        select(name);
        window.open(ref, info, null, hex);
        waitFor(() -> window.editors().selected().map(t -> t.codeEditor() != null || t.hexView() != null)
                .orElse(false), () -> later(then));
    }

    /** The demo's table resource: picker filtered, the 100,000-row partition shown at row 54,321. */
    private void tableGrid(ProjectRef ref) {
        select("sales_resource");
        window.open(ref, find(ref, "sales_resource"), null, false);
        waitFor(() -> window.grids().selected().map(g -> g.viewModel().picker().all().size() == 3
                && g.viewModel().totalProperty().get() >= 0).orElse(false), () -> {
                    TableGridView grid = window.grids().selected().orElseThrow();
                    grid.viewModel().picker().setFilter("pt >= 20240101");
                    grid.picker().list().getSelectionModel().select(1);
                    waitFor(() -> grid.viewModel().totalProperty().get() == 100_000
                            && !grid.viewModel().loadingProperty().get(), () -> {
                                grid.viewModel().goToRow(54_321);
                                waitFor(() -> grid.viewModel().statusProperty().get().startsWith("Rows 54,318"),
                                        () -> later(() -> shoot(window.stage().getScene(), null)));
                            });
                });
    }

    /** The 300-row partition (a NULL and a non-UTF-8 name) behind the staging window with one invalid cell. */
    private void tableStaging(ProjectRef ref) {
        select("sales_resource");
        window.open(ref, find(ref, "sales_resource"), null, false);
        waitFor(() -> window.grids().selected().map(g -> g.viewModel().picker().all().size() == 3
                && g.viewModel().totalProperty().get() >= 0).orElse(false), () -> {
                    TableGridView grid = window.grids().selected().orElseThrow();
                    grid.picker().list().getSelectionModel().select(2);
                    waitFor(() -> grid.viewModel().totalProperty().get() == 300
                            && !grid.viewModel().loadingProperty().get(), () -> {
                                ((Button) grid.root().lookup("#gridAppend")).fire();
                                waitFor(() -> stagingWindow() != null,
                                        () -> fillStaging(Objects.requireNonNull(stagingWindow())));
                            });
                });
    }

    /** A UDF jar listed in the archive view: folders expanded, manifest beside, a zip-bomb-like entry flagged. */
    private void archiveView(ProjectRef ref) {
        String name = "text-udfs.jar";
        window.context().tasks().run(() -> {
            Odps odps = window.context().sessions().client(ref.profile(), ref.project());
            create(odps, name, "jar", demoJar());
            Platform.runLater(() -> window.treeView().refresh(ref));
            return name;
        }, n -> waitFor(() -> window.treeViewModel().names(ref).contains(name), () -> {
            select(name);
            window.open(ref, find(ref, name), null, false);
            waitFor(() -> archiveView() != null && archiveView().viewModel().loadedProperty().get() != null, () -> {
                ArchiveView view = Objects.requireNonNull(archiveView());
                expand(view.table().getRoot(), 0);
                for (int i = 0; i < view.table().getExpandedItemCount(); i++) {
                    TreeItem<EntryTree.Node> row = view.table().getTreeItem(i);
                    if (row != null && row.getValue().name().equals("TextNormalizer.class")) {
                        view.table().getSelectionModel().select(row);
                    }
                }
                later(() -> shoot(window.stage().getScene(), null));
            });
        }), this::fail);
    }

    private @Nullable ArchiveView archiveView() {
        Tab tab = window.editors().tabPane().getSelectionModel().getSelectedItem();
        return tab != null && tab.getUserData() instanceof ArchiveView v ? v : null;
    }

    private static void expand(TreeItem<?> item, int depth) {
        item.setExpanded(depth < 4);
        for (TreeItem<?> c : item.getChildren()) {
            expand(c, depth + 1);
        }
    }

    /** A plausible UDF jar: manifest, classes in packages, resources, and one 64 MB run of zeros (a bomb's shape). */
    private static byte[] demoJar() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "com.example.text.TextNormalizer");
        main.put(Attributes.Name.IMPLEMENTATION_TITLE, "text-udfs");
        main.put(Attributes.Name.IMPLEMENTATION_VERSION, "2.4.1");
        main.put(new Attributes.Name("Created-By"), "Apache Maven 3.9.9");
        main.put(new Attributes.Name("Build-Jdk-Spec"), "17");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Random random = new Random(15);
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            String[] classes = {"com/example/text/TextNormalizer.class", "com/example/text/Tokenizer.class",
                "com/example/text/Stopwords.class", "com/example/text/util/Utf8.class",
                "com/example/text/util/Strings.class", "com/example/geo/GeoHash.class"};
            for (String c : classes) {
                byte[] body = new byte[1500 + random.nextInt(6000)];
                random.nextBytes(body);
                jar.putNextEntry(new JarEntry(c));
                jar.write(body);
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("resources/stopwords_en.txt"));
            jar.write("a\nan\nand\nthe\nof\nto\n".repeat(200).getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("resources/udf.properties"));
            jar.write("udf.class=com.example.text.TextNormalizer\nudf.threads=4\n"
                    .getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("resources/dict/zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                jar.write(zeros);
            }
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private void fillStaging(Window staging) {
        Parent root = staging.getScene().getRoot();
        Button add = (Button) root.lookup("#stagingAdd");
        add.fire();
        add.fire();
        @SuppressWarnings("unchecked")
        TableView<StagingViewModel.Row> table =
                (TableView<StagingViewModel.Row>)
                        root.lookup("#stagingTable");
        List<String> good = List.of("300001", "late order", "19.90", "2024-01-03 18:45:00", "true");
        List<String> bad = List.of("300002", "typo", "12.345", "2024-01-03 19:00:00", "maybe");
        for (int i = 0; i < good.size(); i++) {
            table.getItems().get(0).cell(i).set(good.get(i));
            table.getItems().get(1).cell(i).set(bad.get(i));
        }
        table.refresh();
        ((Button) root.lookup("#stagingCommit")).fire();
        later(() -> shoot(window.stage().getScene(), staging.getScene()));
    }

    private @Nullable Window stagingWindow() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot() != null
                    && "stagingView".equals(w.getScene().getRoot().getId())) {
                return w;
            }
        }
        return null;
    }

    private void uploadProgress(ProjectRef ref) {
        window.context().tasks().run(() -> {
            Path big = Files.createTempFile("big-dataset", ".csv");
            try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                f.setLength(400L * 1024 * 1024);
            }
            return new Object[] {big, window.context().sessions().client(ref.profile(), ref.project())};
        }, pair -> {
            Path big = (Path) pair[0];
            Odps odps = (Odps) pair[1];
            window.transfers().download(odps, "etl_daily.py", big.resolveSibling("etl_daily.py"), () -> { });
            Transfer t = window.transfers().upload(odps, new UploadItem(big, 400L * 1024 * 1024,
                    "big_dataset.csv", "file", "nightly export", true), () -> { });
            waitFor(() -> t.progressProperty().get() > 0.15 || t.stateProperty().get().compareTo(Transfer.State.RUNNING) > 0,
                    () -> shoot(window.stage().getScene(), null));
        }, this::fail);
    }

    private void conflict(ProjectRef ref) {
        openAndShoot(ref, "etl_daily.py", false, () -> {
            ResourceEditorTab tab = window.editors().selected().orElseThrow();
            window.context().tasks().run(() -> {
                Odps odps = window.context().sessions().client(ref.profile(), ref.project());
                odps.updateResource("etl_daily.py", SCRIPT.replace("THRESHOLD = 42", "THRESHOLD = 50  # raised by ops")
                        .getBytes(StandardCharsets.UTF_8), ResourceOptions.defaults());
                return true;
            }, ok -> {
                var area = Objects.requireNonNull(tab.codeEditor(), "a text tab").area();
                area.replaceText(0, 0, "# reviewed: keep the old threshold\n");
                area.replaceText(area.getText().indexOf("print("), area.getText().indexOf("print(") + 6, "log(");
                Platform.runLater(tab::save);
                waitFor(() -> dialogWindow("conflictDialog") != null, () -> later(() -> {
                    Window dialog = dialogWindow("conflictDialog");
                    shoot(window.stage().getScene(), dialog == null ? null : dialog.getScene());
                }));
            }, this::fail);
        });
    }

    /**
     * Two functions use the script: its details list them, and Delete shows the used-by warning (shot with the
     * warning over the window; nothing is deleted, the process ends while the dialog is open).
     */
    private void usedByWarning(ProjectRef ref) {
        window.context().tasks().run(() -> {
            Odps odps = window.context().sessions().client(ref.profile(), ref.project());
            if (!odps.existFunction("click_score")) {
                odps.createFunction("click_score", "etl_daily.ClickScore", List.of("etl_daily.py"));
            }
            if (!odps.existFunction("heavy_users")) {
                odps.createFunction("heavy_users", "etl_daily.HeavyUsers", List.of("etl_daily.py", "settings.yaml"));
            }
            return ref;
        }, r -> {
            window.treeView().refresh(ref);
            waitFor(() -> {
                var listing = window.treeViewModel().functions().listing(ref);
                return listing != null && listing.functions().stream().anyMatch(f -> f.name().equals("heavy_users"))
                        && window.treeViewModel().names(ref).contains("etl_daily.py");
            }, () -> {
                // only the py group and the Functions group open, the details scrolled to the "Used by" line
                for (TreeItem<TreeNode> conn : window.treeView().tree().getRoot().getChildren()) {
                    for (TreeItem<TreeNode> project : conn.getChildren()) {
                        for (TreeItem<TreeNode> group : project.getChildren()) {
                            if (group.getValue() instanceof TreeNode.Group g && !g.type().equals("py")) {
                                group.setExpanded(false);
                            }
                        }
                    }
                }
                select("etl_daily.py");
                waitFor(() -> window.treeViewModel().detailsProperty().get() != null, () -> later(() -> {
                    for (Node n = window.root().lookup("#detailsUsedBy"); n != null; n = n.getParent()) {
                        if (n instanceof ScrollPane sp) {
                            sp.setVvalue(sp.getVmax());
                            break;
                        }
                    }
                    window.treeViewModel().delete(ref, "etl_daily.py", () -> { });
                    waitFor(() -> dialogWindow("usedByDialog") != null, () -> later(() -> {
                        Window dialog = dialogWindow("usedByDialog");
                        shoot(window.stage().getScene(), dialog == null ? null : dialog.getScene());
                    }));
                }));
            });
        }, this::fail);
    }

    /** Two saves of the script, then its History panel comparing the last two versions. */
    private void historyPanel(ProjectRef ref) {
        openAndShoot(ref, "etl_daily.py", false, () -> {
            ResourceEditorTab tab = window.editors().selected().orElseThrow();
            var area = Objects.requireNonNull(tab.codeEditor(), "a text tab").area();
            area.replaceText(area.getText().indexOf("42"), area.getText().indexOf("42") + 2, "50");
            tab.save();
            waitFor(() -> !tab.viewModel().dirtyProperty().get() && !tab.viewModel().busyProperty().get(), () -> {
                int at = area.getText().indexOf("    print(");
                area.replaceText(at, at, "    log.info('day %s', day)\n");
                tab.save();
                waitFor(() -> !tab.viewModel().dirtyProperty().get() && !tab.viewModel().busyProperty().get(), () -> {
                    window.openHistory(ref.profile().id(), ref.project(), "etl_daily.py");
                    waitFor(() -> dialogWindow("historyPanel") != null && historyTable().getItems().size() >= 3, () -> {
                        var table = historyTable();
                        table.getSelectionModel().selectIndices(0, 1);
                        ((Button) shown("historyPanel").getScene().lookup("#historyCompare"))
                                .fire();
                        waitFor(() -> shown("historyPanel").getScene().lookup("#historyDiff") != null,
                                () -> later(() -> shoot(window.stage().getScene(),
                                        shown("historyPanel").getScene())));
                    });
                });
            });
        });
    }

    @SuppressWarnings("unchecked")
    private TableView<Version> historyTable() {
        return (TableView<Version>)
                shown("historyPanel").getScene().lookup("#historyTable");
    }

    /** Two buffers left by a "crash" (a text edit and a hex edit) offered at start. */
    private void recoveryPrompt(ProjectRef ref) {
        window.context().tasks().run(() -> {
            Odps odps = window.context().sessions().client(ref.profile(), ref.project());
            var store = window.context().history().recovery();
            var hist = new HistoryRef(ref.profile().id(), ref.project(), "etl_daily.py");
            ResourceInfo script = odps.getResource("etl_daily.py").info();
            store.save(new RecoveryStore.Recovered("shot-text", hist, "r+",
                    RecoveryStore.Kind.TEXT, base(script),
                    Instant.now().minusSeconds(95), SCRIPT.replace("THRESHOLD = 42", "THRESHOLD = 45")
                    .replace("    print(", "    log.info('day %s: %d heavy users', day, len(heavy))\n    print("),
                    null, null), 1);
            ResourceInfo jar = odps.getResource("udf-tools.jar").info();
            store.save(new RecoveryStore.Recovered("shot-hex",
                    hist.withResource("udf-tools.jar"), "r+b", RecoveryStore.Kind.HEX,
                    base(jar), Instant.now().minusSeconds(80), null, new HexPatch(
                            jar.size(), List.of(new HexPatch.Copy(0, 0x40),
                                    new HexPatch.Insert(new byte[] {(byte) 0xCA, (byte) 0xFE}),
                                    new HexPatch.Copy(0x42, jar.size() - 0x42))), null), 1);
            return true;
        }, ok -> {
            window.offerRecovery();
            waitFor(() -> window.recoveryPrompt() != null && dialogWindow("recoveryPrompt") != null
                    && ((ListView<?>) dialogWindow("recoveryPrompt").getScene()
                    .lookup("#recoveryDiff")).getItems().size() > 3,
                    () -> later(() -> shoot(window.stage().getScene(), shown("recoveryPrompt").getScene())));
        }, this::fail);
    }

    private static RecoveryStore.Base base(ResourceInfo info) {
        return new RecoveryStore.Base(info.md5() == null ? "" : info.md5(), info.size(),
                info.lastModifiedTime() == null ? -1 : info.lastModifiedTime().toEpochMilli());
    }

    /** {@link #dialogWindow} once a wait has seen it open. */
    private Window shown(String id) {
        return Objects.requireNonNull(dialogWindow(id), id);
    }

    private @Nullable Window dialogWindow(String id) {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot() != null
                    && id.equals(w.getScene().getRoot().getId())) {
                return w;
            }
        }
        return null;
    }

    private ResourceInfo find(ProjectRef ref, String name) {
        return window.treeViewModel().listing(ref).stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no resource " + name));
    }

    private void select(String name) {
        selectIn(window.treeView().tree().getRoot(), name);
    }

    private boolean selectIn(TreeItem<TreeNode> item, String name) {
        if (item.getValue() instanceof TreeNode.Resource r && r.info().name().equals(name)) {
            window.treeView().tree().getSelectionModel().select(item);
            return true;
        }
        for (TreeItem<TreeNode> child : List.copyOf(item.getChildren())) {
            if (selectIn(child, name)) {
                return true;
            }
        }
        return false;
    }

    private void shoot(Scene main, @Nullable Scene overlay) {
        try {
            WritableImage image = main.snapshot(null);
            BufferedImage out = SwingFXUtils.fromFXImage(image, null);
            if (overlay != null) {
                BufferedImage dialog = SwingFXUtils.fromFXImage(overlay.snapshot(null), null);
                BufferedImage combined = new BufferedImage(out.getWidth(), out.getHeight(), BufferedImage.TYPE_INT_RGB);
                Graphics2D g = combined.createGraphics();
                g.drawImage(out, 0, 0, null);
                g.setColor(new Color(0, 0, 0, 90));
                g.fillRect(0, 0, out.getWidth(), out.getHeight());
                int x = Math.max(0, (out.getWidth() - dialog.getWidth()) / 2);
                int y = Math.max(0, (out.getHeight() - dialog.getHeight()) / 2);
                g.drawImage(dialog, x, y, null);
                g.dispose();
                out = combined;
            }
            Files.createDirectories(this.out.toAbsolutePath().getParent());
            ImageIO.write(out, "png", this.out.toFile());
            System.out.println("screenshot written: " + this.out);
            exit(0);
        } catch (IOException e) {
            fail(e);
        }
    }

    private void waitFor(BooleanSupplier condition, Runnable then) {
        if (condition.getAsBoolean()) {
            then.run();
            return;
        }
        if (System.nanoTime() > deadline) {
            fail(new IllegalStateException("scenario " + scenario + " timed out"));
            return;
        }
        PauseTransition pause = new PauseTransition(Duration.millis(100));
        pause.setOnFinished(e -> waitFor(condition, then));
        pause.play();
    }

    /** Lets layout, highlighting and painting settle before a snapshot. */
    private void later(Runnable then) {
        PauseTransition pause = new PauseTransition(Duration.millis(1200));
        pause.setOnFinished(e -> then.run());
        pause.play();
    }

    private void fail(Throwable error) {
        System.err.println("screenshot scenario " + scenario + " failed: " + error);
        error.printStackTrace();
        exit(1);
    }

    private void exit(int code) {
        // the PNG is on disk; halting skips stop(), which is fine for throw-away temp directories, and avoids
        // tearing down a nested event loop (the conflict dialog) that glass does not survive under Xvfb
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
