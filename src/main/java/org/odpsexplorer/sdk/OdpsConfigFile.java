package org.odpsexplorer.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an odpscmd/PyODPS {@code odps_config.ini}: {@code key=value} lines ({@code #} comments, optional
 * {@code [section]} headers ignored) with {@code project_name}, {@code access_id}, {@code access_key},
 * {@code end_point}, optional {@code tunnel_endpoint}, {@code sts_token} and {@code region}.
 */
public final class OdpsConfigFile {
    private OdpsConfigFile() {
    }

    /**
     * A builder filled from the file; add settings and call {@link Odps.Builder#build()}.
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
            values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        List<String> missing = new ArrayList<>();
        for (String key : new String[] {"project_name", "access_id", "access_key", "end_point"}) {
            if (values.getOrDefault(key, "").isEmpty()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("ODPS config " + source + " lacks " + String.join(", ", missing));
        }
        Odps.Builder builder = Odps.builder().endpoint(values.get("end_point")).project(values.get("project_name"));
        String token = values.getOrDefault("sts_token", "");
        if (!token.isEmpty()) {
            builder.stsToken(values.get("access_id"), values.get("access_key"), token);
        } else {
            builder.accessKey(values.get("access_id"), values.get("access_key"));
        }
        String tunnel = values.getOrDefault("tunnel_endpoint", "");
        if (!tunnel.isEmpty()) {
            builder.tunnelEndpoint(tunnel);
        }
        String region = values.getOrDefault("region", values.getOrDefault("region_name", ""));
        if (!region.isEmpty()) {
            builder.region(region);
        }
        return builder;
    }
}
