package org.odpsexplorer.app.grid;

import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The partition picker: a filter field for a {@link PartitionFilter} expression, the error line, and the list of
 * partitions with record counts; the partition the resource points at is marked.
 */
public final class PartitionPickerView {
    private final PartitionPickerViewModel vm;
    private final VBox root = new VBox(4);
    private final ListView<PartitionEntry> list = new ListView<>();
    private boolean rangeScheduled;

    /** @param resourcePartition the spec the resource points at (tunnel form), to mark it; "" for none */
    public PartitionPickerView(PartitionPickerViewModel vm, Supplier<String> resourcePartition) {
        this.vm = vm;
        Label title = new Label("Partitions");
        title.getStyleClass().add("grid-header-name");
        TextField filter = new TextField();
        filter.setId("partitionFilter");
        filter.setPromptText("filter, e.g. pt>20240101");
        filter.setTooltip(new Tooltip("Keys compared with = != < <= > >=, joined by and / or / ','.\n"
                + "Numbers compare numerically, other values as text."));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        Label error = new Label();
        error.setId("partitionFilterError");
        error.getStyleClass().add("grid-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        list.setId("partitionList");
        list.setItems(vm.shown());
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(PartitionEntry item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("partition-resource");
                if (empty || item == null) {
                    setText(null);
                    setId(null);
                    return;
                }
                boolean pointed = item.spec().equals(resourcePartition.get());
                setText((pointed ? "● " : "   ") + item.spec() + "   " + (item.recordCount() < 0 ? ""
                        : String.format(Locale.ROOT, "%,d rows", item.recordCount())));
                setId("partition-" + item.spec().replaceAll("[^A-Za-z0-9_]", "_"));
                if (pointed) {
                    getStyleClass().add("partition-resource");
                    setTooltip(new Tooltip("The resource points here"));
                } else {
                    setTooltip(null);
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> vm.selectedProperty().set(n));
        // record counts are fetched for the rows on screen only: report them whenever they may have changed
        vm.shown().addListener((ListChangeListener<PartitionEntry>) c -> scheduleVisibleRange());
        list.heightProperty().addListener((obs, o, n) -> scheduleVisibleRange());
        list.skinProperty().addListener((obs, o, skin) -> {
            if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.positionProperty().addListener((o2, a, b) -> scheduleVisibleRange());
            }
            scheduleVisibleRange();
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().addAll(title, filter, error, list);
        root.setMinWidth(180);
        root.setPrefWidth(260);
    }

    private void scheduleVisibleRange() {
        if (rangeScheduled) {
            return;
        }
        rangeScheduled = true;
        // after the next layout, when the flow's cells show the new items
        Platform.runLater(() -> {
            rangeScheduled = false;
            if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                IndexedCell<?> first = flow.getFirstVisibleCell();
                IndexedCell<?> last = flow.getLastVisibleCell();
                if (first != null && last != null && first.getIndex() >= 0) {
                    vm.setVisibleRange(first.getIndex(), last.getIndex() + 1);
                }
            }
        });
    }

    public VBox root() {
        return root;
    }

    public ListView<PartitionEntry> list() {
        return list;
    }

    /** Repaints the marks (after the resource was re-pointed). */
    public void refreshMarks() {
        list.refresh();
    }

    public PartitionPickerViewModel viewModel() {
        return vm;
    }
}
