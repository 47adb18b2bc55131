package org.odpsexplorer.emulator.http;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's HTTP/1.1 connections, remembering the request target Jetty's URI parser refused (a truncated or non-hex
 * percent-escape such as {@code /projects/p/tables/%G1/upload}). Jetty answers such a request through the error
 * handler with the path replaced by {@code /badMessage}; {@link #refusedTarget} gives the error handler the target as
 * sent, so a refused tunnel path still gets the tunnel's JSON error body (protocol/tunnel.md §11.1) rather than the API's XML.
 */
public final class RawTargetConnectionFactory extends HttpConnectionFactory {
    public RawTargetConnectionFactory(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        TargetKeepingConnection connection = new TargetKeepingConnection(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    /** The target of the current request when Jetty could not parse it, else null. */
    public static @Nullable String refusedTarget(Request request) {
        return request.getConnectionMetaData().getConnection() instanceof TargetKeepingConnection c ? c.refused : null;
    }

    private static final class TargetKeepingConnection extends HttpConnection {
        /** Jetty's own stand-in request for a message it could not parse (HttpConnection's bad-message path). */
        private static final String STAND_IN_METHOD = "BAD";

        volatile @Nullable String refused;

        TargetKeepingConnection(HttpConfiguration config, Connector connector, EndPoint endPoint) {
            super(config, connector, endPoint);
        }

        @Override
        protected HttpStreamOverHTTP1 newHttpStream(String method, String uri, HttpVersion version) {
            try {
                HttpStreamOverHTTP1 stream = super.newHttpStream(method, uri, version);
                if (!STAND_IN_METHOD.equals(method)) {
                    refused = null; // a new, parseable request on this keep-alive connection
                }
                return stream;
            } catch (RuntimeException e) {
                refused = uri;
                throw e;
            }
        }
    }
}
