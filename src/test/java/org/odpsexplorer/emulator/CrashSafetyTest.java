package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.testing.GeneratedContent;

/**
 * Kills the emulator with SIGKILL ({@link Process#destroyForcibly()}) in the middle of writes and checks, after a
 * restart on the same data directory, that every resource is one complete version: the one before the interrupted
 * write or the one it was writing, byte-exact, with {@code Content-MD5} from meta equal to the MD5 of the downloaded
 * bytes. The server runs in a separate JVM ({@code ServeCommand.main}) so the kill is real.
 *
 * <p>Kill points: with a request body half sent (single-request PUT), after all parts were acknowledged but before the
 * merge, right after a merge request was sent (the merge is running or done), and at a seeded random moment during a
 * burst of writes of both kinds.
 */
class CrashSafetyTest {
    private static final int RESOURCES = 3;
    private static final int PART = 2 * 1024 * 1024;

    @TempDir
    Path tempDir;
    private Path dataDir;

    /** Allowed MD5s per resource: the last verified version plus every version a write was started for since. */
    private final List<Set<String>> allowed = new ArrayList<>();
    private int nextVersion = 1;

    @Test
    void everyResourceIsCompletelyOldOrCompletelyNewAfterAKillAtAnyMoment() throws Exception {
        dataDir = tempDir.resolve("data");
        Random random = new Random(20261126);
        ServeProcess server = ServeProcess.start(dataDir, "256m");
        try {
            for (int i = 0; i < RESOURCES; i++) {
                byte[] v0 = content(i, 0);
                allowed.add(new HashSet<>(Set.of(md5(v0))));
                assertThat(server.client().call("POST", "/projects/p1/resources").noContentMd5()
                        .header("x-odps-resource-name", name(i)).header("x-odps-resource-type", "file")
                        .body(v0).send().status()).isEqualTo(201);
            }
        } finally {
            server.kill();
        }
        String[] scenarios = {"mid-body", "between-parts-and-merge", "during-merge", "random", "mid-body",
            "during-merge", "random"};
        for (String scenario : scenarios) {
            server = ServeProcess.start(dataDir, "256m");
            try {
                verifyAll(server);
                System.out.println("scenario " + scenario);
                switch (scenario) {
                    case "mid-body" -> killMidBody(server, random.nextInt(RESOURCES));
                    case "between-parts-and-merge" -> killBetweenPartsAndMerge(server, random.nextInt(RESOURCES));
                    case "during-merge" -> killDuringMerge(server, random.nextInt(RESOURCES), random.nextInt(80));
                    default -> killAtRandom(server, random);
                }
            } finally {
                server.kill();
            }
        }
        server = ServeProcess.start(dataDir, "256m");
        try {
            verifyAll(server);
            try (Stream<Path> staged = Files.list(dataDir.resolve("tmp"))) {
                assertThat(staged).as("staging files are collected at start").isEmpty();
            }
        } finally {
            server.kill();
        }
    }

    private void killMidBody(ServeProcess server, int i) throws Exception {
        byte[] next = nextContent(i);
        try (Socket s = server.client().call("PUT", "/projects/p1/resources/" + name(i)).noContentMd5()
                .header("x-odps-resource-name", name(i)).header("x-odps-resource-type", "file")
                .header("Content-Length", Integer.toString(next.length)).openStreaming()) {
            OutputStream out = s.getOutputStream();
            out.write(next, 0, next.length / 2);
            out.flush();
            server.kill();
        }
    }

    private void killBetweenPartsAndMerge(ServeProcess server, int i) throws Exception {
        byte[] next = nextContent(i);
        uploadParts(server, i, next);
        server.kill();
    }

    private void killDuringMerge(ServeProcess server, int i, int delayMillis) throws Exception {
        byte[] next = nextContent(i);
        List<String> parts = uploadParts(server, i, next);
        byte[] body = (md5(next) + "|" + String.join(",", parts)).getBytes(StandardCharsets.UTF_8);
        try (Socket s = server.client().call("PUT", "/projects/p1/resources/" + name(i)).query("rOpMerge=true")
                .header("x-odps-resource-name", name(i)).header("x-odps-resource-type", "file")
                .header("x-odps-resource-merge-total-bytes", Integer.toString(next.length))
                .header("Content-Length", Integer.toString(body.length)).noContentMd5().openStreaming()) {
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            Thread.sleep(delayMillis); // lands before, inside or after the concatenation and commit
            server.kill();
        }
    }

    /** Writes new versions of every resource, alternating single PUTs and parts + merge, and kills at a random time. */
    private void killAtRandom(ServeProcess server, Random random) throws Exception {
        List<byte[]> versions = new ArrayList<>();
        for (int i = 0; i < RESOURCES; i++) {
            versions.add(nextContent(i));
        }
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < RESOURCES; i++) {
                    if (i % 2 == 0) {
                        server.client().call("PUT", "/projects/p1/resources/" + name(i)).noContentMd5()
                                .header("x-odps-resource-name", name(i)).header("x-odps-resource-type", "file")
                                .body(versions.get(i)).send();
                    } else {
                        List<String> parts = uploadParts(server, i, versions.get(i));
                        server.client().call("PUT", "/projects/p1/resources/" + name(i)).query("rOpMerge=true")
                                .header("x-odps-resource-name", name(i)).header("x-odps-resource-type", "file")
                                .header("x-odps-resource-merge-total-bytes", Integer.toString(versions.get(i).length))
                                .body(md5(versions.get(i)) + "|" + String.join(",", parts)).send();
                    }
                }
            } catch (IOException e) {
                // expected: the server was killed under the writer
            }
        });
        writer.start();
        Thread.sleep(50 + random.nextInt(400));
        server.kill();
        writer.join(30_000);
        assertThat(writer.isAlive()).isFalse();
    }

    private List<String> uploadParts(ServeProcess server, int i, byte[] content) throws IOException {
        List<String> parts = new ArrayList<>();
        for (int off = 0, n = 0; off < content.length; off += PART, n++) {
            byte[] part = Arrays.copyOfRange(content, off, Math.min(content.length, off + PART));
            String partName = String.format("%s.part.tmp.%06d", name(i), n);
            RawHttp.Response r = server.client().call("POST", "/projects/p1/resources").query("rIsPart=true")
                    .header("x-odps-resource-name", partName).header("x-odps-resource-type", "file")
                    .header("x-odps-resource-istemp", "true").body(part).send();
            assertThat(r.status()).isEqualTo(201);
            parts.add(partName);
        }
        return parts;
    }

    private void verifyAll(ServeProcess server) throws Exception {
        for (int i = 0; i < RESOURCES; i++) {
            RawHttp.Response meta = server.client().call("GET", "/projects/p1/resources/" + name(i)).query("meta").send();
            assertThat(meta.status()).as("meta of %s", name(i)).isEqualTo(200);
            RawHttp.Response content = server.client().call("GET", "/projects/p1/resources/" + name(i)).send();
            String downloaded = md5(content.body());
            assertThat(meta.header("Content-MD5")).as("meta MD5 of %s", name(i)).isEqualTo(downloaded);
            assertThat(meta.header("x-odps-resource-size")).isEqualTo(Integer.toString(content.body().length));
            assertThat(allowed.get(i)).as("version of %s", name(i)).contains(downloaded);
            if (allowed.get(i).size() > 1) {
                System.out.printf("%s: %d candidate versions, found %s (%d bytes)%n", name(i), allowed.get(i).size(),
                        downloaded, content.body().length);
            }
            allowed.set(i, new HashSet<>(Set.of(downloaded)));
        }
    }

    /** The next version of resource {@code i}; registered as allowed before any byte of it is sent. */
    private byte[] nextContent(int i) throws Exception {
        byte[] next = content(i, nextVersion++);
        allowed.get(i).add(md5(next));
        return next;
    }

    /** Deterministic content of 3..7 MiB plus a few bytes, different for every resource and version. */
    private static byte[] content(int resource, int version) throws IOException {
        int size = (3 + (resource + version) % 5) * 1024 * 1024 + 17 * version + resource;
        try (InputStream in = new GeneratedContent(size, resource * 1000L + version)) {
            return in.readAllBytes();
        }
    }

    private static String name(int i) {
        return "crash_" + i + ".bin";
    }

    private static String md5(byte[] data) {
        return SignedClient.md5Hex(data);
    }
}
