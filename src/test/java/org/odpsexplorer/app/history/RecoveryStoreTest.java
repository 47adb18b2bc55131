package org.odpsexplorer.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.hex.ByteSource;
import org.odpsexplorer.app.hex.HexDocument;
import org.odpsexplorer.app.hex.HexPatch;

/** Recovery files: round trips, small hex patches, stale writes dropped, damaged files listed. */
class RecoveryStoreTest {
    private static final HistoryRef REF = new HistoryRef("conn", "p1", "big.bin");

    @TempDir
    Path dir;

    @Test
    void aTextBufferComesBackWhole() throws Exception {
        RecoveryStore store = new RecoveryStore(dir);
        RecoveryStore.Recovered r = new RecoveryStore.Recovered("t1", REF.withResource("a.py"), "r+",
                RecoveryStore.Kind.TEXT, new RecoveryStore.Base("abc", 12, 1000), Instant.ofEpochMilli(5000),
                "print('ü')\n", null, null);
        assertThat(store.save(r, 1)).isTrue();
        assertThat(new RecoveryStore(dir).loadAll()).containsExactly(r);
    }

    @Test
    void hexEditsOfAHugeDocumentAreAFewBytesAndReplayExactly() throws Exception {
        // a 300 MB original that is never materialized: every byte is its offset's low byte
        ByteSource huge = new ByteSource() {
            @Override
            public long size() {
                return 300L * 1024 * 1024;
            }

            @Override
            public int read(long offset, byte[] buf, int off, int len) {
                int n = (int) Math.max(0, Math.min(len, size() - offset));
                for (int i = 0; i < n; i++) {
                    buf[off + i] = (byte) (offset + i);
                }
                return n;
            }
        };
        HexDocument doc = new HexDocument(huge);
        doc.overwrite(10, (byte) 0x41);
        doc.insert(200_000_000L, new byte[] {1, 2, 3});
        doc.delete(250_000_000L, 1000);
        HexPatch patch = doc.edits();
        RecoveryStore store = new RecoveryStore(dir);
        store.save(new RecoveryStore.Recovered("h1", REF, "r+b", RecoveryStore.Kind.HEX,
                new RecoveryStore.Base("md5", huge.size(), -1), Instant.now(), null, patch, null), 1);
        assertThat(store.fileSize("h1")).as("a few hundred bytes, not the resource").isLessThan(1024);

        HexPatch back = store.loadAll().get(0).patch();
        HexDocument replayed = new HexDocument(huge);
        replayed.applyEdits(back);
        assertThat(replayed.size()).isEqualTo(doc.size());
        for (long at : new long[] {0, 9, 10, 11, 199_999_999L, 200_000_000L, 200_000_002L, 200_000_003L,
            249_999_999L, 250_000_003L, doc.size() - 1}) {
            assertThat(replayed.byteAt(at)).as("byte at " + at).isEqualTo(doc.byteAt(at));
        }
        assertThat(replayed.byteAt(10)).isEqualTo(0x41);
        assertThat(replayed.isModified()).isTrue();
    }

    @Test
    void aLateWriteDoesNotReplaceANewerOneAndADeletedBufferStaysDeleted() throws Exception {
        RecoveryStore store = new RecoveryStore(dir);
        store.save(text("x", "new"), 2);
        assertThat(store.save(text("x", "old"), 1)).isFalse();
        assertThat(store.loadAll().get(0).text()).isEqualTo("new");
        store.delete("x");
        assertThat(store.save(text("x", "newer"), 3)).isFalse();
        assertThat(store.loadAll()).isEmpty();
    }

    @Test
    void aDamagedFileIsListedWithItsProblem() throws Exception {
        RecoveryStore store = new RecoveryStore(dir);
        store.save(text("good", "keep me"), 1);
        Files.write(dir.resolve("bad.recovery"), new byte[] {'O', 'D', 'P', 'S', 1, 2, 3, 4, 5, 6, 7, 8, 9});
        byte[] torn = Files.readAllBytes(dir.resolve("good.recovery"));
        Files.write(dir.resolve("torn.recovery"), Arrays.copyOf(torn, torn.length - 3));
        List<RecoveryStore.Recovered> all = store.loadAll();
        assertThat(all).hasSize(3);
        assertThat(all.stream().filter(r -> r.problem() == null).map(RecoveryStore.Recovered::text))
                .containsExactly("keep me");
        assertThat(all.stream().filter(r -> r.problem() != null).map(RecoveryStore.Recovered::id))
                .containsExactlyInAnyOrder("bad", "torn");
    }

    private static RecoveryStore.Recovered text(String id, String text) {
        return new RecoveryStore.Recovered(id, REF, "r+", RecoveryStore.Kind.TEXT, new RecoveryStore.Base("", 0, -1),
                Instant.ofEpochMilli(1), text, null, null);
    }
}
