package org.odpsexplorer.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.HeaderText;
import org.odpsexplorer.wire.OdpsHeaders;
import org.odpsexplorer.wire.WireCodec;
import org.odpsexplorer.wire.XmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler of the emulator. For every request: assigns a request id (sent as {@code x-odps-request-id}
 * on every answer), percent-decodes the <b>raw</b> request target itself (so {@code registration%2Ffunctions} routes
 * like {@code registration/functions}, {@code protocol/rest.md} §2.1), picks the endpoint ({@code /api/...} → API, bare
 * {@code /projects/...} → tunnel), applies injected faults, authenticates, and dispatches through {@link Routes}.
 * Failures become the endpoint's error body: XML {@code <Error>} with Code, Message, RequestId, HostId on the API
 * endpoint, JSON {@code {"Code","Message","RequestId"}} on the tunnel endpoint.
 *
 * <p>Runs handlers on Jetty's worker threads in blocking mode ({@link Handler.Abstract}'s default invocation type).
 */
public final class OdpsHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(OdpsHandler.class);
    private static final String MOUNT = "/api";
    /** Rejected request bodies up to this size are read and discarded so the client sees the answer. */
    private static final long DRAIN_LIMIT = 128L * 1024 * 1024;

    private final Routes routes;
    private final Authenticator authenticator;
    private final FaultRules faults;
    private final RequestLog log;
    private final Function<RuntimeException, @Nullable ApiException> translator;

    /**
     * @param translator maps domain exceptions (e.g. storage failures) of route handlers to API errors; returns null
     *                   for exceptions it does not know, which then become 500
     */
    public OdpsHandler(Routes routes, Authenticator authenticator, FaultRules faults,
                       Function<RuntimeException, @Nullable ApiException> translator) {
        this(routes, authenticator, faults, new RequestLog(), translator);
    }

    /** As above, recording every request in {@code log} (a test hook, see {@link RequestLog}). */
    public OdpsHandler(Routes routes, Authenticator authenticator, FaultRules faults, RequestLog log,
                       Function<RuntimeException, @Nullable ApiException> translator) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.faults = faults;
        this.log = log;
        this.translator = translator;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString().replace("-", "");
        response.getHeaders().put(OdpsHeaders.REQUEST_ID, requestId);
        Endpoint endpoint = Endpoint.API;
        Exchange exchange = null;
        try {
            HttpURI uri = request.getHttpURI();
            String rawPath = Objects.requireNonNullElse(rawPathOf(uri), "/");
            String method = request.getMethod().toUpperCase(Locale.ROOT);
            // which error body a failure gets is decided on the raw path, before anything can fail: /projects/... is
            // the tunnel endpoint, whose errors are JSON (protocol/tunnel.md §11.1); everything else answers in XML
            endpoint = endpointOf(rawPathOf(uri));
            String decoded;
            try {
                decoded = WireCodec.decodePath(rawPath);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("ODPS-0420111:Invalid request path - " + e.getMessage());
            }
            String relative;
            if (decoded.equals(MOUNT) || decoded.startsWith(MOUNT + "/")) {
                endpoint = Endpoint.API;
                relative = decoded.length() == MOUNT.length() ? "/" : decoded.substring(MOUNT.length());
            } else if (decoded.startsWith("/projects/")) {
                endpoint = Endpoint.TUNNEL;
                relative = decoded;
            } else {
                throw ApiException.notFound("ODPS-0130131:No such endpoint - " + decoded);
            }
            Map<String, String> query;
            try {
                query = WireCodec.parseQuery(uri.getQuery());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("ODPS-0420111:Invalid query string - " + e.getMessage());
            }
            exchange = new Exchange(request, response, endpoint, method, relative, query, headersOf(request),
                    requestId, authority(request));
            exchange.logTo(log.add(method, relative, query));

            FaultRules.Fault fault = faults.take(method, relative, decoded);
            if (fault != null) {
                switch (fault.action()) {
                    case FAIL -> throw new ApiException(fault.status(),
                            fault.code() != null ? fault.code() : codeFor(fault.status()),
                            fault.message() != null ? fault.message()
                                    : "ODPS-0010000:Injected fault (HTTP " + fault.status() + ")");
                    case DROP -> {
                        request.getConnectionMetaData().getConnection().getEndPoint().close();
                        callback.failed(new IOException("connection dropped by fault injection"));
                        return true;
                    }
                    case DELAY -> Thread.sleep(fault.delay().toMillis());
                }
            }

            exchange.caller(authenticate(method, relative, query, exchange.headers()));
            Routes.Match match = routes.match(endpoint, method, relative);
            if (match instanceof Routes.Found found) {
                exchange.params(found.params());
                try {
                    found.handler().handle(exchange);
                } finally {
                    exchange.releaseBody();
                }
            } else if (match instanceof Routes.WrongMethod) {
                throw ApiException.methodNotAllowed(method, relative);
            } else {
                throw ApiException.notFound("ODPS-0130131:No such object - " + relative);
            }
            callback.succeeded();
        } catch (ApiException e) {
            answerError(request, response, callback, endpoint, exchange, requestId, e);
        } catch (IOException e) {
            // the request body ended early or the client went away: the handler stored nothing
            LOG.debug("I/O failure on request {}", requestId, e);
            answerError(request, response, callback, endpoint, exchange, requestId,
                    ApiException.invalid("ODPS-0420111:Request body incomplete - " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (RuntimeException e) {
            ApiException mapped = translator.apply(e);
            if (mapped == null) {
                LOG.error("unexpected failure on request {}", requestId, e);
                mapped = new ApiException(500, "InternalServerError", "ODPS-0010000:System internal error - "
                        + e.getClass().getSimpleName() + ": " + e.getMessage());
            } else if (mapped.status() >= 500) {
                LOG.error("server failure on request {}", requestId, e);
            }
            answerError(request, response, callback, endpoint, exchange, requestId, mapped);
        }
        return true;
    }

    /**
     * Authenticates; a signature that fails only because HTTP dropped the trailing blanks of a name header becomes the
     * name error the client's real mistake deserves. HTTP parsers trim header values, but a client that sends
     * {@code x-odps-resource-name: "x "} signed the blank: when the signature verifies with the blank put back, the
     * credentials were fine and the name is what is wrong ({@code protocol/rest.md} §7.11).
     */
    private Caller authenticate(String method, String path, Map<String, String> query,
                                List<Map.Entry<String, String>> headers) {
        try {
            return authenticator.authenticate(method, path, query, headers);
        } catch (ApiException e) {
            if (!"SignatureNotMatch".equals(e.code())) {
                throw e;
            }
            for (String blank : new String[] {" ", "\t", "  "}) {
                List<Map.Entry<String, String>> retry = new ArrayList<>();
                boolean changed = false;
                for (Map.Entry<String, String> h : headers) {
                    if (h.getKey().equalsIgnoreCase(OdpsHeaders.RESOURCE_NAME)) {
                        retry.add(new AbstractMap.SimpleImmutableEntry<>(h.getKey(), h.getValue() + blank));
                        changed = true;
                    } else {
                        retry.add(h);
                    }
                }
                if (!changed) {
                    throw e;
                }
                try {
                    authenticator.authenticate(method, path, query, retry);
                } catch (ApiException again) {
                    continue;
                }
                throw ApiException.invalid("ODPS-0420111:Invalid resource name - leading or trailing blank");
            }
            throw e;
        }
    }

    /** The endpoint whose error shape a raw (still percent-encoded) path gets: {@code /projects...} is the tunnel. */
    public static Endpoint endpointOf(@Nullable String rawPath) {
        return rawPath != null && (rawPath.equals("/projects") || rawPath.startsWith("/projects/")
                || rawPath.startsWith("/projects?")) ? Endpoint.TUNNEL : Endpoint.API;
    }

    /** The raw (still percent-encoded) path of a target, also when Jetty could not make sense of it. */
    public static @Nullable String rawPathOf(@Nullable HttpURI uri) {
        if (uri == null) {
            return null;
        }
        if (uri.getPath() != null) {
            return uri.getPath();
        }
        String s = uri.asString();
        return s == null ? null : pathOfTarget(s);
    }

    /** The path part of a raw request target (origin or absolute form), still percent-encoded. */
    public static String pathOfTarget(String target) {
        String s = target;
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            int slash = s.indexOf('/', scheme + 3);
            s = slash < 0 ? "/" : s.substring(slash);
        }
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    private static void answerError(Request request, Response response, Callback callback, Endpoint endpoint,
                                    @Nullable Exchange exchange, String requestId, ApiException error) {
        if (response.isCommitted() || (exchange != null && exchange.isSent())) {
            // half a response is on the wire; the only honest signal left is to abort the connection
            callback.failed(error);
            return;
        }
        drainBody(request);
        try {
            byte[] body = errorBody(endpoint, error, requestId, hostId(request));
            response.reset(); // drop headers a route set before it failed (Location, meta headers)
            response.setStatus(error.status());
            response.getHeaders().put(OdpsHeaders.REQUEST_ID, requestId);
            response.getHeaders().put("Content-Type", endpoint == Endpoint.API ? "application/xml" : "application/json");
            response.getHeaders().put("Content-Length", body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        } catch (RuntimeException e) {
            callback.failed(e);
        }
    }

    /**
     * Reads and discards what is left of a rejected request's body (up to {@link #DRAIN_LIMIT}) before the error is
     * written. A client such as {@code HttpURLConnection} writes its whole body before it reads the answer; if the
     * server answered early and closed, that client would see "broken pipe" instead of the 4xx. Bigger bodies are
     * not worth receiving: Jetty then closes the connection after the answer.
     */
    private static void drainBody(Request request) {
        long declared = request.getLength();
        if (declared == 0 || declared > DRAIN_LIMIT) {
            return;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while (total <= DRAIN_LIMIT && (n = in.read(buf)) >= 0) {
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // the body is broken or the client left; the error answer below is all that is left to try
            LOG.debug("could not drain a rejected request body", e);
        }
    }

    /** The error body of an endpoint: XML on the API endpoint ({@code protocol/rest.md} §5.1), JSON on the tunnel. */
    public static byte[] errorBody(Endpoint endpoint, ApiException error, String requestId, String hostId) {
        if (endpoint == Endpoint.TUNNEL) {
            String json = "{\"Code\":\"" + jsonEscape(error.code()) + "\",\"Message\":\""
                    + jsonEscape(error.getMessage()) + "\",\"RequestId\":\"" + requestId + "\"}";
            return json.getBytes(StandardCharsets.UTF_8);
        }
        String xml = XmlWriter.compact().open("Error").element("Code", error.code()).cdata("Message", error.getMessage())
                .element("RequestId", requestId).element("HostId", hostId).close("Error").toString();
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "InvalidParameter";
            case 401 -> "AuthorizationRequired";
            case 403 -> "NoPermission";
            case 404 -> "NoSuchObject";
            case 405 -> "MethodNotAllowed";
            case 409 -> "ObjectAlreadyExists";
            case 503 -> "ServiceUnavailable";
            default -> status >= 500 ? "InternalServerError" : "InvalidParameter";
        };
    }

    private static String hostId(Request request) {
        String addr = Request.getLocalAddr(request);
        return addr == null ? "localhost" : addr;
    }

    private static String authority(Request request) {
        String addr = Request.getLocalAddr(request);
        int port = Request.getLocalPort(request);
        if (addr == null) {
            addr = "127.0.0.1";
        }
        return (addr.indexOf(':') >= 0 ? "[" + addr + "]" : addr) + ":" + port;
    }

    private static List<Map.Entry<String, String>> headersOf(Request request) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (HttpField f : request.getHeaders()) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(f.getName(), utf8Text(f.getValue())));
        }
        return out;
    }

    /**
     * Header values as the UTF-8 text the client sent. Jetty 12.1 hands out header bytes as ISO-8859-1 characters
     * (checked: raw {@code e4 b8 ad} arrives as the three chars U+00E4 U+00B8 U+00AD), but the Java SDK sends raw UTF-8 (a comment {@code 中文} arrives as six bytes, {@code protocol/rest.md} §6.3), and the signature is
     * over those bytes. Re-read the characters as bytes and decode them as UTF-8 when they form valid UTF-8; keep the
     * Latin-1 reading otherwise (a client that really sent Latin-1).
     */
    static String utf8Text(@Nullable String value) {
        if (value == null) {
            return "";
        }
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return value; // already decoded beyond Latin-1: nothing to repair
            }
            high |= c > 0x7f;
        }
        if (!high) {
            return value;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (CharacterCodingException e) {
            return value;
        }
        return HeaderText.latin1AsUtf8(value);
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
