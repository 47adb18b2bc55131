package org.odpsexplorer.app.common;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.paint.Color;
import javafx.scene.shape.SVGPath;

/**
 * The app's icons: the window icon and one icon per tree node kind, rendered from the drawn set under
 * {@code icons/} (SVG sources, PNGs made by {@code icons/render.sh} and copied to this package's resources). The
 * transient states "loading" and "error" have no drawn icon and are small vector shapes. Every type icon carries the
 * style classes {@code type-icon} and {@code icon-<kind>} so tests and CSS can find it. FX thread only.
 */
public final class Icons {
    private static final String BASE = "/org/odpsexplorer/app/icons/";
    private static final int[] WINDOW_SIZES = {16, 24, 32, 48, 64, 128, 256};
    private static final Map<String, Image> CACHE = new ConcurrentHashMap<>();

    private Icons() {
    }

    /** The application icon at every drawn size, for {@code Stage.getIcons()}. */
    public static List<Image> window() {
        Image[] images = new Image[WINDOW_SIZES.length];
        for (int i = 0; i < WINDOW_SIZES.length; i++) {
            images[i] = image("odps-explorer-" + WINDOW_SIZES[i] + ".png");
        }
        return List.of(images);
    }

    /**
     * Icon for a resource type wire name ({@code file py jar archive table}) or a kind ({@code connection},
     * {@code project}, {@code group}, {@code loading}, {@code error}); an unknown kind gets the file icon.
     */
    public static Node forKind(String kind) {
        Node icon = switch (kind) {
            case "loading" -> shape("M8 2a6 6 0 1 0 6 6", Color.web("#7a7f87"), Color.TRANSPARENT);
            case "error" -> shape("M8 1.5l6.5 12h-13z M8 6v4 M8 11.5v1", Color.web("#c62828"), Color.web("#fde0e0"));
            default -> drawn(drawnName(kind));
        };
        icon.getStyleClass().addAll("type-icon", "icon-" + kind);
        return icon;
    }

    private static String drawnName(String kind) {
        return switch (kind) {
            case "py", "jar", "archive", "table", "connection", "project", "folder" -> kind;
            case "group" -> "folder";
            default -> "file";
        };
    }

    /** A 16-px view of the drawn icon, loaded from the 32-px PNG so it stays sharp on a 2× screen. */
    private static Node drawn(String name) {
        ImageView view = new ImageView(image(name + "-32.png"));
        view.setFitWidth(16);
        view.setFitHeight(16);
        view.setSmooth(true);
        return view;
    }

    private static Image image(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            InputStream in = Icons.class.getResourceAsStream(BASE + f);
            if (in == null) {
                throw new IllegalStateException("icon resource missing: " + BASE + f);
            }
            return new Image(in);
        });
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
