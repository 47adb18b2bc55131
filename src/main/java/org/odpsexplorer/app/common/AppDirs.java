package org.odpsexplorer.app.common;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the app keeps its files: {@code config} (settings, connection profiles, secrets) and {@code data} (the
 * embedded emulator's store). Tests pass directories under a {@code @TempDir} so they never touch the real home.
 */
public record AppDirs(Path config, Path data) {
    private static final String APP = "odps-explorer";

    public AppDirs {
        Objects.requireNonNull(config, "config == null");
        Objects.requireNonNull(data, "data == null");
    }

    /** The XDG locations: {@code $XDG_CONFIG_HOME} or {@code ~/.config}, {@code $XDG_DATA_HOME} or {@code ~/.local/share}. */
    public static AppDirs fromEnvironment(Map<String, String> env, Path home) {
        Path config = xdg(env.get("XDG_CONFIG_HOME"), home.resolve(".config"));
        Path data = xdg(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share"));
        return new AppDirs(config.resolve(APP), data.resolve(APP));
    }

    /** Directory of the embedded emulator's data. */
    public Path emulatorData() {
        return data.resolve("emulator");
    }

    private static Path xdg(@Nullable String value, Path fallback) {
        // the XDG spec says relative values are invalid and must be ignored
        if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
            return fallback;
        }
        return Path.of(value);
    }
}
