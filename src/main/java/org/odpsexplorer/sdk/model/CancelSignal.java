package org.odpsexplorer.sdk.model;

/**
 * A flag another thread raises to stop a transfer. The transfer checks it between buffers and throws
 * {@link TransferCancelledException}; an upload cancelled before its final request leaves the server copy untouched.
 * Thread-safe; one signal may be shared by several transfers. It cannot be lowered again.
 */
public final class CancelSignal {
    private volatile boolean cancelled;

    /** Requests cancellation; idempotent. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link TransferCancelledException} if raised. */
    public void throwIfCancelled(String what) {
        if (cancelled) {
            throw new TransferCancelledException(what);
        }
    }
}
