package org.odpsexplorer.app.tree;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
import org.odpsexplorer.app.common.Icons;
import org.odpsexplorer.sdk.model.Function;
import org.odpsexplorer.sdk.model.ResourceInfo;

/** A tree row: type icon, name, and for resources size and modification time in grey. */
final class ResourceCell extends TreeCell<TreeNode> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @Override
    protected void updateItem(TreeNode node, boolean empty) {
        super.updateItem(node, empty);
        getStyleClass().removeAll("placeholder-row", "error-row");
        if (empty || node == null) {
            setText(null);
            setGraphic(null);
            setId(null);
            return;
        }
        setText(null);
        setTooltip(null);
        Label name = new Label();
        Label meta = new Label();
        meta.getStyleClass().add("tree-meta");
        String icon;
        if (node instanceof TreeNode.Connection c) {
            name.setText(c.profile().name());
            icon = "connection";
        } else if (node instanceof TreeNode.Project p) {
            name.setText(p.ref().project());
            icon = "project";
        } else if (node instanceof TreeNode.Group g) {
            name.setText(g.type());
            meta.setText("(" + g.count() + ")");
            icon = g.type();
        } else if (node instanceof TreeNode.Resource r) {
            ResourceInfo info = r.info();
            name.setText(info.name());
            meta.setText(describe(info));
            meta.getStyleClass().add("resource-meta");
            icon = info.type().wireName();
            setTooltip(new Tooltip(tooltip(info)));
        } else if (node instanceof TreeNode.FunctionGroup g) {
            name.setText("Functions");
            meta.setText("(" + g.count() + ")");
            icon = "functions";
        } else if (node instanceof TreeNode.Function f) {
            name.setText(f.function().name());
            meta.setText(describe(f.function()));
            icon = "function";
        } else {
            TreeNode.Placeholder ph = (TreeNode.Placeholder) node;
            name.setText(ph.text());
            icon = ph.error() ? "error" : "loading";
            getStyleClass().add(ph.error() ? "error-row" : "placeholder-row");
        }
        HBox box = new HBox(6, Icons.forKind(icon), name, meta);
        box.setAlignment(Pos.CENTER_LEFT);
        setGraphic(box);
    }

    /** Everything that tells versions apart: size, modified time to the second, MD5 when known. */
    static String tooltip(ResourceInfo info) {
        StringBuilder sb = new StringBuilder(info.name());
        if (info.size() >= 0) {
            sb.append("\n").append(String.format("%,d bytes", info.size()));
        }
        if (info.lastModifiedTime() != null) {
            sb.append("\nmodified ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                    .withZone(ZoneId.systemDefault()).format(info.lastModifiedTime()));
        }
        if (info.md5() != null) {
            sb.append("\nmd5 ").append(info.md5());
        }
        return sb.toString();
    }

    static String describe(ResourceInfo info) {
        StringBuilder sb = new StringBuilder();
        if (info.size() >= 0) {
            sb.append(humanSize(info.size()));
        }
        if (info.lastModifiedTime() != null) {
            if (sb.length() > 0) {
                sb.append(" · ");
            }
            sb.append(TIME.format(info.lastModifiedTime()));
        }
        return sb.toString();
    }

    /** A function row's grey text: class type and the resources it uses. */
    static String describe(Function f) {
        return f.classType() + (f.resources().isEmpty() ? "" : " · " + String.join(", ", f.resources()));
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KB", "MB", "GB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
