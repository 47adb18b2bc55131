package org.odpsexplorer.app.hex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HexDocumentTest {
    private static byte[] seq(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void overwriteInsertDeleteAndAppendProduceTheExpectedBytes() throws IOException {
        HexDocument doc = new HexDocument(ByteSource.of(seq(8)));
        doc.overwrite(2, (byte) 0xAA);
        doc.insert(4, new byte[] {(byte) 0xB1, (byte) 0xB2});
        doc.delete(0, 1);
        doc.overwrite(doc.size(), (byte) 0xCC);
        assertThat(doc.toByteArray()).containsExactly(1, 0xAA, 3, 0xB1, 0xB2, 4, 5, 6, 7, 0xCC);
        assertThat(doc.isModified()).isTrue();
    }

    @Test
    void undoAndRedoWalkBackAndForthThroughEdits() throws IOException {
        byte[] original = seq(4);
        HexDocument doc = new HexDocument(ByteSource.of(original));
        doc.overwrite(1, (byte) 9);
        doc.insert(0, new byte[] {7});
        assertThat(doc.undo()).isEqualTo(0);
        assertThat(doc.toByteArray()).containsExactly(0, 9, 2, 3);
        assertThat(doc.undo()).isEqualTo(1);
        assertThat(doc.toByteArray()).isEqualTo(original);
        assertThat(doc.isModified()).isFalse();
        assertThat(doc.undo()).isEqualTo(-1);
        doc.redo();
        doc.redo();
        assertThat(doc.toByteArray()).containsExactly(7, 0, 9, 2, 3);
        doc.undo();
        doc.delete(3, 1);
        assertThat(doc.canRedo()).isFalse();
    }

    @Test
    void randomEditsMatchAReferenceModel() throws IOException {
        Random random = new Random(42);
        byte[] start = seq(300);
        HexDocument doc = new HexDocument(ByteSource.of(start));
        ByteArrayOutputStream ref = new ByteArrayOutputStream();
        byte[] model = start.clone();
        for (int i = 0; i < 500; i++) {
            int at = random.nextInt(model.length + 1);
            int remove = at == model.length ? 0 : random.nextInt(Math.min(3, model.length - at) + 1);
            byte[] ins = new byte[random.nextInt(4)];
            random.nextBytes(ins);
            doc.replace(at, remove, ins);
            ref.reset();
            ref.write(model, 0, at);
            ref.write(ins);
            ref.write(model, at + remove, model.length - at - remove);
            model = ref.toByteArray();
        }
        assertThat(doc.size()).isEqualTo(model.length);
        assertThat(doc.toByteArray()).isEqualTo(model);
        byte[] tail = new byte[50];
        int from = model.length / 2;
        int n = doc.read(from, tail, 0, 50);
        assertThat(n).isEqualTo(Math.min(50, model.length - from));
        assertThat(Arrays.copyOf(tail, n)).isEqualTo(Arrays.copyOfRange(model, from, from + n));
    }

    @Test
    void aHugeSourceOpensWithoutReadingItAndFetchesOnlyVisiblePages() throws IOException {
        long twoGb = 2L * 1024 * 1024 * 1024;
        ByteSource generated = new ByteSource() {
            @Override
            public long size() {
                return twoGb;
            }

            @Override
            public int read(long offset, byte[] buf, int off, int len) {
                int n = (int) Math.min(len, twoGb - offset);
                for (int i = 0; i < n; i++) {
                    buf[off + i] = (byte) ((offset + i) % 251);
                }
                return n;
            }
        };
        PagedByteSource paged = new PagedByteSource(generated, 64 * 1024, 8);
        HexDocument doc = new HexDocument(paged);
        assertThat(paged.fetchCount()).isZero();
        long far = twoGb - 100;
        doc.overwrite(far, (byte) 0x55);
        assertThat(doc.byteAt(far)).isEqualTo(0x55);
        assertThat(doc.byteAt(far + 1)).isEqualTo((int) ((far + 1) % 251));
        assertThat(doc.byteAt(5)).isEqualTo(5);
        assertThat(paged.fetchCount()).isEqualTo(2);
        assertThat(doc.size()).isEqualTo(twoGb);
    }

    @Test
    void findLocatesPatternsAcrossChunkBoundariesAndWraps() throws IOException {
        byte[] data = new byte[600_000];
        data[262_143] = 'a';
        data[262_144] = 'b';
        data[262_145] = 'c';
        data[10] = 'a';
        data[11] = 'b';
        data[12] = 'c';
        ByteSource source = ByteSource.of(data);
        assertThat(ByteSearch.find(source, "abc".getBytes(), 100, () -> false)).isEqualTo(262_143);
        assertThat(ByteSearch.find(source, "abc".getBytes(), 262_144, () -> false)).isEqualTo(10);
        assertThat(ByteSearch.find(source, "zz".getBytes(), 0, () -> false)).isEqualTo(-1);
    }

    @Test
    void offsetsParseAsDecimalOrHex() {
        assertThat(HexText.parseOffset("4096")).isEqualTo(4096);
        assertThat(HexText.parseOffset("0x1000")).isEqualTo(4096);
        assertThat(HexText.parseOffset(" 1000h ")).isEqualTo(4096);
        assertThat(HexText.parseHexBytes("de ad-BE:ef")).containsExactly(0xDE, 0xAD, 0xBE, 0xEF);
        assertThat(HexText.toHex(new byte[] {0x0A, (byte) 0xFF}, 0, 2)).isEqualTo("0A FF");
    }
}
