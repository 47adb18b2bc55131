package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The region PyODPS infers from an endpoint, and where the SDK applies it: builder, odps_config.ini, environment. */
class RegionInferenceTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "https://service.cn-hangzhou.maxcompute.aliyun.com/api, cn-hangzhou",
            "http://service.cn-shanghai.maxcompute.aliyun-inc.com/api, cn-shanghai",
            "http://service.cn-beijing-vpc.maxcompute.aliyun-inc.com/api, cn-beijing",
            "https://service.ap-southeast-1-internal.maxcompute.aliyun.com/api, ap-southeast-1",
            "https://service.eu-central-1.maxcompute.aliyun.com, eu-central-1",
            "https://SERVICE.US-WEST-1.MaxCompute.Aliyun.com/api, us-west-1",
            "https://service.cn-hangzhou.odps.aliyun.com/api, cn-hangzhou",
            "https://service.cn-zhangjiakou.maxcompute.aliyun.com:443/api/, cn-zhangjiakou",
            // only one suffix is stripped, as PyODPS does
            "http://service.cn-shenzhen-vpc-internal.maxcompute.aliyun-inc.com/api, cn-shenzhen-vpc",
            // PyODPS's default endpoint names no region
            "http://service.odps.aliyun.com/api, none",
            "http://service.odps.aliyun-inc.com/api, none",
            // a region is a name with a dash
            "https://service.hangzhou.maxcompute.aliyun.com/api, none",
            // the domain label has six letters, the product label four to ten
            "https://service.cn-hangzhou.maxcompute.example.com/api, none",
            "https://service.cn-hangzhou.mc.aliyun.com/api, none",
            "https://service.cn-hangzhou.maxcompute.aliyun.net/api, none",
            "https://dataworks.cn-hangzhou.aliyun.com/api, none",
            "http://127.0.0.1:8080/api, none",
            "http://localhost:8080/api, none",
            "not a url, none",
            "'', none"})
    void regionFromEndpoint(String endpoint, String region) {
        assertThat(Regions.fromEndpoint(endpoint)).isEqualTo(region);
    }

    @Test
    void theBuilderInfersTheRegionUnlessOneIsSet() {
        String endpoint = "https://service.cn-hangzhou.maxcompute.aliyun.com/api";
        try (Odps inferred = Odps.builder().endpoint(endpoint).project("p").accessKey("id", "sk").build();
             Odps explicit = Odps.builder().endpoint(endpoint).project("p").accessKey("id", "sk")
                     .region("cn-shanghai").build();
             Odps loopback = Odps.builder().endpoint("http://127.0.0.1:9/api").project("p").accessKey("id", "sk")
                     .build()) {
            assertThat(inferred.region()).isEqualTo("cn-hangzhou");
            assertThat(explicit.region()).isEqualTo("cn-shanghai");
            assertThat(loopback.region()).isNull();
        }
    }

    @Test
    void odpsConfigIniAndEnvironmentInferTheRegionUnlessTheyNameOne() {
        String ini = "project_name=p\naccess_id=id\naccess_key=sk\n"
                + "end_point=http://service.cn-beijing-vpc.maxcompute.aliyun-inc.com/api\n";
        try (Odps fromIni = OdpsConfigFile.parse(ini, "ini").build();
             Odps named = OdpsConfigFile.parse(ini + "region_name=cn-wulanchabu\n", "ini").build()) {
            assertThat(fromIni.region()).isEqualTo("cn-beijing");
            assertThat(named.region()).isEqualTo("cn-wulanchabu");
        }
        assertThat(OdpsConfigFile.settings(ini).effectiveRegion()).isEqualTo("cn-beijing");
        assertThat(OdpsConfigFile.settings(ini).region()).isNull();

        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "sk",
                "ODPS_ENDPOINT", "https://service.ap-northeast-1.maxcompute.aliyun.com/api", "ODPS_PROJECT_NAME", "p");
        try (Odps fromEnv = Odps.builderFromEnvironment(env).build()) {
            assertThat(fromEnv.region()).isEqualTo("ap-northeast-1");
        }
        Map<String, String> withRegion = new HashMap<>(env);
        withRegion.put("ODPS_REGION_NAME", "ap-south-1");
        try (Odps fromEnv = Odps.builderFromEnvironment(withRegion).build()) {
            assertThat(fromEnv.region()).isEqualTo("ap-south-1");
        }
    }
}
