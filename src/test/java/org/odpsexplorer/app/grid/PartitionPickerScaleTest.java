package org.odpsexplorer.app.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.emulator.EmulatorTraffic;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * The partition picker on a table of {@value #PARTITIONS} partitions: the first rows are shown after a handful of
 * requests (counted at the emulator), the listing pages with {@code maxitems}/{@code marker}, and record counts are
 * asked only for the rows reported on screen.
 */
class PartitionPickerScaleTest {
    private static final int PARTITIONS = 5000;
    @TempDir
    static Path dir;
    static EmulatorServer server;
    static Odps odps;

    @BeforeAll
    static void start() throws Exception {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dir.resolve("data")).port(0).build());
        odps = Odps.builder().endpoint(server.url()).project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build();
        Table t = odps.createTable("daily", new TableSchema(List.of(Column.of("id", "bigint")),
                List.of(Column.of("pt", "string"))), false);
        List<PartitionSpec> specs = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            specs.add(PartitionSpec.parse("pt=" + (20_000_000 + i)));
        }
        t.createPartitions(specs, false);
    }

    @AfterAll
    static void stop() {
        odps.close();
        server.close();
    }

    private static List<EmulatorTraffic.Request> tableRequests() {
        return server.traffic().requests().stream().filter(r -> r.path().contains("/tables/daily")).toList();
    }

    @Test
    void theFirstRowsShowAfterAHandfulOfRequestsAndTheRestArrivesInPages() {
        PartitionPickerViewModel picker = new PartitionPickerViewModel(new SdkTableBackend(odps),
                new SameThreadUiExecutor());
        AtomicInteger requestsAtFirstRows = new AtomicInteger(-1);
        picker.shown().addListener((ListChangeListener<PartitionEntry>) c -> {
            if (requestsAtFirstRows.get() < 0 && !picker.shown().isEmpty()) {
                requestsAtFirstRows.set(tableRequests().size());
            }
        });
        server.traffic().clear();

        picker.load("daily", all -> { });

        assertThat(requestsAtFirstRows.get()).as("requests before the first rows showed").isBetween(1, 3);
        assertThat(picker.all()).hasSize(PARTITIONS);
        assertThat(picker.all().get(0).spec()).isEqualTo("pt=20000000");
        assertThat(picker.all().get(PARTITIONS - 1).spec()).isEqualTo("pt=" + (20_000_000 + PARTITIONS - 1));
        List<EmulatorTraffic.Request> listings = tableRequests().stream()
                .filter(r -> r.query().containsKey("partitions")).toList();
        int pages = 1 + (PARTITIONS - PartitionPickerViewModel.FIRST_PAGE + PartitionPickerViewModel.NEXT_PAGES - 1)
                / PartitionPickerViewModel.NEXT_PAGES;
        assertThat(listings).hasSize(pages);
        assertThat(listings.get(0).query()).containsEntry("maxitems", "200").doesNotContainKey("marker");
        assertThat(listings.get(1).query()).containsKey("marker");
        assertThat(tableRequests()).as("no record count asked before rows are on screen")
                .noneMatch(r -> r.query().containsKey("partition"));
    }

    @Test
    void recordCountsAreAskedOnlyForTheRowsOnScreen() {
        PartitionPickerViewModel picker = new PartitionPickerViewModel(new SdkTableBackend(odps),
                new SameThreadUiExecutor());
        picker.load("daily", all -> { });
        server.traffic().clear();

        picker.setVisibleRange(2500, 2530);

        List<EmulatorTraffic.Request> counts = tableRequests().stream()
                .filter(r -> r.query().containsKey("partition")).toList();
        assertThat(counts).hasSize(30);
        assertThat(counts.get(0).query().get("partition")).contains("20002500");
        assertThat(picker.shown().subList(2500, 2530)).allMatch(p -> p.recordCount() == 0);
        assertThat(picker.shown().get(2499).recordCount()).isEqualTo(-1);

        server.traffic().clear();
        picker.setVisibleRange(2500, 2530);
        assertThat(tableRequests()).as("known counts are not asked again").isEmpty();

        picker.setFilter("pt>=20004990");
        assertThat(picker.shown()).hasSize(10);
    }
}
