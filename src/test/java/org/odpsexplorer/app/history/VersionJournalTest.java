package org.odpsexplorer.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.hex.ByteSource;

/** The journal on a real folder: byte-exact round trips, limits, eviction, damaged files. */
class VersionJournalTest {
    private static final HistoryRef REF = new HistoryRef("conn", "p1", "a.py");

    @TempDir
    Path dir;

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void versionsComeBackByteExactAndLargeOnesAreStoredCompressed() throws Exception {
        VersionJournal j = new VersionJournal(dir, JournalLimits.DEFAULTS);
        byte[] small = "print('hi')\n".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[3 * 1024 * 1024];
        Arrays.fill(large, (byte) 'x');
        Version v1 = j.record(REF, VersionAction.SAVE, "alice", ByteSource.of(small), null);
        Version v2 = j.record(REF, VersionAction.SAVE, "bob", ByteSource.of(large), null);
        assertThat(v1.stored()).isEqualTo(Version.Stored.RAW);
        assertThat(v2.stored()).isEqualTo(Version.Stored.COMPRESSED);
        assertThat(j.totalBytes()).as("3 MB of x compress to a few KB").isLessThan(100_000);

        VersionJournal reopened = new VersionJournal(dir, JournalLimits.DEFAULTS);
        List<Version> list = reopened.list(REF);
        assertThat(list).extracting(Version::md5).containsExactly(v1.md5(), v2.md5());
        assertThat(list).extracting(Version::author).containsExactly("alice", "bob");
        assertThat(reopened.readAll(list.get(0))).isEqualTo(small);
        assertThat(reopened.readAll(list.get(1))).isEqualTo(large);
        assertThat(list.get(0).md5()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("MD5").digest(small)));
    }

    @Test
    void theSameContentIsStoredOnce() throws Exception {
        VersionJournal j = new VersionJournal(dir, JournalLimits.DEFAULTS);
        byte[] b = random(100_000, 1);
        j.record(REF, VersionAction.SAVE, null, ByteSource.of(b), null);
        long once = j.totalBytes();
        j.record(REF.withResource("b.py"), VersionAction.SAVE_AS, null, ByteSource.of(b), null);
        assertThat(j.totalBytes()).isEqualTo(once);
        assertThat(j.all()).hasSize(2);
    }

    @Test
    void contentAboveThePerVersionLimitIsNotKeptButListed() throws Exception {
        VersionJournal j = new VersionJournal(dir, new JournalLimits(1000, 1_000_000));
        Version v = j.record(REF, VersionAction.SAVE, null, ByteSource.of(random(1001, 2)), "abc");
        assertThat(v.stored()).isEqualTo(Version.Stored.SKIPPED);
        assertThat(v.md5()).as("the server's MD5, the content is not even read").isEqualTo("abc");
        assertThat(j.totalBytes()).isZero();
        assertThatThrownBy(() -> j.readAll(v)).isInstanceOf(VersionJournal.CorruptVersionException.class)
                .hasMessageContaining("not kept");
    }

    @Test
    void theTotalLimitEvictsTheOldestVersionsFirst() throws Exception {
        VersionJournal j = new VersionJournal(dir, new JournalLimits(500_000, 1_000_000));
        for (int i = 0; i < 6; i++) {
            j.record(REF, VersionAction.SAVE, null, ByteSource.of(random(300_000, 10 + i)), null);
        }
        assertThat(j.totalBytes()).isLessThanOrEqualTo(1_000_000);
        List<Version> left = j.list(REF);
        assertThat(left).hasSize(3);
        for (int k = 0; k < 3; k++) {
            assertThat(j.readAll(left.get(k))).as("the newest three stay").isEqualTo(random(300_000, 13 + k));
        }
        try (Stream<Path> blobs = Files.walk(dir.resolve("blobs"))) {
            assertThat(blobs.filter(Files::isRegularFile).count()).as("evicted blobs are deleted").isEqualTo(3);
        }
        j.setLimits(new JournalLimits(500_000, 350_000));
        assertThat(j.list(REF)).hasSize(1);
    }

    @Test
    void damagedFilesAreReportedNotFatal() throws Exception {
        VersionJournal j = new VersionJournal(dir, JournalLimits.DEFAULTS);
        Version a = j.record(REF, VersionAction.SAVE, null, ByteSource.of(random(5000, 3)), null);
        Version b = j.record(REF, VersionAction.SAVE, null, ByteSource.of(random(5000, 4)), null);
        j.record(REF, VersionAction.SAVE, null, ByteSource.of(random(5000, 5)), null);
        Path blobA = dir.resolve("blobs").resolve(a.md5().substring(0, 2)).resolve(a.md5());
        byte[] torn = Files.readAllBytes(blobA);
        Files.write(blobA, Arrays.copyOf(torn, 100));
        Files.delete(dir.resolve("blobs").resolve(b.md5().substring(0, 2)).resolve(b.md5()));
        Path entryDir;
        try (Stream<Path> s = Files.walk(dir.resolve("entries"))) {
            entryDir = s.filter(p -> p.toString().endsWith(".version")).findFirst().orElseThrow().getParent();
        }
        Files.writeString(entryDir.resolve("0000000000000001-dead.version"), "size=not a number\n");

        VersionJournal reopened = new VersionJournal(dir, JournalLimits.DEFAULTS);
        List<Version> list = reopened.list(REF);
        assertThat(list).hasSize(4);
        assertThat(list.get(0).problem()).startsWith("corrupt entry");
        assertThat(list.get(2).problem()).startsWith("content missing");
        assertThatThrownBy(() -> reopened.readAll(list.get(1)))
                .isInstanceOf(VersionJournal.CorruptVersionException.class).hasMessageContaining("corrupt");
        assertThat(reopened.readAll(list.get(3))).isEqualTo(random(5000, 5));
    }

    @Test
    void aJournalFolderThatCannotBeWrittenFailsTheRecordNotTheCaller() throws Exception {
        Path notADir = dir.resolve("history");
        Files.writeString(notADir, "a file where the folder should be");
        HistoryService service = new HistoryService(dir.resolve("config"), dir.resolve("data"),
                new HistorySettings(notADir, JournalLimits.DEFAULTS));
        List<String> warnings = new ArrayList<>();
        service.onWarning(warnings::add);
        String warning = service.recorder("conn", "p1").afterSave("a.py", null, ByteSource.of(new byte[10]),
                VersionAction.SAVE);
        assertThat(warning).startsWith("History not recorded for a.py");
        assertThat(warnings).containsExactly(warning);
    }
}
