package org.odpsexplorer.app.common;

import java.util.Locale;
import java.util.Objects;

/**
 * The two looks of the app. Each is a small palette stylesheet that sets the looked-up colours every other stylesheet
 * uses ({@code -color-fg-default}, {@code -color-bg-subtle}, {@code -code-keyword} ...; the names follow AtlantaFX's
 * Primer themes) and tunes Modena's base colours, so {@code app.css} is one stylesheet for both themes.
 */
public enum Theme {
    LIGHT("light"),
    DARK("dark");

    private final String id;

    Theme(String id) {
        this.id = id;
    }

    /** The name used in settings files and on the command line ({@code light}, {@code dark}). */
    public String id() {
        return id;
    }

    /** Style class the theme puts on every scene root it styles, for rules that differ by more than colour. */
    public String styleClass() {
        return "theme-" + id;
    }

    /** External form of the palette stylesheet, for {@code Scene.getStylesheets()}. */
    public String stylesheet() {
        return Objects.requireNonNull(Theme.class.getResource("/org/odpsexplorer/app/theme-" + id + ".css"),
                "palette stylesheet missing for " + id).toExternalForm();
    }

    /** Parses {@link #id()} case-insensitively; anything else (a hand-edited file) is the light theme. */
    public static Theme parse(String value) {
        return value.trim().toLowerCase(Locale.ROOT).equals(DARK.id) ? DARK : LIGHT;
    }
}
