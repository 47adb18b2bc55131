package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.FileMode;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.odpsexplorer.wire.Md5;
import org.odpsexplorer.wire.TableSource;

/**
 * Every example of the seed document ({@code pyodps-resources.txt}) as a test, with the exact resulting bytes;
 * where the recorded PyODPS traffic ({@code traces/pyodps.jsonl}) shows the bytes PyODPS uploaded for a sequence, the
 * same sequence must produce the same bytes here.
 */
class SeedExamplesTest {
    /** The binary file of the traces (Tp#14): every byte value, CRLF, then a tail. */
    static final byte[] BINARY = HexFormat.of().parseHex(allBytesHex() + "0d0a00ff2062696e617279207461696c208081");
    private static final String TEXT_DOC = "Hello\nWorld\nHello World\n你好，世界";

    @TempDir
    Path tempDir;
    private TestService service;
    private Odps odps;

    static String allBytesHex() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            out.append(String.format("%02x", i));
        }
        return out.toString();
    }

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir.resolve("data"));
        odps = service.client();
    }

    @AfterEach
    void stop() {
        odps.close();
        service.close();
    }

    private byte[] serverBytes(String name) {
        try (ResourceFile fp = odps.openResource(name, "rb")) {
            return fp.readBytes();
        }
    }

    @Test
    void quickStartCreatesAPyResourceFromAStringAndReadsIt() {
        Resource resource = odps.createResource("test_py_resource.py", "py", "import this");
        assertThat(resource.name()).isEqualTo("test_py_resource.py");
        assertThat(resource.type()).isEqualTo(ResourceType.PY);
        assertThat(resource.size()).isEqualTo(11);
        assertThat(resource.md5()).isEqualTo("6820402744d1aa25e4bdbf6745a66ea6");
        try (ResourceFile fp = resource.open("r")) {
            assertThat(fp.read()).isEqualTo("import this");
        }
        try (ResourceFile fp = resource.open()) {
            assertThat(fp.mode()).isEqualTo(FileMode.parse("r"));
            assertThat(fp.readLines()).containsExactly("import this");
        }
    }

    @Test
    void createsAFileResourceFromABinaryFileOnDisk() throws Exception {
        Path file = tempDir.resolve("file.bin");
        Files.write(file, BINARY);
        Resource resource = odps.createResource("test_file_resource", "file", file);
        assertThat(resource.size()).isEqualTo(275);
        assertThat(serverBytes("test_file_resource")).isEqualTo(BINARY);
        Resource fromStream = odps.createResource("test_file_stream", "file", new ByteArrayInputStream(BINARY));
        assertThat(fromStream.md5()).isEqualTo(resource.md5());
        Resource fromBytes = odps.createResource("test_file_bytes", "file", BINARY);
        assertThat(fromBytes.md5()).isEqualTo(resource.md5());
    }

    @Test
    void readExampleReadsAllThenSeeksBackAndReadsLines() {
        Resource resource = odps.createResource("test_py_resource.py", "py", "import this\nimport antigravity\n");
        try (ResourceFile fp = resource.open("r")) {
            String content = fp.read();
            fp.seek(0);
            List<String> lines = fp.readLines();
            assertThat(content).isEqualTo("import this\nimport antigravity\n");
            assertThat(lines).containsExactly("import this\n", "import antigravity\n");
        }
    }

    @Test
    void readWriteExampleInTextModeGivesTheBytesPyOdpsUploaded() {
        odps.createResource("test_file_resource", "file", TEXT_DOC);
        try (ResourceFile fp = odps.openResource("test_file_resource", "r+")) {
            assertThat(fp.read()).isEqualTo(TEXT_DOC);
            assertThat(fp.tell()).isEqualTo(29); // characters, not bytes
            fp.seek(10);
            fp.truncate();
            fp.writeLines(List.of("Hello\n", "World\n"));
            fp.write("Hello World");
            fp.flush();
            assertThat(fp.isDirty()).isFalse();
        }
        // Tp#61: PUT body of PyODPS for this very sequence
        assertThat(new String(serverBytes("test_file_resource"), StandardCharsets.UTF_8))
                .isEqualTo("Hello\nWorlHello\nWorld\nHello World");
    }

    @Test
    void readWriteExampleInBinaryModeGivesTheBytesPyOdpsUploaded() {
        odps.createResource("test_file_resource", "file", BINARY);
        try (ResourceFile fp = odps.openResource("test_file_resource", "r+b")) {
            assertThat(fp.readBytes()).isEqualTo(BINARY);
            assertThat(fp.tell()).isEqualTo(275);
            fp.seek(10);
            fp.truncate();
            fp.writeLines(List.of("Hello\n", "World\n")); // str to a binary handle is encoded, as PyODPS does
            fp.write("Hello World".getBytes(StandardCharsets.UTF_8));
            fp.flush();
        }
        // Tp#36
        assertThat(HexFormat.of().formatHex(serverBytes("test_file_resource")))
                .isEqualTo("0001020304050607080948656c6c6f0a576f726c640a48656c6c6f20576f726c64");
    }

    @Test
    void openModeSequencesOfTheTracesGiveTheSameBytes() {
        odps.createResource("test_file_resource", "file", "old content");
        try (ResourceFile fp = odps.openResource("test_file_resource", "w")) { // Tp#42
            fp.writeLines(List.of("Hello\n", "World\n"));
            fp.write("Hello World");
        }
        assertThat(text("test_file_resource")).isEqualTo("Hello\nWorld\nHello World");
        try (ResourceFile fp = odps.openResource("test_file_resource", "a")) { // Tp#50
            fp.write("\n你好，世界");
        }
        assertThat(text("test_file_resource")).isEqualTo("Hello\nWorld\nHello World\n你好，世界");
        try (ResourceFile fp = odps.openResource("test_file_resource", "r")) { // Tp#57
            assertThat(fp.read()).isEqualTo("Hello\nWorld\nHello World\n你好，世界");
        }
        try (ResourceFile fp = odps.openResource("test_file_resource", "w+")) { // Tp#67
            fp.write("abc");
            fp.seek(0);
            assertThat(fp.read()).isEqualTo("abc");
        }
        try (ResourceFile fp = odps.openResource("test_file_resource", "a+")) { // Tp#75
            assertThat(fp.read()).isEqualTo("abc");
            fp.seek(0);
            fp.write("def");
            fp.seek(0);
            assertThat(fp.read()).isEqualTo("abcdef");
        }
        try (ResourceFile fp = odps.openResource("test_file_resource", "rb")) { // Tp#81
            assertThat(fp.readBytes()).isEqualTo("abcdef".getBytes(StandardCharsets.US_ASCII));
        }
        try (ResourceFile fp = odps.openResource("test_file_resource", "r+b")) { // Tp#85
            fp.seek(3);
            fp.truncate();
            fp.write(new byte[] {0, (byte) 0xff, (byte) 0x80});
        }
        assertThat(HexFormat.of().formatHex(serverBytes("test_file_resource"))).isEqualTo("61626300ff80");
    }

    private String text(String name) {
        return new String(serverBytes(name), StandardCharsets.UTF_8);
    }

    @Test
    void entryObjectMethodsListExistGetDeleteAndDrop() {
        odps.createResource("test_py_resource.py", "py", "import this");
        odps.createResource("test_file_resource", "file", BINARY);
        odps.createResource("test_temp_resource", "file", "temp content".getBytes(StandardCharsets.UTF_8),
                ResourceOptions.defaults().withTemp(true));
        List<String> names = new ArrayList<>();
        for (Resource r : odps.listResources()) {
            names.add(r.name());
        }
        assertThat(names).contains("test_py_resource.py", "test_file_resource").doesNotContain("test_temp_resource");
        List<String> prefixed = new ArrayList<>();
        odps.listResources("test_py").forEach(r -> prefixed.add(r.name()));
        assertThat(prefixed).containsExactly("test_py_resource.py");

        assertThat(odps.existResource("test_py_resource.py")).isTrue();
        assertThat(odps.existResource("no_such_resource.tar.gz")).isFalse();
        assertThat(odps.existResource("test_temp_resource")).isTrue();
        assertThat(odps.getResource("test_temp_resource").isTemp()).isTrue();

        Resource file = odps.getResource("test_file_resource");
        assertThat(file.size()).isEqualTo(275);
        assertThat(file.md5()).isEqualTo(Md5.hex(BINARY));
        assertThat(file.creationTime()).isNotNull();
        assertThat(file.lastModifiedTime()).isNotNull();

        odps.deleteResource("test_py_resource.py");
        assertThat(odps.existResource("test_py_resource.py")).isFalse();
        file.drop();
        assertThat(odps.existResource("test_file_resource")).isFalse();
        assertThatThrownBy(() -> odps.deleteResource("test_file_resource")).isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> odps.getResource("test_file_resource")).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void tableResourcesAreCreatedReadAndRepointed() {
        // the emulator only accepts table resources whose table exists (docs/tunnel.md §6)
        odps.createTable("my_table", TableResourceSeedTest.myTableSchema(), false);
        odps.createTable("my_project2.my_table", TableResourceSeedTest.myTableSchema(), false);
        TableResource created = odps.createTableResource("test_table_resource", "my_table", "pt=test");
        assertThat(created.tableSource().format()).isEqualTo("p1.my_table partition(pt='test')");
        Resource got = odps.getResource("test_table_resource");
        assertThat(got).isInstanceOf(TableResource.class);
        TableResource table = (TableResource) got;
        assertThat(table.type()).isEqualTo(ResourceType.TABLE);
        assertThat(table.tableName()).isEqualTo("p1.my_table");
        assertThat(table.partitionSpec()).isEqualTo("pt='test'");

        table.update("pt=test2", "my_project2");
        assertThat(table.tableSource()).isEqualTo(TableSource.parse("my_project2.my_table partition(pt='test2')"));
        assertThat(((TableResource) odps.getResource("test_table_resource")).tableSource().format())
                .isEqualTo("my_project2.my_table partition(pt='test2')");
        assertThatThrownBy(() -> table.open("r")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> odps.openResource("test_table_resource", "r"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void reloadRefreshesMetadataAfterAnotherWriter() {
        Resource r = odps.createResource("meta.txt", "file", "one");
        odps.updateResource("meta.txt", "three".getBytes(StandardCharsets.UTF_8),
                ResourceOptions.defaults().withComment("second"));
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.reload().size()).isEqualTo(5);
        assertThat(r.comment()).isEqualTo("second");
    }
}
