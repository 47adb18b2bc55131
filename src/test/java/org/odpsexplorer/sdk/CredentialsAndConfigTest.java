package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.Credentials;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.RetryPolicy;

class CredentialsAndConfigTest {
    private static final String SECRET = "VerySecretValue123";
    private static final String TOKEN = "StsTokenValue456";

    @Test
    void toStringsNeverShowSecretsOrTokens() {
        Credentials sts = Credentials.sts("myid", SECRET, TOKEN);
        assertThat(sts.toString()).contains("myid").doesNotContain(SECRET).doesNotContain(TOKEN);
        try (Odps odps = Odps.builder().endpoint("http://127.0.0.1:1/api").project("p").credentials(sts).build()) {
            assertThat(odps.toString()).contains("myid").doesNotContain(SECRET).doesNotContain(TOKEN);
        }
    }

    @Test
    void environmentGivesAccessKeyOrStsClient() {
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "id1", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET,
                "ODPS_ENDPOINT", "http://127.0.0.1:9/api", "ODPS_PROJECT", "proj",
                "ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN);
        try (Odps odps = Odps.builderFromEnvironment(env).build()) {
            assertThat(odps.project()).isEqualTo("proj");
            assertThat(odps.endpoint()).isEqualTo("http://127.0.0.1:9/api");
            assertThat(odps.toString()).contains("sts").doesNotContain(SECRET);
        }
    }

    @Test
    void missingEnvironmentVariablesAreNamedWithoutValues() {
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET);
        assertThatThrownBy(() -> Odps.builderFromEnvironment(env)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ALIBABA_CLOUD_ACCESS_KEY_ID").hasMessageContaining("ODPS_ENDPOINT")
                .hasMessageContaining("ODPS_PROJECT").message().doesNotContain(SECRET);
    }

    @Test
    void readsOdpsConfigIni(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("odps_config.ini");
        Files.writeString(ini, "# comment\nproject_name=my_project\naccess_id=id2\naccess_key=" + SECRET
                + "\nend_point=http://127.0.0.1:8080/api\ntunnel_endpoint=http://127.0.0.1:8081\n");
        try (Odps odps = OdpsConfigFile.read(ini).build()) {
            assertThat(odps.project()).isEqualTo("my_project");
            assertThat(odps.endpoint()).isEqualTo("http://127.0.0.1:8080/api");
            assertThat(odps.tunnelEndpoint()).isEqualTo("http://127.0.0.1:8081");
            assertThat(odps.toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void configValuesKeepBackslashesAndEqualsSignsAndNeverShowTheSecret() {
        String ini = "[odps]\n; comment\nproject_name = my_project\naccess_id=id\naccess_key=a\\b\\\\c=d\n"
                + "end_point=http://127.0.0.1:9/api\nsts_token=" + TOKEN + "\n";
        ConnectionSettings settings = OdpsConfigFile.settings(ini);
        assertThat(settings.accessKey()).isEqualTo("a\\b\\\\c=d");
        assertThat(settings.project()).isEqualTo("my_project");
        assertThat(settings.stsToken()).isEqualTo(TOKEN);
        assertThat(settings.toString()).contains("id").doesNotContain("a\\b").doesNotContain(TOKEN);
    }

    @Test
    void environmentReadsPyOdpsAndOdpscmdNamesToo() {
        ConnectionSettings s = ConnectionSettings.fromEnvironment(Map.of("ODPS_ACCESS_ID", "id3",
                "ODPS_ACCESS_KEY", SECRET, "ODPS_ENDPOINT", " http://127.0.0.1:9/api ", "ODPS_PROJECT_NAME", "p3",
                "ODPS_PROJECT", "older", "ODPS_TUNNEL_ENDPOINT", "", "ODPS_REGION_NAME", "cn-hangzhou"));
        assertThat(s).isEqualTo(new ConnectionSettings("http://127.0.0.1:9/api", "p3", "id3", SECRET, null, null,
                "cn-hangzhou"));
        try (Odps odps = Odps.builderFromEnvironment(Map.of("ODPS_ACCESS_ID", "id3", "ODPS_ACCESS_KEY", SECRET,
                "ODPS_ENDPOINT", "http://127.0.0.1:9/api", "ODPS_PROJECT", "older")).build()) {
            assertThat(odps.project()).isEqualTo("older");
            assertThat(odps.region()).isNull();
        }
    }

    @Test
    void configFileWithoutKeysNamesThem(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("odps_config.ini");
        Files.writeString(ini, "access_key=" + SECRET + "\n");
        assertThatThrownBy(() -> OdpsConfigFile.read(ini)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("project_name").hasMessageContaining("access_id")
                .hasMessageContaining("end_point").message().doesNotContain(SECRET);
    }

    @Test
    void builderNamesWhatIsMissingAndRejectsNonHttpEndpoints() {
        assertThatThrownBy(() -> Odps.builder().project("p").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("endpoint").hasMessageContaining("credentials");
        assertThatThrownBy(() -> Odps.builder().endpoint("ftp://x/api").project("p").accessKey("a", "b").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commentsWithLineBreaksAreRejectedBecauseTheyTravelInAHeader() {
        assertThatThrownBy(() -> ResourceOptions.defaults().withComment("a\r\nx-odps-evil: 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ResourceOptions.defaults().withComment("中文 ok").comment()).isEqualTo("中文 ok");
    }

    @Test
    void transportFailuresCarryTheCallAndCauseButNoSecret() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (Odps odps = Odps.builder().endpoint("http://127.0.0.1:" + closedPort + "/api").project("p")
                .stsToken("id", SECRET, TOKEN).retryPolicy(RetryPolicy.NONE).build()) {
            assertThatThrownBy(() -> odps.existResource("x.txt")).isInstanceOfSatisfying(OdpsTransportException.class,
                    e -> {
                        assertThat(e.status()).isZero();
                        assertThat(e.call()).isEqualTo("GET /projects/p/resources/x.txt?meta");
                        assertThat(e.getCause()).isInstanceOf(IOException.class);
                        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(TOKEN);
                    });
        }
    }
}
