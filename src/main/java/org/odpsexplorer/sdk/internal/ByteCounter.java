package org.odpsexplorer.sdk.internal;

/**
 * Receives byte counts as a body is written or read, and may stop the transfer by throwing (cancellation). Called on
 * the transferring thread.
 */
@FunctionalInterface
public interface ByteCounter {
    /**
     * @param delta bytes just moved (may be negative when a retry rewinds a body)
     */
    void add(long delta);
}
