package org.odpsexplorer.app.tree;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.Function;

/**
 * The "Functions" group under each project of the tree: its own small listing (apart from the resources'), one
 * {@link TreeItem} per project kept across reloads of the resource rows so its expanded state stays, and the tree's
 * filter text applied to function names. FX thread.
 */
final class FunctionsBranch {
    private final FunctionsViewModel vm;
    private final Supplier<String> filter;
    private final TreeView<TreeNode> tree;
    private final Map<String, TreeItem<TreeNode>> groups = new HashMap<>();
    private final Map<String, TreeItem<TreeNode>> projects = new HashMap<>();

    FunctionsBranch(FunctionsViewModel vm, Supplier<String> filter, TreeView<TreeNode> tree) {
        this.vm = vm;
        this.filter = filter;
        this.tree = tree;
    }

    /** Starts a fresh listing of {@code ref}'s functions; the group shows "Loading…" until it arrives. */
    void load(ProjectRef ref) {
        TreeItem<TreeNode> group = group(ref);
        if (vm.listing(ref) == null) {
            group.getChildren().setAll(List.of(new TreeItem<>(new TreeNode.Placeholder("Loading…", false))));
        }
        vm.load(ref, listing -> {
            TreeItem<TreeNode> project = projects.get(ref.key());
            if (project != null) {
                attach(project, ref); // a filter may now match (or no longer match) a function: show or hide the group
            } else {
                fill(ref);
            }
        });
    }

    /**
     * Puts the group (last) under {@code projectItem}, which the resource loader has just refilled, with the
     * current filter applied; a filter that matches no function hides the group.
     */
    void attach(TreeItem<TreeNode> projectItem, ProjectRef ref) {
        projects.put(ref.key(), projectItem);
        TreeItem<TreeNode> group = group(ref);
        fill(ref);
        boolean show = filter.get().isBlank() || ((TreeNode.FunctionGroup) group.getValue()).count() > 0;
        List<TreeItem<TreeNode>> children = projectItem.getChildren();
        int at = children.indexOf(group);
        if (show && at != children.size() - 1) {
            // moved only when needed: taking it out would drop the selection of a function row
            if (at >= 0) {
                children.remove(at);
            }
            children.add(group);
        } else if (!show && at >= 0) {
            children.remove(at);
        }
    }

    private TreeItem<TreeNode> group(ProjectRef ref) {
        return groups.computeIfAbsent(ref.key(), k -> {
            TreeItem<TreeNode> item = new TreeItem<>(new TreeNode.FunctionGroup(ref, 0));
            item.getChildren().add(new TreeItem<>(new TreeNode.Placeholder("Loading…", false)));
            item.setExpanded(true); // open at first, like the resource groups; later the user's choice stays
            return item;
        });
    }

    private void fill(ProjectRef ref) {
        TreeItem<TreeNode> group = group(ref);
        FunctionsViewModel.Listing listing = vm.listing(ref);
        if (listing == null) {
            return;
        }
        if (listing.failure() != null) {
            group.setValue(new TreeNode.FunctionGroup(ref, 0));
            group.getChildren().setAll(List.of(new TreeItem<>(
                    new TreeNode.Placeholder("Error: " + listing.failure(), true))));
            return;
        }
        String needle = filter.get().trim().toLowerCase(Locale.ROOT);
        List<Function> shown = listing.functions().stream()
                .filter(f -> needle.isEmpty() || f.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
        group.setValue(new TreeNode.FunctionGroup(ref, shown.size()));
        if (shown.isEmpty()) {
            group.getChildren().setAll(List.of(new TreeItem<>(new TreeNode.Placeholder(
                    listing.functions().isEmpty() ? "No functions" : "No match for the filter", false))));
            return;
        }
        TreeItem<TreeNode> was = tree.getSelectionModel().getSelectedItem();
        String keep = was != null && was.getParent() == group && was.getValue() instanceof TreeNode.Function f
                ? f.function().name() : null;
        group.getChildren().setAll(shown.stream().map(f -> new TreeItem<TreeNode>(new TreeNode.Function(ref, f)))
                .toList());
        if (keep != null) {
            // a reload replaces the rows; keep the user's selection on the same function
            TreeItem<TreeNode> again = row(ref, keep);
            if (again != null) {
                tree.getSelectionModel().select(again);
            }
        }
    }

    /** The row of {@code name} under {@code ref}'s group, or null. */
    @Nullable TreeItem<TreeNode> row(ProjectRef ref, String name) {
        for (TreeItem<TreeNode> item : group(ref).getChildren()) {
            if (item.getValue() instanceof TreeNode.Function f && f.function().name().equals(name)) {
                return item;
            }
        }
        return null;
    }
}
