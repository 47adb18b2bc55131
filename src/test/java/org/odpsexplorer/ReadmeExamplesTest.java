package org.odpsexplorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.Resource;
import com.aliyun.odps.account.AliyunAccount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.ResourceFile;
import org.odpsexplorer.sdk.TableResource;
import org.odpsexplorer.sdk.table.Record;
import org.odpsexplorer.sdk.table.RecordCursor;
import org.odpsexplorer.sdk.table.RecordReader;

/** The README's code examples, run as written against a demo emulator, so the README stays true. */
class ReadmeExamplesTest {
    @TempDir
    Path data;

    private EmulatorServer demoServer() throws Exception {
        return EmulatorServer.start(EmulatorConfig.builder().dataDir(data).port(0)
                .project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY)
                .demo(true).build());
    }

    @Test
    void theOfficialJavaSdkListsTheDemoProjectWithTheDefaultCredentials() throws Exception {
        try (EmulatorServer server = demoServer()) {
            com.aliyun.odps.Odps odps = new com.aliyun.odps.Odps(new AliyunAccount("odps-explorer", "odps-explorer-secret"));
            odps.setEndpoint(server.url());
            odps.setDefaultProject("demo");
            List<String> names = new ArrayList<>();
            for (Resource r : odps.resources()) {
                names.add(r.getName() + " " + r.getType());
            }
            assertThat(names).contains("sales_resource TABLE").anyMatch(n -> n.endsWith(" PY"))
                    .anyMatch(n -> n.endsWith(" JAR")).anyMatch(n -> n.endsWith(" ARCHIVE"));
        }
    }

    @Test
    void theSdkExampleAppendsToAScriptAndReadsTheDemoTableResource() throws Exception {
        try (EmulatorServer server = demoServer();
             Odps odps = Odps.builder().endpoint(server.url()).project("demo")
                     .accessKey("odps-explorer", "odps-explorer-secret").build()) {
            odps.createResource("hello.py", "py", "print('hi')");
            try (ResourceFile fp = odps.openResource("hello.py", "r+")) {
                fp.seek(0, 2);
                fp.write("\nprint('bye')");
                fp.flush();
            }
            try (ResourceFile fp = odps.openResource("hello.py", "rb")) {
                assertThat(new String(fp.readBytes(), StandardCharsets.UTF_8)).isEqualTo("print('hi')\nprint('bye')");
            }
            TableResource t = (TableResource) odps.getResource("sales_resource");
            List<String> rows = new ArrayList<>();
            try (RecordReader reader = t.openReader(); RecordCursor cursor = reader.read(0, 10)) {
                for (Record row : cursor) {
                    rows.add(row.get("id") + " " + row.get("name"));
                }
            }
            assertThat(rows).containsExactly("0 aaaa", "1 bbbbb");
        }
    }
}
