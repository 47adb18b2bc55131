package org.odpsexplorer.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads an odpscmd/PyODPS {@code odps_config.ini}, the one parser of it (the app's import uses it too):
 * {@code key=value} lines split at the first {@code =}, key and value stripped, nothing unescaped (a backslash in a
 * value stays a backslash); blank lines, {@code #} and {@code ;} comments and {@code [section]} headers are skipped.
 * Keys: {@code end_point} (or {@code endpoint}, {@code odps_endpoint}), {@code project_name} (or {@code project}),
 * {@code access_id} (or {@code accessid}), {@code access_key} (or {@code accesskey}, {@code secret_access_key}),
 * optional {@code sts_token} (or {@code security_token}), {@code tunnel_endpoint} and {@code region} (or
 * {@code region_name}); others are ignored.
 */
public final class OdpsConfigFile {
    private static final List<String> NAMES = List.of("end_point", "project_name", "access_id", "access_key");

    private OdpsConfigFile() {
    }

    /**
     * A builder filled from the file; add settings and call {@link Odps.Builder#build()}. Without a {@code region}
     * key the builder infers it from the endpoint.
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException naming the missing keys (never printing secret values)
     */
    public static Odps.Builder read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ODPS config file " + file, e);
        }
        return parse(text, file.toString());
    }

    /** Like {@link #read(Path)} for text already loaded; {@code source} names it in messages. */
    public static Odps.Builder parse(String text, String source) {
        ConnectionSettings settings = settings(text);
        List<String> missing = settings.missing(NAMES);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("ODPS config " + source + " lacks " + String.join(", ", missing));
        }
        return settings.toBuilder();
    }

    /** Every setting the text holds, nothing required: for callers that fill the gaps themselves (the app). */
    public static ConnectionSettings settings(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("[")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            values.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
        }
        return new ConnectionSettings(first(values, "end_point", "endpoint", "odps_endpoint"),
                first(values, "project_name", "project"),
                first(values, "access_id", "accessid"),
                first(values, "access_key", "accesskey", "secret_access_key"),
                first(values, "sts_token", "security_token"),
                first(values, "tunnel_endpoint"),
                first(values, "region", "region_name"));
    }

    private static @Nullable String first(Map<String, String> values, String... keys) {
        for (String key : keys) {
            String v = values.get(key);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
