package org.odpsexplorer.sdk.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The plain sockets under every connection of a {@link Transport}, for two costs of bulk bodies that OkHttp (via
 * Okio) pays per 8 KiB segment:
 * <ul>
 *   <li><b>Read timeout on the socket.</b> Okio enforces OkHttp's read timeout with an {@code AsyncTimeout} that it
 *   schedules and cancels around every segment read (a lock and a watchdog-queue insert each time); for a 256 MiB
 *   body that was a third of the client's CPU time. The transport therefore gives OkHttp no read timeout and these
 *   sockets apply it as {@code SO_TIMEOUT} instead: a {@code setSoTimeout(0)} from OkHttp becomes the configured
 *   timeout, other values (OkHttp's 1 ms health probe) are kept. The meaning is the same, a limit on the wait for
 *   the next bytes, and it also covers the TLS handshake and the layered TLS socket, which delegate to this one.</li>
 *   <li><b>Buffering</b> (plain HTTP only): streams buffered with 256 KiB let one system call move up to 256 KiB
 *   instead of one 8 KiB segment; OkHttp flushes the output after each request. Not for HTTPS, where TLS reads and
 *   writes its own records on the socket.</li>
 * </ul>
 */
final class ClientSocketFactory extends SocketFactory {
    private static final int BUFFER = 256 * 1024;

    private final int readTimeoutMillis;
    private final boolean buffered;

    /**
     * @param readTimeoutMillis the wait limit for the next bytes of a response; 0 means none
     * @param buffered          buffer the socket streams (plain HTTP only)
     */
    ClientSocketFactory(int readTimeoutMillis, boolean buffered) {
        this.readTimeoutMillis = readTimeoutMillis;
        this.buffered = buffered;
    }

    @Override
    public Socket createSocket() throws SocketException {
        return new ClientSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, @Nullable InetSocketAddress local) throws IOException {
        Socket s = new ClientSocket();
        if (local != null) {
            s.bind(local);
        }
        s.connect(remote);
        return s;
    }

    private final class ClientSocket extends Socket {
        private @Nullable InputStream in;
        private @Nullable OutputStream out;

        ClientSocket() throws SocketException {
            super.setSoTimeout(readTimeoutMillis);
        }

        @Override
        public synchronized void setSoTimeout(int timeout) throws SocketException {
            super.setSoTimeout(timeout == 0 ? readTimeoutMillis : timeout);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (!buffered) {
                return super.getInputStream();
            }
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), BUFFER);
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (!buffered) {
                return super.getOutputStream();
            }
            if (out == null) {
                out = new BufferedOutputStream(super.getOutputStream(), BUFFER);
            }
            return out;
        }
    }
}
