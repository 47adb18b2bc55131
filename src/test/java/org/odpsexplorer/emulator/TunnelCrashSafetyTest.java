package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.RecordStreamDecoder;
import org.odpsexplorer.wire.tunnel.RecordStreamEncoder;

/**
 * Kills the emulator (SIGKILL, separate JVM) during tunnel uploads and commits, restarts it on the same data directory
 * and checks the partition: every upload session is all-or-nothing, every acknowledged commit is there, no session
 * that never sent a commit is visible, and blocks stored before the kill can still be committed afterwards.
 *
 * <p>Kill points: with a block body half sent, right after a commit request was sent, and at a seeded random moment
 * during a burst of uploads and commits. Row ids encode {@code session * 1,000,000 + row}.
 */
class TunnelCrashSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Column> COLUMNS = List.of(Column.of("id", "bigint"), Column.of("s", "string"));
    private static final int BLOCK_ROWS = 3000;
    private static final String TABLE = "/projects/p1/tables/crash";

    @TempDir
    Path dataDir;

    /** Session number → expected rows when visible; the state says whether it must, may or must not be visible. */
    private final Map<Integer, Expectation> sessions = new TreeMap<>();
    private int nextSession = 1;

    private enum State { ACKNOWLEDGED, IN_FLIGHT, UNCOMMITTED }

    private static final class Expectation {
        State state;
        final int rows;

        Expectation(State state, int rows) {
            this.state = state;
            this.rows = rows;
        }
    }

    @Test
    void uploadsAreAllOrNothingAndAcknowledgedCommitsSurviveKills() throws Exception {
        Random random = new Random(20261126L);
        ServeProcess server = ServeProcess.start(dataDir, "256m");
        try {
            sql(server, "CREATE TABLE crash (id BIGINT, s STRING) PARTITIONED BY (pt STRING)");
            sql(server, "ALTER TABLE crash ADD PARTITION (pt='x')");
            Upload first = upload(server, 2);
            commit(server, first);
        } finally {
            server.kill();
        }
        for (String scenario : new String[] {"mid-block", "commit-in-flight", "random", "mid-block", "random",
            "commit-in-flight", "random"}) {
            server = ServeProcess.start(dataDir, "256m");
            try {
                verify(server);
                switch (scenario) {
                    case "mid-block" -> killMidBlock(server);
                    case "commit-in-flight" -> killDuringCommit(server);
                    default -> killAtRandom(server, random);
                }
            } finally {
                server.kill();
            }
        }
        server = ServeProcess.start(dataDir, "256m");
        try {
            verify(server);
            assertThat(sessions.values()).anyMatch(e -> e.state == State.ACKNOWLEDGED);
        } finally {
            server.kill();
        }
    }

    /** A session with one stored block and a second block cut off mid-body; after the restart block 0 commits. */
    private void killMidBlock(ServeProcess server) throws Exception {
        Upload up = upload(server, 1);
        byte[] second = block(up.number, 1);
        try (Socket s = server.client().call("PUT", TABLE).tunnel().noContentMd5()
                .query("uploadid=" + up.id + "&blockid=1&partition=pt%3Dx")
                .header("Content-Length", Integer.toString(second.length)).openStreaming()) {
            OutputStream out = s.getOutputStream();
            out.write(second, 0, second.length / 2);
            out.flush();
            server.kill();
        }
        ServeProcess restarted = ServeProcess.start(dataDir, "256m");
        try {
            JsonNode session = json(restarted.client().call("GET", TABLE).tunnel()
                    .query("uploadid=" + up.id + "&partition=pt%3Dx").send());
            assertThat(session.get("UploadedBlockList").findValuesAsText("BlockID")).containsExactly("0");
            commit(restarted, up);
        } finally {
            restarted.kill();
        }
    }

    private void killDuringCommit(ServeProcess server) throws Exception {
        Upload up = upload(server, 3);
        sessions.get(up.number).state = State.IN_FLIGHT;
        try (Socket s = server.client().call("POST", TABLE).tunnel().noContentMd5()
                .query("uploadid=" + up.id + "&partition=pt%3Dx").header("Content-Length", "0").openStreaming()) {
            s.getOutputStream().flush();
            server.kill();
        }
    }

    /** Uploads and commits on a worker until the server dies at a random moment. */
    private void killAtRandom(ServeProcess server, Random random) throws Exception {
        Thread worker = new Thread(() -> {
            try {
                while (true) {
                    Upload up = upload(server, 2);
                    commit(server, up);
                }
            } catch (IOException | RuntimeException | AssertionError e) {
                // the kill ends the burst: connection refused or reset, or a cut-off answer
            }
        });
        worker.start();
        Thread.sleep(100 + random.nextInt(900));
        server.kill();
        worker.join(60_000);
        assertThat(worker.isAlive()).isFalse();
    }

    private void verify(ServeProcess server) throws IOException {
        JsonNode download = json(server.client().call("POST", TABLE).tunnel().query("downloads&partition=pt%3Dx")
                .send());
        long count = download.get("RecordCount").asLong();
        RawHttp.Response data = server.client().call("GET", TABLE).tunnel()
                .query("data&downloadid=" + download.get("DownloadID").asText() + "&partition=pt%3Dx&rowrange=%280%2C"
                        + count + "%29").send();
        assertThat(data.status()).isEqualTo(200);
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        try (RecordStreamDecoder decoder = new RecordStreamDecoder(new ByteArrayInputStream(data.body()), COLUMNS)) {
            for (List<@Nullable Object> row; (row = decoder.read()) != null; ) {
                long id = (Long) row.get(0);
                assertThat(row.get(1).toString()).isEqualTo("v" + id);
                seen.merge((int) (id / 1_000_000), 1, Integer::sum);
            }
        }
        for (Map.Entry<Integer, Expectation> e : sessions.entrySet()) {
            int rows = seen.getOrDefault(e.getKey(), 0);
            Expectation expected = e.getValue();
            switch (expected.state) {
                case ACKNOWLEDGED -> assertThat(rows).as("acknowledged session %d", e.getKey())
                        .isEqualTo(expected.rows);
                case UNCOMMITTED -> assertThat(rows).as("uncommitted session %d", e.getKey()).isZero();
                case IN_FLIGHT -> {
                    assertThat(rows).as("session %d committed at the kill", e.getKey()).isIn(0, expected.rows);
                    // settle it: either it made it, or it never will (its id is not committed again)
                    expected.state = rows == 0 ? State.UNCOMMITTED : State.ACKNOWLEDGED;
                }
            }
        }
        assertThat(sessions.keySet()).containsAll(seen.keySet());
    }

    private record Upload(int number, String id, int blocks) {
    }

    private synchronized Upload upload(ServeProcess server, int blocks) throws IOException {
        int number = nextSession++;
        JsonNode session = json(server.client().call("POST", TABLE).tunnel().query("uploads&partition=pt%3Dx")
                .send());
        Upload up = new Upload(number, session.get("UploadID").asText(), blocks);
        sessions.put(number, new Expectation(State.UNCOMMITTED, blocks * BLOCK_ROWS));
        for (int b = 0; b < blocks; b++) {
            RawHttp.Response r = server.client().call("PUT", TABLE).tunnel().noContentMd5()
                    .query("uploadid=" + up.id + "&blockid=" + b + "&partition=pt%3Dx").body(block(number, b)).send();
            if (r.status() != 200) {
                throw new IOException("block upload failed: " + r.status() + " " + r.text());
            }
        }
        return up;
    }

    private synchronized void commit(ServeProcess server, Upload up) throws IOException {
        sessions.get(up.number).state = State.IN_FLIGHT;
        RawHttp.Response r = server.client().call("POST", TABLE).tunnel()
                .query("uploadid=" + up.id + "&partition=pt%3Dx").body(new byte[0]).send();
        if (r.status() != 200) {
            throw new IOException("commit failed: " + r.status() + " " + r.text());
        }
        sessions.get(up.number).state = State.ACKNOWLEDGED;
    }

    private static byte[] block(int session, int block) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordStreamEncoder encoder = new RecordStreamEncoder(out, COLUMNS)) {
            for (int i = 0; i < BLOCK_ROWS; i++) {
                long id = session * 1_000_000L + block * BLOCK_ROWS + i;
                encoder.write(Arrays.asList(id, "v" + id));
            }
        }
        return out.toByteArray();
    }

    private static void sql(ServeProcess server, String query) throws IOException {
        RawHttp.Response r = server.client().call("POST", "/projects/p1/instances")
                .header("Content-Type", "application/xml").body("<Instance><Job><Tasks><SQL><Name>t</Name><Query>"
                        + query + "</Query></SQL></Tasks></Job></Instance>").send();
        assertThat(r.status()).isEqualTo(201);
    }

    private static JsonNode json(RawHttp.Response r) throws IOException {
        if (r.status() / 100 != 2) {
            throw new IOException("HTTP " + r.status() + ": " + r.text());
        }
        return JSON.readTree(r.body());
    }
}
