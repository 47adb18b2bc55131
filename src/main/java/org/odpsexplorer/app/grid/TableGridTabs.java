package org.odpsexplorer.app.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.UiExecutor;

/**
 * Opens table-resource grids as tabs of the editor tab pane; one tab per connection/project/resource (opening it
 * again selects it). Closing a tab releases its reader. FX thread.
 */
public final class TableGridTabs {
    /** Identifies a grid tab for reuse and for remembering it between runs. */
    public record Key(String connectionId, String project, String resource) {
    }

    /** An open grid and where the user is in it, for the settings. */
    public record Remembered(Key key, TableGridViewModel.Position position) {
    }

    private final TabPane tabs;
    private final UiExecutor tasks;
    private final Dialogs dialogs;

    public TableGridTabs(TabPane tabs, UiExecutor tasks, Dialogs dialogs) {
        this.tabs = tabs;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /** Opens (or selects) the grid of {@code key}'s resource, showing the partition the resource points at. */
    public TableGridView open(Key key, TableBackend backend) {
        return open(key, backend, null);
    }

    /**
     * Opens (or selects) the grid of {@code key}'s resource; with {@code restore}, a new tab shows that partition and
     * row (see {@link TableGridViewModel#open(TableGridViewModel.Position)}).
     */
    public TableGridView open(Key key, TableBackend backend, TableGridViewModel.@Nullable Position restore) {
        Optional<TableGridView> existing = find(key);
        if (existing.isPresent()) {
            tabs.getSelectionModel().select(tabOf(existing.get()));
            return existing.get();
        }
        TableGridViewModel vm = new TableGridViewModel(backend, tasks, dialogs, key.resource());
        TableGridView view = new TableGridView(vm, tasks, dialogs);
        Tab tab = new Tab(key.resource(), view.root());
        tab.setId("gridTab-" + key.resource());
        tab.setUserData(view);
        tab.getProperties().put(Key.class, key);
        tab.setOnClosed(e -> vm.dispose());
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        vm.open(restore);
        return view;
    }

    private Optional<TableGridView> find(Key key) {
        for (Tab t : tabs.getTabs()) {
            if (key.equals(t.getProperties().get(Key.class)) && t.getUserData() instanceof TableGridView v) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private Tab tabOf(TableGridView view) {
        return tabs.getTabs().stream().filter(t -> t.getUserData() == view).findFirst().orElseThrow();
    }

    /** The grid in the selected tab, if the selected tab is a grid. */
    public Optional<TableGridView> selected() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t != null && t.getUserData() instanceof TableGridView v ? Optional.of(v) : Optional.empty();
    }

    /** Every open grid, in tab order, with its partition and first row on screen. */
    public List<Remembered> remembered() {
        List<Remembered> out = new ArrayList<>();
        for (Tab t : tabs.getTabs()) {
            if (t.getProperties().get(Key.class) instanceof Key k && t.getUserData() instanceof TableGridView v) {
                out.add(new Remembered(k, v.viewModel().position()));
            }
        }
        return out;
    }

    /** Releases every grid's reader (window closing). */
    public void disposeAll() {
        for (Tab t : tabs.getTabs()) {
            if (t.getUserData() instanceof TableGridView v) {
                v.viewModel().dispose();
            }
        }
    }
}
