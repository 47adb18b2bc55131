package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odpsexplorer.emulator.ErrorAnswersTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.odpsexplorer.wire.HeaderText;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.RequestSigner;

/**
 * Authentication ({@code protocol/rest.md} §6): the signature vectors verify byte for byte (V2, V4, raw UTF-8 header values,
 * percent-encoded paths), and each kind of failure gets its status and code while writing nothing.
 */
class AuthenticationTest {
    @TempDir
    Path dataDir;

    static Stream<JsonNode> vectors() throws IOException {
        try (InputStream in = AuthenticationTest.class.getResourceAsStream("/protocol/vectors/signature.json")) {
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(in).get("vectors").forEach(out::add);
            return out.stream();
        }
    }

    /**
     * Sends each vector's request exactly as specified (header values as raw UTF-8 bytes on the wire) to a server that
     * knows the vector's key: the signature must verify, i.e. the answer is neither 401 nor 403.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everySignatureVectorVerifies(JsonNode vector) throws IOException {
        JsonNode in = vector.get("inputs");
        String path = in.get("path").asText();
        String project = path.split("/")[3];
        EmulatorConfig config = EmulatorConfig.builder().dataDir(dataDir).project(project)
                .accessKey(in.get("access_id").asText(), in.get("secret").asText()).build();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        in.get("headers").forEach(h -> headers.add(new AbstractMap.SimpleImmutableEntry<>(h.get(0).asText(),
                h.get(1).asText())));
        headers.add(new AbstractMap.SimpleImmutableEntry<>("Authorization", vector.get("expected").get("authorization")
                .asText()));
        byte[] body = in.has("body_text") ? in.get("body_text").asText().getBytes(StandardCharsets.UTF_8)
                : in.has("body_hex") ? HexFormat.of().parseHex(in.get("body_hex").asText()) : null;
        if (body == null && headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Content-Length"))) {
            body = new byte[0];
        }
        String query = in.path("query").asText("");
        try (EmulatorServer server = EmulatorServer.start(config)) {
            RawHttp.Response r = RawHttp.send(server.port(), in.get("method").asText(),
                    path + (query.isEmpty() ? "" : "?" + query), headers, body);
            assertThat(r.status()).as(r.text()).isNotIn(401, 403);
            if (vector.get("id").asText().equals("v2-empty-merge-utf8-comment")) {
                assertThat(r.status()).isEqualTo(201);
                String name = headers.stream().filter(h -> h.getKey().equals("x-odps-resource-name")).findFirst()
                        .orElseThrow().getValue();
                String comment = headers.stream().filter(h -> h.getKey().equals("x-odps-comment")).findFirst()
                        .orElseThrow().getValue();
                RawHttp.Response meta = new SignedClient(server.port(), in.get("access_id").asText(),
                        in.get("secret").asText()).call("GET", "/projects/" + project + "/resources/" + name)
                        .query("meta").send();
                // the raw UTF-8 comment was stored as text and comes back RFC 2047-encoded (protocol/rest.md §7.11)
                assertThat(meta.header("x-odps-comment")).startsWith("=?UTF-8?B?");
                assertThat(HeaderText.decode(meta.header("x-odps-comment"))).isEqualTo(comment);
                assertThat(meta.header("x-odps-resource-size")).isEqualTo("0");
            }
        }
    }

    @Test
    void missingCredentialsAre401AuthorizationRequiredAndTheUploadIsNotStored() throws IOException {
        try (EmulatorServer server = start(false)) {
            SignedClient client = new SignedClient(server.port(), "ak", "sk");
            RawHttp.Response r = client.call("POST", "/projects/p1/resources").unsigned()
                    .header("x-odps-resource-name", "x.txt").header("x-odps-resource-type", "file").body("data").send();
            assertError(r, 401, "AuthorizationRequired");
            assertThat(client.call("GET", "/projects/p1/resources/x.txt").query("meta").send().status())
                    .isEqualTo(404);
        }
    }

    @Test
    void unknownAccessIdIs401InvalidParameterWithTheServiceCode() throws IOException {
        try (EmulatorServer server = start(false)) {
            RawHttp.Response r = new SignedClient(server.port(), "stranger", "sk").call("GET", "/projects/p1").send();
            assertError(r, 401, "InvalidParameter");
            assertThat(r.text()).contains("ODPS-0410051");
        }
    }

    @Test
    void wrongSecretIs403SignatureNotMatchAndNothingIsWritten() throws IOException {
        try (EmulatorServer server = start(false)) {
            RawHttp.Response r = new SignedClient(server.port(), "ak", "wrong").call("POST", "/projects/p1/resources")
                    .header("x-odps-resource-name", "x.txt").header("x-odps-resource-type", "file").body("data").send();
            assertError(r, 403, "SignatureNotMatch");
            assertThat(new SignedClient(server.port(), "ak", "sk").call("GET", "/projects/p1/resources/x.txt")
                    .query("meta").send().status()).isEqualTo(404);
        }
    }

    @Test
    void tamperedSignedHeaderIs403() throws IOException {
        try (EmulatorServer server = start(false)) {
            SignedClient client = new SignedClient(server.port(), "ak", "sk");
            RawHttp.Response ok = client.call("GET", "/projects/p1").header("x-odps-user-agent", "a").send();
            assertThat(ok.status()).isEqualTo(200);
            // same signature, different signed header value: must not verify
            String date = HttpDates.format(Instant.now());
            String auth = signatureOf(client, date);
            RawHttp.Response bad = client.call("GET", "/projects/p1").date(date).header("x-odps-user-agent", "b")
                    .authorization(auth).send();
            assertError(bad, 403, "SignatureNotMatch");
        }
    }

    @Test
    void skewedDateIs400RequestTimeTooSkewdWhenTheCheckIsOn() throws IOException {
        try (EmulatorServer server = start(true)) {
            SignedClient client = new SignedClient(server.port(), "ak", "sk");
            assertThat(client.call("GET", "/projects/p1").send().status()).isEqualTo(200);
            RawHttp.Response r = client.call("GET", "/projects/p1")
                    .date(HttpDates.format(Instant.now().minusSeconds(16 * 60))).send();
            assertError(r, 400, "RequestTimeTooSkewd");
            assertThat(r.text()).contains("ODPS-0410031").contains("max_interval_date:900000");
        }
    }

    @Test
    void bearerTokensAreCheckedAgainstTheConfiguredList() throws IOException {
        EmulatorConfig config = EmulatorConfig.builder().dataDir(dataDir).project("p1").accessKey("ak", "sk")
                .bearerToken("good-token").build();
        try (EmulatorServer server = EmulatorServer.start(config)) {
            SignedClient client = new SignedClient(server.port(), "ak", "sk");
            assertThat(client.call("GET", "/projects/p1").unsigned().header("x-odps-bearer-token", "good-token")
                    .send().status()).isEqualTo(200);
            assertError(client.call("GET", "/projects/p1").unsigned().header("x-odps-bearer-token", "bad-token")
                    .send(), 401, "AuthorizationRequired");
        }
    }

    @Test
    void stsTokenHeaderIsAcceptedNextToAValidSignatureOnlyWhenConfigured() throws IOException {
        try (EmulatorServer server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project("p1")
                .accessKey("ak", "sk").stsToken("opaque-token").build())) {
            SignedClient client = new SignedClient(server.port(), "ak", "sk");
            RawHttp.Response r = client.call("GET", "/projects/p1").header("authorization-sts-token", "opaque-token")
                    .send();
            assertThat(r.status()).isEqualTo(200);
            assertError(client.call("GET", "/projects/p1").header("authorization-sts-token", "other-token").send(),
                    401, "InvalidParameter");
        }
    }

    @Test
    void acceptAllModeTakesAnyCredentials() throws IOException {
        EmulatorConfig config = EmulatorConfig.builder().dataDir(dataDir).project("p1").acceptAll(true).build();
        try (EmulatorServer server = EmulatorServer.start(config)) {
            assertThat(new SignedClient(server.port(), "whoever", "whatever").call("GET", "/projects/p1").send()
                    .status()).isEqualTo(200);
        }
    }

    private EmulatorServer start(boolean skewCheck) throws IOException {
        return EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project("p1").accessKey("ak", "sk")
                .clockSkewCheck(skewCheck).build());
    }

    /** The Authorization a GET /projects/p1 with x-odps-user-agent "a" and this Date carries. */
    private static String signatureOf(SignedClient client, String date) {
        List<Map.Entry<String, String>> headers = List.of(Map.entry("x-odps-user-agent", "a"), Map.entry("Date", date));
        String toSign = RequestSigner.stringToSign("GET", headers, Map.of(), "/projects/p1");
        return RequestSigner.authorizationV2("ak", "sk", toSign);
    }
}
