package org.odpsexplorer.emulator.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.OdpsHeaders;
import org.odpsexplorer.wire.RequestSigner;

/**
 * Checks request credentials ({@code protocol/rest.md} §6): V2 and V4 signatures against a table of AccessKeyId → secret
 * (an STS token header next to them must be one of the configured STS tokens), or a bearer token against a configured list; optionally
 * the 15-minute clock-skew window. In accept-all mode any {@code Authorization} or bearer token, or none, passes.
 *
 * <p>Failure answers (§5.3, §6.3): no credentials → 401 {@code AuthorizationRequired}; unknown AccessKeyId → 401
 * {@code InvalidParameter} with {@code ODPS-0410051} (a shape PyODPS's V4→V2 fallback recognises); a signature that
 * does not match → <b>403</b> {@code SignatureNotMatch}. The protocol notes say 401 for that case but mark it
 * UNCONFIRMED; the project decided on 403 (credentials were understood, the proof was wrong), and no official client
 * branches on the status. Skew → 400 {@code RequestTimeTooSkewd} (sic).
 *
 * <p>Immutable and thread-safe.
 */
public final class Authenticator {
    /** The service's skew limit: 900,000 ms. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** Header of the STS security token next to a V2/V4 signature ({@code protocol/rest.md} §6.6). */
    static final String STS_TOKEN = "authorization-sts-token";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Map<String, String> secrets;
    private final Set<String> bearerTokens;
    private final Set<String> stsTokens;
    private final boolean acceptAll;
    private final boolean skewCheck;
    private final Clock clock;

    /**
     * @param secrets      AccessKeyId → AccessKeySecret
     * @param bearerTokens accepted {@code x-odps-bearer-token} values
     * @param acceptAll    accept any credentials (and none)
     * @param skewCheck    reject a {@code Date} more than 15 minutes from {@code clock}
     */
    public Authenticator(Map<String, String> secrets, Set<String> bearerTokens, boolean acceptAll, boolean skewCheck,
                         Clock clock) {
        this(secrets, bearerTokens, Set.of(), acceptAll, skewCheck, clock);
    }

    /**
     * As {@link #Authenticator(Map, Set, boolean, boolean, Clock)}, with the accepted STS security tokens: a signed
     * request that carries {@code authorization-sts-token} passes only with one of these (outside accept-all mode).
     */
    public Authenticator(Map<String, String> secrets, Set<String> bearerTokens, Set<String> stsTokens,
                         boolean acceptAll, boolean skewCheck, Clock clock) {
        this.secrets = Map.copyOf(secrets);
        this.bearerTokens = Set.copyOf(bearerTokens);
        this.stsTokens = Set.copyOf(stsTokens);
        this.acceptAll = acceptAll;
        this.skewCheck = skewCheck;
        this.clock = clock;
    }

    /**
     * Authenticates a request.
     *
     * @param path    decoded path relative to the endpoint (what was signed)
     * @param query   decoded query parameters
     * @param headers request headers in wire order, values as the UTF-8 text the client sent
     * @throws ApiException with the status and code of the failure
     */
    public Caller authenticate(String method, String path, Map<String, String> query,
                               List<Map.Entry<String, String>> headers) {
        String authorization = last(headers, "Authorization");
        String bearer = last(headers, OdpsHeaders.BEARER_TOKEN);
        if (authorization == null) {
            if (bearer != null) {
                if (acceptAll || bearerTokens.contains(bearer)) {
                    return new Caller("bearer", "ALIYUN$bearer@odps-explorer.local");
                }
                throw new ApiException(401, "AuthorizationRequired",
                        "ODPS-0410051:Invalid credentials - the bearer token is invalid or expired");
            }
            if (acceptAll) {
                return Caller.of("anonymous");
            }
            throw new ApiException(401, "AuthorizationRequired",
                    "ODPS-0410042:Authorization required - invalid or missing credentials");
        }
        RequestSigner.Authorization parsed = RequestSigner.Authorization.parse(authorization);
        if (parsed == null) {
            if (acceptAll) {
                return Caller.of("anonymous");
            }
            throw new ApiException(401, "AuthorizationRequired",
                    "ODPS-0410042:Authorization required - invalid or missing credentials (malformed Authorization)");
        }
        if (!acceptAll) {
            String secret = secrets.get(parsed.accessId());
            if (secret == null) {
                throw new ApiException(401, "InvalidParameter",
                        "ODPS-0410051:Invalid credentials - accessKeyId not found: " + parsed.accessId());
            }
            String canonical = RequestSigner.canonicalResource(path, query);
            String toSign = RequestSigner.stringToSign(method, headers, query, canonical);
            if (!RequestSigner.matches(RequestSigner.expectedAuthorization(parsed, secret, toSign), authorization)) {
                throw new ApiException(403, "SignatureNotMatch",
                        "ODPS-0410042:Invalid signature value - User signature does not match");
            }
            String sts = last(headers, STS_TOKEN);
            if (sts != null && !stsTokens.contains(sts)) {
                throw new ApiException(401, "InvalidParameter",
                        "ODPS-0410051:Invalid credentials - the STS security token is invalid or expired");
            }
        }
        if (skewCheck) {
            checkSkew(last(headers, "Date"));
        }
        return Caller.of(parsed.accessId());
    }

    private void checkSkew(@Nullable String date) {
        Instant now = clock.instant();
        if (date == null) {
            throw new ApiException(400, "RequestTimeTooSkewd",
                    "ODPS-0410031:Authentication request expired - the request has no Date header");
        }
        Instant sent;
        try {
            sent = HttpDates.parse(date);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "RequestTimeTooSkewd",
                    "ODPS-0410031:Authentication request expired - unreadable Date header: " + date);
        }
        if (Duration.between(sent, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new ApiException(400, "RequestTimeTooSkewd",
                    "ODPS-0410031:Authentication request expired - max_interval_date:" + MAX_SKEW.toMillis()
                            + ",expire_date:" + ISO_MILLIS.format(sent.plus(MAX_SKEW))
                            + ",now_date:" + ISO_MILLIS.format(now));
        }
    }

    private static @Nullable String last(List<Map.Entry<String, String>> headers, String name) {
        String found = null;
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                found = h.getValue();
            }
        }
        return found;
    }
}
