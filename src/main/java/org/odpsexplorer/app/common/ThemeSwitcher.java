package org.odpsexplorer.app.common;

import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * Applies the current {@link Theme} to one main window and every window it owns (dialogs, the staging and
 * new-table windows), now and whenever the theme changes: AtlantaFX's stylesheet for the theme becomes the
 * application's user-agent stylesheet, and each such scene gets the theme's palette stylesheet, the app's own
 * {@code app.css}, and the theme's style class on its root. The user-agent stylesheet is global to the JavaFX
 * runtime: the app has one main window at a time, and the switcher that changed the theme last wins. New windows are caught through
 * {@link Window#getWindows()}, so dialogs built anywhere follow the theme without knowing about it. Popups (menus,
 * tooltips, combo lists) are left alone: JavaFX gives them their root window's stylesheets each time they show.
 *
 * <p>Not a singleton: the main window owns one and closes it when it is disposed. FX thread only.
 */
public final class ThemeSwitcher implements AutoCloseable {
    /** The app's stylesheet: written against the palette's looked-up colours, so it serves both themes. */
    public static final String APP_CSS = Objects.requireNonNull(
            ThemeSwitcher.class.getResource("/org/odpsexplorer/app/app.css"), "app.css missing").toExternalForm();

    private final Window home;
    private final ReadOnlyObjectWrapper<Theme> theme;
    private final ListChangeListener<Window> windowsShown = change -> {
        while (change.next()) {
            change.getAddedSubList().forEach(this::styleIfOurs);
        }
    };

    /** Starts following {@code home} and the windows it owns; styles those already showing. */
    public ThemeSwitcher(Window home, Theme initial) {
        this.home = Objects.requireNonNull(home, "home == null");
        this.theme = new ReadOnlyObjectWrapper<>(this, "theme", Objects.requireNonNull(initial, "initial == null"));
        theme.addListener((obs, old, now) -> {
            Application.setUserAgentStylesheet(now.userAgentStylesheet());
            List.copyOf(Window.getWindows()).forEach(this::styleIfOurs);
        });
        Application.setUserAgentStylesheet(initial.userAgentStylesheet());
        Window.getWindows().addListener(windowsShown);
        List.copyOf(Window.getWindows()).forEach(this::styleIfOurs);
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public Theme getTheme() {
        return theme.get();
    }

    public void setTheme(Theme value) {
        theme.set(Objects.requireNonNull(value, "value == null"));
    }

    /** Puts the current theme on {@code scene}; safe to call again (nothing is added twice). */
    public void style(Scene scene) {
        Theme current = theme.get();
        List<String> sheets = scene.getStylesheets();
        for (Theme other : Theme.values()) {
            if (other != current) {
                sheets.remove(other.stylesheet());
            }
        }
        if (!sheets.contains(current.stylesheet())) {
            sheets.add(0, current.stylesheet());
        }
        if (!sheets.contains(APP_CSS)) {
            sheets.add(APP_CSS);
        }
        Parent root = scene.getRoot();
        if (root != null) {
            for (Theme other : Theme.values()) {
                root.getStyleClass().remove(other.styleClass());
            }
            root.getStyleClass().add(current.styleClass());
        }
    }

    private void styleIfOurs(Window window) {
        Scene scene = window.getScene();
        if (scene != null && !(window instanceof PopupWindow) && ownedByHome(window)) {
            style(scene);
        }
    }

    private boolean ownedByHome(Window window) {
        for (@Nullable Window w = window; w != null; w = w instanceof Stage s ? s.getOwner() : null) {
            if (w == home) {
                return true;
            }
        }
        return false;
    }

    /** Stops following new windows; the styles already applied stay. */
    @Override
    public void close() {
        Window.getWindows().removeListener(windowsShown);
    }
}
