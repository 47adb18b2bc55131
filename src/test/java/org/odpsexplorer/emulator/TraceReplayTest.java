package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays, byte for byte, every request the official clients sent in the recorded traces
 * ({@code protocol/traces/javasdk.jsonl}, {@code pyodps.jsonl}) against a fresh emulator and checks the status codes
 * match the recorded ones. The requests are real client output signed with {@code capture_ak}/{@code capture_sk}, so
 * this also proves the emulator verifies every real signature (V2, percent-encoded paths, valueless flags, Java's
 * missing Content-Length). The recorded Dates are from the capture day, so the skew check is off here.
 *
 * <p>Skipped requests, and why: tunnel requests (no {@code /api} prefix) and polls of a recorded instance id
 * ({@code /instances/<id>}): both carry session or instance ids that only the recorded server issued. The instance
 * submissions themselves are replayed, so the tables and partitions later requests read do exist.
 */
class TraceReplayTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"javasdk", "pyodps"})
    void replayedRequestsGetTheRecordedStatus(String client) throws IOException {
        List<JsonNode> records = load("/protocol/traces/" + client + ".jsonl");
        EmulatorConfig config = EmulatorConfig.builder().dataDir(dataDir.resolve(client)).project("capture_proj")
                .accessKey("capture_ak", "capture_sk").clockSkewCheck(false).build();
        List<String> mismatches = new ArrayList<>();
        int replayed = 0;
        try (EmulatorServer server = EmulatorServer.start(config)) {
            for (JsonNode r : records) {
                String path = r.get("path").asText();
                if (!path.startsWith("/api/") || path.contains("/instances/")) {
                    continue;
                }
                String query = r.get("query").asText("");
                String target = query.isEmpty() ? path : path + "?" + query;
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                boolean hasLength = false;
                for (JsonNode h : r.get("headers")) {
                    headers.add(new AbstractMap.SimpleImmutableEntry<>(h.get(0).asText(), h.get(1).asText()));
                    hasLength |= h.get(0).asText().equalsIgnoreCase("Content-Length");
                }
                byte[] body = null;
                if (r.has("body_hex")) {
                    body = HexFormat.of().parseHex(r.get("body_hex").asText());
                } else if (r.has("body_text")) {
                    body = r.get("body_text").asText().getBytes(StandardCharsets.UTF_8);
                } else if (hasLength) {
                    body = new byte[0];
                }
                assertThat(body == null ? 0 : body.length).as("body of #%s", r.get("seq"))
                        .isEqualTo(r.get("body_len").asInt());
                RawHttp.Response response = RawHttp.send(server.port(), r.get("method").asText(), target, headers, body);
                replayed++;
                int expected = r.get("response").get("status").asInt();
                if (!sameOutcome(r, expected, response.status())) {
                    mismatches.add("#" + r.get("seq") + " " + r.get("method").asText() + " " + target + ": recorded "
                            + expected + ", got " + response.status() + " " + response.text());
                }
                assertThat(response.header("x-odps-request-id")).as("request id of #%s", r.get("seq")).isNotBlank();
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(replayed).isGreaterThan(90);
    }

    /**
     * Exact status, with two documented deviations: updates (PUT) answer 201 where the stand-in said 200 (protocol/rest.md §4.1:
     * 201 is what the server SHOULD send; both clients accept any 2xx), and {@code /logview/host} answers 200 where
     * the stand-in said 404 (protocol/rest.md §10.4 asks for 200; PyODPS ignores any error there).
     */
    private static boolean sameOutcome(JsonNode r, int expected, int actual) {
        if (expected == actual) {
            return true;
        }
        String method = r.get("method").asText();
        if (method.equals("PUT") && expected == 200 && actual == 201) {
            return true;
        }
        return r.get("path").asText().equals("/api/logview/host") && actual == 200;
    }

    private static List<JsonNode> load(String resource) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = TraceReplayTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(mapper.readTree(line));
                }
            }
        }
        return out;
    }
}
