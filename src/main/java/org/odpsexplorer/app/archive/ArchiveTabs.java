package org.odpsexplorer.app.archive;

import java.util.Optional;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.transfer.TransferViewModel;
import org.odpsexplorer.sdk.Odps;

/**
 * Archive tabs and their entry previews, as tabs of the editor tab pane: one archive tab per
 * connection/project/resource (opening it again selects it); previews open beside it. Closing an archive tab
 * releases its reader. FX thread.
 */
public final class ArchiveTabs {
    /** Identifies an archive tab. */
    public record Key(String connectionId, String project, String resource) {
    }

    private final TabPane tabs;
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final TransferViewModel transfers;

    public ArchiveTabs(TabPane tabs, UiExecutor tasks, Dialogs dialogs, TransferViewModel transfers) {
        this.tabs = tabs;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.transfers = transfers;
    }

    /**
     * Opens (or selects) the archive tab of {@code key}; {@code format} null decides from the content (or the name).
     */
    public ArchiveView open(Key key, Odps odps, @Nullable ArchiveFormat format) {
        Optional<ArchiveView> existing = find(key);
        if (existing.isPresent()) {
            tabs.getSelectionModel().select(tabOf(existing.get()));
            return existing.get();
        }
        ArchiveViewModel vm = new ArchiveViewModel(odps, key.resource(), format, tasks, transfers);
        ArchiveView view = new ArchiveView(vm, dialogs, content -> showPreview(key.resource(), content));
        Tab tab = new Tab(key.resource(), view.root());
        tab.setId("archiveTab-" + key.resource().replaceAll("[^A-Za-z0-9_-]", "_"));
        tab.setUserData(view);
        tab.getProperties().put(Key.class, key);
        tab.setOnClosed(e -> vm.dispose());
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        vm.open();
        return view;
    }

    private void showPreview(String archive, ArchiveViewModel.PreviewContent content) {
        EntryPreviewTab preview = new EntryPreviewTab(archive, content, tasks);
        tabs.getTabs().add(preview.tab());
        tabs.getSelectionModel().select(preview.tab());
    }

    private Optional<ArchiveView> find(Key key) {
        for (Tab t : tabs.getTabs()) {
            if (key.equals(t.getProperties().get(Key.class)) && t.getUserData() instanceof ArchiveView v) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private Tab tabOf(ArchiveView view) {
        return tabs.getTabs().stream().filter(t -> t.getUserData() == view).findFirst().orElseThrow();
    }

    /** Releases every archive tab's reader (window closing). */
    public void disposeAll() {
        for (Tab t : tabs.getTabs()) {
            if (t.getUserData() instanceof ArchiveView v) {
                v.viewModel().dispose();
            }
        }
    }
}
