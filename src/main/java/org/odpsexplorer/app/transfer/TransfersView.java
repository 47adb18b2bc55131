package org.odpsexplorer.app.transfer;

import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import org.jspecify.annotations.Nullable;

/** The transfers panel: one row per upload/download with progress, speed, state, and Cancel / Retry / Copy error. */
public final class TransfersView {
    private final TitledPane root = new TitledPane();
    private final TableView<Transfer> table;

    public TransfersView(TransferViewModel vm) {
        table = new TableView<>(vm.transfers());
        table.setId("transfersTable");
        table.setPlaceholder(new Label("No transfers yet: drop files on a project to upload"));
        table.setPrefHeight(150);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Transfer, String> dir = new TableColumn<>("");
        dir.setCellValueFactory(t -> new SimpleStringProperty(
                t.getValue().direction() == Transfer.Direction.UPLOAD ? "↑ upload" : "↓ download"));
        dir.setMaxWidth(90);
        dir.setMinWidth(80);
        TableColumn<Transfer, String> name = new TableColumn<>("Resource");
        name.setCellValueFactory(t -> new SimpleStringProperty(t.getValue().name()));
        TableColumn<Transfer, String> target = new TableColumn<>("To / from");
        target.setCellValueFactory(t -> new SimpleStringProperty(t.getValue().target()));
        TableColumn<Transfer, Number> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(t -> t.getValue().progressProperty());
        progress.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();

            @Override
            protected void updateItem(Number value, boolean empty) {
                super.updateItem(value, empty);
                bar.setMaxWidth(Double.MAX_VALUE);
                bar.setProgress(value == null ? 0 : value.doubleValue());
                setGraphic(empty ? null : bar);
            }
        });
        TableColumn<Transfer, String> speed = new TableColumn<>("Speed");
        speed.setCellValueFactory(t -> t.getValue().speedProperty());
        speed.setMaxWidth(100);
        TableColumn<Transfer, String> status = new TableColumn<>("Status");
        status.setCellValueFactory(t -> t.getValue().messageProperty());
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                Transfer t = empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("transfer-failed");
                if (t != null && t.stateProperty().get() == Transfer.State.FAILED) {
                    getStyleClass().add("transfer-failed");
                    setTooltip(new Tooltip(t.errorDetailsProperty().get()));
                } else {
                    setTooltip(null);
                }
            }
        });
        TableColumn<Transfer, Transfer> actions = new TableColumn<>("");
        actions.setCellValueFactory(t -> new SimpleObjectProperty<>(t.getValue()));
        actions.setCellFactory(c -> new ActionsCell());
        actions.setMinWidth(190);
        table.getColumns().addAll(List.of(dir, name, target, progress, speed, status, actions));
        Button clear = new Button("Clear finished");
        clear.setOnAction(e -> vm.clearFinished());
        root.setText("Transfers");
        root.setId("transfersPane");
        root.setContent(table);
        root.setExpanded(false);
        root.setGraphic(clear);
        root.setContentDisplay(ContentDisplay.RIGHT);
        root.setGraphicTextGap(16);
        vm.transfers().addListener((ListChangeListener<Transfer>) ch -> {
            while (ch.next()) {
                if (ch.wasAdded()) {
                    root.setExpanded(true);
                }
            }
        });
    }

    public TitledPane root() {
        return root;
    }

    public TableView<Transfer> table() {
        return table;
    }

    private static final class ActionsCell extends TableCell<Transfer, Transfer> {
        private final Button cancel = new Button("Cancel");
        private final Button retry = new Button("Retry");
        private final Button copy = new Button("Copy error");
        private final HBox box = new HBox(4, cancel, retry, copy);
        private @Nullable ChangeListener<Transfer.State> listener;
        private @Nullable Transfer bound; // null while the cell is empty; its buttons are hidden then

        ActionsCell() {
            cancel.setOnAction(e -> {
                if (bound != null) {
                    bound.cancel();
                }
            });
            retry.setOnAction(e -> {
                if (bound != null) {
                    bound.retry();
                }
            });
            copy.setOnAction(e -> {
                if (bound == null) {
                    return;
                }
                ClipboardContent content = new ClipboardContent();
                content.putString(bound.errorDetailsProperty().get());
                Clipboard.getSystemClipboard().setContent(content);
            });
        }

        @Override
        protected void updateItem(@Nullable Transfer t, boolean empty) {
            super.updateItem(t, empty);
            if (bound != null && listener != null) {
                bound.stateProperty().removeListener(listener);
            }
            bound = empty ? null : t;
            if (bound == null) {
                setGraphic(null);
                return;
            }
            listener = (obs, o, n) -> refresh(n);
            bound.stateProperty().addListener(listener);
            refresh(bound.stateProperty().get());
            setGraphic(box);
        }

        private void refresh(Transfer.State state) {
            boolean running = state == Transfer.State.RUNNING || state == Transfer.State.QUEUED;
            cancel.setVisible(running);
            cancel.setManaged(running);
            boolean again = state == Transfer.State.FAILED || state == Transfer.State.CANCELLED;
            retry.setVisible(again);
            retry.setManaged(again);
            copy.setVisible(state == Transfer.State.FAILED);
            copy.setManaged(state == Transfer.State.FAILED);
        }
    }
}
