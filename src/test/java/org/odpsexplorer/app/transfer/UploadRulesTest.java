package org.odpsexplorer.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UploadRulesTest {
    @Test
    void typeIsInferredFromTheExtension() {
        assertThat(UploadRules.inferType("job.py")).isEqualTo("py");
        assertThat(UploadRules.inferType("udf.JAR")).isEqualTo("jar");
        assertThat(UploadRules.inferType("deps.tar.gz")).isEqualTo("archive");
        assertThat(UploadRules.inferType("deps.tgz")).isEqualTo("archive");
        assertThat(UploadRules.inferType("a.whl")).isEqualTo("archive");
        assertThat(UploadRules.inferType("a.zip")).isEqualTo("archive");
        assertThat(UploadRules.inferType("a.tar")).isEqualTo("archive");
        assertThat(UploadRules.inferType("data.csv")).isEqualTo("file");
    }

    @Test
    void namesExtensionsAndSizeAreCheckedBeforeUpload() {
        assertThat(UploadRules.problems("ok_name-1.py", "py", 10)).isEmpty();
        assertThat(UploadRules.problems("bad name.txt", "file", 1)).singleElement().asString().contains("letters");
        assertThat(UploadRules.problems("job.txt", "py", 1)).singleElement().asString().contains(".py");
        assertThat(UploadRules.problems("x.jar", "archive", 1)).isEmpty();
        assertThat(UploadRules.problems("x.bin", "archive", 1)).hasSize(1);
        assertThat(UploadRules.problems("big.bin", "file", 2048L * 1024 * 1024 + 1)).singleElement().asString()
                .contains("2,048 MB");
        assertThat(UploadRules.problems("a".repeat(129), "file", 1)).hasSize(1);
        assertThat(UploadRules.nameFor("my file (1).py")).isEqualTo("my_file__1_.py");
    }

    @Test
    void renameAddsACounterBeforeTheExtension() {
        assertThat(UploadRules.uniqueName("job.py", Set.of("job.py", "job_1.py"))).isEqualTo("job_2.py");
        assertThat(UploadRules.uniqueName("deps.tar.gz", Set.of("deps.tar.gz"))).isEqualTo("deps_1.tar.gz");
        assertThat(UploadRules.uniqueName("free", Set.of())).isEqualTo("free");
    }
}
