package org.odpsexplorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every launcher runs the app with the same explicit heap cap, the one the README states: {@code ./mvnw javafx:run}
 * (pom.xml), the app image and .deb (jpackage {@code --java-options} in installer/build.sh) and the fat jar
 * (installer/odps-explorer.sh). That the cap is enough is shown by the small-heap tests of the write paths
 * ({@code HexSaveHeapTest} edits, saves as and truncates 300 MB in a 128 MiB child JVM).
 */
class HeapCapTest {
    private static final String CAP = "512m";

    private static String read(String path) throws Exception {
        return Files.readString(Path.of(path));
    }

    @Test
    void mavenRunPassesTheCapToTheAppJvm() throws Exception {
        String pom = read("pom.xml");
        Matcher property = Pattern.compile("<app\\.heap>([^<]+)</app\\.heap>").matcher(pom);
        assertThat(property.find()).isTrue();
        assertThat(property.group(1)).isEqualTo(CAP);
        int plugin = pom.indexOf("<artifactId>javafx-maven-plugin</artifactId>");
        assertThat(plugin).isPositive();
        String config = pom.substring(plugin, pom.indexOf("</plugin>", plugin));
        assertThat(config).contains("<option>-Xmx${app.heap}</option>");
    }

    @Test
    void theInstalledAppImageCarriesTheCapInItsJavaOptions() throws Exception {
        String build = read("installer/build.sh");
        assertThat(build).contains("readonly HEAP=" + CAP);
        Matcher options = Pattern.compile("--java-options \"([^\"]*)\"").matcher(build);
        assertThat(options.find()).isTrue();
        assertThat(options.group(1)).contains("-Xmx$HEAP");
    }

    @Test
    void theJarLauncherScriptRunsJavaWithTheCap() throws Exception {
        Path script = Path.of("installer/odps-explorer.sh");
        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(read(script.toString())).containsPattern("exec \"\\$\\{JAVA:-java}\" -Xmx" + CAP + " .*-jar ");
    }

    @Test
    void theReadmeStatesTheCap() throws Exception {
        assertThat(read("README.md")).contains("-Xmx" + CAP);
    }
}
