package org.odpsexplorer.app.history;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the local history: the journal's folder, the largest version it keeps and the total it may use
 * (megabytes). Shows the current use; returns the new settings, which the caller stores off the FX thread.
 */
public final class HistorySettingsDialog {
    private HistorySettingsDialog() {
    }

    /** Builds the dialog; {@code usage} is a line like "312 versions, 41 MB" (or "" while unknown). */
    public static Dialog<HistorySettings> create(@Nullable Window owner, HistorySettings current, String usage,
                                                 Path recoveryFolder) {
        Dialog<HistorySettings> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Local history");
        dialog.setHeaderText("Every save from this app keeps the replaced and the new version here.");
        dialog.getDialogPane().setId("historySettings");
        TextField folder = new TextField(current.folder().toString());
        folder.setId("historyFolder");
        folder.setPrefColumnCount(34);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder of the local history");
            File chosen = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
            if (chosen != null) {
                folder.setText(chosen.getAbsolutePath());
            }
        });
        HBox.setHgrow(folder, Priority.ALWAYS);
        TextField perVersion = new TextField(Long.toString(current.limits().maxVersionBytes() / JournalLimits.MB));
        perVersion.setId("historyMaxVersion");
        TextField total = new TextField(Long.toString(current.limits().maxTotalBytes() / JournalLimits.MB));
        total.setId("historyMaxTotal");
        Label problem = new Label();
        problem.getStyleClass().add("danger");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(8));
        grid.addRow(0, new Label("Folder"), new HBox(6, folder, browse));
        grid.addRow(1, new Label("Keep versions up to (MB)"), perVersion);
        grid.addRow(2, new Label("Total size (MB)"), total);
        grid.addRow(3, new Label("In use"), new Label(usage.isEmpty() ? "…" : usage));
        grid.addRow(4, new Label("Unsaved edits"), new Label(recoveryFolder.toString()));
        grid.add(new Label("Larger versions are listed with their metadata only; above the total the oldest go first."),
                0, 5, 2, 1);
        grid.add(problem, 0, 6, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            Optional<String> error = validate(folder.getText(), perVersion.getText(), total.getText());
            if (error.isPresent()) {
                problem.setText(error.get());
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == ButtonType.OK ? new HistorySettings(Path.of(folder.getText().trim()),
                new JournalLimits(Long.parseLong(perVersion.getText().trim()) * JournalLimits.MB,
                        Long.parseLong(total.getText().trim()) * JournalLimits.MB)) : null);
        return dialog;
    }

    /** Why the entered values cannot be used, or empty when they can. */
    static Optional<String> validate(String folder, String perVersion, String total) {
        if (folder.isBlank() || !Path.of(folder.trim()).isAbsolute()) {
            return Optional.of("The folder must be an absolute path.");
        }
        try {
            long v = Long.parseLong(perVersion.trim());
            long t = Long.parseLong(total.trim());
            if (v < 0 || t < 0) {
                return Optional.of("Sizes cannot be negative.");
            }
            if (v > t) {
                return Optional.of("The largest version cannot be more than the total.");
            }
        } catch (NumberFormatException e) {
            return Optional.of("Sizes are whole megabytes.");
        }
        return Optional.empty();
    }
}
