package org.odpsexplorer.app.connection;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The keychain is missing, locked, or refused a call. The message says what happened in words a user can act on and
 * never contains a secret.
 */
public final class KeychainException extends IOException {
    private static final long serialVersionUID = 1L;

    public KeychainException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
