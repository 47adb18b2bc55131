package org.odpsexplorer.sdk.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How idempotent requests are retried on connection failures, 5xx and 429 answers: capped exponential backoff
 * starting at {@code initialBackoff}, doubling up to {@code maxBackoff}; a {@code Retry-After} header (seconds)
 * replaces the computed wait, capped at {@code maxRetryAfter}.
 *
 * <p>What is retried (see {@code sdk.internal.Transport}): GET always (reads, meta, list); PUT of a full update and
 * merge-PUT (they set the whole state, so a repeat is harmless); DELETE, except that a 404 on a retry after a lost
 * answer counts as success; part POSTs ({@code rIsPart}: they overwrite a temp part of a name unique to this upload).
 * Never retried: creating POSTs (plain create, merge-create, table resource create), since a repeat after a lost
 * answer would fail with 409 or worse.
 *
 * @param maxAttempts    total attempts including the first, at least 1
 * @param initialBackoff first wait
 * @param maxBackoff     cap of the exponential wait
 * @param maxRetryAfter  cap applied to a server's Retry-After
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    /** 4 attempts, 200 ms doubling to 2 s, Retry-After honoured up to 10 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(10));
    /** A single attempt. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts < 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    }

    /** The wait before retry number {@code retry} (1-based) without a Retry-After. */
    public Duration backoff(int retry) {
        long millis = initialBackoff.toMillis() << Math.min(retry - 1, 20);
        return Duration.ofMillis(Math.min(Math.max(millis, 0), maxBackoff.toMillis()));
    }
}
