package org.odpsexplorer.app.connection;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.odpsexplorer.sdk.ConnectionSettings;
import org.odpsexplorer.sdk.OdpsConfigFile;

/**
 * Builds a connection from what users already have: an {@code odps_config.ini} or the usual environment variables,
 * read by the SDK's own reader ({@link OdpsConfigFile#settings}, {@link ConnectionSettings#fromEnvironment}), so the
 * app and the SDK accept the same keys and names. The region is the one the source names, else the one the endpoint
 * names, so the dialog shows what the client will sign with. Pure; the caller reads the file.
 */
public final class ConnectionImport {
    /** A profile and its secret, ready to review in the dialog. */
    public record Imported(ConnectionProfile profile, Secret secret) {
    }

    private ConnectionImport() {
    }

    /** Parses an odps_config.ini; only {@code end_point} is required, the rest can be filled in the dialog. */
    public static Imported fromConfigIni(String text, String name) throws IOException {
        ConnectionSettings s = OdpsConfigFile.settings(text);
        if (s.endpoint() == null) {
            throw new IOException(name + " has no end_point");
        }
        return imported(s, name);
    }

    /** A connection from the environment; empty unless the endpoint and the access key id are set. */
    public static Optional<Imported> fromEnvironment(Map<String, String> env) {
        ConnectionSettings s = ConnectionSettings.fromEnvironment(env);
        if (s.endpoint() == null || s.accessId() == null) {
            return Optional.empty();
        }
        return Optional.of(imported(s, "From environment"));
    }

    private static Imported imported(ConnectionSettings s, String name) {
        String project = s.project();
        String accessId = s.accessId();
        String accessKey = s.accessKey();
        ConnectionProfile profile = new ConnectionProfile(UUID.randomUUID().toString(), name, false,
                s.endpoint() == null ? "" : s.endpoint(), s.tunnelEndpoint(),
                project == null ? List.of() : List.of(project), accessId == null ? "" : accessId,
                s.stsToken() != null, s.effectiveRegion());
        return new Imported(profile, new Secret(accessKey == null ? "" : accessKey, s.stsToken()));
    }
}
