package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Column;
import com.aliyun.odps.Instance;
import com.aliyun.odps.NoSuchObjectException;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.Partition;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.Table;
import com.aliyun.odps.account.StsAccount;
import com.aliyun.odps.commons.transport.Response;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.DefaultRecordReader;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.options.CreateInstanceOption;
import com.aliyun.odps.rest.ResourceBuilder;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.type.TypeInfoFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unmodified official Java SDK against the emulator for what PyODPS users also reach (see
 * {@code scripts/pyodps-e2e.sh}): the table preview ({@code Table.read}), extended partition metadata and partition
 * paging in reverse, the table DDL of {@code protocol/instances.md} §6.5 through the SDK's own methods and SQL, instance
 * listing / summary / termination, and error answers the SDK turns into typed exceptions.
 */
class SdkBreadthInteropTest {
    static final String PROJECT = TableTunnelInteropTest.PROJECT;

    @TempDir
    Path dataDir;
    EmulatorServer server;
    Odps odps;

    @BeforeEach
    void start() throws IOException {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project(PROJECT)
                .accessKey("ak", "sk").stsToken("sts-ok").build());
        odps = TableTunnelInteropTest.connect(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void sql(String text) throws OdpsException {
        SQLTask.run(odps, text).waitForSuccess();
    }

    private void write(String table, String partition, Object[]... rows) throws Exception {
        TableTunnel tunnel = new TableTunnel(odps);
        TableTunnel.UploadSession up = partition == null ? tunnel.createUploadSession(PROJECT, table)
                : tunnel.createUploadSession(PROJECT, table, new PartitionSpec(partition));
        try (RecordWriter w = up.openRecordWriter(0)) {
            for (Object[] row : rows) {
                Record r = up.newRecord();
                for (int i = 0; i < row.length; i++) {
                    r.set(i, row[i]);
                }
                w.write(r);
            }
        }
        up.commit(new Long[] {0L});
    }

    private void createEvents() throws Exception {
        sql("CREATE TABLE events (id BIGINT, name STRING, score DOUBLE) PARTITIONED BY (ds STRING, hh STRING)"
                + " LIFECYCLE 7;");
        sql("ALTER TABLE events ADD PARTITION (ds='20260101', hh='01') PARTITION (ds='20260101', hh='02')"
                + " PARTITION (ds='20260102', hh='01');");
        write("events", "ds='20260101',hh='01'", new Object[] {1L, "a", 1.5}, new Object[] {2L, "b,\"c\"\n", null});
        write("events", "ds='20260102',hh='01'", new Object[] {3L, "x", -0.25});
    }

    private static List<List<Object>> rows(RecordReader reader) throws IOException {
        List<List<Object>> out = new ArrayList<>();
        Record r;
        while ((r = reader.read()) != null) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < r.getColumnCount(); i++) {
                Object v = r.get(i);
                values.add(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v);
            }
            out.add(values);
        }
        return out;
    }

    // ---- preview --------------------------------------------------------------------------------------------------

    /**
     * The REST preview ({@code ?data}) read with the SDK's own {@link DefaultRecordReader}, the request odpscmd's
     * {@code read} and older SDKs' {@code Table.read} make (0.57's {@code Table.read} asks the tunnel for Arrow).
     */
    private RecordReader preview(String table, String partition, List<String> columns, int limit) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("data", null);
        if (partition != null) {
            params.put("partition", partition);
        }
        if (columns != null) {
            params.put("cols", String.join(",", columns));
        }
        params.put("linenum", Integer.toString(limit));
        Response resp = odps.getRestClient().request(
                ResourceBuilder.buildTableResource(PROJECT, table), "GET", params, null, null);
        return new DefaultRecordReader(new ByteArrayInputStream(resp.getBody()),
                odps.tables().get(table).getSchema());
    }

    @Test
    void previewReadsRowsWithPartitionColumnsAndLimit() throws Exception {
        createEvents();
        assertThat(rows(preview("events", "ds='20260101',hh='01'", null, 10))).containsExactly(
                List.of(1L, "a", 1.5, "20260101", "01"), Arrays.asList(2L, "b,\"c\"\n", null, "20260101",
                        "01"));
        assertThat(rows(preview("events", "ds='20260101',hh='01'", List.of("name"), 1)))
                .containsExactly(List.of("a"));
        assertThat(rows(preview("events", null, null, 10))).hasSize(3);
        assertThat(rows(preview("events", "ds='20260101'", null, 10))).hasSize(2);
        assertThat(rows(preview("events", null, null, 2))).hasSize(2);
        assertThat(rows(preview("events", "ds='20260101',hh='02'", null, 10))).isEmpty();
        assertThatThrownBy(() -> preview("events", "ds='20260101',hh='01'", List.of("nope"), 1))
                .isInstanceOf(OdpsException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> preview("events", null, null, -1)).isInstanceOf(OdpsException.class)
                .hasMessageContaining("linenum");
    }

    // ---- partition metadata ---------------------------------------------------------------------------------------

    @Test
    void extendedPartitionMetadataAndReversePaging() throws Exception {
        createEvents();
        Table t = odps.tables().get("events");
        Partition full = t.getPartition(new PartitionSpec("ds='20260101',hh='01'"));
        assertThat(full.getRecordNum()).isEqualTo(2);
        assertThat(full.getSize()).isPositive();
        assertThat(full.getPhysicalSize()).isEqualTo(full.getSize());
        assertThat(full.getFileNum()).isEqualTo(1);
        assertThat(full.getLifeCycle()).isEqualTo(7);
        assertThat(full.isArchived()).isFalse();
        assertThat(full.isExstore()).isFalse();
        Partition empty = t.getPartition(new PartitionSpec("ds='20260101',hh='02'"));
        assertThat(empty.getPhysicalSize()).isZero();
        assertThat(empty.getFileNum()).isZero();

        sql("ALTER TABLE events PARTITION (ds='20260101', hh='02') SET LIFECYCLE 3;");
        assertThat(t.getPartition(new PartitionSpec("ds='20260101',hh='02'")).getLifeCycle()).isEqualTo(3);

        // reverse order, two per page: the SDK follows the markers
        List<String> reversed = new ArrayList<>();
        Iterator<Partition> it = t.getPartitionIterator(null, true, 2L, null);
        it.forEachRemaining(p -> reversed.add(p.getPartitionSpec().toString()));
        assertThat(reversed).containsExactly("ds='20260102',hh='01'", "ds='20260101',hh='02'",
                "ds='20260101',hh='01'");
        List<String> prefixed = new ArrayList<>();
        t.getPartitionIterator(new PartitionSpec("ds='20260101'")).forEachRemaining(
                p -> prefixed.add(p.getPartitionSpec().toString()));
        assertThat(prefixed).containsExactly("ds='20260101',hh='01'", "ds='20260101',hh='02'");
    }

    @Test
    void tableListingCarriesNoSchemaButTheSdkLoadsItLazily() throws Exception {
        createEvents();
        List<Table> listed = new ArrayList<>();
        odps.tables().iterator().forEachRemaining(listed::add);
        assertThat(listed).extracting(Table::getName).containsExactly("events");
        assertThat(listed.get(0).getSchema().getColumns()).extracting(Column::getName)
                .containsExactly("id", "name", "score");
    }

    // ---- DDL breadth ----------------------------------------------------------------------------------------------

    @Test
    void tableDdlThroughTheSdkMethods() throws Exception {
        createEvents();
        Table t = odps.tables().get("events");
        t.setLifeCycle(30);
        t.changeComment("renamed soon");
        t.addColumns(List.of(Column.newBuilder("extra", TypeInfoFactory.STRING).build()), false);
        t.changeColumnName("extra", "note");
        t.touch();
        t.reload();
        assertThat(t.getLife()).isEqualTo(30);
        assertThat(t.getComment()).isEqualTo("renamed soon");
        assertThat(t.getSchema().getColumns()).extracting(Column::getName)
                .containsExactly("id", "name", "score", "note");
        // rows written before the new column read it as NULL
        assertThat(rows(preview("events", "ds='20260102',hh='01'", null, 1))).containsExactly(
                Arrays.asList(3L, "x", -0.25, null, "20260102", "01"));
        t.rename("events2");
        assertThat(odps.tables().exists("events")).isFalse();
        Table renamed = odps.tables().get("events2");
        assertThat(renamed.getPartition(new PartitionSpec("ds='20260101',hh='01'")).getRecordNum()).isEqualTo(2);
        renamed.truncate();
        assertThat(renamed.getPartition(new PartitionSpec("ds='20260101',hh='01'")).getRecordNum()).isZero();
        assertThat(renamed.getPartitions()).hasSize(3);
    }

    @Test
    void tableDdlThroughSql() throws Exception {
        createEvents();
        sql("ALTER TABLE events CHANGE COLUMN score score DOUBLE COMMENT 'points';");
        sql("ALTER TABLE events CHANGE COLUMN name COMMENT 'who';");
        sql("ALTER TABLE events SET TBLPROPERTIES ('team'='data', 'transactional'='false');");
        sql("ALTER TABLE events PARTITION (ds='20260101', hh='02') RENAME TO PARTITION (ds='20260103', hh='00');");
        sql("TRUNCATE TABLE events PARTITION (ds='20260101', hh='01');");
        sql("ALTER TABLE events TOUCH PARTITION (ds='20260102', hh='01');");
        sql("CREATE TABLE IF NOT EXISTS copy LIKE events LIFECYCLE 2;");
        sql("CREATE TABLE IF NOT EXISTS copy LIKE events;");
        sql("ALTER TABLE events DROP IF EXISTS PARTITION (ds='20260103', hh='00'), PARTITION (ds='9', hh='9');");
        sql("DROP TABLE IF EXISTS nothing;");

        Table t = odps.tables().get("events");
        t.reload();
        assertThat(t.getSchema().getColumn("score").getComment()).isEqualTo("points");
        assertThat(t.getSchema().getColumn("name").getComment()).isEqualTo("who");
        assertThat(t.getPartitions()).extracting(p -> p.getPartitionSpec().toString())
                .containsExactly("ds='20260101',hh='01'", "ds='20260102',hh='01'");
        assertThat(t.getPartition(new PartitionSpec("ds='20260101',hh='01'")).getRecordNum()).isZero();
        assertThat(t.getPartition(new PartitionSpec("ds='20260102',hh='01'")).getRecordNum()).isEqualTo(1);
        Table copy = odps.tables().get("copy");
        copy.reload();
        assertThat(copy.getLife()).isEqualTo(2);
        assertThat(copy.getSchema().getPartitionColumns()).extracting(Column::getName).containsExactly("ds", "hh");
        assertThat(copy.getPartitions()).isEmpty();
    }

    @Test
    void changeColumnWidensTypesAndStoredRowsReadOnUnderTheNewType() throws Exception {
        sql("CREATE TABLE widen (i INT, s SMALLINT, v VARCHAR(3), c CHAR(2), d DECIMAL(5,2), f FLOAT);");
        write("widen", null, new Object[] {-7, (short) 300, new Varchar("abc"),
            new Char("xy"), new BigDecimal("-123.45"), 1.5f}, new Object[6]);
        sql("ALTER TABLE widen CHANGE COLUMN i i BIGINT;");
        sql("ALTER TABLE widen CHANGE COLUMN s s INT COMMENT 'wider';");
        sql("ALTER TABLE widen CHANGE COLUMN v v STRING;");
        sql("ALTER TABLE widen CHANGE COLUMN c c VARCHAR(10);");
        sql("ALTER TABLE widen CHANGE COLUMN d d DECIMAL(12,4);");
        Table widen = odps.tables().get("widen");
        widen.reload();
        assertThat(widen.getSchema().getColumns()).extracting(c -> c.getTypeInfo().getTypeName())
                .containsExactly("BIGINT", "INT", "STRING", "VARCHAR(10)", "DECIMAL(12,4)", "FLOAT");
        TableTunnel.DownloadSession down = new TableTunnel(odps).createDownloadSession(PROJECT, "widen");
        try (RecordReader reader = down.openRecordReader(0, 2)) {
            Record r = reader.read();
            assertThat(r.getBigint(0)).isEqualTo(-7L);
            assertThat(r.get(1)).isEqualTo(300);
            assertThat(r.getString(2)).isEqualTo("abc");
            assertThat(r.get(3).toString()).isEqualTo("xy");
            assertThat(r.getDecimal(4)).isEqualByComparingTo("-123.45");
            assertThat(r.get(5)).isEqualTo(1.5f);
            Record nulls = reader.read();
            assertThat(nulls.get(0)).isNull();
            assertThat(nulls.get(4)).isNull();
        }
        assertThat(rows(widen.read(null, null, 10)).get(0)).containsExactly(-7L, 300, "abc",
                new Varchar("xy"), new BigDecimal("-123.45"), 1.5f);
        for (String narrowing : List.of("ALTER TABLE widen CHANGE COLUMN i i INT;",
                "ALTER TABLE widen CHANGE COLUMN f f DOUBLE;", "ALTER TABLE widen CHANGE COLUMN v v VARCHAR(5);",
                "ALTER TABLE widen CHANGE COLUMN d d DECIMAL(12,2);", "ALTER TABLE widen CHANGE COLUMN d d DECIMAL(9,4);",
                "ALTER TABLE widen CHANGE COLUMN s s STRING;")) {
            assertThatThrownBy(() -> sql(narrowing)).as(narrowing).isInstanceOf(OdpsException.class)
                    .hasMessageContaining("not supported by the emulator").hasMessageContaining("widens");
        }
    }

    @Test
    void changeOwnerIsWhatTheTableReportsAfterwards() throws Exception {
        createEvents();
        Table events = odps.tables().get("events");
        events.reload();
        Date ddlBefore = events.getLastMetaModifiedTime();
        Thread.sleep(1100); // DDL times have second resolution
        sql("ALTER TABLE events CHANGEOWNER TO 'ALIYUN$someone@example.com';");
        events = odps.tables().get("events");
        events.reload();
        assertThat(events.getOwner()).isEqualTo("ALIYUN$someone@example.com");
        assertThat(events.getLastMetaModifiedTime()).isAfter(ddlBefore);
        assertThat(rows(events.read(null, null, 10))).hasSize(3);
        assertThatThrownBy(() -> sql("ALTER TABLE events CHANGEOWNER TO;")).isInstanceOf(OdpsException.class)
                .hasMessageContaining("ODPS-0130161");
        assertThatThrownBy(() -> sql("ALTER TABLE missing CHANGEOWNER TO 'x';")).isInstanceOf(OdpsException.class)
                .hasMessageContaining("ODPS-0130131");
    }

    @Test
    void ddlFailuresNameTheProblem() throws Exception {
        createEvents();
        for (Map.Entry<String, String> bad : Map.of(
                "CREATE TABLE `../../x` (a BIGINT);", "invalid table name",
                "CREATE TABLE `a b` (a BIGINT);", "invalid table name",
                "CREATE TABLE ok1 (`1x` BIGINT);", "invalid column name",
                "ALTER TABLE events RENAME TO `x-y`;", "invalid table name",
                "ALTER TABLE events ADD COLUMNS (id BIGINT);", "already exists",
                "ALTER TABLE events CHANGE COLUMN id id STRING;", "not supported",
                "ALTER TABLE events DROP COLUMNS (id);", "ODPS-0130161",
                "ALTER TABLE events PARTITION (ds='1', hh='1') SET LIFECYCLE 3;", "not found",
                "TRUNCATE TABLE missing;", "ODPS-0130131").entrySet()) {
            assertThatThrownBy(() -> sql(bad.getKey())).as(bad.getKey()).isInstanceOf(OdpsException.class)
                    .hasMessageContaining(bad.getValue());
        }
        assertThat(odps.tables().exists("ok1")).isFalse();
        sql("CREATE TABLE _ok_2 (a_1 BIGINT, `B2` STRING) PARTITIONED BY (p_1 STRING);");
        assertThat(odps.tables().exists("_ok_2")).isTrue();
    }

    // ---- instances ------------------------------------------------------------------------------------------------

    @Test
    void instancesAreListedSummarisedAndTerminated() throws Exception {
        Instance ok = SQLTask.run(odps, "CREATE TABLE t1 (a BIGINT);");
        ok.waitForSuccess();
        Instance failed = SQLTask.run(odps, "DROP TABLE missing;");
        assertThatThrownBy(failed::waitForSuccess).isInstanceOf(OdpsException.class);

        List<String> ids = new ArrayList<>();
        odps.instances().iterator().forEachRemaining(i -> ids.add(i.getId()));
        assertThat(ids).containsExactly(ok.getId(), failed.getId());

        assertThat(ok.getStatus()).isEqualTo(Instance.Status.TERMINATED);
        assertThat(ok.getTaskNames()).containsExactly("AnonymousSQLTask");
        assertThat(ok.getTaskStatus().get("AnonymousSQLTask").getStatus())
                .isEqualTo(Instance.TaskStatus.Status.SUCCESS);
        assertThat(failed.getTaskStatus().get("AnonymousSQLTask").getStatus())
                .isEqualTo(Instance.TaskStatus.Status.FAILED);
        Instance.TaskSummary summary = ok.getTaskSummary("AnonymousSQLTask");
        assertThat(summary).isNotNull();
        assertThat(summary.getSummaryText()).contains("AnonymousSQLTask");
        assertThat(summary.getJsonSummary()).contains("\"Status\":\"Success\"");

        ok.stop();
        assertThat(odps.instances().get(ok.getId()).getStatus()).isEqualTo(Instance.Status.TERMINATED);
        assertThat(odps.instances().get(ok.getId()).isSuccessful()).isTrue();
        assertThatThrownBy(() -> odps.instances().get("no_such_instance").stop())
                .isInstanceOf(NoSuchObjectException.class);
        assertThat(odps.instances().exists("no_such_instance")).isFalse();
    }

    /** Names of the instances a listing with {@code jobname} returns (the Java SDK's filter has no job name). */
    private List<String> instancesOfJob(String jobName) throws Exception {
        Map<String, String> params = new HashMap<>();
        params.put("jobname", jobName);
        String xml = new String(odps.getRestClient().request("/projects/" + PROJECT + "/instances", "GET", params,
                null, null).getBody(), StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("<Name>([^<]*)</Name>").matcher(xml);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void instanceListingFiltersOnTheJobName() throws Exception {
        CreateInstanceOption nightly = new CreateInstanceOption
                .Builder().setJobName("nightly").build();
        Instance a = odps.instances().create(new SQLTask() {
            {
                setName("AnonymousSQLTask");
                setQuery("CREATE TABLE j1 (a BIGINT);");
            }
        }, nightly);
        Instance unnamed = SQLTask.run(odps, "CREATE TABLE j2 (a BIGINT);");
        Instance b = odps.instances().create(new SQLTask() {
            {
                setName("AnonymousSQLTask");
                setQuery("CREATE TABLE j3 (a BIGINT);");
            }
        }, nightly);
        assertThat(instancesOfJob("nightly")).containsExactly(a.getId(), b.getId());
        assertThat(instancesOfJob("Nightly")).isEmpty();
        assertThat(instancesOfJob("")).containsExactly(a.getId(), unnamed.getId(), b.getId());
    }

    // ---- error bodies ---------------------------------------------------------------------------------------------

    @Test
    void errorAnswersBecomeTypedSdkExceptions() throws Exception {
        assertThatThrownBy(() -> odps.tables().get("missing").reload()).isInstanceOf(NoSuchObjectException.class);
        Odps forged = new Odps(new StsAccount("ak", "sk", "forged"));
        forged.setEndpoint(server.url());
        forged.setDefaultProject(PROJECT);
        assertThatThrownBy(() -> forged.projects().get(PROJECT).reload()).isInstanceOf(OdpsException.class)
                .satisfies(e -> {
                    assertThat(((OdpsException) e).getStatus()).isEqualTo(401);
                    assertThat(((OdpsException) e).getErrorCode()).isEqualTo("InvalidParameter");
                });
        Odps sts = new Odps(new StsAccount("ak", "sk", "sts-ok"));
        sts.setEndpoint(server.url());
        sts.setDefaultProject(PROJECT);
        sts.projects().get(PROJECT).reload();
        assertThat(sts.projects().get(PROJECT).getOwner()).isNotBlank();
    }
}
