package org.odpsexplorer.app.transfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.ChoiceBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The dialog for one batch of dropped or chosen files: resource names (from the file names, editable), types
 * (inferred, editable), one comment for the batch, and the pre-flight problems per row; Upload stays disabled
 * while any row has one.
 */
public final class UploadDialog {
    /** A local file about to be uploaded. */
    public record Candidate(Path file, long size) {
    }

    private UploadDialog() {
    }

    public static Optional<List<UploadItem>> ask(@Nullable Window owner, String project, List<Candidate> files) {
        Dialog<List<UploadItem>> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Upload");
        dialog.setHeaderText("Upload " + files.size() + " file(s) to " + project);
        dialog.getDialogPane().setId("uploadDialog");
        List<Row> rows = new ArrayList<>();
        for (Candidate c : files) {
            String name = UploadRules.nameFor(c.file().getFileName().toString());
            rows.add(new Row(c, name, UploadRules.inferType(name)));
        }
        TableView<Row> table = new TableView<>(FXCollections.observableArrayList(rows));
        table.setId("uploadTable");
        table.setEditable(true);
        table.setPrefSize(720, 220);
        TableColumn<Row, String> file = new TableColumn<>("File");
        file.setCellValueFactory(r -> new SimpleStringProperty(r.getValue().candidate.file().getFileName().toString()));
        file.setPrefWidth(170);
        TableColumn<Row, String> size = new TableColumn<>("Size");
        size.setCellValueFactory(r -> new SimpleStringProperty(String.format("%,d", r.getValue().candidate.size())));
        TableColumn<Row, String> name = new TableColumn<>("Resource name");
        name.setCellValueFactory(r -> r.getValue().name);
        name.setCellFactory(TextFieldTableCell.forTableColumn());
        name.setPrefWidth(170);
        TableColumn<Row, String> type = new TableColumn<>("Type");
        type.setCellValueFactory(r -> r.getValue().type);
        type.setCellFactory(ChoiceBoxTableCell.forTableColumn("file", "py", "jar", "archive"));
        TableColumn<Row, String> problems = new TableColumn<>("Checks");
        problems.setCellValueFactory(r -> r.getValue().problems);
        problems.setPrefWidth(200);
        table.getColumns().addAll(List.of(file, size, name, type, problems));
        TextField comment = new TextField();
        comment.setId("uploadComment");
        comment.setPromptText("Comment for all resources (optional)");
        Label hint = new Label("Existing names are handled next: overwrite, skip or rename.");
        dialog.getDialogPane().setContent(new VBox(8, table, comment, hint));
        ButtonType upload = new ButtonType("Upload", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(upload, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(upload);
        ok.setId("uploadConfirm");
        Runnable validate = () -> ok.setDisable(rows.stream().anyMatch(r -> !r.problems.get().isEmpty()));
        rows.forEach(r -> {
            r.name.addListener((obs, o, n) -> {
                r.check();
                validate.run();
            });
            r.type.addListener((obs, o, n) -> {
                r.check();
                validate.run();
            });
        });
        validate.run();
        dialog.setResultConverter(b -> b == upload ? rows.stream()
                .map(r -> new UploadItem(r.candidate.file(), r.candidate.size(), r.name.get().trim(), r.type.get(),
                        comment.getText().trim(), false)).toList() : null);
        return dialog.showAndWait();
    }

    /** One editable row. */
    public static final class Row {
        final Candidate candidate;
        final StringProperty name;
        final StringProperty type;
        final StringProperty problems = new SimpleStringProperty("");

        Row(Candidate candidate, String name, String type) {
            this.candidate = candidate;
            this.name = new SimpleStringProperty(name);
            this.type = new SimpleStringProperty(type);
            check();
        }

        void check() {
            problems.set(String.join("; ", UploadRules.problems(name.get().trim(), type.get(), candidate.size())));
        }
    }
}
