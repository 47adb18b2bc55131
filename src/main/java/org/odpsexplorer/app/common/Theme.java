package org.odpsexplorer.app.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import java.util.Objects;

/**
 * The two looks of the app. Each is an AtlantaFX Primer theme (its user-agent stylesheet styles every control and
 * defines the looked-up colours {@code -color-fg-default}, {@code -color-bg-subtle} ...) plus a small palette
 * stylesheet of the colours AtlantaFX lacks ({@code -code-*} syntax colours, {@code -hex-*} canvas colours), so
 * {@code app.css} is one stylesheet for both themes.
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

    /** AtlantaFX's user-agent stylesheet for this theme, for {@code Application.setUserAgentStylesheet}. */
    public String userAgentStylesheet() {
        return switch (this) {
            case LIGHT -> new PrimerLight().getUserAgentStylesheet();
            case DARK -> new PrimerDark().getUserAgentStylesheet();
        };
    }

    /** Parses {@link #id()} case-insensitively; anything else (a hand-edited file) is the light theme. */
    public static Theme parse(String value) {
        return value.trim().toLowerCase(Locale.ROOT).equals(DARK.id) ? DARK : LIGHT;
    }
}
