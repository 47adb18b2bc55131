package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.wire.WireCodec;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.RecordStreamEncoder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Table and partition metadata documents of {@code protocol/rest.md} §8 at the byte level, including paging. */
class TableMetadataWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    EmulatorServer server;

    @BeforeEach
    void start() throws IOException {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project("p1").acceptAll(true)
                .build());
        sql("CREATE TABLE `Events` (id BIGINT NOT NULL COMMENT 'key', tags ARRAY<STRING>, amount DECIMAL(10,2))"
                + " COMMENT 'all events' PARTITIONED BY (ds STRING, hr STRING) LIFECYCLE 30");
        sql("ALTER TABLE events ADD PARTITION (ds='20240101', hr='01') PARTITION (ds='20240101', hr='02')");
        sql("ALTER TABLE events ADD PARTITION (hr='00', ds='20240102')");
        sql("CREATE TABLE aa (x INT)");
        sql("CREATE TABLE ab (x INT)");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void tableDocumentCarriesTheSchemaJsonOfTheSpec() throws Exception {
        Document doc = xml(get("/api/projects/p1/tables/EVENTS?extended"));
        Element table = doc.getDocumentElement();
        assertThat(table.getTagName()).isEqualTo("Table");
        assertThat(text(table, "Name")).isEqualTo("Events");
        assertThat(text(table, "Type")).isEqualTo("MANAGED_TABLE");
        assertThat(text(table, "TableId")).matches("[0-9a-f]{32}");
        JsonNode schema = JSON.readTree(text(table, "Schema"));
        assertThat(schema.get("columns").toString()).isEqualTo("[{\"name\":\"id\",\"type\":\"bigint\",\"comment\":"
                + "\"key\",\"isNullable\":false},{\"name\":\"tags\",\"type\":\"array<string>\",\"comment\":\"\","
                + "\"isNullable\":true},{\"name\":\"amount\",\"type\":\"decimal(10,2)\",\"comment\":\"\","
                + "\"isNullable\":true}]");
        assertThat(schema.get("partitionKeys").findValuesAsText("name")).containsExactly("ds", "hr");
        assertThat(schema.get("lifecycle").asLong()).isEqualTo(30);
        assertThat(schema.get("comment").asText()).isEqualTo("all events");
        assertThat(schema.get("Reserved").isTextual()).isTrue();
        assertThat(schema.get("createTime").asLong()).isBetween(1_700_000_000L, 4_000_000_000L);
        assertThat(get("/api/projects/p1/tables/nope").status()).isEqualTo(404);
    }

    @Test
    void tableListPagesWithMarkersAndFiltersByPrefix() throws Exception {
        List<String> names = new ArrayList<>();
        String marker = "";
        do {
            Document page = xml(get("/api/projects/p1/tables?expectmarker=true&maxitems=2"
                    + (marker.isEmpty() ? "" : "&marker=" + marker)));
            NodeList tables = page.getElementsByTagName("Table");
            for (int i = 0; i < tables.getLength(); i++) {
                names.add(text((Element) tables.item(i), "Name"));
            }
            marker = text(page.getDocumentElement(), "Marker");
        } while (!marker.isEmpty());
        assertThat(names).containsExactly("aa", "ab", "Events");
        Document prefixed = xml(get("/api/projects/p1/tables?expectmarker=true&name=A"));
        assertThat(prefixed.getElementsByTagName("Table").getLength()).isEqualTo(2);
        assertThat(text(prefixed.getDocumentElement(), "Marker")).isEmpty();
    }

    @Test
    void partitionsListInBothFormsAndCarryRecordCounts() throws Exception {
        Document all = xml(get("/api/projects/p1/tables/events?partitions&expectmarker=true"));
        NodeList items = all.getElementsByTagName("Partition");
        assertThat(items.getLength()).isEqualTo(3);
        Element first = (Element) items.item(0);
        Element column = (Element) first.getElementsByTagName("Column").item(0);
        assertThat(column.getAttribute("Name")).isEqualTo("ds");
        assertThat(column.getAttribute("Value")).isEqualTo("20240101");
        assertThat(text(first, "CreationTime")).matches("\\d{10}");

        assertThat(xml(get("/api/projects/p1/tables/aa?partitions")).getElementsByTagName("Partition").getLength())
                .as("an unpartitioned table lists no partitions").isZero();
        Document names = xml(get("/api/projects/p1/tables/events?partitions&name&maxitems=2"));
        assertThat(names.getElementsByTagName("Name").item(0).getTextContent()).isEqualTo("ds='20240101',hr='01'");
        String marker = text(names.getDocumentElement(), "Marker");
        assertThat(marker).isNotEmpty();
        Document rest = xml(get("/api/projects/p1/tables/events?partitions&name&maxitems=2&marker=" + marker));
        assertThat(rest.getElementsByTagName("Name").item(0).getTextContent()).isEqualTo("ds='20240102',hr='00'");
        Document filtered = xml(get("/api/projects/p1/tables/events?partitions&partition="
                + WireCodec.encodeQuery("ds='20240101'")));
        assertThat(filtered.getElementsByTagName("Partition").getLength()).isEqualTo(2);

        upload("ds=20240101,hr=02", 3);
        Document one = xml(get("/api/projects/p1/tables/events?partition="
                + WireCodec.encodeQuery("ds='20240101',hr='02'")));
        JsonNode schema = JSON.readTree(text(one.getDocumentElement(), "Schema"));
        assertThat(schema.get("partitionRecordNum").asLong()).isEqualTo(3);
        assertThat(schema.get("partitionSize").asLong()).isPositive();
        assertThat(get("/api/projects/p1/tables/events?partition=" + WireCodec.encodeQuery("ds='x',hr='y'"))
                .status()).isEqualTo(404);
        assertThat(get("/api/projects/p1/tables/events?partition=" + WireCodec.encodeQuery("zz='x'")).status())
                .isEqualTo(400);
        JsonNode table = JSON.readTree(text(xml(get("/api/projects/p1/tables/events")).getDocumentElement(),
                "Schema"));
        assertThat(table.get("recordNum").asLong()).isEqualTo(3);
    }

    private void upload(String partition, int rows) throws IOException {
        String part = "&partition=" + WireCodec.encodeQuery(partition);
        RawHttp.Response created = RawHttp.send(server.port(), "POST", "/projects/p1/tables/events?uploads" + part,
                List.of(), new byte[0]);
        String id = JSON.readTree(created.body()).get("UploadID").asText();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordStreamEncoder encoder = new RecordStreamEncoder(out, List.of(Column.of("id", "bigint")))) {
            for (long i = 0; i < rows; i++) {
                encoder.write(List.of(i));
            }
        }
        assertThat(RawHttp.send(server.port(), "PUT", "/projects/p1/tables/events?uploadid=" + id + "&blockid=0"
                + part, List.of(), out.toByteArray()).status()).isEqualTo(200);
        assertThat(RawHttp.send(server.port(), "POST", "/projects/p1/tables/events?uploadid=" + id + part,
                List.of(), new byte[0]).status()).isEqualTo(200);
    }

    private void sql(String query) throws IOException {
        String body = "<Instance><Job><Tasks><SQL><Name>t</Name><Query><![CDATA[" + query + "]]></Query></SQL>"
                + "</Tasks></Job></Instance>";
        RawHttp.Response r = RawHttp.send(server.port(), "POST", "/api/projects/p1/instances",
                List.of(Map.entry("Content-Type", "application/xml")), body.getBytes(StandardCharsets.UTF_8));
        String location = r.header("Location");
        RawHttp.Response status = get(location.substring(location.indexOf("/api/")) + "?taskstatus");
        assertThat(status.text()).as(query).contains("<Status>Success</Status>");
    }

    private RawHttp.Response get(String target) throws IOException {
        return RawHttp.send(server.port(), "GET", target, List.of(), null);
    }

    private static Document xml(RawHttp.Response r) throws Exception {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(r.text())));
    }

    private static String text(Element parent, String child) {
        NodeList list = parent.getElementsByTagName(child);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent();
    }
}
