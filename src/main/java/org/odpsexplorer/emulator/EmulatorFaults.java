package org.odpsexplorer.emulator;

import java.time.Duration;
import java.util.Objects;
import org.odpsexplorer.emulator.http.FaultRules;

/**
 * Test hook of a running emulator: makes chosen upcoming requests fail, wait, or lose their connection, so clients
 * can be tested against a 503, a slow answer or a broken upload. Faults apply before authentication and routing, so a
 * failed request writes nothing. {@code method} is an HTTP method or {@code *}; {@code pathPrefix} is matched against
 * the decoded path relative to the endpoint ({@code /projects/p1/resources/big.jar}) or the full path
 * ({@code /api/projects/...}). Thread-safe.
 */
public final class EmulatorFaults {
    private final FaultRules rules;

    EmulatorFaults(FaultRules rules) {
        this.rules = rules;
    }

    /** Answers the next {@code times} matching requests with {@code status} and an XML (or tunnel JSON) error body. */
    public void failNext(String method, String pathPrefix, int status, int times) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        rules.add(method, pathPrefix, new FaultRules.Fault(FaultRules.Action.FAIL, status, Duration.ZERO), times);
    }

    /**
     * Like {@link #failNext(String, String, int, int)} with the error's {@code Code} and {@code Message} chosen, e.g.
     * a service that refuses V4 signatures ({@code protocol/rest.md} §5.7).
     */
    public void failNext(String method, String pathPrefix, int status, String code, String message, int times) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        rules.add(method, pathPrefix, new FaultRules.Fault(FaultRules.Action.FAIL, status, Duration.ZERO,
                Objects.requireNonNull(code, "code"), Objects.requireNonNull(message, "message")), times);
    }

    /** Holds the next {@code times} matching requests for {@code delay} before handling them normally. */
    public void delayNext(String method, String pathPrefix, Duration delay, int times) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        rules.add(method, pathPrefix, new FaultRules.Fault(FaultRules.Action.DELAY, 0, delay), times);
    }

    /** Closes the connection of the next {@code times} matching requests without any answer. */
    public void dropConnectionNext(String method, String pathPrefix, int times) {
        rules.add(method, pathPrefix, new FaultRules.Fault(FaultRules.Action.DROP, 0, Duration.ZERO), times);
    }

    /** Forgets every pending fault. */
    public void clear() {
        rules.clear();
    }
}
