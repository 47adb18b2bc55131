package org.odpsexplorer.app.grid;

import java.util.List;
import javafx.beans.property.StringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.converter.DefaultStringConverter;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.Column;

/**
 * The staging window of "Append rows…": an editable grid in a distinct colour, invalid cells outlined red with the
 * reason as tooltip, paste from the clipboard (CSV/TSV), Commit (append) and Overwrite partition. FX thread.
 */
public final class StagingView {
    private final StagingViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<StagingViewModel.Row> table = new TableView<>();
    private @Nullable Stage stage;

    public StagingView(StagingViewModel vm) {
        this.vm = vm;
        root.setId("stagingView");
        table.setId("stagingTable");
        table.getStyleClass().add("staging-table");
        table.setEditable(true);
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("Add a row, or paste CSV / TSV rows (Ctrl+V)"));
        List<Column> columns = vm.columns();
        for (int i = 0; i < columns.size(); i++) {
            table.getColumns().add(column(columns.get(i), i));
        }
        table.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN).match(e)) {
                pasteClipboard();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE && table.getEditingCell() == null) {
                List.copyOf(table.getSelectionModel().getSelectedItems()).forEach(vm::removeRow);
            }
        });
        Button add = new Button("Add row");
        add.setId("stagingAdd");
        add.setOnAction(e -> {
            vm.addRow();
            table.getSelectionModel().selectLast();
        });
        Button paste = new Button("Paste CSV/TSV");
        paste.setId("stagingPaste");
        paste.setOnAction(e -> pasteClipboard());
        Button remove = new Button("Remove rows");
        remove.setId("stagingRemove");
        remove.setOnAction(e -> List.copyOf(table.getSelectionModel().getSelectedItems()).forEach(vm::removeRow));
        Button commit = new Button("Commit");
        commit.setId("stagingCommit");
        commit.setDefaultButton(true);
        commit.setTooltip(new Tooltip("Append all staged rows in one upload session"));
        commit.setOnAction(e -> vm.commit(this::close));
        Button overwrite = new Button("Overwrite partition…");
        overwrite.setId("stagingOverwrite");
        overwrite.setTooltip(new Tooltip("Replace every row of the partition with the staged rows"));
        overwrite.setOnAction(e -> vm.overwritePartition(this::close));
        commit.disableProperty().bind(vm.busyProperty());
        overwrite.disableProperty().bind(vm.busyProperty());
        Label message = new Label();
        message.setId("stagingMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        root.setTop(new ToolBar(add, paste, remove, commit, overwrite));
        root.setCenter(table);
        root.setBottom(message);
    }

    private TableColumn<StagingViewModel.Row, String> column(Column c, int index) {
        TableColumn<StagingViewModel.Row, String> col = new TableColumn<>(c.name() + "\n" + c.type().lowerTypeName());
        col.setId("staging-" + c.name());
        col.setPrefWidth(130);
        col.setSortable(false);
        col.setEditable(ValueText.isEditable(c.type()));
        col.setCellValueFactory(f -> f.getValue().cell(index));
        col.setCellFactory(x -> new TextFieldTableCell<>(new DefaultStringConverter()) {
            @Override
            public void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("staging-invalid");
                setTooltip(null);
                if (empty || getTableRow() == null || getTableRow().getItem() == null) {
                    return;
                }
                String error = getTableRow().getItem().error(index).get();
                if (!error.isEmpty()) {
                    getStyleClass().add("staging-invalid");
                    setTooltip(new Tooltip(error));
                }
                if (!isEditing() && (item == null || item.isEmpty())) {
                    setText("NULL");
                }
            }
        });
        col.setOnEditCommit(e -> {
            StringProperty cell = e.getRowValue().cell(index);
            cell.set(e.getNewValue() == null ? "" : e.getNewValue());
            table.refresh();
        });
        return col;
    }

    private void pasteClipboard() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text != null && !text.isEmpty()) {
            vm.paste(text);
            table.refresh();
        }
    }

    /** Shows the window; {@code onCommitted} runs after a successful write (the window then closes). */
    public void show(@Nullable Window owner, Runnable onCommitted) {
        Stage s = new Stage();
        if (owner != null) {
            s.initOwner(owner);
            s.initModality(Modality.WINDOW_MODAL);
        }
        s.setTitle("Append rows");
        s.setScene(new Scene(root, 820, 420));
        vm.committedProperty().addListener((obs, o, n) -> {
            if (n) {
                onCommitted.run();
            }
        });
        stage = s;
        s.show();
    }

    private void close() {
        if (stage != null) {
            stage.close();
        }
    }

    public BorderPane root() {
        return root;
    }

    public TableView<StagingViewModel.Row> table() {
        return table;
    }

    public StagingViewModel viewModel() {
        return vm;
    }
}
