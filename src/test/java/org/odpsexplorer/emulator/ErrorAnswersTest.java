package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every expected failure gets the documented status and a complete XML error ({@code protocol/rest.md} §5): Code, Message
 * starting {@code ODPS-}, RequestId, HostId; never a 500, never a hang, and the stored state does not change.
 */
class ErrorAnswersTest {
    private static final String P = "/projects/p1";

    @TempDir
    Path dataDir;
    EmulatorServer server;
    SignedClient client;

    @BeforeEach
    void start() throws IOException {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project("p1")
                .accessKey("ak", "sk").build());
        client = new SignedClient(server.port(), "ak", "sk");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unknownProjectIs404NoSuchObjectWithAllFourErrorElements() throws IOException {
        RawHttp.Response r = client.call("GET", "/projects/nope/resources").query("expectmarker=true").send();
        assertError(r, 404, "NoSuchObject");
        assertThat(r.hasExactHeader("x-odps-request-id")).isTrue();
        assertThat(r.text()).contains("<RequestId>" + r.header("x-odps-request-id") + "</RequestId>");
    }

    @Test
    void missingResourceMetaContentAndDeleteAre404() throws IOException {
        assertError(client.call("GET", P + "/resources/none.txt").query("meta").send(), 404, "NoSuchObject");
        assertError(client.call("GET", P + "/resources/none.txt").send(), 404, "NoSuchObject");
        assertError(client.call("DELETE", P + "/resources/none.txt").send(), 404, "NoSuchObject");
    }

    @Test
    void postOfAnExistingNameIs409AndKeepsTheOriginal() throws IOException {
        assertThat(create("a.txt", "first").status()).isEqualTo(201);
        assertError(create("a.txt", "second"), 409, "ObjectAlreadyExists");
        assertThat(client.call("GET", P + "/resources/a.txt").send().text()).isEqualTo("first");
    }

    @Test
    void putOfAMissingResourceIs404ForPlainAndMergeUpdates() throws IOException {
        assertError(client.call("PUT", P + "/resources/ghost.txt").header("x-odps-resource-type", "file")
                .header("x-odps-resource-name", "ghost.txt").body("x").send(), 404, "NoSuchObject");
        assertError(client.call("PUT", P + "/resources/ghost.txt").query("rOpMerge=true")
                .header("x-odps-resource-type", "file").header("x-odps-resource-merge-total-bytes", "0")
                .body("d41d8cd98f00b204e9800998ecf8427e|").send(), 404, "NoSuchObject");
        assertThat(client.call("GET", P + "/resources/ghost.txt").query("meta").send().status()).isEqualTo(404);
    }

    @Test
    void badNamesAre400() throws IOException {
        assertError(client.call("GET", P + "/resources/a%2Fb").query("meta").send(), 400, "InvalidParameter");
        assertError(client.call("GET", P + "/resources/a%0Ab").query("meta").send(), 400, "InvalidParameter");
        assertError(client.call("GET", P + "/resources/%20lead").query("meta").send(), 400, "InvalidParameter");
        assertError(create("x".repeat(300), "long"), 400, "InvalidParameter");
        assertError(client.call("POST", P + "/resources").header("x-odps-resource-type", "file").body("no name")
                .send(), 400, "InvalidParameter");
    }

    @Test
    void unknownOrMissingResourceTypeIs400() throws IOException {
        assertError(client.call("POST", P + "/resources").header("x-odps-resource-name", "t.bin")
                .header("x-odps-resource-type", "blob").body("x").send(), 400, "InvalidParameter");
        assertError(client.call("POST", P + "/resources").header("x-odps-resource-name", "t.bin").body("x").send(),
                400, "InvalidParameter");
        assertThat(client.call("GET", P + "/resources/t.bin").query("meta").send().status()).isEqualTo(404);
    }

    @Test
    void badRangeParametersAre400() throws IOException {
        create("r.txt", "0123456789");
        for (String q : List.of("rOffset=-1", "rOffset=abc", "rOffset=0&rSize=-5", "rSize=1e3", "rOffset=")) {
            assertError(client.call("GET", P + "/resources/r.txt").query(q).send(), 400, "InvalidParameter");
        }
    }

    @Test
    void contentMd5MismatchIs400AndStoresNothing() throws IOException {
        RawHttp.Response r = client.call("POST", P + "/resources").header("x-odps-resource-name", "m.txt")
                .header("x-odps-resource-type", "file").header("Content-MD5", "00000000000000000000000000000000")
                .noContentMd5().body("payload").send();
        assertError(r, 400, "InvalidParameter");
        assertThat(client.call("GET", P + "/resources/m.txt").query("meta").send().status()).isEqualTo(404);
    }

    @Test
    void aBodyOfManyReceiveBuffersIsStoredByteExactAndCheckedAgainstItsContentMd5() throws Exception {
        // 1 MiB and a bit: many of the server's 64 KiB receive buffers, written to disk one by one
        byte[] big = new byte[(1 << 20) + 12_345];
        new Random(17).nextBytes(big);
        RawHttp.Response ok = client.call("POST", P + "/resources").header("x-odps-resource-name", "big.bin")
                .header("x-odps-resource-type", "file").body(big).send();
        assertThat(ok.status()).isEqualTo(201);
        assertThat(client.call("GET", P + "/resources/big.bin").send().body()).isEqualTo(big);
        // one bit flipped in the last buffer: the MD5 of the bytes that arrived no longer matches the header
        byte[] flipped = big.clone();
        flipped[flipped.length - 1] ^= 1;
        String md5OfBig = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(big));
        assertError(client.call("POST", P + "/resources").header("x-odps-resource-name", "big2.bin")
                .header("x-odps-resource-type", "file").header("Content-MD5", md5OfBig).noContentMd5().body(flipped)
                .send(), 400, "InvalidParameter");
        assertThat(client.call("GET", P + "/resources/big2.bin").query("meta").send().status()).isEqualTo(404);
    }

    @Test
    void malformedMergeBodiesAre400() throws IOException {
        part("f.part.tmp.000000", "abc");
        for (String body : List.of("no separator", "xyz|f.part.tmp.000000", "0123456789abcdef0123456789abcdeg|",
                "\u0000|", "900150983cd24fb0d6963f7d28e17f72|bad/part")) {
            assertError(merge("POST", "f", body, "3"), 400, "InvalidParameter");
        }
        assertError(merge("POST", "f", "900150983cd24fb0d6963f7d28e17f72|f.part.tmp.000000", "three"), 400,
                "InvalidParameter");
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, '|'};
        assertError(client.call("POST", P + "/resources").query("rOpMerge=true").header("x-odps-resource-name", "f")
                .header("x-odps-resource-type", "file").body(notUtf8).send(), 400, "InvalidParameter");
        assertThat(client.call("GET", P + "/resources/f").query("meta").send().status()).isEqualTo(404);
        // the part survives every failed merge
        assertThat(client.call("GET", P + "/resources/f.part.tmp.000000").send().text()).isEqualTo("abc");
    }

    @Test
    void mergeWithWrongMd5OrTotalLeavesTheResourceAndPartsUnchanged() throws IOException {
        create("keep.txt", "old content");
        part("keep.txt.part.tmp.000000", "new ");
        part("keep.txt.part.tmp.000001", "content");
        String parts = "keep.txt.part.tmp.000000,keep.txt.part.tmp.000001";
        String rightMd5 = SignedClient.md5Hex("new content".getBytes(StandardCharsets.UTF_8));
        assertError(merge("PUT", "keep.txt", "0123456789abcdef0123456789abcdef|" + parts, "11"), 400,
                "InvalidParameter");
        assertError(merge("PUT", "keep.txt", rightMd5 + "|" + parts, "12"), 400, "InvalidParameter");
        assertThat(client.call("GET", P + "/resources/keep.txt").send().text()).isEqualTo("old content");

        assertThat(merge("PUT", "keep.txt", rightMd5.toUpperCase() + "|" + parts, "11").status()).isEqualTo(201);
        assertThat(client.call("GET", P + "/resources/keep.txt").send().text()).isEqualTo("new content");
        assertThat(client.call("GET", P + "/resources/keep.txt.part.tmp.000000").query("meta").send().status())
                .isEqualTo(404);
    }

    @Test
    void mergeNamingAMissingPartIs404() throws IOException {
        assertError(merge("POST", "z", "d41d8cd98f00b204e9800998ecf8427e|z.part.tmp.000000", "0"), 404,
                "NoSuchObject");
    }

    @Test
    void mergePostOfAnExistingNameIs409() throws IOException {
        create("e.txt", "x");
        assertError(merge("POST", "e.txt", "d41d8cd98f00b204e9800998ecf8427e|", "0"), 409, "ObjectAlreadyExists");
    }

    @Test
    void unsupportedMethodsOnKnownPathsAre405() throws IOException {
        assertError(client.call("DELETE", P + "/resources").send(), 405, "MethodNotAllowed");
        assertError(client.call("PATCH", P + "/resources/a.txt").body("x").send(), 405, "MethodNotAllowed");
        assertError(client.call("POST", P).body("x").send(), 405, "MethodNotAllowed");
    }

    @Test
    void tableResourceWithMalformedSourceIs400() throws IOException {
        for (String source : List.of("", "p1..t", "p1.t partition(", "a.b.c.d", "p1.t partition()")) {
            assertError(client.call("POST", P + "/resources").header("x-odps-resource-name", "tr")
                    .header("x-odps-resource-type", "table").header("x-odps-copy-table-source", source).send(),
                    400, "InvalidParameter");
        }
    }

    @Test
    void contentOfATableResourceIs400() throws IOException {
        // table resources must name an existing table (TableSourceCheck), so create it through a SQL instance first
        assertThat(client.call("POST", P + "/instances").header("Content-Type", "application/xml")
                .body("<Instance><Job><Tasks><SQL><Name>t</Name><Query>CREATE TABLE t1 (a BIGINT);</Query></SQL>"
                        + "</Tasks></Job></Instance>").send().status()).isEqualTo(201);
        assertThat(client.call("POST", P + "/resources").header("x-odps-resource-name", "tr")
                .header("x-odps-resource-type", "table").header("x-odps-copy-table-source", "t1").send().status())
                .isEqualTo(201);
        assertThat(client.call("GET", P + "/resources/tr").query("meta").send().header("x-odps-copy-table-source"))
                .isEqualTo("p1.t1");
        assertError(client.call("GET", P + "/resources/tr").send(), 400, "InvalidParameter");
    }

    @Test
    void malformedPercentEscapesAndGarbageTargetsNeverGive500() throws IOException {
        for (String target : List.of("/api/projects/p1/resources/%zz", "/api/projects/p1/resources/abc%",
                "/api/projects/p1/resources/%E6%95", "/api/projects/p1/resources?name=%zz&expectmarker=true",
                "/api/%%%", "/totally/else", "/api", "/", "/api/projects/p1/resources/a/../../x",
                "/api/projects//resources", "/api/projects/p1/resources/%00")) {
            RawHttp.Response r = RawHttp.send(server.port(), "GET", target, List.of(), null);
            assertThat(r.status()).as(target).isBetween(400, 499);
            assertThat(r.text()).as(target).contains("<Code>").contains("<RequestId>").contains("<HostId>");
            assertThat(r.hasExactHeader("x-odps-request-id")).as(target).isTrue();
        }
    }

    @Test
    void oversizedHeaderBlockIsRejectedWithoutHanging() throws IOException {
        RawHttp.Response r = RawHttp.send(server.port(), "GET", "/api/projects/p1",
                List.of(Map.entry("x-odps-big", "y".repeat(64 * 1024))), null);
        assertThat(r.status()).isBetween(400, 499);
    }

    @Test
    void truncatedUploadBodyStoresNothing() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            s.setSoTimeout(30_000);
            String head = "POST /api/projects/p1/resources HTTP/1.1\r\nHost: x\r\n"
                    + "x-odps-resource-name: cut.bin\r\nx-odps-resource-type: file\r\nContent-Length: 1000\r\n\r\n";
            // unsigned: the server must refuse it before reading the body ...
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[100]);
            out.flush();
            s.shutdownOutput();
            RawHttp.Response r = RawHttp.read(s.getInputStream());
            assertThat(r.status()).isEqualTo(401);
        }
        // ... and a signed one whose body stops early is dropped as a whole
        assertThat(client.call("GET", P + "/resources/cut.bin").query("meta").send().status()).isEqualTo(404);
        SignedClient.Call call = client.call("POST", P + "/resources").header("x-odps-resource-name", "cut.bin")
                .header("x-odps-resource-type", "file").header("Content-Length", "1000").noContentMd5()
                .body(new byte[100]).halfClose();
        int status;
        try {
            status = call.send().status();
        } catch (IOException e) {
            status = -1; // the server may close the connection instead of answering: equally fine
        }
        assertThat(status).isNotEqualTo(201).isNotEqualTo(500);
        assertThat(client.call("GET", P + "/resources/cut.bin").query("meta").send().status()).isEqualTo(404);
        try (Stream<Path> staged = Files.list(dataDir.resolve("tmp"))) {
            assertThat(staged).isEmpty();
        }
    }

    @Test
    void aRejectedLargeUploadStillGetsItsErrorAnswerRatherThanABrokenPipe() throws IOException {
        byte[] big = new byte[8 * 1024 * 1024];
        // the client writes the whole body before reading, like HttpURLConnection does
        assertError(client.call("POST", "/projects/nope/resources").header("x-odps-resource-name", "b.bin")
                .header("x-odps-resource-type", "file").body(big).send(), 404, "NoSuchObject");
        assertError(new SignedClient(server.port(), "ak", "wrong").call("POST", P + "/resources")
                .header("x-odps-resource-name", "b.bin").header("x-odps-resource-type", "file").body(big).send(),
                403, "SignatureNotMatch");
        assertThat(client.call("GET", P + "/resources/b.bin").query("meta").send().status()).isEqualTo(404);
    }

    @Test
    void malformedChunkedBodyIs400AndStoresNothing() throws IOException {
        RawHttp.Response r = client.call("POST", P + "/resources").header("x-odps-resource-name", "ch.bin")
                .header("x-odps-resource-type", "file").header("Transfer-Encoding", "chunked").noContentMd5()
                .body("5\r\nhello\r\nzz\r\nbroken").halfClose().send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(client.call("GET", P + "/resources/ch.bin").query("meta").send().status()).isEqualTo(404);
        RawHttp.Response ok = client.call("POST", P + "/resources").header("x-odps-resource-name", "ch.bin")
                .header("x-odps-resource-type", "file").header("Transfer-Encoding", "chunked").noContentMd5()
                .body("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").send();
        assertThat(ok.status()).isEqualTo(201);
        assertThat(client.call("GET", P + "/resources/ch.bin").send().text()).isEqualTo("hello world");
    }

    @Test
    void tunnelEndpointAnswersInItsJsonShape() throws IOException {
        RawHttp.Response unsigned = RawHttp.send(server.port(), "POST", "/projects/p1/tables/t?uploads", List.of(),
                new byte[0]);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.header("Content-Type")).startsWith("application/json");
        assertThat(unsigned.text()).startsWith("{\"Code\":\"AuthorizationRequired\"");

        RawHttp.Response signed = client.call("POST", "/projects/p1/tables/t").tunnel().query("uploads").send();
        assertThat(signed.status()).isEqualTo(404);
        assertThat(signed.header("Content-Type")).startsWith("application/json");
        assertThat(signed.text()).startsWith("{\"Code\":\"NoSuchTable\",\"Message\":\"")
                .contains("\"RequestId\":\"" + signed.header("x-odps-request-id") + "\"");
    }

    private RawHttp.Response create(String name, String content) throws IOException {
        return client.call("POST", P + "/resources").header("x-odps-resource-name", name)
                .header("x-odps-resource-type", "file").header("Content-Type", "application/octet-stream")
                .body(content).send();
    }

    private void part(String name, String content) throws IOException {
        assertThat(client.call("POST", P + "/resources").query("rIsPart=true").header("x-odps-resource-name", name)
                .header("x-odps-resource-type", "file").header("x-odps-resource-istemp", "true").body(content).send()
                .status()).isEqualTo(201);
    }

    private RawHttp.Response merge(String method, String name, String body, String total) throws IOException {
        String path = method.equals("PUT") ? P + "/resources/" + name : P + "/resources";
        return client.call(method, path).query("rOpMerge=true").header("x-odps-resource-name", name)
                .header("x-odps-resource-type", "file").header("x-odps-resource-merge-total-bytes", total)
                .body(body).send();
    }

    static void assertError(RawHttp.Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/xml");
        String body = r.text();
        assertThat(body).contains("<Code>" + code + "</Code>").contains("<Message><![CDATA[ODPS-")
                .contains("<RequestId>").contains("<HostId>");
        assertThat(r.header("x-odps-request-id")).isNotBlank();
    }
}
