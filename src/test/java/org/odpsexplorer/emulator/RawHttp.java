package org.odpsexplorer.emulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately dumb HTTP/1.1 client over a plain socket, for tests that must control the exact bytes: header values
 * sent as raw UTF-8, no Content-Length when the official SDK sends none, malformed targets, and response header names
 * read exactly as they came over the wire. One connection per request ({@code Connection: close}).
 */
final class RawHttp {
    private RawHttp() {
    }

    /** A response: status, headers in wire order with names exactly as received, body. */
    record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        @Nullable String header(String name) {
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }

        /** Whether a header with exactly this spelling is present. */
        boolean hasExactHeader(String name) {
            return headers.stream().anyMatch(h -> h.getKey().equals(name));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends one request. {@code target} is the raw request target ({@code /api/...?...}) written verbatim. With
     * {@code body == null} no Content-Length is sent; otherwise one is (unless the caller supplies its own).
     */
    static Response send(int port, String method, String target, List<Map.Entry<String, String>> headers,
                         byte @Nullable [] body) throws IOException {
        return send(port, method, target, headers, body, false);
    }

    /** As above; {@code halfClose} shuts the sending side after the body, like a client that died mid-upload. */
    static Response send(int port, String method, String target, List<Map.Entry<String, String>> headers,
                         byte @Nullable [] body, boolean halfClose) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            head.writeBytes(("Host: 127.0.0.1:" + port + "\r\n").getBytes(StandardCharsets.UTF_8));
            boolean hasLength = false;
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase("Host") || h.getKey().equalsIgnoreCase("Connection")) {
                    continue;
                }
                hasLength |= h.getKey().equalsIgnoreCase("Content-Length")
                        || h.getKey().equalsIgnoreCase("Transfer-Encoding");
                head.writeBytes((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (body != null && !hasLength) {
                head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            head.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.write(head.toByteArray());
            if (body != null) {
                out.write(body);
            }
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    /** Reads the status line and headers only, leaving the body in {@code in} for the caller to stream. */
    static Response readHead(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed without a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String l;
        while ((l = line(in)) != null && !l.isEmpty()) {
            int colon = l.indexOf(':');
            headers.add(new AbstractMap.SimpleImmutableEntry<>(l.substring(0, colon), l.substring(colon + 1).trim()));
        }
        return new Response(status, headers, new byte[0]);
    }

    /** Reads one response from a stream (Content-Length, chunked, or until EOF). */
    static Response read(InputStream in) throws IOException {
        Response partial = readHead(in);
        int status = partial.status();
        List<Map.Entry<String, String>> headers = partial.headers();
        String l;
        String length = partial.header("Content-Length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(partial.header("Transfer-Encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    while ((l = line(in)) != null && !l.isEmpty()) {
                        // trailers
                    }
                    break;
                }
                b.writeBytes(in.readNBytes(n));
                line(in);
            }
            body = b.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private static @Nullable String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
}
