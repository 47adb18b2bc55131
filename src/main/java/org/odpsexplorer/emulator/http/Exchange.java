package org.odpsexplorer.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.jspecify.annotations.Nullable;

/**
 * One request and its response, as route handlers see them: decoded path relative to the endpoint, parsed query,
 * header values as the UTF-8 text the client sent, the authenticated {@link Caller}, and methods that write the
 * response with header names exactly as given. Used by one thread at a time; not kept after the handler returns.
 */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final Endpoint endpoint;
    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final List<Map.Entry<String, String>> headers;
    private final String requestId;
    private final String authority;
    private @Nullable Caller caller;
    private Map<String, String> params = Map.of();
    private boolean sent;

    Exchange(Request request, Response response, Endpoint endpoint, String method, String path,
             Map<String, String> query, List<Map.Entry<String, String>> headers, String requestId, String authority) {
        this.request = request;
        this.response = response;
        this.endpoint = endpoint;
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.requestId = requestId;
        this.authority = authority;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Upper-case method. */
    public String method() {
        return method;
    }

    /** The percent-decoded path relative to the endpoint ({@code /api} stripped on the API endpoint). */
    public String path() {
        return path;
    }

    /** Decoded query parameters; a valueless flag maps to the empty string. */
    public Map<String, String> query() {
        return query;
    }

    public @Nullable String query(String name) {
        return query.get(name);
    }

    /** Whether the query has the parameter, with or without a value ({@code ?meta} and {@code ?meta=} alike). */
    public boolean hasQuery(String name) {
        return query.containsKey(name);
    }

    /** A path parameter captured by the route pattern. */
    public String param(String name) {
        return Objects.requireNonNull(params.get(name), () -> "no path parameter " + name);
    }

    void params(Map<String, String> captured) {
        this.params = captured;
    }

    /** Request headers in wire order, values as UTF-8 text. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The last value of a request header (name case-insensitive), or null. */
    public @Nullable String header(String name) {
        String found = null;
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                found = h.getValue();
            }
        }
        return found;
    }

    /** The id sent back in {@code x-odps-request-id}. */
    public String requestId() {
        return requestId;
    }

    /** {@code host:port} the server listens on (what tunnel discovery answers). */
    public String authority() {
        return authority;
    }

    /** The authenticated caller; set before any route handler runs. */
    public Caller caller() {
        return Objects.requireNonNull(caller, "not authenticated");
    }

    void caller(Caller c) {
        this.caller = c;
    }

    /** Declared body length, or -1 when the request has no Content-Length (chunked, or no body at all). */
    public long contentLength() {
        return request.getLength();
    }

    /**
     * The request body as a blocking stream; empty when the request has none. Do not close it twice. It is also a
     * {@link org.odpsexplorer.emulator.store.ChunkedInput}: the content store writes Jetty's buffers straight to disk.
     */
    public InputStream body() {
        if (body == null) {
            body = new RequestBody(request);
        }
        return body;
    }

    private @Nullable RequestBody body;

    /** Gives back the receive buffer the body stream still holds (after the route handler returned or threw). */
    void releaseBody() {
        if (body != null) {
            body.close();
        }
    }

    /** Sets a response header with exactly this name spelling. */
    public Exchange header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    /** Whether a response has been started (then no error body can follow). */
    public boolean isSent() {
        return sent || response.isCommitted();
    }

    private RequestLog.@Nullable Entry logEntry;

    /** Counts the body bytes this exchange writes into {@code entry} (the request log's test hook). */
    void logTo(RequestLog.Entry entry) {
        this.logEntry = entry;
    }

    /** Sends a complete response with a body. */
    public void send(int status, String contentType, byte[] body) throws IOException {
        try (OutputStream out = startBody(status, contentType, body.length)) {
            out.write(body);
        }
        if (logEntry != null) {
            logEntry.addBodyBytes(body.length);
        }
    }

    /** Sends an XML document ({@code application/xml}). */
    public void sendXml(int status, String xml) throws IOException {
        send(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a response without body ({@code Content-Length: 0}). */
    public void sendEmpty(int status) throws IOException {
        sent = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.flush();
        }
    }

    /**
     * Starts a response of known length and returns the stream for its body; the caller writes exactly
     * {@code length} bytes and closes the stream.
     */
    public OutputStream startBody(int status, @Nullable String contentType, long length) {
        sent = true;
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        return Content.Sink.asOutputStream(response);
    }

    /**
     * Sends bytes {@code [from, to)} of a file as a body of known length. The file is read into pooled direct
     * buffers and written from them: the bytes are copied once into the buffer and once to the socket, where a heap
     * array would cost a copy more on each side. The caller sets other headers first and keeps the channel open.
     *
     * @throws IOException when the file is shorter than {@code to} or the client went away
     */
    public void sendFileRange(int status, @Nullable String contentType, FileChannel file, long from, long to)
            throws IOException {
        sent = true;
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, to - from);
        if (from >= to) {
            Content.Sink.write(response, true, ByteBuffer.allocate(0));
            return;
        }
        ByteBuffer buffer = DirectBuffers.take();
        try {
            long pos = from;
            while (pos < to) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), to - pos));
                while (buffer.hasRemaining()) {
                    if (file.read(buffer, pos + buffer.position()) < 0) {
                        throw new IOException("file shorter than " + to + " bytes");
                    }
                }
                buffer.flip();
                int n = buffer.remaining();
                pos += n;
                // blocking: returns once Jetty has written the buffer, so it can be refilled
                Content.Sink.write(response, pos >= to, buffer);
                if (logEntry != null) {
                    logEntry.addBodyBytes(n);
                }
            }
        } finally {
            DirectBuffers.give(buffer);
        }
    }

    /** Reads the whole (small) request body, refusing more than {@code max} bytes with 400. */
    public byte[] readSmallBody(int max) throws IOException {
        long declared = contentLength();
        if (declared > max) {
            throw ApiException.invalid("ODPS-0420111:Request body too large (" + declared + " > " + max + " bytes)");
        }
        try (InputStream in = body()) {
            byte[] data = in.readNBytes(max + 1);
            if (data.length > max) {
                throw ApiException.invalid("ODPS-0420111:Request body too large (> " + max + " bytes)");
            }
            return data;
        }
    }
}
