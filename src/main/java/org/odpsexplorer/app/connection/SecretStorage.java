package org.odpsexplorer.app.connection;

import org.jspecify.annotations.Nullable;

/**
 * Where connection secrets are kept now, for the connections dialog.
 *
 * @param keychain true when they go to the OS keychain, false for the owner-only file
 * @param where    the keychain's name or the file's path
 * @param notice   why the file is used although a keychain was wanted (none found, locked, refused); null when the
 *                 keychain is used or none was asked for. One line, never a secret.
 */
public record SecretStorage(boolean keychain, String where, @Nullable String notice) {
    /** One line for the dialog, e.g. "Secrets are kept in KWallet." */
    public String describe() {
        if (keychain) {
            return "Secrets are kept in " + where + ".";
        }
        return "Secrets are kept in the owner-only file " + where + (notice == null ? "." : ": " + notice + ".");
    }
}
