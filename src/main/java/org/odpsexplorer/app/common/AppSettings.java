package org.odpsexplorer.app.common;

import java.util.List;
import java.util.Objects;

/**
 * What the window remembers between runs. A change is a copy.
 *
 * @param width         window width in pixels
 * @param height        window height in pixels
 * @param treeDivider   position of the divider between the tree and the editors (0..1)
 * @param detailsDivider position of the divider between the tree and the details panel (0..1)
 * @param openTabs      editor tabs open at exit, in order
 * @param openGrids     table-resource grid tabs open at exit, in order
 * @param theme         light or dark look (View menu)
 */
public record AppSettings(double width, double height, double treeDivider, double detailsDivider, List<OpenTab> openTabs,
                          List<OpenGrid> openGrids, Theme theme) {
    public static final AppSettings DEFAULTS = new AppSettings(1200, 760, 0.28, 0.62, List.of(), List.of(),
            Theme.LIGHT);

    public AppSettings {
        openTabs = openTabs == null ? List.of() : List.copyOf(openTabs);
        openGrids = openGrids == null ? List.of() : List.copyOf(openGrids);
        theme = theme == null ? Theme.LIGHT : theme;
        // a window too small to use (or NaN from a hand-edited file) falls back to the default size
        width = width >= 400 ? width : 1200;
        height = height >= 300 ? height : 760;
        treeDivider = clamp(treeDivider, 0.28);
        detailsDivider = clamp(detailsDivider, 0.62);
    }

    public AppSettings withWindow(double newWidth, double newHeight) {
        return new AppSettings(newWidth, newHeight, treeDivider, detailsDivider, openTabs, openGrids, theme);
    }

    public AppSettings withDividers(double tree, double details) {
        return new AppSettings(width, height, tree, details, openTabs, openGrids, theme);
    }

    public AppSettings withOpenTabs(List<OpenTab> tabs) {
        return new AppSettings(width, height, treeDivider, detailsDivider, tabs, openGrids, theme);
    }

    public AppSettings withOpenGrids(List<OpenGrid> grids) {
        return new AppSettings(width, height, treeDivider, detailsDivider, openTabs, grids, theme);
    }

    public AppSettings withTheme(Theme newTheme) {
        return new AppSettings(width, height, treeDivider, detailsDivider, openTabs, openGrids, newTheme);
    }

    private static double clamp(double v, double fallback) {
        return Double.isNaN(v) || v <= 0.02 || v >= 0.98 ? fallback : v;
    }

    /** An editor tab to reopen: which connection, project, resource, and the open mode it had. */
    public record OpenTab(String connectionId, String project, String resource, String mode) {
        public OpenTab {
            Objects.requireNonNull(connectionId, "connectionId == null");
            Objects.requireNonNull(project, "project == null");
            Objects.requireNonNull(resource, "resource == null");
            Objects.requireNonNull(mode, "mode == null");
        }
    }

    /**
     * A table-resource grid tab to reopen.
     *
     * @param partition the partition it showed, in tunnel form ({@code pt=20240102}); "" for the whole table or
     *                  "the partition the resource points at"
     * @param topRow    0-based index of the first row on screen (0 when unknown)
     */
    public record OpenGrid(String connectionId, String project, String resource, String partition, long topRow) {
        public OpenGrid {
            Objects.requireNonNull(connectionId, "connectionId == null");
            Objects.requireNonNull(project, "project == null");
            Objects.requireNonNull(resource, "resource == null");
            Objects.requireNonNull(partition, "partition == null");
            topRow = Math.max(0, topRow);
        }
    }
}
