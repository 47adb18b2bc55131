package org.odpsexplorer.emulator.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test hook: what the server was asked and how much it answered, request by request, plus the TCP connections it
 * accepted, so tests can count requests per listing page or bytes per hex jump. Always on and cheap (one small entry
 * per request, bounded to the most recent {@value #CAPACITY}). Thread-safe.
 */
public final class RequestLog {
    static final int CAPACITY = 100_000;

    /** One request: method, path relative to the endpoint, decoded query, and body bytes the server wrote so far. */
    public static final class Entry {
        private final String method;
        private final String path;
        private final Map<String, String> query;
        private final AtomicLong bodyBytes = new AtomicLong();

        Entry(String method, String path, Map<String, String> query) {
            this.method = method;
            this.path = path;
            this.query = Map.copyOf(query);
        }

        public String method() {
            return method;
        }

        public String path() {
            return path;
        }

        public Map<String, String> query() {
            return query;
        }

        public long bodyBytes() {
            return bodyBytes.get();
        }

        void addBodyBytes(long n) {
            bodyBytes.addAndGet(n);
        }
    }

    // a ring: when full, dropping the oldest is O(1) (an ArrayList shifted 100,000 entries per request)
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final AtomicLong connections = new AtomicLong();

    synchronized Entry add(String method, String path, Map<String, String> query) {
        Entry e = new Entry(method, path, query);
        if (entries.size() >= CAPACITY) {
            entries.removeFirst();
        }
        entries.add(e);
        return e;
    }

    /** A copy of the entries, oldest first. */
    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** Forgets the entries and resets the connection count. */
    public synchronized void clear() {
        entries.clear();
        connections.set(0);
    }

    /** Called by the connector for every accepted TCP connection. */
    public void connectionOpened() {
        connections.incrementAndGet();
    }

    /** TCP connections accepted since the start or the last {@link #clear()}. */
    public long connections() {
        return connections.get();
    }
}
