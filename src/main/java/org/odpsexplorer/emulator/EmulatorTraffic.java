package org.odpsexplorer.emulator;

import java.util.List;
import java.util.Map;
import org.odpsexplorer.emulator.http.RequestLog;

/**
 * Test hook of a running emulator: the requests it served (method, path relative to the endpoint such as
 * {@code /projects/p1/tables/t}, decoded query, body bytes written) and the TCP connections it accepted, so tests can
 * count requests at the server instead of trusting the client. Thread-safe.
 */
public final class EmulatorTraffic {
    /** One served request. {@code bodyBytes}: response body bytes the server wrote (less when the client hung up). */
    public record Request(String method, String path, Map<String, String> query, long bodyBytes) {
    }

    private final RequestLog log;

    EmulatorTraffic(RequestLog log) {
        this.log = log;
    }

    /** Requests since the start or the last {@link #clear()}, oldest first (the most recent 100,000 at most). */
    public List<Request> requests() {
        return log.entries().stream().map(e -> new Request(e.method(), e.path(), e.query(), e.bodyBytes())).toList();
    }

    /** TCP connections accepted since the start or the last {@link #clear()}. */
    public long connections() {
        return log.connections();
    }

    public void clear() {
        log.clear();
    }
}
