package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.FileResource;
import com.aliyun.odps.Function;
import com.aliyun.odps.NoSuchObjectException;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.PyResource;
import com.aliyun.odps.Resource;
import com.aliyun.odps.TableResource;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.task.SQLTask;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.testing.GeneratedContent;

/**
 * Drives the emulator with the unmodified official Java SDK (odps-sdk-core 0.57.1-public): every resource workflow
 * the SDK offers, read back byte-exact. The SDK uploads every file resource as parts + merge, so these tests cover
 * that path; single-request uploads are covered by the PyODPS trace replay and {@link ErrorAnswersTest}.
 */
class OfficialSdkInteropTest {
    private static final String PROJECT = "p1";

    @TempDir
    Path dataDir;
    EmulatorServer server;
    Odps odps;

    @BeforeEach
    void start() throws Exception {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project(PROJECT)
                .accessKey("ak", "sk").build());
        odps = new Odps(new AliyunAccount("ak", "sk"));
        odps.setEndpoint(server.url());
        odps.setDefaultProject(PROJECT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pyResourceCreatedFromAStringReadsBackByteExact() throws Exception {
        PyResource res = new PyResource();
        res.setName("hello.py");
        res.setComment("greets");
        byte[] code = "import this\nprint('hi')\n".getBytes(StandardCharsets.UTF_8);
        odps.resources().create(res, new ByteArrayInputStream(code));

        assertThat(odps.resources().exists("hello.py")).isTrue();
        assertThat(odps.resources().exists("nope.py")).isFalse();
        Resource got = odps.resources().get("hello.py");
        assertThat(got.getType()).isEqualTo(Resource.Type.PY);
        assertThat(got.getComment()).isEqualTo("greets");
        assertThat(got.getOwner()).isEqualTo("ALIYUN$ak@odps-explorer.local");
        assertThat(got.getLastUpdator()).isEqualTo("ALIYUN$ak@odps-explorer.local");
        assertThat(got.getSize()).isEqualTo(code.length);
        assertThat(got.getCreatedTime()).isNotNull();
        try (InputStream in = odps.resources().getResourceAsStream("hello.py")) {
            assertThat(in.readAllBytes()).isEqualTo(code);
        }
    }

    @Test
    void binaryFileWithEveryByteValueAndCrlfRoundTripsExactly() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 256; i++) {
            b.write(i);
        }
        b.writeBytes("\r\nline\r\n\n\rend!\r\n\r\n\r".getBytes(StandardCharsets.US_ASCII));
        byte[] data = b.toByteArray();
        assertThat(data).hasSize(275);
        FileResource res = new FileResource();
        res.setName("bytes.bin");
        odps.resources().create(res, new ByteArrayInputStream(data));

        FileResource got = (FileResource) odps.resources().get("bytes.bin");
        assertThat(got.getSize()).isEqualTo(275L);
        assertThat(got.getContentMd5()).isEqualTo(SignedClient.md5Hex(data));
        try (InputStream in = odps.resources().getResourceAsStream("bytes.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void emptyFileIsStoredThroughAnEmptyMerge() throws Exception {
        FileResource res = new FileResource();
        res.setName("empty.txt");
        odps.resources().create(res, new ByteArrayInputStream(new byte[0]));
        assertThat(odps.resources().get("empty.txt").getSize()).isZero();
        try (InputStream in = odps.resources().getResourceAsStream("empty.txt")) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void tempResourceIsReadableAndFlaggedButNotListed() throws Exception {
        FileResource res = new FileResource();
        res.setName("scratch.txt");
        res.setIsTempResource(true);
        odps.resources().create(res, new ByteArrayInputStream("temp content".getBytes(StandardCharsets.UTF_8)));
        FileResource visible = new FileResource();
        visible.setName("visible.txt");
        odps.resources().create(visible, new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));

        FileResource got = (FileResource) odps.resources().get("scratch.txt");
        assertThat(got.getIsTempResource()).isTrue();
        try (InputStream in = odps.resources().getResourceAsStream("scratch.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("temp content");
        }
        assertThat(names(odps.resources().iterator())).containsExactly("visible.txt");
    }

    @Test
    void resourceLargerThanOneChunkIsUploadedInPartsAndStreamsBackWithMatchingMd5() throws Exception {
        long size = 64L * 1024 * 1024 + 1024 * 1024 + 7;
        MessageDigest sent = MessageDigest.getInstance("MD5");
        FileResource res = new FileResource();
        res.setName("big.bin");
        try (InputStream in = new DigestInputStream(new GeneratedContent(size, 42), sent)) {
            odps.resources().create(res, in);
        }
        String sentMd5 = HexFormat.of().formatHex(sent.digest());

        FileResource got = (FileResource) odps.resources().get("big.bin");
        assertThat(got.getSize()).isEqualTo(size);
        assertThat(got.getContentMd5()).isEqualTo(sentMd5);
        MessageDigest received = MessageDigest.getInstance("MD5");
        long count = 0;
        try (InputStream in = odps.resources().getResourceAsStream("big.bin")) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.update(buf, 0, n);
                count += n;
            }
        }
        // the SDK reads 64 MiB, sees x-odps-resource-has-remaining: true and fetches the rest
        assertThat(count).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(sentMd5);
        assertThat(names(odps.resources().iterator())).containsExactly("big.bin"); // the parts are gone
    }

    @Test
    void listingReturnsEveryResourceAndTheNameFilterActsAsPrefix() throws Exception {
        for (String name : List.of("a_one.py", "a_two.py", "b_three.txt")) {
            FileResource r = name.endsWith(".py") ? new PyResource() : new FileResource();
            r.setName(name);
            odps.resources().create(r, new ByteArrayInputStream(name.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(names(odps.resources().iterator())).containsExactly("a_one.py", "a_two.py", "b_three.txt");
        assertThat(names(odps.resources().iterator(PROJECT, null, "a_"))).containsExactly("a_one.py", "a_two.py");
        List<Resource.Type> types = new ArrayList<>();
        odps.resources().iterator().forEachRemaining(r -> types.add(r.getType()));
        assertThat(types).containsExactly(Resource.Type.PY, Resource.Type.PY, Resource.Type.FILE);
    }

    @Test
    void updateReplacesContentAndKeepsOwnerAndCreationTime() throws Exception {
        FileResource res = new FileResource();
        res.setName("conf.txt");
        res.setComment("v1");
        odps.resources().create(res, new ByteArrayInputStream("one".getBytes(StandardCharsets.UTF_8)));
        Resource before = odps.resources().get("conf.txt");
        before.reload();

        FileResource update = new FileResource();
        update.setName("conf.txt");
        update.setComment("v2");
        odps.resources().update(update, new ByteArrayInputStream("second version".getBytes(StandardCharsets.UTF_8)));

        Resource after = odps.resources().get("conf.txt");
        assertThat(after.getComment()).isEqualTo("v2");
        assertThat(after.getSize()).isEqualTo(14L);
        assertThat(after.getCreatedTime()).isEqualTo(before.getCreatedTime());
        try (InputStream in = odps.resources().getResourceAsStream("conf.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second version");
        }
    }

    @Test
    void updatingAMissingResourceIsNoSuchObject() {
        FileResource update = new FileResource();
        update.setName("ghost.txt");
        assertThatThrownBy(() -> odps.resources().update(update, new ByteArrayInputStream(new byte[] {1})))
                .isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void creatingAnExistingNameFailsWith409AndKeepsTheOriginal() throws Exception {
        FileResource res = new FileResource();
        res.setName("dup.txt");
        odps.resources().create(res, new ByteArrayInputStream("original".getBytes(StandardCharsets.UTF_8)));
        FileResource again = new FileResource();
        again.setName("dup.txt");
        assertThatThrownBy(() -> odps.resources().create(again,
                new ByteArrayInputStream("other".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(OdpsException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(409);
                    assertThat(e.getErrorCode()).isEqualTo("ObjectAlreadyExists");
                });
        try (InputStream in = odps.resources().getResourceAsStream("dup.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("original");
        }
    }

    @Test
    void deleteRemovesTheResourceAndASecondDeleteIsNoSuchObject() throws Exception {
        FileResource res = new FileResource();
        res.setName("gone.txt");
        odps.resources().create(res, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        odps.resources().delete("gone.txt");
        assertThat(odps.resources().exists("gone.txt")).isFalse();
        assertThatThrownBy(() -> odps.resources().delete("gone.txt")).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void tableResourceKeepsItsSourceStringExactlyThroughCreateGetAndUpdate() throws Exception {
        // table resources must name an existing table (TableSourceCheck)
        SQLTask.run(odps, "CREATE TABLE my_table (id BIGINT) PARTITIONED BY (pt STRING);")
                .waitForSuccess();
        TableResource res = new TableResource("my_table", PROJECT, new PartitionSpec("pt='test'"));
        res.setName("tab_res");
        odps.resources().create(res);
        TableResource got = (TableResource) odps.resources().get("tab_res");
        assertThat(got.getType()).isEqualTo(Resource.Type.TABLE);
        assertThat(got.getSourceTable().getName()).isEqualTo("my_table");
        assertThat(got.getSourceTable().getProject()).isEqualTo(PROJECT);
        assertThat(got.getSourceTablePartition().toString()).isEqualTo("pt='test'");

        TableResource update = new TableResource("my_table", PROJECT, new PartitionSpec("pt='test2'"));
        update.setName("tab_res");
        odps.resources().update(update);
        TableResource after = (TableResource) odps.resources().get("tab_res");
        assertThat(after.getSourceTablePartition().toString()).isEqualTo("pt='test2'");

        RawHttp.Response meta = new SignedClient(server.port(), "ak", "sk")
                .call("GET", "/projects/" + PROJECT + "/resources/tab_res").query("meta").send();
        assertThat(meta.header("x-odps-copy-table-source")).isEqualTo(PROJECT + ".my_table partition(pt='test2')");
        assertThat(meta.header("x-odps-resource-size")).isNull();
    }

    @Test
    @SuppressWarnings("deprecation") // classType and resource names are only reachable through deprecated accessors
    void functionRecordsTheResourcesItUses() throws Exception {
        PyResource py = new PyResource();
        py.setName("my_udf.py");
        odps.resources().create(py, new ByteArrayInputStream("def f(x): return x\n".getBytes(StandardCharsets.UTF_8)));
        Function f = new Function();
        f.setName("my_lower");
        f.setClassType("my_udf.Lower");
        f.setResources(List.of("my_udf.py"));
        odps.functions().create(f);

        assertThat(odps.functions().exists("my_lower")).isTrue();
        assertThat(odps.functions().exists("nope")).isFalse();
        Function got = odps.functions().get("my_lower");
        assertThat(got.getClassType()).isEqualTo("my_udf.Lower");
        assertThat(got.getResourceNames()).containsExactly("my_udf.py");
        assertThat(got.getResources()).extracting(Resource::getName).containsExactly("my_udf.py");
        assertThat(got.getResources().get(0).getType()).isEqualTo(Resource.Type.PY);
        List<String> listed = new ArrayList<>();
        odps.functions().iterator().forEachRemaining(fn -> listed.add(fn.getName()));
        assertThat(listed).containsExactly("my_lower");

        Function changed = new Function();
        changed.setName("my_lower");
        changed.setClassType("my_udf.Lower2");
        changed.setResources(List.of("my_udf.py"));
        odps.functions().update(changed);
        assertThat(odps.functions().get("my_lower").getClassType()).isEqualTo("my_udf.Lower2");

        odps.functions().delete("my_lower");
        assertThat(odps.functions().exists("my_lower")).isFalse();
    }

    @Test
    void projectAndMissingTableAnswerAsTheSdkExpects() throws Exception {
        odps.projects().get(PROJECT).reload();
        assertThat(odps.projects().get(PROJECT).getOwner()).isEqualTo("ALIYUN$ak@odps-explorer.local");
        assertThat(odps.projects().exists("no_such_project")).isFalse();
        assertThat(odps.tables().exists("no_such_table")).isFalse();
    }

    private static List<String> names(Iterator<Resource> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(r -> out.add(r.getName()));
        return out;
    }
}
