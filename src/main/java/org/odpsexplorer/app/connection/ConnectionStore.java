package org.odpsexplorer.app.connection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.odpsexplorer.app.common.PrivateFiles;

/**
 * Connection profiles in {@code connections.json} and their secrets in {@code secrets.properties} (created
 * rw-------), both in the config directory. Blocking file I/O: call from a worker or during start-up.
 * Secrets are never logged; {@link Secret#toString} redacts them.
 */
public final class ConnectionStore {
    private static final TypeReference<List<ConnectionProfile>> LIST = new TypeReference<>() { };
    private final Path profilesFile;
    private final Path secretsFile;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ConnectionStore(Path configDir) {
        this.profilesFile = configDir.resolve("connections.json");
        this.secretsFile = configDir.resolve("secrets.properties");
    }

    public Path secretsFile() {
        return secretsFile;
    }

    /** The saved profiles, or an empty list on first start. */
    public List<ConnectionProfile> load() throws IOException {
        try {
            return List.copyOf(json.readValue(Files.readAllBytes(profilesFile), LIST));
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    public void save(List<ConnectionProfile> profiles) throws IOException {
        PrivateFiles.write(profilesFile, json.writeValueAsBytes(profiles));
    }

    /** The secret stored for connection {@code id}, if any. */
    public Optional<Secret> secret(String id) throws IOException {
        Properties p = loadSecrets();
        String key = p.getProperty(id + ".accessKey");
        return key == null ? Optional.empty() : Optional.of(new Secret(key, p.getProperty(id + ".stsToken")));
    }

    /** Stores (or with {@code null} removes) the secret of connection {@code id}; the file stays rw-------. */
    public void saveSecret(String id, @org.jspecify.annotations.Nullable Secret secret) throws IOException {
        Properties p = loadSecrets();
        p.remove(id + ".accessKey");
        p.remove(id + ".stsToken");
        if (secret != null) {
            p.setProperty(id + ".accessKey", secret.accessKey());
            if (secret.stsToken() != null) {
                p.setProperty(id + ".stsToken", secret.stsToken());
            }
        }
        StringWriter out = new StringWriter();
        p.store(out, "ODPS Explorer secrets: keep private");
        PrivateFiles.writePrivate(secretsFile, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    public void removeSecret(String id) throws IOException {
        saveSecret(id, null);
    }

    private Properties loadSecrets() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(secretsFile, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            // no secrets saved yet: an empty set is the truth
            return p;
        }
        return p;
    }
}
