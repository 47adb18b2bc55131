package org.odpsexplorer.sdk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.odpsexplorer.sdk.RecordingServer.Recorded;
import org.odpsexplorer.sdk.RecordingServer.Reply;
import org.odpsexplorer.sdk.internal.Md5;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.WireCodec;

/**
 * Test helper: a tiny in-memory resource service on the recording server (no auth), used to develop handle
 * semantics before the emulator exists; the acceptance tests run against the emulator.
 */
final class FakeResourceServer {
    record Res(String type, byte[] content, String comment, boolean temp, Instant modified, String source) {
    }

    private final Map<String, Res> store = new TreeMap<>();
    private final AtomicLong clock = new AtomicLong(1_700_000_000);

    synchronized Reply handle(Recorded r) {
        String path = WireCodec.decodePath(r.rawPath()).substring("/api".length());
        Map<String, String> q = WireCodec.parseQuery(r.rawQuery() == null ? "" : r.rawQuery());
        String[] seg = path.split("/");
        String name = seg.length > 4 ? seg[4] : null;
        if (r.method().equals("GET") && name == null) {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Resources>");
            String prefix = q.getOrDefault("name", "");
            store.forEach((n, res) -> {
                if (!res.temp() && n.startsWith(prefix)) {
                    xml.append("<Resource><Name>").append(n).append("</Name><ResourceType>").append(res.type())
                            .append("</ResourceType><ResourceSize>").append(res.content().length)
                            .append("</ResourceSize></Resource>");
                }
            });
            return xml(200, xml.append("<Marker></Marker></Resources>").toString());
        }
        if (r.method().equals("GET")) {
            Res res = store.get(name);
            if (res == null) {
                return error(404, "NoSuchObject");
            }
            if (q.containsKey("meta")) {
                Map<String, String> h = new HashMap<>();
                h.put("x-odps-resource-type", res.type());
                h.put("x-odps-creation-time", HttpDates.format(res.modified()));
                h.put("Last-Modified", HttpDates.format(res.modified()));
                h.put("x-odps-resource-istemp", Boolean.toString(res.temp()));
                if (!res.comment().isEmpty()) {
                    h.put("x-odps-comment", res.comment());
                }
                if (res.type().equals("table")) {
                    h.put("x-odps-copy-table-source", res.source());
                } else {
                    h.put("x-odps-resource-size", Integer.toString(res.content().length));
                    h.put("Content-MD5", Md5.hex(res.content()));
                }
                return new Reply(200, h, new byte[0]);
            }
            int off = Integer.parseInt(q.getOrDefault("rOffset", "0"));
            int len = q.containsKey("rSize") ? Integer.parseInt(q.get("rSize")) : Integer.MAX_VALUE;
            int end = (int) Math.min(res.content().length, (long) off + len);
            byte[] body = off >= res.content().length ? new byte[0] : Arrays.copyOfRange(res.content(), off, end);
            return new Reply(200, Map.of("x-odps-resource-has-remaining", Boolean.toString(end < res.content().length)),
                    body);
        }
        if (r.method().equals("DELETE")) {
            return store.remove(name) == null ? error(404, "NoSuchObject") : Reply.status(204);
        }
        String target = name != null ? name : r.header("x-odps-resource-name");
        boolean update = r.method().equals("PUT");
        boolean exists = store.containsKey(target);
        boolean part = q.containsKey("rIsPart");
        if (!part && update && !exists) {
            return error(404, "NoSuchObject");
        }
        if (!part && !update && exists) {
            return error(409, "ObjectAlreadyExists");
        }
        byte[] content = r.body();
        if (q.containsKey("rOpMerge")) {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            String list = body.substring(body.indexOf('|') + 1);
            for (String p : list.split(",")) {
                if (!p.isEmpty()) {
                    Res pr = store.remove(p);
                    if (pr == null) {
                        return error(404, "NoSuchObject");
                    }
                    all.writeBytes(pr.content());
                }
            }
            content = all.toByteArray();
            if (!Md5.hex(content).equals(body.substring(0, body.indexOf('|')))) {
                return error(400, "InvalidParameter");
            }
        }
        String comment = r.header("x-odps-comment");
        if (comment == null) {
            comment = exists ? store.get(target).comment() : "";
        }
        store.put(target, new Res(r.header("x-odps-resource-type"), content, comment,
                "true".equals(r.header("x-odps-resource-istemp")), Instant.ofEpochSecond(clock.incrementAndGet()),
                String.valueOf(r.header("x-odps-copy-table-source"))));
        return Reply.status(201);
    }

    synchronized byte[] content(String name) {
        Res res = store.get(name);
        return res == null ? null : res.content();
    }

    private static Reply xml(int status, String xml) {
        return new Reply(status, Map.of("Content-Type", "application/xml"), xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply error(int status, String code) {
        return xml(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                + code + "</Message><RequestId>fake</RequestId><HostId>h</HostId></Error>");
    }
}
