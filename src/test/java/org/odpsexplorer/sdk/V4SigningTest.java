package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odpsexplorer.sdk.RecordingServer.Recorded;
import org.odpsexplorer.sdk.RecordingServer.Reply;
import org.odpsexplorer.sdk.model.AuthenticationException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.RetryPolicy;

/**
 * V4 signing against the emulator's verifier, and the V4 → V2 fallback of protocol/rest.md §5.7 driven by the emulator's fault
 * injection (the service's refusal shapes) and checked on the wire with a recording server.
 */
class V4SigningTest {
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofMillis(50));
    private static final String RESOURCES = "/projects/p1/resources";

    @TempDir
    Path tempDir;
    private TestService service;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void aV4SignedRequestIsVerifiedAndAcceptedByTheEmulator() {
        try (Odps v4 = service.builder().region("cn-hangzhou").build();
             Odps wrongSecret = Odps.builder().endpoint(service.url()).project("p1").accessKey("ak", "not-sk")
                     .region("cn-hangzhou").retryPolicy(RetryPolicy.NONE).build()) {
            v4.createResource("v4.txt", "file", "signed with V4");
            assertThat(v4.getResource("v4.txt").size()).isEqualTo(14);
            // the emulator really checks the V4 signature: the same request with a wrong secret is refused
            assertThatThrownBy(() -> wrongSecret.existResource("v4.txt"))
                    .isInstanceOfSatisfying(AuthenticationException.class,
                            e -> assertThat(e.errorCode()).isEqualTo("SignatureNotMatch"));
        }
    }

    @ParameterizedTest(name = "{1} {2}")
    @CsvSource(delimiter = '|', value = {
            "500 | InternalServerError   | ODPS-0010000:System internal error - Need AK v3 support",
            "500 | InternalServerError   | ODPS-0410000:AccessKey ACL denied for v4 signature",
            "400 | InvalidParameter      | ODPS-0410051:Invalid credentials - accessKeyId not found",
            "401 | AuthorizationRequired | ODPS-0410000:Authorization is invalid or missing"})
    void aRefusedV4RequestIsSentAgainWithV2AndV2IsKept(int status, String code, String message) {
        try (Odps odps = service.builder().region("cn-hangzhou").retryPolicy(FAST).build()) {
            // a creating POST is never retried: only the fallback can make this call succeed
            service.faults().failNext("POST", RESOURCES, status, code, message, 1);
            odps.createResource("fallback.txt", "file", "after fallback");
            assertThat(odps.getResource("fallback.txt").size()).isEqualTo(14);

            // the client now signs V2, so the same refusal is an error like any other, not a reason to fall back
            service.faults().failNext("POST", RESOURCES, status, code, message, 1);
            assertThatThrownBy(() -> odps.createResource("second.txt", "file", "x"))
                    .isInstanceOfSatisfying(OdpsException.class, e -> {
                        assertThat(e.status()).isEqualTo(status);
                        assertThat(e.errorCode()).isEqualTo(code);
                    });
            assertThat(odps.existResource("second.txt")).isFalse();
        }
    }

    @Test
    void aV2ClientAndOtherErrorsDoNotFallBack() {
        try (Odps v2 = service.builder().retryPolicy(FAST).build();
             Odps v4 = service.builder().region("cn-hangzhou").retryPolicy(FAST).build()) {
            service.faults().failNext("POST", RESOURCES, 500, "InternalServerError", "need ak v3 support", 1);
            assertThatThrownBy(() -> v2.createResource("a.txt", "file", "x"))
                    .isInstanceOfSatisfying(OdpsException.class, e -> assertThat(e.status()).isEqualTo(500));

            service.faults().failNext("POST", RESOURCES, 500, "InternalServerError", "ODPS-0010000:disk full", 1);
            assertThatThrownBy(() -> v4.createResource("b.txt", "file", "x"))
                    .isInstanceOfSatisfying(OdpsException.class, e -> assertThat(e.status()).isEqualTo(500));
            service.faults().failNext("POST", RESOURCES, 400, "InvalidParameter", "ODPS-0420061:bad name", 1);
            assertThatThrownBy(() -> v4.createResource("c.txt", "file", "x"))
                    .isInstanceOfSatisfying(OdpsException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThat(v4.existResource("b.txt")).isFalse();
            assertThat(v4.existResource("c.txt")).isFalse();
        }
    }

    @Test
    void onTheWireTheRefusedRequestIsRepeatedOnceWithV2AndLaterOnesStayV2() throws Exception {
        byte[] refusal = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalServerError</Code>"
                + "<Message>ODPS-0010000:need ak v3 support</Message><RequestId>r1</RequestId><HostId>h</HostId>"
                + "</Error>").getBytes(StandardCharsets.UTF_8);
        Map<String, String> meta = Map.of("x-odps-resource-type", "file",
                "x-odps-creation-time", "Tue, 24 Nov 2026 19:59:53 GMT", "Last-Modified", "Tue, 24 Nov 2026 19:59:53 GMT",
                "x-odps-resource-size", "1", "Content-MD5", "0cc175b9c0f1b6a831c399e269772661");
        try (RecordingServer server = new RecordingServer();
             Odps odps = Odps.builder().endpoint(server.url()).project("p1").accessKey("ak", "sk")
                     .region("cn-hangzhou").retryPolicy(FAST).build()) {
            server.script(r -> isV4(r) ? new Reply(500, Map.of("Content-Type", "application/xml"), refusal)
                    : new Reply(200, meta, new byte[0]));
            odps.getResource("a.txt");
            odps.getResource("a.txt");
            List<Recorded> sent = server.requests();
            assertThat(sent).extracting(V4SigningTest::isV4).containsExactly(true, false, false);
            assertThat(sent.get(0).header("Authorization"))
                    .matches("ODPS ak/\\d{8}/cn-hangzhou/odps/aliyun_v4_request:.+");
            assertThat(sent.get(1).header("Authorization")).matches("ODPS ak:[A-Za-z0-9+/=]+");
        }
    }

    private static boolean isV4(Recorded r) {
        String auth = r.header("Authorization");
        return auth != null && auth.contains("/aliyun_v4_request:");
    }
}
