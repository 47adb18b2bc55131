package org.odpsexplorer.emulator.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Test-only fault plan, consulted by {@link OdpsHandler} for every request before authentication and routing: fail
 * with an error status, delay, or drop the connection without an answer, the next {@code times} requests whose method
 * and path match. A path prefix is matched against the decoded path relative to the endpoint
 * ({@code /projects/p/resources/x}) and also against the full decoded path ({@code /api/projects/...}). A method of
 * {@code *} matches every method. Rules are used in the order they were added. Thread-safe.
 */
public final class FaultRules {
    /** What to do with a matching request. */
    public enum Action {
        FAIL,
        DELAY,
        DROP
    }

    /**
     * The fault chosen for one request. {@code code} and {@code message} (both null: derived from the status) are the
     * error's {@code Code} and {@code Message} for {@link Action#FAIL}.
     */
    public record Fault(Action action, int status, Duration delay, @Nullable String code, @Nullable String message) {
        public Fault(Action action, int status, Duration delay) {
            this(action, status, delay, null, null);
        }
    }

    private static final class Rule {
        final String method;
        final String prefix;
        final Fault fault;
        int remaining;

        Rule(String method, String prefix, Fault fault, int remaining) {
            this.method = method;
            this.prefix = prefix;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    /** Adds a rule for the next {@code times} matching requests. */
    public synchronized void add(String method, String pathPrefix, Fault fault, int times) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (times <= 0) {
            throw new IllegalArgumentException("times must be positive: " + times);
        }
        rules.add(new Rule(method.toUpperCase(Locale.ROOT), pathPrefix, fault, times));
    }

    /** Removes every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    /** Consumes and returns the first rule matching the request, or null. */
    synchronized @Nullable Fault take(String method, String relativePath, String fullPath) {
        Iterator<Rule> it = rules.iterator();
        while (it.hasNext()) {
            Rule r = it.next();
            boolean methodOk = r.method.equals("*") || r.method.equals(method);
            boolean pathOk = relativePath.startsWith(r.prefix) || fullPath.startsWith(r.prefix);
            if (methodOk && pathOk) {
                if (--r.remaining == 0) {
                    it.remove();
                }
                return r.fault;
            }
        }
        return null;
    }
}
