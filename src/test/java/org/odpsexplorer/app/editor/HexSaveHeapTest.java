package org.odpsexplorer.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.connection.EmbeddedEmulator;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.SmallHeapJvm;
import org.odpsexplorer.testing.GeneratedContent;

/**
 * The app's write paths stream: a child JVM limited to {@value #HEAP} (the heap cap the launchers set is larger) opens a
 * {@value #SIZE_MB} MB resource in the hex editor, changes one byte near the end and saves, saves it as a copy, and
 * truncates and saves the copy; the server's MD5s equal the expected ones. With the old {@code toByteArray} saves the
 * child dies with OutOfMemoryError.
 */
class HexSaveHeapTest {
    private static final String HEAP = "-Xmx128m";
    private static final long SIZE_MB = 300;
    private static final long SIZE = SIZE_MB * 1024 * 1024 + 5;
    private static final long EDIT_AT = SIZE - 1000;
    private static final long CUT_AT = 200L * 1024 * 1024 + 3;

    @TempDir
    Path dir;

    @Test
    void hexSaveSaveAsAndTruncateOfA300MBResourceFitIn128MiB() throws Exception {
        try (EmbeddedEmulator emulator = EmbeddedEmulator.start(dir.resolve("data"));
             Odps odps = Odps.builder().endpoint(emulator.url()).project(EmulatorConfig.DEFAULT_PROJECT)
                     .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build()) {
            odps.createResource("big.bin", "file", new GeneratedContent(SIZE, 7));

            List<String> lines = SmallHeapJvm.run(HEAP, HexSaveHeapClient.class, emulator.url(),
                    EmulatorConfig.DEFAULT_PROJECT, EmulatorConfig.DEFAULT_ACCESS_ID,
                    EmulatorConfig.DEFAULT_ACCESS_KEY, "big.bin", Long.toString(EDIT_AT), Long.toString(CUT_AT));

            String edited = GeneratedContent.md5Of(edited());
            String cut = GeneratedContent.md5(CUT_AT, 7);
            assertThat(edited).isNotEqualTo(GeneratedContent.md5(SIZE, 7));
            assertThat(lines).contains("opened " + SIZE + " errors []", "saved " + edited + " errors []",
                    "savedAs " + edited + " errors []", "truncated " + CUT_AT + " " + cut + " errors []");
            assertThat(odps.getResource("big.bin").md5()).isEqualTo(edited);
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("peakHeap "));
        }
    }

    /** The generated content with byte {@link #EDIT_AT} replaced by 0x5A, as a stream. */
    private static InputStream edited() {
        return new FilterInputStream(new GeneratedContent(SIZE, 7)) {
            private long pos;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0 && pos <= EDIT_AT && EDIT_AT < pos + n) {
                    b[off + (int) (EDIT_AT - pos)] = 0x5A;
                }
                pos += Math.max(0, n);
                return n;
            }
        };
    }
}
