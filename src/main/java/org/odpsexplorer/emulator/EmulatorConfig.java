package org.odpsexplorer.emulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to run an emulator. Build with {@link #builder()}; every field has a default suitable for a local emulator.
 *
 * @param host           address to bind; loopback by default
 * @param port           port to bind; 0 picks a free one
 * @param dataDir        where the SQLite database and content files live; created if missing
 * @param projects       projects created at start (existing ones are kept); {@link #DEFAULT_PROJECT} when none given
 * @param accessKeys     AccessKeyId → secret accepted for V2/V4 signatures; the default pair when none given
 * @param bearerTokens   accepted {@code x-odps-bearer-token} values
 * @param stsTokens      accepted {@code authorization-sts-token} values (a signed request carrying another token is
 *                       refused)
 * @param acceptAll      accept any credentials without verifying them
 * @param clockSkewCheck reject requests whose {@code Date} is more than 15 minutes off
 * @param demo           fill an empty first project with demo resources and a function
 * @param owner          owner of the configured projects; null derives it from the first access id
 */
public record EmulatorConfig(String host, int port, Path dataDir, List<String> projects,
                             Map<String, String> accessKeys, Set<String> bearerTokens, Set<String> stsTokens,
                             boolean acceptAll,
                             boolean clockSkewCheck, boolean demo, @Nullable String owner) {
    /** AccessKeyId accepted when none is configured. */
    public static final String DEFAULT_ACCESS_ID = "odps-explorer";
    /** Secret of {@link #DEFAULT_ACCESS_ID}; printed by {@code serve} so a new user can connect. */
    public static final String DEFAULT_ACCESS_KEY = "odps-explorer-secret";
    /** Project created when none is configured. */
    public static final String DEFAULT_PROJECT = "demo";
    /** Bind address by default: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Port of {@code serve} by default. */
    public static final int DEFAULT_PORT = 8080;

    public EmulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        projects = projects.isEmpty() ? List.of(DEFAULT_PROJECT) : List.copyOf(projects);
        accessKeys = accessKeys.isEmpty() ? Map.of(DEFAULT_ACCESS_ID, DEFAULT_ACCESS_KEY)
                : Collections.unmodifiableMap(new LinkedHashMap<>(accessKeys));
        bearerTokens = Set.copyOf(bearerTokens);
        stsTokens = Set.copyOf(stsTokens);
    }

    /** The owner of the configured projects: the explicit one, else derived from the first access id. */
    public String projectOwner() {
        return owner != null ? owner : "ALIYUN$" + accessKeys.keySet().iterator().next() + "@odps-explorer.local";
    }

    /**
     * The default data directory: {@code $XDG_DATA_HOME/odps-explorer/emulator}, else
     * {@code ~/.local/share/odps-explorer/emulator}.
     */
    public static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("odps-explorer").resolve("emulator");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = 0;
        private @Nullable Path dataDir;
        private final List<String> projects = new ArrayList<>();
        private final Map<String, String> accessKeys = new LinkedHashMap<>();
        private final Set<String> bearerTokens = new LinkedHashSet<>();
        private final Set<String> stsTokens = new LinkedHashSet<>();
        private boolean acceptAll;
        private boolean clockSkewCheck;
        private boolean demo;
        private @Nullable String owner;

        private Builder() {
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** Port to bind; 0 (the builder's default) picks a free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Data directory; defaults to {@link #defaultDataDir()}. */
        public Builder dataDir(Path value) {
            this.dataDir = value;
            return this;
        }

        /** Adds a project to create at start; repeatable. */
        public Builder project(String name) {
            if (!projects.contains(name)) {
                projects.add(name);
            }
            return this;
        }

        /** Adds an accepted AccessKeyId/secret pair; repeatable. */
        public Builder accessKey(String accessId, String secret) {
            accessKeys.put(accessId, secret);
            return this;
        }

        /** Adds an accepted bearer token; repeatable. */
        public Builder bearerToken(String token) {
            bearerTokens.add(token);
            return this;
        }

        /** Adds an accepted STS security token ({@code authorization-sts-token}); repeatable. */
        public Builder stsToken(String token) {
            stsTokens.add(token);
            return this;
        }

        public Builder acceptAll(boolean value) {
            this.acceptAll = value;
            return this;
        }

        /** Checks the 15-minute clock skew window; off by default in the builder, on by default in {@code serve}. */
        public Builder clockSkewCheck(boolean value) {
            this.clockSkewCheck = value;
            return this;
        }

        public Builder demo(boolean value) {
            this.demo = value;
            return this;
        }

        public Builder owner(String value) {
            this.owner = value;
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(host, port, dataDir != null ? dataDir : defaultDataDir(), projects, accessKeys,
                    bearerTokens, stsTokens, acceptAll, clockSkewCheck, demo, owner);
        }
    }
}
