package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.Function;
import com.aliyun.odps.Odps;
import com.aliyun.odps.Resource;
import com.aliyun.odps.account.AliyunAccount;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.emulator.store.ResourceContent;
import org.odpsexplorer.emulator.store.ResourceKey;
import org.odpsexplorer.emulator.store.ResourcePage;
import org.odpsexplorer.emulator.store.ResourceRecord;
import org.odpsexplorer.emulator.store.ResourceStore;
import org.odpsexplorer.emulator.store.ResourceWrite;
import org.odpsexplorer.emulator.store.StoreException;
import org.odpsexplorer.emulator.store.WriteMode;

/** Start-up, restart, demo content, the {@code serve} command line, and storage faults seen through HTTP. */
class EmulatorLifecycleTest {
    @TempDir
    Path dataDir;

    @Test
    void resourcesAndFunctionsSurviveARestartOnTheSameDataDirectory() throws Exception {
        EmulatorConfig config = EmulatorConfig.builder().dataDir(dataDir).project("p1").accessKey("ak", "sk").build();
        try (EmulatorServer server = EmulatorServer.start(config)) {
            SignedClient c = new SignedClient(server.port(), "ak", "sk");
            assertThat(c.call("POST", "/projects/p1/resources").header("x-odps-resource-name", "keep.txt")
                    .header("x-odps-resource-type", "file").body("durable").send().status()).isEqualTo(201);
        }
        try (EmulatorServer server = EmulatorServer.start(config)) {
            SignedClient c = new SignedClient(server.port(), "ak", "sk");
            assertThat(c.call("GET", "/projects/p1/resources/keep.txt").send().text()).isEqualTo("durable");
        }
    }

    @Test
    @SuppressWarnings("deprecation") // Function.getResourceNames is deprecated in the SDK but still the plain check
    void demoFillsAnEmptyProjectWithOneResourceOfEachKindAndAFunction() throws Exception {
        EmulatorConfig config = EmulatorConfig.builder().dataDir(dataDir).demo(true).build();
        try (EmulatorServer server = EmulatorServer.start(config)) {
            Odps odps = new Odps(new AliyunAccount(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY));
            odps.setEndpoint(server.url());
            odps.setDefaultProject(EmulatorConfig.DEFAULT_PROJECT);
            Map<String, Resource.Type> types = new HashMap<>();
            odps.resources().iterator().forEachRemaining(r -> types.put(r.getName(), r.getType()));
            assertThat(types).containsOnly(Map.entry(DemoData.PY, Resource.Type.PY),
                    Map.entry(DemoData.SQL, Resource.Type.FILE), Map.entry(DemoData.BIN, Resource.Type.FILE),
                    Map.entry(DemoData.JAR, Resource.Type.JAR), Map.entry(DemoData.ZIP, Resource.Type.ARCHIVE),
                    Map.entry(DemoData.TABLE_RESOURCE, Resource.Type.TABLE));

            byte[] bin = read(odps, DemoData.BIN);
            assertThat(bin).hasSizeGreaterThan(256);
            for (int i = 0; i < 256; i++) {
                assertThat(bin[i]).isEqualTo((byte) i);
            }
            try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(read(odps, DemoData.JAR)))) {
                assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("demo.Hello");
                assertThat(jar.getNextJarEntry().getName()).isEqualTo("demo/Hello.class");
                assertThat(jar.readAllBytes()).startsWith((byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE);
            }
            List<String> entries = new ArrayList<>();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(read(odps, DemoData.ZIP)))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    entries.add(e.getName());
                }
            }
            assertThat(entries).containsExactly("README.txt", "data/regions.csv");
            assertThat(new String(read(odps, DemoData.PY), StandardCharsets.UTF_8)).contains("def evaluate");
            Function f = odps.functions().get(DemoData.FUNCTION);
            assertThat(f.getResourceNames()).containsExactly(DemoData.PY);
        }
        // a second start with --demo does not touch a project that already has resources
        try (EmulatorServer server = EmulatorServer.start(config)) {
            SignedClient c = new SignedClient(server.port(), EmulatorConfig.DEFAULT_ACCESS_ID,
                    EmulatorConfig.DEFAULT_ACCESS_KEY);
            assertThat(c.call("DELETE", "/projects/demo/resources/" + DemoData.SQL).send().status()).isEqualTo(204);
        }
        try (EmulatorServer server = EmulatorServer.start(config)) {
            SignedClient c = new SignedClient(server.port(), EmulatorConfig.DEFAULT_ACCESS_ID,
                    EmulatorConfig.DEFAULT_ACCESS_KEY);
            assertThat(c.call("GET", "/projects/demo/resources/" + DemoData.SQL).query("meta").send().status())
                    .isEqualTo(404);
        }
    }

    @Test
    void aStorageFailureIsAnXml500AndChangesNothing() throws Exception {
        EmulatorConfig config = EmulatorConfig.builder().dataDir(dataDir).project("p1").accessKey("ak", "sk").build();
        try (EmulatorServer server = EmulatorServer.start(config, FailingWrites::new)) {
            SignedClient c = new SignedClient(server.port(), "ak", "sk");
            RawHttp.Response r = c.call("POST", "/projects/p1/resources").header("x-odps-resource-name", "x.txt")
                    .header("x-odps-resource-type", "file").body("data").send();
            ErrorAnswersTest.assertError(r, 500, "InternalServerError");
            assertThat(c.call("GET", "/projects/p1/resources/x.txt").query("meta").send().status()).isEqualTo(404);
        }
    }

    @Test
    void serveRejectsBadArgumentsWithUsageAndExitCode2() {
        for (String[] args : List.of(new String[] {"--port"}, new String[] {"--port", "99999"},
                new String[] {"--bogus"}, new String[] {"--access-id", "x"}, new String[] {"--project", "bad name"})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream old = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                assertThat(ServeCommand.run(args)).as(String.join(" ", args)).isEqualTo(2);
            } finally {
                System.setErr(old);
            }
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: serve");
        }
    }

    @Test
    void serveHelpAndVersionPrintToStandardOutputAndExit0() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-V"})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream old = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                assertThat(ServeCommand.run(args)).as(String.join(" ", args)).isZero();
            } finally {
                System.setOut(old);
            }
            String text = out.toString(StandardCharsets.UTF_8);
            if (args[0].equals("--help")) {
                assertThat(text).contains("Usage: serve", "--host=HOST", "--access-id=ID", "--no-skew-check");
            } else {
                assertThat(text).startsWith("ODPS Explorer emulator ");
            }
        }
    }

    @Test
    void defaultDataDirectoryHonoursXdgDataHome() {
        Path dir = EmulatorConfig.defaultDataDir();
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
                "share");
        assertThat(dir).isEqualTo(base.resolve("odps-explorer/emulator"));
        assertThat(EmulatorConfig.builder().build().port()).isZero();
        assertThat(EmulatorConfig.builder().build().host()).isEqualTo("127.0.0.1");
        assertThat(EmulatorConfig.builder().build().projects()).containsExactly(EmulatorConfig.DEFAULT_PROJECT);
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedWhileTheFirstRuns() throws Exception {
        EmulatorConfig config = EmulatorConfig.builder().dataDir(dataDir).build();
        try (EmulatorServer first = EmulatorServer.start(config)) {
            Assertions.assertThatThrownBy(() -> EmulatorServer.start(config))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use");
            assertThat(first.port()).isPositive();
        }
        EmulatorServer.start(config).close(); // released on close
    }

    @Test
    void closeIsIdempotentAndLeavesNoStagingFiles() throws Exception {
        EmulatorServer server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).build());
        server.close();
        server.close();
        try (var files = Files.list(dataDir.resolve("tmp"))) {
            assertThat(files).isEmpty();
        }
    }

    private static byte[] read(Odps odps, String name) throws Exception {
        try (InputStream in = odps.resources().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** A store whose content writes fail like a full disk would, after the body was read. */
    private static final class FailingWrites implements ResourceStore {
        private final ResourceStore delegate;

        FailingWrites(ResourceStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<ResourceRecord> find(
                ResourceKey key) {
            return delegate.find(key);
        }

        @Override
        public ResourcePage list(String project, String schema, String prefix,
                                                                 String owner, String after, int maxItems) {
            return delegate.list(project, schema, prefix, owner, after, maxItems);
        }

        @Override
        public ResourceRecord writeContent(
                ResourceKey key, ResourceWrite write,
                WriteMode mode, InputStream body, long maxBytes, String expectedMd5)
                throws IOException {
            body.readAllBytes();
            throw new StoreException(StoreException.Kind.FAILURE, "injected: disk full");
        }

        @Override
        public ResourceRecord writeReference(
                ResourceKey key, ResourceWrite write,
                WriteMode mode) {
            return delegate.writeReference(key, write, mode);
        }

        @Override
        public ResourceRecord merge(ResourceKey key,
                ResourceWrite write, WriteMode mode,
                List<String> partNames, String expectedMd5, Long expectedTotal, long maxBytes) throws IOException {
            return delegate.merge(key, write, mode, partNames, expectedMd5, expectedTotal, maxBytes);
        }

        @Override
        public boolean delete(ResourceKey key) {
            return delegate.delete(key);
        }

        @Override
        public ResourceContent openContent(
                ResourceKey key) throws IOException {
            return delegate.openContent(key);
        }
    }
}
