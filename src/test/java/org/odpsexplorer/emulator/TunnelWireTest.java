package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.InflaterInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.wire.WireCodec;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.RecordStreamEncoder;

/**
 * The tunnel endpoint at the byte level: golden streams go in (raw and deflated) and come out identical, every bad
 * request gets its documented 4xx JSON error ({@code protocol/tunnel.md} §11), sessions behave as §4–§9 say.
 */
class TunnelWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    EmulatorServer server;

    @BeforeEach
    void start() throws IOException {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project("p1").acceptAll(true)
                .build());
        sql("CREATE TABLE basic (c_bigint BIGINT, c_double DOUBLE, c_boolean BOOLEAN, c_string STRING,"
                + " c_datetime DATETIME, c_date DATE, c_decimal DECIMAL(38,18), c_timestamp TIMESTAMP)"
                + " PARTITIONED BY (pt STRING)");
        sql("ALTER TABLE basic ADD PARTITION (pt='a')");
        sql("CREATE TABLE plain (id BIGINT, name STRING)");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void goldenStreamsUploadedRawAndDeflatedReadBackByteIdentical() throws IOException {
        byte[] basic = vector("basic.bin");
        String upload = createUpload("basic", "pt=a");
        assertThat(put("basic", "pt=a", upload, "0", basic, null).status()).isEqualTo(200);
        assertThat(put("basic", "pt=a", upload, "1", vector("basic.deflate.bin"), "deflate").status()).isEqualTo(200);
        JsonNode reloaded = json(send("GET", "/projects/p1/tables/basic?partition=pt%3Da&uploadid=" + upload
                + "&getblockid=true", null, List.of()));
        assertThat(reloaded.get("UploadedBlockList").findValuesAsText("BlockID")).containsExactly("0", "1");
        commit("basic", "pt=a", upload);

        String download = createDownload("basic", "pt=a", 12);
        RawHttp.Response first = read("basic", "pt=a", download, "(0,6)", null, List.of());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("odps-tunnel-record-count")).isEqualTo("6");
        assertThat(first.body()).isEqualTo(basic);
        assertThat(read("basic", "pt=a", download, "(6,6)", null, List.of()).body()).isEqualTo(basic);

        RawHttp.Response deflated = read("basic", "pt=a", download, "(0,6)", null,
                List.of(Map.entry("Accept-Encoding", "deflate")));
        assertThat(deflated.header("Content-Encoding")).isEqualTo("deflate");
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(
                deflated.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(basic);
        }
    }

    @Test
    void columnSubsetRenumbersFieldsInRequestedOrder() throws IOException {
        String upload = createUpload("plain", null);
        put("plain", null, upload, "0", stream(List.of(Column.of("id", "bigint"), Column.of("name", "string")),
                List.of(Arrays.asList(0L, "aaaa"), Arrays.asList(1L, "bbbbb"))), null);
        commit("plain", null, upload);
        String download = createDownload("plain", null, 2);
        RawHttp.Response whole = read("plain", null, download, "(0,2)", null, List.of());
        // the recorded bodies Tj#110 / Tj#115 hold exactly these two rows
        assertThat(whole.body()).isEqualTo(HexFormat.of().parseHex("080012046161616180c0ff7fbafdafde0308"
                + "021205626262626280c0ff7fb3d9c2830af0ffff7f04f8ffff7fd0cbeda207"));
        RawHttp.Response subset = read("plain", null, download, "(1,1)", "name,id", List.of());
        assertThat(subset.body()).isEqualTo(stream(List.of(Column.of("name", "string"), Column.of("id", "bigint")),
                List.of(Arrays.asList("bbbbb", 1L))));
    }

    @Test
    void badStreamsAreRejectedWithMalformedDataStreamAndStoreNothing() throws IOException {
        String upload = createUpload("plain", null);
        byte[] good = stream(List.of(Column.of("id", "bigint"), Column.of("name", "string")),
                List.of(Arrays.asList(1L, "abc")));
        byte[] crc = good.clone();
        crc[4] ^= 1; // inside "abc"
        assertError(put("plain", null, upload, "0", crc, null), 400, "MalformedDataStream");
        byte[] threeColumns = stream(List.of(Column.of("a", "bigint"), Column.of("b", "string"),
                Column.of("c", "bigint")), List.of(Arrays.asList(1L, "x", 2L)));
        assertError(put("plain", null, upload, "0", threeColumns, null), 400, "MalformedDataStream");
        assertError(put("plain", null, upload, "0", Arrays.copyOf(good, good.length - 3), null), 400,
                "MalformedDataStream");
        byte[] wrongType = stream(List.of(Column.of("id", "string")), List.of(List.of("1")));
        assertError(put("plain", null, upload, "0", wrongType, null), 400, "MalformedDataStream");
        assertError(put("plain", null, upload, "0", good, "zstd"), 400, "InvalidArgument");
        assertError(put("plain", null, upload, "0", new byte[] {0x78, 0x01, (byte) 0xff}, "deflate"), 400,
                "InvalidArgument");
        JsonNode session = json(send("GET", "/projects/p1/tables/plain?uploadid=" + upload, null, List.of()));
        assertThat(session.get("UploadedBlockList").size()).isZero();
        commit("plain", null, upload);
        assertThat(json(send("POST", "/projects/p1/tables/plain?downloads", null, List.of()))
                .get("RecordCount").asLong()).isZero();
    }

    @Test
    void sessionAndAddressingErrorsUseTheDocumentedCodes() throws IOException {
        assertError(send("POST", "/projects/p1/tables/nope?uploads", null, List.of()), 404, "NoSuchTable");
        assertError(send("POST", "/projects/nope/tables/plain?uploads", null, List.of()), 404, "NoSuchProject");
        assertError(send("POST", "/projects/p1/tables/basic?uploads", null, List.of()), 400, "MissingPartitionSpec");
        assertError(send("POST", "/projects/p1/tables/basic?uploads&partition=pt%3Dmissing", null, List.of()), 404,
                "NoSuchPartition");
        assertError(send("POST", "/projects/p1/tables/basic?uploads&partition=other%3Da", null, List.of()), 400,
                "InvalidPartitionSpec");
        assertError(send("POST", "/projects/p1/tables/plain?uploads&partition=pt%3Da", null, List.of()), 400,
                "InvalidPartitionSpec");
        assertError(send("GET", "/projects/p1/tables/plain?uploadid=bogus", null, List.of()), 404, "NoSuchUpload");
        assertError(send("GET", "/projects/p1/tables/plain?downloadid=bogus", null, List.of()), 404,
                "NoSuchDownload");
        String upload = createUpload("plain", null);
        assertError(put("plain", null, upload, "20000", RecordStreamFormatBytes.EMPTY, null), 400, "InvalidBlockID");
        assertError(put("plain", null, upload, "x", RecordStreamFormatBytes.EMPTY, null), 400, "InvalidBlockID");
        // an upload id of another table is unknown there
        assertError(send("GET", "/projects/p1/tables/basic?partition=pt%3Da&uploadid=" + upload, null, List.of()),
                404, "NoSuchUpload");
        assertThat(put("plain", null, upload, "3", RecordStreamFormatBytes.EMPTY, null).status()).isEqualTo(200);
        JsonNode closed = commit("plain", null, upload);
        assertThat(closed.get("Status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("UploadedBlockList").findValuesAsText("BlockID")).containsExactly("3");
        assertThat(commit("plain", null, upload)).isEqualTo(closed); // a retried commit changes nothing
        assertError(put("plain", null, upload, "4", RecordStreamFormatBytes.EMPTY, null), 409, "StatusConflict");

        String download = createDownload("plain", null, 0);
        assertError(read("plain", null, download, "(0,1)", null, List.of()), 400, "InvalidRowRange");
        assertError(read("plain", null, download, "(-1,0)", null, List.of()), 400, "InvalidRowRange");
        assertError(read("plain", null, download, "zero", null, List.of()), 400, "InvalidRowRange");
        assertError(read("plain", null, download, "(0,0)", "nope", List.of()), 400, "InvalidColumnSpec");
        RawHttp.Response empty = read("plain", null, download, "(0,0)", null, List.of());
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).isEqualTo(RecordStreamFormatBytes.EMPTY);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The 10-byte empty stream, spelled out so the test does not trust the encoder for it. */
    static final class RecordStreamFormatBytes {
        static final byte[] EMPTY = HexFormat.of().parseHex("f0ffff7f00f8ffff7f00");
    }

    private void sql(String query) throws IOException {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Instance><Job><Priority>9</Priority><Tasks><SQL>"
                + "<Name>AnonymousSQLTask</Name><Query><![CDATA[" + query + "]]></Query></SQL></Tasks></Job>"
                + "</Instance>";
        RawHttp.Response r = RawHttp.send(server.port(), "POST", "/api/projects/p1/instances",
                List.of(Map.entry("Content-Type", "application/xml")), body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(201);
        String location = r.header("Location");
        assertThat(location).startsWith("http://");
        String path = location.substring(location.indexOf("/api/"));
        RawHttp.Response status = RawHttp.send(server.port(), "GET", path + "?taskstatus", List.of(), null);
        assertThat(status.text()).as(query).contains("<Status>Success</Status>");
    }

    private String createUpload(String table, @Nullable String partition) throws IOException {
        RawHttp.Response r = send("POST", "/projects/p1/tables/" + table + "?uploads" + part(partition), null,
                List.of());
        assertThat(r.status()).isEqualTo(201);
        JsonNode session = json(r);
        assertThat(session.get("Status").asText()).isEqualTo("NORMAL");
        return session.get("UploadID").asText();
    }

    private String createDownload(String table, @Nullable String partition, long expectedCount) throws IOException {
        RawHttp.Response r = send("POST", "/projects/p1/tables/" + table + "?downloads" + part(partition), null,
                List.of());
        assertThat(r.status()).isEqualTo(201);
        JsonNode session = json(r);
        assertThat(session.get("Status").asText()).isEqualTo("NORMAL");
        assertThat(session.get("RecordCount").asLong()).isEqualTo(expectedCount);
        return session.get("DownloadID").asText();
    }

    private JsonNode commit(String table, @Nullable String partition, String upload) throws IOException {
        RawHttp.Response r = send("POST", "/projects/p1/tables/" + table + "?uploadid=" + upload + part(partition),
                new byte[0], List.of());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return json(r);
    }

    private RawHttp.Response put(String table, @Nullable String partition, String upload, String block, byte[] body,
                                 @Nullable String encoding) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", "application/octet-stream"));
        if (encoding != null) {
            headers.add(Map.entry("Content-Encoding", encoding));
        }
        return send("PUT", "/projects/p1/tables/" + table + "?uploadid=" + upload + "&blockid=" + block
                + part(partition), body, headers);
    }

    private RawHttp.Response read(String table, @Nullable String partition, String download, String range,
                                  @Nullable String columns, List<Map.Entry<String, String>> headers)
            throws IOException {
        return send("GET", "/projects/p1/tables/" + table + "?data&downloadid=" + download + "&rowrange="
                + WireCodec.encodeQuery(range) + (columns == null ? "" : "&columns=" + WireCodec.encodeQuery(columns))
                + part(partition), null, headers);
    }

    private RawHttp.Response send(String method, String target, byte @Nullable [] body,
                                  List<Map.Entry<String, String>> headers) throws IOException {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        all.add(Map.entry("x-odps-tunnel-version", "6"));
        return RawHttp.send(server.port(), method, target, all, body);
    }

    private static String part(@Nullable String partition) {
        return partition == null ? "" : "&partition=" + WireCodec.encodeQuery(partition);
    }

    private static JsonNode json(RawHttp.Response r) throws IOException {
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        return JSON.readTree(r.body());
    }

    private static void assertError(RawHttp.Response r, int status, String code) throws IOException {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.get("Code").asText()).as(r.text()).isEqualTo(code);
        assertThat(body.get("Message").asText()).isNotBlank();
        assertThat(body.get("RequestId").asText()).isEqualTo(r.header("x-odps-request-id"));
    }

    private static byte[] vector(String name) throws IOException {
        try (InputStream in = TunnelWireTest.class.getResourceAsStream("/protocol/vectors/tunnel/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] stream(List<Column> columns, List<List<@Nullable Object>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordStreamEncoder encoder = new RecordStreamEncoder(out, columns)) {
            for (List<@Nullable Object> row : rows) {
                encoder.write(row);
            }
        }
        return out.toByteArray();
    }
}
