package org.odpsexplorer.app.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.Function;

/**
 * The *New function…* and *Edit function…* dialog: name (fixed when editing), class type, and the resources picked
 * from the project's list (a filter narrows the list, checks survive it). The confirm button stays disabled while
 * {@link #problems} finds anything.
 */
public final class FunctionDialog {
    private FunctionDialog() {
    }

    /**
     * What is wrong with the values, empty when they can be sent. A new name must be a SQL identifier (letters,
     * digits, {@code _}, not starting with a digit) so that queries can call it.
     */
    public static List<String> problems(String name, String classType, List<String> resources, boolean isNew) {
        List<String> out = new ArrayList<>();
        if (isNew && !name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            out.add(name.isEmpty() ? "Enter a name." : "The name may hold letters, digits and '_', not start with"
                    + " a digit, and be at most 128 characters.");
        }
        if (classType.isBlank()) {
            out.add("Enter the class: module.Class for Python, package.Class for Java.");
        } else if (!classType.strip().equals(classType) || classType.chars().anyMatch(Character::isWhitespace)) {
            out.add("The class may not contain blanks.");
        }
        if (resources.isEmpty()) {
            out.add("Pick at least the resource that holds the code.");
        }
        return out;
    }

    /**
     * Shows the dialog modally.
     *
     * @param existing  the function to edit, or null for a new one
     * @param available the project's resource names for the pick list
     * @return the function to create or send as the update; empty on Cancel
     */
    public static Optional<Function> ask(@Nullable Window owner, String project, @Nullable Function existing,
                                         List<String> available) {
        boolean isNew = existing == null;
        Dialog<Function> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(isNew ? "New function" : "Edit function");
        dialog.setHeaderText(existing == null ? "A new function in " + project
                : "Function " + existing.name() + " in " + project);
        dialog.getDialogPane().setId("functionDialog");

        TextField name = new TextField(existing == null ? "" : existing.name());
        name.setId("functionName");
        name.setPromptText("e.g. my_upper");
        name.setDisable(!isNew);
        TextField classType = new TextField(existing == null ? "" : existing.classType());
        classType.setId("functionClass");
        classType.setPromptText("e.g. my_udf.Upper or com.example.Upper");

        List<String> items = new ArrayList<>(available);
        List<String> chosenAtStart = existing == null ? List.of() : existing.resources();
        for (String r : chosenAtStart) {
            if (!items.contains(r)) {
                items.add(r); // e.g. a resource of another project, or one deleted since
            }
        }
        ObservableList<String> chosen = FXCollections.observableArrayList(chosenAtStart);
        Map<String, BooleanProperty> checks = new HashMap<>();
        for (String r : items) {
            BooleanProperty checked = new SimpleBooleanProperty(chosen.contains(r));
            checked.addListener((obs, was, now) -> {
                if (now && !chosen.contains(r)) {
                    chosen.add(r);
                } else if (!now) {
                    chosen.remove(r);
                }
            });
            checks.put(r, checked);
        }
        FilteredList<String> shown = new FilteredList<>(FXCollections.observableArrayList(items));
        TextField filter = new TextField();
        filter.setId("functionResourceFilter");
        filter.setPromptText("Filter resources");
        filter.textProperty().addListener((obs, o, text) -> {
            String needle = text.trim().toLowerCase(Locale.ROOT);
            shown.setPredicate(r -> needle.isEmpty() || r.toLowerCase(Locale.ROOT).contains(needle));
        });
        ListView<String> list = new ListView<>(shown);
        list.setId("functionResources");
        list.setPrefSize(420, 220);
        list.setCellFactory(CheckBoxListCell.forListView(checks::get));
        Label uses = new Label();
        uses.setId("functionChosen");
        uses.setWrapText(true);
        Label problems = new Label();
        problems.setId("functionProblems");
        problems.getStyleClass().add("transfer-failed");
        problems.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Class"), classType);
        grid.addRow(2, new Label("Resources"), filter);
        grid.add(list, 1, 3);
        grid.add(uses, 1, 4);
        grid.add(problems, 0, 5, 2, 1);
        GridPane.setHgrow(list, Priority.ALWAYS);
        dialog.getDialogPane().setContent(grid);
        ButtonType confirm = new ButtonType(isNew ? "Create" : "Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(confirm, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(confirm);
        ok.setId("functionConfirm");
        Runnable validate = () -> {
            uses.setText(chosen.isEmpty() ? "Uses: (nothing picked)" : "Uses: " + String.join(", ", chosen));
            List<String> p = problems(name.getText().trim(), classType.getText().trim(), chosen, isNew);
            problems.setText(String.join("\n", p));
            ok.setDisable(!p.isEmpty());
        };
        name.textProperty().addListener((obs, o, n) -> validate.run());
        classType.textProperty().addListener((obs, o, n) -> validate.run());
        chosen.addListener((ListChangeListener<String>) c -> validate.run());
        validate.run();
        dialog.setResultConverter(b -> {
            if (b != confirm) {
                return null;
            }
            List<String> picked = List.copyOf(chosen);
            return existing == null ? Function.of(name.getText().trim(), classType.getText().trim(), picked)
                    : existing.withClassType(classType.getText().trim()).withResources(picked);
        });
        return dialog.showAndWait();
    }
}
