package org.odpsexplorer.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a connection is made of, as read from an {@code odps_config.ini} ({@link OdpsConfigFile#settings}) or the
 * environment ({@link #fromEnvironment}): the one reader of each, shared by {@link Odps.Builder} users and the app.
 * Any part may be missing (null); blank values are null, others are stripped. {@link #toString} never shows the
 * secret or the token.
 *
 * @param region the region written in the source, null when none (then {@link #effectiveRegion()} infers it)
 */
public record ConnectionSettings(@Nullable String endpoint, @Nullable String project, @Nullable String accessId,
                                 @Nullable String accessKey, @Nullable String stsToken,
                                 @Nullable String tunnelEndpoint, @Nullable String region) {
    /** Access key id variables, first set one wins (the Alibaba Cloud name, then the odpscmd one). */
    static final List<String> ENV_ACCESS_ID = List.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "ODPS_ACCESS_ID");
    static final List<String> ENV_ACCESS_KEY = List.of("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ODPS_ACCESS_KEY",
            "ODPS_ACCESS_SECRET");
    static final List<String> ENV_TOKEN = List.of("ALIBABA_CLOUD_SECURITY_TOKEN");
    static final List<String> ENV_ENDPOINT = List.of("ODPS_ENDPOINT");
    /** PyODPS reads {@code ODPS_PROJECT_NAME}; {@code ODPS_PROJECT} is this SDK's older name. */
    static final List<String> ENV_PROJECT = List.of("ODPS_PROJECT_NAME", "ODPS_PROJECT");
    static final List<String> ENV_REGION = List.of("ODPS_REGION_NAME");
    static final List<String> ENV_TUNNEL = List.of("ODPS_TUNNEL_ENDPOINT");

    public ConnectionSettings {
        endpoint = clean(endpoint);
        project = clean(project);
        accessId = clean(accessId);
        accessKey = clean(accessKey);
        stsToken = clean(stsToken);
        tunnelEndpoint = clean(tunnelEndpoint);
        region = clean(region);
    }

    /**
     * Reads {@code ALIBABA_CLOUD_ACCESS_KEY_ID} (or {@code ODPS_ACCESS_ID}), {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}
     * (or {@code ODPS_ACCESS_KEY}, {@code ODPS_ACCESS_SECRET}), {@code ALIBABA_CLOUD_SECURITY_TOKEN},
     * {@code ODPS_ENDPOINT}, {@code ODPS_PROJECT_NAME} (or {@code ODPS_PROJECT}), {@code ODPS_REGION_NAME} and
     * {@code ODPS_TUNNEL_ENDPOINT}. Missing ones are null; nothing is checked here.
     */
    public static ConnectionSettings fromEnvironment(Map<String, String> env) {
        return new ConnectionSettings(first(env, ENV_ENDPOINT), first(env, ENV_PROJECT), first(env, ENV_ACCESS_ID),
                first(env, ENV_ACCESS_KEY), first(env, ENV_TOKEN), first(env, ENV_TUNNEL), first(env, ENV_REGION));
    }

    /** The region to sign V4 with: the one written in the source, else the one the endpoint names, else null (V2). */
    public @Nullable String effectiveRegion() {
        return region != null ? region : Regions.fromEndpoint(endpoint);
    }

    /**
     * The names (from {@code names}: how the source calls endpoint, project, access id and access key, in that
     * order) of the required parts that are missing; empty when {@link #toBuilder()} can be called.
     */
    List<String> missing(List<String> names) {
        List<String> out = new ArrayList<>();
        String[] values = {endpoint, project, accessId, accessKey};
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                out.add(names.get(i));
            }
        }
        return out;
    }

    /**
     * A builder with endpoint, project, credentials (STS when a token is present), tunnel endpoint and region set.
     *
     * @throws IllegalStateException when endpoint, project, access id or access key is missing (names, no values)
     */
    public Odps.Builder toBuilder() {
        String e = endpoint;
        String p = project;
        String id = accessId;
        String key = accessKey;
        if (e == null || p == null || id == null || key == null) {
            throw new IllegalStateException("connection settings lack "
                    + String.join(", ", missing(List.of("endpoint", "project", "access id", "access key"))));
        }
        Odps.Builder builder = Odps.builder().endpoint(e).project(p).tunnelEndpoint(tunnelEndpoint).region(region);
        String token = stsToken;
        if (token != null) {
            builder.stsToken(id, key, token);
        } else {
            builder.accessKey(id, key);
        }
        return builder;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[endpoint=" + endpoint + ", project=" + project + ", accessId=" + accessId
                + ", accessKey=" + (accessKey == null ? "none" : "***")
                + ", stsToken=" + (stsToken == null ? "none" : "***")
                + ", tunnelEndpoint=" + tunnelEndpoint + ", region=" + region + "]";
    }

    private static @Nullable String first(Map<String, String> env, List<String> names) {
        for (String name : names) {
            String v = clean(env.get(name));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static @Nullable String clean(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
