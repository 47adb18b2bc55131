package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odpsexplorer.sdk.RecordingServer.Recorded;
import org.odpsexplorer.sdk.RecordingServer.Reply;
import org.odpsexplorer.sdk.model.AuthenticationException;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.InvalidResourceNameException;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ObjectAlreadyExistsException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.odpsexplorer.sdk.model.RetryPolicy;
import org.odpsexplorer.sdk.model.TransferCancelledException;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.Md5;
import org.odpsexplorer.wire.RequestSigner;
import org.odpsexplorer.wire.WireCodec;

/** What the SDK puts on the wire, checked against a recording loopback server (shapes from protocol/rest.md and the traces). */
class WireShapeTest {
    private static final String SECRET = "sk-secret-value";
    private static final Map<String, String> META = Map.of("x-odps-resource-type", "py",
            "x-odps-creation-time", "Tue, 24 Nov 2026 19:59:53 GMT", "Last-Modified", "Tue, 24 Nov 2026 19:59:53 GMT",
            "x-odps-resource-size", "11", "Content-MD5", "6820402744d1aa25e4bdbf6745a66ea6");
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofMillis(50));

    private RecordingServer server;
    private Odps odps;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        odps = Odps.builder().endpoint(server.url()).project("p1").accessKey("ak", SECRET).retryPolicy(FAST).build();
    }

    @AfterEach
    void stop() {
        odps.close();
        server.close();
    }

    private static String verify(Recorded r, String secret) {
        String path = WireCodec.decodePath(r.rawPath()).substring("/api".length());
        Map<String, String> query = WireCodec.parseQuery(r.rawQuery() == null ? "" : r.rawQuery());
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        r.headers().forEach((k, v) -> headers.add(Map.entry(k, v.get(0))));
        String toSign = RequestSigner.stringToSign(r.method(), headers, query,
                RequestSigner.canonicalResource(path, query));
        return RequestSigner.authorizationV2("ak", secret, toSign);
    }

    @Test
    void smallCreateIsOneSignedPostWithJavaStyleHeaders() {
        server.script(r -> r.method().equals("POST") ? Reply.status(201) : new Reply(200, META, new byte[0]));
        odps.createResource("test_py_resource.py", "py", "import this");

        Recorded post = server.requests().get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.rawPath()).isEqualTo("/api/projects/p1/resources");
        assertThat(post.rawQuery()).isEqualTo("curr_project=p1");
        assertThat(post.header("Content-MD5")).isEqualTo("6820402744d1aa25e4bdbf6745a66ea6");
        assertThat(post.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(post.header("Content-Disposition")).isEqualTo("attachment;filename=test_py_resource.py");
        assertThat(post.header("x-odps-resource-name")).isEqualTo("test_py_resource.py");
        assertThat(post.header("x-odps-resource-type")).isEqualTo("py");
        assertThat(post.header("x-odps-resource-istemp")).isNull();
        assertThat(post.header("x-odps-user-agent")).isEqualTo(post.header("User-Agent")).startsWith("odps-explorer/");
        assertThat(HttpDates.parse(post.header("Date"))).isNotNull();
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).isEqualTo("import this");
        assertThat(post.header("Authorization")).isEqualTo(verify(post, SECRET));

        Recorded meta = server.requests().get(1);
        assertThat(meta.method()).isEqualTo("GET");
        assertThat(meta.rawQuery()).isEqualTo("meta&curr_project=p1");
        assertThat(meta.header("Authorization")).isEqualTo(verify(meta, SECRET));
    }

    @Test
    void largeContentGoesAsNumberedTempPartsThenAMerge() throws Exception {
        odps.close();
        odps = Odps.builder().endpoint(server.url()).project("p1").accessKey("ak", SECRET).partSize(4).build();
        server.script(r -> r.method().equals("POST") ? Reply.status(201)
                : new Reply(200, Map.of("x-odps-resource-type", "file"), new byte[0]));
        byte[] content = "0123456789".getBytes(StandardCharsets.US_ASCII);
        odps.createResource("big.bin", "file", content, ResourceOptions.defaults().withComment("c1"));

        List<Recorded> reqs = server.requests();
        List<String> partNames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Recorded part = reqs.get(i);
            assertThat(part.rawQuery()).isEqualTo("rIsPart=true&curr_project=p1");
            assertThat(part.header("x-odps-resource-type")).isEqualTo("file");
            assertThat(part.header("x-odps-resource-istemp")).isEqualTo("true");
            assertThat(part.header("x-odps-comment")).isNull();
            assertThat(part.header("x-odps-resource-name")).matches("big\\.bin\\.part\\.tmp\\.\\d{6}\\.00000" + i);
            assertThat(part.header("Content-MD5")).isEqualTo(md5(Arrays.copyOfRange(content, 4 * i,
                    Math.min(10, 4 * i + 4))));
            assertThat(part.header("Authorization")).isEqualTo(verify(part, SECRET));
            partNames.add(part.header("x-odps-resource-name"));
        }
        Recorded merge = reqs.get(3);
        assertThat(merge.method()).isEqualTo("POST");
        assertThat(merge.rawQuery()).isEqualTo("rOpMerge=true&curr_project=p1");
        assertThat(merge.header("x-odps-resource-merge-total-bytes")).isEqualTo("10");
        assertThat(merge.header("x-odps-resource-type")).isEqualTo("file");
        assertThat(merge.header("x-odps-comment")).isEqualTo("c1");
        assertThat(new String(merge.body(), StandardCharsets.UTF_8))
                .isEqualTo(md5(content) + "|" + String.join(",", partNames));
        assertThat(merge.header("Content-MD5")).isEqualTo(md5(merge.body()));
        assertThat(merge.header("Authorization")).isEqualTo(verify(merge, SECRET));
    }

    @Test
    void aCancelledPartUploadDeletesItsPartsAndNeverMerges() throws Exception {
        odps.close();
        odps = Odps.builder().endpoint(server.url()).project("p1").accessKey("ak", SECRET).partSize(4).build();
        CancelSignal cancel = new CancelSignal();
        server.script(r -> {
            if (r.rawQuery().contains("rIsPart")) {
                cancel.cancel(); // the user presses cancel while the first part is on its way
                return Reply.status(201);
            }
            return Reply.status(204);
        });
        assertThatThrownBy(() -> odps.createResource("big.bin", "file", new byte[10],
                ResourceOptions.defaults().withCancel(cancel))).isInstanceOf(TransferCancelledException.class);
        List<Recorded> reqs = server.requests();
        assertThat(reqs).extracting(Recorded::method).containsExactly("POST", "DELETE");
        String part = reqs.get(0).header("x-odps-resource-name");
        assertThat(reqs.get(1).rawPath()).isEqualTo("/api/projects/p1/resources/" + part);
        assertThat(reqs).noneMatch(r -> r.rawQuery().contains("rOpMerge"));
    }

    @Test
    void rangedReadsLoopOnHasRemainingWhateverSizeEachAnswerHas() {
        byte[] content = new byte[1000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        server.script(r -> {
            if (r.rawQuery().contains("meta")) {
                return new Reply(200, Map.of("x-odps-resource-type", "file", "x-odps-resource-size", "1000",
                        "Last-Modified", "Tue, 24 Nov 2026 19:59:53 GMT"), new byte[0]);
            }
            Map<String, String> q = WireCodec.parseQuery(r.rawQuery());
            int off = Integer.parseInt(q.get("rOffset"));
            int end = Math.min(content.length, off + 300); // the server sends less than rSize
            // mixed-case header name: our client must read it case-insensitively
            return new Reply(200, Map.of("X-Odps-Resource-Has-Remaining", end < content.length ? "TRUE" : "false"),
                    Arrays.copyOfRange(content, off, end));
        });
        try (ResourceFile fp = odps.openResource("r.bin", "rb")) {
            assertThat(fp.readBytes()).isEqualTo(content);
        }
        List<Recorded> gets = server.requests().stream().filter(r -> r.rawQuery().contains("rOffset")).toList();
        assertThat(gets).extracting(r -> WireCodec.parseQuery(r.rawQuery()).get("rOffset"))
                .containsExactly("0", "300", "600", "900");
        assertThat(gets.get(0).header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(WireCodec.parseQuery(gets.get(0).rawQuery()).get("rSize")).isEqualTo("67108864");
    }

    @Test
    void listingFetchesPagesOnlyAsTheIterationNeedsThemAndRechecksThePrefix() {
        server.script(r -> {
            Map<String, String> q = WireCodec.parseQuery(r.rawQuery());
            String items = q.containsKey("marker")
                    ? "<Resource><Name>ab3</Name><ResourceType>file</ResourceType></Resource><Marker></Marker>"
                    : "<Resource><Name>ab1</Name><ResourceType>py</ResourceType><ResourceSize>5</ResourceSize>"
                    + "<CreationTime>Tue, 24 Nov 2026 19:59:53 GMT</CreationTime></Resource>"
                    + "<Resource><Name>xab2</Name><ResourceType>file</ResourceType></Resource>"
                    + "<Marker>next-page.1</Marker><MaxItems>2</MaxItems>";
            return new Reply(200, Map.of("Content-Type", "application/xml"),
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Resources>" + items + "</Resources>")
                            .getBytes(StandardCharsets.UTF_8));
        });
        Iterator<Resource> it = odps.listResources("ab").iterator();
        assertThat(server.requests()).isEmpty();
        Resource first = it.next();
        assertThat(first.name()).isEqualTo("ab1");
        assertThat(first.size()).isEqualTo(5);
        assertThat(first.creationTime()).isEqualTo(HttpDates.parse("Tue, 24 Nov 2026 19:59:53 GMT"));
        assertThat(server.requests()).hasSize(1);
        assertThat(it.next().name()).isEqualTo("ab3"); // xab2 matched a "contains" filter, not our prefix
        assertThat(it.hasNext()).isFalse();
        List<Recorded> reqs = server.requests();
        assertThat(reqs).hasSize(2);
        assertThat(WireCodec.parseQuery(reqs.get(0).rawQuery())).containsEntry("expectmarker", "true")
                .containsEntry("name", "ab").doesNotContainKey("marker");
        assertThat(WireCodec.parseQuery(reqs.get(1).rawQuery())).containsEntry("marker", "next-page.1");
    }

    @Test
    void aBodyBrokenMidwayIsResumedFromTheLastByteReceived() {
        byte[] content = new byte[600];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 13);
        }
        AtomicInteger contentGets = new AtomicInteger();
        server.script(r -> {
            Map<String, String> q = WireCodec.parseQuery(r.rawQuery());
            if (q.containsKey("meta")) { // the download reads the size first
                Map<String, String> meta = new HashMap<>(META);
                meta.put("x-odps-resource-size", "600");
                return new Reply(200, meta, new byte[0]);
            }
            int off = Integer.parseInt(q.get("rOffset"));
            byte[] rest = Arrays.copyOfRange(content, off, content.length);
            Map<String, String> h = Map.of("x-odps-resource-has-remaining", "false");
            if (contentGets.incrementAndGet() == 1) { // promise everything, send 250 bytes, hang up
                return new Reply(200, h, Arrays.copyOf(rest, 250), rest.length);
            }
            return new Reply(200, h, rest);
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(odps.downloadResource("r.bin", out, ResourceOptions.defaults())).isEqualTo(600);
        assertThat(out.toByteArray()).isEqualTo(content);
        List<String> offsets = server.requests().stream()
                .map(r -> WireCodec.parseQuery(r.rawQuery()).get("rOffset")).filter(o -> o != null).toList();
        assertThat(offsets).hasSize(2).startsWith("0");
        assertThat(Integer.parseInt(offsets.get(1))).isPositive().isLessThanOrEqualTo(250);
    }

    @Test
    void idempotentGetsAreRetriedOnServerErrorsAndRetryAfter() {
        AtomicInteger n = new AtomicInteger();
        server.script(r -> switch (n.incrementAndGet()) {
            case 1 -> Reply.status(503);
            case 2 -> new Reply(429, Map.of("Retry-After", "0"), new byte[0]);
            default -> new Reply(200, META, new byte[0]);
        });
        assertThat(odps.existResource("a.py")).isTrue();
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void creatingPostsAreNeverRepeated() {
        server.script(r -> Reply.status(503));
        assertThatThrownBy(() -> odps.createResource("x.txt", "file", "abc"))
                .isInstanceOf(OdpsException.class).extracting(e -> ((OdpsException) e).status()).isEqualTo(503);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void givesUpAfterTheConfiguredAttempts() {
        server.script(r -> Reply.status(500));
        assertThatThrownBy(() -> odps.getResource("x.txt")).isInstanceOf(OdpsException.class);
        assertThat(server.requests()).hasSize(FAST.maxAttempts());
    }

    @Test
    void errorsAreTypedFromXmlOrJsonBodiesAndNeverShowTheSecret() {
        server.script(r -> new Reply(404, Map.of("Content-Type", "application/xml"), ("<?xml version=\"1.0\" "
                + "encoding=\"UTF-8\"?><Error><Code>NoSuchObject</Code><Message><![CDATA[ODPS-0130131:not found]]>"
                + "</Message><RequestId>rid-404</RequestId><HostId>h</HostId></Error>").getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> odps.getResource("gone.txt")).isInstanceOfSatisfying(NoSuchObjectException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("NoSuchObject");
            assertThat(e.requestId()).isEqualTo("rid-404");
            assertThat(e.serverMessage()).isEqualTo("ODPS-0130131:not found");
            assertThat(e.call()).contains("GET /projects/p1/resources/gone.txt");
            assertThat(e.getMessage()).doesNotContain(SECRET);
        });
        server.script(r -> new Reply(401, Map.of(), "{\"Code\":\"SignatureNotMatch\",\"Message\":\"bad sig\",\"RequestId\":\"rid-j\"}"
                .getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> odps.getResource("x.txt")).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("SignatureNotMatch");
            assertThat(e.requestId()).isEqualTo("rid-j");
            assertThat(e.getMessage()).doesNotContain(SECRET);
        });
        server.script(r -> new Reply(409, Map.of(), "<Error><Code>ObjectAlreadyExists</Code><Message>dup</Message>"
                .concat("<RequestId>r9</RequestId><HostId/></Error>").getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> odps.createResource("y.txt", "file", "1"))
                .isInstanceOf(ObjectAlreadyExistsException.class);
        server.script(r -> new Reply(400, Map.of(), "plain failure".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> odps.deleteResource("z.txt")).isInstanceOfSatisfying(OdpsException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("HTTP400");
            assertThat(e.serverMessage()).isEqualTo("plain failure");
            assertThat(e.requestId()).isNotBlank();
        });
    }

    @Test
    void invalidNamesFailBeforeAnyRequest() {
        assertThatThrownBy(() -> odps.createResource("bad name.py", "py", "x"))
                .isInstanceOf(InvalidResourceNameException.class);
        assertThatThrownBy(() -> odps.createResource("script", "py", "x"))
                .isInstanceOf(InvalidResourceNameException.class);
        assertThatThrownBy(() -> odps.openResource("a/b", "r")).isInstanceOf(InvalidResourceNameException.class);
        assertThatThrownBy(() -> odps.deleteResource("ä.txt")).isInstanceOf(InvalidResourceNameException.class);
        assertThatThrownBy(() -> odps.openResource("ok.txt", "rw")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void stsTokenTravelsUnsignedAndRegionSwitchesToV4() {
        odps.close();
        odps = Odps.builder().endpoint(server.url()).project("p1").stsToken("ak", SECRET, "tok-1")
                .region("cn-hangzhou").build();
        server.script(r -> new Reply(200, META, new byte[0]));
        odps.getResource("a.py");
        Recorded r = server.requests().get(0);
        assertThat(r.header("authorization-sts-token")).isEqualTo("tok-1");
        assertThat(r.header("Authorization")).matches("ODPS ak/\\d{8}/cn-hangzhou/odps/aliyun_v4_request:.+");
    }

    private static String md5(byte[] bytes) {
        return Md5.hex(bytes);
    }
}
