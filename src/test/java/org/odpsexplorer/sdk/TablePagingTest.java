package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging in a 100k-row partition of about 100 MB from a client JVM with a 48 MiB heap: writing (spooled blocks),
 * {@code read(start, count)} at offsets in the middle, at the start, at the end and across a block boundary (24,950 + 100), and a
 * full streamed pass all succeed with exact values, so nothing on the client holds more than a bounded window.
 */
class TablePagingTest {
    private static final String HEAP = "-Xmx48m";
    private static final long ROWS = 100_000;

    @TempDir
    Path tempDir;

    @Test
    void aClientWith48MiBHeapPagesThroughA100kRowPartitionOf100MB() throws Exception {
        Path spool = Files.createDirectories(tempDir.resolve("spool"));
        try (TestService service = TestService.start(tempDir.resolve("data"))) {
            List<String> lines = SmallHeapJvm.run(HEAP, TablePagingClient.class, service.url(), Long.toString(ROWS),
                    spool.toString());
            assertThat(lines).contains("written 100000 partitionCount 100000", "page 50000 ok", "page 0 ok",
                    "page 99900 ok", "page 24950 ok", "page 33340 ok", "streamed 100000");
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("peakHeap ")); // reported for the record
        }
        try (var left = Files.list(spool)) {
            assertThat(left.count()).isZero(); // the block spool was deleted after the commit
        }
    }
}
