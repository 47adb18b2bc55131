package org.odpsexplorer.app.connection;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;
import org.slf4j.LoggerFactory;

/**
 * The operating system's keychain through java-keyring: Secret Service (GNOME Keyring, KeePassXC) or KWallet on
 * Linux, the Keychain on macOS, Credential Manager on Windows. Entries are filed under the service
 * {@value #SERVICE}. Opened once by {@link ConnectionStore} on a worker; the library's messages name service and
 * account, never the value.
 */
public final class OsKeychain implements Keychain {
    static final String SERVICE = "ODPS Explorer";

    private final Keyring keyring;
    private final String name;

    private OsKeychain(Keyring keyring) {
        this.keyring = keyring;
        this.name = nameOf(keyring.getKeyringStorageType());
    }

    /**
     * Connects to the OS keychain (about 0.3 s on Linux without one; the OS may ask to unlock it).
     *
     * @throws KeychainException naming why there is none
     */
    public static Keychain open() throws KeychainException {
        try {
            return new OsKeychain(Keyring.create());
        } catch (BackendNotSupportedException e) {
            throw new KeychainException("no OS keychain found (" + e.getMessage() + ")", e);
        } catch (LinkageError | RuntimeException e) {
            // the native bridges (JNA, D-Bus) fail this way on systems they do not support; the file still works
            throw new KeychainException("the OS keychain could not be reached (" + e + ")", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String get(String account) throws KeychainException {
        try {
            return keyring.getPassword(SERVICE, account);
        } catch (PasswordAccessException | RuntimeException e) {
            throw new KeychainException(name + " did not give the entry '" + account + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String account, String value) throws KeychainException {
        try {
            keyring.setPassword(SERVICE, account, value);
        } catch (PasswordAccessException | RuntimeException e) {
            // a locked keyring whose unlock prompt cannot be shown ends here too (as a NullPointerException)
            throw new KeychainException(name + " refused to store the entry '" + account + "' (is it locked?): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String account) throws KeychainException {
        try {
            keyring.deletePassword(SERVICE, account);
        } catch (PasswordAccessException | RuntimeException e) {
            throw new KeychainException(name + " did not delete the entry '" + account + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            keyring.close();
        } catch (Exception e) {
            // Keyring.close() declares Exception; at exit there is nothing left to do about a failed close
            LoggerFactory.getLogger(OsKeychain.class).debug("closing the keychain failed", e);
        }
    }

    private static String nameOf(KeyringStorageType type) {
        return switch (type) {
            case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> "the macOS Keychain";
            case GNOME_KEYRING -> "the Secret Service keyring (GNOME Keyring)";
            case KWALLET -> "KWallet";
            case WINDOWS_CREDENTIAL_STORE -> "the Windows Credential Manager";
        };
    }
}
