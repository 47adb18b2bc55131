package org.odpsexplorer.app.grid;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * Window for creating a table resource: name, table list, partition picker (nothing picked: the whole table).
 * FX thread.
 */
public final class NewTableResourceDialog {
    private final NewTableResourceViewModel vm;
    private final BorderPane root = new BorderPane();
    private @Nullable Stage stage;
    private Runnable afterCreate = () -> { };

    public NewTableResourceDialog(NewTableResourceViewModel vm) {
        this.vm = vm;
        root.setId("newTableResource");
        TextField name = new TextField();
        name.setId("newResourceName");
        name.textProperty().bindBidirectional(vm.nameProperty());
        ListView<String> tables = new ListView<>(vm.tables());
        tables.setId("newResourceTables");
        tables.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> vm.tableProperty().set(n));
        PartitionPickerView picker = new PartitionPickerView(vm.picker(), () -> "");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Resource name"), name);
        GridPane.setHgrow(name, Priority.ALWAYS);
        HBox lists = new HBox(8, tables, picker.root());
        HBox.setHgrow(tables, Priority.ALWAYS);
        HBox.setHgrow(picker.root(), Priority.ALWAYS);
        Label message = new Label();
        message.setId("newResourceMessage");
        message.textProperty().bind(vm.messageProperty());
        Button create = new Button("Create");
        create.setId("newResourceCreate");
        create.setDefaultButton(true);
        create.setOnAction(e -> vm.create(n -> {
            close();
            afterCreate.run();
        }));
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close());
        HBox buttons = new HBox(8, message, create, cancel);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        root.setTop(form);
        root.setCenter(lists);
        root.setBottom(buttons);
        root.setStyle("-fx-padding: 10; -fx-spacing: 8;");
    }

    /** Shows the window and starts listing tables; {@code onCreated} runs after the resource exists. */
    public void show(@Nullable Window owner, Runnable onCreated) {
        Stage s = new Stage();
        if (owner != null) {
            s.initOwner(owner);
            s.initModality(Modality.WINDOW_MODAL);
        }
        s.setTitle("New table resource");
        s.setScene(new Scene(root, 640, 420));
        afterCreate = onCreated;
        stage = s;
        s.show();
        vm.load();
    }

    private void close() {
        if (stage != null) {
            stage.close();
        }
    }

    public BorderPane root() {
        return root;
    }
}
