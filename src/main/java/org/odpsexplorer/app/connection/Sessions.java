package org.odpsexplorer.app.connection;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.Odps;

/**
 * One SDK client per (connection, project), built on first use and reused. Thread-safe; {@link #client} reads the
 * secret file on first use, so call it on a worker. Owned by the app context, which closes it.
 */
public final class Sessions implements AutoCloseable {
    private final ConnectionStore store;
    private final Map<String, Odps> clients = new ConcurrentHashMap<>();
    private volatile @Nullable String embeddedUrl;

    public Sessions(ConnectionStore store) {
        this.store = store;
    }

    /** Tells where the embedded emulator listens, once it has started. */
    public void setEmbeddedUrl(String url) {
        this.embeddedUrl = url;
    }

    public @Nullable String embeddedUrl() {
        return embeddedUrl;
    }

    /** The client for {@code project} of {@code profile}; blocking on first use (reads secrets). */
    public Odps client(ConnectionProfile profile, String project) throws IOException {
        String key = profile.id() + "\u0000" + project;
        Odps existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        Odps created = build(profile, project, null);
        Odps raced = clients.putIfAbsent(key, created);
        if (raced != null) {
            created.close();
            return raced;
        }
        return created;
    }

    /** A throw-away client for "Test connection": {@code secret} as typed in the dialog; the caller closes it. */
    public Odps testClient(ConnectionProfile profile, String project, Secret secret) throws IOException {
        return build(profile, project, secret);
    }

    /** Forgets the clients of {@code profileId} (after an edit or removal). */
    public void forget(String profileId) {
        clients.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(profileId + "\u0000")) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    private Odps build(ConnectionProfile profile, String project, @Nullable Secret typed) throws IOException {
        String endpoint;
        Secret secret;
        if (profile.embedded()) {
            endpoint = Objects.requireNonNull(embeddedUrl, "the embedded emulator has not started yet");
            secret = EmbeddedEmulator.secret();
        } else {
            endpoint = profile.endpoint();
            secret = typed != null ? typed : storedSecret(profile);
        }
        Odps.Builder b = Odps.builder().endpoint(endpoint).project(project)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(60))
                .tunnelEndpoint(profile.tunnelEndpoint()).region(profile.embedded() ? null : profile.region());
        if (profile.sts() && secret.stsToken() != null) {
            b.stsToken(profile.accessId(), secret.accessKey(), secret.stsToken());
        } else {
            b.accessKey(profile.accessId(), secret.accessKey());
        }
        return b.build();
    }

    private Secret storedSecret(ConnectionProfile profile) throws IOException {
        try {
            return store.secret(profile.id())
                    .orElseThrow(() -> new IOException("no secret saved for connection '" + profile.name() + "'"));
        } catch (KeychainException e) {
            throw new KeychainException("Connection '" + profile.name() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        clients.values().forEach(Odps::close);
        clients.clear();
    }
}
