package org.odpsexplorer.app.grid;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/** Asks for the CSV export options: scope (partition or selection), header, delimiter, encoding. FX thread. */
final class ExportDialog {
    /** What the user chose. */
    record Choice(CsvExport.Options options, boolean selectionOnly) {
    }

    private enum Delimiter {
        COMMA("Comma ( , )", ','), SEMICOLON("Semicolon ( ; )", ';'), TAB("Tab", '\t');

        final String label;
        final char ch;

        Delimiter(String label, char ch) {
            this.label = label;
            this.ch = ch;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private ExportDialog() {
    }

    static Optional<Choice> ask(@Nullable Window owner, boolean hasSelection, ZoneId zone) {
        Dialog<Choice> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Export to CSV");
        dialog.setHeaderText("Export records as CSV (RFC 4180). Times are written in " + zone.getId() + ".");
        dialog.getDialogPane().setId("exportDialog");
        ToggleGroup scope = new ToggleGroup();
        RadioButton all = new RadioButton("The whole partition");
        all.setId("exportAll");
        all.setToggleGroup(scope);
        all.setSelected(true);
        RadioButton selection = new RadioButton("Selected rows");
        selection.setId("exportSelection");
        selection.setToggleGroup(scope);
        selection.setDisable(!hasSelection);
        CheckBox header = new CheckBox("Header row with column names");
        header.setId("exportHeader");
        header.setSelected(true);
        ComboBox<Delimiter> delimiter = new ComboBox<>();
        delimiter.setId("exportDelimiter");
        delimiter.getItems().addAll(Delimiter.values());
        delimiter.setValue(Delimiter.COMMA);
        ComboBox<Charset> encoding = new ComboBox<>();
        encoding.setId("exportEncoding");
        encoding.getItems().addAll(List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
                StandardCharsets.ISO_8859_1));
        if (Charset.isSupported("GBK")) {
            encoding.getItems().add(Charset.forName("GBK"));
        }
        encoding.setValue(StandardCharsets.UTF_8);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Rows"), all);
        grid.add(selection, 1, 1);
        grid.add(header, 1, 2);
        grid.addRow(3, new Label("Delimiter"), delimiter);
        grid.addRow(4, new Label("Encoding"), encoding);
        dialog.getDialogPane().setContent(grid);
        ButtonType ok = new ButtonType("Export…", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ok).setId("exportOk");
        dialog.setResultConverter(b -> b == ok ? new Choice(new CsvExport.Options(header.isSelected(),
                delimiter.getValue().ch, encoding.getValue(), zone), selection.isSelected()) : null);
        return dialog.showAndWait();
    }
}
