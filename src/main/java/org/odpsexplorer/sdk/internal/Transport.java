package org.odpsexplorer.sdk.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Proxy;
import java.net.ProxySelector;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.Credentials;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.RetryPolicy;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.OdpsHeaders;
import org.odpsexplorer.wire.RequestSigner;
import org.odpsexplorer.wire.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends signed REST calls (protocol {@code protocol/rest.md} §3, §6) and applies the retry policy. Thread-safe; owns an OkHttp
 * client (connection pool) released by {@link #close()}.
 *
 * <p>Every request carries {@code Date}, {@code User-Agent} = {@code x-odps-user-agent}, {@code curr_project},
 * {@code Content-Type} when given (GETs too), lowercase-hex {@code Content-MD5} for non-empty bodies, and the
 * {@code Authorization} signature (V2, or V4 when a region is configured) plus {@code authorization-sts-token} for STS.
 * A V4 request the service refuses in one of the ways of {@code protocol/rest.md} §5.7 is sent again with V2, and the transport
 * signs V2 from then on, as PyODPS does for its endpoint.
 * OkHttp's own silent retry is off: only this class decides what is repeated.
 */
public final class Transport implements AutoCloseable {
    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    private final ClientConfig config;
    private final OkHttpClient http;
    private final HttpUrl base;
    /** Set once the service refused a V4 signature (protocol/rest.md §5.7); from then on this transport signs V2. */
    private volatile boolean v4Refused;

    public Transport(ClientConfig config) {
        this.config = config;
        this.base = HttpUrl.get(config.endpoint());
        long readMillis = Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis());
        // the read timeout lives on the socket (ClientSocketFactory): Okio's per-read timer is too costly. OkHttp
        // opens SOCKS sockets itself, without the factory, so through a SOCKS proxy OkHttp keeps the timeout.
        boolean socks = usesSocksProxy(base, ProxySelector.getDefault());
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(socks ? config.readTimeout() : Duration.ZERO)
                .writeTimeout(config.readTimeout())
                // HTTP/1.1 only, like the official SDK: an HTTP/2 connection's idle reader would trip SO_TIMEOUT
                .protocols(List.of(Protocol.HTTP_1_1))
                .socketFactory(new ClientSocketFactory((int) readMillis, base.scheme().equals("http")))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false);
        this.http = builder.build();
    }

    /** Whether the selector would send requests to {@code url} through a SOCKS proxy (OkHttp's own sockets). */
    static boolean usesSocksProxy(HttpUrl url, @Nullable ProxySelector selector) {
        if (selector == null) {
            return false;
        }
        return selector.select(url.uri()).stream().anyMatch(p -> p.type() == Proxy.Type.SOCKS);
    }

    public ClientConfig config() {
        return config;
    }

    /**
     * Sends the request (with retries as its {@link ApiRequest.Retry} allows) and returns the 2xx answer, which the
     * caller must close.
     *
     * @throws OdpsException the mapped server error, or {@link OdpsTransportException} after the last failed attempt
     */
    public ApiResponse execute(ApiRequest request) {
        RetryPolicy policy = config.retryPolicy();
        int max = request.retry() == ApiRequest.Retry.NEVER ? 1 : policy.maxAttempts();
        String call = request.describe();
        for (int attempt = 1; ; attempt++) {
            boolean v4 = signsV4();
            Response response;
            try {
                response = newCall(request, v4).execute();
            } catch (IOException e) {
                if (attempt < max && !(e instanceof InterruptedIOException && Thread.currentThread().isInterrupted())) {
                    sleep(policy.backoff(attempt), call, e);
                    continue;
                }
                throw new OdpsTransportException(call, e);
            }
            int code = response.code();
            if (code >= 200 && code < 300) {
                return new ApiResponse(response, call);
            }
            OdpsException error = null;
            if (v4) {
                try (response) {
                    error = ErrorMapper.from(response, call);
                }
                if (refusesV4(error)) {
                    // protocol/rest.md §5.7: the request was refused before anything happened, so sending it again is safe
                    v4Refused = true;
                    LOG.info("the service refused V4 signing for {} ({}); signing V2 from now on", config.endpoint(),
                            error.errorCode());
                    attempt--;
                    continue;
                }
            }
            boolean transientStatus = code >= 500 || code == 429;
            if (transientStatus && attempt < max) {
                Duration wait = retryAfter(response, policy);
                response.close();
                sleep(wait != null ? wait : policy.backoff(attempt), call, null);
                continue;
            }
            if (error == null) {
                try (response) {
                    error = ErrorMapper.from(response, call);
                }
            }
            if (error instanceof NoSuchObjectException && request.retry() == ApiRequest.Retry.DELETE && attempt > 1) {
                // the first DELETE most likely succeeded but its answer was lost
                return new ApiResponse(emptyOk(response), call);
            }
            throw error;
        }
    }

    /** Whether the next request is signed V4: a region is known and the service has not refused V4. */
    boolean signsV4() {
        return config.region() != null && !v4Refused;
    }

    /**
     * The answers with which the service says it does not take V4 signatures here ({@code protocol/rest.md} §5.7, PyODPS's
     * rule): {@code InternalServerError} saying "need ak v3 support" or "accesskey acl denied",
     * {@code InvalidParameter} carrying {@code ODPS-0410051}, or {@code AuthorizationRequired} saying "invalid or
     * missing".
     */
    static boolean refusesV4(OdpsException error) {
        String message = error.serverMessage().toLowerCase(Locale.ROOT);
        return switch (error.errorCode()) {
            case "InternalServerError" -> message.contains("need ak v3 support")
                    || message.contains("accesskey acl denied");
            case "InvalidParameter" -> error.serverMessage().contains("ODPS-0410051");
            case "AuthorizationRequired" -> message.contains("invalid or missing");
            default -> false;
        };
    }

    private static Response emptyOk(Response failed) {
        return failed.newBuilder().code(204).message("No Content")
                .body(okhttp3.ResponseBody.create(new byte[0], (MediaType) null)).build();
    }

    private static @Nullable Duration retryAfter(Response response, RetryPolicy policy) {
        String value = response.header("Retry-After");
        if (value == null) {
            return null;
        }
        long millis;
        try {
            millis = Long.parseLong(value.trim()) * 1000;
        } catch (NumberFormatException e) {
            try {
                millis = Duration.between(Instant.now(), HttpDates.parse(value)).toMillis();
            } catch (IllegalArgumentException notADate) {
                return null; // an unparseable Retry-After falls back to our own backoff
            }
        }
        return Duration.ofMillis(Math.max(0, Math.min(millis, policy.maxRetryAfter().toMillis())));
    }

    private static void sleep(Duration wait, String call, @Nullable IOException cause) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
            if (cause != null) {
                interrupted.addSuppressed(cause);
            }
            throw new OdpsTransportException(call, interrupted);
        }
    }

    private Call newCall(ApiRequest request, boolean v4) {
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : request.segments()) {
            url.addEncodedPathSegment(WireCodec.encodeSegment(segment));
        }
        Map<String, String> query = new LinkedHashMap<>(request.query());
        query.put("curr_project", config.project());
        StringBuilder rawQuery = new StringBuilder();
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (rawQuery.length() > 0) {
                rawQuery.append('&');
            }
            rawQuery.append(WireCodec.encodeQuery(e.getKey()));
            if (!e.getValue().isEmpty()) {
                rawQuery.append('=').append(WireCodec.encodeQuery(e.getValue()));
            }
        }
        url.encodedQuery(rawQuery.toString());

        List<Map.Entry<String, String>> signed = new ArrayList<>();
        Headers.Builder headers = new Headers.Builder();
        String date = HttpDates.format(Instant.now());
        add(headers, signed, "Date", date);
        add(headers, signed, "User-Agent", config.userAgent());
        add(headers, signed, OdpsHeaders.USER_AGENT, config.userAgent());
        add(headers, signed, "Accept-Encoding", "identity");
        if (request.contentType() != null) {
            add(headers, signed, "Content-Type", request.contentType());
        }
        BodySource body = request.body();
        if (body != null && body.length() > 0) {
            String md5 = body.md5Hex();
            if (md5 != null) {
                add(headers, signed, OdpsHeaders.CONTENT_MD5, md5);
            }
        }
        for (Map.Entry<String, String> h : request.headers()) {
            add(headers, signed, h.getKey(), h.getValue());
        }
        Credentials credentials = config.credentials();
        String path = "/" + String.join("/", request.segments());
        String resource = RequestSigner.canonicalResource(path, query);
        String toSign = RequestSigner.stringToSign(request.method(), signed, query, resource);
        String region = config.region();
        String authorization = v4 && region != null
                ? RequestSigner.authorizationV4(credentials.accessKeyId(), credentials.accessKeySecret(),
                        SCOPE_DATE.format(Instant.now()), region, toSign)
                : RequestSigner.authorizationV2(credentials.accessKeyId(), credentials.accessKeySecret(), toSign);
        headers.add("Authorization", authorization);
        if (credentials.securityToken() != null) {
            headers.add(OdpsHeaders.STS_TOKEN, credentials.securityToken());
        }
        RequestBody requestBody = body == null ? null : new StreamingBody(body, request.progress());
        Request httpRequest = new Request.Builder().url(url.build()).headers(headers.build())
                .method(request.method(), requestBody).build();
        return http.newCall(httpRequest);
    }

    private static void add(Headers.Builder headers, List<Map.Entry<String, String>> signed, String name, String value) {
        // Java's SDK sends non-ASCII header values (comments) as raw UTF-8; so do we (protocol/rest.md §6.3 step 4)
        headers.addUnsafeNonAscii(name, value);
        signed.add(Map.entry(name, value));
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Streams a {@link BodySource}; Content-Type comes from our own header so the signed value is the sent one. */
    private static final class StreamingBody extends RequestBody {
        private final BodySource source;
        private final @Nullable ByteCounter progress;
        private long reported;

        StreamingBody(BodySource source, @Nullable ByteCounter progress) {
            this.source = source;
            this.progress = progress;
        }

        @Override
        public @Nullable MediaType contentType() {
            return null;
        }

        @Override
        public long contentLength() {
            return source.length();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            if (progress != null && reported != 0) {
                progress.add(-reported); // a retry starts the body again
                reported = 0;
            }
            OutputStream out = sink.outputStream();
            OutputStream counted = progress == null ? out : new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    count(1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    count(len);
                }

                private void count(long n) {
                    reported += n;
                    progress.add(n);
                }
            };
            source.writeTo(counted);
            counted.flush();
        }
    }
}
