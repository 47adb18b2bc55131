package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.wire.Md5;
import org.odpsexplorer.testing.GeneratedContent;

/**
 * Large content without large memory: a client JVM limited to {@value #HEAP} uploads, streams back and edits a
 * {@value #SIZE_MB} MB resource (content spooled to disk, parts + merge, ranged reads); the emulator runs here.
 * With the old PyODPS approach (whole content in memory) the child would die with OutOfMemoryError.
 */
class HeapBoundedStreamingTest {
    private static final String HEAP = "-Xmx64m";
    private static final long SIZE_MB = 300;
    private static final long SIZE = SIZE_MB * 1024 * 1024 + 17;

    @TempDir
    Path tempDir;

    @Test
    void aClientWith64MiBHeapHandlesA300MBResource() throws Exception {
        Path spool = Files.createDirectories(tempDir.resolve("spool"));
        try (TestService service = TestService.start(tempDir.resolve("data"))) {
            List<String> lines = SmallHeapJvm.run(HEAP, HeapBoundedClient.class, service.url(), Long.toString(SIZE),
                    spool.toString());

            String original = GeneratedContent.md5(SIZE, 99);
            MessageDigest edited = Md5.newDigest();
            try (InputStream in = new DigestInputStream(new GeneratedContent(SIZE / 2, 99), edited)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            edited.update(new byte[] {'X', 'Y', 'Z'});
            try (InputStream rest = new GeneratedContent(SIZE, 99)) {
                rest.skipNBytes(SIZE / 2 + 3);
                try (InputStream in = new DigestInputStream(rest, edited)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
            assertThat(lines).contains("created " + SIZE + " " + original, "read " + SIZE + " " + original,
                    "edited " + SIZE + " " + HexFormat.of().formatHex(edited.digest()));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("peakHeap "));
        }
        try (var left = Files.list(spool)) {
            assertThat(left.count()).isZero(); // every spool file was deleted
        }
    }
}
