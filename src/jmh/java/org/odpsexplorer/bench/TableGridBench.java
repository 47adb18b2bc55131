package org.odpsexplorer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.grid.SdkTableBackend;
import org.odpsexplorer.app.grid.TableGridViewModel;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.sdk.table.WriterOptions;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * The grid over a 10,000,000-row partition: time to show the page holding row 9,000,000 through the grid's view
 * model (download session, SDK reader, emulator's indexed segment read) and the heap while paging through 1,000,000
 * rows with the lazy next-page loading scrolling uses. One JVM holds the emulator and the client; the view model runs
 * with a same-thread executor (no toolkit). Appends a section to {@code docs/benchmarks.md}. A plain main, not JMH.
 *
 * <pre>./mvnw -B -Pbench test-compile exec:exec@resource-bench -Dbench.main=org.odpsexplorer.bench.TableGridBench \
 *     -Dbench.args=10000000 -Dbench.heap=256m</pre>
 * Argument: rows in the partition (default 10,000,000).
 */
public final class TableGridBench {
    private static final String PROJECT = "bench";
    private static final long MIB = 1024 * 1024;

    private TableGridBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 && !args[0].isBlank() ? Long.parseLong(args[0].trim()) : 10_000_000L;
        Path work = Files.createTempDirectory("grid-bench");
        TableSchema schema = new TableSchema(List.of(Column.of("id", "bigint"), Column.of("name", "string"),
                Column.of("amount", "decimal(18,2)"), Column.of("created", "datetime"), Column.of("ok", "boolean")),
                List.of(Column.of("pt", "string")));
        StringBuilder md = new StringBuilder();
        try (EmulatorServer server = EmulatorServer.start(EmulatorConfig.builder().dataDir(work.resolve("data"))
                .port(0).project(PROJECT).accessKey("ak", "sk").build());
             Odps odps = Odps.builder().endpoint(server.url()).project(PROJECT).accessKey("ak", "sk")
                     .tempDirectory(work).build()) {
            Table table = odps.createTable("big", schema, false);
            table.createPartition("pt=big", false);
            long t0 = System.nanoTime();
            Instant base = Instant.parse("2024-01-01T00:00:00Z");
            table.write(PartitionSpec.parse("pt=big"), WriterOptions.DEFAULTS, w -> {
                for (long i = 0; i < rows; i++) {
                    long id = i + 1;
                    w.write(id, OdpsString.of("item-" + id), BigDecimal.valueOf(id * 37 % 100_000, 2),
                            base.plusSeconds(id), id % 3 != 0);
                }
            });
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "loaded %,d rows in %.1f s%n", rows, loadSeconds);
            odps.createTableResource("big_resource", "big", "pt=big");

            SdkTableBackend backend = new SdkTableBackend(odps);
            // work and callbacks on the calling thread, as the view-model tests run them
            SameThreadUiExecutor tasks = new SameThreadUiExecutor();
            NoDialogs dialogs = new NoDialogs();

            // 1. open the grid (session + first page), then show the page of row 9,000,000
            long targetRow = Math.min(9_000_000L, rows);
            List<Double> openMs = new ArrayList<>();
            List<Double> gotoMs = new ArrayList<>();
            List<Double> randomMs = new ArrayList<>();
            Random random = new Random(42);
            for (int rep = 0; rep < 5; rep++) {
                TableGridViewModel vm = new TableGridViewModel(backend, tasks, dialogs, "big_resource");
                long a = System.nanoTime();
                vm.open();
                long b = System.nanoTime();
                check(vm.totalProperty().get() == rows, "total " + vm.totalProperty().get());
                vm.goToRow(targetRow);
                long c = System.nanoTime();
                Object id = vm.rows().get((int) (targetRow - 1 - vm.windowStart())).values().get(0);
                check(Long.valueOf(targetRow).equals(id), "row " + targetRow + " shows id " + id);
                openMs.add((b - a) / 1e6);
                gotoMs.add((c - b) / 1e6);
                for (int k = 0; k < 20; k++) {
                    long row = 1 + (long) (random.nextDouble() * rows);
                    long d = System.nanoTime();
                    vm.goToRow(row);
                    randomMs.add((System.nanoTime() - d) / 1e6);
                }
                vm.dispose();
            }

            // 2. page through 1,000,000 rows the way scrolling does (append next page, drop the oldest)
            TableGridViewModel vm = new TableGridViewModel(backend, tasks, dialogs, "big_resource");
            vm.open();
            long pages = Math.min(1_000_000L, rows) / TableGridViewModel.DEFAULT_PAGE_SIZE;
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long maxLive = 0;
            long maxRowsHeld = 0;
            long p0 = System.nanoTime();
            for (long p = 1; p < pages; p++) {
                vm.loadNextPage();
                maxRowsHeld = Math.max(maxRowsHeld, vm.rows().size());
                if (p % 500 == 0) {
                    System.gc();
                    maxLive = Math.max(maxLive, memory.getHeapMemoryUsage().getUsed());
                }
            }
            double pagingSeconds = (System.nanoTime() - p0) / 1e9;
            long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            String status = vm.statusProperty().get();
            check(status.startsWith(String.format(Locale.ROOT, "Rows %,d–%,d of", pages * 200 - 599, pages * 200)),
                    status);
            vm.dispose();

            md.append("# Table grid benchmark\n\n")
                    .append("Generated by `./mvnw -B -Pbench test-compile exec:exec@resource-bench ")
                    .append("-Dbench.main=org.odpsexplorer.bench.TableGridBench -Dbench.args=").append(rows)
                    .append("` (class `org.odpsexplorer.bench.TableGridBench`) on ").append(LocalDate.now())
                    .append(", Java ").append(System.getProperty("java.version")).append(", ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores, max heap ")
                    .append(Runtime.getRuntime().maxMemory() / MIB).append(" MiB.\n\n")
                    .append("One JVM holds the embedded emulator and the client. The partition `pt=big` of ")
                    .append("`big (id bigint, name string, amount decimal(18,2), created datetime, ok boolean)` holds ")
                    .append(String.format(Locale.ROOT, "%,d", rows)).append(" rows (~")
                    .append(String.format(Locale.ROOT, "%.0f", loadSeconds))
                    .append(" s to write them with the SDK writer). The grid's `TableGridViewModel` runs with a ")
                    .append("same-thread executor over `SdkTableBackend` (tunnel download session, 200-row pages); ")
                    .append("5 repetitions, medians shown.\n\n")
                    .append("| measurement | median | min | max |\n|---|---|---|---|\n")
                    .append(row("open the grid: resource meta, schema, partitions, download session, first page (ms)",
                            openMs))
                    .append(row(String.format(Locale.ROOT, "go to row %,d: read and show its page (ms)", targetRow),
                            gotoMs))
                    .append(row("go to a random row (100 jumps, ms)", randomMs))
                    .append(String.format(Locale.ROOT, "%nPaging through %,d rows with the lazy next-page load ",
                            pages * 200))
                    .append(String.format(Locale.ROOT, "(%,d page reads, %.1f s, %.2f ms a page): ", pages - 1,
                            pagingSeconds, pagingSeconds * 1000 / Math.max(1, pages - 1)))
                    .append(String.format(Locale.ROOT, "at most %,d rows held; live heap after GC %d MiB before, ",
                            maxRowsHeld, before / MIB))
                    .append(String.format(Locale.ROOT, "at most %d MiB during (sampled every 500 pages); ",
                            maxLive / MIB))
                    .append(String.format(Locale.ROOT, "peak used heap including garbage %d MiB ", peak / MIB))
                    .append("(client and emulator together).\n");
        } finally {
            deleteTree(work);
        }
        System.out.println(md);
        Path doc = Path.of("docs", "benchmarks.md");
        // other benchmarks write their own sections of the file: replace only ours, between its markers
        String start = "<!-- grid-bench:start -->\n";
        String end = "<!-- grid-bench:end -->\n";
        String existing = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        int at = existing.indexOf(start);
        int stop = at >= 0 ? existing.indexOf(end, at) : -1;
        String section = start + md + end;
        String updated = at >= 0 && stop >= 0
                ? existing.substring(0, at) + section + existing.substring(stop + end.length())
                : existing.stripTrailing() + "\n\n" + section;
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
        System.out.println("wrote " + doc.toAbsolutePath());
    }

    private static String row(String what, List<Double> ms) {
        double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", what, v[v.length / 2], v[0],
                v[v.length - 1]);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
