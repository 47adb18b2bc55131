package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.ResourceConflictException;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.RetryPolicy;
import org.odpsexplorer.sdk.model.TransferProgress;

/**
 * Downloads that take several ranged GETs: byte-exact content, progress in order, resumption after broken and stalled
 * responses, the socket read timeout, and a resource replaced, shrunk or deleted mid-download. The part size is
 * 64 KiB so a few hundred KiB span many GETs.
 */
@Timeout(120) // a regression of the read timeout would hang on the stalled proxy: fail instead
class DownloadPathsTest {
    private static final int CHUNK = 64 * 1024;
    private static final int SIZE = 10 * CHUNK + 1234;
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20),
            Duration.ofMillis(50));

    @TempDir
    Path tempDir;
    private TestService service;
    private Odps odps;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir);
        odps = service.client();
    }

    @AfterEach
    void stop() {
        odps.close();
        service.close();
    }

    private static byte[] data(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ((i >>> 8) * 7 + i * 31 + seed);
        }
        return b;
    }

    /** A client whose ranged GETs ask for 64 KiB each. */
    private Odps client(Odps.Builder builder) {
        // a small spool threshold makes rb handles read through ranged GETs instead of loading the content
        return builder.retryPolicy(FAST).partSize(CHUNK).spoolThreshold(CHUNK).build();
    }

    @Test
    void downloadsAndHandleReadsAreByteExactWithProgressInOrder() {
        byte[] content = data(SIZE, 5);
        odps.createResource("big.bin", "file", content);
        List<TransferProgress> events = new CopyOnWriteArrayList<>();
        try (Odps c = client(service.builder())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(c.downloadResource("big.bin", out, ResourceOptions.defaults().withProgress(events::add)))
                    .isEqualTo(SIZE);
            assertThat(out.toByteArray()).isEqualTo(content);
            assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.totalBytes()).isEqualTo(SIZE));
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).bytesDone()).isGreaterThanOrEqualTo(events.get(i - 1).bytesDone());
            }
            assertThat(events.get(events.size() - 1).bytesDone()).isEqualTo(SIZE);

            // an rb handle copies from its position to the end the same way
            try (ResourceFile fp = c.openResource("big.bin", "rb")) {
                fp.seek(70_001);
                ByteArrayOutputStream tail = new ByteArrayOutputStream();
                assertThat(fp.transferTo(tail)).isEqualTo(SIZE - 70_001);
                assertThat(tail.toByteArray()).isEqualTo(Arrays.copyOfRange(content, 70_001, SIZE));
                assertThat(fp.tell()).isEqualTo(SIZE);
            }
        }
    }

    @Test
    void responsesCutMidBodyAreResumed() throws IOException {
        byte[] content = data(SIZE, 7);
        odps.createResource("cut.bin", "file", content);
        URI api = URI.create(service.url());
        // two content responses are cut after 10,000 bytes of the HTTP response
        try (CuttingProxy proxy = new CuttingProxy(api.getPort(), "rOffset=", 10_000, 2);
             Odps c = client(service.builder().endpoint("http://127.0.0.1:" + proxy.port() + api.getPath()))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(c.downloadResource("cut.bin", out, ResourceOptions.defaults())).isEqualTo(SIZE);
            assertThat(out.toByteArray()).isEqualTo(content);
            assertThat(proxy.cuts()).isEqualTo(2);
        }
    }

    @Test
    void aStalledResponseTimesOutOnTheSocketAndIsResumed() throws IOException {
        byte[] content = data(SIZE, 9);
        odps.createResource("stall.bin", "file", content);
        URI api = URI.create(service.url());
        try (CuttingProxy proxy = new CuttingProxy(api.getPort(), "rOffset=", 10_000, 1, true);
             Odps c = client(service.builder().endpoint("http://127.0.0.1:" + proxy.port() + api.getPath())
                     .readTimeout(Duration.ofMillis(300)))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(c.downloadResource("stall.bin", out, ResourceOptions.defaults())).isEqualTo(SIZE);
            assertThat(out.toByteArray()).isEqualTo(content);
            assertThat(proxy.cuts()).isEqualTo(1);
        }
    }

    @Test
    void aServerThatStaysSilentFailsWithTheReadTimeoutNotAHang() throws IOException {
        odps.createResource("silent.bin", "file", data(SIZE, 3));
        URI api = URI.create(service.url());
        // every content response stalls: the retries run out and the timeout is the reported cause
        try (CuttingProxy proxy = new CuttingProxy(api.getPort(), "rOffset=", 10_000, 100, true);
             Odps c = client(service.builder().endpoint("http://127.0.0.1:" + proxy.port() + api.getPath())
                     .readTimeout(Duration.ofMillis(200)))) {
            assertThatThrownBy(() -> c.downloadResource("silent.bin", OutputStream.nullOutputStream(),
                    ResourceOptions.defaults()))
                    .isInstanceOf(OdpsTransportException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
            assertThat(proxy.cuts()).isEqualTo(FAST.maxAttempts());
        }
    }

    @Test
    void aResourceReplacedDuringTheDownloadFailsWithAConflict() {
        odps.createResource("moving.bin", "file", data(SIZE, 1));
        AtomicBoolean replaced = new AtomicBoolean();
        ResourceOptions options = ResourceOptions.defaults().withProgress(p -> {
            if (p.bytesDone() > 0 && !replaced.getAndSet(true)) {
                odps.updateResource("moving.bin", data(SIZE, 2), ResourceOptions.defaults());
            }
        });
        try (Odps c = client(service.builder())) {
            assertThatThrownBy(() -> c.downloadResource("moving.bin", new ByteArrayOutputStream(), options))
                    .isInstanceOf(ResourceConflictException.class)
                    .satisfies(e -> {
                        ResourceConflictException conflict = (ResourceConflictException) e;
                        assertThat(conflict.expected()).isNotNull();
                        assertThat(conflict.actual()).isNotNull();
                        assertThat(conflict.actual().md5()).isNotEqualTo(conflict.expected().md5());
                    });
        }
        assertThat(replaced).isTrue();
    }

    @ParameterizedTest(name = "shrunk to {0} bytes (0: deleted)")
    @ValueSource(ints = {0, 100_000})
    void aResourceShrunkOrDeletedDuringTheDownloadFailsWithAConflict(int newSize) {
        odps.createResource("shrinking.bin", "file", data(SIZE, 1));
        AtomicBoolean changed = new AtomicBoolean();
        ResourceOptions options = ResourceOptions.defaults().withProgress(p -> {
            if (p.bytesDone() > 0 && !changed.getAndSet(true)) {
                if (newSize == 0) {
                    odps.deleteResource("shrinking.bin");
                } else {
                    odps.updateResource("shrinking.bin", data(newSize, 2), ResourceOptions.defaults());
                }
            }
        });
        try (Odps c = client(service.builder())) {
            assertThatThrownBy(() -> c.downloadResource("shrinking.bin", new ByteArrayOutputStream(), options))
                    .isInstanceOf(ResourceConflictException.class);
        }
    }
}
