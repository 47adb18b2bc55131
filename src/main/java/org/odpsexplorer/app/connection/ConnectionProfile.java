package org.odpsexplorer.app.connection;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.Regions;

/**
 * A saved connection, without its secret (secrets live in the OS keychain or an owner-only file, see
 * {@link ConnectionStore}).
 *
 * @param id             stable key, also used for the secret and for remembered tabs
 * @param name           label in the tree
 * @param embedded       true for "Local (embedded)": the app starts the emulator and fills in endpoint and keys
 * @param endpoint       REST endpoint, e.g. {@code http://127.0.0.1:8080/api}; ignored when embedded
 * @param tunnelEndpoint optional tunnel endpoint, null when the service tells it
 * @param projects       projects shown under the connection, at least one
 * @param accessId       access key id; the secret part is separate
 * @param sts            true when the secret carries an STS token as well
 * @param region         region to sign V4 with; null: the one the endpoint names ({@link Regions#fromEndpoint}), if any
 */
public record ConnectionProfile(String id, String name, boolean embedded, String endpoint,
                                @Nullable String tunnelEndpoint, List<String> projects, String accessId, boolean sts,
                                @Nullable String region) {
    public ConnectionProfile {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(name, "name == null");
        endpoint = endpoint == null ? "" : endpoint.trim();
        tunnelEndpoint = tunnelEndpoint == null || tunnelEndpoint.isBlank() ? null : tunnelEndpoint.trim();
        projects = projects == null ? List.of() : projects.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
        accessId = accessId == null ? "" : accessId.trim();
        region = region == null || region.isBlank() ? null : region.trim();
    }

    /** A profile without a region of its own (the endpoint's, if it names one, is used). */
    public ConnectionProfile(String id, String name, boolean embedded, String endpoint, @Nullable String tunnelEndpoint,
                             List<String> projects, String accessId, boolean sts) {
        this(id, name, embedded, endpoint, tunnelEndpoint, projects, accessId, sts, null);
    }

    /** The region the client signs V4 with: this profile's, else the endpoint's; null: V2. */
    public @Nullable String signingRegion() {
        return region != null ? region : embedded ? null : Regions.fromEndpoint(endpoint);
    }

    public ConnectionProfile withProjects(List<String> newProjects) {
        return new ConnectionProfile(id, name, embedded, endpoint, tunnelEndpoint, newProjects, accessId, sts, region);
    }

    public ConnectionProfile withName(String newName) {
        return new ConnectionProfile(id, newName, embedded, endpoint, tunnelEndpoint, projects, accessId, sts, region);
    }
}
