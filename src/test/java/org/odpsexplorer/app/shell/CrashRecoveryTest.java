package org.odpsexplorer.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.connection.ConnectionProfile;
import org.odpsexplorer.app.connection.ConnectionStore;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.app.connection.Secret;
import org.odpsexplorer.app.history.JournalLimits;
import org.odpsexplorer.app.history.RecoveryStore;
import org.odpsexplorer.app.history.Version;
import org.odpsexplorer.app.history.VersionJournal;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceOptions;

/**
 * Kills the real app (main window and context in a child JVM, headless, {@link CrashDriver}) with SIGKILL
 * ({@link Process#destroyForcibly()}) and starts it again on the same folders: the unsaved edits of a text tab and of
 * a hex tab on a 300 MB resource are offered, restored and saved to the expected server bytes; the hex tab's recovery
 * data is a few KB; the open tabs come back; and kills at random moments during saves never leave a torn journal
 * entry, an unreadable recovery file or a lost acknowledged save. The server is an emulator in this JVM, so it
 * survives the kills. {@code scripts/crash-trials.sh N} repeats the random trials N times.
 */
class CrashRecoveryTest {
    private static final long BIG = 300L * 1024 * 1024;
    private static final int TRIALS = Integer.getInteger("crash.trials", 20);

    @TempDir
    static Path dir;
    static EmbeddedEmulator emulator;
    static Odps odps;

    @BeforeAll
    static void server() throws Exception {
        emulator = EmbeddedEmulator.start(dir.resolve("server"));
        odps = Odps.builder().endpoint(emulator.url()).project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build();
    }

    @AfterAll
    static void stop() {
        odps.close();
        emulator.close();
    }

    /** A fresh pair of XDG folders with one connection to this test's emulator. */
    private static Path home(String name) throws IOException {
        Path home = dir.resolve(name);
        ConnectionStore store = new ConnectionStore(home.resolve("config").resolve("odps-explorer"));
        ConnectionProfile profile = new ConnectionProfile("crash", "Crash test", false, emulator.url(), null,
                List.of(EmulatorConfig.DEFAULT_PROJECT), EmulatorConfig.DEFAULT_ACCESS_ID, false);
        store.save(List.of(profile));
        store.saveSecret("crash", new Secret(EmulatorConfig.DEFAULT_ACCESS_KEY, null));
        return home;
    }

    private static byte bigByte(long i) {
        return (byte) ((i * 2654435761L) >>> 13);
    }

    /** The 300 MB content, streamed, with {@code edits} (offset → byte) applied. */
    private static InputStream big(Map<Long, Byte> edits) {
        return new InputStream() {
            long pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= BIG) {
                    return -1;
                }
                int n = (int) Math.min(len, BIG - pos);
                for (int i = 0; i < n; i++) {
                    Byte e = edits.get(pos + i);
                    b[off + i] = e != null ? e : bigByte(pos + i);
                }
                pos += n;
                return n;
            }
        };
    }

    private static String md5(InputStream in) throws Exception {
        MessageDigest d = MessageDigest.getInstance("MD5");
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            d.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static String serverText(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        odps.downloadResource(name, out, ResourceOptions.defaults());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void afterAKillBothUnsavedTabsAreOfferedRestoredAndSavedAndTheTabsComeBack() throws Exception {
        put("crash.py", "print('before')\n".getBytes(StandardCharsets.UTF_8));
        if (odps.existResource("big.bin")) {
            odps.deleteResource("big.bin");
        }
        odps.createResource("big.bin", "file", big(Map.of()));
        Path home = home("main");

        Child first = Child.start(home, "1200m");
        try {
            first.send("open crash.py r+ false", "opened crash.py");
            first.send("open big.bin r+ true", "opened big.bin");
            first.send("type crash.py print('recovered')\\n", "typed");
            first.send("hex big.bin 1000 41", "hexed");
            first.send("hex big.bin 200000000 42", "hexed");
            List<String> journal = first.sendAll("journal", "journaled");
            String hexLine = journal.stream().filter(l -> l.startsWith("journal big.bin ")).findFirst().orElseThrow();
            long hexBytes = Long.parseLong(hexLine.substring("journal big.bin ".length()));
            System.out.println("hex recovery file: " + hexBytes + " bytes for a " + BIG + "-byte resource");
            assertThat(hexBytes).as("the hex tab's recovery data is a few KB, not the resource").isBetween(1L, 4096L);
            assertThat(journal).anyMatch(l -> l.startsWith("journal crash.py "));
        } finally {
            first.kill();
        }
        assertThat(serverText("crash.py")).as("nothing was saved before the kill").isEqualTo("print('before')\n");

        Child second = Child.start(home, "1200m");
        try {
            assertThat(second.sendAll("waittabs 2", "tabs ")).last().isEqualTo("tabs 2");
            List<String> tabs = second.sendAll("tabs", "tabs ");
            assertThat(tabs).contains("tab crash.py r+", "tab big.bin r+", "tabs 2");
            List<String> offered = second.sendAll("recoveries", "recoveries ");
            assertThat(offered).contains("recovery crash.py TEXT null", "recovery big.bin HEX null", "recoveries 2");
            second.send("restore crash.py", "restored crash.py");
            second.send("restore big.bin", "restored big.bin");
            second.send("save crash.py", "saved crash.py");
            String saved = second.send("save big.bin", "saved big.bin");
            assertThat(serverText("crash.py")).isEqualTo("print('before')\nprint('recovered')\n");
            String expected = md5(big(Map.of(1000L, (byte) 0x41, 200_000_000L, (byte) 0x42)));
            assertThat(odps.getResource("big.bin").info().md5()).isEqualTo(expected);
            assertThat(saved).endsWith(expected);
            try (var files = Files.list(home.resolve("data/odps-explorer/recovery"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".recovery")).toList())
                        .as("recovery files go once saved").isEmpty();
            }
        } finally {
            second.kill();
        }
    }

    @Test
    void killsAtRandomMomentsNeverTearTheJournalOrLoseAnAcknowledgedSave() throws Exception {
        Random random = new Random(Long.getLong("crash.seed", 20261206L));
        Path home = home("trials");
        put("trial.py", "version 0\n".getBytes(StandardCharsets.UTF_8));
        int serverVersion = 0;
        List<String> ackedMd5 = new ArrayList<>();
        for (int trial = 1; trial <= TRIALS; trial++) {
            List<String> acks = new ArrayList<>();
            Child child = Child.start(home, "256m");
            try {
                child.send("open trial.py r+ false", "opened trial.py");
                child.sendNoWait("saveloop trial.py 50 " + random.nextLong());
                long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(3500));
                while (System.nanoTime() < killAt) {
                    String line = child.lines.poll(20, TimeUnit.MILLISECONDS);
                    if (line != null && line.startsWith("ack ")) {
                        acks.add(line);
                    }
                }
            } finally {
                child.kill();
            }
            for (String line; (line = child.lines.poll()) != null; ) {
                if (line.startsWith("ack ")) {
                    acks.add(line);
                }
            }
            acks.forEach(a -> ackedMd5.add(a.split(" ")[2]));
            // the server holds one whole version: the last acknowledged save, or the one started after it
            String text = serverText("trial.py");
            Matcher m = Pattern.compile("version (\\d+)\nx*\n").matcher(text);
            assertThat(m.matches()).as("trial " + trial + ": whole content, got " + text.length() + " chars").isTrue();
            int n = Integer.parseInt(m.group(1));
            if (acks.isEmpty()) {
                assertThat(n).as("trial " + trial + ": no save acknowledged").isIn(serverVersion, 1);
            } else {
                String[] last = acks.get(acks.size() - 1).split(" ");
                int acked = Integer.parseInt(last[1]);
                assertThat(n).as("trial " + trial + ": last acknowledged " + acked).isIn(acked, acked + 1);
                if (n == acked) {
                    assertThat(odps.getResource("trial.py").info().md5()).isEqualTo(last[2]);
                }
            }
            serverVersion = n;
            // no torn entry, every kept version reads back with its MD5, every acknowledged save is in it
            VersionJournal journal = new VersionJournal(home.resolve("data/odps-explorer/history"),
                    JournalLimits.DEFAULTS);
            List<Version> all = journal.all();
            for (Version v : all) {
                assertThat(v.problem()).as("entry " + v.id() + " in trial " + trial).isNull();
                if (v.hasContent()) {
                    journal.readAll(v);
                }
            }
            List<String> journaled = all.stream().map(Version::md5).toList();
            assertThat(journaled).as("trial " + trial + ": acknowledged saves are in the history")
                    .containsAll(ackedMd5);
            for (RecoveryStore.Recovered r : new RecoveryStore(home.resolve("data/odps-explorer/recovery")).loadAll()) {
                assertThat(r.problem()).as("recovery file " + r.id() + " in trial " + trial).isNull();
            }
            System.out.println("trial " + trial + ": " + acks.size() + " acknowledged saves, server at version " + n
                    + ", " + all.size() + " versions in the journal");
        }
        int lastAcked = ackedMd5.size();
        assertThat(lastAcked).as("the trials did save something").isPositive();
    }

    private static void put(String name, byte[] content) {
        if (odps.existResource(name)) {
            odps.deleteResource(name);
        }
        odps.createResource(name, "file", content);
    }

    /** One app in a child JVM. */
    private static final class Child {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final BufferedWriter in;

        private Child(Process process) {
            this.process = process;
            this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            Thread reader = new Thread(() -> {
                try (var r = process.inputReader(StandardCharsets.UTF_8)) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (!line.startsWith("ack ") && !line.startsWith("tab")) {
                            System.out.println("child: " + line);
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("error reader: " + e);
                }
            }, "child-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path home, String heap) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Djava.awt.headless=true",
                    "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                    "-Dprism.text=t2k", "-cp", System.getProperty("java.class.path"), CrashDriver.class.getName()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
            pb.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
            pb.environment().put("HOME", home.toString());
            Child child = new Child(pb.start());
            child.expect("ready");
            return child;
        }

        void sendNoWait(String command) throws IOException {
            in.write(command);
            in.newLine();
            in.flush();
        }

        String send(String command, String answer) throws Exception {
            List<String> all = sendAll(command, answer);
            return all.get(all.size() - 1);
        }

        /** Sends and collects the answer lines up to the one starting with {@code last}. */
        List<String> sendAll(String command, String last) throws Exception {
            sendNoWait(command);
            List<String> out = new ArrayList<>();
            while (true) {
                String line = expectAny();
                out.add(line);
                if (line.startsWith(last)) {
                    return out;
                }
            }
        }

        void expect(String prefix) throws Exception {
            while (!expectAny().startsWith(prefix)) {
                // skip log lines
            }
        }

        private String expectAny() throws Exception {
            String line = lines.poll(5, TimeUnit.MINUTES);
            if (line == null) {
                throw new AssertionError("the child said nothing for 5 minutes");
            }
            if (line.startsWith("error ")) {
                throw new AssertionError("child: " + line);
            }
            return line;
        }

        void kill() throws Exception {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            OutputStream ignored = process.getOutputStream();
            ignored.close();
        }
    }
}
