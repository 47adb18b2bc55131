package org.odpsexplorer.app.common;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Dialogs} with JavaFX alerts owned by the main window. Error dialogs show the summary, and expandable,
 * copyable details (code, message, request id); the failure is logged here once, without secrets.
 */
public final class FxDialogs implements Dialogs {
    private static final Logger LOG = LoggerFactory.getLogger(FxDialogs.class);
    private final Window owner;
    private final Function<Throwable, String[]> describe;

    /**
     * @param owner    window the dialogs are modal to
     * @param describe turns a failure into {summary, details}
     */
    public FxDialogs(Window owner, Function<Throwable, String[]> describe) {
        this.owner = owner;
        this.describe = describe;
    }

    @Override
    public void showError(String title, Throwable error) {
        String[] text = describe.apply(error);
        LOG.warn(title + ": " + text[0], error);
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("Error");
        alert.setHeaderText(title);
        alert.getDialogPane().setId("errorDialog");
        Label summary = new Label(text[0]);
        summary.setWrapText(true);
        summary.setId("errorSummary");
        TextArea details = new TextArea(text[1]);
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(6);
        details.setId("errorDetails");
        GridPane.setVgrow(details, Priority.ALWAYS);
        GridPane.setHgrow(details, Priority.ALWAYS);
        GridPane box = new GridPane();
        box.setVgap(8);
        box.add(summary, 0, 0);
        box.add(details, 0, 1);
        alert.getDialogPane().setContent(box);
        ButtonType copy = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);
        alert.getButtonTypes().setAll(copy, ButtonType.OK);
        alert.getDialogPane().lookupButton(copy).addEventFilter(ActionEvent.ACTION, e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text[1]);
            Clipboard.getSystemClipboard().setContent(content);
            e.consume();
        });
        alert.showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        alert.initOwner(owner);
        alert.setHeaderText(title);
        alert.showAndWait();
    }

    @Override
    public boolean confirm(String title, String message, String action) {
        ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, ok, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setHeaderText(title);
        alert.getDialogPane().setId("confirmDialog");
        return alert.showAndWait().filter(b -> b == ok).isPresent();
    }

    @Override
    public SaveChoice askSaveChanges(String name) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, name + " has unsaved changes.", save, discard,
                ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setHeaderText("Save changes to " + name + "?");
        alert.getDialogPane().setId("closeDirtyDialog");
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? SaveChoice.SAVE : answer == discard ? SaveChoice.DISCARD : SaveChoice.CANCEL;
    }

    @Override
    public boolean confirmUsedBy(String resource, List<String> functions, String action, String consequence) {
        ButtonType go = new ButtonType(action + " anyway", ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, "", go, cancel);
        alert.initOwner(owner);
        alert.setTitle("Resource used by functions");
        alert.setHeaderText(resource + " is used by " + functions.size()
                + (functions.size() == 1 ? " function" : " functions"));
        alert.getDialogPane().setId("usedByDialog");
        Label list = new Label(FunctionUsage.usedByLine(functions));
        list.setId("usedByList");
        list.setWrapText(true);
        list.setStyle("-fx-font-weight: bold;");
        Label what = new Label(consequence);
        what.setWrapText(true);
        GridPane box = new GridPane();
        box.setVgap(8);
        box.add(list, 0, 0);
        box.add(what, 0, 1);
        alert.getDialogPane().setContent(box);
        alert.getDialogPane().setPrefWidth(460);
        // the safe answer is the default: Enter or Escape keep the resource as it is
        ((Button) alert.getDialogPane().lookupButton(go)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        return alert.showAndWait().filter(b -> b == go).isPresent();
    }

    @Override
    public Optional<String> prompt(String title, String label, String initial) {
        TextInputDialog dialog = new TextInputDialog(initial);
        dialog.initOwner(owner);
        dialog.setHeaderText(title);
        dialog.setContentText(label);
        dialog.getDialogPane().setId("promptDialog");
        return dialog.showAndWait().map(String::trim).filter(s -> !s.isEmpty());
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String initialName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        File file = chooser.showSaveDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseDirectory(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
    }

    @Override
    public List<Path> chooseOpenFiles(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        List<File> files = chooser.showOpenMultipleDialog(owner);
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }
}
