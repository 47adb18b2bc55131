package org.odpsexplorer.sdk.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.Credentials;
import org.odpsexplorer.sdk.model.RetryPolicy;

/**
 * Everything a client ({@code Odps}) was built with. Immutable.
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
}
