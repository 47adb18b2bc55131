package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.io.TunnelRecordReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.emulator.AllTypesRows;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.sdk.table.Record;
import org.odpsexplorer.sdk.table.RecordCursor;
import org.odpsexplorer.sdk.table.RecordReader;
import org.odpsexplorer.sdk.table.RecordWriter;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.sdk.table.WriterOptions;
import org.odpsexplorer.wire.tunnel.RecordBatch;

/**
 * The columnar path of our SDK ({@link RecordWriter#write(RecordBatch)}, {@link RecordCursor#readBatch}) through the
 * embedded emulator and against the unmodified official SDK: every type written by the official SDK reads back into
 * batches with the values our record reader returns; rows written from batches are read by the official reader with
 * the values it wrote itself; a larger table crosses blocks and batch boundaries and is read from an offset.
 */
@SuppressWarnings("deprecation") // createDownloadSession(project, table, spec): the call the traces show
class RecordBatchInteropTest {
    @TempDir
    Path dataDir;
    private EmulatorServer server;
    private com.aliyun.odps.Odps official;
    private Odps ours;

    @BeforeEach
    void start() throws Exception {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project("p1").accessKey("ak", "sk")
                .build());
        official = new com.aliyun.odps.Odps(new AliyunAccount("ak", "sk"));
        official.setEndpoint(server.url());
        official.setDefaultProject("p1");
        ours = Odps.builder().endpoint(server.url()).project("p1").accessKey("ak", "sk").build();
    }

    @AfterEach
    void stop() {
        ours.close();
        server.close();
    }

    @Test
    void everyTypeRoundTripsThroughBatchesAndTheOfficialSdk() throws Exception {
        SQLTask.run(official, AllTypesRows.DDL + ";").waitForSuccess();
        PartitionSpec theirsSpec = new PartitionSpec("pt='a',region='b'");
        official.tables().get("all_types").createPartition(theirsSpec);
        TableTunnel tunnel = new TableTunnel(official);
        List<com.aliyun.odps.data.Record> written = AllTypesRows.upload(tunnel, "p1", theirsSpec);

        Table table = ours.getTable("all_types");
        org.odpsexplorer.sdk.model.PartitionSpec a = org.odpsexplorer.sdk.model.PartitionSpec.parse("pt=a,region=b");
        List<List<@Nullable Object>> viaRecords = new ArrayList<>();
        try (RecordReader reader = table.openReader(a)) {
            reader.forEach(r -> viaRecords.add(r.values()));
        }
        List<List<@Nullable Object>> viaBatches = new ArrayList<>();
        RecordBatch batch;
        try (RecordReader reader = table.openReader(a); RecordCursor cursor = reader.read(0, 3)) {
            batch = new RecordBatch(reader.columns(), 2);
            Record first = cursor.next(); // mixed with the record path
            viaBatches.add(first.values());
            while (cursor.readBatch(batch) > 0) {
                for (int i = 0; i < batch.size(); i++) {
                    viaBatches.add(batch.row(i));
                }
                batch.clear();
            }
            assertThat(cursor.hasNext()).isFalse();
        }
        assertThat(viaBatches).isEqualTo(viaRecords);
        assertThat(viaBatches.get(2)).containsOnlyNulls();

        // rows written from a batch are read by the official reader as what it wrote itself
        org.odpsexplorer.sdk.model.PartitionSpec c = org.odpsexplorer.sdk.model.PartitionSpec.parse("pt=c,region=d");
        table.createPartition(c, false);
        try (RecordWriter writer = table.openWriter(c)) {
            RecordBatch out = new RecordBatch(writer.columns(), 3);
            viaRecords.forEach(out::addRow);
            writer.write(out);
        }
        // both partitions read by the official reader: the batch-written one holds what the official SDK wrote
        List<com.aliyun.odps.data.Record> original = officialRead(tunnel, "pt='a',region='b'");
        List<com.aliyun.odps.data.Record> fromBatches = officialRead(tunnel, "pt='c',region='d'");
        assertThat(fromBatches).hasSize(3);
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < 19; i++) {
                if (i == 7) { // STRING: compared as the bytes the reader hands out
                    assertThat(fromBatches.get(r).getBytes(i)).isEqualTo(original.get(r).getBytes(i));
                } else {
                    assertThat(String.valueOf(fromBatches.get(r).get(i))).as("row " + r + " column " + i)
                            .isEqualTo(String.valueOf(original.get(r).get(i)));
                }
            }
        }
        assertThat(written).hasSize(3);
    }

    private static List<com.aliyun.odps.data.Record> officialRead(TableTunnel tunnel, String spec) throws Exception {
        TableTunnel.DownloadSession down = tunnel.createDownloadSession("p1", "all_types", new PartitionSpec(spec));
        List<com.aliyun.odps.data.Record> out = new ArrayList<>();
        try (TunnelRecordReader reader = down.openRecordReader(0, down.getRecordCount())) {
            for (com.aliyun.odps.data.Record r; (r = reader.read()) != null; ) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void manyRowsCrossBlocksAndBatchesAndReadFromAnOffset() throws Exception {
        SQLTask.run(official, "CREATE TABLE big (id BIGINT, name STRING, amount DECIMAL(18,2), ok BOOLEAN);")
                .waitForSuccess();
        Table table = ours.getTable("big");
        int rows = 20_000;
        try (RecordWriter writer = table.openWriter(null, WriterOptions.defaults().withBlockRows(3_000))) {
            RecordBatch batch = new RecordBatch(writer.columns(), 1_024);
            for (int i = 0; i < rows; i++) {
                if (batch.isFull()) {
                    writer.write(batch);
                    batch.clear();
                }
                batch.addRow(Arrays.asList(i % 11 == 5 ? null : (long) i, "name-" + i,
                        BigDecimal.valueOf(i * 7L - 50_000, 2), i % 2 == 0));
            }
            writer.write(batch);
            assertThat(writer.recordCount()).isEqualTo(rows);
        }
        try (RecordReader reader = table.openReader(); RecordCursor cursor = reader.read(12_345, 5_000)) {
            assertThat(reader.getCount()).isEqualTo(rows);
            RecordBatch batch = new RecordBatch(reader.columns(), 700);
            int next = 12_345;
            while (cursor.readBatch(batch) > 0) {
                for (int r = 0; r < batch.size(); r++, next++) {
                    assertThat(batch.isNull(r, 0)).isEqualTo(next % 11 == 5);
                    if (next % 11 != 5) {
                        assertThat(batch.getLong(r, 0)).isEqualTo(next);
                    }
                    assertThat(batch.getString(r, 1)).isEqualTo("name-" + next);
                    assertThat(batch.getUnscaled(r, 2)).isEqualTo(next * 7L - 50_000);
                    assertThat(batch.getBoolean(r, 3)).isEqualTo(next % 2 == 0);
                }
                batch.clear();
            }
            assertThat(next).isEqualTo(12_345 + 5_000);
        }
        // the official SDK reads the same rows
        TableTunnel.DownloadSession down = new TableTunnel(official).createDownloadSession("p1", "big");
        assertThat(down.getRecordCount()).isEqualTo(rows);
        try (TunnelRecordReader reader = down.openRecordReader(19_990, 10)) {
            for (int i = 19_990; i < rows; i++) {
                com.aliyun.odps.data.Record r = reader.read();
                assertThat(r.getString(1)).isEqualTo("name-" + i);
                assertThat(r.getDecimal(2)).isEqualTo(BigDecimal.valueOf(i * 7L - 50_000, 2));
            }
        }
    }
}
