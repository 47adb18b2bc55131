package org.odpsexplorer.emulator.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A storage operation that could not be done. {@link #kind()} says why, so the HTTP layer can pick the status without
 * parsing messages: the first four kinds are the caller's fault (4xx), {@link Kind#FAILURE} is ours (I/O, SQLite).
 * Whenever this is thrown, the stored state is unchanged.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Kind {
        /** The object (or a part named in a merge) does not exist. */
        NOT_FOUND,
        /** A create found the name taken. */
        ALREADY_EXISTS,
        /** The request is inconsistent: MD5 or size mismatch, too large, wrong kind of resource. */
        INVALID,
        /** A concurrent change invalidated the request (a part changed during a merge). */
        CONFLICT,
        /** Disk or database failure. */
        FAILURE
    }

    private final Kind kind;

    public StoreException(Kind kind, String message) {
        this(kind, message, null);
    }

    public StoreException(Kind kind, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The message; never null (every constructor takes one). */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
