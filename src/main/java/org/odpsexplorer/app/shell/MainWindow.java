package org.odpsexplorer.app.shell;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.event.EventHandler;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.archive.ArchiveFormat;
import org.odpsexplorer.app.archive.ArchiveTabs;
import org.odpsexplorer.app.archive.FolderUploadFlow;
import org.odpsexplorer.app.common.AppSettings;
import org.odpsexplorer.app.common.Command;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.Icons;
import org.odpsexplorer.app.common.Theme;
import org.odpsexplorer.app.common.ThemeSwitcher;
import org.odpsexplorer.app.connection.ConnectionProfile;
import org.odpsexplorer.app.connection.ConnectionsDialog;
import org.odpsexplorer.app.editor.EditorTabs;
import org.odpsexplorer.app.editor.OpenMode;
import org.odpsexplorer.app.editor.ResourceEditorTab;
import org.odpsexplorer.app.editor.ResourceEditorViewModel;
import org.odpsexplorer.app.grid.NewTableResourceDialog;
import org.odpsexplorer.app.grid.NewTableResourceViewModel;
import org.odpsexplorer.app.grid.SdkTableBackend;
import org.odpsexplorer.app.grid.TableGridTabs;
import org.odpsexplorer.app.grid.TableGridViewModel;
import org.odpsexplorer.app.history.HistoryRef;
import org.odpsexplorer.app.history.HistorySettings;
import org.odpsexplorer.app.history.HistorySettingsDialog;
import org.odpsexplorer.app.history.view.HistoryView;
import org.odpsexplorer.app.history.view.HistoryViewModel;
import org.odpsexplorer.app.history.JournalLimits;
import org.odpsexplorer.app.history.view.RecoveryDiff;
import org.odpsexplorer.app.history.RecoveryPrompt;
import org.odpsexplorer.app.history.RecoveryStore;
import org.odpsexplorer.app.history.SaveRecorder;
import org.odpsexplorer.app.transfer.DragCache;
import org.odpsexplorer.app.transfer.Transfer;
import org.odpsexplorer.app.transfer.TransferViewModel;
import org.odpsexplorer.app.transfer.TransfersView;
import org.odpsexplorer.app.transfer.UploadFlow;
import org.odpsexplorer.app.tree.DetailsView;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.app.tree.ResourceTreeView;
import org.odpsexplorer.app.tree.ResourceTreeViewModel;
import org.odpsexplorer.app.tree.TreeActions;
import org.odpsexplorer.app.tree.TreeNode;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.slf4j.LoggerFactory;

/**
 * The main window: menu, tree with details, editor tabs, transfers panel and status bar; wires the features
 * together and remembers size, split positions and open tabs (editors, and grids with their partition and row). A
 * remembered tab that cannot be reopened (resource deleted, project gone) is skipped, logged, and named at the right
 * of the status bar.
 */
public final class MainWindow implements TreeActions {
    private final AppContext ctx;
    private final Stage stage;
    private final Dialogs dialogs;
    private final BorderPane root = new BorderPane();
    // The body of the window (tree, details, editor area, transfers, status bar) is built right after the first frame
    // (build()), so the first frame shows only the menu and a placeholder; until then these are unset. Every public
    // accessor builds it first (ensureBuilt), so callers never see it half-made.
    @SuppressWarnings("NullAway.Init") // set by build(), which every use runs first (ensureBuilt)
    private ResourceTreeViewModel treeVm;
    @SuppressWarnings("NullAway.Init") // set by build(), which every use runs first (ensureBuilt)
    private ResourceTreeView treeView;
    @SuppressWarnings("NullAway.Init") // set by build(), which every use runs first (ensureBuilt)
    private EditorTabs editors;
    @SuppressWarnings("NullAway.Init") // set by build(), which every use runs first (ensureBuilt)
    private TableGridTabs grids;
    @SuppressWarnings("NullAway.Init") // set by build(), which every use runs first (ensureBuilt)
    private TransferViewModel transfers;
    @SuppressWarnings("NullAway.Init") // set by build(), which every use runs first (ensureBuilt)
    private UploadFlow uploads;
    @SuppressWarnings("NullAway.Init") // set by build(), which every use runs first (ensureBuilt)
    private ArchiveTabs archives;
    @SuppressWarnings("NullAway.Init") // set by build(), which every use runs first (ensureBuilt)
    private FolderUploadFlow folderUploads;
    @SuppressWarnings("NullAway.Init") // set by build(), which every use runs first (ensureBuilt)
    private DragCache dragCache;
    private final SplitPane main = new SplitPane();
    private final SplitPane left = new SplitPane();
    @SuppressWarnings("NullAway.Init") // set by build(), which every use runs first (ensureBuilt)
    private StatusBar statusBar;
    private volatile boolean built;
    private final Label reopenNotice = new Label();
    private final Label historyNotice = new Label();
    /** Remembered tabs not reopened yet: kept in the settings written meanwhile, so a kill at start loses none. */
    private final List<AppSettings.OpenTab> pendingTabs = new ArrayList<>();
    private final List<AppSettings.OpenGrid> pendingGrids = new ArrayList<>();
    private final PauseTransition persistDelay =
            new PauseTransition(Duration.millis(300));
    private @Nullable RecoveryPrompt recoveryPrompt;
    private boolean disposed;
    /** The connections, copied on the FX thread for workers that match a client to its connection. */
    private volatile List<ConnectionProfile> profilesSnapshot = List.of();
    private final ThemeSwitcher themes;
    /** True while the File menu's Save cannot run: bound to the Save command of the editor tab in front. */
    private final BooleanProperty saveDisabled = new SimpleBooleanProperty(this, "saveDisabled", true);
    private final BooleanProperty noProject = new SimpleBooleanProperty(this, "noProject", true);
    private final BooleanProperty noResource = new SimpleBooleanProperty(this, "noResource", true);

    public MainWindow(AppContext ctx, Stage stage, Dialogs dialogs) {
        this.ctx = ctx;
        this.stage = stage;
        this.dialogs = dialogs;
        AppSettings s = ctx.settings();
        root.setCenter(skeleton(s));
        root.setId("mainWindow");

        Scene scene = new Scene(root, s.width(), s.height());
        stage.setScene(scene);
        // after setScene: the switcher styles the stage and, as they show, the dialogs and windows it owns
        themes = new ThemeSwitcher(stage, s.theme());
        themes.style(scene);
        root.setTop(menuBar());
        stage.setTitle("ODPS Explorer");
        stage.setOnCloseRequest(e -> {
            ensureBuilt();
            if (!editors.confirmCloseAll()) {
                e.consume();
                return;
            }
            rememberState();
        });
        for (AppSettings.OpenTab t : s.openTabs()) {
            if (ctx.initialProfiles().stream().anyMatch(p -> p.id().equals(t.connectionId()))) {
                pendingTabs.add(t);
            }
        }
        for (AppSettings.OpenGrid g : s.openGrids()) {
            if (ctx.initialProfiles().stream().anyMatch(p -> p.id().equals(g.connectionId()))) {
                pendingGrids.add(g);
            }
        }
        if (ctx.initialProfiles().stream().anyMatch(ConnectionProfile::embedded)) {
            // starts now, while the window is built and shown; build() waits for it with the real callbacks
            ctx.startEmbedded(url -> { }, error -> { });
        }
        // the body and the recovery prompt are not on the start-up path: they come once the first frame is out
        if (stage.isShowing()) {
            Platform.runLater(this::ensureBuilt);
            Platform.runLater(this::offerRecovery);
        } else {
            stage.addEventHandler(WindowEvent.WINDOW_SHOWN, recoveryOnShown);
        }
    }

    /**
     * What the first frame shows under the menu: the tree's place, saying it is loading, and the editor area's
     * background; plain regions and one label, so no heavy control is loaded, skinned or styled before the window is
     * up.
     */
    private static Node skeleton(AppSettings s) {
        Label loading = new Label("Loading…");
        loading.getStyleClass().add("startup-loading");
        StackPane tree = new StackPane(loading);
        tree.getStyleClass().add("startup-tree");
        tree.setAlignment(Pos.TOP_LEFT);
        tree.setPrefWidth(s.width() * s.treeDivider());
        Region editorArea = new Region();
        editorArea.getStyleClass().add("startup-editor-area");
        HBox.setHgrow(editorArea, Priority.ALWAYS);
        HBox body = new HBox(tree, editorArea);
        body.setId("startupSkeleton");
        return body;
    }

    /** Whether the body of the window (tree, editor area, transfers, status bar) is built; FX thread. */
    public boolean isBuilt() {
        return built;
    }

    /** Builds the body now if it is not yet (on the FX thread; from another thread, waits for the FX thread). */
    private void ensureBuilt() {
        if (built) {
            return;
        }
        if (!Platform.isFxApplicationThread()) {
            FutureTask<Void> task = new FutureTask<>(this::ensureBuilt, null);
            Platform.runLater(task);
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the main window was built", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not build the main window", e.getCause());
            }
            return;
        }
        built = true;
        build();
    }

    private void build() {
        // decoding the icon PNGs (about 50 ms) is not worth delaying the body for: a worker does it
        ctx.tasks().run(Icons::window, icons -> stage.getIcons().setAll(icons),
                error -> LoggerFactory.getLogger(MainWindow.class).warn("window icons not loaded", error));
        this.treeVm = new ResourceTreeViewModel(ctx.sessions(), ctx.tasks(), dialogs);
        this.treeView = new ResourceTreeView(treeVm, this, dialogs);
        this.editors = new EditorTabs(ctx.tasks(), dialogs);
        editors.setHistory(ctx.history());
        treeVm.setSaveRecorders(ref -> ctx.history().recorder(ref.profile().id(), ref.project()));
        editors.setOnHistory(k -> openHistory(k.connectionId(), k.project(), k.resource()));
        this.grids = new TableGridTabs(editors.tabPane(), ctx.tasks(), dialogs);
        this.transfers = new TransferViewModel(ctx.transferTasks());
        transfers.setSaveRecorders(this::recorderFor);
        this.uploads = new UploadFlow(ctx.tasks(), dialogs, transfers, () -> stage);
        this.archives = new ArchiveTabs(editors.tabPane(), ctx.tasks(), dialogs, transfers);
        this.folderUploads = new FolderUploadFlow(ctx.tasks(), dialogs, transfers, () -> stage);
        this.dragCache = createDragCache();
        wireResourceChanges();
        DetailsView details = new DetailsView(treeVm, treeView::selectedOrFirstProject);
        details.setOpener(this);

        left.setOrientation(Orientation.VERTICAL);
        left.getItems().addAll(treeView.root(), details.root());
        main.getItems().addAll(left, editors.root());
        SplitPane.setResizableWithParent(left, false);
        AppSettings s = ctx.settings();
        main.setDividerPositions(s.treeDivider());
        left.setDividerPositions(s.detailsDivider());
        StatusBar statusBar = new StatusBar();
        this.statusBar = statusBar;
        statusBar.setText("");
        statusBar.textProperty().bind(treeVm.statusProperty());
        statusBar.setId("statusBar");
        reopenNotice.setId("reopenNotice");
        reopenNotice.setTooltip(new Tooltip("Click to dismiss"));
        reopenNotice.setOnMouseClicked(e -> reopenNotice.setText(""));
        reopenNotice.visibleProperty().bind(reopenNotice.textProperty().isNotEmpty());
        reopenNotice.managedProperty().bind(reopenNotice.visibleProperty());
        statusBar.getRightItems().add(reopenNotice);
        historyNotice.setId("historyNotice");
        historyNotice.setTooltip(new Tooltip("Local history: click to dismiss"));
        historyNotice.setOnMouseClicked(e -> historyNotice.setText(""));
        historyNotice.visibleProperty().bind(historyNotice.textProperty().isNotEmpty());
        historyNotice.managedProperty().bind(historyNotice.visibleProperty());
        statusBar.getRightItems().add(historyNotice);
        ctx.history().onWarning(message -> ctx.tasks().runOnUi(() -> historyNotice.setText("⚠ " + message)));
        TransfersView transfersView = new TransfersView(transfers);
        root.setCenter(main);
        root.setBottom(new VBox(transfersView.root(), statusBar));
        trackSelectedSave();
        bindMenuStates();
        editors.tabPane().getTabs().addListener((ListChangeListener<Tab>) c -> updateTitle());
        editors.tabPane().getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> updateTitle());

        treeVm.connections().addListener((ListChangeListener<ConnectionProfile>) c ->
                profilesSnapshot = List.copyOf(treeVm.connections()));
        treeVm.connections().setAll(ctx.initialProfiles());
        startEmbeddedIfNeeded();
        reopenTabs(ctx.initialProfiles().stream().filter(p -> !p.embedded()).toList());
        persistOnChange();
    }

    /** Once the window shows: the body is built after its first frame is out, then recovered edits are looked for. */
    private final EventHandler<WindowEvent> recoveryOnShown = e -> {
        stage().removeEventHandler(WindowEvent.WINDOW_SHOWN, this.recoveryOnShown);
        Scene scene = stage().getScene();
        Runnable[] afterFirstPulse = new Runnable[1];
        afterFirstPulse[0] = () -> {
            scene.removePostLayoutPulseListener(afterFirstPulse[0]);
            // runs after this pulse has been handed to the renderer, i.e. once the first frame is drawn
            Platform.runLater(() -> {
                ensureBuilt();
                offerRecovery();
            });
        };
        scene.addPostLayoutPulseListener(afterFirstPulse[0]);
    };

    // ---------------------------------------------------------------- session state written on change (issue 14)

    /** Window size, splits, open tabs and grids are written a moment after they change, not only at exit. */
    private void persistOnChange() {
        persistDelay.setOnFinished(e -> persistNow());
        editors.tabPane().getTabs().addListener((ListChangeListener<Tab>) c -> {
            dropReopened();
            persistSoon();
        });
        stage.widthProperty().addListener((obs, o, n) -> persistSoon());
        stage.heightProperty().addListener((obs, o, n) -> persistSoon());
        main.getDividers().forEach(d -> d.positionProperty().addListener((obs, o, n) -> persistSoon()));
        left.getDividers().forEach(d -> d.positionProperty().addListener((obs, o, n) -> persistSoon()));
    }

    private void persistSoon() {
        persistDelay.playFromStart();
    }

    /** Captures the state now and writes it on a worker (atomically: temp file and rename). */
    public void persistNow() {
        if (disposed) {
            return;
        }
        ensureBuilt();
        rememberState();
        ctx.tasks().run(() -> {
            ctx.saveSettings();
            return true;
        }, ok -> { }, error -> LoggerFactory.getLogger(MainWindow.class).warn("could not save the window state",
                error));
    }

    private void dropReopened() {
        List<EditorTabs.Key> open = editors.keys();
        pendingTabs.removeIf(t -> open.stream().anyMatch(k -> k.connectionId().equals(t.connectionId())
                && k.project().equals(t.project()) && k.resource().equals(t.resource())
                && k.mode().text().equals(t.mode())));
        List<TableGridTabs.Remembered> grids = this.grids.remembered();
        pendingGrids.removeIf(g -> grids.stream().anyMatch(r -> r.key().connectionId().equals(g.connectionId())
                && r.key().project().equals(g.project()) && r.key().resource().equals(g.resource())));
    }

    // ---------------------------------------------------------------- local history and recovery (issue 14)

    /** Looks for buffers that survived a crash and offers them (runs once the window shows; off the start-up path). */
    public void offerRecovery() {
        if (disposed) {
            return;
        }
        RecoveryStore store = ctx.history().recovery();
        ctx.tasks().run(store::loadAll, found -> {
            if (!found.isEmpty()) {
                RecoveryPrompt prompt = new RecoveryPrompt(found, store, ctx.tasks(), new RecoveryActions(), stage);
                recoveryPrompt = prompt;
                prompt.show();
            }
        }, error -> ctx.history().warn("Could not read the recovered edits in " + store.dir() + ": "
                + error.getMessage(), error));
    }

    /** The recovery prompt of this start, or null when nothing was recovered. */
    public @Nullable RecoveryPrompt recoveryPrompt() {
        return recoveryPrompt;
    }

    private final class RecoveryActions implements RecoveryPrompt.Actions {
        @Override
        public void restore(RecoveryStore.Recovered r, Consumer<@Nullable String> done) {
            withProfile(r.ref(), done, (profile, odps) -> ctx.tasks().run(
                    () -> odps.getResource(r.ref().resource()).info(), info -> {
                        OpenMode mode = OpenMode.parse(r.mode());
                        ResourceEditorTab tab = editors.open(new EditorTabs.Key(profile.id(), r.ref().project(),
                                r.ref().resource(), mode), odps, info.type(),
                                r.kind() == RecoveryStore.Kind.HEX || mode.isBinaryMode());
                        tab.restoreRecovered(r, done);
                    }, error -> done.accept("Could not open " + r.ref().resource() + ": " + ErrorText.summary(error))));
        }

        @Override
        public void compareWithServer(RecoveryStore.Recovered r, Consumer<List<String>> done) {
            withProfile(r.ref(), why -> done.accept(List.of(why == null ? "" : why)), (profile, odps) ->
                    ctx.tasks().run(() -> {
                        ResourceInfo info;
                        try {
                            info = odps.getResource(r.ref().resource()).info();
                        } catch (NoSuchObjectException gone) {
                            return RecoveryDiff.describe(r, null, null);
                        }
                        byte[] bytes = null;
                        if (r.kind() == RecoveryStore.Kind.TEXT && info.size() <= ResourceEditorViewModel.TEXT_LIMIT) {
                            ByteArrayOutputStream out = new ByteArrayOutputStream();
                            odps.downloadResource(r.ref().resource(), out,
                                    ResourceOptions.defaults());
                            bytes = out.toByteArray();
                        }
                        return RecoveryDiff.describe(r, info, bytes);
                    }, done, error -> done.accept(List.of("Could not read the server copy: "
                            + ErrorText.summary(error)))));
        }

        private void withProfile(HistoryRef ref, Consumer<@Nullable String> fail,
                                 BiConsumer<ConnectionProfile, Odps> then) {
            ConnectionProfile profile = treeVm.connections().stream().filter(p -> p.id().equals(ref.connectionId()))
                    .findFirst().orElse(null);
            if (profile == null) {
                fail.accept("The connection of " + ref.resource() + " no longer exists");
                return;
            }
            Runnable connect = () -> ctx.tasks().run(() -> ctx.sessions().client(profile, ref.project()),
                    odps -> then.accept(profile, odps), error -> fail.accept("Could not connect to " + ref.project()
                            + ": " + ErrorText.summary(error)));
            if (profile.embedded()) {
                ctx.startEmbedded(url -> connect.run(), error -> fail.accept("The local emulator did not start"));
            } else {
                connect.run();
            }
        }
    }

    /** The history recorder of the connection a client belongs to (matched by endpoint and project). Any thread. */
    private SaveRecorder recorderFor(Odps odps) {
        for (ConnectionProfile p : profilesSnapshot) {
            String endpoint = p.embedded() ? ctx.sessions().embeddedUrl() : p.endpoint();
            if (p.projects().contains(odps.project()) && odps.endpoint().equals(endpoint)) {
                return ctx.history().recorder(p.id(), odps.project());
            }
        }
        return SaveRecorder.NONE;
    }

    @Override
    public void history(ProjectRef ref, ResourceInfo info) {
        openHistory(ref.profile().id(), ref.project(), info.name());
    }

    /** Opens the History panel of a resource. */
    public void openHistory(String connectionId, String project, String resource) {
        ensureBuilt();
        ConnectionProfile profile = treeVm.connections().stream().filter(p -> p.id().equals(connectionId))
                .findFirst().orElse(null);
        if (profile == null) {
            return;
        }
        ctx.tasks().run(() -> ctx.sessions().client(profile, project), odps -> new HistoryView(
                new HistoryViewModel(odps, ctx.history(), new HistoryRef(connectionId, project, resource),
                        ctx.tasks(), dialogs), ctx.tasks(), dialogs, stage).show(),
                error -> dialogs.showError("Could not connect to " + project, error));
    }

    private void openHistorySettings() {
        HistorySettings current = ctx.history().settings();
        ctx.tasks().run(() -> {
            var j = ctx.history().journal();
            return j.all().size() + " versions, " + (j.totalBytes() / JournalLimits.MB)
                    + " MB of content";
        }, usage -> HistorySettingsDialog.create(stage, current, usage, ctx.history().recovery().dir()).showAndWait()
                .ifPresent(chosen -> ctx.tasks().run(() -> {
                    ctx.history().configure(chosen);
                    return chosen;
                }, ok -> historyNotice.setText(""), error -> dialogs.showError("Could not apply the history settings",
                        error))), error -> dialogs.showError("Could not read the local history", error));
    }

    private DragCache createDragCache() {
        try {
            // downloads for drags are visible transfers; the folder is owner-only and removed in dispose()
            return DragCache.create(ctx.tasks(), (odps, name, target, done, failed) -> {
                Transfer t = transfers.download(odps, name, target, done);
                t.stateProperty().addListener((obs, o, state) -> {
                    if (state == Transfer.State.FAILED
                            || state == Transfer.State.CANCELLED) {
                        failed.accept(new IOException("download of " + name + " " + state));
                    }
                });
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for drag copies", e);
        }
    }

    /** Saves and comment changes made in this window show at once in the tree row, details and other tabs. */
    private void wireResourceChanges() {
        editors.addSavedListener((key, info) -> treeView.resourceChanged(key.connectionId(), key.project(), info));
        treeVm.addCommentListener((ref, before, after) -> {
            editors.metadataChanged(ref.profile().id(), ref.project(), before, after);
            treeView.resourceChanged(ref.profile().id(), ref.project(), after);
        });
    }

    /** The cache of drag-out copies (tests check its folder). */
    public DragCache dragCache() {
        ensureBuilt();
        return dragCache;
    }

    public BorderPane root() {
        ensureBuilt();
        return root;
    }

    public Stage stage() {
        return stage;
    }

    public AppContext context() {
        return ctx;
    }

    public ResourceTreeView treeView() {
        ensureBuilt();
        return treeView;
    }

    public ResourceTreeViewModel treeViewModel() {
        ensureBuilt();
        return treeVm;
    }

    public EditorTabs editors() {
        ensureBuilt();
        return editors;
    }

    /** Table-resource grids (tabs in the editor area). */
    public TableGridTabs grids() {
        ensureBuilt();
        return grids;
    }

    public TransferViewModel transfers() {
        ensureBuilt();
        return transfers;
    }

    /**
     * The File menu's actions as {@link Command}s, each greyed out when it cannot run: Upload and New table resource
     * without a project, Download without a selected resource with content, Save without an editable tab with unsaved
     * changes in front.
     */
    private MenuBar menuBar() {
        MenuItem connections = new Command("Connections…", this::openConnections).menuItem("menuConnections");
        MenuItem upload = new Command("Upload files…", noProject, () -> {
            ProjectRef ref = treeView.selectedOrFirstProject();
            if (ref != null) {
                List<Path> files = dialogs.chooseOpenFiles("Upload files to " + ref.project());
                if (!files.isEmpty()) {
                    upload(ref, files);
                }
            }
        }).menuItem("menuUploadFiles");
        MenuItem download = new Command("Download…", noResource, () -> {
            TreeNode.Resource r = treeView.selectedResource();
            if (r != null) {
                download(r.ref(), r.info());
            }
        }).menuItem("menuDownloadSelected");
        // Ctrl+S is handled by the editor tab itself; a menu accelerator would save twice
        MenuItem save = new Command("Save (Ctrl+S)", saveDisabled, () -> editors.selected()
                .ifPresent(t -> t.saveCommand().run())).menuItem("menuSave");
        MenuItem refresh = new Command("Refresh", () -> treeView.refreshAll()).accelerator(new KeyCodeCombination(KeyCode.F5))
                .menuItem("menuRefreshAll");
        MenuItem quit = new Command("Quit", () -> {
            if (editors.confirmCloseAll()) {
                rememberState();
                stage.close();
                Platform.exit();
            }
        }).menuItem("menuQuit");
        MenuItem newTableResource = new Command("New table resource…", noProject, () -> {
            ProjectRef ref = treeView.selectedOrFirstProject();
            if (ref != null) {
                newTableResource(ref);
            }
        }).menuItem("menuNewTableResource");
        MenuItem historySettings = new Command("Local history…", this::openHistorySettings)
                .menuItem("menuHistorySettings");
        Menu file = new Menu("File", null, connections, upload, download, newTableResource, new SeparatorMenuItem(),
                save, refresh, historySettings, new SeparatorMenuItem(), quit);
        file.setId("menuFile");
        MenuItem about = new Command("About", () -> dialogs.showInfo("ODPS Explorer",
                "Browse and edit MaxCompute resources.\n" + "Data: " + ctx.dirs().data() + "\nSettings: "
                        + ctx.dirs().config())).menuItem("menuAbout");
        return new MenuBar(file, viewMenu(), new Menu("Help", null, about));
    }

    /**
     * Upload and New table resource want a project, Download a selected resource with content; the menu is built before
     * the tree (it is in the first frame), so its states are bound once the tree is there (greyed out until then).
     */
    private void bindMenuStates() {
        TreeView<?> tree = treeView.tree();
        noProject.bind(Bindings.createBooleanBinding(() -> treeView.selectedOrFirstProject() == null,
                tree.getSelectionModel().selectedItemProperty(), treeVm.connections()));
        noResource.bind(Bindings.createBooleanBinding(() -> {
            TreeNode.Resource r = treeView.selectedResource();
            return r == null || !r.info().type().hasContent();
        }, tree.getSelectionModel().selectedItemProperty()));
    }

    /** Follows the Save command of the editor tab in front: disabled when there is none, or when its Save is. */
    private void trackSelectedSave() {
        Runnable follow = () -> {
            saveDisabled.unbind();
            ResourceEditorTab tab = editors.selected().orElse(null);
            if (tab == null) {
                saveDisabled.set(true);
            } else {
                saveDisabled.bind(tab.saveCommand().disabledProperty());
            }
        };
        editors.tabPane().getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> follow.run());
        editors.tabPane().getTabs().addListener((ListChangeListener<Tab>) c -> follow.run());
        follow.run();
    }

    private Menu viewMenu() {
        ToggleGroup group = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light theme");
        light.setId("menuThemeLight");
        RadioMenuItem dark = new RadioMenuItem("Dark theme");
        dark.setId("menuThemeDark");
        light.setToggleGroup(group);
        dark.setToggleGroup(group);
        group.selectToggle(themes.getTheme() == Theme.DARK ? dark : light);
        light.setOnAction(e -> switchTheme(Theme.LIGHT));
        dark.setOnAction(e -> switchTheme(Theme.DARK));
        Menu view = new Menu("View", null, light, dark);
        view.setId("menuView");
        return view;
    }

    /** The theme in use; it is switched through the View menu. */
    public ThemeSwitcher themes() {
        return themes;
    }

    private void switchTheme(Theme theme) {
        themes.setTheme(theme);
        ctx.updateSettings(ctx.settings().withTheme(theme));
        // written now, not only at exit, so the choice survives a crash or a killed process
        ctx.tasks().run(() -> {
            ctx.saveSettings();
            return theme;
        }, saved -> { }, error -> LoggerFactory.getLogger(MainWindow.class).warn(
                "could not save the theme choice", error));
    }

    private void startEmbeddedIfNeeded() {
        boolean wanted = ctx.initialProfiles().stream().anyMatch(ConnectionProfile::embedded);
        if (!wanted) {
            return;
        }
        statusBar.textProperty().unbind();
        statusBar.setText("Starting the local emulator…");
        ctx.startEmbedded(url -> {
            statusBar.textProperty().bind(treeVm.statusProperty());
            treeView.reloadConnections();
            reopenTabs(ctx.initialProfiles().stream().filter(ConnectionProfile::embedded).toList());
        }, error -> {
            statusBar.textProperty().bind(treeVm.statusProperty());
            dialogs.showError("Could not start the local emulator", error);
        });
    }

    private void reopenTabs(List<ConnectionProfile> profiles) {
        for (AppSettings.OpenTab t : ctx.settings().openTabs()) {
            for (ConnectionProfile p : profiles) {
                if (p.id().equals(t.connectionId()) && p.projects().contains(t.project())) {
                    ProjectRef ref = new ProjectRef(p, t.project());
                    OpenMode mode = OpenMode.parse(t.mode());
                    ctx.tasks().run(() -> ctx.sessions().client(p, t.project()).getResource(t.resource()).info(),
                            info -> open(ref, info, mode, mode.isBinaryMode()),
                            error -> {
                                pendingTabs.remove(t);
                                notReopened(t.resource(), error);
                            });
                }
            }
        }
        for (AppSettings.OpenGrid g : ctx.settings().openGrids()) {
            for (ConnectionProfile p : profiles) {
                if (p.id().equals(g.connectionId()) && p.projects().contains(g.project())) {
                    ctx.tasks().run(() -> {
                        SdkTableBackend backend = new SdkTableBackend(ctx.sessions().client(p, g.project()));
                        backend.resourceSource(g.resource()); // fails when it is gone or no longer a table resource
                        return backend;
                    }, backend -> grids.open(new TableGridTabs.Key(p.id(), g.project(), g.resource()), backend,
                            new TableGridViewModel.Position(g.partition(), g.topRow())),
                            error -> {
                                pendingGrids.remove(g);
                                notReopened(g.resource(), error);
                            });
                }
            }
        }
    }

    /** The one handler of a remembered tab that cannot come back: logged, and named in the status bar. */
    private void notReopened(String resource, Throwable error) {
        String line = resource + " (" + ErrorText.summary(error) + ")";
        LoggerFactory.getLogger(MainWindow.class).info("not reopening {}", line);
        String shown = reopenNotice.getText();
        reopenNotice.setText(shown.isEmpty() ? "Not reopened: " + line : shown + "; " + line);
    }

    @Override
    public void open(ProjectRef ref, ResourceInfo info, @Nullable OpenMode mode, boolean hex) {
        if (info.type() == ResourceType.TABLE) {
            ctx.tasks().run(() -> ctx.sessions().client(ref.profile(), ref.project()),
                    odps -> grids.open(new TableGridTabs.Key(ref.profile().id(), ref.project(), info.name()),
                            new SdkTableBackend(odps)),
                    error -> dialogs.showError("Could not connect to " + ref.project(), error));
            return;
        }
        if (!info.type().hasContent()) {
            dialogs.showInfo(info.name() + " has no content", "A " + info.type().wireName()
                    + " resource points at " + (info.tableSource() == null ? "a table" : info.tableSource())
                    + "; see its details.");
            return;
        }
        boolean binaryType = info.type() == ResourceType.JAR || info.type() == ResourceType.ARCHIVE;
        if (binaryType && mode == null && !hex) {
            // a jar or archive opens as the list of its entries; hex and modes stay in the context menu
            openArchive(ref, info, info.type() == ResourceType.JAR ? ArchiveFormat.ZIP : null);
            return;
        }
        // a huge resource opens read-only in hex: r fetches only the visible pages, r+ would download it all first
        boolean huge = info.size() > ResourceEditorViewModel.TEXT_LIMIT;
        OpenMode chosen = mode != null ? mode : binaryType || huge ? OpenMode.R : OpenMode.R_PLUS;
        boolean asHex = hex || binaryType || huge && mode == null;
        ctx.tasks().run(() -> ctx.sessions().client(ref.profile(), ref.project()),
                odps -> editors.open(new EditorTabs.Key(ref.profile().id(), ref.project(), info.name(), chosen),
                        odps, info.type(), asHex),
                error -> dialogs.showError("Could not connect to " + ref.project(), error));
    }

    @Override
    public void openArchive(ProjectRef ref, ResourceInfo info) {
        openArchive(ref, info, null);
    }

    /** The archive tab of a resource; {@code format} null: sniffed from the first bytes, else from the name. */
    private void openArchive(ProjectRef ref, ResourceInfo info, @Nullable ArchiveFormat format) {
        ctx.tasks().run(() -> ctx.sessions().client(ref.profile(), ref.project()),
                odps -> archives.open(new ArchiveTabs.Key(ref.profile().id(), ref.project(), info.name()), odps,
                        format),
                error -> dialogs.showError("Could not connect to " + ref.project(), error));
    }

    /** The archive tabs (entry lists and previews in the editor area). */
    public ArchiveTabs archives() {
        ensureBuilt();
        return archives;
    }

    @Override
    public void uploadFolders(ProjectRef ref, List<Path> folders) {
        folderUploads.start(ref.project(), () -> ctx.sessions().client(ref.profile(), ref.project()), folders,
                () -> treeView.refresh(ref));
    }

    @Override
    public boolean newTableResource(ProjectRef ref) {
        ctx.tasks().run(() -> ctx.sessions().client(ref.profile(), ref.project()),
                odps -> new NewTableResourceDialog(new NewTableResourceViewModel(new SdkTableBackend(odps),
                        ctx.tasks())).show(stage, () -> treeView.refresh(ref)),
                error -> dialogs.showError("Could not connect to " + ref.project(), error));
        return true;
    }

    @Override
    public void download(ProjectRef ref, ResourceInfo info) {
        dialogs.chooseSaveFile("Download " + info.name(), info.name()).ifPresent(target ->
                ctx.tasks().run(() -> ctx.sessions().client(ref.profile(), ref.project()),
                        odps -> transfers.download(odps, info.name(), target, () -> { }),
                        error -> dialogs.showError("Could not connect to " + ref.project(), error)));
    }

    @Override
    public void upload(ProjectRef ref, List<Path> files) {
        uploads.start(ref.project(), () -> ctx.sessions().client(ref.profile(), ref.project()), files,
                () -> treeView.refresh(ref));
    }

    @Override
    public @Nullable File dragOut(ProjectRef ref, ResourceInfo info) {
        // the path is known at once; the client (which may read the secret file) is built on a worker
        File file = dragCache.prepare(ref.profile().id(), ref.project(),
                () -> ctx.sessions().client(ref.profile(), ref.project()), info);
        if (!dragCache.isReady(file)) {
            // the status line is bound to the tree's status: say it there (setText on a bound property throws)
            treeVm.showStatus("Fetching the current version of " + info.name() + " for the drop (see Transfers); "
                    + "the file appears only when complete");
        }
        return file;
    }

    private void openConnections() {
        ConnectionsDialog dialog = new ConnectionsDialog(stage, ctx.tasks(), ctx.connectionStore(), ctx.sessions(),
                dialogs, ctx.env());
        dialog.show(new ArrayList<>(treeVm.connections())).ifPresent(profiles -> {
            treeVm.connections().setAll(profiles);
            if (profiles.stream().anyMatch(ConnectionProfile::embedded) && ctx.emulator() == null) {
                ctx.startEmbedded(url -> treeView.reloadConnections(),
                        error -> dialogs.showError("Could not start the local emulator", error));
            }
        });
    }

    private void updateTitle() {
        String selected = editors.selected().map(t -> " — " + t.viewModel().getName()).orElse("");
        stage.setTitle("ODPS Explorer" + selected);
    }

    /** Captures size, dividers, open tabs and grids into the context's settings (saved by the app at exit). */
    public void rememberState() {
        ensureBuilt();
        List<AppSettings.OpenTab> tabs = new ArrayList<>();
        for (EditorTabs.Key k : editors.keys()) {
            tabs.add(new AppSettings.OpenTab(k.connectionId(), k.project(), k.resource(), k.mode().text()));
        }
        dropReopened();
        tabs.addAll(pendingTabs);
        List<AppSettings.OpenGrid> gridTabs = new ArrayList<>();
        for (TableGridTabs.Remembered r : grids.remembered()) {
            TableGridTabs.Key k = r.key();
            gridTabs.add(new AppSettings.OpenGrid(k.connectionId(), k.project(), k.resource(),
                    r.position().partition(), r.position().topRow()));
        }
        gridTabs.addAll(pendingGrids);
        double[] mainDiv = main.getDividerPositions();
        double[] leftDiv = left.getDividerPositions();
        ctx.updateSettings(ctx.settings()
                .withWindow(stage.getWidth(), stage.getHeight())
                .withDividers(mainDiv.length > 0 ? mainDiv[0] : 0.28, leftDiv.length > 0 ? leftDiv[0] : 0.62)
                .withOpenTabs(tabs)
                .withOpenGrids(gridTabs));
    }

    /** Releases editor handles; called from {@code stop()}. */
    public void dispose() {
        disposed = true;
        persistDelay.stop();
        stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, recoveryOnShown);
        themes.close();
        if (!built) {
            return;
        }
        editors.disposeAll();
        grids.disposeAll();
        archives.disposeAll();
        try {
            dragCache.close();
        } catch (IOException e) {
            LoggerFactory.getLogger(MainWindow.class).warn("could not remove the drag copies in {}",
                    dragCache.directory(), e);
        }
    }
}
