package org.odpsexplorer.emulator.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <data>/emulator.lock}, held for the life of a server: start-up garbage collection
 * deletes staging files, which is only safe when no other emulator writes into the same directory. The OS releases
 * the lock when the process dies, so a killed server never blocks the next start.
 */
public final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @throws IOException when another emulator (in this or another process) uses the directory, or it is unusable
     */
    public static DataDirLock acquire(Path dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve("emulator.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("data directory " + dataDir + " is in use by another emulator process");
            }
            return new DataDirLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("data directory " + dataDir + " is in use by another emulator in this process", e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
