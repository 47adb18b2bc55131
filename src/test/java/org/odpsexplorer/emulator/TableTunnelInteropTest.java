package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Column;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.OdpsType;
import com.aliyun.odps.Partition;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.Table;
import com.aliyun.odps.TableResource;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.IntervalDayTime;
import com.aliyun.odps.data.IntervalYearMonth;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.data.SimpleJsonValue;
import com.aliyun.odps.data.SimpleStruct;
import com.aliyun.odps.data.Struct;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TunnelException;
import com.aliyun.odps.tunnel.io.TunnelRecordReader;
import com.aliyun.odps.type.TypeInfoFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unmodified official Java SDK creates tables and partitions through SQL instances, writes rows of every type
 * through the table tunnel and reads them back, against a real emulator on a loopback port.
 */
@SuppressWarnings("deprecation") // createDownloadSession(project, table, spec) is the call the traces and most users make
class TableTunnelInteropTest {
    static final String PROJECT = "p1";

    @TempDir
    Path dataDir;
    EmulatorServer server;
    Odps odps;

    @BeforeEach
    void start() throws IOException {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project(PROJECT)
                .accessKey("ak", "sk").build());
        odps = connect(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Odps connect(EmulatorServer server) {
        Odps odps = new Odps(new AliyunAccount("ak", "sk"));
        odps.setEndpoint(server.url());
        odps.setDefaultProject(PROJECT);
        return odps;
    }

    @Test
    void sqlDdlCreatesAndDropsTablesAndPartitionsVisibleInMetadata() throws Exception {
        SQLTask.run(odps, AllTypesRows.DDL + ";").waitForSuccess();
        assertThat(odps.tables().exists("all_types")).isTrue();
        assertThat(odps.tables().exists("ALL_TYPES")).isTrue();
        Table table = odps.tables().get("all_types");
        table.reload();
        assertThat(table.getSchema().getColumns()).hasSize(19);
        assertThat(table.getSchema().getColumn("c_struct").getTypeInfo().getTypeName())
                .isEqualTo("STRUCT<x:INT,y:STRING>");
        assertThat(table.getSchema().getPartitionColumns()).extracting(Column::getName).containsExactly("pt", "region");
        assertThat(table.getLife()).isEqualTo(7);

        PartitionSpec spec = new PartitionSpec("pt='2024',region='eu'");
        table.createPartition(spec);
        table.createPartition(new PartitionSpec("pt='2025',region='us'"), true);
        table.createPartition(spec, true);
        assertThatThrownBy(() -> table.createPartition(spec)).isInstanceOf(OdpsException.class)
                .hasMessageContaining("ODPS-0110061");
        assertThat(table.hasPartition(spec)).isTrue();
        assertThat(table.hasPartition(new PartitionSpec("pt='2024',region='us'"))).isFalse();
        assertThat(table.getPartitions()).extracting(p -> p.getPartitionSpec().toString())
                .containsExactly("pt='2024',region='eu'", "pt='2025',region='us'");
        Partition partition = table.getPartition(spec);
        assertThat(partition.getRecordNum()).isZero();

        table.deletePartition(spec);
        assertThat(table.hasPartition(spec)).isFalse();
        table.deletePartition(spec, true);
        odps.tables().delete("all_types");
        assertThat(odps.tables().exists("all_types")).isFalse();
        odps.tables().delete("all_types", true);
    }

    @Test
    void sdkTableCreatorAndListingWork() throws Exception {
        TableSchema schema = new TableSchema();
        schema.addColumn(Column.newBuilder("id", TypeInfoFactory.BIGINT).build());
        schema.addColumn(Column.newBuilder("name", TypeInfoFactory.STRING).build());
        schema.addPartitionColumn(Column.newBuilder("pt", TypeInfoFactory.STRING).build());
        odps.tables().create("created_by_sdk", schema);
        odps.tables().create("created_by_sdk", schema, true);
        odps.tables().createTableWithLifeCycle(PROJECT, "second", schema, "a comment", true, 3L);
        List<String> names = new ArrayList<>();
        odps.tables().iterator().forEachRemaining(t -> names.add(t.getName()));
        assertThat(names).containsExactly("created_by_sdk", "second");
        assertThat(odps.tables().get("second").getComment()).isEqualTo("a comment");
    }

    @Test
    void unsupportedSqlFailsTheInstanceWithAParseError() {
        assertThatThrownBy(() -> SQLTask.run(odps, "select 1;").waitForSuccess()).isInstanceOf(OdpsException.class)
                .hasMessageContaining("ODPS-0130161");
        assertThatThrownBy(() -> SQLTask.run(odps, "DROP TABLE nope;").waitForSuccess())
                .isInstanceOf(OdpsException.class).hasMessageContaining("ODPS-0130131");
    }

    @Test
    void everyTypeIncludingNullsRoundTripsThroughTheTunnel() throws Exception {
        SQLTask.run(odps, AllTypesRows.DDL).waitForSuccess();
        PartitionSpec spec = new PartitionSpec("pt='a',region='b'");
        odps.tables().get("all_types").createPartition(spec);
        TableTunnel tunnel = new TableTunnel(odps);
        List<Record> written = AllTypesRows.upload(tunnel, PROJECT, spec);

        TableTunnel.DownloadSession down = tunnel.createDownloadSession(PROJECT, "all_types", spec);
        assertThat(down.getRecordCount()).isEqualTo(3);
        try (TunnelRecordReader reader = down.openRecordReader(0, 3)) {
            for (Record expected : written) {
                Record actual = reader.read();
                assertThat(actual).isNotNull();
                assertSameValues(expected, actual);
            }
            assertThat(reader.read()).isNull();
        }
    }

    @Test
    void jsonAndIntervalColumnsRoundTripThroughTheTunnel() throws Exception {
        SQLTask.run(odps, "CREATE TABLE extra (j JSON, ym INTERVAL_YEAR_MONTH, dt INTERVAL_DAY_TIME)").waitForSuccess();
        TableTunnel tunnel = new TableTunnel(odps);
        TableTunnel.UploadSession up = tunnel.createUploadSession(PROJECT, "extra");
        Record r = up.newRecord();
        r.set(0, new SimpleJsonValue("{\"a\":[1,2]}"));
        r.set(1, new IntervalYearMonth(2, 3));
        r.set(2, new IntervalDayTime(90061, 5));
        try (RecordWriter writer = up.openRecordWriter(0)) {
            writer.write(r);
        }
        up.commit(new Long[] {0L});
        TableTunnel.DownloadSession down = tunnel.createDownloadSession(PROJECT, "extra");
        try (TunnelRecordReader reader = down.openRecordReader(0, 1)) {
            Record got = reader.read();
            assertThat(got.get(0).toString()).isEqualTo("{\"a\":[1,2]}");
            assertThat(got.get(1)).isEqualTo(new IntervalYearMonth(2, 3));
            assertThat(got.get(2)).isEqualTo(new IntervalDayTime(90061, 5));
        }
    }

    static void assertSameValues(Record expected, Record actual) {
        assertThat(actual.getColumnCount()).isEqualTo(expected.getColumnCount());
        for (int c = 0; c < expected.getColumnCount(); c++) {
            Object e = expected.get(c);
            Object a = actual.get(c);
            String what = "column " + expected.getColumns()[c].getName();
            if (e == null) {
                assertThat(a).as(what).isNull();
            } else if (e instanceof byte[] eb) {
                assertThat(actual.getBytes(c)).as(what).isEqualTo(eb);
            } else if (c == 7) {
                assertThat(actual.getBytes(c)).as(what).isEqualTo(expected.getBytes(c));
            } else if (e instanceof SimpleStruct es) {
                assertThat(((Struct) a).getFieldValues()).as(what)
                        .isEqualTo(es.getFieldValues());
            } else if (e instanceof ZonedDateTime ez) {
                Instant got = a instanceof ZonedDateTime az ? az.toInstant() : ((Date) a).toInstant();
                assertThat(got).as(what).isEqualTo(ez.toInstant());
            } else {
                assertThat(a).as(what).isEqualTo(e);
            }
        }
    }
}
