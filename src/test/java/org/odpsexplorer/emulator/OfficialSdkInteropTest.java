package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PyResource;
import com.aliyun.odps.Resource;
import com.aliyun.odps.account.AliyunAccount;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the emulator with the unmodified official Java SDK (odps-sdk-core 0.57.1-public). */
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
        try (InputStream in = odps.resources().getResourceAsStream("hello.py")) {
            assertThat(in.readAllBytes()).isEqualTo(code);
        }
    }
}
