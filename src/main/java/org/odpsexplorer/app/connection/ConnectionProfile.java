package org.odpsexplorer.app.connection;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A saved connection, without its secret (secrets live in a separate owner-only file, see {@link ConnectionStore}).
 *
 * @param id             stable key, also used for the secret and for remembered tabs
 * @param name           label in the tree
 * @param embedded       true for "Local (embedded)": the app starts the emulator and fills in endpoint and keys
 * @param endpoint       REST endpoint, e.g. {@code http://127.0.0.1:8080/api}; ignored when embedded
 * @param tunnelEndpoint optional tunnel endpoint, null when the service tells it
 * @param projects       projects shown under the connection, at least one
 * @param accessId       access key id; the secret part is separate
 * @param sts            true when the secret carries an STS token as well
 */
public record ConnectionProfile(String id, String name, boolean embedded, String endpoint,
                                @Nullable String tunnelEndpoint, List<String> projects, String accessId, boolean sts) {
    public ConnectionProfile {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(name, "name == null");
        endpoint = endpoint == null ? "" : endpoint.trim();
        tunnelEndpoint = tunnelEndpoint == null || tunnelEndpoint.isBlank() ? null : tunnelEndpoint.trim();
        projects = projects == null ? List.of() : projects.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
        accessId = accessId == null ? "" : accessId.trim();
    }

    public ConnectionProfile withProjects(List<String> newProjects) {
        return new ConnectionProfile(id, name, embedded, endpoint, tunnelEndpoint, newProjects, accessId, sts);
    }

    public ConnectionProfile withName(String newName) {
        return new ConnectionProfile(id, newName, embedded, endpoint, tunnelEndpoint, projects, accessId, sts);
    }
}
