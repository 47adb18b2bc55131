package org.odpsexplorer.app.grid;

import java.util.Optional;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.UiExecutor;

/**
 * Opens table-resource grids as tabs of the editor tab pane; one tab per connection/project/resource (opening it
 * again selects it). Closing a tab releases its reader. FX thread.
 */
public final class TableGridTabs {
    private final TabPane tabs;
    private final UiExecutor tasks;
    private final Dialogs dialogs;

    public TableGridTabs(TabPane tabs, UiExecutor tasks, Dialogs dialogs) {
        this.tabs = tabs;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /**
     * Opens (or selects) the grid of {@code resource}; {@code key} identifies the connection and project.
     */
    public TableGridView open(String key, TableBackend backend, String resource) {
        Optional<TableGridView> existing = find(key, resource);
        if (existing.isPresent()) {
            tabs.getSelectionModel().select(tabOf(existing.get()));
            return existing.get();
        }
        TableGridViewModel vm = new TableGridViewModel(backend, tasks, dialogs, resource);
        TableGridView view = new TableGridView(vm, tasks, dialogs);
        Tab tab = new Tab(resource, view.root());
        tab.setId("gridTab-" + resource);
        tab.setUserData(view);
        tab.getProperties().put(TableGridTabs.class, key + "\u0000" + resource);
        tab.setOnClosed(e -> vm.dispose());
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        vm.open();
        return view;
    }

    private Optional<TableGridView> find(String key, String resource) {
        for (Tab t : tabs.getTabs()) {
            if ((key + "\u0000" + resource).equals(t.getProperties().get(TableGridTabs.class))
                    && t.getUserData() instanceof TableGridView v) {
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

    /** Releases every grid's reader (window closing). */
    public void disposeAll() {
        for (Tab t : tabs.getTabs()) {
            if (t.getUserData() instanceof TableGridView v) {
                v.viewModel().dispose();
            }
        }
    }
}
