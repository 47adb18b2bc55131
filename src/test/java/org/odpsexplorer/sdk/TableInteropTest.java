package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.OdpsType;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.Struct;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.io.TunnelRecordReader;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.emulator.AllTypesRows;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.sdk.table.Partition;
import org.odpsexplorer.sdk.table.Record;
import org.odpsexplorer.sdk.table.RecordReader;
import org.odpsexplorer.sdk.table.RecordWriter;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.wire.tunnel.OdpsBinary;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.OdpsStruct;

/**
 * Our SDK and the unmodified official {@code odps-sdk-core} against one emulator: tables and partitions created by
 * the official SQL path are read by ours, rows of every type (NULLs, non-UTF-8 STRING bytes, extremes) written by
 * each are read back by the other with equal values, and table resources created or updated by either (with
 * partition and project) are seen identically by the other.
 */
@SuppressWarnings("deprecation") // createDownloadSession(project, table, spec): the call the traces show
class TableInteropTest {

    @TempDir
    Path dataDir;
    private EmulatorServer server;
    private com.aliyun.odps.Odps official;
    private Odps ours;

    @BeforeEach
    void start() throws Exception {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project("p1").project("p2")
                .accessKey("ak", "sk").build());
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
    void everyTypeWrittenByEitherSdkIsReadByTheOther() throws Exception {
        SQLTask.run(official, AllTypesRows.DDL + ";").waitForSuccess();
        PartitionSpec theirsSpec = new PartitionSpec("pt='a',region='b'");
        official.tables().get("all_types").createPartition(theirsSpec);
        TableTunnel tunnel = new TableTunnel(official);
        List<com.aliyun.odps.data.Record> written = AllTypesRows.upload(tunnel, "p1", theirsSpec);

        // ours reads what the official SDK wrote
        Table table = ours.getTable("all_types");
        assertThat(table.getSchema().columns()).hasSize(19);
        assertThat(table.getSchema().partitionKeys()).extracting(c -> c.name()).containsExactly("pt", "region");
        assertThat(table.lifecycle()).isEqualTo(7);
        org.odpsexplorer.sdk.model.PartitionSpec a = org.odpsexplorer.sdk.model.PartitionSpec.parse("pt=a,region=b");
        List<Record> read = new ArrayList<>();
        try (RecordReader reader = table.openReader(a)) {
            assertThat(reader.getCount()).isEqualTo(3);
            reader.forEach(read::add);
        }
        assertThat(read).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(read.get(i).values()).as("row " + i).isEqualTo(ours(written.get(i)));
        }
        assertThat(read.get(1).get("c_string")).isEqualTo(OdpsString.ofBytes(new byte[] {(byte) 0xff, 0, (byte) 0x80}));
        assertThat(((OdpsString) read.get(1).get("c_string")).isValidUtf8()).isFalse();
        assertThat(read.get(2).values()).containsOnlyNulls();

        // the official SDK reads what ours wrote (into a partition ours created)
        org.odpsexplorer.sdk.model.PartitionSpec c = org.odpsexplorer.sdk.model.PartitionSpec.parse("pt='c'/region='d'");
        table.createPartition(c, false);
        try (RecordWriter writer = table.openWriter(c)) {
            for (com.aliyun.odps.data.Record r : written) {
                writer.write(ours(r));
            }
        }
        assertThat(official.tables().get("all_types").hasPartition(new PartitionSpec("pt='c',region='d'"))).isTrue();
        TableTunnel.DownloadSession down = tunnel.createDownloadSession("p1", "all_types",
                new PartitionSpec("pt='c',region='d'"));
        assertThat(down.getRecordCount()).isEqualTo(3);
        try (TunnelRecordReader reader = down.openRecordReader(0, 3)) {
            for (com.aliyun.odps.data.Record expected : written) {
                com.aliyun.odps.data.Record got = reader.read();
                assertThat(got).isNotNull();
                assertThat(ours(got)).isEqualTo(ours(expected));
                assertThat(got.getBytes(7)).isEqualTo(expected.getBytes(7));
            }
            assertThat(reader.read()).isNull();
        }

        // partition listing with record counts agrees with the official SDK's partition metadata
        List<Partition> partitions = table.listPartitions();
        assertThat(partitions).extracting(p -> p.getSpec().toString())
                .containsExactly("pt=a,region=b", "pt=c,region=d");
        assertThat(partitions).extracting(Partition::recordCount).containsExactly(3L, 3L);
        assertThat(official.tables().get("all_types").getPartition(theirsSpec).getRecordNum()).isEqualTo(3);
    }

    @Test
    void ddlOfOursIsSeenByTheOfficialSdkAndViceVersa() throws Exception {
        ours.createTable("t_ours", TableResourceSeedTest.myTableSchema(), false, 3L);
        ours.createTable("t_ours", TableResourceSeedTest.myTableSchema(), true);
        com.aliyun.odps.Table theirView = official.tables().get("t_ours");
        assertThat(official.tables().exists("t_ours")).isTrue();
        assertThat(theirView.getSchema().getColumns()).extracting(col -> col.getName()).containsExactly("id", "name");
        assertThat(theirView.getLife()).isEqualTo(3);
        ours.getTable("t_ours").createPartition("pt=x", false);
        assertThat(theirView.hasPartition(new PartitionSpec("pt='x'"))).isTrue();
        ours.getTable("t_ours").dropPartition("pt=x", false);
        assertThat(theirView.hasPartition(new PartitionSpec("pt='x'"))).isFalse();

        SQLTask.run(official, "CREATE TABLE t_theirs (v DOUBLE);").waitForSuccess();
        assertThat(ours.existTable("t_theirs")).isTrue();
        assertThat(ours.getTable("p1.t_theirs").isPartitioned()).isFalse();
        ours.dropTable("t_theirs", false);
        assertThat(official.tables().exists("t_theirs")).isFalse();
        assertThat(ours.existTable("t_theirs")).isFalse();
    }

    @Test
    void tableResourcesWithPartitionAndProjectAgreeBetweenTheSdks() throws Exception {
        for (String project : List.of("p1", "p2")) {
            Table t = ours.createTable(project + ".my_table", TableResourceSeedTest.myTableSchema(), false);
            t.createPartition("pt=test", false);
            t.createPartition("pt=test2", false);
        }
        // rows written by the official SDK into p2.my_table pt=test
        TableTunnel tunnel = new TableTunnel(official);
        TableTunnel.UploadSession up = tunnel.createUploadSession("p2", "my_table", new PartitionSpec("pt='test'"));
        try (com.aliyun.odps.data.RecordWriter writer = up.openRecordWriter(0)) {
            com.aliyun.odps.data.Record r = up.newRecord();
            r.setBigint(0, 42L);
            r.setString(1, "from official");
            writer.write(r);
        }
        up.commit(new Long[] {0L});

        // ours creates, the official SDK reads
        ours.createTableResource("res_ours", "p2.my_table", "pt=test");
        com.aliyun.odps.TableResource seen = (com.aliyun.odps.TableResource) official.resources().get("res_ours");
        assertThat(seen.getSourceTable().getProject()).isEqualTo("p2");
        assertThat(seen.getSourceTable().getName()).isEqualTo("my_table");
        assertThat(seen.getSourceTablePartition().toString()).isEqualTo("pt='test'");
        TableResource mine = (TableResource) ours.getResource("res_ours");
        try (RecordReader reader = mine.openReader()) {
            assertThat(reader.readPage(0, reader.getCount())).extracting(Record::values)
                    .containsExactly(List.of(42L, OdpsString.of("from official")));
        }

        // the official SDK creates, ours reads
        com.aliyun.odps.TableResource theirs = new com.aliyun.odps.TableResource("my_table", "p2",
                new PartitionSpec("pt='test'"));
        theirs.setName("res_theirs");
        official.resources().create(theirs);
        TableResource got = (TableResource) ours.getResource("res_theirs");
        assertThat(got.getTable().project()).isEqualTo("p2");
        assertThat(got.getTable().name()).isEqualTo("my_table");
        assertThat(got.getPartition().getSpec().toString()).isEqualTo("pt=test");
        assertThat(got.getPartition().recordCount()).isEqualTo(1);

        // ours updates (partition and project), the official SDK sees it
        got.update("pt=test2", "p1");
        com.aliyun.odps.TableResource after = (com.aliyun.odps.TableResource) official.resources().get("res_theirs");
        assertThat(after.getSourceTable().getProject()).isEqualTo("p1");
        assertThat(after.getSourceTablePartition().toString()).isEqualTo("pt='test2'");
        try (RecordWriter writer = got.openWriter()) {
            writer.write(5L, "via resource");
        }
        TableTunnel.DownloadSession down = tunnel.createDownloadSession("p1", "my_table",
                new PartitionSpec("pt='test2'"));
        try (TunnelRecordReader reader = down.openRecordReader(0, down.getRecordCount())) {
            com.aliyun.odps.data.Record r = reader.read();
            assertThat(r.getBigint(0)).isEqualTo(5L);
            assertThat(r.getString(1)).isEqualTo("via resource");
            assertThat(reader.read()).isNull();
        }

        // the official SDK updates, ours sees it
        com.aliyun.odps.TableResource update = new com.aliyun.odps.TableResource("my_table", "p1",
                new PartitionSpec("pt='test2'"));
        update.setName("res_ours");
        official.resources().update(update);
        mine.reload();
        assertThat(mine.getTable().qualifiedName()).isEqualTo("p1.my_table");
        assertThat(mine.getPartition().getSpec().toString()).isEqualTo("pt=test2");
        assertThat(mine.getPartition().recordCount()).isEqualTo(1);
    }

    /** Official SDK record values, mapped to the Java types of our codec. */
    static List<@Nullable Object> ours(com.aliyun.odps.data.Record r) {
        List<@Nullable Object> out = new ArrayList<>();
        for (int c = 0; c < r.getColumnCount(); c++) {
            Object v = r.get(c);
            if (v != null && r.getColumns()[c].getTypeInfo().getOdpsType() == OdpsType.STRING) {
                out.add(OdpsString.ofBytes(r.getBytes(c)));
            } else {
                out.add(normalise(v));
            }
        }
        return out;
    }

    private static @Nullable Object normalise(@Nullable Object v) {
        if (v instanceof String s) {
            return OdpsString.of(s);
        }
        if (v instanceof byte[] b) {
            return OdpsString.ofBytes(b);
        }
        if (v instanceof Varchar || v instanceof Char) {
            return v.toString();
        }
        if (v instanceof Binary b) {
            return OdpsBinary.of(b.data());
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (v instanceof Date d) {
            return d.toInstant();
        }
        if (v instanceof Struct s) {
            List<@Nullable Object> members = new ArrayList<>();
            for (Object m : s.getFieldValues()) {
                members.add(normalise(m));
            }
            return new OdpsStruct(members);
        }
        if (v instanceof List<?> list) {
            List<@Nullable Object> out = new ArrayList<>();
            for (Object e : list) {
                out.add(normalise(e));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
            map.forEach((k, val) -> out.put(normalise(k), normalise(val)));
            return out;
        }
        return v;
    }
}
