package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per error rule of the protocol that a bad-input run found broken: malformed request lines and unknown HTTP
 * versions (Jetty answers those before any route), errors on tunnel paths in the tunnel's JSON shape even when they
 * happen before routing, ASCII-only numbers, resource names as the service checks them, STS tokens, and the
 * {@code serve} refusal to expose the built-in key. None of them may answer 5xx.
 */
class ProtocolErrorRulesTest {
    static final String P = "/projects/p1";

    @TempDir
    Path dataDir;
    EmulatorServer server;
    SignedClient client;

    @BeforeEach
    void start() throws IOException {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project("p1").accessKey("ak", "sk")
                .stsToken("good-sts-token").build());
        client = new SignedClient(server.port(), "ak", "sk");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Writes {@code head} verbatim and reads the answer. */
    private RawHttp.Response rawRequest(String head) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return RawHttp.read(in);
        }
    }

    private static void assertXmlError(RawHttp.Response r, int status, String code) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/xml");
        assertThat(r.text()).contains("<Code>" + code + "</Code>").contains("<Message>").contains("<RequestId>")
                .contains("<HostId>");
        assertThat(r.header("x-odps-request-id")).isNotBlank();
    }

    private static void assertJsonError(RawHttp.Response r, int status, String code) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.text()).startsWith("{").contains("\"Code\":\"" + code + "\"").contains("\"Message\":")
                .contains("\"RequestId\":").doesNotContain("<Error>");
    }

    // ---- malformed request lines --------------------------------------------------------------------------------

    @Test
    void unknownHttpVersionIsA400WithTheXmlBodyNotA505() throws IOException {
        RawHttp.Response r = rawRequest("GET /api/projects/p1 HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertXmlError(r, 400, "InvalidParameter");
        assertThat(r.text()).contains("ODPS-0420111");
    }

    @Test
    void garbledRequestLinesAre400WithTheXmlBody() throws IOException {
        for (String line : List.of("GET\r\n", "GET /api/projects/p1\u0001 HTTP/1.1\r\n", "G(T /api HTTP/1.1\r\n",
                "GET /api/projects/p1 HTTX/1.1\r\n")) {
            RawHttp.Response r = rawRequest(line + "Host: x\r\nConnection: close\r\n\r\n");
            assertThat(r.status()).as(line).isEqualTo(400);
            assertThat(r.text()).as(line).contains("<Code>InvalidParameter</Code>").contains("<RequestId>");
        }
    }

    // ---- tunnel endpoint: JSON for every error ------------------------------------------------------------------

    @Test
    void tunnelPathErrorsAreJsonAlsoBeforeRouting() throws IOException {
        // bad signature
        RawHttp.Response badSig = client.call("POST", P + "/tables/t").tunnel().query("uploads")
                .authorization("ODPS ak:AAAAAAAAAAAAAAAAAAAAAAAAAAA=").send();
        assertJsonError(badSig, 403, "SignatureNotMatch");
        // no credentials
        assertJsonError(client.call("GET", P + "/tables/t").tunnel().query("downloadid=x").unsigned().send(), 401,
                "AuthorizationRequired");
        // a path Jetty's URI parser refuses (truncated or non-hex escape) reaches no handler and Jetty substitutes
        // /badMessage for it: the tunnel's JSON body all the same
        for (String bad : List.of("/projects/p1/tables/%E6%9", "/projects/p1/tables/%G1/upload",
                "/projects/p1/tables/t%2/preview")) {
            RawHttp.Response badPath = RawHttp.send(server.port(), "GET", bad, List.of(), null);
            assertJsonError(badPath, 400, "InvalidParameter");
            assertThat(badPath.text()).as(bad).contains("ODPS-0420111");
        }
        // an unknown project path of the tunnel
        assertJsonError(client.call("GET", "/projects").tunnel().send(), 404, "NoSuchObject");
        // a path that is neither endpoint answers in the API's shape
        assertXmlError(client.call("GET", "/nowhere").tunnel().send(), 404, "NoSuchObject");
        // a query that does not decode
        assertJsonError(RawHttp.send(server.port(), "GET", "/projects/p1/tables/t?downloadid=%zz", List.of(), null),
                400, "InvalidParameter");
        // the API endpoint keeps XML for the same failures
        assertXmlError(RawHttp.send(server.port(), "GET", "/api/projects/p1/tables/%E6%9", List.of(), null), 400,
                "InvalidParameter");
    }

    @Test
    void jettyLevelErrorsOnTunnelPathsAreJson() throws IOException {
        RawHttp.Response r = RawHttp.send(server.port(), "GET", "/projects/p1/tables/t",
                List.of(Map.entry("x-big", "y".repeat(64 * 1024))), null);
        assertJsonError(r, 431, "InvalidParameter");
    }

    // ---- numbers --------------------------------------------------------------------------------------------------

    @Test
    void numbersInQueryParametersAreAsciiDigitsOnly() throws IOException {
        String fullWidth = "%EF%BC%91%EF%BC%90"; // "１０"
        assertXmlError(client.call("GET", P + "/resources").query("maxitems=" + fullWidth).send(), 400,
                "InvalidParameter");
        assertXmlError(client.call("GET", P + "/resources").query("maxitems=%D9%A3").send(), 400, // Arabic-Indic 3
                "InvalidParameter");
        assertXmlError(client.call("GET", P + "/resources").query("maxitems=+5").send(), 400, "InvalidParameter");
        assertThat(client.call("GET", P + "/resources").query("maxitems=5").send().status()).isEqualTo(200);
        client.call("POST", P + "/resources").header("x-odps-resource-name", "n.txt")
                .header("x-odps-resource-type", "file").body("0123456789").send();
        assertXmlError(client.call("GET", P + "/resources/n.txt").query("rOffset=" + fullWidth + "&rSize=2").send(),
                400, "InvalidParameter");
        assertThat(client.call("GET", P + "/resources/n.txt").query("rOffset=1&rSize=2").send().text())
                .isEqualTo("12");
    }

    // ---- resource names ----------------------------------------------------------------------------------------

    @Test
    void resourceNamesFollowTheServiceRules() throws IOException {
        String ok = "a".repeat(128);
        assertThat(create(ok).status()).isEqualTo(201);
        RawHttp.Response tooLong = create("a".repeat(129));
        assertXmlError(tooLong, 400, "InvalidParameter");
        assertThat(tooLong.text()).contains("at most 128");
        for (String dots : List.of("..", ".")) {
            RawHttp.Response r = create(dots);
            assertXmlError(r, 400, "InvalidParameter");
            assertThat(r.text()).contains("name");
        }
        // a signed trailing blank in the name header: Jetty trims it, the signature then fails, and the answer must
        // still be the name error the client deserves
        RawHttp.Response blank = create("trailing ");
        assertXmlError(blank, 400, "InvalidParameter");
        assertThat(blank.text()).contains("trailing blank");
        // a wrong signature stays a signature error
        assertXmlError(client.call("POST", P + "/resources").header("x-odps-resource-name", "x ")
                .header("x-odps-resource-type", "file").authorization("ODPS ak:AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                .body("a").send(), 403, "SignatureNotMatch");
        assertXmlError(client.call("GET", P + "/resources/" + "b".repeat(129)).query("meta").send(), 400,
                "InvalidParameter");
        assertXmlError(client.call("DELETE", P + "/resources/..").send(), 400, "InvalidParameter");
    }

    private RawHttp.Response create(String name) throws IOException {
        return client.call("POST", P + "/resources").header("x-odps-resource-name", name)
                .header("x-odps-resource-type", "file").body("x").send();
    }

    // ---- STS -------------------------------------------------------------------------------------------------------

    @Test
    void stsTokensAreCheckedAgainstTheConfiguredOnes() throws IOException {
        assertThat(client.call("GET", P).header("authorization-sts-token", "good-sts-token").send().status())
                .isEqualTo(200);
        RawHttp.Response bad = client.call("GET", P).header("authorization-sts-token", "forged").send();
        assertXmlError(bad, 401, "InvalidParameter");
        assertThat(bad.text()).contains("STS");
        assertThat(client.call("GET", P).send().status()).isEqualTo(200);
    }

    // ---- serve safety ---------------------------------------------------------------------------------------------

    @Test
    void serveRefusesANonLoopbackBindWithTheBuiltInKey() {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = ServeCommand.run(new String[] {"--host", "0.0.0.0", "--port", "0", "--data",
                    dataDir.resolve("other").toString()});
        } finally {
            System.setErr(oldErr);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to bind 0.0.0.0")
                .contains("--access-id").contains("public");
    }

    @Test
    void loopbackNamesAreRecognised() {
        assertThat(ServeCommand.isLoopbackHost("127.0.0.1")).isTrue();
        assertThat(ServeCommand.isLoopbackHost("localhost")).isTrue();
        assertThat(ServeCommand.isLoopbackHost("::1")).isTrue();
        assertThat(ServeCommand.isLoopbackHost("[::1]")).isTrue();
        assertThat(ServeCommand.isLoopbackHost("0.0.0.0")).isFalse();
        assertThat(ServeCommand.isLoopbackHost("no-such-host.invalid")).isFalse();
    }
}
