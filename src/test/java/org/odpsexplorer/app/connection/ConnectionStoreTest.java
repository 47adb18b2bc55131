package org.odpsexplorer.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionStoreTest {
    @TempDir
    Path dir;

    @Test
    void profilesAndSecretsRoundTripInSeparateFilesAndTheSecretFileIsOwnerOnly() throws Exception {
        ConnectionStore store = new ConnectionStore(dir);
        assertThat(store.load()).isEmpty();
        ConnectionProfile p = new ConnectionProfile("c1", "Prod", false, "http://127.0.0.1:1/api", null,
                List.of("p1", "p2"), "AKID", false);
        store.save(List.of(p));
        store.saveSecret("c1", new Secret("s3cr3t", null));
        assertThat(store.load()).containsExactly(p);
        assertThat(store.secret("c1")).contains(new Secret("s3cr3t", null));
        assertThat(Files.readString(dir.resolve("connections.json"))).doesNotContain("s3cr3t");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.secretsFile())))
                .isEqualTo("rw-------");
        store.removeSecret("c1");
        assertThat(store.secret("c1")).isEmpty();
    }

    @Test
    void secretsNeverAppearInToString() {
        assertThat(new Secret("s3cr3t", "tok").toString()).doesNotContain("s3cr3t").doesNotContain("tok");
    }

    @Test
    void odpsConfigIniIsImported() throws IOException {
        String ini = "# comment\nproject_name=demo\naccess_id=AK\naccess_key=SK\nend_point=http://127.0.0.1:9/api\n"
                + "tunnel_endpoint=http://127.0.0.1:9/tunnel\nlog_view_host=x\n";
        ConnectionImport.Imported imported = ConnectionImport.fromConfigIni(ini, "ini");
        assertThat(imported.profile().endpoint()).isEqualTo("http://127.0.0.1:9/api");
        assertThat(imported.profile().tunnelEndpoint()).isEqualTo("http://127.0.0.1:9/tunnel");
        assertThat(imported.profile().projects()).containsExactly("demo");
        assertThat(imported.profile().accessId()).isEqualTo("AK");
        assertThat(imported.secret().accessKey()).isEqualTo("SK");
        assertThatThrownBy(() -> ConnectionImport.fromConfigIni("project_name=x", "bad")).hasMessageContaining("end_point");
    }

    @Test
    void importUsesTheSdksParserSoBackslashesSurviveAndTheRegionIsInferred() throws IOException {
        String ini = "[odps]\nproject_name=demo\naccess_id=AK\naccess_key=S\\K\\\\x\n"
                + "end_point=https://service.cn-shanghai.maxcompute.aliyun.com/api\n";
        ConnectionImport.Imported imported = ConnectionImport.fromConfigIni(ini, "ini");
        assertThat(imported.secret().accessKey()).isEqualTo("S\\K\\\\x");
        assertThat(imported.profile().region()).isEqualTo("cn-shanghai");
        assertThat(ConnectionImport.fromConfigIni(ini + "region=cn-beijing\n", "ini").profile().region())
                .isEqualTo("cn-beijing");
        assertThat(ConnectionImport.fromConfigIni("end_point=http://127.0.0.1:9/api", "ini").profile().region())
                .isNull();
    }

    @Test
    void aProfilesRegionRoundTripsAndOldFilesWithoutOneStillLoad() throws Exception {
        ConnectionStore store = new ConnectionStore(dir);
        ConnectionProfile p = new ConnectionProfile("c1", "Prod", false,
                "https://service.cn-hangzhou.maxcompute.aliyun.com/api", null, List.of("p1"), "AKID", false,
                "cn-shanghai");
        store.save(List.of(p));
        assertThat(store.load()).containsExactly(p);
        assertThat(store.load().get(0).signingRegion()).isEqualTo("cn-shanghai");
        Files.writeString(dir.resolve("connections.json"), "[{\"id\":\"c2\",\"name\":\"Old\",\"embedded\":false,"
                + "\"endpoint\":\"https://service.cn-hangzhou.maxcompute.aliyun.com/api\",\"projects\":[\"p\"],"
                + "\"accessId\":\"AK\",\"sts\":false}]");
        ConnectionProfile old = store.load().get(0);
        assertThat(old.region()).isNull();
        assertThat(old.signingRegion()).isEqualTo("cn-hangzhou");
    }

    @Test
    void environmentVariablesOfferAConnection() {
        assertThat(ConnectionImport.fromEnvironment(Map.of())).isEmpty();
        ConnectionImport.Imported env = ConnectionImport.fromEnvironment(Map.of("ODPS_ENDPOINT", "http://127.0.0.1:9/api",
                "ALIBABA_CLOUD_ACCESS_KEY_ID", "AK", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "SK",
                "ALIBABA_CLOUD_SECURITY_TOKEN", "T", "ODPS_PROJECT_NAME", "p")).orElseThrow();
        assertThat(env.profile().sts()).isTrue();
        assertThat(env.secret().stsToken()).isEqualTo("T");
        assertThat(env.profile().projects()).containsExactly("p");
        // the SDK's names: odpscmd's ODPS_ACCESS_ID / ODPS_ACCESS_KEY, PyODPS's ODPS_REGION_NAME
        ConnectionImport.Imported odpscmd = ConnectionImport.fromEnvironment(Map.of("ODPS_ENDPOINT",
                "http://127.0.0.1:9/api", "ODPS_ACCESS_ID", "AK2", "ODPS_ACCESS_KEY", "SK2", "ODPS_PROJECT", "p2",
                "ODPS_REGION_NAME", "cn-hangzhou")).orElseThrow();
        assertThat(odpscmd.profile().accessId()).isEqualTo("AK2");
        assertThat(odpscmd.secret()).isEqualTo(new Secret("SK2", null));
        assertThat(odpscmd.profile().region()).isEqualTo("cn-hangzhou");
    }
}
