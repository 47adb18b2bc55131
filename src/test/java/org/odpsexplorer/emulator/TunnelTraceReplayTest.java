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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays every recorded request of both official clients in order, tunnel and instance polls included: ids the
 * recording server issued (instances, upload and download sessions) are replaced by the ones this emulator issued
 * for the same step. Every request must get the recorded status (with the deviations documented in
 * {@link TraceReplayTest}), and the recorded data downloads must come back byte-identical.
 */
class TunnelTraceReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"javasdk", "pyodps"})
    void wholeTraceReplaysWithTheRecordedOutcomes(String client) throws IOException {
        // signatures cannot survive the id substitution, so this replay accepts any credentials
        EmulatorConfig config = EmulatorConfig.builder().dataDir(dataDir).project("capture_proj").acceptAll(true)
                .clockSkewCheck(false).build();
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        int tunnelCalls = 0;
        int dataReads = 0;
        try (EmulatorServer server = EmulatorServer.start(config)) {
            for (JsonNode r : load("/protocol/traces/" + client + ".jsonl")) {
                String query = r.get("query").asText("");
                String target = substitute(query.isEmpty() ? r.get("path").asText()
                        : r.get("path").asText() + "?" + query, ids);
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                for (JsonNode h : r.get("headers")) {
                    if (!h.get(0).asText().equalsIgnoreCase("Transfer-Encoding")) {
                        headers.add(new AbstractMap.SimpleImmutableEntry<>(h.get(0).asText(), h.get(1).asText()));
                    }
                }
                byte[] body = r.has("body_hex") ? HexFormat.of().parseHex(r.get("body_hex").asText())
                        : r.has("body_text") ? r.get("body_text").asText().getBytes(StandardCharsets.UTF_8)
                        : r.get("body_len").asInt() == 0 && !r.get("method").asText().equals("GET") ? new byte[0]
                        : null;
                RawHttp.Response response = RawHttp.send(server.port(), r.get("method").asText(), target, headers,
                        body);
                JsonNode recorded = r.get("response");
                int expected = recorded.get("status").asInt();
                if (!sameOutcome(r, expected, response.status())) {
                    mismatches.add("#" + r.get("seq") + " " + r.get("method").asText() + " " + target + ": recorded "
                            + expected + ", got " + response.status() + " " + response.text());
                    continue;
                }
                learnIds(recorded, response, ids);
                if (!r.get("path").asText().startsWith("/api/")) {
                    tunnelCalls++;
                    if (query.contains("data") && recorded.has("body_hex")) {
                        assertThat(response.body()).as("data of #%s", r.get("seq"))
                                .isEqualTo(HexFormat.of().parseHex(recorded.get("body_hex").asText()));
                        dataReads++;
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(tunnelCalls).isGreaterThanOrEqualTo(7);
        assertThat(dataReads).isEqualTo(1);
    }

    /** Maps the recording's instance / session ids to this emulator's, from the two answers to the same request. */
    private static void learnIds(JsonNode recorded, RawHttp.Response ours, Map<String, String> ids)
            throws IOException {
        String location = null;
        for (JsonNode h : recorded.get("headers")) {
            if (h.get(0).asText().equalsIgnoreCase("Location")) {
                location = h.get(1).asText();
            }
        }
        if (location != null && ours.header("Location") != null) {
            ids.put(lastSegment(location), lastSegment(ours.header("Location")));
        }
        if (recorded.has("body_text") && recorded.get("body_text").asText().startsWith("{")) {
            JsonNode theirs = JSON.readTree(recorded.get("body_text").asText());
            JsonNode mine = JSON.readTree(ours.body());
            for (String key : List.of("UploadID", "DownloadID")) {
                if (theirs.has(key) && mine.has(key)) {
                    ids.put(theirs.get(key).asText(), mine.get(key).asText());
                }
            }
        }
    }

    private static String substitute(String target, Map<String, String> ids) {
        String out = target;
        for (Map.Entry<String, String> e : ids.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private static String lastSegment(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static boolean sameOutcome(JsonNode r, int expected, int actual) {
        if (expected == actual) {
            return true;
        }
        String path = r.get("path").asText();
        if (r.get("method").asText().equals("PUT") && path.startsWith("/api/") && expected == 200 && actual == 201) {
            return true; // resource updates answer 201 (protocol/rest.md §4.1), as in TraceReplayTest
        }
        return path.equals("/api/logview/host") && actual == 200;
    }

    private static List<JsonNode> load(String resource) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = TunnelTraceReplayTest.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }
}
