package org.odpsexplorer.app.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.TransferCancelledException;
import org.odpsexplorer.testing.GeneratedContent;

/**
 * {@link ArchiveReader} against the embedded emulator: big archives listed without downloading them (bytes counted
 * on the wire by a proxy), a tar.gz listed by a client with a small heap, exact bytes from previews and extraction,
 * and damaged, hostile and explosive archives.
 */
class ArchiveReaderTest {
    @TempDir
    static Path dir;
    static EmulatorServer server;
    static Odps odps;

    @BeforeAll
    static void start() throws Exception {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dir.resolve("data")).port(0).build());
        odps = client(server.url());
    }

    @AfterAll
    static void stop() {
        odps.close();
        server.close();
    }

    static Odps client(String url) {
        return Odps.builder().endpoint(url).project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build();
    }

    private static ArchiveEntry entry(ArchiveListing listing, String path) {
        return listing.entries().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void aOneGigabyteJarListsFromItsCentralDirectoryReadingLessThanOneMegabyte() throws Exception {
        Path jar = ArchiveFixtures.bigJar(dir.resolve("big.jar"), 1024);
        assertThat(Files.size(jar)).isGreaterThan(1L << 30);
        odps.createResource("big.jar", "jar", jar, ResourceOptions.defaults());
        Files.delete(jar);

        try (ByteCountingProxy proxy = new ByteCountingProxy(server.port());
             Odps counted = client(proxy.url(server.url()));
             ArchiveReader reader = new ArchiveReader(counted, "big.jar", ArchiveFormat.ZIP)) {
            ArchiveListing listing = reader.list(ResourceOptions.defaults());
            long listed = proxy.bytesFromServer();
            System.out.println("listing the 1 GiB jar took " + listed + " bytes from the server");
            assertThat(listed).isLessThan(1024 * 1024);
            assertThat(listing.problem()).isNull();
            assertThat(listing.entries()).hasSize(1 + 1024 + 2);
            assertThat(listing.manifest()).containsEntry("Main-Class", ArchiveFixtures.MAIN_CLASS)
                    .containsEntry("Manifest-Version", "1.0");
            ArchiveEntry part = entry(listing, "data/part-0512.bin");
            assertThat(part.size()).isEqualTo(1024 * 1024);
            assertThat(part.compressedSize()).isEqualTo(1024 * 1024);
            assertThat(part.modified()).isNotNull();

            ArchiveReader.Preview preview = reader.preview(entry(listing, "config/settings.py"),
                    ResourceOptions.defaults());
            assertThat(new String(preview.bytes(), StandardCharsets.UTF_8)).isEqualTo(ArchiveFixtures.SETTINGS_PY);
            assertThat(preview.truncated()).isFalse();
            ArchiveReader.Preview block = reader.preview(part, ResourceOptions.defaults());
            assertThat(block.bytes()).isEqualTo(new GeneratedContent(1024 * 1024, 7).readAllBytes());
            System.out.println("listing and two previews took " + proxy.bytesFromServer() + " bytes");
            assertThat(proxy.bytesFromServer()).isLessThan(listed + 2 * 1024 * 1024);

            Path out = dir.resolve("extract-big");
            List<ArchiveEntry> config = listing.entries().stream().filter(e -> e.path().startsWith("config/"))
                    .toList();
            ArchiveReader.Extracted x = reader.extract(config, "", out, ResourceOptions.defaults(), (d, t) -> { });
            assertThat(x.files()).isEqualTo(1);
            assertThat(x.refused()).isEmpty();
            assertThat(Files.readString(out.resolve("config/settings.py"))).isEqualTo(ArchiveFixtures.SETTINGS_PY);
        } finally {
            odps.deleteResource("big.jar");
        }
    }

    @Test
    void aTwoHundredMegabyteTarGzListsInAClientWithA128MegabyteHeap() throws Exception {
        Path tgz = ArchiveFixtures.tar(dir.resolve("big.tar.gz"), 50, 4L * 1024 * 1024 + 11, true);
        assertThat(Files.size(tgz)).isGreaterThan(200L * 1024 * 1024);
        odps.createResource("big.tar.gz", "archive", tgz, ResourceOptions.defaults());
        Files.delete(tgz);
        try {
            List<String> lines = runChild("-Xmx128m", TarListingClient.class, server.url(),
                    EmulatorConfig.DEFAULT_PROJECT, EmulatorConfig.DEFAULT_ACCESS_ID,
                    EmulatorConfig.DEFAULT_ACCESS_KEY, "big.tar.gz");
            assertThat(lines).contains("entries 51", "total " + (50 * (4L * 1024 * 1024 + 11) + 11), "problem null");

            try (ArchiveReader reader = new ArchiveReader(odps, "big.tar.gz", ArchiveFormat.TAR_GZ)) {
                ArchiveListing listing = reader.list(ResourceOptions.defaults());
                ArchiveReader.Preview p = reader.preview(entry(listing, "blobs/blob-002.bin"),
                        ResourceOptions.defaults());
                assertThat(p.truncated()).isTrue();
                assertThat(p.bytes()).isEqualTo(new GeneratedContent(ArchiveReader.PREVIEW_LIMIT, 2).readAllBytes());
            }
        } finally {
            odps.deleteResource("big.tar.gz");
        }
    }

    @Test
    void anUncompressedTarPreviewsFromTheEntryOffsetAndExtractsExactBytes() throws Exception {
        Path tar = ArchiveFixtures.tar(dir.resolve("small.tar"), 3, 100_003, false);
        odps.createResource("small.tar", "archive", tar, ResourceOptions.defaults());
        try (ArchiveReader reader = new ArchiveReader(odps, "small.tar", ArchiveFormat.TAR)) {
            ArchiveListing listing = reader.list(ResourceOptions.defaults());
            assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactly("blobs/blob-000.bin",
                    "blobs/blob-001.bin", "blobs/blob-002.bin", "blobs/README.txt");
            ArchiveEntry second = entry(listing, "blobs/blob-001.bin");
            assertThat(second.dataOffset()).isPositive();
            assertThat(reader.preview(second, ResourceOptions.defaults()).bytes())
                    .isEqualTo(new GeneratedContent(100_003, 1).readAllBytes());

            Path out = dir.resolve("extract-tar");
            ArchiveReader.Extracted x = reader.extract(listing.entries(), "blobs/", out, ResourceOptions.defaults(),
                    (d, t) -> { });
            assertThat(x.files()).isEqualTo(4);
            for (int i = 0; i < 3; i++) {
                assertThat(Files.readAllBytes(out.resolve("blob-00" + i + ".bin")))
                        .isEqualTo(new GeneratedContent(100_003, i).readAllBytes());
            }
            assertThat(Files.readString(out.resolve("README.txt"))).isEqualTo("tar readme\n");
            try (var files = Files.list(out)) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
            }
        }
    }

    @Test
    void aTruncatedZipShowsTheEntriesBeforeTheDamageAndTheOffset() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            entries.put("pkg/mod" + i + ".py", ("x = " + i + "\n").repeat(2000) + new GeneratedContent(3000, i));
        }
        byte[] whole = Files.readAllBytes(ArchiveFixtures.zip(dir.resolve("whole.zip"), entries));
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        odps.createResource("cut.zip", "archive", cut);
        try (ArchiveReader reader = new ArchiveReader(odps, "cut.zip", ArchiveFormat.ZIP)) {
            ArchiveListing listing = reader.list(ResourceOptions.defaults());
            assertThat(listing.problem()).contains("central directory could not be read")
                    .containsPattern("damaged or truncated at byte \\d+");
            assertThat(listing.entries()).isNotEmpty().hasSizeLessThan(6);
            assertThat(listing.entries().get(0).path()).isEqualTo("pkg/mod0.py");
            // an entry read before the damage previews normally
            assertThat(new String(reader.preview(listing.entries().get(0), ResourceOptions.defaults()).bytes(),
                    StandardCharsets.UTF_8)).isEqualTo(entries.get("pkg/mod0.py"));
        }
    }

    @Test
    void aTruncatedTarGzNamesTheOffsetsWhereItBroke() throws Exception {
        byte[] whole = Files.readAllBytes(ArchiveFixtures.tar(dir.resolve("cut.tar.gz"), 4, 50_000, true));
        odps.createResource("cut.tar.gz", "archive", Arrays.copyOf(whole, whole.length * 3 / 4));
        try (ArchiveReader reader = new ArchiveReader(odps, "cut.tar.gz", ArchiveFormat.TAR_GZ)) {
            ArchiveListing listing = reader.list(ResourceOptions.defaults());
            assertThat(listing.entries()).extracting(ArchiveEntry::path).startsWith("blobs/blob-000.bin")
                    .hasSizeLessThan(5);
            assertThat(listing.problem()).containsPattern("damaged or truncated at byte \\d+ of the uncompressed tar "
                    + "\\(byte \\d+ of the file\\)");
        }
    }

    @Test
    void garbageInsteadOfAZipGivesAMessageNotACrash() throws Exception {
        odps.createResource("garbage.zip", "archive", new GeneratedContent(200_000, 5).readAllBytes());
        try (ArchiveReader reader = new ArchiveReader(odps, "garbage.zip", ArchiveFormat.ZIP)) {
            ArchiveListing listing = reader.list(ResourceOptions.defaults());
            assertThat(listing.entries()).isEmpty();
            assertThat(listing.problem()).contains("central directory could not be read");
        }
    }

    @Test
    void aZipBombIsListedFromItsDeclaredSizesAndItsPreviewStopsAtTheLimit() throws Exception {
        long size = 256L * 1024 * 1024;
        Path bomb = ArchiveFixtures.zipBomb(dir.resolve("bomb.zip"), size);
        assertThat(Files.size(bomb)).isLessThan(size / 500);
        odps.createResource("bomb.zip", "archive", bomb, ResourceOptions.defaults());
        try (ArchiveReader reader = new ArchiveReader(odps, "bomb.zip", ArchiveFormat.ZIP)) {
            ArchiveListing listing = reader.list(ResourceOptions.defaults());
            ArchiveEntry zeros = entry(listing, "zeros.bin");
            assertThat(zeros.size()).isEqualTo(size);
            assertThat(zeros.ratio()).isGreaterThan(ArchiveReader.BOMB_RATIO);
            assertThat(listing.notices()).singleElement().asString().contains("zeros.bin")
                    .contains("compression ratio").contains("Nothing is inflated");
            ArchiveReader.Preview p = reader.preview(zeros, ResourceOptions.defaults());
            assertThat(p.bytes()).hasSize(ArchiveReader.PREVIEW_LIMIT).containsOnly(0);
            assertThat(p.truncated()).isTrue();

            CancelSignal cancel = new CancelSignal();
            cancel.cancel();
            Path out = dir.resolve("extract-bomb");
            assertThatThrownBy(() -> reader.extract(List.of(zeros), "", out,
                    ResourceOptions.defaults().withCancel(cancel), (d, t) -> { }))
                    .isInstanceOf(TransferCancelledException.class);
            assertThat(out.resolve("zeros.bin")).doesNotExist();
            assertThat(out.resolve("zeros.bin.part")).doesNotExist();
        }
    }

    @Test
    void traversalEntriesAreListedButNeverWrittenOutsideTheTarget() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("../evil.txt", "escaped\n");
        entries.put("/abs.txt", "absolute\n");
        entries.put("ok/../../climb.txt", "climbed\n");
        entries.put("ok/fine.txt", "fine\n");
        odps.createResource("evil.zip", "archive",
                Files.readAllBytes(ArchiveFixtures.zip(dir.resolve("evil.zip"), entries)));
        Path base = Files.createDirectories(dir.resolve("evil-base"));
        Path out = base.resolve("target");
        try (ArchiveReader reader = new ArchiveReader(odps, "evil.zip", ArchiveFormat.ZIP)) {
            ArchiveListing listing = reader.list(ResourceOptions.defaults());
            assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactlyElementsOf(entries.keySet());
            assertThat(listing.entries()).extracting(ArchiveEntry::escapes).containsExactly(true, true, true, false);
            ArchiveReader.Extracted x = reader.extract(listing.entries(), "", out, ResourceOptions.defaults(),
                    (d, t) -> { });
            assertThat(x.files()).isEqualTo(1);
            assertThat(x.refused()).hasSize(3).allSatisfy(r -> assertThat(r).contains("outside the chosen folder"));
        }
        assertThat(Files.readString(out.resolve("ok/fine.txt"))).isEqualTo("fine\n");
        List<String> written = new ArrayList<>();
        try (var all = Files.walk(base)) {
            all.filter(Files::isRegularFile).forEach(f -> written.add(base.relativize(f).toString()));
        }
        assertThat(written).containsExactly("target/ok/fine.txt".replace('/', File.separatorChar));
        assertThat(dir.resolve("evil.txt")).doesNotExist();
        assertThat(Path.of("/abs.txt")).doesNotExist();
    }

    /** Runs {@code main} in a child JVM with {@code heap} and this run's class path; returns its output lines. */
    static List<String> runChild(String heap, Class<?> main, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, heap, "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (InputStream out = child.getInputStream();
             var reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            reader.lines().forEach(lines::add);
        }
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        lines.forEach(l -> System.out.println("child: " + l));
        assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }
}
