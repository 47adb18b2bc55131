package org.odpsexplorer.bench;

import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.io.TunnelRecordReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.sdk.table.Record;
import org.odpsexplorer.sdk.table.RecordCursor;
import org.odpsexplorer.sdk.table.RecordReader;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.sdk.table.WriterOptions;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.TableSchema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Fetching 1,000 rows at a random offset of a 10M-row partition ({@code id BIGINT, name STRING}) through the
 * in-process emulator: our SDK ({@code openReader} + {@code read(offset, 1000)}) against the official SDK's download
 * session ({@code createDownloadSession} + {@code openRecordReader(offset, 1000)}), each opening a new session per
 * fetch (what a grid showing one page does), and with a session reused across fetches. The partition is written once
 * into {@code target/bench-data/fetch10m} by our writer (10 blocks of 1M rows) and reused by later forks and runs.
 *
 * <pre>./mvnw -B -Pbench test-compile exec:exec -Djmh.args=TableFetchBench</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
public class TableFetchBench {
    static final long ROWS = 10_000_000;
    static final int PAGE = 1000;
    static final String PROJECT = "bench";

    private EmulatorServer server;
    private Odps ours;
    private Table table;
    private PartitionSpec spec;
    private TableTunnel tunnel;
    private com.aliyun.odps.PartitionSpec theirSpec;
    private RecordReader ourSession;
    private TableTunnel.DownloadSession theirSession;
    private final Random random = new Random(7);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Path.of("target", "bench-data", "fetch10m").toAbsolutePath();
        Path ready = dir.resolve("READY");
        boolean build = !Files.exists(ready);
        if (build && Files.exists(dir)) {
            throw new IllegalStateException("incomplete bench data in " + dir + ": delete it");
        }
        Files.createDirectories(dir);
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dir.resolve("data")).project(PROJECT)
                .accessKey("ak", "sk").build());
        ours = Odps.builder().endpoint(server.url()).project(PROJECT).accessKey("ak", "sk").build();
        spec = PartitionSpec.parse("pt=big");
        if (build) {
            long t0 = System.nanoTime();
            Table t = ours.createTable("big", new TableSchema(List.of(Column.of("id", "bigint"),
                    Column.of("name", "string")), List.of(Column.of("pt", "string"))), false);
            t.createPartition(spec, false);
            t.write(spec, WriterOptions.defaults().withBlockRows(1_000_000), writer -> {
                for (long i = 0; i < ROWS; i++) {
                    writer.write(i, "name-" + i);
                }
            });
            Files.writeString(ready, "10M rows\n");
            System.out.printf("built %,d rows in %.1f s%n", ROWS, (System.nanoTime() - t0) / 1e9);
        }
        table = ours.getTable("big");
        com.aliyun.odps.Odps official = new com.aliyun.odps.Odps(new AliyunAccount("ak", "sk"));
        official.setEndpoint(server.url());
        official.setDefaultProject(PROJECT);
        tunnel = new TableTunnel(official);
        theirSpec = new com.aliyun.odps.PartitionSpec("pt='big'");
        ourSession = table.openReader(spec);
        theirSession = tunnel.buildDownloadSession(PROJECT, "big").setPartitionSpec(theirSpec).build();
        if (ourSession.getCount() != ROWS || theirSession.getRecordCount() != ROWS) {
            throw new IllegalStateException("partition holds " + ourSession.getCount() + " rows");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ourSession.close();
        ours.close();
        server.close();
    }

    private long offset() {
        return (long) (random.nextDouble() * (ROWS - PAGE));
    }

    @Benchmark
    public long oursNewSession(Blackhole bh) {
        long start = offset();
        long sum = 0;
        try (RecordReader reader = table.openReader(spec); RecordCursor page = reader.read(start, PAGE)) {
            for (Record r : page) {
                bh.consume(r);
                sum += (Long) r.get(0);
            }
        }
        return check(start, sum);
    }

    @Benchmark
    public long officialNewSession(Blackhole bh) throws Exception {
        long start = offset();
        long sum = 0;
        TableTunnel.DownloadSession session = tunnel.buildDownloadSession(PROJECT, "big")
                .setPartitionSpec(theirSpec).build();
        try (TunnelRecordReader reader = session.openRecordReader(start, PAGE)) {
            com.aliyun.odps.data.Record r;
            while ((r = reader.read()) != null) {
                bh.consume(r);
                sum += r.getBigint(0);
            }
        }
        return check(start, sum);
    }

    @Benchmark
    public long oursSameSession(Blackhole bh) {
        long start = offset();
        long sum = 0;
        try (RecordCursor page = ourSession.read(start, PAGE)) {
            for (Record r : page) {
                bh.consume(r);
                sum += (Long) r.get(0);
            }
        }
        return check(start, sum);
    }

    @Benchmark
    public long officialSameSession(Blackhole bh) throws Exception {
        long start = offset();
        long sum = 0;
        try (TunnelRecordReader reader = theirSession.openRecordReader(start, PAGE)) {
            com.aliyun.odps.data.Record r;
            while ((r = reader.read()) != null) {
                bh.consume(r);
                sum += r.getBigint(0);
            }
        }
        return check(start, sum);
    }

    /** Rows are {@code id = row number}: the page's ids must sum to the arithmetic series from {@code start}. */
    private static long check(long start, long sum) {
        long expected = PAGE * start + (long) PAGE * (PAGE - 1) / 2;
        if (sum != expected) {
            throw new IllegalStateException("page at " + start + " summed to " + sum + ", expected " + expected);
        }
        return sum;
    }
}
