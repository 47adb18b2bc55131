package org.odpsexplorer.app.archive;

import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.transfer.UploadRules;

/**
 * Asks how to upload a dropped folder: as a zip or tar.gz archive, under which name (the folder's name plus the
 * format's extension until the user edits it). Shows what will be packed and what the ignore rules leave out.
 */
final class FolderUploadDialog {
    /** The user's answer. */
    record Choice(String name, ArchiveFormat format) {
    }

    private FolderUploadDialog() {
    }

    static Optional<Choice> ask(@Nullable Window owner, String project, FolderPacker.Plan plan) {
        Dialog<Choice> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        String folder = plan.folder().getFileName().toString();
        dialog.setTitle("Upload folder");
        dialog.setHeaderText("Upload the folder " + folder + " to " + project + " as an archive");
        dialog.getDialogPane().setId("archiveUploadDialog");
        long files = plan.items().stream().filter(i -> !i.directory()).count();
        Label summary = new Label(files + " files, " + Sizes.text(plan.totalBytes()) + " to pack"
                + (plan.skipped() > 0 ? "; " + plan.skipped() + " left out (.git, __pycache__, *.pyc, "
                + IgnoreRules.FILE + ", links)" : ""));
        summary.setId("archiveUploadSummary");
        ToggleGroup group = new ToggleGroup();
        RadioButton zip = new RadioButton("zip");
        zip.setId("archiveFormatZip");
        RadioButton tgz = new RadioButton("tar.gz");
        tgz.setId("archiveFormatTarGz");
        zip.setToggleGroup(group);
        tgz.setToggleGroup(group);
        zip.setSelected(true);
        TextField name = new TextField(FolderPacker.archiveName(plan.folder(), ArchiveFormat.ZIP));
        name.setId("archiveName");
        name.setPrefColumnCount(30);
        Label problems = new Label();
        problems.getStyleClass().add("archive-problem");
        group.selectedToggleProperty().addListener((obs, o, n) -> {
            ArchiveFormat from = o == tgz ? ArchiveFormat.TAR_GZ : ArchiveFormat.ZIP;
            ArchiveFormat to = n == tgz ? ArchiveFormat.TAR_GZ : ArchiveFormat.ZIP;
            // follow the format only while the name is still the suggested one
            if (name.getText().equals(FolderPacker.archiveName(plan.folder(), from))) {
                name.setText(FolderPacker.archiveName(plan.folder(), to));
            }
        });
        dialog.getDialogPane().setContent(new VBox(8, summary, new HBox(12, new Label("Format"), zip, tgz),
                new HBox(8, new Label("Resource name"), name), problems));
        ButtonType upload = new ButtonType("Upload as archive", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(upload, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(upload);
        ok.setId("archiveUploadConfirm");
        Runnable validate = () -> {
            List<String> found = UploadRules.problems(name.getText().trim(), "archive", 0);
            problems.setText(String.join("; ", found));
            ok.setDisable(!found.isEmpty());
        };
        name.textProperty().addListener((obs, o, n) -> validate.run());
        validate.run();
        dialog.setResultConverter(b -> b == upload ? new Choice(name.getText().trim(),
                group.getSelectedToggle() == tgz ? ArchiveFormat.TAR_GZ : ArchiveFormat.ZIP) : null);
        return dialog.showAndWait();
    }
}
