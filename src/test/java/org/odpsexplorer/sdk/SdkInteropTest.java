package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.FileResource;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.PyResource;
import com.aliyun.odps.account.AliyunAccount;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.testing.GeneratedContent;
import org.odpsexplorer.wire.Md5;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * What our SDK writes the official {@code odps-sdk-core} reads byte-exact, and vice versa, through the emulator:
 * text, every byte value with CRLF, non-ASCII comments, table resources, and more than 64 MiB streamed both ways
 * (parts + merge on upload, ranged reads on download).
 */
class SdkInteropTest {
    private static final long BIG = 64L * 1024 * 1024 + 3 * 1024 * 1024 + 11;

    @TempDir
    Path tempDir;
    private TestService service;
    private Odps ours;
    private com.aliyun.odps.Odps official;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir);
        ours = service.client();
        official = new com.aliyun.odps.Odps(new AliyunAccount(TestService.ACCESS_ID, TestService.SECRET));
        official.setEndpoint(service.url());
        official.setDefaultProject(TestService.PROJECT);
    }

    @AfterEach
    void stop() {
        ours.close();
        service.close();
    }

    private byte[] officialRead(String name) throws Exception {
        try (InputStream in = official.resources().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private byte[] oursRead(String name) {
        try (ResourceFile fp = ours.openResource(name, "rb")) {
            return fp.readBytes();
        }
    }

    @Test
    void pyTextWithCommentWrittenByUsIsReadByTheOfficialSdk() throws Exception {
        ours.createResource("hello.py", "py", "import this\r\nprint('héllo')\n",
                ResourceOptions.defaults().withComment("中文注释 comment"));
        assertThat(officialRead("hello.py")).isEqualTo("import this\r\nprint('héllo')\n".getBytes(StandardCharsets.UTF_8));
        com.aliyun.odps.Resource got = official.resources().get("hello.py");
        assertThat(got.getType()).isEqualTo(com.aliyun.odps.Resource.Type.PY);
        assertThat(got.getComment()).isEqualTo("中文注释 comment");
    }

    @Test
    void everyByteValueRoundTripsInBothDirections() throws Exception {
        ours.createResource("ours.bin", "file", SeedExamplesTest.BINARY);
        assertThat(officialRead("ours.bin")).isEqualTo(SeedExamplesTest.BINARY);

        FileResource res = new FileResource();
        res.setName("theirs.bin");
        res.setComment("二进制");
        official.resources().create(res, new ByteArrayInputStream(SeedExamplesTest.BINARY));
        assertThat(oursRead("theirs.bin")).isEqualTo(SeedExamplesTest.BINARY);
        Resource meta = ours.getResource("theirs.bin");
        assertThat(meta.comment()).isEqualTo("二进制");
        assertThat(meta.md5()).isEqualTo(Md5.hex(SeedExamplesTest.BINARY));

        try (ResourceFile fp = ours.openResource("theirs.bin", "r+b")) {
            fp.seek(256);
            fp.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] expected = SeedExamplesTest.BINARY.clone();
        System.arraycopy(new byte[] {13, 10, 13, 10}, 0, expected, 256, 4);
        assertThat(officialRead("theirs.bin")).isEqualTo(expected);
    }

    @Test
    void textWrittenByTheOfficialSdkIsEditedByOurHandles() throws Exception {
        PyResource res = new PyResource();
        res.setName("job.py");
        official.resources().create(res, new ByteArrayInputStream("a = 1\r\nb = '你好'\n".getBytes(StandardCharsets.UTF_8)));
        try (ResourceFile fp = ours.openResource("job.py", "r+")) {
            assertThat(fp.readLines()).containsExactly("a = 1\r\n", "b = '你好'\n");
            fp.seek(0, ResourceFile.SEEK_END);
            fp.write("c = 3\n");
        }
        assertThat(new String(officialRead("job.py"), StandardCharsets.UTF_8)).isEqualTo("a = 1\r\nb = '你好'\nc = 3\n");
        assertThat(official.resources().get("job.py").getType()).isEqualTo(com.aliyun.odps.Resource.Type.PY);
    }

    @Test
    void tableResourcesAgreeInBothDirections() throws Exception {
        // the emulator only accepts table resources whose table exists (docs/tunnel.md §6)
        ours.createTable("my_table", TableResourceSeedTest.myTableSchema(), false);
        ours.createTable("other", new TableSchema(
                List.of(Column.of("v", "string")),
                List.of(Column.of("pt", "string"),
                        Column.of("dt", "string"))), false);
        ours.createTableResource("t_ours", "my_table", "pt=test");
        com.aliyun.odps.TableResource got = (com.aliyun.odps.TableResource) official.resources().get("t_ours");
        assertThat(got.getSourceTable().getName()).isEqualTo("my_table");
        assertThat(got.getSourceTable().getProject()).isEqualTo("p1");
        assertThat(got.getSourceTablePartition().toString()).isEqualTo("pt='test'");

        com.aliyun.odps.TableResource theirs = new com.aliyun.odps.TableResource("other", "p1",
                new PartitionSpec("pt='a',dt='b'"));
        theirs.setName("t_theirs");
        official.resources().create(theirs);
        TableResource mine = (TableResource) ours.getResource("t_theirs");
        assertThat(mine.tableSource().format()).isEqualTo("p1.other partition(pt='a',dt='b')");
    }

    @Test
    void moreThan64MiBStreamsBothWays() throws Exception {
        String expectedMd5 = GeneratedContent.md5(BIG, 7);
        // ours → official: parts + merge from a stream
        Resource created = ours.createResource("big_ours.bin", "file", new GeneratedContent(BIG, 7));
        assertThat(created.size()).isEqualTo(BIG);
        assertThat(created.md5()).isEqualTo(expectedMd5);
        assertThat(GeneratedContent.md5Of(official.resources().getResourceAsStream("big_ours.bin")))
                .isEqualTo(expectedMd5);

        // official → ours: ranged reads through a streaming handle and a download
        FileResource res = new FileResource();
        res.setName("big_theirs.bin");
        official.resources().create(res, new GeneratedContent(BIG, 7));
        MessageDigest viaHandle = Md5.newDigest();
        try (ResourceFile fp = ours.openResource("big_theirs.bin", "rb")) {
            byte[] chunk;
            while ((chunk = fp.readBytes(1 << 20)).length > 0) {
                viaHandle.update(chunk);
            }
        }
        assertThat(HexFormat.of().formatHex(viaHandle.digest())).isEqualTo(expectedMd5);
        MessageDigest viaDownload = Md5.newDigest();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), viaDownload)) {
            assertThat(ours.downloadResource("big_theirs.bin", out, ResourceOptions.defaults())).isEqualTo(BIG);
        }
        assertThat(HexFormat.of().formatHex(viaDownload.digest())).isEqualTo(expectedMd5);

        // an edit of big content by our handle: spooled to disk, uploaded as parts, read by the official SDK
        try (ResourceFile fp = ours.openResource("big_theirs.bin", "ab")) {
            fp.write(new byte[] {1, 2, 3});
        }
        MessageDigest appended = Md5.newDigest();
        try (InputStream in = new DigestInputStream(new GeneratedContent(BIG, 7), appended)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        appended.update(new byte[] {1, 2, 3});
        assertThat(GeneratedContent.md5Of(official.resources().getResourceAsStream("big_theirs.bin")))
                .isEqualTo(HexFormat.of().formatHex(appended.digest()));
        assertThat(ours.getResource("big_theirs.bin").size()).isEqualTo(BIG + 3);
    }
}
