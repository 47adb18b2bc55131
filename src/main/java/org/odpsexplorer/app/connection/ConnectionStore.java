package org.odpsexplorer.app.connection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection profiles in {@code connections.json} and their secrets: in the OS keychain when one is available (see
 * {@link Keychain}), else in {@code secrets.properties} (created rw-------), both files in the config directory.
 *
 * <p>Moving between the two is automatic: with a keychain at hand, secrets found in the file are moved into it (each
 * written, read back and compared before it leaves the file); a keychain that is missing or refuses a write leaves
 * the secret in the file, says why in {@link #secretStorage()} and logs that one line. The file remembers which
 * connections have their secret in the keychain, so a locked keychain gives a clear error, never a silent "no
 * secret". Blocking I/O (the keychain may ask the user to unlock it): call from a worker or during start-up. Secrets
 * are never logged; {@link Secret#toString} redacts them.
 */
public final class ConnectionStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStore.class);
    private static final TypeReference<List<ConnectionProfile>> LIST = new TypeReference<>() { };
    private static final String ACCESS_KEY = ".accessKey";
    private static final String STS_TOKEN = ".stsToken";
    private static final String IN_KEYCHAIN = ".inKeychain";
    private final Path profilesFile;
    private final Path secretsFile;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Keychain.@Nullable Opener opener;
    private boolean triedKeychain;
    private @Nullable Keychain keychain;
    private @Nullable String notice;

    /** A store that keeps secrets in the owner-only file only. */
    public ConnectionStore(Path configDir) {
        this(configDir, null);
    }

    /**
     * @param keychain opens the OS keychain on first use of a secret ({@link OsKeychain#open}); null: file only
     */
    public ConnectionStore(Path configDir, Keychain.@Nullable Opener keychain) {
        this.profilesFile = configDir.resolve("connections.json");
        this.secretsFile = configDir.resolve("secrets.properties");
        this.opener = keychain;
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

    /** Where secrets go now; opens the keychain (and moves file secrets into it) on first call. */
    public synchronized SecretStorage secretStorage() throws IOException {
        Keychain k = keychain();
        return k != null ? new SecretStorage(true, k.name(), notice)
                : new SecretStorage(false, secretsFile.toString(), notice);
    }

    /**
     * The secret stored for connection {@code id}, if any.
     *
     * @throws KeychainException when the secret is in the keychain and the keychain is missing, locked or refuses;
     *                           the message says what to do, the secret stays where it is
     */
    public synchronized Optional<Secret> secret(String id) throws IOException {
        Keychain k = keychain();
        Properties p = loadSecrets();
        if (p.getProperty(id + IN_KEYCHAIN) != null) {
            if (k == null) {
                throw new KeychainException("the secret is in the OS keychain, which cannot be used now ("
                        + (notice == null ? "no keychain is in use" : notice)
                        + "); enter the secret again under Connections to keep it in the owner-only file", null);
            }
            try {
                return Optional.of(decode(k.get(Keychain.account(id))));
            } catch (KeychainException e) {
                throw new KeychainException(k.name() + " did not give the secret (" + e.getMessage() + "); unlock it "
                        + "and try again, or enter the secret again under Connections", e);
            }
        }
        String key = p.getProperty(id + ACCESS_KEY);
        if (key == null) {
            return Optional.empty();
        }
        Secret secret = new Secret(key, p.getProperty(id + STS_TOKEN));
        if (k != null && moveToKeychain(k, p, id, secret)) {
            writeSecrets(p);
        }
        return Optional.of(secret);
    }

    /**
     * Stores (or with {@code null} removes) the secret of connection {@code id}: in the keychain if there is one and
     * it takes it, else in the owner-only file. Never loses the secret: a keychain failure leaves it in the file.
     */
    public synchronized void saveSecret(String id, @Nullable Secret secret) throws IOException {
        Keychain k = keychain();
        Properties p = loadSecrets();
        boolean wasInKeychain = p.remove(id + IN_KEYCHAIN) != null;
        p.remove(id + ACCESS_KEY);
        p.remove(id + STS_TOKEN);
        if (secret != null) {
            if (k == null || !moveToKeychain(k, p, id, secret)) {
                putInFile(p, id, secret);
            }
        } else if (wasInKeychain && k != null) {
            try {
                k.delete(Keychain.account(id));
            } catch (KeychainException e) {
                // the entry stays in the keychain, unused; nothing else depends on it
                LOG.info("could not delete a connection secret from the keychain: {}", e.getMessage());
            }
        }
        writeSecrets(p);
    }

    public void removeSecret(String id) throws IOException {
        saveSecret(id, null);
    }

    /** Releases the keychain connection. */
    @Override
    public synchronized void close() {
        Keychain k = keychain;
        keychain = null;
        if (k != null) {
            k.close();
        }
    }

    /** The keychain, opened on first call (and file secrets moved into it); null when there is none. */
    private @Nullable Keychain keychain() throws IOException {
        if (triedKeychain || opener == null) {
            return keychain;
        }
        triedKeychain = true;
        Keychain k;
        try {
            k = opener.open();
        } catch (KeychainException e) {
            notice = e.getMessage();
            LOG.info("connection secrets stay in the owner-only file {}: {}", secretsFile, notice);
            return null;
        }
        keychain = k;
        Properties p = loadSecrets();
        boolean moved = false;
        for (String name : p.stringPropertyNames()) {
            if (name.endsWith(ACCESS_KEY)) {
                String id = name.substring(0, name.length() - ACCESS_KEY.length());
                moved |= moveToKeychain(k, p, id, new Secret(p.getProperty(name), p.getProperty(id + STS_TOKEN)));
            }
        }
        if (moved) {
            writeSecrets(p);
        }
        return k;
    }

    /**
     * Writes {@code secret} to the keychain, reads it back and, when equal, marks it in {@code p} (and drops it from
     * the file's entries). False, with the reason kept as the notice, when the keychain refused.
     */
    private boolean moveToKeychain(Keychain k, Properties p, String id, Secret secret) {
        String account = Keychain.account(id);
        try {
            String encoded = encode(secret);
            k.put(account, encoded);
            if (!encoded.equals(k.get(account))) {
                throw new KeychainException(k.name() + " did not give back what was stored", null);
            }
        } catch (KeychainException e) {
            notice = "a secret stays in the owner-only file " + secretsFile + " because " + e.getMessage();
            LOG.info("connection secret kept in the owner-only file {}: {}", secretsFile, e.getMessage());
            return false;
        }
        p.remove(id + ACCESS_KEY);
        p.remove(id + STS_TOKEN);
        p.setProperty(id + IN_KEYCHAIN, "true");
        return true;
    }

    private static void putInFile(Properties p, String id, Secret secret) {
        p.setProperty(id + ACCESS_KEY, secret.accessKey());
        if (secret.stsToken() != null) {
            p.setProperty(id + STS_TOKEN, secret.stsToken());
        }
    }

    private String encode(Secret secret) throws KeychainException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("accessKey", secret.accessKey());
        if (secret.stsToken() != null) {
            fields.put("stsToken", secret.stsToken());
        }
        try {
            return json.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(fields);
        } catch (IOException e) {
            throw new KeychainException("the secret could not be encoded", null); // no cause: it would hold the value
        }
    }

    private Secret decode(String stored) throws KeychainException {
        try {
            JsonNode node = json.readTree(stored);
            JsonNode key = node == null ? null : node.get("accessKey");
            if (key == null || !key.isTextual()) {
                throw new KeychainException("the keychain entry is not an ODPS Explorer secret", null);
            }
            JsonNode token = node.get("stsToken");
            return new Secret(key.asText(), token == null || token.isNull() ? null : token.asText());
        } catch (IOException e) {
            // no cause: a parser's message may quote the text, which is the secret
            throw new KeychainException("the keychain entry is not an ODPS Explorer secret", null);
        }
    }

    private void writeSecrets(Properties p) throws IOException {
        StringWriter out = new StringWriter();
        p.store(out, "ODPS Explorer secrets: keep private");
        PrivateFiles.writePrivate(secretsFile, out.toString().getBytes(StandardCharsets.UTF_8));
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
