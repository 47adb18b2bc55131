package org.odpsexplorer.app.tree;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.connection.ConnectionProfile;
import org.odpsexplorer.sdk.model.ResourceInfo;

/**
 * The project tree: connections → projects → type groups → resources, a filter box, lazy loading behind a
 * placeholder row, F5 refresh, context menus, file drops (upload; folders as archives) and drags out (download to the
 * desktop).
 */
public final class ResourceTreeView {
    private final ResourceTreeViewModel vm;
    private final TreeActions actions;
    private final VBox root = new VBox();
    private final TreeView<TreeNode> tree = new TreeView<>();
    private final TreeItem<TreeNode> rootItem = new TreeItem<>(new TreeNode.Placeholder("root", false));
    private final Set<String> loaded = new HashSet<>();
    private final TreeMenus menus;
    private final FunctionsBranch functions;
    private final FunctionCommands functionCommands;

    public ResourceTreeView(ResourceTreeViewModel vm, TreeActions actions, Dialogs dialogs) {
        this.vm = vm;
        this.actions = actions;
        this.functions = new FunctionsBranch(vm.functions(), () -> vm.filterProperty().get(), tree);
        this.functionCommands = new FunctionCommands(vm.functions(), functions,
                () -> root.getScene() == null ? null : root.getScene().getWindow());
        this.menus = new TreeMenus(vm, actions, dialogs, this);
        TextField filter = new TextField();
        filter.setId("treeFilter");
        filter.setPromptText("Filter (Enter: server-side prefix)");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.textProperty().addListener((obs, o, n) -> regroupAll());
        filter.setOnAction(e -> refreshAll());
        tree.setId("resourceTree");
        tree.setRoot(rootItem);
        tree.setShowRoot(false);
        tree.setCellFactory(t -> cell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        root.getChildren().addAll(filter, tree);
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F5) {
                refreshSelectedOrAll();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && selectedResource() != null) {
                TreeNode.Resource r = selectedResource();
                actions.open(r.ref(), r.info(), null, false);
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && selectedFunction() != null) {
                TreeNode.Function f = selectedFunction();
                functionCommands.edit(f.ref(), f.function());
                e.consume();
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((obs, o, item) -> {
            TreeNode.Resource r = item != null && item.getValue() instanceof TreeNode.Resource res ? res : null;
            vm.select(r == null ? null : r.ref(), r == null ? null : r.info());
        });
        tree.getSelectionModel().selectedItemProperty().addListener((obs, o, item) -> vm.functions().select(
                item != null && item.getValue() instanceof TreeNode.Function f
                        ? new FunctionsViewModel.Selection(f.ref(), f.function()) : null));
        vm.connections().addListener((ListChangeListener<ConnectionProfile>) c -> rebuild());
        tree.setOnDragOver(this::onDragOver);
        tree.setOnDragDropped(e -> onDragDropped(e, null));
        rebuild();
    }

    public VBox root() {
        return root;
    }

    public TreeView<TreeNode> tree() {
        return tree;
    }

    /** The selected resource row, or null. */
    public TreeNode.@Nullable Resource selectedResource() {
        TreeItem<TreeNode> item = tree.getSelectionModel().getSelectedItem();
        return item != null && item.getValue() instanceof TreeNode.Resource r ? r : null;
    }

    /** The selected function row, or null. */
    public TreeNode.@Nullable Function selectedFunction() {
        TreeItem<TreeNode> item = tree.getSelectionModel().getSelectedItem();
        return item != null && item.getValue() instanceof TreeNode.Function f ? f : null;
    }

    /** New / Edit / Delete function, as the menus run them. */
    FunctionCommands functionCommands() {
        return functionCommands;
    }

    /** Reloads the "Functions" group of {@code ref} (e.g. after a function changed elsewhere). */
    public void refreshFunctions(ProjectRef ref) {
        functions.load(ref);
    }

    /** The project of the selected row (or of its ancestors), else the first project in the tree. */
    public @Nullable ProjectRef selectedOrFirstProject() {
        ProjectRef ref = projectOf(tree.getSelectionModel().getSelectedItem());
        if (ref != null) {
            return ref;
        }
        for (TreeItem<TreeNode> conn : rootItem.getChildren()) {
            for (TreeItem<TreeNode> p : conn.getChildren()) {
                if (p.getValue() instanceof TreeNode.Project proj) {
                    return proj.ref();
                }
            }
        }
        return null;
    }

    private void rebuild() {
        Set<String> expanded = new HashSet<>();
        for (TreeItem<TreeNode> conn : rootItem.getChildren()) {
            for (TreeItem<TreeNode> p : conn.getChildren()) {
                if (p.isExpanded() && p.getValue() instanceof TreeNode.Project proj) {
                    expanded.add(proj.ref().key());
                }
            }
        }
        loaded.clear();
        rootItem.getChildren().clear();
        for (ConnectionProfile profile : vm.connections()) {
            TreeItem<TreeNode> conn = new TreeItem<>(new TreeNode.Connection(profile));
            conn.setExpanded(true);
            if (profile.embedded() && vm.sessions().embeddedUrl() == null) {
                conn.getChildren().add(new TreeItem<>(new TreeNode.Placeholder("Starting local emulator…", false)));
            } else {
                for (String project : profile.projects()) {
                    TreeItem<TreeNode> p = projectItem(new ProjectRef(profile, project));
                    conn.getChildren().add(p);
                    if (expanded.contains(new ProjectRef(profile, project).key()) || profile.embedded()) {
                        p.setExpanded(true);
                    }
                }
            }
            rootItem.getChildren().add(conn);
        }
    }

    /** Rebuilds the tree from {@link ResourceTreeViewModel#connections()} (e.g. after the emulator started). */
    public void reloadConnections() {
        rebuild();
    }

    private TreeItem<TreeNode> projectItem(ProjectRef ref) {
        TreeItem<TreeNode> item = new TreeItem<>(new TreeNode.Project(ref));
        item.getChildren().add(new TreeItem<>(new TreeNode.Placeholder("Loading…", false)));
        item.expandedProperty().addListener((obs, o, expanded) -> {
            if (expanded && loaded.add(ref.key())) {
                load(item, ref, false);
            }
        });
        return item;
    }

    private void load(TreeItem<TreeNode> item, ProjectRef ref, boolean usePrefix) {
        if (!(item.getChildren().size() == 1 && item.getChildren().get(0).getValue() instanceof TreeNode.Placeholder)) {
            item.getChildren().setAll(List.of(new TreeItem<>(new TreeNode.Placeholder("Loading…", false))));
        }
        vm.load(ref, usePrefix, list -> {
            fill(item, ref, list);
            functions.attach(item, ref);
            // after the resources: an unreachable project costs one failed listing, not two
            functions.load(ref);
        }, error -> {
            loaded.remove(ref.key());
            item.getChildren().setAll(List.of(new TreeItem<>(
                    new TreeNode.Placeholder("Error: " + ErrorText.summary(error), true))));
        });
    }

    private void fill(TreeItem<TreeNode> item, ProjectRef ref, List<ResourceInfo> list) {
        Set<String> open = new HashSet<>();
        for (TreeItem<TreeNode> g : item.getChildren()) {
            if (g.isExpanded() && g.getValue() instanceof TreeNode.Group group) {
                open.add(group.type());
            }
        }
        boolean first = item.getChildren().stream().anyMatch(c -> c.getValue() instanceof TreeNode.Placeholder);
        TreeNode.Resource selected = selectedResource();
        String keep = selected != null && selected.ref().key().equals(ref.key()) ? selected.info().name() : null;
        item.getChildren().clear();
        Map<String, List<ResourceInfo>> groups = vm.grouped(list);
        if (groups.isEmpty()) {
            item.getChildren().add(new TreeItem<>(new TreeNode.Placeholder(
                    list.isEmpty() ? "No resources" : "No match for the filter", false)));
            return;
        }
        groups.forEach((type, resources) -> {
            TreeItem<TreeNode> g = new TreeItem<>(new TreeNode.Group(ref, type, resources.size()));
            for (ResourceInfo info : resources) {
                g.getChildren().add(new TreeItem<>(new TreeNode.Resource(ref, info)));
            }
            g.setExpanded(first || open.contains(type) || !vm.filterProperty().get().isBlank());
            item.getChildren().add(g);
        });
        if (keep != null) {
            // a reload replaces the rows; keep the user's selection on the same resource
            for (TreeItem<TreeNode> g : item.getChildren()) {
                for (TreeItem<TreeNode> r : g.getChildren()) {
                    if (r.getValue() instanceof TreeNode.Resource res && res.info().name().equals(keep)) {
                        tree.getSelectionModel().select(r);
                    }
                }
            }
        }
    }

    /**
     * Shows {@code info} (fresh metadata after a save or comment change) in the row of that resource under the
     * connection and project; a name the project's listing does not have yet (Save As) reloads the listing.
     */
    public void resourceChanged(String connectionId, String project, ResourceInfo info) {
        forEachLoadedProject((item, ref) -> {
            if (!ref.profile().id().equals(connectionId) || !ref.project().equals(project)) {
                return;
            }
            boolean found = false;
            for (TreeItem<TreeNode> g : item.getChildren()) {
                for (TreeItem<TreeNode> r : g.getChildren()) {
                    if (r.getValue() instanceof TreeNode.Resource res && res.info().name().equals(info.name())) {
                        r.setValue(new TreeNode.Resource(ref, info));
                        found = true;
                    }
                }
            }
            vm.resourceChanged(ref, info);
            if (!found) {
                load(item, ref, false);
            }
        });
    }

    private void regroupAll() {
        forEachLoadedProject((item, ref) -> {
            fill(item, ref, vm.listing(ref));
            functions.attach(item, ref);
        });
    }

    /** Reloads every loaded project from the server (Enter in the filter uses it as prefix). */
    public void refreshAll() {
        forEachLoadedProject((item, ref) -> load(item, ref, true));
    }

    /** Reloads one project's listing. */
    public void refresh(ProjectRef ref) {
        forEachLoadedProject((item, r) -> {
            if (r.key().equals(ref.key())) {
                load(item, r, true);
            }
        });
    }

    private void refreshSelectedOrAll() {
        ProjectRef ref = projectOf(tree.getSelectionModel().getSelectedItem());
        if (ref == null) {
            refreshAll();
        } else {
            refresh(ref);
        }
    }

    private void forEachLoadedProject(BiConsumer<TreeItem<TreeNode>, ProjectRef> action) {
        for (TreeItem<TreeNode> conn : List.copyOf(rootItem.getChildren())) {
            for (TreeItem<TreeNode> p : List.copyOf(conn.getChildren())) {
                if (p.getValue() instanceof TreeNode.Project proj && loaded.contains(proj.ref().key())) {
                    action.accept(p, proj.ref());
                }
            }
        }
    }

    private @Nullable ProjectRef projectOf(@Nullable TreeItem<TreeNode> item) {
        for (TreeItem<TreeNode> i = item; i != null; i = i.getParent()) {
            TreeNode n = i.getValue();
            if (n instanceof TreeNode.Project p) {
                return p.ref();
            }
            if (n instanceof TreeNode.Group g) {
                return g.ref();
            }
            if (n instanceof TreeNode.Resource r) {
                return r.ref();
            }
            if (n instanceof TreeNode.FunctionGroup g) {
                return g.ref();
            }
            if (n instanceof TreeNode.Function f) {
                return f.ref();
            }
        }
        return null;
    }

    private TreeCell<TreeNode> cell() {
        ResourceCell cell = new ResourceCell();
        cell.itemProperty().addListener((obs, o, node) -> {
            cell.setContextMenu(node == null ? null : menus.menuFor(node));
            cell.setId(node instanceof TreeNode.Resource r ? cellId(r.info().name())
                    : node instanceof TreeNode.Project p ? "project-" + cssSafe(p.ref().project())
                    : node instanceof TreeNode.Function f ? functionCellId(f.function().name())
                    : node instanceof TreeNode.FunctionGroup g ? "functions-" + cssSafe(g.ref().project()) : null);
        });
        cell.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2
                    && cell.getItem() instanceof TreeNode.Resource r) {
                actions.open(r.ref(), r.info(), null, false);
                e.consume();
            } else if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2
                    && cell.getItem() instanceof TreeNode.Function f) {
                functionCommands.edit(f.ref(), f.function());
                e.consume();
            }
        });
        cell.setOnDragDetected(e -> {
            if (cell.getItem() instanceof TreeNode.Resource r) {
                File file = actions.dragOut(r.ref(), r.info());
                if (file != null) {
                    ClipboardContent content = new ClipboardContent();
                    content.putFiles(List.of(file));
                    cell.startDragAndDrop(TransferMode.COPY).setContent(content);
                }
                e.consume();
            }
        });
        cell.setOnDragOver(this::onDragOver);
        cell.setOnDragDropped(e -> onDragDropped(e, projectOf(cell.getTreeItem())));
        return cell;
    }

    /** The id of a resource's row: {@code res-} plus the name with characters CSS can't take replaced by '_'. */
    public static String cellId(String resourceName) {
        return "res-" + cssSafe(resourceName);
    }

    /** The id of a function's row: {@code fn-} plus the name made CSS-safe as in {@link #cellId}. */
    public static String functionCellId(String functionName) {
        return "fn-" + cssSafe(functionName);
    }

    private static String cssSafe(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private void onDragOver(DragEvent e) {
        // files from outside (or a test's drag source), but not our own rows dragged onto the tree
        if (e.getDragboard().hasFiles() && !(e.getGestureSource() instanceof ResourceCell)) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void onDragDropped(DragEvent e, @Nullable ProjectRef target) {
        ProjectRef ref = target != null ? target : selectedOrFirstProject();
        boolean ok = false;
        if (ref != null && e.getDragboard().hasFiles()) {
            List<Path> dropped = e.getDragboard().getFiles().stream().map(File::toPath).toList();
            // folders are offered as archives; the service has no folders of resources
            List<Path> folders = dropped.stream().filter(Files::isDirectory).toList();
            List<Path> files = dropped.stream().filter(p -> !folders.contains(p)).toList();
            if (!files.isEmpty()) {
                actions.upload(ref, files);
            }
            if (!folders.isEmpty()) {
                actions.uploadFolders(ref, folders);
            }
            ok = true;
        }
        e.setDropCompleted(ok);
        e.consume();
    }
}
