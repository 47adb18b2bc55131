package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.account.AliyunAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.Function;

/**
 * Functions written by our SDK as the official {@code odps-sdk-core} sees them through the emulator, and the reverse:
 * names, class types and resource lists agree, updates and deletes from either side are seen by the other.
 */
class FunctionInteropTest {
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
        ours.createResource("udf.py", "py", "def f(x): return x\n");
        ours.createResource("lib.jar", "jar", new byte[] {'P', 'K', 3, 4});
    }

    @AfterEach
    void stop() {
        ours.close();
        service.close();
    }

    @Test
    @SuppressWarnings("deprecation") // the official class type and resource names are behind deprecated accessors
    void theOfficialSdkListsAndReadsWhatOursCreated() throws Exception {
        ours.createFunction("ours_upper", "udf.Upper", List.of("udf.py", "lib.jar"));
        ours.createFunction("ours_lower", "udf.Lower", List.of("udf.py"));

        List<String> listed = new ArrayList<>();
        official.functions().iterator().forEachRemaining(f -> listed.add(f.getName()));
        assertThat(listed).containsExactlyInAnyOrder("ours_upper", "ours_lower");
        com.aliyun.odps.Function got = official.functions().get("ours_upper");
        assertThat(got.getClassType()).isEqualTo("udf.Upper");
        assertThat(got.getResourceNames()).containsExactlyInAnyOrder("udf.py", "lib.jar");
        assertThat(got.getOwner()).isEqualTo("ALIYUN$ak@odps-explorer.local");
        assertThat(got.getCreatedTime()).isNotNull();

        ours.updateFunction(ours.getFunction("ours_upper").withClassType("udf.Upper2").withResources(List.of("lib.jar")));
        com.aliyun.odps.Function changed = official.functions().get("ours_upper");
        assertThat(changed.getClassType()).isEqualTo("udf.Upper2");
        assertThat(changed.getResourceNames()).containsExactly("lib.jar");
        ours.deleteFunction("ours_lower");
        assertThat(official.functions().exists("ours_lower")).isFalse();
    }

    @Test
    @SuppressWarnings("deprecation")
    void oursListsAndReadsWhatTheOfficialSdkCreated() throws Exception {
        com.aliyun.odps.Function f = new com.aliyun.odps.Function();
        f.setName("official_fn");
        f.setClassType("com.example.Official");
        f.setResources(List.of("lib.jar", "udf.py"));
        official.functions().create(f);

        List<Function> listed = new ArrayList<>();
        ours.listFunctions().forEach(listed::add);
        assertThat(listed).singleElement().satisfies(fn -> {
            assertThat(fn.name()).isEqualTo("official_fn");
            assertThat(fn.classType()).isEqualTo("com.example.Official");
            assertThat(fn.resources()).containsExactly("lib.jar", "udf.py");
            assertThat(fn.uses("udf.py")).isTrue();
        });
        assertThat(ours.existFunction("official_fn")).isTrue();

        com.aliyun.odps.Function changed = new com.aliyun.odps.Function();
        changed.setName("official_fn");
        changed.setClassType("com.example.Official2");
        changed.setResources(List.of("udf.py"));
        official.functions().update(changed);
        assertThat(ours.getFunction("official_fn").classType()).isEqualTo("com.example.Official2");
        assertThat(ours.getFunction("official_fn").resources()).containsExactly("udf.py");
        official.functions().delete("official_fn");
        assertThat(ours.existFunction("official_fn")).isFalse();
    }
}
