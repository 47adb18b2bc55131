package org.odpsexplorer.app.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test helper: a loopback TCP proxy in front of the emulator that counts every byte the server sends (status lines,
 * headers and bodies), so a test can state what a client really pulled over the network. One thread per direction
 * and connection; closed with {@link #close()}.
 */
final class ByteCountingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final AtomicLong fromServer = new AtomicLong();
    private volatile boolean closed;

    ByteCountingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "counting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The endpoint URL to give the SDK instead of the emulator's. */
    String url(String emulatorUrl) {
        return emulatorUrl.replace(":" + targetPort, ":" + server.getLocalPort());
    }

    /** Bytes the server sent through the proxy so far. */
    long bytesFromServer() {
        return fromServer.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pump(client.getInputStream(), upstream.getOutputStream(), null, client, upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), fromServer, client, upstream);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("counting proxy: " + e);
                }
            }
        }
    }

    private static void pump(InputStream in, OutputStream out, AtomicLong counter, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (counter != null) {
                        counter.addAndGet(n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, "counting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
