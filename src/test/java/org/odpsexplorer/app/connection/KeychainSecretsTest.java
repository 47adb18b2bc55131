package org.odpsexplorer.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection secrets in the keychain (a fake one, through our {@link Keychain} seam) or the owner-only file: where they
 * land, how they move between the two, what a locked or refusing keychain does, and that no secret leaks.
 */
class KeychainSecretsTest {
    private static final String KEY = "Sk-very\\secret=value";
    private static final String TOKEN = "sts-token-VALUE-42";

    @TempDir
    Path dir;
    private final FakeKeychain keychain = new FakeKeychain();

    private ConnectionStore withKeychain() {
        return new ConnectionStore(dir, () -> keychain);
    }

    private ConnectionStore withoutKeychain() {
        return new ConnectionStore(dir, Keychain.Opener.none("no OS keychain found (No available keyring backend found)"));
    }

    private String secretsFileText() throws Exception {
        return Files.readString(dir.resolve("secrets.properties"), StandardCharsets.UTF_8);
    }

    @Test
    void withAKeychainTheSecretLivesOnlyThereAndTheDialogLineSaysSo() throws Exception {
        ConnectionStore store = withKeychain();
        store.saveSecret("c1", new Secret(KEY, TOKEN));
        assertThat(store.secret("c1")).contains(new Secret(KEY, TOKEN));
        assertThat(keychain.holds("Sk-very")).isTrue();
        assertThat(keychain.holds(TOKEN)).isTrue();
        assertThat(secretsFileText()).doesNotContain("Sk-very").doesNotContain(TOKEN);
        SecretStorage where = store.secretStorage();
        assertThat(where.keychain()).isTrue();
        assertThat(where.describe()).isEqualTo("Secrets are kept in the fake keychain.");
        // the next start reads it back from the keychain
        assertThat(withKeychain().secret("c1")).contains(new Secret(KEY, TOKEN));
    }

    @Test
    void withoutAKeychainSecretsGoToTheOwnerOnlyFileWithAOneLineNotice() throws Exception {
        ConnectionStore store = withoutKeychain();
        store.saveSecret("c1", new Secret(KEY, null));
        assertThat(store.secret("c1")).contains(new Secret(KEY, null));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.secretsFile())))
                .isEqualTo("rw-------");
        SecretStorage where = store.secretStorage();
        assertThat(where.keychain()).isFalse();
        assertThat(where.describe()).isEqualTo("Secrets are kept in the owner-only file " + store.secretsFile()
                + ": no OS keychain found (No available keyring backend found).").doesNotContain("\n");
    }

    @Test
    void fileSecretsMoveIntoTheKeychainOnceOneIsThere() throws Exception {
        ConnectionStore fileOnly = withoutKeychain();
        fileOnly.saveSecret("c1", new Secret(KEY, null));
        fileOnly.saveSecret("c2", new Secret("second-key", TOKEN));
        assertThat(secretsFileText()).contains("second-key");

        ConnectionStore store = withKeychain();
        assertThat(store.secretStorage().keychain()).isTrue();
        assertThat(secretsFileText()).doesNotContain("Sk-very").doesNotContain("second-key").doesNotContain(TOKEN);
        assertThat(keychain.entries).hasSize(2);
        assertThat(store.secret("c1")).contains(new Secret(KEY, null));
        assertThat(store.secret("c2")).contains(new Secret("second-key", TOKEN));
    }

    @Test
    void aKeychainThatRefusesAWriteLeavesTheSecretInTheFileUntilItTakesIt() throws Exception {
        keychain.refusesWrites = true;
        ConnectionStore store = withKeychain();
        store.saveSecret("c1", new Secret(KEY, null));
        assertThat(store.secret("c1")).contains(new Secret(KEY, null));
        assertThat(keychain.entries).isEmpty();
        assertThat(store.secretStorage().notice()).contains("owner-only file").contains("dismissed the prompt");

        keychain.refusesWrites = false;
        ConnectionStore later = withKeychain();
        assertThat(later.secret("c1")).contains(new Secret(KEY, null));
        assertThat(keychain.holds("Sk-very")).isTrue();
        assertThat(secretsFileText()).doesNotContain("Sk-very");
    }

    @Test
    void aLockedOrMissingKeychainGivesAClearErrorAndLosesNothing() throws Exception {
        withKeychain().saveSecret("c1", new Secret(KEY, TOKEN));

        keychain.locked = true;
        assertThatThrownBy(() -> withKeychain().secret("c1")).isInstanceOf(KeychainException.class)
                .hasMessageContaining("the fake keychain did not give the secret").hasMessageContaining("unlock it");
        assertThatThrownBy(() -> withoutKeychain().secret("c1")).isInstanceOf(KeychainException.class)
                .hasMessageContaining("cannot be used now (no OS keychain found")
                .hasMessageContaining("enter the secret again");

        keychain.locked = false;
        assertThat(withKeychain().secret("c1")).contains(new Secret(KEY, TOKEN));
    }

    @Test
    void aSecretTypedAgainWithoutTheKeychainGoesToTheFile() throws Exception {
        withKeychain().saveSecret("c1", new Secret(KEY, null));
        ConnectionStore fileOnly = withoutKeychain();
        fileOnly.saveSecret("c1", new Secret("typed-again", null));
        assertThat(fileOnly.secret("c1")).contains(new Secret("typed-again", null));
    }

    @Test
    void removingASecretRemovesItFromKeychainAndFile() throws Exception {
        ConnectionStore store = withKeychain();
        store.saveSecret("c1", new Secret(KEY, TOKEN));
        store.removeSecret("c1");
        assertThat(store.secret("c1")).isEmpty();
        assertThat(keychain.entries).isEmpty();
        assertThat(secretsFileText()).doesNotContain("c1");
    }

    @Test
    void noSecretAppearsInLogsOrExceptionMessages() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        List<Throwable> thrown = new ArrayList<>();
        try {
            // fallback without keychain, a refused write, a locked read, a removal the keychain refuses
            withoutKeychain().saveSecret("c0", new Secret(KEY, TOKEN));
            keychain.refusesWrites = true;
            withKeychain().saveSecret("c1", new Secret(KEY, TOKEN));
            keychain.refusesWrites = false;
            withKeychain().saveSecret("c2", new Secret(KEY, TOKEN));
            keychain.locked = true;
            ConnectionStore locked = withKeychain();
            ConnectionProfile profile = new ConnectionProfile("c2", "Prod", false, "http://127.0.0.1:1/api", null,
                    List.of("p1"), "AKID", true);
            try (Sessions sessions = new Sessions(locked)) {
                sessions.client(profile, "p1");
            } catch (KeychainException e) {
                thrown.add(e);
            }
            locked.removeSecret("c2");
            keychain.locked = false;
            // an entry that is not ours: the parser's message would quote it
            keychain.entries.put(Keychain.account("c3"), "{not json " + KEY);
            Files.writeString(dir.resolve("secrets.properties"), secretsFileText() + "\nc3.inKeychain=true\n");
            try {
                withKeychain().secret("c3");
            } catch (KeychainException e) {
                thrown.add(e);
            }
        } finally {
            System.setErr(err);
        }
        assertThat(thrown).hasSize(2);
        assertThat(thrown.get(0)).hasMessageStartingWith("Connection 'Prod': the fake keychain did not give");
        // SLF4J's simple logger writes to the standard error stream
        String logged = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("owner-only file");
        List<String> everything = new ArrayList<>();
        everything.add(logged);
        for (Throwable t : thrown) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                everything.add(String.valueOf(c.getMessage()));
                everything.add(c.toString());
            }
        }
        assertThat(everything).noneSatisfy(text -> assertThat(text).containsAnyOf("Sk-very", TOKEN));
    }
}
