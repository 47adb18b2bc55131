package org.odpsexplorer.sdk.model;

/**
 * Receives progress of downloads and uploads. Called on the thread doing the transfer, at most every 64 KiB or so
 * and once at the end; implementations must be quick and must not block (a UI posts to its own thread).
 * An exception thrown here aborts the transfer like a cancellation.
 */
@FunctionalInterface
public interface TransferListener {
    /** Does nothing. */
    TransferListener NONE = progress -> { };

    void onProgress(TransferProgress progress);
}
