package org.odpsexplorer.app.history.view;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.editor.ConflictDialog;
import org.odpsexplorer.app.hex.FileByteSource;
import org.odpsexplorer.app.hex.HexDocument;
import org.odpsexplorer.app.hex.HexEditorView;
import org.odpsexplorer.app.hex.HexEditorViewModel;
import org.odpsexplorer.app.history.Version;

/**
 * The History panel (its own window): the versions of one resource, newest first, with time, action, size, MD5,
 * author and any problem; Compare (select two), Restore, Save copy as…; the comparison below.
 */
public final class HistoryView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final HistoryViewModel vm;
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final Stage stage = new Stage();
    private final TableView<Version> table = new TableView<>();
    private final BorderPane comparePane = new BorderPane();

    public HistoryView(HistoryViewModel vm, UiExecutor tasks, Dialogs dialogs, @Nullable Window owner) {
        this.vm = vm;
        this.tasks = tasks;
        this.dialogs = dialogs;
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("History — " + vm.ref());
        table.setId("historyTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setItems(vm.versions());
        table.setPlaceholder(new Label("No versions yet: every save from this app is kept here."));
        table.getColumns().add(column("Time", 170, v -> TIME.format(v.time())));
        table.getColumns().add(column("Action", 120, v -> v.action().label()));
        table.getColumns().add(column("Size", 90, v -> String.format("%,d", v.size())));
        table.getColumns().add(column("MD5", 240, Version::md5));
        table.getColumns().add(column("Author", 110, v -> v.author() == null ? "" : v.author()));
        table.getColumns().add(column("Kept", 160, HistoryView::kept));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Version v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().remove("diff-removed");
                if (!empty && v != null && v.problem() != null) {
                    getStyleClass().add("diff-removed");
                }
            }
        });

        Button compare = new Button("Compare");
        compare.setId("historyCompare");
        compare.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        compare.setOnAction(e -> {
            List<Version> two = List.copyOf(table.getSelectionModel().getSelectedItems());
            vm.compare(two.get(0), two.get(1));
        });
        Button restore = new Button("Restore");
        restore.setId("historyRestore");
        restore.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        restore.setOnAction(e -> {
            Version v = table.getSelectionModel().getSelectedItem();
            if (v != null && dialogs.confirm("Restore this version?", "The version of " + TIME.format(v.time())
                    + " (" + v.size() + " bytes) is written back to " + vm.ref().resource()
                    + " as a normal save. The current server copy stays in the history.", "Restore")) {
                vm.restore(v);
            }
        });
        Button saveCopy = new Button("Save copy as…");
        saveCopy.setId("historySaveCopy");
        saveCopy.disableProperty().bind(restore.disableProperty());
        saveCopy.setOnAction(e -> {
            Version v = table.getSelectionModel().getSelectedItem();
            if (v != null) {
                dialogs.chooseSaveFile("Save a copy of this version", vm.ref().resource())
                        .ifPresent(target -> vm.saveCopy(v, target));
            }
        });
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refresh());
        Label status = new Label();
        status.setId("historyStatus");
        status.textProperty().bind(vm.statusProperty());
        ToolBar bar = new ToolBar(compare, restore, saveCopy, refresh, status);

        comparePane.setCenter(new Label("Select two versions and press Compare."));
        comparePane.setPadding(new Insets(4));
        SplitPane split = new SplitPane(table, comparePane);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        BorderPane root = new BorderPane(split);
        root.setTop(bar);
        root.setId("historyPanel");
        vm.comparisonProperty().addListener((obs, o, c) -> showComparison(c));
        vm.conflictProperty().addListener((obs, o, c) -> {
            if (c != null) {
                switch (ConflictDialog.ask(stage, vm.ref().resource(), c)) {
                    case KEEP_MINE -> vm.keepMine();
                    case TAKE_THEIRS -> vm.takeTheirs();
                    case CANCEL -> vm.cancelConflict();
                }
            }
        });
        stage.setScene(new Scene(root, 980, 620));
        stage.setOnHidden(e -> vm.close());
    }

    /** Shows the window and loads the versions. */
    public void show() {
        stage.show();
        vm.refresh();
    }

    public Stage stage() {
        return stage;
    }

    public TableView<Version> table() {
        return table;
    }

    private static String kept(Version v) {
        if (v.problem() != null) {
            return "⚠ " + v.problem();
        }
        return switch (v.stored()) {
            case RAW -> "yes";
            case COMPRESSED -> "yes, compressed";
            case SKIPPED -> "metadata only";
        };
    }

    private static TableColumn<Version, String> column(String title, double width, Function<Version, String> value) {
        TableColumn<Version, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    private void showComparison(HistoryViewModel.@Nullable Comparison c) {
        if (c == null) {
            comparePane.setCenter(new Label("Select two versions and press Compare."));
            return;
        }
        Label title = new Label(TIME.format(c.left().time()) + " (" + c.left().action().label() + ")  →  "
                + TIME.format(c.right().time()) + " (" + c.right().action().label() + ")");
        title.getStyleClass().add("tree-meta");
        if (c instanceof HistoryViewModel.TextDiff t) {
            ListView<String> lines = new ListView<>();
            lines.setId("historyDiff");
            lines.getItems().setAll(t.unified().isEmpty() ? List.of("(no differences)") : t.unified());
            lines.setCellFactory(l -> new DiffLineCell());
            comparePane.setTop(title);
            comparePane.setCenter(lines);
            return;
        }
        HistoryViewModel.BinaryDiff b = (HistoryViewModel.BinaryDiff) c;
        StringBuilder text = new StringBuilder(b.offsets().isEmpty() ? "The contents are equal."
                : "First differing offsets:\n");
        for (long at : b.offsets()) {
            text.append(String.format("  0x%08X  (%,d)%n", at, at));
        }
        Label offsets = new Label(text.toString());
        offsets.setId("historyOffsets");
        offsets.setStyle("-fx-font-family: monospace;");
        Button hex = new Button("Open both in hex");
        hex.setId("historyOpenHex");
        hex.setOnAction(e -> openBothInHex(b));
        comparePane.setTop(title);
        comparePane.setCenter(new VBox(8, offsets, hex));
    }

    private void openBothInHex(HistoryViewModel.BinaryDiff b) {
        try {
            FileByteSource left = vm.open(b.leftFile());
            FileByteSource right = vm.open(b.rightFile());
            SplitPane both = new SplitPane(hexPane(left, b.left()), hexPane(right, b.right()));
            Stage window = new Stage();
            window.initOwner(stage);
            window.setTitle("Compare in hex — " + vm.ref());
            window.setScene(new Scene(both, 1200, 600));
            window.setOnHidden(e -> {
                closeQuietly(left);
                closeQuietly(right);
            });
            window.show();
        } catch (IOException e) {
            dialogs.showError("Could not open the versions in hex", e);
        }
    }

    private BorderPane hexPane(FileByteSource source, Version v) {
        HexEditorViewModel hvm = new HexEditorViewModel(new HexDocument(source), tasks);
        hvm.editRuleProperty().set(HexEditorViewModel.EditRule.READ_ONLY);
        if (!vm.comparisonProperty().isNull().get()
                && vm.comparisonProperty().get() instanceof HistoryViewModel.BinaryDiff d && !d.offsets().isEmpty()) {
            hvm.setCaret(d.offsets().get(0), false);
        }
        BorderPane pane = new BorderPane(new HexEditorView(hvm).root());
        pane.setTop(new Label(TIME.format(v.time()) + " · " + v.action().label() + " · " + v.md5()));
        return pane;
    }

    private void closeQuietly(FileByteSource s) {
        try {
            s.close();
        } catch (IOException e) {
            dialogs.showError("Could not close a compared version", e);
        }
    }

    private static final class DiffLineCell extends ListCell<String> {
        DiffLineCell() {
            getStyleClass().add("diff-line");
            setStyle("-fx-font-family: monospace;");
        }

        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("diff-added", "diff-removed");
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line);
            if (line.startsWith("+") && !line.startsWith("+++")) {
                getStyleClass().add("diff-added");
            } else if (line.startsWith("-") && !line.startsWith("---")) {
                getStyleClass().add("diff-removed");
            }
        }
    }
}
