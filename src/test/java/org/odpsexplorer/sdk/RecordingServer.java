package org.odpsexplorer.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Test helper: a loopback HTTP server that records every request exactly as received and answers from a script, to
 * check what the SDK puts on the wire (the emulator checks semantics; this checks shapes).
 */
final class RecordingServer implements AutoCloseable {
    record Recorded(String method, String rawPath, @Nullable String rawQuery, Map<String, List<String>> headers,
                    byte[] body) {
        @Nullable String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** {@code declaredLength} > body length makes the server promise more than it sends, then close (a broken body). */
    record Reply(int status, Map<String, String> headers, byte[] body, long declaredLength) {
        Reply(int status, Map<String, String> headers, byte[] body) {
            this(status, headers, body, body.length);
        }

        static Reply ok() {
            return new Reply(200, Map.of(), new byte[0]);
        }

        static Reply status(int status) {
            return new Reply(status, Map.of(), new byte[0]);
        }
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Recorded, Reply> script = r -> Reply.ok();

    RecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    void script(Function<Recorded, Reply> newScript) {
        this.script = newScript;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Recorded rec = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(rec);
        Reply reply = script.apply(rec);
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("x-odps-request-id", "req-" + requests.size());
        exchange.sendResponseHeaders(reply.status(), reply.declaredLength() == 0 ? -1 : reply.declaredLength());
        if (reply.declaredLength() > reply.body().length) {
            exchange.getResponseBody().write(reply.body());
            exchange.getResponseBody().flush();
            exchange.close(); // the connection ends before the promised length: the client sees a broken body
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
