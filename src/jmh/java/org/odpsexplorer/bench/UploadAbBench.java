package org.odpsexplorer.bench;

import com.aliyun.odps.FileResource;
import com.aliyun.odps.Odps;
import com.aliyun.odps.account.AliyunAccount;
import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Emulator upload throughput before and after, in the same run: two {@code serve} processes side by side — the
 * baseline jar given as the first argument (built from the commit before the upload work) and the current code (this
 * JVM's class path) — each with its own data directory, and the official {@code odps-sdk-core} in this JVM uploading
 * the same 256 MiB file to each in turn (64 MiB parts + merge, as it does above 64 MiB), the order alternating per
 * round. Reports MiB/s per server (median, lowest–highest), the median per-round ratio current / baseline, and the
 * server process's CPU seconds per upload; rewrites its marked block in {@code docs/benchmarks.md}.
 *
 * <pre>./mvnw -B -Pbench test-compile exec:exec@upload-ab -Dbench.args="/tmp/base/target/odps-explorer.jar 5"</pre>
 */
public final class UploadAbBench {
    private static final long MIB = 1024 * 1024;
    private static final String START = "<!-- upload-ab:start -->";
    private static final String END = "<!-- upload-ab:end -->";
    private static final OperatingSystemMXBean OWN =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private UploadAbBench() {
    }

    /** One serve process and an official client pointed at it. */
    private record Server(String name, Process process, Odps client) {
    }

    public static void main(String[] args) throws Exception {
        String[] a = args.length > 0 && !args[0].isBlank() ? args[0].trim().split("\\s+") : new String[0];
        if (a.length < 1) {
            throw new IllegalArgumentException("usage: UploadAbBench <baseline jar> [rounds] [MiB]");
        }
        Path baseJar = Path.of(a[0]).toAbsolutePath();
        int rounds = a.length > 1 ? Integer.parseInt(a[1]) : 5;
        long size = (a.length > 2 ? Long.parseLong(a[2]) : 256) * MIB;
        if (!Files.isRegularFile(baseJar)) {
            throw new IllegalArgumentException("no baseline jar at " + baseJar);
        }
        double loadStart = load();
        Path work = Files.createTempDirectory("upload-ab");
        Path file = work.resolve("content");
        generate(file, size);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Server> servers = new ArrayList<>();
        try {
            servers.add(start("baseline (" + baseJar.getFileName() + ")", List.of(javaBin, "-Xmx256m", "-jar",
                    baseJar.toString()), work.resolve("base")));
            servers.add(start("current", List.of(javaBin, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "org.odpsexplorer.app.Launcher"), work.resolve("current")));
            // one unmeasured upload each: JIT warm-up of both servers and the client
            for (Server s : servers) {
                upload(s, file);
            }
            double[][] mibs = new double[2][rounds];
            double[][] cpu = new double[2][rounds];
            double[][] clientCpu = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int i = (k + r) % 2;
                    Server s = servers.get(i);
                    long cpuBefore = cpuNanos(s.process());
                    long ownBefore = OWN.getProcessCpuTime();
                    long t = System.nanoTime();
                    upload(s, file);
                    long nanos = System.nanoTime() - t;
                    clientCpu[i][r] = (OWN.getProcessCpuTime() - ownBefore) / 1e9;
                    mibs[i][r] = size / (double) MIB / (nanos / 1e9);
                    cpu[i][r] = (cpuNanos(s.process()) - cpuBefore) / 1e9;
                    System.out.printf(Locale.ROOT, "round %d %s: %.1f MiB/s, server CPU %.2f s, client CPU %.2f s%n",
                            r + 1, s.name(), mibs[i][r], cpu[i][r], clientCpu[i][r]);
                }
            }
            String block = report(servers, mibs, cpu, clientCpu, rounds, size, loadStart, baseJar);
            System.out.println(block);
            Path out = Path.of("docs", "benchmarks.md");
            String doc = Files.exists(out) ? Files.readString(out) : "";
            int s = doc.indexOf(START);
            int e = doc.indexOf(END);
            if (s >= 0 && e > s) {
                doc = doc.substring(0, s) + block + doc.substring(e + END.length());
            } else {
                doc = doc + "\n" + block + "\n";
            }
            Files.writeString(out, doc);
        } finally {
            for (Server s : servers) {
                s.process().destroy();
                if (!s.process().waitFor(10, TimeUnit.SECONDS)) {
                    s.process().destroyForcibly();
                }
            }
            try (var paths = Files.walk(work)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Server start(String name, List<String> command, Path data) throws Exception {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("serve", "--port", "0", "--data", data.toString(), "--project", "bench",
                "--access-id", "ak", "--access-key", "sk"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.contains("listening on ")) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not start: " + first);
        }
        String url = first.substring(first.indexOf("listening on ") + "listening on ".length()).trim();
        // keep draining its output so it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (Exception ignored) {
                // the process ended
            }
        }, "drain " + name);
        drain.setDaemon(true);
        drain.start();
        Odps client = new Odps(new AliyunAccount("ak", "sk"));
        client.setEndpoint(url);
        client.setDefaultProject("bench");
        System.out.println(name + ": " + url);
        return new Server(name, p, client);
    }

    private static void upload(Server s, Path file) throws Exception {
        if (s.client().resources().exists("ab.bin")) {
            s.client().resources().delete("ab.bin");
        }
        FileResource res = new FileResource();
        res.setName("ab.bin");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            s.client().resources().create(res, in);
        }
    }

    private static long cpuNanos(Process p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static String report(List<Server> servers, double[][] mibs, double[][] cpu, double[][] clientCpu,
                                 int rounds, long size, double loadStart, Path baseJar) {
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = mibs[1][r] / mibs[0][r];
        }
        double[] sorted = ratio.clone();
        Arrays.sort(sorted);
        StringBuilder md = new StringBuilder(START).append('\n');
        md.append("### Emulator uploads before and after (official SDK as client)\n\n");
        md.append(String.format(Locale.ROOT, "Generated by `./mvnw -B -Pbench test-compile exec:exec@upload-ab "
                + "-Dbench.args=\"%s %d\"` (class `%s`) on %s, Java %s, %d cores, system load average %.1f at the "
                + "start and %.1f at the end. Two `serve` processes side by side (`-Xmx256m` each): the baseline jar "
                + "(built from `89425e6^`, the commit before the upload work: `git worktree add /tmp/base 89425e6^ && "
                + "cd /tmp/base && ./mvnw -B -o package -DskipTests`) and the current code; the official "
                + "`odps-sdk-core` uploads the same %d MiB file to each in turn (64 MiB parts + merge), the order "
                + "alternating per round, after one unmeasured upload each. Server CPU is the serve process's CPU "
                + "time per upload, client CPU this benchmark JVM's (the official client's) over the same upload.%n%n", baseJar, rounds, UploadAbBench.class.getName(), LocalDate.now(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadStart, load(),
                size / MIB));
        md.append("| server | MiB/s median [lowest–highest] | server CPU s per upload (median) "
                + "| client CPU s (median) |\n"
                + "|---|---|---|---|\n");
        for (int i = 0; i < 2; i++) {
            double[] s = mibs[i].clone();
            Arrays.sort(s);
            md.append(String.format(Locale.ROOT, "| %s | %.1f [%.1f–%.1f] | %.2f | %.2f |%n",
                    i == 0 ? "baseline" : "current", median(mibs[i]), s[0], s[s.length - 1], median(cpu[i]),
                    median(clientCpu[i])));
        }
        md.append(String.format(Locale.ROOT, "%nCurrent / baseline per round: median %.2f× [%.2f–%.2f] over %d "
                + "rounds (%s).%n", median(ratio), sorted[0], sorted[sorted.length - 1], rounds,
                String.join(", ", Arrays.stream(ratio).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
                        .toList())));
        md.append(END);
        return md.toString();
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
}
