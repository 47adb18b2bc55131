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
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.IntervalDayTime;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.SimpleStruct;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TunnelException;
import com.aliyun.odps.tunnel.io.TunnelRecordReader;
import com.aliyun.odps.type.StructTypeInfo;
import com.aliyun.odps.type.TypeInfoParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    static final String ALL_TYPES_DDL = "CREATE TABLE all_types (c_bigint BIGINT, c_int INT, c_smallint SMALLINT,"
            + " c_tinyint TINYINT, c_double DOUBLE, c_float FLOAT, c_boolean BOOLEAN, c_string STRING,"
            + " c_varchar VARCHAR(10), c_char CHAR(5), c_binary BINARY, c_decimal DECIMAL(38,18), c_date DATE,"
            + " c_datetime DATETIME, c_timestamp TIMESTAMP, c_timestamp_ntz TIMESTAMP_NTZ,"
            + " c_array ARRAY<BIGINT>, c_map MAP<STRING,BIGINT>, c_struct STRUCT<x:INT,y:STRING>)"
            + " PARTITIONED BY (pt STRING, region STRING) LIFECYCLE 7";

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
        SQLTask.run(odps, ALL_TYPES_DDL + ";").waitForSuccess();
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
        schema.addColumn(Column.newBuilder("id", com.aliyun.odps.type.TypeInfoFactory.BIGINT).build());
        schema.addColumn(Column.newBuilder("name", com.aliyun.odps.type.TypeInfoFactory.STRING).build());
        schema.addPartitionColumn(Column.newBuilder("pt", com.aliyun.odps.type.TypeInfoFactory.STRING).build());
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
        SQLTask.run(odps, ALL_TYPES_DDL).waitForSuccess();
        PartitionSpec spec = new PartitionSpec("pt='a',region='b'");
        odps.tables().get("all_types").createPartition(spec);
        TableTunnel tunnel = new TableTunnel(odps);
        TableTunnel.UploadSession up = tunnel.createUploadSession(PROJECT, "all_types", spec);
        List<Record> written = new ArrayList<>();
        try (com.aliyun.odps.data.RecordWriter writer = up.openRecordWriter(0)) {
            for (int i = 0; i < 3; i++) {
                Record r = up.newRecord();
                if (i < 2) {
                    fill(r, i);
                } // record 2 stays all NULL
                writer.write(r);
                written.add(r);
            }
        }
        up.commit(new Long[] {0L});

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
        r.set(0, new com.aliyun.odps.data.SimpleJsonValue("{\"a\":[1,2]}"));
        r.set(1, new com.aliyun.odps.data.IntervalYearMonth(2, 3));
        r.set(2, new IntervalDayTime(90061, 5));
        try (com.aliyun.odps.data.RecordWriter writer = up.openRecordWriter(0)) {
            writer.write(r);
        }
        up.commit(new Long[] {0L});
        TableTunnel.DownloadSession down = tunnel.createDownloadSession(PROJECT, "extra");
        try (TunnelRecordReader reader = down.openRecordReader(0, 1)) {
            Record got = reader.read();
            assertThat(got.get(0).toString()).isEqualTo("{\"a\":[1,2]}");
            assertThat(got.get(1)).isEqualTo(new com.aliyun.odps.data.IntervalYearMonth(2, 3));
            assertThat(got.get(2)).isEqualTo(new IntervalDayTime(90061, 5));
        }
    }

    static void fill(Record r, int i) {
        r.setBigint(0, i == 0 ? Long.MAX_VALUE : -Long.MAX_VALUE);
        r.set(1, i == 0 ? Integer.MIN_VALUE : 7);
        r.set(2, (short) (i == 0 ? 32767 : -1));
        r.set(3, (byte) (i == 0 ? -128 : 127));
        r.setDouble(4, i == 0 ? 1.5 : Double.NaN);
        r.set(5, i == 0 ? -0.25f : Float.POSITIVE_INFINITY);
        r.setBoolean(6, i == 0);
        if (i == 0) {
            r.setString(7, "héllo, мир 🎉");
        } else {
            r.setString(7, new byte[] {(byte) 0xff, 0, (byte) 0x80});
        }
        r.set(8, new Varchar(i == 0 ? "vc" : "", 10));
        r.set(9, new Char(i == 0 ? "abcde" : "x", 5));
        r.set(10, new Binary(i == 0 ? new byte[] {0, 1, (byte) 0xff} : new byte[0]));
        r.setDecimal(11, new BigDecimal(i == 0 ? "12345678901234567890.123456789012345678" : "-0.001"));
        r.set(12, i == 0 ? LocalDate.of(1, 1, 1) : LocalDate.of(9999, 12, 31));
        r.set(13, ZonedDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000, ZoneOffset.UTC));
        r.set(14, i == 0 ? Instant.ofEpochSecond(-1, 999_999_999) : Instant.parse("2024-01-02T03:04:05.123456789Z"));
        r.set(15, LocalDateTime.of(2000, 1, 1, 0, 0, 0, i));
        r.set(16, i == 0 ? Arrays.asList(1L, null, -3L) : List.of());
        Map<String, Long> map = new LinkedHashMap<>();
        if (i == 0) {
            map.put("b", null);
            map.put("a", 1L);
        }
        r.set(17, map);
        StructTypeInfo structType = (StructTypeInfo) TypeInfoParser.getTypeInfoFromTypeString("STRUCT<x:INT,y:STRING>");
        r.set(18, new SimpleStruct(structType, Arrays.asList(i == 0 ? 7 : null, i == 0 ? null : "s")));
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
                assertThat(((com.aliyun.odps.data.Struct) a).getFieldValues()).as(what)
                        .isEqualTo(es.getFieldValues());
            } else if (e instanceof ZonedDateTime ez) {
                Instant got = a instanceof ZonedDateTime az ? az.toInstant() : ((java.util.Date) a).toInstant();
                assertThat(got).as(what).isEqualTo(ez.toInstant());
            } else {
                assertThat(a).as(what).isEqualTo(e);
            }
        }
    }
}
