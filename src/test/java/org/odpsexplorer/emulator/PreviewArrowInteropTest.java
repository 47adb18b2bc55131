package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Column;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.Table;
import com.aliyun.odps.commons.transport.Connection;
import com.aliyun.odps.commons.transport.Response;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.rest.ResourceBuilder;
import com.aliyun.odps.rest.RestClient;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.Configuration;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TunnelException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tunnel's table preview in Arrow ({@code GET …/tables/{t}/preview}) against the unmodified official Java SDK:
 * {@code Table.read} (0.57 reads the preview this way) for every type the emulator stores, NULLs and partition
 * columns; the same stream decoded by Arrow's own {@link ArrowStreamReader} to check the Arrow types and buffers;
 * {@code limit}, {@code columns} and {@code partition}; and the JSON errors of {@code protocol/tunnel.md} §11.
 */
class PreviewArrowInteropTest {
    static final String PROJECT = TableTunnelInteropTest.PROJECT;

    @TempDir
    Path dataDir;
    EmulatorServer server;
    Odps odps;

    @BeforeEach
    void start() throws IOException {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project(PROJECT)
                .accessKey("ak", "sk").build());
        odps = TableTunnelInteropTest.connect(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void sql(String text) throws OdpsException {
        SQLTask.run(odps, text).waitForSuccess();
    }

    private List<Record> allTypes() throws Exception {
        sql(AllTypesRows.DDL);
        PartitionSpec spec = new PartitionSpec("pt='a',region='b'");
        odps.tables().get("all_types").createPartition(spec);
        return AllTypesRows.upload(new TableTunnel(odps), PROJECT, spec);
    }

    private void createEvents() throws Exception {
        sql("CREATE TABLE events (id BIGINT, name STRING, score DOUBLE) PARTITIONED BY (ds STRING, hh STRING)");
        sql("ALTER TABLE events ADD PARTITION (ds='20260101', hh='01') PARTITION (ds='20260101', hh='02')"
                + " PARTITION (ds='20260102', hh='01');");
        write("events", "ds='20260101',hh='01'", new Object[] {1L, "a", 1.5}, new Object[] {2L, null, null});
        write("events", "ds='20260102',hh='01'", new Object[] {3L, "x", -0.25});
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

    private static List<List<Object>> rows(RecordReader reader) throws IOException {
        List<List<Object>> out = new ArrayList<>();
        for (Record r; (r = reader.read()) != null; ) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < r.getColumnCount(); i++) {
                Object v = r.get(i);
                values.add(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v);
            }
            out.add(values);
        }
        reader.close();
        return out;
    }

    /** The tunnel's answer to a raw preview request, as the SDK's own {@code TableTunnel.preview} makes it. */
    private Connection rawPreview(String table, Map<String, String> params) throws Exception {
        RestClient client = new Configuration(odps).newRestClient(PROJECT);
        return client.connect(ResourceBuilder.buildTableResource(PROJECT, null, table) + "/preview", "GET",
                new HashMap<>(params),
                new HashMap<>());
    }

    /** The error code of a preview that must fail, parsed by the SDK's {@link TunnelException} from the JSON body. */
    private TunnelException previewError(String table, Map<String, String> params) throws Exception {
        Connection conn = rawPreview(table, params);
        Response resp = conn.getResponse();
        assertThat(resp.getStatus()).as("status").isBetween(400, 499);
        assertThat(resp.getHeader("Content-Type")).startsWith("application/json");
        TunnelException e = new TunnelException(conn.getInputStream());
        conn.disconnect();
        return e;
    }

    // ---- values through the SDK's Table.read ----------------------------------------------------------------------

    @Test
    void tableReadReturnsEveryTypeAndNullsFromTheArrowPreview() throws Exception {
        List<Record> written = allTypes();
        Table table = odps.tables().get("all_types");
        List<String> dataColumns = table.getSchema().getColumns().stream().map(Column::getName).toList();
        try (RecordReader reader = table.read(new PartitionSpec("pt='a',region='b'"), dataColumns, 10)) {
            for (Record expected : written) {
                Record actual = reader.read();
                assertThat(actual).isNotNull();
                if (expected.get(7) != null) {
                    // the SDK's Arrow reader turns STRING bytes into a Java String (ill-formed UTF-8 becomes U+FFFD);
                    // the stream itself carries the bytes verbatim (arrowsOwnReaderSeesTheDocumentedTypesAndBuffers)
                    expected.setString(7, new String(expected.getBytes(7), StandardCharsets.UTF_8));
                }
                TableTunnelInteropTest.assertSameValues(expected, actual);
            }
            assertThat(reader.read()).isNull();
        }
    }

    @Test
    void partitionColumnsFollowTheDataColumns() throws Exception {
        createEvents();
        Table events = odps.tables().get("events");
        assertThat(rows(events.read(new PartitionSpec("ds='20260101',hh='01'"), null, 10))).containsExactly(
                List.of(1L, "a", 1.5, "20260101", "01"), Arrays.asList(2L, null, null, "20260101", "01"));
        assertThat(rows(events.read(null, null, 10))).extracting(r -> r.get(0)).containsExactly(1L, 2L, 3L);
    }

    // ---- the stream through Arrow's own reader --------------------------------------------------------------------

    @Test
    void arrowsOwnReaderSeesTheDocumentedTypesAndBuffers() throws Exception {
        allTypes();
        TableTunnel tunnel = new TableTunnel(odps);
        try (ArrowStreamReader reader = tunnel.preview(PROJECT, null, "all_types", "pt=a,region=b", 10L)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Map<String, String> types = new LinkedHashMap<>();
            for (Field f : root.getSchema().getFields()) {
                types.put(f.getName(), f.getType().toString() + (f.getChildren().isEmpty() ? ""
                        : f.getChildren().stream().map(c -> c.getName() + ":" + c.getType()).toList()));
            }
            assertThat(types).containsExactly(
                    Map.entry("c_bigint", "Int(64, true)"), Map.entry("c_int", "Int(32, true)"),
                    Map.entry("c_smallint", "Int(16, true)"), Map.entry("c_tinyint", "Int(8, true)"),
                    Map.entry("c_double", "FloatingPoint(DOUBLE)"), Map.entry("c_float", "FloatingPoint(SINGLE)"),
                    Map.entry("c_boolean", "Bool"), Map.entry("c_string", "Utf8"), Map.entry("c_varchar", "Utf8"),
                    Map.entry("c_char", "Utf8"), Map.entry("c_binary", "Binary"),
                    Map.entry("c_decimal", "Decimal(38, 18, 128)"), Map.entry("c_date", "Date(DAY)"),
                    Map.entry("c_datetime", "Timestamp(MILLISECOND, null)"),
                    Map.entry("c_timestamp", "Struct[sec:Int(64, true), nano:Int(32, true)]"),
                    Map.entry("c_timestamp_ntz", "Struct[sec:Int(64, true), nano:Int(32, true)]"),
                    Map.entry("c_array", "List[element:Int(64, true)]"),
                    Map.entry("c_map", "Map(false)[entries:Struct]"),
                    Map.entry("c_struct", "Struct[x:Int(32, true), y:Utf8]"),
                    Map.entry("pt", "Utf8"), Map.entry("region", "Utf8"));

            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(root.getRowCount()).isEqualTo(3);
            BigIntVector bigint = (BigIntVector) root.getVector("c_bigint");
            assertThat(bigint.get(0)).isEqualTo(Long.MAX_VALUE);
            assertThat(bigint.get(1)).isEqualTo(-Long.MAX_VALUE);
            assertThat(bigint.isNull(2)).isTrue();
            assertThat(((Float8Vector) root.getVector("c_double")).get(0)).isEqualTo(1.5);
            BitVector bool = (BitVector) root.getVector("c_boolean");
            assertThat(List.of(bool.get(0), bool.get(1))).containsExactly(1, 0);
            assertThat(bool.isNull(2)).isTrue();
            assertThat(((VarCharVector) root.getVector("c_string")).get(1))
                    .containsExactly((byte) 0xff, 0, (byte) 0x80);
            assertThat(((VarBinaryVector) root.getVector("c_binary")).get(0)).containsExactly(0, 1, (byte) 0xff);
            assertThat(((VarBinaryVector) root.getVector("c_binary")).get(1)).isEmpty();
            assertThat(((DecimalVector) root.getVector("c_decimal")).getObject(1))
                    .isEqualTo(new BigDecimal("-0.001000000000000000"));
            assertThat(((DateDayVector) root.getVector("c_date")).get(1))
                    .isEqualTo((int) LocalDate.of(9999, 12, 31).toEpochDay());
            assertThat(((TimeStampMilliVector) root.getVector("c_datetime")).get(0))
                    .isEqualTo(Instant.parse("2024-02-29T12:34:56.789Z").toEpochMilli());
            StructVector ts = (StructVector) root.getVector("c_timestamp");
            assertThat(ts.getObject(0).get("sec")).isEqualTo(-1L);
            assertThat(ts.getObject(0).get("nano")).isEqualTo(999_999_999);
            assertThat(ts.isNull(2)).isTrue();
            assertThat(new ArrayList<Object>(((ListVector) root.getVector("c_array")).getObject(0)))
                    .containsExactly(1L, null, -3L);
            assertThat(((ListVector) root.getVector("c_array")).getObject(1)).isEmpty();
            MapVector map = (MapVector) root.getVector("c_map");
            assertThat(map.getObject(0)).hasSize(2);
            assertThat(map.isNull(2)).isTrue();
            Map<String, ?> struct = ((StructVector) root.getVector("c_struct")).getObject(0);
            assertThat(struct.get("x")).isEqualTo(7);
            assertThat(struct.containsKey("y")).isFalse();
            assertThat(new String(((VarCharVector) root.getVector("region")).get(2), StandardCharsets.UTF_8))
                    .isEqualTo("b");
            assertThat(reader.loadNextBatch()).isFalse();
        }
    }

    // ---- limit, columns, partition --------------------------------------------------------------------------------

    @Test
    void limitColumnsAndPartitionAreHonoured() throws Exception {
        createEvents();
        Table events = odps.tables().get("events");
        assertThat(rows(events.read(null, null, 2))).hasSize(2);
        assertThat(rows(events.read(new PartitionSpec("ds='20260101'"), null, 10))).hasSize(2);
        assertThat(rows(events.read(new PartitionSpec("ds='20260101',hh='02'"), null, 10))).isEmpty();
        assertThat(rows(events.read(new PartitionSpec("ds='20260102',hh='01'"), List.of("score"), 10)))
                .containsExactly(List.of(-0.25));

        TableTunnel tunnel = new TableTunnel(odps);
        try (ArrowStreamReader reader = tunnel.preview(PROJECT, null, "events", null, 1L,
                List.of("hh", "score"))) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertThat(root.getSchema().getFields()).extracting(Field::getName).containsExactly("score", "hh");
            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(root.getRowCount()).isEqualTo(1);
            assertThat(((Float8Vector) root.getVector("score")).get(0)).isEqualTo(1.5);
            assertThat(reader.loadNextBatch()).isFalse();
        }
        try (ArrowStreamReader reader = tunnel.preview(PROJECT, null, "events", null, 0L)) {
            assertThat(reader.getVectorSchemaRoot().getSchema().getFields()).hasSize(5);
            assertThat(reader.loadNextBatch()).isFalse();
        }
    }

    @Test
    void manyRowsArriveInSeveralBatches() throws Exception {
        sql("CREATE TABLE wide (id BIGINT, s STRING)");
        Object[][] rows = new Object[9000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {(long) i, i % 7 == 0 ? null : "row " + i};
        }
        write("wide", null, rows);
        List<List<Object>> read = rows(odps.tables().get("wide").read(null, null, 10_000));
        assertThat(read).hasSize(9000);
        assertThat(read.get(8999)).containsExactly(8999L, "row 8999");
        assertThat(read.get(8995)).containsExactly(8995L, null);
        int batches = 0;
        try (ArrowStreamReader reader = new TableTunnel(odps).preview(PROJECT, null, "wide", null, -1L)) {
            while (reader.loadNextBatch()) {
                batches++;
            }
        }
        assertThat(batches).isGreaterThan(1);
    }

    // ---- errors ---------------------------------------------------------------------------------------------------

    @Test
    void badRequestsGetTheTunnelsJsonErrors() throws Exception {
        createEvents();
        sql("CREATE TABLE flat (id BIGINT)");
        assertThat(previewError("events", Map.of("limit", "1", "columns", "id,nope")).getErrorCode())
                .isEqualTo("InvalidColumnSpec");
        assertThat(previewError("events", Map.of("limit", "ten")).getErrorCode()).isEqualTo("InvalidArgument");
        assertThat(previewError("events", Map.of("limit", "1", "partition", "nokey=1")).getErrorCode())
                .isEqualTo("InvalidPartitionSpec");
        assertThat(previewError("nope", Map.of("limit", "1")).getErrorCode()).isEqualTo("NoSuchTable");

        assertThatThrownBy(() -> odps.tables().get("flat").read(new PartitionSpec("ds='1'"), null, 1))
                .isInstanceOf(TunnelException.class)
                .satisfies(e -> assertThat(((TunnelException) e).getErrorCode()).isEqualTo("InvalidPartitionSpec"));
        assertThatThrownBy(() -> odps.tables().get("events").read(new PartitionSpec("ds='9',hh='9'"), null, 1))
                .isInstanceOf(TunnelException.class)
                .satisfies(e -> assertThat(((TunnelException) e).getErrorCode()).isEqualTo("NoSuchPartition"));
    }

    @Test
    void theStreamIsFramedAsTheIpcFormatSays() throws Exception {
        sql("CREATE TABLE flat (id BIGINT)");
        write("flat", null, new Object[] {42L});
        Connection conn = rawPreview("flat", Map.of("limit", "-1"));
        assertThat(conn.getResponse().getStatus()).isEqualTo(200);
        byte[] body;
        try (InputStream in = conn.getInputStream()) {
            body = in.readAllBytes();
        }
        conn.disconnect();
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(body.length % 8).isZero();
        // schema message, one record batch, end marker: each message 0xFFFFFFFF + 8-aligned metadata + body
        int pos = 0;
        int messages = 0;
        while (true) {
            assertThat(b.getInt(pos)).isEqualTo(-1);
            int meta = b.getInt(pos + 4);
            if (meta == 0) {
                break;
            }
            assertThat(meta % 8).isZero();
            Message m = Message.getRootAsMessage(
                    ByteBuffer.wrap(body, pos + 8, meta).slice().order(ByteOrder.LITTLE_ENDIAN));
            assertThat(m.version()).isEqualTo(MetadataVersion.V5);
            assertThat(m.bodyLength() % 8).isZero();
            pos += 8 + meta + (int) m.bodyLength();
            messages++;
        }
        assertThat(messages).isEqualTo(2);
        assertThat(pos + 8).isEqualTo(body.length);
    }
}
