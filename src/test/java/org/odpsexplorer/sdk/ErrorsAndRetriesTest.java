package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.AuthenticationException;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ObjectAlreadyExistsException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.RetryPolicy;

/** Typed errors and the retry rules, driven by the emulator's fault injection. */
class ErrorsAndRetriesTest {
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20),
            Duration.ofMillis(50));

    @TempDir
    Path tempDir;
    private TestService service;
    private Odps odps;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir);
        odps = service.builder().retryPolicy(FAST).build();
    }

    @AfterEach
    void stop() {
        odps.close();
        service.close();
    }

    @Test
    void readsAreRetriedAfter5xxAndDroppedConnections() {
        odps.createResource("r.txt", "file", "content");
        service.faults().failNext("GET", "/projects/p1/resources/r.txt", 503, 1);
        service.faults().dropConnectionNext("GET", "/projects/p1/resources/r.txt", 1);
        try (ResourceFile fp = odps.openResource("r.txt", "r")) {
            assertThat(fp.read()).isEqualTo("content");
        }
    }

    @Test
    void fullUpdatesAndDeletesAreRetried() {
        odps.createResource("u.txt", "file", "v1");
        service.faults().failNext("PUT", "/projects/p1/resources/u.txt", 502, 1);
        odps.updateResource("u.txt", "v2".getBytes(StandardCharsets.UTF_8), ResourceOptions.defaults());
        assertThat(odps.getResource("u.txt").size()).isEqualTo(2);
        service.faults().dropConnectionNext("DELETE", "/projects/p1/resources/u.txt", 1);
        odps.deleteResource("u.txt");
        assertThat(odps.existResource("u.txt")).isFalse();
    }

    @Test
    void partUploadsAreRetriedButTheCreatingMergeIsNot() {
        try (Odps small = service.builder().retryPolicy(FAST).partSize(3).build()) {
            service.faults().failNext("POST", "/projects/p1/resources", 503, 1); // hits the first part
            small.createResource("parts.bin", "file", "0123456789".getBytes(StandardCharsets.UTF_8));
            try (ResourceFile fp = small.openResource("parts.bin", "r")) {
                assertThat(fp.read()).isEqualTo("0123456789");
            }
        }
    }

    @Test
    void creatingPostsAreNeverSilentlyRepeated() {
        service.faults().failNext("POST", "/projects/p1/resources", 503, 1);
        assertThatThrownBy(() -> odps.createResource("c.txt", "file", "x"))
                .isInstanceOfSatisfying(OdpsException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(odps.existResource("c.txt")).isFalse(); // a repeat would have succeeded
        service.faults().dropConnectionNext("POST", "/projects/p1/resources", 1);
        assertThatThrownBy(() -> odps.createResource("c.txt", "file", "x"))
                .isInstanceOf(OdpsTransportException.class);
        assertThat(odps.existResource("c.txt")).isFalse();
        odps.createResource("c.txt", "file", "x");
        assertThatThrownBy(() -> odps.createResource("c.txt", "file", "y"))
                .isInstanceOfSatisfying(ObjectAlreadyExistsException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void wrongCredentialsGiveAuthenticationExceptionWithCodeAndRequestId() {
        String wrongSecret = "definitely-wrong-secret";
        try (Odps wrong = Odps.builder().endpoint(service.url()).project("p1").accessKey("ak", wrongSecret).build()) {
            assertThatThrownBy(() -> wrong.existResource("x.txt"))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.status()).isIn(401, 403);
                        assertThat(e.errorCode()).isEqualTo("SignatureNotMatch");
                        assertThat(e.requestId()).isNotBlank();
                        assertThat(e.getMessage()).doesNotContain(wrongSecret);
                    });
        }
        try (Odps unknown = Odps.builder().endpoint(service.url()).project("p1").accessKey("nobody", "sk").build()) {
            assertThatThrownBy(() -> unknown.listResources().iterator().hasNext())
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.errorCode()).isNotBlank();
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    void v4SigningAndStsTokensAreAcceptedByTheEmulatorsVerifier() {
        try (Odps v4 = service.builder().region("cn-hangzhou").build();
             Odps sts = Odps.builder().endpoint(service.url()).project("p1").stsToken("ak", "sk", "opaque-token")
                     .build()) {
            v4.createResource("v4.txt", "file", "signed with V4");
            try (ResourceFile fp = sts.openResource("v4.txt", "r")) {
                assertThat(fp.read()).isEqualTo("signed with V4");
            }
        }
    }

    @Test
    void rejectedNamesAndModesSendNoRequest() {
        // a pending fault is consumed by the first request that reaches the server: if it is still pending after
        // the bad calls, none of them sent anything
        service.faults().failNext("*", "/", 503, 1);
        List<Runnable> bad = List.of(
                () -> odps.createResource("bad name.txt", "file", "x"),
                () -> odps.createResource("noext", "py", "x"),
                () -> odps.createResource("lib.zip", "jar", "x"),
                () -> odps.createResource("ok.txt", "nonsense", "x"),
                () -> odps.openResource("a/b.txt", "r"),
                () -> odps.openResource("ok.txt", "rw"),
                () -> odps.deleteResource("ümlaut.txt"),
                () -> odps.existResource(""),
                () -> odps.getResource("x".repeat(200)));
        for (Runnable call : bad) {
            assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class);
        }
        try (Odps once = service.builder().retryPolicy(RetryPolicy.NONE).build()) {
            assertThatThrownBy(() -> once.existResource("probe.txt"))
                    .isInstanceOfSatisfying(OdpsException.class, e -> assertThat(e.status()).isEqualTo(503));
        }
    }

    @Test
    void missingResourcesGiveNoSuchObjectWithTheServersCode() {
        assertThatThrownBy(() -> odps.getResource("nope.py")).isInstanceOfSatisfying(NoSuchObjectException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.errorCode()).isEqualTo("NoSuchObject");
            assertThat(e.requestId()).isNotBlank();
            assertThat(e.call()).startsWith("GET /projects/p1/resources/nope.py");
        });
        assertThatThrownBy(() -> odps.updateResource("nope.txt", new byte[1], ResourceOptions.defaults()))
                .isInstanceOf(NoSuchObjectException.class);
    }
}
