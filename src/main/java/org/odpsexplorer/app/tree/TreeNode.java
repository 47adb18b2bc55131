package org.odpsexplorer.app.tree;

import org.odpsexplorer.app.connection.ConnectionProfile;
import org.odpsexplorer.sdk.model.ResourceInfo;

/** What a tree row stands for. Plain values; the view wraps them in {@code TreeItem}s. */
public sealed interface TreeNode {
    /** A saved connection; children are its projects. */
    record Connection(ConnectionProfile profile) implements TreeNode {
    }

    /** A project; children (type groups) load lazily on first expand. */
    record Project(ProjectRef ref) implements TreeNode {
    }

    /** Resources of one type in a project. */
    record Group(ProjectRef ref, String type, int count) implements TreeNode {
    }

    /** One resource. */
    record Resource(ProjectRef ref, ResourceInfo info) implements TreeNode {
    }

    /** The functions of a project ({@code count} shown, after the filter). */
    record FunctionGroup(ProjectRef ref, int count) implements TreeNode {
    }

    /** One function. */
    record Function(ProjectRef ref, org.odpsexplorer.sdk.model.Function function) implements TreeNode {
    }

    /** "Loading…", "No resources" or an error, until (or instead of) real children. */
    record Placeholder(String text, boolean error) implements TreeNode {
    }
}
