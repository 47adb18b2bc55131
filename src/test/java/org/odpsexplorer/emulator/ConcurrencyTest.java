package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel clients: creates race to one winner, readers never see a mix of versions, distinct writes all land. */
class ConcurrencyTest {
    private static final int THREADS = 8;

    @TempDir
    Path dataDir;
    EmulatorServer server;
    SignedClient client;
    ExecutorService pool;

    @BeforeEach
    void start() throws IOException {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project("p1")
                .accessKey("ak", "sk").build());
        client = new SignedClient(server.port(), "ak", "sk");
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        server.close();
    }

    @Test
    void parallelCreatesOfOneNameHaveExactlyOneWinner() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String body = ("writer " + t + " ").repeat(5000);
            tasks.add(() -> client.call("POST", "/projects/p1/resources").header("x-odps-resource-name", "race.txt")
                    .header("x-odps-resource-type", "file").body(body).send().status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(tasks)) {
            statuses.add(f.get());
        }
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        String stored = client.call("GET", "/projects/p1/resources/race.txt").send().text();
        assertThat(stored).matches("(writer \\d )+");
        assertThat(stored.replace(stored.substring(0, 9), "")).isEmpty(); // one writer's text, not a mix
    }

    @Test
    void readersDuringUpdatesAlwaysSeeOneWholeVersion() throws Exception {
        Set<String> versions = ConcurrentHashMap.newKeySet();
        String initial = "v-init ".repeat(20000);
        versions.add(initial);
        client.call("POST", "/projects/p1/resources").header("x-odps-resource-name", "shared.txt")
                .header("x-odps-resource-type", "file").body(initial).send();
        List<Callable<List<String>>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            tasks.add(() -> {
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    if (id % 2 == 0) {
                        String v = ("v-" + id + "-" + i + " ").repeat(20000);
                        versions.add(v);
                        assertThat(client.call("PUT", "/projects/p1/resources/shared.txt")
                                .header("x-odps-resource-type", "file").body(v).send().status()).isEqualTo(201);
                    } else {
                        seen.add(client.call("GET", "/projects/p1/resources/shared.txt").send().text());
                    }
                }
                return seen;
            });
        }
        List<String> reads = new ArrayList<>();
        for (Future<List<String>> f : pool.invokeAll(tasks)) {
            reads.addAll(f.get());
        }
        assertThat(reads).hasSize(THREADS / 2 * 5);
        assertThat(versions).containsAll(reads);
    }

    @Test
    void parallelCreatesOfDistinctNamesAllLand() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS * 3; t++) {
            String name = "n" + t + ".txt";
            tasks.add(() -> client.call("POST", "/projects/p1/resources").header("x-odps-resource-name", name)
                    .header("x-odps-resource-type", "file").body(name).send().status());
        }
        for (Future<Integer> f : pool.invokeAll(tasks)) {
            assertThat(f.get()).isEqualTo(201);
        }
        String list = client.call("GET", "/projects/p1/resources").query("expectmarker=true&maxitems=1000").send()
                .text();
        for (int t = 0; t < THREADS * 3; t++) {
            assertThat(list).contains("<Name>n" + t + ".txt</Name>");
        }
    }
}
