package org.odpsexplorer.app.tree;

import java.time.Instant;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Command;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.editor.OpenMode;
import org.odpsexplorer.app.transfer.UploadRules;
import org.odpsexplorer.sdk.model.Function;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceType;

/** Context menus of the tree rows, and the small dialogs behind them. */
final class TreeMenus {
    private final ResourceTreeViewModel vm;
    private final TreeActions actions;
    private final Dialogs dialogs;
    private final ResourceTreeView view;

    TreeMenus(ResourceTreeViewModel vm, TreeActions actions, Dialogs dialogs, ResourceTreeView view) {
        this.vm = vm;
        this.actions = actions;
        this.dialogs = dialogs;
        this.view = view;
    }

    @Nullable ContextMenu menuFor(TreeNode node) {
        if (node instanceof TreeNode.Resource r) {
            return resourceMenu(r.ref(), r.info());
        }
        if (node instanceof TreeNode.Project p) {
            return projectMenu(p.ref());
        }
        if (node instanceof TreeNode.Group g) {
            return projectMenu(g.ref());
        }
        if (node instanceof TreeNode.FunctionGroup g) {
            return projectMenu(g.ref());
        }
        if (node instanceof TreeNode.Function f) {
            return functionMenu(f.ref(), f.function());
        }
        return null;
    }

    private ContextMenu functionMenu(ProjectRef ref, Function function) {
        FunctionCommands commands = view.functionCommands();
        MenuItem edit = item("Edit function…", "menuEditFunction", () -> commands.edit(ref, function));
        MenuItem delete = item("Delete function", "menuDeleteFunction", () -> commands.delete(ref, function));
        MenuItem copy = item("Copy name", "menuCopyFunctionName", () -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(function.name());
            Clipboard.getSystemClipboard().setContent(c);
        });
        ContextMenu menu = new ContextMenu(edit, copy, new SeparatorMenuItem(), delete, new SeparatorMenuItem());
        menu.getItems().addAll(projectMenu(ref).getItems());
        return menu;
    }

    private ContextMenu resourceMenu(ProjectRef ref, ResourceInfo info) {
        // a table-backed resource has no content: what reads content is greyed out on its row
        BooleanBinding noContent = Bindings.createBooleanBinding(() -> !info.type().hasContent());
        MenuItem open = item("Open", "menuOpen", noContent, () -> actions.open(ref, info, null, false));
        MenuItem openHex = item("Open in hex editor", "menuOpenHex", noContent,
                () -> actions.open(ref, info, null, true));
        MenuItem openWith = item("Open with mode…", "menuOpenWith", noContent, () -> askMode(info).ifPresent(
                mode -> actions.open(ref, info, mode, mode.isBinaryMode())));
        MenuItem openArchive = item("Open as archive", "menuOpenArchive", noContent,
                () -> actions.openArchive(ref, info));
        MenuItem download = item("Download…", "menuDownload", noContent, () -> actions.download(ref, info));
        MenuItem delete = item("Delete", "menuDelete", () -> vm.delete(ref, info.name(), () -> view.refresh(ref)));
        MenuItem copy = item("Copy name", "menuCopyName", () -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(info.name());
            Clipboard.getSystemClipboard().setContent(c);
        });
        MenuItem properties = item("Properties", "menuProperties", () -> showProperties(info));
        MenuItem history = item("History…", "menuHistory", noContent, () -> actions.history(ref, info));
        ContextMenu menu = new ContextMenu(open, openHex, openWith, openArchive, new SeparatorMenuItem(), download, copy,
                properties, history, new SeparatorMenuItem(), delete, new SeparatorMenuItem());
        menu.getItems().addAll(projectMenu(ref).getItems());
        return menu;
    }

    private ContextMenu projectMenu(ProjectRef ref) {
        MenuItem newFile = item("New file/py resource…", "menuNewFile", () -> newFile(ref));
        MenuItem newTable = item("New table resource…", "menuNewTable", () -> newTable(ref));
        MenuItem upload = item("Upload files…", "menuUpload", () -> {
            var files = dialogs.chooseOpenFiles("Upload files to " + ref.project());
            if (!files.isEmpty()) {
                actions.upload(ref, files);
            }
        });
        MenuItem newFunction = item("New function…", "menuNewFunction", () -> view.functionCommands().create(ref));
        MenuItem refresh = item("Refresh (F5)", "menuRefresh", () -> view.refresh(ref));
        return new ContextMenu(newFile, newTable, newFunction, upload, refresh);
    }

    private static MenuItem item(String text, String id, Runnable action) {
        return new Command(text, action).menuItem(id);
    }

    private static MenuItem item(String text, String id, BooleanBinding disabled, Runnable action) {
        return new Command(text, disabled, action).menuItem(id);
    }

    private Optional<OpenMode> askMode(ResourceInfo info) {
        ChoiceDialog<OpenMode> dialog = new ChoiceDialog<>(OpenMode.R_PLUS, OpenMode.ALL);
        dialog.initOwner(window());
        dialog.setTitle("Open with mode");
        dialog.setHeaderText("Open " + info.name() + " in mode:");
        dialog.getDialogPane().setId("openModeDialog");
        dialog.setContentText("Mode");
        return dialog.showAndWait();
    }

    private void newFile(ProjectRef ref) {
        dialogs.prompt("New resource in " + ref.project(), "Name (.py makes a py resource)", "new_file.txt")
                .ifPresent(name -> {
                    String type = UploadRules.inferType(name);
                    var problems = UploadRules.problems(name, type, 0);
                    if (!problems.isEmpty()) {
                        dialogs.showInfo("Invalid name", String.join("\n", problems));
                        return;
                    }
                    vm.createFile(ref, name, ResourceType.fromWire(type), "", () -> view.refresh(ref));
                });
    }

    private void newTable(ProjectRef ref) {
        if (actions.newTableResource(ref)) {
            return;
        }
        Dialog<String[]> dialog = new Dialog<>();
        dialog.initOwner(window());
        dialog.setTitle("New table resource");
        dialog.setHeaderText("A resource that points at a table (and optionally a partition)");
        TextField name = new TextField();
        TextField table = new TextField();
        TextField partition = new TextField();
        partition.setPromptText("e.g. pt=20240101 (optional)");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Resource name"), name);
        grid.addRow(1, new Label("Table"), table);
        grid.addRow(2, new Label("Partition"), partition);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK
                ? new String[] {name.getText().trim(), table.getText().trim(), partition.getText().trim()} : null);
        dialog.showAndWait().ifPresent(v -> {
            if (v[0].isEmpty() || v[1].isEmpty()) {
                dialogs.showInfo("Missing values", "Name and table are required.");
                return;
            }
            vm.createTable(ref, v[0], v[1], v[2].isEmpty() ? null : v[2], () -> view.refresh(ref));
        });
    }

    private void showProperties(ResourceInfo info) {
        StringBuilder sb = new StringBuilder();
        sb.append("Name: ").append(info.name()).append('\n');
        sb.append("Type: ").append(info.type().wireName()).append('\n');
        sb.append("Size: ").append(info.size() < 0 ? "—" : info.size() + " bytes").append('\n');
        sb.append("Owner: ").append(text(info.owner())).append('\n');
        sb.append("Last updator: ").append(text(info.lastUpdator())).append('\n');
        sb.append("Created: ").append(time(info.creationTime())).append('\n');
        sb.append("Modified: ").append(time(info.lastModifiedTime())).append('\n');
        sb.append("MD5: ").append(text(info.md5())).append('\n');
        sb.append("Comment: ").append(text(info.comment())).append('\n');
        sb.append("Temp: ").append(info.temp()).append('\n');
        if (info.tableSource() != null) {
            sb.append("Table source: ").append(info.tableSource()).append('\n');
        }
        dialogs.showInfo("Properties of " + info.name(), sb.toString());
    }

    private static String text(@Nullable String s) {
        return s == null || s.isEmpty() ? "—" : s;
    }

    private static String time(@Nullable Instant t) {
        return t == null ? "—" : t.toString();
    }

    private @Nullable Window window() {
        return view.root().getScene() == null ? null : view.root().getScene().getWindow();
    }
}
