package org.odpsexplorer.app.connection;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Builds a connection from what users already have: an {@code odps_config.ini} (the odpscmd / PyODPS format:
 * {@code project_name}, {@code access_id}, {@code access_key}, {@code end_point}, {@code tunnel_endpoint}) or the
 * usual environment variables. Pure; the caller reads the file.
 */
public final class ConnectionImport {
    /** A profile and its secret, ready to review in the dialog. */
    public record Imported(ConnectionProfile profile, Secret secret) {
    }

    private ConnectionImport() {
    }

    /** Parses an odps_config.ini; {@code [section]} lines are ignored, {@code #}/{@code ;} start comments. */
    public static Imported fromConfigIni(String text, String name) throws IOException {
        Properties p = new Properties();
        StringBuilder filtered = new StringBuilder();
        for (String line : text.split("\\R")) {
            String t = line.trim();
            if (t.startsWith("[") || t.startsWith(";")) {
                continue;
            }
            filtered.append(line).append('\n');
        }
        p.load(new StringReader(filtered.toString()));
        String endpoint = first(p, "end_point", "endpoint", "odps_endpoint");
        if (endpoint == null) {
            throw new IOException("odps_config.ini has no end_point");
        }
        String project = first(p, "project_name", "project");
        String accessId = first(p, "access_id", "accessid");
        String accessKey = first(p, "access_key", "accesskey", "secret_access_key");
        String token = first(p, "sts_token", "security_token");
        ConnectionProfile profile = new ConnectionProfile(UUID.randomUUID().toString(), name, false, endpoint,
                first(p, "tunnel_endpoint"), project == null ? List.of() : List.of(project),
                accessId == null ? "" : accessId, token != null);
        return new Imported(profile, new Secret(accessKey == null ? "" : accessKey, token));
    }

    /**
     * A connection from {@code ODPS_ENDPOINT}, {@code ODPS_PROJECT_NAME}/{@code ODPS_PROJECT},
     * {@code ALIBABA_CLOUD_ACCESS_KEY_ID}/{@code ODPS_ACCESS_ID}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}/{@code
     * ODPS_ACCESS_KEY} and {@code ALIBABA_CLOUD_SECURITY_TOKEN}; empty unless endpoint and key id are set.
     */
    public static Optional<Imported> fromEnvironment(Map<String, String> env) {
        String endpoint = firstEnv(env, "ODPS_ENDPOINT");
        String accessId = firstEnv(env, "ALIBABA_CLOUD_ACCESS_KEY_ID", "ODPS_ACCESS_ID");
        if (endpoint == null || accessId == null) {
            return Optional.empty();
        }
        String project = firstEnv(env, "ODPS_PROJECT_NAME", "ODPS_PROJECT");
        String key = firstEnv(env, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ODPS_ACCESS_KEY", "ODPS_ACCESS_SECRET");
        String token = firstEnv(env, "ALIBABA_CLOUD_SECURITY_TOKEN");
        ConnectionProfile profile = new ConnectionProfile(UUID.randomUUID().toString(), "From environment", false,
                endpoint, firstEnv(env, "ODPS_TUNNEL_ENDPOINT"), project == null ? List.of() : List.of(project),
                accessId, token != null);
        return Optional.of(new Imported(profile, new Secret(key == null ? "" : key, token)));
    }

    private static @org.jspecify.annotations.Nullable String first(Properties p, String... keys) {
        for (String k : keys) {
            String v = p.getProperty(k);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static @org.jspecify.annotations.Nullable String firstEnv(Map<String, String> env, String... keys) {
        for (String k : keys) {
            String v = env.get(k);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
