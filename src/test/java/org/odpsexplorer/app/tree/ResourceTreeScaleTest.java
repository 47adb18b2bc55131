package org.odpsexplorer.app.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.RecordingDialogs;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.connection.ConnectionStore;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.app.connection.Sessions;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceInfo;

/**
 * A project of {@value #RESOURCES} resources lists in pages: the tree gets the first page after one listing request
 * (counted at the emulator), can filter what it has while the rest loads, and ends with every resource.
 */
class ResourceTreeScaleTest {
    private static final int RESOURCES = 1200;
    @TempDir
    static Path dir;
    static EmulatorServer server;
    static Sessions sessions;
    static ProjectRef ref;

    @BeforeAll
    static void start() throws Exception {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dir.resolve("data")).port(0).build());
        sessions = new Sessions(new ConnectionStore(dir.resolve("config")));
        sessions.setEmbeddedUrl(server.url());
        ref = new ProjectRef(EmbeddedEmulator.profile(), EmulatorConfig.DEFAULT_PROJECT);
        Odps odps = sessions.client(ref.profile(), ref.project());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < RESOURCES; i++) {
                String name = String.format(Locale.ROOT, "r%05d.py", i);
                done.add(pool.submit(() -> odps.createResource(name, "py", "print(1)\n")));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @AfterAll
    static void stop() {
        sessions.close();
        server.close();
    }

    @Test
    void theFirstPageShowsAfterOneRequestAndIsFilterableWhileTheRestLoads() {
        RecordingDialogs dialogs = new RecordingDialogs();
        ResourceTreeViewModel vm = new ResourceTreeViewModel(sessions, new SameThreadUiExecutor(), dialogs);
        List<Integer> sizes = new ArrayList<>();
        List<Long> requestsAtDelivery = new ArrayList<>();
        List<Integer> filteredWhileLoading = new ArrayList<>();
        server.traffic().clear();

        vm.load(ref, false, list -> {
            sizes.add(list.size());
            requestsAtDelivery.add(server.traffic().requests().stream()
                    .filter(r -> r.path().endsWith("/resources")).count());
            if (sizes.size() == 1) {
                vm.filterProperty().set("r0004");
                filteredWhileLoading.add(vm.grouped(vm.listing(ref)).getOrDefault("py", List.of()).size());
                vm.filterProperty().set("");
            }
        }, e -> dialogs.errors.add(e.toString()));

        assertThat(dialogs.errors).isEmpty();
        assertThat(sizes.get(0)).isEqualTo(ResourceTreeViewModel.FIRST_BATCH);
        assertThat(requestsAtDelivery.get(0)).as("listing requests before the first page showed").isEqualTo(1);
        assertThat(filteredWhileLoading).containsExactly(10); // r00040..r00049 are in the first page
        assertThat(sizes).hasSizeGreaterThan(2).last().isEqualTo(RESOURCES);
        assertThat(sizes).isSorted();
        assertThat(vm.listing(ref)).hasSize(RESOURCES).extracting(ResourceInfo::name).isSorted();
    }
}
