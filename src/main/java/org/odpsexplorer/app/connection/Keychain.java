package org.odpsexplorer.app.connection;

/**
 * A store of secrets kept by the operating system (Secret Service / GNOME Keyring / KWallet, macOS Keychain, Windows
 * Credential Manager), one text value per account name. Our seam over java-keyring ({@link OsKeychain}), so that tests
 * run with a fake. Calls block (the OS may ask the user to unlock): never call on the FX thread. Implementations never
 * put a value into an exception message.
 */
public interface Keychain {
    /** What the user knows it as, e.g. {@code "macOS Keychain"}; shown in the connections dialog. */
    String name();

    /**
     * The value stored under {@code account}.
     *
     * @throws KeychainException when there is none, or the keychain is locked or refuses
     */
    String get(String account) throws KeychainException;

    /** Stores (or replaces) the value of {@code account}. */
    void put(String account, String value) throws KeychainException;

    /** Removes the value of {@code account}, if any. */
    void delete(String account) throws KeychainException;

    /** Releases the connection to the keychain (a D-Bus connection on Linux); no more calls after it. */
    default void close() {
    }

    /** Opens the keychain, or says why there is none. */
    @FunctionalInterface
    interface Opener {
        /** An opener for "no keychain": secrets stay in the owner-only file. */
        static Opener none(String reason) {
            return () -> {
                throw new KeychainException(reason, null);
            };
        }

        /** @throws KeychainException with a reason the user can read when no keychain can be used */
        Keychain open() throws KeychainException;
    }

    /** The account name java-keyring and the fakes are asked for: one entry per connection. */
    static String account(String connectionId) {
        return "connection " + connectionId;
    }
}
