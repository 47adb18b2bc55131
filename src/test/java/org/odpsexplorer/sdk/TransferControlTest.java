package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.TransferCancelledException;
import org.odpsexplorer.sdk.model.TransferProgress;

/** Progress reports and cancellation of uploads and downloads. */
class TransferControlTest {
    private static final int PART = 64 * 1024;

    @TempDir
    Path tempDir;
    private TestService service;
    private Odps odps;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir);
        odps = service.builder().partSize(PART).spoolThreshold(1024).build();
    }

    @AfterEach
    void stop() {
        odps.close();
        service.close();
    }

    private static byte[] data(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void uploadsAndDownloadsReportMonotonicProgressEndingAtTheTotal() {
        byte[] content = data(5 * PART + 123, 1);
        List<TransferProgress> events = new CopyOnWriteArrayList<>();
        ResourceOptions withProgress = ResourceOptions.defaults().withProgress(events::add);
        odps.createResource("p.bin", "file", content, withProgress);
        assertMonotonicTo(events, TransferProgress.Direction.UPLOAD, content.length);

        events.clear();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(odps.downloadResource("p.bin", out, withProgress)).isEqualTo(content.length);
        assertThat(out.toByteArray()).isEqualTo(content);
        assertMonotonicTo(events, TransferProgress.Direction.DOWNLOAD, content.length);

        events.clear();
        try (ResourceFile fp = odps.openResource("p.bin", "r+b", withProgress)) {
            assertMonotonicTo(events, TransferProgress.Direction.DOWNLOAD, content.length);
            events.clear();
            fp.write(new byte[] {1});
        }
        assertMonotonicTo(events, TransferProgress.Direction.UPLOAD, content.length);
    }

    private static void assertMonotonicTo(List<TransferProgress> events, TransferProgress.Direction direction,
                                          long total) {
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.direction()).isEqualTo(direction);
            assertThat(e.totalBytes()).isEqualTo(total);
        });
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).bytesDone()).isGreaterThanOrEqualTo(events.get(i - 1).bytesDone());
        }
        assertThat(events.get(events.size() - 1).bytesDone()).isEqualTo(total);
        assertThat(events.get(events.size() - 1).fraction()).isEqualTo(1.0);
    }

    @Test
    void cancellingAPartUploadLeavesTheOldResourceUntouched() {
        byte[] old = "old content".getBytes(StandardCharsets.UTF_8);
        odps.createResource("c.bin", "file", old);
        CancelSignal cancel = new CancelSignal();
        ResourceOptions options = ResourceOptions.defaults().withCancel(cancel).withProgress(p -> {
            if (p.bytesDone() >= 2 * PART) {
                cancel.cancel(); // after two of four parts
            }
        });
        assertThatThrownBy(() -> odps.updateResource("c.bin", data(4 * PART, 2), options))
                .isInstanceOf(TransferCancelledException.class);
        try (ResourceFile fp = odps.openResource("c.bin", "rb")) {
            assertThat(fp.readBytes()).isEqualTo(old);
        }
        assertThat(odps.listResources()).extracting(Resource::name).containsExactly("c.bin");
    }

    @Test
    void cancellingAHandleFlushKeepsTheServerCopyAndTheEdits() {
        odps.createResource("h.bin", "file", data(3 * PART, 3));
        CancelSignal cancel = new CancelSignal();
        ResourceFile fp = odps.openResource("h.bin", "r+b", ResourceOptions.defaults().withCancel(cancel)
                .withProgress(p -> {
                    if (p.direction() == TransferProgress.Direction.UPLOAD && p.bytesDone() > PART) {
                        cancel.cancel();
                    }
                }));
        fp.write(new byte[] {42});
        assertThatThrownBy(fp::flush).isInstanceOf(TransferCancelledException.class);
        assertThat(fp.isDirty()).isTrue();
        fp.discard();
        try (ResourceFile check = odps.openResource("h.bin", "rb")) {
            assertThat(check.readBytes()).isEqualTo(data(3 * PART, 3));
        }
    }

    @Test
    void cancellingADownloadStopsIt() {
        odps.createResource("d.bin", "file", data(4 * PART, 4));
        CancelSignal cancel = new CancelSignal();
        ResourceOptions options = ResourceOptions.defaults().withCancel(cancel).withProgress(p -> {
            if (p.bytesDone() > PART) {
                cancel.cancel();
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> odps.downloadResource("d.bin", out, options))
                .isInstanceOf(TransferCancelledException.class);
        assertThat(out.size()).isLessThan(4 * PART);
        CancelSignal already = new CancelSignal();
        already.cancel();
        assertThatThrownBy(() -> odps.openResource("d.bin", "r+b", ResourceOptions.defaults().withCancel(already)))
                .isInstanceOf(TransferCancelledException.class);
    }
}
