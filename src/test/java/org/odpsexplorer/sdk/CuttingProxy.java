package org.odpsexplorer.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a server that breaks connections mid-body: while armed, the first response to a
 * request whose bytes contain {@code trigger} is cut after {@code keepBytes} bytes (both sockets closed), or stalls
 * there (nothing more is sent). Test helper;
 * one thread per direction and connection, closed with {@link #close()}.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final String trigger;
    private final int keepBytes;
    private final boolean stall;
    private final AtomicInteger cutsLeft;
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    CuttingProxy(int targetPort, String trigger, int keepBytes, int times) throws IOException {
        this(targetPort, trigger, keepBytes, times, false);
    }

    /**
     * @param stall instead of closing the connection after {@code keepBytes}, keep it open and send nothing more
     *              until the proxy is closed: the client sees a server that stopped mid-body
     */
    CuttingProxy(int targetPort, String trigger, int keepBytes, int times, boolean stall) throws IOException {
        this.stall = stall;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.trigger = trigger;
        this.keepBytes = keepBytes;
        this.cutsLeft = new AtomicInteger(times);
        Thread acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections cut so far. */
    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!closed.get()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                AtomicBoolean armed = new AtomicBoolean();
                start(() -> pumpRequests(client, upstream, armed));
                start(() -> pumpResponses(upstream, client, armed));
            } catch (IOException e) {
                return; // server socket closed
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void pumpRequests(Socket from, Socket to, AtomicBoolean armed) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (new String(buf, 0, n, StandardCharsets.ISO_8859_1).contains(trigger)
                        && cutsLeft.getAndDecrement() > 0) {
                    armed.set(true);
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other direction closed the sockets: this pump ends too
        } finally {
            closeQuietly(from, to);
        }
    }

    private void pumpResponses(Socket from, Socket to, AtomicBoolean armed) {
        byte[] buf = new byte[16 * 1024];
        long sentWhileArmed = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (armed.get()) {
                    int allowed = (int) Math.min(n, keepBytes - sentWhileArmed);
                    out.write(buf, 0, allowed);
                    out.flush();
                    sentWhileArmed += allowed;
                    if (sentWhileArmed >= keepBytes) {
                        cuts.incrementAndGet();
                        while (stall && !closed.get() && !to.isClosed()) {
                            Thread.sleep(20); // hold the connection silent until the client gives up on it
                        }
                        return; // finally closes both sockets mid-body
                    }
                } else {
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the other direction closed the sockets: this pump ends too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from, to);
        }
    }

    private static void closeQuietly(Socket a, Socket b) {
        try {
            a.close();
        } catch (IOException e) {
            // closing a socket of a test proxy: nothing to report
        }
        try {
            b.close();
        } catch (IOException e) {
            // as above
        }
    }

    @Override
    public void close() throws IOException {
        closed.set(true);
        server.close();
    }
}
