package org.odpsexplorer.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real java-keyring bridge. Without a session bus (CI, a server) opening it must fail with a reason, quickly; with
 * {@code ODPS_EXPLORER_REAL_KEYCHAIN_TEST=1} in a session whose keychain is unlocked (e.g. {@code dbus-run-session}
 * with {@code gnome-keyring-daemon --unlock}) it stores, reads and deletes a throw-away entry. Never runs against a
 * desktop keychain unless asked to.
 */
class OsKeychainTest {
    @TempDir
    Path dir;

    @Test
    void withoutASessionBusOpeningSaysWhyAndTheStoreFallsBackToTheFile() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getenv("DBUS_SESSION_BUS_ADDRESS") == null, "a session bus is present");
        assertThatThrownBy(OsKeychain::open).isInstanceOf(KeychainException.class)
                .hasMessageStartingWith("no OS keychain found");
        ConnectionStore store = new ConnectionStore(dir, OsKeychain::open);
        store.saveSecret("c1", new Secret("file-secret", null));
        assertThat(store.secret("c1")).contains(new Secret("file-secret", null));
        assertThat(store.secretStorage().describe()).startsWith("Secrets are kept in the owner-only file ")
                .contains("no OS keychain found");
        store.close();
    }

    @Test
    void aRealUnlockedKeychainStoresReadsAndDeletes() throws Exception {
        assumeTrue("1".equals(System.getenv("ODPS_EXPLORER_REAL_KEYCHAIN_TEST")),
                "set ODPS_EXPLORER_REAL_KEYCHAIN_TEST=1 in a throw-away keychain session");
        String secret = "k\\e\"y=中文-" + UUID.randomUUID();
        ConnectionStore store = new ConnectionStore(dir, OsKeychain::open);
        try {
            assertThat(store.secretStorage().keychain()).isTrue();
            store.saveSecret("real-test", new Secret(secret, "token-" + secret));
            assertThat(Files.readString(store.secretsFile())).doesNotContain(secret);
            assertThat(store.secret("real-test")).contains(new Secret(secret, "token-" + secret));
            assertThat(new ConnectionStore(dir, OsKeychain::open).secret("real-test"))
                    .contains(new Secret(secret, "token-" + secret));
            store.removeSecret("real-test");
            assertThat(store.secret("real-test")).isEmpty();
        } finally {
            store.close();
        }
        Keychain k = OsKeychain.open();
        try {
            assertThatThrownBy(() -> k.get(Keychain.account("real-test"))).isInstanceOf(KeychainException.class);
        } finally {
            k.close();
        }
    }
}
