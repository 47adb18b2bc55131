package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Column;
import com.aliyun.odps.NoSuchObjectException;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.TableResource;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TunnelException;
import com.aliyun.odps.tunnel.io.TunnelRecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session semantics through the official Java SDK: paging, visibility, snapshots, overwrite, compression, restart. */
@SuppressWarnings("deprecation") // createDownloadSession(project, table, spec) is the call the traces and most users make
class TunnelSessionsInteropTest {
    static final String PROJECT = TableTunnelInteropTest.PROJECT;
    static final PartitionSpec PT = new PartitionSpec("pt='x'");

    @TempDir
    Path dataDir;
    EmulatorServer server;
    Odps odps;
    TableTunnel tunnel;

    @BeforeEach
    void start() throws Exception {
        startServer();
        SQLTask.run(odps, "CREATE TABLE rows (id BIGINT, payload STRING) PARTITIONED BY (pt STRING)").waitForSuccess();
        odps.tables().get("rows").createPartition(PT);
    }

    private void startServer() throws IOException {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project(PROJECT)
                .accessKey("ak", "sk").build());
        odps = TableTunnelInteropTest.connect(server);
        tunnel = new TableTunnel(odps);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rowRangePagingInTheMiddleOfAHundredThousandRowPartition() throws Exception {
        TableTunnel.UploadSession up = tunnel.createUploadSession(PROJECT, "rows", PT);
        long[] blockSizes = {40_000, 40_000, 20_000};
        long id = 0;
        for (int block = 0; block < blockSizes.length; block++) {
            try (RecordWriter writer = up.openRecordWriter(block)) {
                for (long i = 0; i < blockSizes[block]; i++, id++) {
                    writer.write(row(up.newRecord(), id));
                }
            }
        }
        up.commit(new Long[] {0L, 1L, 2L});

        TableTunnel.DownloadSession down = tunnel.createDownloadSession(PROJECT, "rows", PT);
        assertThat(down.getRecordCount()).isEqualTo(100_000);
        assertRows(down, 39_500, 1_000);   // crosses the boundary between block 0 and block 1
        assertRows(down, 50_000, 1_000);
        assertRows(down, 99_990, 10);
        assertRows(down, 0, 3);
    }

    @Test
    void uncommittedRowsStayInvisibleAndCommittedOnesAppearAtOnce() throws Exception {
        TableTunnel.UploadSession pending = tunnel.createUploadSession(PROJECT, "rows", PT);
        write(pending, 0, 100, 5);
        assertThat(tunnel.createDownloadSession(PROJECT, "rows", PT).getRecordCount()).isZero();

        TableTunnel.UploadSession other = tunnel.createUploadSession(PROJECT, "rows", PT);
        write(other, 7, 0, 2);
        other.commit(new Long[] {7L});
        TableTunnel.DownloadSession snapshot = tunnel.createDownloadSession(PROJECT, "rows", PT);
        assertThat(snapshot.getRecordCount()).isEqualTo(2);

        pending.commit(new Long[] {0L});
        assertThat(tunnel.createDownloadSession(PROJECT, "rows", PT).getRecordCount()).isEqualTo(7);
        // the earlier download session still reads its snapshot of two rows
        assertRows(snapshot, 0, 2);
        assertThat(odps.tables().get("rows").getPartition(PT).getRecordNum()).isEqualTo(7);
    }

    @Test
    void overwriteReplacesThePartitionAndInvalidatesOlderDownloads() throws Exception {
        TableTunnel.UploadSession first = tunnel.createUploadSession(PROJECT, "rows", PT);
        write(first, 0, 0, 10);
        first.commit(new Long[] {0L});
        TableTunnel.DownloadSession old = tunnel.createDownloadSession(PROJECT, "rows", PT);

        TableTunnel.UploadSession replace = tunnel.createUploadSession(PROJECT, "rows", PT, true);
        write(replace, 0, 500, 3);
        replace.commit(new Long[] {0L});

        TableTunnel.DownloadSession down = tunnel.createDownloadSession(PROJECT, "rows", PT);
        assertThat(down.getRecordCount()).isEqualTo(3);
        try (TunnelRecordReader reader = down.openRecordReader(0, 3)) {
            assertThat(reader.read().getBigint(0)).isEqualTo(500L);
        }
        assertThatThrownBy(() -> old.openRecordReader(0, 10).read()).hasMessageContaining("StatusConflict");
    }

    @Test
    void compressedBlocksAndReadsAndColumnSubsetsWork() throws Exception {
        TableTunnel.UploadSession up = tunnel.createUploadSession(PROJECT, "rows", PT);
        try (RecordWriter writer = up.openRecordWriter(0, true)) {
            for (long i = 0; i < 1000; i++) {
                writer.write(row(up.newRecord(), i));
            }
        }
        up.commit(new Long[] {0L});
        TableTunnel.DownloadSession down = tunnel.createDownloadSession(PROJECT, "rows", PT);
        try (TunnelRecordReader reader = down.openRecordReader(10, 5, true)) {
            for (long i = 10; i < 15; i++) {
                Record r = reader.read();
                assertThat(r.getBigint(0)).isEqualTo(i);
                assertThat(r.getString(1)).isEqualTo(payload(i));
            }
            assertThat(reader.read()).isNull();
        }
        Column payload = down.getSchema().getColumn("payload");
        try (TunnelRecordReader reader = down.openRecordReader(998, 2, false, List.of(payload))) {
            Record r = reader.read();
            assertThat(r.getColumnCount()).isEqualTo(1);
            assertThat(r.getString(0)).isEqualTo(payload(998));
        }
    }

    @Test
    void committingBlocksNeverUploadedFailsInTheClientAndUnknownSessionsAreNoSuchUpload() throws Exception {
        TableTunnel.UploadSession up = tunnel.createUploadSession(PROJECT, "rows", PT);
        write(up, 0, 0, 1);
        assertThatThrownBy(() -> up.commit(new Long[] {0L, 5L})).isInstanceOf(TunnelException.class)
                .hasMessageContaining("Blocks not match");
        assertThatThrownBy(() -> tunnel.getUploadSession(PROJECT, "rows", PT, "20260101000000deadbeefdeadbeef"))
                .isInstanceOf(TunnelException.class).hasMessageContaining("NoSuchUpload");
        up.commit(new Long[] {0L});
        assertThatThrownBy(() -> write(up, 1, 0, 1)).hasMessageContaining("StatusConflict");
        assertThatThrownBy(() -> tunnel.createUploadSession(PROJECT, "rows", new PartitionSpec("pt='none'")))
                .isInstanceOf(TunnelException.class).hasMessageContaining("NoSuchPartition");
    }

    @Test
    void bufferedWriterWithPlainCommitWorks() throws Exception {
        TableTunnel.UploadSession up = tunnel.createUploadSession(PROJECT, "rows", PT);
        try (RecordWriter writer = up.openBufferedWriter(true)) {
            for (long i = 0; i < 2000; i++) {
                writer.write(row(up.newRecord(), i));
            }
        }
        up.commit();
        TableTunnel.DownloadSession down = tunnel.createDownloadSession(PROJECT, "rows", PT);
        assertThat(down.getRecordCount()).isEqualTo(2000);
        assertRows(down, 1990, 10);
    }

    @Test
    void committedRowsSurviveARestart() throws Exception {
        TableTunnel.UploadSession up = tunnel.createUploadSession(PROJECT, "rows", PT);
        write(up, 0, 0, 50);
        up.commit(new Long[] {0L});
        TableTunnel.UploadSession pending = tunnel.createUploadSession(PROJECT, "rows", PT);
        write(pending, 0, 1000, 5);
        server.close();

        startServer();
        TableTunnel.DownloadSession down = tunnel.createDownloadSession(PROJECT, "rows", PT);
        assertThat(down.getRecordCount()).isEqualTo(50);
        assertRows(down, 45, 5);
        // the uncommitted block survived too and can still be committed
        TableTunnel.UploadSession resumed = tunnel.getUploadSession(PROJECT, "rows", PT, pending.getId());
        resumed.commit(new Long[] {0L});
        assertThat(tunnel.createDownloadSession(PROJECT, "rows", PT).getRecordCount()).isEqualTo(55);
    }

    @Test
    void tableResourcesMustPointAtAnExistingTable() throws Exception {
        TableResource good = new TableResource("rows", PROJECT, PT);
        good.setName("good_res");
        odps.resources().create(good);
        assertThat(odps.resources().exists("good_res")).isTrue();
        TableResource bad = new TableResource("missing_table", PROJECT);
        bad.setName("bad_res");
        assertThatThrownBy(() -> odps.resources().create(bad)).isInstanceOf(NoSuchObjectException.class)
                .hasMessageContaining("missing_table");
        assertThat(odps.resources().exists("bad_res")).isFalse();
    }

    private static Record row(Record r, long id) {
        r.setBigint(0, id);
        r.setString(1, payload(id));
        return r;
    }

    private static String payload(long id) {
        return "row-" + id + "-" + "x".repeat((int) (id % 13));
    }

    private static void write(TableTunnel.UploadSession up, long block, long firstId, int count) throws Exception {
        try (RecordWriter writer = up.openRecordWriter(block)) {
            for (long i = 0; i < count; i++) {
                writer.write(row(up.newRecord(), firstId + i));
            }
        }
    }

    private static void assertRows(TableTunnel.DownloadSession down, long start, long count) throws Exception {
        try (TunnelRecordReader reader = down.openRecordReader(start, count)) {
            for (long i = start; i < start + count; i++) {
                Record r = reader.read();
                assertThat(r).as("row %d", i).isNotNull();
                assertThat(r.getBigint(0)).isEqualTo(i);
                assertThat(r.getString(1)).isEqualTo(payload(i));
            }
            assertThat(reader.read()).isNull();
        }
    }
}
