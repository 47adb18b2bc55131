package org.odpsexplorer.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.RequestSigner;
import org.odpsexplorer.wire.WireCodec;

/**
 * Test client that signs requests like the official Java SDK (V2, lowercase-hex Content-MD5 on bodies) and sends them
 * with {@link RawHttp}, so tests can reach every error path with exact bytes.
 */
final class SignedClient {
    private final int port;
    private final String accessId;
    private final String secret;

    SignedClient(int port, String accessId, String secret) {
        this.port = port;
        this.accessId = accessId;
        this.secret = secret;
    }

    /** A request builder for {@code method} on a raw (still percent-encoded) path relative to {@code /api}. */
    Call call(String method, String rawPath) {
        return new Call(method, rawPath);
    }

    final class Call {
        private final String method;
        private final String rawPath;
        private String rawQuery = "";
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte @Nullable [] body;
        private boolean md5 = true;
        private @Nullable String date;
        private @Nullable String authorizationOverride;
        private boolean sign = true;
        private String mount = "/api";
        private boolean halfClose;

        Call(String method, String rawPath) {
            this.method = method;
            this.rawPath = rawPath;
        }

        /** Raw query string as it goes on the wire (no leading {@code ?}). */
        Call query(String raw) {
            this.rawQuery = raw;
            return this;
        }

        Call header(String name, String value) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return this;
        }

        Call body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        Call body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Leaves out the Content-MD5 header PyODPS never sends. */
        Call noContentMd5() {
            this.md5 = false;
            return this;
        }

        Call date(String value) {
            this.date = value;
            return this;
        }

        /** Sends to the tunnel endpoint: no {@code /api} in front of the path. */
        Call tunnel() {
            this.mount = "";
            return this;
        }

        /** Closes the sending side after the body (a client that died mid-upload). */
        Call halfClose() {
            this.halfClose = true;
            return this;
        }

        /** Sends no Authorization at all. */
        Call unsigned() {
            this.sign = false;
            return this;
        }

        /** Sends this Authorization value instead of the computed one. */
        Call authorization(String value) {
            this.authorizationOverride = value;
            return this;
        }

        /**
         * Writes the signed request line and headers (the caller must have set Content-Length) to a new socket and
         * returns it, so the caller can stream the body, or stop halfway. The caller closes the socket.
         */
        Socket openStreaming() throws IOException {
            List<Map.Entry<String, String>> all = signedHeaders();
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + mount + rawPath
                    + (rawQuery.isEmpty() ? "" : "?" + rawQuery) + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            for (Map.Entry<String, String> h : all) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
            return socket;
        }

        private List<Map.Entry<String, String>> signedHeaders() {
            List<Map.Entry<String, String>> all = new ArrayList<>(headers);
            all.add(new AbstractMap.SimpleImmutableEntry<>("Date", date != null ? date : HttpDates.format(Instant.now())));
            if (body != null && body.length > 0 && md5) {
                all.add(new AbstractMap.SimpleImmutableEntry<>("Content-MD5", md5Hex(body)));
            }
            String path = WireCodec.decodePath(rawPath);
            Map<String, String> query = WireCodec.parseQuery(rawQuery);
            if (authorizationOverride != null) {
                all.add(new AbstractMap.SimpleImmutableEntry<>("Authorization", authorizationOverride));
            } else if (sign) {
                String toSign = RequestSigner.stringToSign(method, all, query,
                        RequestSigner.canonicalResource(path, query));
                all.add(new AbstractMap.SimpleImmutableEntry<>("Authorization",
                        RequestSigner.authorizationV2(accessId, secret, toSign)));
            }
            return all;
        }

        RawHttp.Response send() throws IOException {
            List<Map.Entry<String, String>> all = signedHeaders();
            String target = mount + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
            return RawHttp.send(port, method, target, all, body, halfClose);
        }
    }

    static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
