package org.odpsexplorer.app.tree;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.editor.ConflictDialog;
import org.odpsexplorer.sdk.model.Function;
import org.odpsexplorer.sdk.model.ResourceInfo;

/**
 * The details panel under the tree: all metadata of the selected resource (the comment is editable) with the
 * functions that use it, or the selected function with the resources it uses (double-click opens one).
 */
public final class DetailsView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final ResourceTreeViewModel vm;
    private final Supplier<@Nullable ProjectRef> project;
    private final VBox root = new VBox();
    private final GridPane grid = new GridPane();
    private final TextField comment = new TextField();
    private final Button saveComment = new Button("Save comment");
    private final Label usedBy = new Label();
    private @Nullable TreeActions opener;

    /**
     * @param project the project of the selected row, asked when the comment is saved
     */
    public DetailsView(ResourceTreeViewModel vm, Supplier<@Nullable ProjectRef> project) {
        this.vm = vm;
        this.project = project;
        Label title = new Label("Details");
        title.getStyleClass().add("panel-title");
        grid.setHgap(10);
        grid.setVgap(3);
        grid.setPadding(new Insets(4, 8, 8, 8));
        grid.setId("detailsGrid");
        comment.setId("detailsComment");
        comment.setPromptText("comment");
        saveComment.setId("detailsSaveComment");
        saveComment.setOnAction(e -> save());
        comment.setOnAction(e -> save());
        HBox.setHgrow(comment, Priority.ALWAYS);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().addAll(title, scroll);
        vm.detailsProperty().addListener((obs, o, info) -> show(info));
        vm.functions().selectedProperty().addListener((obs, o, f) -> show(vm.detailsProperty().get()));
        vm.functions().revisionProperty().addListener((obs, o, n) -> {
            if (vm.detailsProperty().get() == null) {
                show(null);
            } else {
                showUsedBy(vm.detailsProperty().get());
            }
        });
        usedBy.setId("detailsUsedBy");
        usedBy.getStyleClass().add("details-value");
        usedBy.setWrapText(true);
        vm.commentConflictProperty().addListener((obs, o, c) -> {
            if (c != null) {
                // the editor's conflict dialog: both versions' metadata and the comments as the diff
                ConflictDialog.Choice choice = ConflictDialog
                        .ask(root.getScene() == null ? null : root.getScene().getWindow(), c.conflict().expected()
                                == null ? "resource" : c.conflict().expected().name(), c.conflict());
                vm.resolveCommentConflict(ResourceTreeViewModel.ConflictChoice.valueOf(choice.name()));
            }
        });
        show(null);
    }

    /** Where a function's resources open on double-click (the window's tabs). */
    public void setOpener(TreeActions actions) {
        this.opener = actions;
    }

    public VBox root() {
        return root;
    }

    private void show(@Nullable ResourceInfo info) {
        grid.getChildren().clear();
        if (info == null) {
            FunctionsViewModel.Selection f = vm.functions().selectedProperty().get();
            if (f != null) {
                showFunction(f);
            } else {
                grid.add(new Label("Select a resource or function to see its details."), 0, 0, 2, 1);
            }
            return;
        }
        int row = 0;
        row = add(row, "Name", info.name(), "detailsName");
        row = add(row, "Type", info.type().wireName(), "detailsType");
        row = add(row, "Size", info.size() < 0 ? "—" : String.format("%,d bytes", info.size()), "detailsSize");
        row = add(row, "Owner", info.owner(), "detailsOwner");
        row = add(row, "Created", time(info.creationTime()), "detailsCreated");
        row = add(row, "Modified", time(info.lastModifiedTime()), "detailsModified");
        row = add(row, "Last updator", info.lastUpdator(), "detailsUpdator");
        row = add(row, "MD5", info.md5(), "detailsMd5");
        row = add(row, "Temp", info.temp() ? "yes" : "no", "detailsTemp");
        if (info.tableSource() != null) {
            row = add(row, "Table source", info.tableSource().toString(), "detailsTable");
        }
        Label usedByKey = new Label("Used by functions");
        usedByKey.getStyleClass().add("details-key");
        usedByKey.setMinWidth(Region.USE_PREF_SIZE);
        grid.addRow(row++, usedByKey, usedBy);
        showUsedBy(info);
        comment.setText(info.comment() == null ? "" : info.comment());
        Label key = new Label("Comment");
        key.getStyleClass().add("details-key");
        key.setMinWidth(Region.USE_PREF_SIZE);
        grid.add(key, 0, row);
        grid.add(new HBox(4, comment, saveComment), 1, row);
    }

    private void showUsedBy(ResourceInfo info) {
        ProjectRef ref = project.get();
        usedBy.setText(ref == null ? "—" : vm.functions().usedByText(ref, info.name()));
    }

    private void showFunction(FunctionsViewModel.Selection selection) {
        Function f = selection.function();
        int row = 0;
        row = add(row, "Function", f.name(), "detailsFunctionName");
        row = add(row, "Class", f.classType(), "detailsFunctionClass");
        row = add(row, "Owner", f.owner(), "detailsFunctionOwner");
        row = add(row, "Created", time(f.creationTime()), "detailsFunctionCreated");
        if (f.schemaName() != null && !f.schemaName().equals("default")) {
            row = add(row, "Schema", f.schemaName(), "detailsFunctionSchema");
        }
        Label key = new Label("Resources");
        key.getStyleClass().add("details-key");
        key.setMinWidth(Region.USE_PREF_SIZE);
        ListView<String> resources = new ListView<>(
                FXCollections.observableArrayList(f.resources()));
        resources.setId("detailsFunctionResources");
        resources.setPrefHeight(Math.min(6, Math.max(1, f.resources().size())) * 26 + 4);
        resources.setTooltip(new Tooltip("Double-click opens the resource"));
        resources.setOnMouseClicked(e -> {
            String picked = resources.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && picked != null) {
                open(selection.ref(), picked);
            }
        });
        resources.setOnKeyPressed(e -> {
            String picked = resources.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && picked != null) {
                open(selection.ref(), picked);
            }
        });
        grid.add(key, 0, row);
        grid.add(resources, 1, row);
    }

    private void open(ProjectRef ref, String resource) {
        TreeActions actions = opener;
        if (actions != null) {
            vm.functions().resolveResource(ref, resource, (where, info) -> actions.open(where, info, null, false));
        }
    }

    private int add(int row, String key, @Nullable String value, String id) {
        Label k = new Label(key);
        k.getStyleClass().add("details-key");
        k.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value == null || value.isEmpty() ? "—" : value);
        v.getStyleClass().add("details-value");
        v.setId(id);
        v.setWrapText(true);
        grid.addRow(row, k, v);
        return row + 1;
    }

    private static @Nullable String time(@Nullable Instant t) {
        return t == null ? null : TIME.format(t);
    }

    private void save() {
        ResourceInfo info = vm.detailsProperty().get();
        ProjectRef ref = project.get();
        if (info != null && ref != null) {
            vm.updateComment(ref, info, comment.getText().trim(), () -> { });
        }
    }
}
