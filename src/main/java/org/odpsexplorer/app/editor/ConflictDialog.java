package org.odpsexplorer.app.editor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.ResourceInfo;

/**
 * Asks what to do when a save was refused because the server copy changed: shows both versions' metadata and a
 * line diff (theirs → mine), and offers Keep mine (overwrite), Take theirs (reload) or Cancel. Never decides alone.
 */
public final class ConflictDialog {
    /** The user's answer. */
    public enum Choice { KEEP_MINE, TAKE_THEIRS, CANCEL }

    public static final ButtonType KEEP_MINE = new ButtonType("Keep mine", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType TAKE_THEIRS = new ButtonType("Take theirs", ButtonBar.ButtonData.OTHER);

    private ConflictDialog() {
    }

    /** Builds the dialog (not shown); {@link #ask} shows it and waits. */
    public static Dialog<Choice> create(@Nullable Window owner, String name, ResourceEditorViewModel.Conflict conflict) {
        Dialog<Choice> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Save conflict");
        dialog.setHeaderText(name + " changed on the server since you opened it");
        dialog.getDialogPane().setId("conflictDialog");
        dialog.getDialogPane().getButtonTypes().addAll(KEEP_MINE, TAKE_THEIRS, ButtonType.CANCEL);
        Label versions = new Label("Yours is based on: " + describe(conflict.expected())
                + "\nOn the server now: " + describe(conflict.actual()));
        versions.setWrapText(true);
        List<LineDiff.Line> diff = LineDiff.compute(conflict.theirs(), conflict.mine());
        long added = diff.stream().filter(l -> l.kind() == LineDiff.Kind.ADDED).count();
        long removed = diff.stream().filter(l -> l.kind() == LineDiff.Kind.REMOVED).count();
        Label legend = new Label("Theirs → mine: " + added + " line(s) only in mine (+), " + removed
                + " only on the server (−)");
        ListView<LineDiff.Line> lines = new ListView<>();
        lines.setId("conflictDiff");
        lines.getItems().setAll(diff);
        lines.setPrefSize(720, 360);
        lines.setCellFactory(list -> new DiffCell());
        VBox box = new VBox(8, versions, legend, lines);
        dialog.getDialogPane().setContent(box);
        dialog.setResizable(true);
        dialog.setResultConverter(button -> button == KEEP_MINE ? Choice.KEEP_MINE
                : button == TAKE_THEIRS ? Choice.TAKE_THEIRS : Choice.CANCEL);
        return dialog;
    }

    /** Shows the dialog and waits for the answer (FX thread, nested event loop). */
    public static Choice ask(@Nullable Window owner, String name, ResourceEditorViewModel.Conflict conflict) {
        Optional<Choice> choice = create(owner, name, conflict).showAndWait();
        return choice.orElse(Choice.CANCEL);
    }

    private static String describe(@Nullable ResourceInfo info) {
        if (info == null) {
            return "(no resource)";
        }
        Instant modified = info.lastModifiedTime();
        return info.size() + " bytes, modified " + (modified == null ? "?" : modified)
                + (info.lastUpdator() == null ? "" : " by " + info.lastUpdator())
                + (info.md5() == null ? "" : ", md5 " + info.md5());
    }

    private static final class DiffCell extends ListCell<LineDiff.Line> {
        DiffCell() {
            getStyleClass().add("diff-line");
        }

        @Override
        protected void updateItem(LineDiff.Line line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("diff-added", "diff-removed");
            if (empty || line == null) {
                setText(null);
                return;
            }
            String mark = switch (line.kind()) {
                case ADDED -> "+ ";
                case REMOVED -> "− ";
                case SAME -> "  ";
            };
            setText(mark + line.text());
            if (line.kind() == LineDiff.Kind.ADDED) {
                getStyleClass().add("diff-added");
            } else if (line.kind() == LineDiff.Kind.REMOVED) {
                getStyleClass().add("diff-removed");
            }
        }
    }
}
