package org.odpsexplorer.app.hex;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The hex editor: toolbar (goto, find, insert toggle, undo/redo, copy as hex), the virtualized grid and the data
 * inspector. Shortcuts: Ctrl+G goto, Ctrl+F find, Ctrl+Z/Ctrl+Y undo/redo, Ctrl+C copy selection as hex.
 */
public final class HexEditorView {
    private final HexEditorViewModel vm;
    private final BorderPane root = new BorderPane();
    private final HexCanvas canvas;
    private final TextField gotoField = new TextField();
    private final TextField findField = new TextField();
    private final CheckBox findHex = new CheckBox("hex");
    private final GridPane inspectorGrid = new GridPane();
    private final Label status = new Label();

    public HexEditorView(HexEditorViewModel vm) {
        this.vm = vm;
        this.canvas = new HexCanvas(vm);
        root.getStyleClass().add("hex-editor");
        gotoField.setId("hexGoto");
        gotoField.setPromptText("Go to offset (Ctrl+G)");
        gotoField.setPrefColumnCount(10);
        gotoField.setOnAction(e -> {
            if (vm.gotoOffset(gotoField.getText())) {
                canvas.requestFocus();
            }
        });
        findField.setId("hexFind");
        findField.setPromptText("Find text or bytes (Ctrl+F)");
        findField.setPrefColumnCount(14);
        findField.setOnAction(e -> vm.find(findField.getText(), findHex.isSelected()));
        Button findNext = new Button("Find");
        findNext.setOnAction(e -> vm.find(findField.getText(), findHex.isSelected()));
        ToggleButton insert = new ToggleButton("Insert");
        insert.setId("hexInsert");
        insert.selectedProperty().bindBidirectional(vm.insertModeProperty());
        Button undo = new Button("Undo");
        undo.setOnAction(e -> vm.undo());
        Button redo = new Button("Redo");
        redo.setOnAction(e -> vm.redo());
        Button copy = new Button("Copy hex");
        copy.setOnAction(e -> copyHex());
        ToolBar bar = new ToolBar(new Label("Offset"), gotoField, new Separator(), findField, findHex, findNext,
                new Separator(), insert, undo, redo, copy);
        root.setTop(bar);
        root.setCenter(canvas);

        inspectorGrid.setHgap(8);
        inspectorGrid.setVgap(2);
        inspectorGrid.setPadding(new Insets(6));
        inspectorGrid.getStyleClass().add("hex-inspector");
        inspectorGrid.setId("hexInspector");
        Label title = new Label("Data inspector");
        title.getStyleClass().add("panel-title");
        VBox side = new VBox(title, inspectorGrid);
        side.setPadding(new Insets(4));
        side.setPrefWidth(260);
        root.setRight(side);
        vm.inspectorProperty().addListener((obs, o, rows) -> showInspector(rows));
        showInspector(vm.inspectorProperty().get());

        status.getStyleClass().add("hex-status");
        status.setPadding(new Insets(2, 6, 2, 6));
        root.setBottom(status);
        vm.caretProperty().addListener((obs, o, n) -> updateStatus());
        vm.sizeProperty().addListener((obs, o, n) -> updateStatus());
        vm.insertModeProperty().addListener((obs, o, n) -> updateStatus());
        vm.messageProperty().addListener((obs, o, n) -> updateStatus());
        updateStatus();

        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onShortcut);
    }

    public Node root() {
        return root;
    }

    public HexEditorViewModel viewModel() {
        return vm;
    }

    /** Gives keyboard focus to the grid. */
    public void focus() {
        canvas.requestFocus();
    }

    private void onShortcut(KeyEvent e) {
        if (new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN).match(e)) {
            gotoField.requestFocus();
            gotoField.selectAll();
        } else if (new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN).match(e)) {
            findField.requestFocus();
            findField.selectAll();
        } else if (new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN).match(e) && canvas.isFocused()) {
            vm.undo();
        } else if ((new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN).match(e)
                || new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN).match(e))
                && canvas.isFocused()) {
            vm.redo();
        } else if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e) && canvas.isFocused()) {
            copyHex();
        } else {
            return;
        }
        e.consume();
    }

    private void copyHex() {
        vm.copyAsHex(hex -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(hex);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    private void showInspector(List<DataInspector.Row> rows) {
        inspectorGrid.getChildren().clear();
        for (int i = 0; i < rows.size(); i++) {
            Label name = new Label(rows.get(i).name());
            name.getStyleClass().add("inspector-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label(rows.get(i).value());
            value.getStyleClass().add("inspector-value");
            value.setId("inspector-" + rows.get(i).name().replace(' ', '-'));
            inspectorGrid.addRow(i, name, value);
        }
    }

    private void updateStatus() {
        long caret = vm.caretProperty().get();
        String text = String.format("Offset %d (0x%X) of %d bytes  ·  %s", caret, caret, vm.sizeProperty().get(),
                vm.insertModeProperty().get() ? "INSERT" : "OVERWRITE");
        String msg = vm.messageProperty().get();
        status.setText(msg.isEmpty() ? text : text + "  ·  " + msg);
    }
}
