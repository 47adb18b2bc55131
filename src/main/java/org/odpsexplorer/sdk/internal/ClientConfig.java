package org.odpsexplorer.sdk.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.Credentials;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.RetryPolicy;

/**
 * Everything an {@link Odps} client was built with. Immutable.
 *
 * @param endpoint       API base URL with its path, no trailing slash
 * @param userAgent      {@code User-Agent} and {@code x-odps-user-agent} value
 */
public record ClientConfig(String endpoint, String project, Credentials credentials, @Nullable String region,
                           @Nullable String tunnelEndpoint, @Nullable String schema, RetryPolicy retryPolicy,
                           Duration connectTimeout, Duration readTimeout, long spoolThreshold, long partSize,
                           @Nullable Path tempDirectory, String userAgent) {
    public ClientConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(credentials, "credentials");
        String e = endpoint.trim();
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(e);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("endpoint is not a URL: " + endpoint, ex);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http(s) URL with a host: " + endpoint);
        }
        endpoint = e;
        if (project.isBlank()) {
            throw new IllegalArgumentException("project is blank");
        }
    }

    /** The mount path of the endpoint ({@code /api}), empty when the endpoint has none. */
    public String mountPath() {
        String path = URI.create(endpoint).getRawPath();
        return path == null ? "" : path;
    }

    /**
     * Fills a builder from environment variables (see {@link Odps#fromEnvironment()}).
     *
     * @throws IllegalStateException naming every missing variable, never values
     */
    public static Odps.Builder fromEnvironment(Map<String, String> env, Odps.Builder builder) {
        List<String> missing = new ArrayList<>();
        String id = nonBlank(env, "ALIBABA_CLOUD_ACCESS_KEY_ID", missing);
        String secret = nonBlank(env, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", missing);
        String endpoint = nonBlank(env, "ODPS_ENDPOINT", missing);
        String project = nonBlank(env, "ODPS_PROJECT", missing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("environment variables missing or blank: " + String.join(", ", missing));
        }
        String token = env.get("ALIBABA_CLOUD_SECURITY_TOKEN");
        if (token != null && !token.isBlank()) {
            builder.stsToken(id, secret, token);
        } else {
            builder.accessKey(id, secret);
        }
        builder.endpoint(endpoint).project(project);
        String region = env.get("ODPS_REGION_NAME");
        if (region != null && !region.isBlank()) {
            builder.region(region);
        }
        String tunnel = env.get("ODPS_TUNNEL_ENDPOINT");
        if (tunnel != null && !tunnel.isBlank()) {
            builder.tunnelEndpoint(tunnel);
        }
        return builder;
    }

    @SuppressWarnings("NullAway")
    private static String nonBlank(Map<String, String> env, String name, List<String> missing) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            missing.add(name);
            return "";
        }
        return value.trim();
    }
}
