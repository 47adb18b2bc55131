package org.odpsexplorer.emulator.http;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A small pool of 1 MiB direct buffers for sending file content ({@link Exchange#sendFileRange}). Direct buffers are
 * costly to allocate and freed only by the garbage collector, so a few are kept and reused; more are made when
 * more responses are being sent at once, and dropped when the pool is full. Thread-safe.
 */
final class DirectBuffers {
    private static final int SIZE = 1024 * 1024;
    private static final ArrayBlockingQueue<ByteBuffer> POOL = new ArrayBlockingQueue<>(8);

    private DirectBuffers() {
    }

    static ByteBuffer take() {
        ByteBuffer b = POOL.poll();
        return b != null ? b : ByteBuffer.allocateDirect(SIZE);
    }

    static void give(ByteBuffer buffer) {
        POOL.offer(buffer);
    }
}
