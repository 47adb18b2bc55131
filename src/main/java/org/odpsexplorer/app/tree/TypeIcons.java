package org.odpsexplorer.app.tree;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.SVGPath;

/**
 * Small vector icons drawn in code (16×16 SVG paths), one per tree node kind. Placeholders until proper icons land
 * under {@code icons/}; every icon carries the style class {@code icon-<kind>} so tests and CSS can find it.
 */
public final class TypeIcons {
    private TypeIcons() {
    }

    /**
     * Icon for a resource type wire name ({@code file py jar archive table}), or a kind: connection, project, group,
     * functions (the group), function.
     */
    public static Node forKind(String kind) {
        Node icon = switch (kind) {
            case "py" -> page(Color.web("#3572A5"), "M5 8h2.5a1.5 1.5 0 0 1 0 3H6v2H5z M9 8l1.5 2.5L12 8 M10.5 10.5V13");
            case "jar" -> shape("M4 3h8v2H4z M4.5 5h7l-.5 9h-6z M7 7v5 M9 7v5", Color.web("#b07219"), Color.web("#f4e3c8"));
            case "archive" -> shape("M1.5 3h13v3h-13z M2.5 6h11v8h-11z M6 8.5h4", Color.web("#7a5c2e"), Color.web("#efe2c4"));
            case "table" -> shape("M1.5 2.5h13v11h-13z M1.5 6h13 M1.5 9.5h13 M6 2.5v11 M10.5 2.5v11",
                    Color.web("#2e7d32"), Color.web("#e3f2e4"));
            case "connection" -> shape("M2 2.5h12v4H2z M2 9.5h12v4H2z M4 4.5h1 M4 11.5h1",
                    Color.web("#455a64"), Color.web("#e5ebee"));
            case "project", "group" -> shape("M1.5 3.5h5l1.5 1.5h6.5v8.5h-13z", Color.web("#a07400"), Color.web("#fbe9a6"));
            case "function" -> shape("M10.5 2.5c-2 0-2.5 1-2.8 3L6.3 13c-.3 1.5-1 2-2.3 2 M5 6.5h5.5",
                    Color.web("#6a1b9a"), Color.TRANSPARENT);
            case "functions" -> shape("M1.5 3.5h5l1.5 1.5h6.5v8.5h-13z M10 7c-1 0-1.3.5-1.4 1.5l-.6 3.5c-.2.8-.5 1-1.1 1"
                    + " M7.3 9h2.5", Color.web("#6a1b9a"), Color.web("#eadcf3"));
            case "loading" -> shape("M8 2a6 6 0 1 0 6 6", Color.web("#7a7f87"), Color.TRANSPARENT);
            case "error" -> shape("M8 1.5l6.5 12h-13z M8 6v4 M8 11.5v1", Color.web("#c62828"), Color.web("#fde0e0"));
            default -> page(Color.web("#5f6b7a"), "M5 8h6 M5 10h6 M5 12h4");
        };
        icon.getStyleClass().addAll("type-icon", "icon-" + kind);
        return icon;
    }

    private static Node page(Color accent, String glyph) {
        SVGPath sheet = new SVGPath();
        sheet.setContent("M3 1.5h6.5l3.5 3.5v9.5h-10z M9.5 1.5v3.5h3.5");
        sheet.setFill(Color.WHITE);
        sheet.setStroke(accent);
        sheet.setStrokeWidth(1);
        SVGPath mark = new SVGPath();
        mark.setContent(glyph);
        mark.setFill(Color.TRANSPARENT);
        mark.setStroke(accent);
        mark.setStrokeWidth(1.2);
        return new Group(sheet, mark);
    }

    private static Node shape(String path, Color stroke, Color fill) {
        SVGPath p = new SVGPath();
        p.setContent(path);
        p.setFill(fill);
        p.setStroke(stroke);
        p.setStrokeWidth(1);
        return new Group(p);
    }
}
