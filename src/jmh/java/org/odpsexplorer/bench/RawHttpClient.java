package org.odpsexplorer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.RequestSigner;
import org.odpsexplorer.wire.WireCodec;

/**
 * The baseline: raw OkHttp sending the same requests as our SDK (V2 signature, parts + merge, ranged GETs, and, when
 * {@code contentMd5} is set, the per-part {@code Content-MD5} that our SDK and the Java SDK send), with no retries, no
 * spooling, no progress, no metadata reads and no pipelining. With {@code contentMd5} off it is the least the
 * emulator accepts: one pass per part, the merge MD5 computed while sending.
 */
final class RawHttpClient implements AutoCloseable {
    private static final int PART = 64 * 1024 * 1024;
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private final String endpoint;
    private final String project;
    private final String id;
    private final String secret;
    private final boolean contentMd5;

    RawHttpClient(String endpoint, String project, String id, String secret, boolean contentMd5) {
        this.contentMd5 = contentMd5;
        this.endpoint = endpoint;
        this.project = project;
        this.id = id;
        this.secret = secret;
    }

    private Request.Builder signed(String method, List<String> segments, Map<String, String> query,
                                   Map<String, String> headers) {
        SignedRequest s = sign(method, segments, query, headers);
        Request.Builder b = new Request.Builder().url(s.url());
        s.headers().forEach(b::header);
        return b;
    }

    /** A request's URL and its headers, {@code Authorization} included (our wire signer, V2). */
    record SignedRequest(HttpUrl url, Map<String, String> headers) {
    }

    private SignedRequest sign(String method, List<String> segments, Map<String, String> query,
                               Map<String, String> headers) {
        HttpUrl.Builder url = HttpUrl.get(endpoint).newBuilder();
        segments.forEach(s -> url.addEncodedPathSegment(WireCodec.encodeSegment(s)));
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("curr_project", project);
        StringBuilder raw = new StringBuilder();
        q.forEach((k, v) -> raw.append(raw.length() == 0 ? "" : "&").append(k).append(v.isEmpty() ? "" : "=" + v));
        url.encodedQuery(raw.toString());
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Date", HttpDates.format(Instant.now()));
        String path = "/" + String.join("/", segments);
        String toSign = RequestSigner.stringToSign(method, new ArrayList<>(h.entrySet()), q,
                RequestSigner.canonicalResource(path, q));
        h.put("Authorization", RequestSigner.authorizationV2(id, secret, toSign));
        return new SignedRequest(url.build(), h);
    }

    /**
     * The reference for downloads: {@code curl} fetching the same ranged GETs as the other clients (signed by our wire
     * signer) into {@code /dev/null}, one process for all ranges (a connection kept alive across them, as the Java
     * clients do). Returns the bytes curl reports.
     */
    long curlDownload(String name, long size) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--fail"));
        for (long offset = 0; offset < Math.max(size, 1); offset += PART) {
            if (offset > 0) {
                cmd.add("--next");
                cmd.addAll(List.of("--silent", "--show-error", "--fail"));
            }
            SignedRequest s = sign("GET", List.of("projects", project, "resources", name),
                    Map.of("rOffset", Long.toString(offset), "rSize", Integer.toString(PART)),
                    Map.of("Content-Type", "application/octet-stream"));
            s.headers().forEach((k, v) -> cmd.addAll(List.of("-H", k + ": " + v)));
            cmd.addAll(List.of("-o", "/dev/null", "-w", "%{size_download}\\n", s.url().toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (p.waitFor() != 0) {
            throw new IOException("curl exited with " + p.exitValue());
        }
        return out.lines().mapToLong(Long::parseLong).sum();
    }

    void upload(String name, Path file, long size) throws IOException {
        MessageDigest whole = newMd5();
        List<String> parts = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long off = 0; off < size; off += PART) {
                String part = name + ".part.tmp.000001." + String.format("%06d", parts.size());
                parts.add(part);
                long start = off;
                long len = Math.min(PART, size - off);
                String partMd5 = null;
                if (contentMd5) {
                    MessageDigest digest = newMd5();
                    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                    for (long p = start; p < start + len; ) {
                        buf.clear().limit((int) Math.min(buf.capacity(), start + len - p));
                        int n = channel.read(buf, p);
                        digest.update(buf.array(), 0, n);
                        whole.update(buf.array(), 0, n);
                        p += n;
                    }
                    partMd5 = HexFormat.of().formatHex(digest.digest());
                }
                boolean hashWhileSending = !contentMd5;
                RequestBody body = new RequestBody() {
                    @Override
                    public MediaType contentType() {
                        return null;
                    }

                    @Override
                    public long contentLength() {
                        return len;
                    }

                    @Override
                    public void writeTo(BufferedSink sink) throws IOException {
                        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                        long p = start;
                        while (p < start + len) {
                            buf.clear().limit((int) Math.min(buf.capacity(), start + len - p));
                            int n = channel.read(buf, p);
                            buf.flip();
                            if (hashWhileSending) {
                                whole.update(buf.array(), 0, n);
                            }
                            sink.write(buf.array(), 0, n);
                            p += n;
                        }
                    }
                };
                Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/octet-stream",
                        "x-odps-resource-name", part, "x-odps-resource-type", "file", "x-odps-resource-istemp", "true"));
                if (partMd5 != null) {
                    headers.put("Content-MD5", partMd5);
                }
                Request req = signed("POST", List.of("projects", project, "resources"), Map.of("rIsPart", "true"),
                        headers).post(body).build();
                execute(req);
            }
        }
        byte[] merge = (HexFormat.of().formatHex(whole.digest()) + "|" + String.join(",", parts))
                .getBytes(StandardCharsets.UTF_8);
        Request req = signed("POST", List.of("projects", project, "resources"), Map.of("rOpMerge", "true"),
                Map.of("Content-Type", "application/octet-stream", "x-odps-resource-name", name,
                        "x-odps-resource-type", "file", "x-odps-resource-merge-total-bytes", Long.toString(size)))
                .post(RequestBody.create(merge, (MediaType) null)).build();
        execute(req);
    }

    long download(String name) throws IOException {
        long offset = 0;
        byte[] buf = new byte[64 * 1024];
        while (true) {
            Request req = signed("GET", List.of("projects", project, "resources", name),
                    Map.of("rOffset", Long.toString(offset), "rSize", Integer.toString(PART)),
                    Map.of("Content-Type", "application/octet-stream")).get().build();
            try (Response r = http.newCall(req).execute()) {
                if (!r.isSuccessful()) {
                    throw new IOException("HTTP " + r.code());
                }
                try (InputStream in = r.body().byteStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        offset += n;
                    }
                }
                if (!"true".equalsIgnoreCase(r.header("x-odps-resource-has-remaining"))) {
                    return offset;
                }
            }
        }
    }

    private void execute(Request req) throws IOException {
        try (Response r = http.newCall(req).execute()) {
            if (!r.isSuccessful()) {
                throw new IOException("HTTP " + r.code() + " " + r.body().string());
            }
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
