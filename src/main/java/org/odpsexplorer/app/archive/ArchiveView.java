package org.odpsexplorer.app.archive;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;

/**
 * An archive tab's content: toolbar (Preview, Extract…, Cancel, progress, summary), the entries as a tree table
 * (name, size, compressed, modified, notes), a jar's manifest under it, and the damage and zip-bomb messages below.
 * Double-click or Enter on a file previews it.
 */
public final class ArchiveView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private final ArchiveViewModel vm;
    private final Dialogs dialogs;
    private final Consumer<ArchiveViewModel.PreviewContent> showPreview;
    private final BorderPane root = new BorderPane();
    private final TreeTableView<EntryTree.Node> table = new TreeTableView<>();
    private final TableView<Map.Entry<String, String>> manifest = new TableView<>();
    private final VBox manifestPane = new VBox(4);
    private final SplitPane split = new SplitPane(table);
    private final VBox messages = new VBox(2);

    public ArchiveView(ArchiveViewModel vm, Dialogs dialogs, Consumer<ArchiveViewModel.PreviewContent> showPreview) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.showPreview = showPreview;
        Button preview = new Button("Preview");
        preview.setId("archivePreview");
        preview.setTooltip(new Tooltip("Show the selected file's first " + Sizes.text(ArchiveReader.PREVIEW_LIMIT)
                + " in a read-only tab"));
        preview.setOnAction(e -> previewSelected());
        Button extract = new Button("Extract…");
        extract.setId("archiveExtract");
        extract.setTooltip(new Tooltip("Write the selected file or folder (or everything) to a local folder"));
        extract.setOnAction(e -> extractSelected());
        Button cancel = new Button("Cancel");
        cancel.setId("archiveCancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(vm.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        preview.disableProperty().bind(vm.busyProperty().or(vm.loadedProperty().isNull()));
        extract.disableProperty().bind(vm.loadedProperty().isNull());
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(140);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label status = new Label();
        status.setId("archiveStatus");
        status.textProperty().bind(vm.statusProperty());
        root.setTop(new ToolBar(preview, extract, cancel, progress, status));

        table.setId("archiveEntries");
        table.setShowRoot(true);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Name", 240, n -> n.name() + (n.isFolder() && !n.path().isEmpty() ? "/" : "")));
        table.getColumns().add(column("Size", 72, n -> n.isFolder() ? Sizes.text(n.size()) : size(n.entry(), false)));
        table.getColumns().add(column("Compressed", 88, n -> n.isFolder() ? Sizes.text(n.compressedSize())
                : size(n.entry(), true)));
        table.getColumns().add(column("Modified", 130, n -> n.entry() == null || n.entry().modified() == null ? ""
                : TIME.format(n.entry().modified())));
        table.getColumns().add(column("Notes", 110, ArchiveView::notes));
        table.setRowFactory(t -> {
            TreeTableRow<EntryTree.Node> row = new TreeTableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null
                        && !row.getItem().isFolder()) {
                    previewSelected();
                    e.consume();
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                previewSelected();
                e.consume();
            }
        });
        table.setPlaceholder(new Label("Reading the archive…"));

        TableColumn<Map.Entry<String, String>, String> key = new TableColumn<>("Attribute");
        key.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getKey()));
        key.setPrefWidth(200);
        key.setMaxWidth(260);
        TableColumn<Map.Entry<String, String>, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue()));
        value.setPrefWidth(220);
        manifest.getColumns().addAll(List.of(key, value));
        manifest.setId("archiveManifest");
        manifest.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label manifestTitle = new Label("Manifest (main attributes)");
        manifestTitle.getStyleClass().add("archive-manifest-key");
        manifestPane.getChildren().addAll(manifestTitle, manifest);
        manifestPane.setPadding(new Insets(4, 0, 0, 0));
        // atlantafx's dense tables: more rows on screen
        table.getStyleClass().add("dense");
        manifest.getStyleClass().add("dense");
        split.setOrientation(Orientation.VERTICAL);
        root.setCenter(split);
        messages.getStyleClass().add("archive-messages");
        messages.setId("archiveMessages");
        root.setBottom(messages);
        VBox.setVgrow(manifest, Priority.ALWAYS);

        vm.loadedProperty().addListener((obs, o, loaded) -> {
            if (loaded != null) {
                show(loaded);
            }
        });
        vm.statusProperty().addListener((obs, o, text) -> {
            if (vm.loadedProperty().get() == null && text.startsWith("Could not read")) {
                table.setPlaceholder(new Label(text));
            }
        });
    }

    public Node root() {
        return root;
    }

    public ArchiveViewModel viewModel() {
        return vm;
    }

    /** The entries table (for tests and the screenshot). */
    public TreeTableView<EntryTree.Node> table() {
        return table;
    }

    private void show(ArchiveViewModel.Loaded loaded) {
        TreeItem<EntryTree.Node> rootItem = item(loaded.root());
        rootItem.setExpanded(true);
        table.setRoot(rootItem);
        ArchiveListing listing = loaded.listing();
        if (!listing.manifest().isEmpty()) {
            manifest.getItems().setAll(new ArrayList<>(listing.manifest().entrySet()));
            split.getItems().setAll(table, manifestPane);
            split.setDividerPositions(0.64);
        }
        messages.getChildren().clear();
        if (listing.problem() != null) {
            messages.getChildren().add(message(listing.problem(), "archive-problem", "archiveProblem"));
        }
        for (String notice : listing.notices()) {
            messages.getChildren().add(message(notice, "archive-notice", "archiveNotice"));
        }
        long escaping = listing.entries().stream().filter(ArchiveEntry::escapes).count();
        if (escaping > 0) {
            messages.getChildren().add(message(escaping + " entr" + (escaping == 1 ? "y has a name" : "ies have names")
                    + " leading outside any folder (absolute or ../); shown, but never extracted.", "archive-problem",
                    "archiveEscapes"));
        }
    }

    private static Label message(String text, String style, String id) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        l.setId(id);
        return l;
    }

    private static TreeItem<EntryTree.Node> item(EntryTree.Node node) {
        TreeItem<EntryTree.Node> item = new TreeItem<>(node);
        for (EntryTree.Node c : node.children()) {
            item.getChildren().add(item(c));
        }
        // one level open by default: a package's top folder shows its contents
        item.setExpanded(node.path().isEmpty() || node.children().size() == 1 && node.path().indexOf('/')
                == node.path().length() - 1);
        return item;
    }

    private static TreeTableColumn<EntryTree.Node, String> column(String title, double width,
                                                                   Function<EntryTree.Node, String> text) {
        TreeTableColumn<EntryTree.Node, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        // only the name and the notes give way when the tab is narrow; numbers and dates stay readable
        c.setMinWidth(title.equals("Name") || title.equals("Notes") ? Math.min(width, 120) : width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue() == null || f.getValue().getValue() == null
                ? "" : text.apply(f.getValue().getValue())));
        if (title.equals("Notes")) {
            c.setCellFactory(col -> new TreeTableCell<>() {
                @Override
                protected void updateItem(String value, boolean empty) {
                    super.updateItem(value, empty);
                    setText(empty ? null : value);
                    getStyleClass().remove("archive-escapes");
                    if (!empty && value != null && value.startsWith("⚠")) {
                        getStyleClass().add("archive-escapes");
                    }
                }
            });
        }
        return c;
    }

    private static String size(@Nullable ArchiveEntry e, boolean compressed) {
        if (e == null) {
            return "";
        }
        return Sizes.text(compressed ? e.compressedSize() : e.size());
    }

    private static String notes(EntryTree.Node n) {
        ArchiveEntry e = n.entry();
        if (n.isFolder()) {
            return n.files() + (n.files() == 1 ? " file" : " files");
        }
        if (e == null) {
            return "";
        }
        if (e.escapes()) {
            return "⚠ leads outside the folder: not extracted";
        }
        if (e.link()) {
            return "link (not extracted)";
        }
        if (e.ratio() >= ArchiveReader.BOMB_RATIO) {
            return "⚠ " + Math.round(e.ratio()) + ":1 compression";
        }
        return "";
    }

    private EntryTree.@Nullable Node selected() {
        TreeItem<EntryTree.Node> item = table.getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue();
    }

    private void previewSelected() {
        EntryTree.Node n = selected();
        if (n != null && !n.isFolder() && n.entry() != null) {
            vm.preview(n.entry(), showPreview);
        }
    }

    private void extractSelected() {
        ArchiveViewModel.Loaded loaded = vm.loadedProperty().get();
        if (loaded == null) {
            return;
        }
        EntryTree.Node n = selected();
        EntryTree.Node what = n != null ? n : loaded.root();
        dialogs.chooseDirectory("Extract " + (what.path().isEmpty() ? vm.resource() : what.path()) + " to")
                .ifPresent(target -> vm.extract(what, target));
    }
}
