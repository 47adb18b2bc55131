package org.odpsexplorer.app.editor;

import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.transfer.UploadRules;
import org.odpsexplorer.sdk.model.ResourceType;

/** Asks for a new resource name and type; OK stays disabled while the name breaks the service's rules. */
public final class SaveAsDialog {
    /** The answer. */
    public record Target(String name, ResourceType type) {
    }

    private SaveAsDialog() {
    }

    public static Optional<Target> ask(@Nullable Window owner, String currentName, ResourceType currentType) {
        Dialog<Target> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Save As");
        dialog.setHeaderText("Save a copy as a new resource");
        dialog.getDialogPane().setId("saveAsDialog");
        TextField name = new TextField(currentName);
        name.setId("saveAsName");
        ChoiceBox<ResourceType> type = new ChoiceBox<>();
        type.setId("saveAsType");
        type.getItems().setAll(List.of(ResourceType.FILE, ResourceType.PY, ResourceType.JAR, ResourceType.ARCHIVE));
        type.setValue(currentType.hasContent() ? currentType : ResourceType.FILE);
        Label problems = new Label();
        problems.getStyleClass().add("transfer-failed");
        problems.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Type"), type);
        grid.add(problems, 0, 2, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        Runnable validate = () -> {
            List<String> p = UploadRules.problems(name.getText().trim(), type.getValue().wireName(), 0);
            problems.setText(String.join("\n", p));
            ok.setDisable(!p.isEmpty());
        };
        name.textProperty().addListener((obs, o, n) -> validate.run());
        type.valueProperty().addListener((obs, o, n) -> validate.run());
        validate.run();
        dialog.setResultConverter(b -> b == ButtonType.OK ? new Target(name.getText().trim(), type.getValue()) : null);
        return dialog.showAndWait();
    }
}
