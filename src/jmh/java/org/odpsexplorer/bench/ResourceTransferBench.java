package org.odpsexplorer.bench;

import com.aliyun.odps.FileResource;
import com.aliyun.odps.account.AliyunAccount;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.ResourceFile;
import org.odpsexplorer.sdk.model.ResourceOptions;

/**
 * Upload/download throughput of our SDK, the official {@code odps-sdk-core} and a raw OkHttp client against one
 * in-process emulator, for 64 MiB and 256 MiB resources, plus the JVM's peak heap per operation (client and emulator
 * share the JVM). Writes the table to the top of {@code docs/benchmarks.md}. A plain main (not JMH): rounds in which
 * the clients take turns, medians and per-round ratios reported.
 *
 * <pre>./mvnw -B -Pbench test-compile exec:exec@resource-bench</pre>
 * Arguments (via {@code -Dbench.args="R D"}): measured rounds (default 5) and downloads per client and round
 * (default 3). The sections of the table and grid runners after {@code <!-- table-bench:start -->} are kept.
 */
public final class ResourceTransferBench {
    private static final String PROJECT = "bench";
    private static final int WARM_UP_CALLS = 300;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String RAW = "raw OkHttp";
    private static final String OFFICIAL = "odps-sdk-core";
    private static final String OURS = "our SDK";
    private static final String OURS_HANDLE = "our SDK, wb/rb handle";
    private static final String CURL = "curl (signed GET to /dev/null)";
    /** Where the sections of the table and grid runners begin; everything from here on is kept. */
    private static final String KEEP_FROM = "<!-- table-bench:start -->";
    private static final long MIB = 1024 * 1024;

    private ResourceTransferBench() {
    }

    interface Op {
        void run() throws Exception;
    }

    /**
     * One client's figures for one operation and size.
     *
     * @param mibPerSecond     median over every sample of the run
     * @param perRound         the median of each round, in round order (for paired ratios)
     * @param peakHeap         the largest peak heap seen
     * @param cpuMillis        median CPU time of the calling thread per operation
     */
    record Result(String client, String op, long size, double mibPerSecond, double[] perRound, long peakHeap,
                  double cpuMillis) {
    }

    /**
     * A client under test: its name, its upload (null: a download-only reference, whose resource raw OkHttp uploads
     * unmeasured) and download, and the resource name it uses.
     */
    record Client(String name, String resource, @Nullable Op upload, Op download) {
    }

    public static void main(String[] args) throws Exception {
        String[] a = args.length > 0 && !args[0].isBlank() ? args[0].trim().split("\\s+") : new String[0];
        int rounds = a.length > 0 ? Integer.parseInt(a[0]) : 5;
        int downloadsPerRound = a.length > 1 ? Integer.parseInt(a[1]) : 3;
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "system load average at the start: %.1f%n", loadAtStart);
        Path work = Files.createTempDirectory("resource-bench");
        List<Result> results = new ArrayList<>();
        try (EmulatorServer server = EmulatorServer.start(EmulatorConfig.builder().dataDir(work.resolve("data"))
                .port(0).project(PROJECT).accessKey("ak", "sk").build());
             Odps ours = Odps.builder().endpoint(server.url()).project(PROJECT).accessKey("ak", "sk")
                     .tempDirectory(work).build();
             RawHttpClient raw = new RawHttpClient(server.url(), PROJECT, "ak", "sk", true);
             RawHttpClient bare = new RawHttpClient(server.url(), PROJECT, "ak", "sk", false)) {
            com.aliyun.odps.Odps official = new com.aliyun.odps.Odps(new AliyunAccount("ak", "sk"));
            official.setEndpoint(server.url());
            official.setDefaultProject(PROJECT);

            warmUp(ours, official, raw, bare, work);
            for (long size : new long[] {64 * MIB, 256 * MIB}) {
                Path file = work.resolve("content-" + size);
                generate(file, size);
                List<Client> clients = List.of(
                        new Client(RAW, "raw.bin", () -> raw.upload("raw.bin", file, size),
                                () -> check(raw.download("raw.bin"), size)),
                        new Client("raw OkHttp, no Content-MD5", "bare.bin", () -> bare.upload("bare.bin", file, size),
                                () -> check(bare.download("bare.bin"), size)),
                        new Client(OFFICIAL, "official.bin", () -> {
                            FileResource res = new FileResource();
                            res.setName("official.bin");
                            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                                official.resources().create(res, in);
                            }
                        }, () -> {
                            try (InputStream in = official.resources().getResourceAsStream("official.bin")) {
                                check(in.transferTo(OutputStream.nullOutputStream()), size);
                            }
                        }),
                        new Client(CURL, "curl.bin", null, () -> check(raw.curlDownload("curl.bin", size), size)),
                        new Client(OURS, "ours.bin", () -> ours.createResource("ours.bin", "file", file),
                                () -> check(ours.downloadResource("ours.bin", OutputStream.nullOutputStream(),
                                        ResourceOptions.defaults()), size)),
                        new Client(OURS_HANDLE, "handle.bin", () -> {
                            try (ResourceFile fp = ours.openResource("handle.bin", "wb");
                                 InputStream in = Files.newInputStream(file)) {
                                byte[] chunk = new byte[(int) MIB];
                                int n;
                                while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
                                    fp.write(n == chunk.length ? chunk : Arrays.copyOf(chunk, n));
                                }
                            }
                        }, () -> {
                            try (ResourceFile fp = ours.openResource("handle.bin", "rb")) {
                                check(fp.transferTo(OutputStream.nullOutputStream()), size);
                            }
                        }));
                int n = clients.size();
                List<List<Double>> upSamples = new ArrayList<>();
                List<List<Double>> upCpu = new ArrayList<>();
                List<List<Double>> downCpu = new ArrayList<>();
                List<List<Double>> downSamples = new ArrayList<>();
                double[][] upRound = new double[n][rounds];
                double[][] downRound = new double[n][rounds];
                long[] upHeap = new long[n];
                long[] downHeap = new long[n];
                for (int c = 0; c < n; c++) {
                    upSamples.add(new ArrayList<>());
                    upCpu.add(new ArrayList<>());
                    downCpu.add(new ArrayList<>());
                    downSamples.add(new ArrayList<>());
                }
                // one unmeasured round first (JIT warm-up), then the measured rounds; clients take turns within
                // a round, starting with a different one each round, so background load and order hit them alike
                for (int round = -1; round < rounds; round++) {
                    for (int k = 0; k < n; k++) {
                        int c = Math.floorMod(k + round, n);
                        Client client = clients.get(c);
                        if (ours.existResource(client.resource())) {
                            ours.deleteResource(client.resource());
                        }
                        long[] m = client.upload() != null ? measure(client.upload())
                                : measure(() -> raw.upload(client.resource(), file, size));
                        double[] down = new double[downloadsPerRound];
                        double[] downCpuMs = new double[downloadsPerRound];
                        long downPeak = 0;
                        for (int d = 0; d < downloadsPerRound; d++) {
                            long[] md = measure(client.download());
                            down[d] = size / (double) MIB / (md[0] / 1e9);
                            downCpuMs[d] = md[2] / 1e6;
                            downPeak = Math.max(downPeak, md[1]);
                        }
                        if (round < 0) {
                            continue;
                        }
                        upCpu.get(c).add(m[2] / 1e6);
                        for (double v : downCpuMs) {
                            downCpu.get(c).add(v);
                        }
                        double up = size / (double) MIB / (m[0] / 1e9);
                        upSamples.get(c).add(up);
                        upRound[c][round] = up;
                        upHeap[c] = Math.max(upHeap[c], m[1]);
                        for (double v : down) {
                            downSamples.get(c).add(v);
                        }
                        downRound[c][round] = median(down);
                        downHeap[c] = Math.max(downHeap[c], downPeak);
                        System.out.printf(Locale.ROOT, "%s %d MiB round %d: up %.1f MiB/s, down %s MiB/s%n",
                                client.name(), size / MIB, round + 1, up, Arrays.toString(
                                        Arrays.stream(down).map(v -> Math.round(v)).toArray()));
                    }
                }
                for (int c = 0; c < n; c++) {
                    if (clients.get(c).upload() != null) {
                        results.add(new Result(clients.get(c).name(), "upload", size, median(upSamples.get(c)),
                                upRound[c], upHeap[c], median(upCpu.get(c))));
                    }
                    results.add(new Result(clients.get(c).name(), "download", size, median(downSamples.get(c)),
                            downRound[c], downHeap[c], median(downCpu.get(c))));
                }
                Files.delete(file);
            }
        } finally {
            deleteTree(work);
        }
        String report = report(results, rounds, downloadsPerRound, loadAtStart);
        System.out.println(report);
        Path out = Path.of("docs", "benchmarks.md");
        Files.createDirectories(out.getParent());
        String previous = Files.exists(out) ? Files.readString(out) : "";
        Files.writeString(out, report + keptSections(previous));
    }

    /**
     * Compiles the request paths before anything is measured: each client downloads a 1 MiB resource
     * {@value #WARM_UP_CALLS} times (ours also reads its metadata, as its download does). Without this the first
     * few hundred requests run interpreted on both sides, a few milliseconds each, which is noise next to a 64 MiB
     * transfer but not nothing; JMH would do the same with warm-up iterations.
     */
    private static void warmUp(Odps ours, com.aliyun.odps.Odps official, RawHttpClient raw,
                               RawHttpClient bare, Path work) throws Exception {
        Path small = work.resolve("warm-up");
        generate(small, MIB);
        ours.createResource("warm.bin", "file", small);
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            check(ours.downloadResource("warm.bin", OutputStream.nullOutputStream(), ResourceOptions.defaults()), MIB);
            try (InputStream in = official.resources().getResourceAsStream("warm.bin")) {
                check(in.transferTo(OutputStream.nullOutputStream()), MIB);
            }
            check(raw.download("warm.bin"), MIB);
            check(bare.download("warm.bin"), MIB);
        }
        ours.deleteResource("warm.bin");
        Files.delete(small);
    }

    /** The sections other runners own (between their markers), carried over so this runner does not erase them. */
    static String keptSections(String previous) {
        int start = previous.indexOf(KEEP_FROM);
        return start < 0 ? "" : "\n" + previous.substring(start);
    }

    private static void check(long got, long size) {
        if (got != size) {
            throw new IllegalStateException("transferred " + got + " of " + size + " bytes");
        }
    }

    /**
     * Runs the op after a GC with reset peaks; returns {nanos, peak heap bytes during the op, CPU nanos of the calling
     * thread}. Every client here does its HTTP work on the calling thread, so the last figure is the client's own CPU
     * cost, apart from the emulator's threads; it depends far less on background load than the elapsed time.
     */
    private static long[] measure(Op op) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        op.run();
        long nanos = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new long[] {nanos, peak, cpu};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void generate(Path file, long size) throws Exception {
        Random random = new Random(size);
        byte[] buf = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < size; done += buf.length) {
                random.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, size - done));
            }
        }
    }

    private static String report(List<Result> results, int rounds, int downloadsPerRound, double loadAtStart) {
        StringBuilder md = new StringBuilder();
        md.append("# Resource transfer benchmark\n\n");
        md.append("Generated by `./mvnw -B -Pbench test-compile exec:exec@resource-bench -Dbench.args=\"")
                .append(rounds).append(' ').append(downloadsPerRound).append("\"` (class `")
                .append(ResourceTransferBench.class.getName()).append("`) on ").append(LocalDate.now())
                .append(", Java ").append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, max heap ")
                .append(Runtime.getRuntime().maxMemory() / MIB).append(" MiB, system load average at the start ")
                .append(String.format(Locale.ROOT, "%.1f", loadAtStart)).append(" and at the end ")
                .append(String.format(Locale.ROOT, "%.1f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(".\n\n");
        md.append("One JVM holds the embedded emulator (loopback HTTP, SQLite + content files) and every client. ")
                .append("After a warm-up (every client downloads a 1 MiB resource ").append(WARM_UP_CALLS)
                .append(" times, so request handling is compiled for all of them and the emulator) and one ")
                .append("unmeasured round, each of ").append(rounds).append(" rounds has every ")
                .append("client upload once and download ").append(downloadsPerRound).append(" times; the clients ")
                .append("take turns, starting with a different one each round, so background load and order hit them ")
                .append("alike. MiB/s is the median of all samples; \"vs odps-sdk-core\" is the median of the ")
                .append("per-round ratios (each client's round median over the official SDK's in the same round), ")
                .append("with the lowest and highest round in brackets. ")
                .append("Uploads above 64 MiB go as 64 MiB parts + merge for every client; downloads are ranged GETs ")
                .append("of 64 MiB one after the other for every client (ours reads the metadata before and after). ")
                .append("`raw OkHttp` sends the same requests as our SDK (signature, parts with ")
                .append("`Content-MD5` as the Java SDK sends them, merge, ranged GETs) with OkHttp's defaults and ")
                .append("nothing else: no retries, no spooling, no progress, no metadata reads, no pipelining; the ")
                .append("\"vs raw\" column compares with it. `raw OkHttp, no Content-MD5` is the least the emulator ")
                .append("accepts (one pass per part, the merge MD5 computed while sending). `our SDK` is ")
                .append("`createResource(Path)` / `downloadResource`; `wb/rb handle` writes 1 MiB chunks into a `wb` ")
                .append("handle (spooled to a temp file, uploaded on close) and reads through an `rb` handle ")
                .append("(`transferTo`). `curl` is the reference for downloads: the curl binary fetching the same ")
                .append("ranged GETs, signed by our wire signer, into /dev/null in one process (one kept-alive ")
                .append("connection), started from the benchmark like the other clients' calls; \"vs curl\" compares ")
                .append("per round with it (its resource is uploaded by raw OkHttp, unmeasured). Client CPU (downloads) is the median CPU time of the calling thread per ")
                .append("download: every client reads the response on that thread, so it is the client's own cost ")
                .append("without the emulator's, and it moves far less with background load than the elapsed time ")
                .append("(for uploads our SDK hashes on a helper thread, so no comparable figure). Peak heap is ")
                .append("the JVM's peak used heap during the operation after a GC (client and emulator together).\n\n");
        md.append("| client | op | size | MiB/s | vs odps-sdk-core [lowest–highest round] | vs raw | vs curl "
                + "[lowest–highest round] | client CPU ms | peak heap MiB |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            Result official = find(results, OFFICIAL, r.op(), r.size());
            Result raw = find(results, RAW, r.op(), r.size());
            double[] vsOfficial = ratios(r, official);
            double[] sorted = vsOfficial.clone();
            Arrays.sort(sorted);
            // uploads: our SDK hashes the next part on a helper thread, so the calling thread's CPU is not comparable
            // curl runs in its own process: the calling thread's CPU is not its cost
            String cpu = r.op().equals("download") && !r.client().equals(CURL)
                    ? String.format(Locale.ROOT, "%.0f", r.cpuMillis()) : "–";
            String vsCurl = "–";
            if (r.op().equals("download")) {
                double[] c = ratios(r, find(results, CURL, r.op(), r.size()));
                double[] cs = c.clone();
                Arrays.sort(cs);
                vsCurl = String.format(Locale.ROOT, "%.2f [%.2f–%.2f]", median(c), cs[0], cs[cs.length - 1]);
            }
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %d MiB | %.1f | %.2f [%.2f–%.2f] | %.2f | %s | %s | %d |%n",
                    r.client(), r.op(), r.size() / MIB, r.mibPerSecond(), median(vsOfficial), sorted[0],
                    sorted[sorted.length - 1], median(ratios(r, raw)), vsCurl, cpu, r.peakHeap() / MIB));
        }
        md.append("\nHeap: our SDK's peak for 256 MiB against 64 MiB (ratio near 1 means memory does not grow with ")
                .append("the resource):\n\n");
        for (String op : new String[] {"upload", "download"}) {
            for (String client : new String[] {OURS, OURS_HANDLE}) {
                Result small = find(results, client, op, 64 * MIB);
                Result big = find(results, client, op, 256 * MIB);
                md.append(String.format(Locale.ROOT, "- %s %s: %d MiB → %d MiB (×%.2f)%n", client, op,
                        small.peakHeap() / MIB, big.peakHeap() / MIB, big.peakHeap() / (double) small.peakHeap()));
            }
        }
        return md.toString();
    }

    /** Per-round ratios of {@code r} over {@code base}. */
    private static double[] ratios(Result r, Result base) {
        double[] out = new double[r.perRound().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.perRound()[i] / base.perRound()[i];
        }
        return out;
    }

    private static Result find(List<Result> results, String client, String op, long size) {
        return results.stream().filter(r -> r.client().equals(client) && r.op().equals(op) && r.size() == size)
                .findFirst().orElseThrow();
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
