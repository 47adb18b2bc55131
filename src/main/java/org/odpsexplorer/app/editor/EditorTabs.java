package org.odpsexplorer.app.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.Icons;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.history.HistoryRef;
import org.odpsexplorer.app.history.HistoryService;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceType;

/**
 * The editor area: a tab pane of {@link ResourceEditorTab}s, with a hint when empty. Each tab is keyed by
 * connection/project/resource/mode, so opening the same thing twice selects the existing tab.
 */
public final class EditorTabs {
    /** Identifies a tab for reuse and for remembering open tabs. */
    public record Key(String connectionId, String project, String resource, OpenMode mode) {
    }

    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final TabPane tabs = new TabPane();
    private final StackPane root = new StackPane();
    private @Nullable HistoryService history;
    private @Nullable Consumer<Key> onHistory;
    private final List<BiConsumer<Key, ResourceInfo>> savedListeners =
            new ArrayList<>();

    public EditorTabs(UiExecutor tasks, Dialogs dialogs) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        tabs.setId("editorTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        Label hint = new Label("Double-click a resource to open it.\nDrop files on a project to upload them.");
        hint.getStyleClass().add("tree-meta");
        hint.visibleProperty().bind(Bindings.isEmpty(tabs.getTabs()));
        root.getChildren().addAll(tabs, hint);
    }

    /** Saves of tabs opened from now on are recorded in {@code value}'s journal, and dirty buffers journaled. */
    public void setHistory(HistoryService value) {
        history = value;
    }

    /** What the tabs' History button does (opens the panel for the tab's resource). */
    public void setOnHistory(Consumer<Key> action) {
        onHistory = action;
    }

    public StackPane root() {
        return root;
    }

    public TabPane tabPane() {
        return tabs;
    }

    /** Opens (or selects) a tab for {@code key}; loading happens in the background. */
    public ResourceEditorTab open(Key key, Odps odps, ResourceType type, boolean hex) {
        Optional<ResourceEditorTab> existing = find(key);
        if (existing.isPresent()) {
            tabs.getSelectionModel().select(existing.get().tab());
            return existing.get();
        }
        ResourceEditorViewModel vm = new ResourceEditorViewModel(odps, key.resource(), type, key.mode(), hex, tasks,
                dialogs);
        ResourceEditorTab tab = new ResourceEditorTab(vm, tasks, Icons.forKind(type.wireName()));
        HistoryService h = history;
        if (h != null) {
            vm.setSaveRecorder(h.recorder(key.connectionId(), key.project()));
            tab.enableRecovery(h.recovery(), new HistoryRef(key.connectionId(), key.project(), key.resource()));
        }
        if (onHistory != null) {
            Consumer<Key> action = onHistory;
            tab.addHistoryButton(() -> {
                if (tab.tab().getProperties().get(Key.class) instanceof Key k) {
                    action.accept(k);
                }
            });
        }
        tab.tab().getProperties().put(Key.class, key);
        vm.nameProperty().addListener((obs, o, n) -> tab.tab().getProperties().put(Key.class,
                new Key(key.connectionId(), key.project(), n, key.mode())));
        vm.addSavedListener((info, text) -> {
            if (tab.tab().getProperties().get(Key.class) instanceof Key saved) {
                resourceChanged(saved.connectionId(), saved.project(), info, tab);
                savedListeners.forEach(l -> l.accept(saved, info));
            }
        });
        tabs.getTabs().add(tab.tab());
        tabs.getSelectionModel().select(tab.tab());
        vm.open();
        return tab;
    }

    /** Called on the FX thread after any tab saved: its key (connection, project, resource) and the new metadata. */
    public void addSavedListener(BiConsumer<Key, ResourceInfo> listener) {
        savedListeners.add(listener);
    }

    /**
     * Tells the other tabs of a resource that it changed through this window ({@code source} is the tab that saved,
     * or null): they show the new size, MD5 and time in their status line.
     */
    public void resourceChanged(String connectionId, String project, ResourceInfo info,
                                @Nullable ResourceEditorTab source) {
        for (ResourceEditorTab t : all()) {
            if (t != source && t.tab().getProperties().get(Key.class) instanceof Key k
                    && k.connectionId().equals(connectionId) && k.project().equals(project)
                    && k.resource().equals(info.name())) {
                t.viewModel().changedElsewhere(info);
            }
        }
    }

    /**
     * A metadata-only change made by this window (a comment): tabs of that resource based on {@code before} take
     * {@code after} as their base, so their next save does not report a conflict that is none.
     */
    public void metadataChanged(String connectionId, String project, ResourceInfo before,
                                ResourceInfo after) {
        for (ResourceEditorTab t : all()) {
            if (t.tab().getProperties().get(Key.class) instanceof Key k && k.connectionId().equals(connectionId)
                    && k.project().equals(project) && k.resource().equals(after.name())) {
                t.viewModel().rebase(before, after);
            }
        }
    }

    public Optional<ResourceEditorTab> find(Key key) {
        return all().stream().filter(t -> key.equals(t.tab().getProperties().get(Key.class))).findFirst();
    }

    /** All open editor tabs, in order. */
    public List<ResourceEditorTab> all() {
        List<ResourceEditorTab> out = new ArrayList<>();
        for (Tab t : tabs.getTabs()) {
            if (t.getUserData() instanceof ResourceEditorTab e) {
                out.add(e);
            }
        }
        return out;
    }

    /** Keys of all open tabs, for the settings. */
    public List<Key> keys() {
        List<Key> out = new ArrayList<>();
        for (ResourceEditorTab t : all()) {
            if (t.tab().getProperties().get(Key.class) instanceof Key k) {
                out.add(k);
            }
        }
        return out;
    }

    public Optional<ResourceEditorTab> selected() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t != null && t.getUserData() instanceof ResourceEditorTab e ? Optional.of(e) : Optional.empty();
    }

    /** Asks about every dirty tab; false when the user cancelled (the window must stay open). */
    public boolean confirmCloseAll() {
        for (ResourceEditorTab t : all()) {
            if (!t.confirmClose()) {
                tabs.getSelectionModel().select(t.tab());
                return false;
            }
        }
        return true;
    }

    /** Releases every tab's handle (window closing). */
    public void disposeAll() {
        all().forEach(ResourceEditorTab::dispose);
    }
}
