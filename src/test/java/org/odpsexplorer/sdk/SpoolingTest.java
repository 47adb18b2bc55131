package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.ResourceOptions;

/**
 * Handles above the spool threshold (temp files) and streaming {@code r}/{@code rb} handles, with a tiny threshold
 * and part size so every boundary is crossed: multi-byte characters split across ranged responses, surrogate pairs,
 * parts + merge on flush.
 */
class SpoolingTest {
    @TempDir
    Path tempDir;
    private TestService service;
    private Odps odps;
    private Path spoolDir;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir.resolve("data"));
        spoolDir = Files.createDirectories(tempDir.resolve("spool"));
        odps = service.builder().spoolThreshold(64).partSize(31).tempDirectory(spoolDir).build();
    }

    @AfterEach
    void stop() {
        odps.close();
        service.close();
    }

    private static String sampleText() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            s.append("line ").append(i).append(": héllo wörld 你好 😀\n");
        }
        return s.toString();
    }

    private String serverText(String name) {
        try (ResourceFile fp = odps.openResource(name, "rb")) {
            return new String(fp.readBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void textEditsAboveTheThresholdCountCharactersAndRoundTripExactly() throws Exception {
        String text = sampleText();
        odps.createResource("big.txt", "file", text);
        try (ResourceFile fp = odps.openResource("big.txt", "r+")) {
            assertThat(fp.size()).isEqualTo(text.length());
            assertThat(fp.read(10)).isEqualTo(text.substring(0, 10));
            fp.seek(100);
            assertThat(fp.readLine()).isEqualTo(text.substring(100, text.indexOf('\n', 100) + 1));
            fp.seek(200);
            fp.write("ÄÖÜ");
            fp.seek(400);
            fp.truncate();
            fp.seek(0, ResourceFile.SEEK_END);
            fp.write("end 😀");
            try (var files = Files.list(spoolDir)) {
                assertThat(files.count()).isPositive(); // the content is in a temp file, not on the heap
            }
        }
        String expected = (text.substring(0, 200) + "ÄÖÜ" + text.substring(203)).substring(0, 400) + "end 😀";
        assertThat(serverText("big.txt")).isEqualTo(expected);
        try (var files = Files.list(spoolDir)) {
            assertThat(files.count()).isZero(); // closed handles delete their spool files
        }
    }

    @Test
    void streamingTextReadsSeeksAndCountsAcrossRangedResponses() {
        String text = sampleText();
        odps.createResource("stream.txt", "file", text);
        try (ResourceFile fp = odps.openResource("stream.txt", "r")) {
            StringBuilder got = new StringBuilder();
            String piece;
            while (!(piece = fp.read(13)).isEmpty()) {
                got.append(piece);
            }
            assertThat(got.toString()).isEqualTo(text);
            assertThat(fp.tell()).isEqualTo(text.length());
            fp.seek(50);
            assertThat(fp.read(20)).isEqualTo(text.substring(50, 70));
            fp.seek(5);
            assertThat(fp.readLine()).isEqualTo(text.substring(5, text.indexOf('\n') + 1));
            assertThat(fp.seek(0, ResourceFile.SEEK_END)).isEqualTo(text.length());
            fp.seek(0);
            List<String> lines = fp.readLines();
            assertThat(String.join("", lines)).isEqualTo(text);
            assertThat(lines).hasSize(40);
        }
    }

    @Test
    void streamingBinaryReadsFromAnyOffset() {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        odps.createResource("stream.bin", "file", data);
        try (ResourceFile fp = odps.openResource("stream.bin", "rb")) {
            assertThat(fp.size()).isEqualTo(1000);
            fp.seek(990);
            assertThat(fp.readBytes()).isEqualTo(Arrays.copyOfRange(data, 990, 1000));
            fp.seek(-600, ResourceFile.SEEK_CUR);
            assertThat(fp.readBytes(33)).isEqualTo(Arrays.copyOfRange(data, 400, 433));
            fp.seek(0);
            assertThat(fp.readBytes()).isEqualTo(data);
            fp.seek(100);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(fp.transferTo(out)).isEqualTo(900);
            assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(data, 100, 1000));
            assertThat(fp.tell()).isEqualTo(1000);
            fp.seek(2000);
            assertThat(fp.readBytes()).isEmpty();
            assertThat(fp.transferTo(new ByteArrayOutputStream())).isZero();
            assertThatThrownBy(() -> fp.write(new byte[1])).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void binaryContentOpenedAsTextFailsClearly() {
        odps.createResource("bin.dat", "file", SeedExamplesTest.BINARY);
        try (ResourceFile fp = odps.openResource("bin.dat", "r+b")) { // spooled: transferTo reads the spool
            fp.seek(5);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(fp.transferTo(out)).isEqualTo(SeedExamplesTest.BINARY.length - 5);
            assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(SeedExamplesTest.BINARY, 5,
                    SeedExamplesTest.BINARY.length));
        }
        assertThatThrownBy(() -> odps.openResource("bin.dat", "r+")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("binary mode");
        try (ResourceFile fp = odps.openResource("bin.dat", "r")) { // streaming: fails on the read
            assertThatThrownBy(fp::read).isInstanceOf(UncheckedIOException.class).hasMessageContaining("UTF-8");
        }
    }

    @Test
    void otherEncodingsAreHonoured() {
        odps.createResource("latin.txt", "file", "grüße".getBytes(StandardCharsets.ISO_8859_1));
        ResourceOptions latin1 = ResourceOptions.defaults().withEncoding(StandardCharsets.ISO_8859_1);
        try (ResourceFile fp = odps.openResource("latin.txt", "a+", latin1)) {
            assertThat(fp.read()).isEqualTo("grüße");
            fp.write("!é");
        }
        try (ResourceFile fp = odps.openResource("latin.txt", "rb")) {
            assertThat(fp.readBytes()).isEqualTo("grüße!é".getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
