package org.odpsexplorer.app.editor;

import java.util.concurrent.locks.ReentrantLock;
import org.odpsexplorer.sdk.ResourceFile;

/**
 * The {@link ResourceFile} of one editor tab, shared by that tab's workers. A handle may be used by one thread at a
 * time, and a tab's workers can overlap (page reads of a read-only hex view, the rebase after a comment change, the
 * release when the tab closes during a save), so every use goes through {@link #use}, which holds this handle's lock
 * for its duration. Blocking: workers only, never the FX thread. The view model itself holds no lock.
 */
final class SerialHandle {
    /** Work on the handle; runs with the lock held. */
    @FunctionalInterface
    interface Work<T> {
        T apply(ResourceFile fp) throws Exception;
    }

    private final ResourceFile file;
    private final ReentrantLock lock = new ReentrantLock();

    SerialHandle(ResourceFile file) {
        this.file = file;
    }

    <T> T use(Work<T> work) throws Exception {
        lock.lock();
        try {
            return work.apply(file);
        } finally {
            lock.unlock();
        }
    }

    /** A positional read: exactly this range, in one request on a pooled connection. */
    int readAt(long offset, byte[] buf, int off, int len) {
        lock.lock();
        try {
            return file.readBytesAt(offset, buf, off, len);
        } finally {
            lock.unlock();
        }
    }

    /** Drops the handle without uploading. */
    void discard() {
        lock.lock();
        try {
            file.discard();
        } finally {
            lock.unlock();
        }
    }
}
