package org.odpsexplorer.app.transfer;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/** Asks what to do with an upload whose name already exists: Overwrite, Skip or Rename, optionally for all. */
public final class ClashDialog {
    /** The answer; {@code forAll} applies it to the remaining clashes of the batch. */
    public record Answer(Choice choice, boolean forAll) {
    }

    public enum Choice { OVERWRITE, SKIP, RENAME }

    private ClashDialog() {
    }

    public static Answer ask(@Nullable Window owner, String name, String renamedTo, int remaining) {
        ButtonType overwrite = new ButtonType("Overwrite", ButtonBar.ButtonData.YES);
        ButtonType skip = new ButtonType("Skip", ButtonBar.ButtonData.NO);
        ButtonType rename = new ButtonType("Rename", ButtonBar.ButtonData.OTHER);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", overwrite, skip, rename);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle("Resource exists");
        alert.setHeaderText(name + " already exists");
        alert.getDialogPane().setId("clashDialog");
        CheckBox all = new CheckBox("Apply to all remaining clashes (" + remaining + ")");
        all.setId("clashApplyAll");
        all.setDisable(remaining <= 0);
        alert.getDialogPane().setContent(new VBox(8,
                new Label("Overwrite replaces its content; Rename uploads as " + renamedTo + "."), all));
        ButtonType answer = alert.showAndWait().orElse(skip);
        Choice choice = answer == overwrite ? Choice.OVERWRITE : answer == rename ? Choice.RENAME : Choice.SKIP;
        return new Answer(choice, all.isSelected());
    }
}
