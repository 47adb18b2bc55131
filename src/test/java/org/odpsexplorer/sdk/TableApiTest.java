package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ObjectAlreadyExistsException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.sdk.table.Record;
import org.odpsexplorer.sdk.table.RecordCursor;
import org.odpsexplorer.sdk.table.RecordReader;
import org.odpsexplorer.sdk.table.RecordWriter;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.sdk.table.WriterOptions;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * Table API behaviour against the emulator: typed errors from DDL tasks and tunnel JSON errors (code, message, request
 * id), listing with prefix, writer semantics (several blocks, append, overwrite, abort and failure leave nothing
 * visible, values checked before they are spooled), a configured tunnel endpoint, spool files cleaned up.
 */
class TableApiTest {
    @TempDir
    Path tempDir;
    private TestService service;
    private Odps odps;
    private Path spool;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir.resolve("data"));
        spool = Files.createDirectories(tempDir.resolve("spool"));
        odps = service.builder().tempDirectory(spool).build();
    }

    @AfterEach
    void stop() {
        odps.close();
        service.close();
    }

    private Table myTable() {
        Table t = odps.createTable("my_table", TableResourceSeedTest.myTableSchema(), false);
        t.createPartition("pt=a", false);
        return t;
    }

    private static List<Long> ids(RecordReader reader) {
        List<Long> out = new ArrayList<>();
        for (Record r : reader) {
            out.add((Long) r.get("id"));
        }
        return out;
    }

    private long spoolFiles() throws Exception {
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    @Test
    void ddlFailuresAreTypedWithTheTaskResultCode() {
        Table t = myTable();
        assertThatThrownBy(() -> odps.createTable("my_table", TableResourceSeedTest.myTableSchema(), false))
                .isInstanceOfSatisfying(ObjectAlreadyExistsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ODPS-0110061");
                    assertThat(e.serverMessage()).contains("already exists");
                });
        assertThatThrownBy(() -> t.createPartition("pt=a", false)).isInstanceOf(ObjectAlreadyExistsException.class);
        t.createPartition("pt='a'", true);
        assertThatThrownBy(() -> t.dropPartition("pt=zz", false)).isInstanceOf(NoSuchObjectException.class);
        t.dropPartition("pt=zz", true);
        assertThatThrownBy(() -> odps.dropTable("nope", false))
                .isInstanceOfSatisfying(NoSuchObjectException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ODPS-0130131"));
        odps.dropTable("nope", true);
        assertThatThrownBy(() -> t.createPartition("wrong_key=1", false)).isInstanceOfSatisfying(OdpsException.class,
                e -> assertThat(e.errorCode()).startsWith("ODPS-"));
    }

    @Test
    void missingTablesAndPartitionsAreNoSuchObjectWithTheServersCode() {
        Table t = myTable();
        assertThatThrownBy(() -> odps.getTable("nope").getSchema()).isInstanceOf(NoSuchObjectException.class);
        assertThat(odps.existTable("nope")).isFalse();
        assertThat(odps.existTable("my_table")).isTrue();
        assertThat(t.existsPartition(PartitionSpec.parse("pt=zz"))).isFalse();
        assertThatThrownBy(() -> t.getPartition("pt=zz")).isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> t.openReader(PartitionSpec.parse("pt=zz")))
                .isInstanceOfSatisfying(NoSuchObjectException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("NoSuchPartition");
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.call()).contains("downloads").contains("partition=pt=zz");
                });
        assertThatThrownBy(() -> odps.getTable("nope").openWriter(PartitionSpec.parse("pt=a")))
                .isInstanceOfSatisfying(NoSuchObjectException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("NoSuchTable"));
        assertThatThrownBy(() -> t.openReader()).isInstanceOfSatisfying(OdpsException.class,
                e -> assertThat(e.errorCode()).isEqualTo("MissingPartitionSpec"));
    }

    @Test
    void listsTablesByPrefixLazily() {
        TableSchema schema = new TableSchema(List.of(Column.of("v", "double")), List.of());
        for (String name : List.of("sales_2024", "sales_2025", "users")) {
            odps.createTable(name, schema, false);
        }
        List<String> all = new ArrayList<>();
        odps.listTables().forEach(t -> all.add(t.name()));
        assertThat(all).containsExactly("sales_2024", "sales_2025", "users");
        List<String> sales = new ArrayList<>();
        for (Table t : odps.listTables("sales_")) {
            sales.add(t.name());
            assertThat(t.getSchema().columns()).extracting(Column::name).containsExactly("v");
        }
        assertThat(sales).containsExactly("sales_2024", "sales_2025");
    }

    @Test
    void writerSendsSeveralBlocksAndCommitsOnlyOnClose() throws Exception {
        Table t = myTable();
        PartitionSpec a = PartitionSpec.parse("pt=a");
        try (RecordWriter writer = t.openWriter(a, WriterOptions.defaults().withBlockRows(3))) {
            for (long i = 0; i < 10; i++) {
                writer.write(i, "row " + i);
            }
            assertThat(spoolFiles()).isEqualTo(1);
            try (RecordReader before = t.openReader(a)) {
                assertThat(before.getCount()).isZero(); // 3 blocks are stored, none committed
            }
        }
        assertThat(spoolFiles()).isZero();
        try (RecordReader reader = t.openReader(a)) {
            assertThat(ids(reader)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        }
        try (RecordWriter writer = t.openWriter(a)) {
            writer.write(10L, "appended");
        }
        assertThat(t.getPartition(a).recordCount()).isEqualTo(11);
        try (RecordWriter writer = t.openWriter(a, WriterOptions.defaults().withOverwrite(true))) {
            writer.write(99L, "only");
        }
        try (RecordReader reader = t.openReader(a)) {
            assertThat(ids(reader)).containsExactly(99L);
        }
    }

    @Test
    void aReadRunningPastTheEndStopsAtTheLastRowLikeAPythonSlice() throws Exception {
        Table t = myTable();
        PartitionSpec a = PartitionSpec.parse("pt=a");
        try (RecordWriter writer = t.openWriter(a)) {
            for (long i = 0; i < 5; i++) {
                writer.write(i, "row " + i);
            }
        }
        try (RecordReader reader = t.openReader(a)) {
            List<Long> tail = new ArrayList<>();
            try (RecordCursor cursor = reader.read(3, 100)) {
                cursor.forEachRemaining(r -> tail.add((Long) r.get(0)));
            }
            assertThat(tail).containsExactly(3L, 4L);
            try (RecordCursor empty = reader.read(5, 10)) {
                assertThat(empty.hasNext()).isFalse();
            }
            assertThatThrownBy(() -> reader.read(6, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> reader.read(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void abortAndFailuresLeaveNothingVisible() throws Exception {
        Table t = myTable();
        PartitionSpec a = PartitionSpec.parse("pt=a");
        RecordWriter aborted = t.openWriter(a, WriterOptions.defaults().withBlockRows(2));
        for (long i = 0; i < 5; i++) {
            aborted.write(i, "x");
        }
        aborted.abort();
        aborted.close(); // no commit after abort
        assertThatThrownBy(() -> aborted.write(1L, "late")).isInstanceOf(IllegalStateException.class);

        assertThatThrownBy(() -> t.write(a, WriterOptions.defaults().withBlockRows(2), writer -> {
            writer.write(1L, "one");
            writer.write(2L, "two");
            writer.write(3L, "three");
            throw new IOException("source broke");
        })).isInstanceOfSatisfying(OdpsException.class, e -> assertThat(e.errorCode()).isEqualTo("RowSourceFailed"));
        assertThat(t.getPartition(a).recordCount()).isZero();

        // a value outside its column is rejected before it is spooled; the writer stays usable
        try (RecordWriter writer = t.openWriter(a)) {
            assertThatThrownBy(() -> writer.write("not a number", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.write(1L, "x", "extra")).isInstanceOf(IllegalArgumentException.class);
            writer.write(1L, null);
        }
        try (RecordReader reader = t.openReader(a)) {
            assertThat(reader.readPage(0, 1)).extracting(Record::values).containsExactly(Arrays.asList(1L, null));
        }
        assertThat(t.write(a, WriterOptions.defaults(), writer -> writer.write(2L, "b"))).isEqualTo(1);
        assertThat(t.getPartition(a).recordCount()).isEqualTo(2);
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void aFailedBlockUploadAbortsTheWriterAndCommitsNothing() throws Exception {
        Table t = myTable();
        PartitionSpec a = PartitionSpec.parse("pt=a");
        RecordWriter writer = t.openWriter(a, WriterOptions.defaults().withBlockRows(2));
        writer.write(1L, "one");
        writer.write(2L, "two"); // block 0 is sent here
        service.faults().failNext("PUT", "/projects/p1/tables/my_table", 400, 1);
        writer.write(3L, "three");
        assertThatThrownBy(() -> writer.write(4L, "four")).isInstanceOfSatisfying(OdpsException.class,
                e -> assertThat(e.status()).isEqualTo(400)); // block 1 rejected
        writer.close(); // after the failure: no commit
        assertThatThrownBy(() -> writer.write(5L, "five")).isInstanceOf(IllegalStateException.class);
        assertThat(t.getPartition(a).recordCount()).isZero();
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void configuredTunnelEndpointSkipsDiscovery() {
        myTable();
        URI api = URI.create(service.url());
        service.faults().failNext("GET", "/projects/p1/tunnel", 500, 100); // discovery would fail
        try (Odps direct = service.builder().tunnelEndpoint(api.getHost() + ":" + api.getPort()).build()) {
            Table t = direct.getTable("my_table");
            try (RecordWriter writer = t.openWriter(PartitionSpec.parse("pt=a"))) {
                writer.write(3L, "direct");
            }
            try (RecordReader reader = t.openReader(PartitionSpec.parse("pt=a"))) {
                assertThat(reader.readPage(0, 1).get(0).get("name")).isEqualTo(OdpsString.of("direct"));
            }
        }
        service.faults().clear();
    }

    @Test
    void aReadBrokenMidBodyResumesFromTheNextUndeliveredRow() throws Exception {
        Table t = myTable();
        PartitionSpec a = PartitionSpec.parse("pt=a");
        t.write(a, WriterOptions.defaults(), writer -> {
            for (long i = 0; i < 20_000; i++) {
                writer.write(i, "row number " + i);
            }
        });
        URI api = URI.create(service.url());
        // the first two data reads are cut after 100 KB of the response: the cursor reopens from where it stopped
        try (CuttingProxy proxy = new CuttingProxy(api.getPort(), "rowrange=", 100_000, 2);
             Odps viaProxy = service.builder().tunnelEndpoint("127.0.0.1:" + proxy.port()).build();
             RecordReader reader = viaProxy.getTable("my_table").openReader(a)) {
            long expected = 0;
            for (Record r : reader) {
                assertThat(r.get("id")).isEqualTo(expected);
                assertThat(r.getString("name")).isEqualTo("row number " + expected);
                expected++;
            }
            assertThat(expected).isEqualTo(20_000);
            assertThat(proxy.cuts()).isEqualTo(2);
        }
    }

    @Test
    void readerRangesAreCheckedAndCursorsCanStopEarly() {
        Table t = myTable();
        PartitionSpec a = PartitionSpec.parse("pt=a");
        t.write(a, WriterOptions.defaults(), writer -> {
            for (long i = 0; i < 50; i++) {
                writer.write(i, "r");
            }
        });
        try (RecordReader reader = t.openReader(a)) {
            assertThat(reader.readPage(45, 6)).extracting(r -> r.get(0)).containsExactly(45L, 46L, 47L, 48L, 49L);
            assertThatThrownBy(() -> reader.read(51, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> reader.read(-1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(reader.readPage(50, 0)).isEmpty();
            var cursor = reader.read(10, 30);
            assertThat(cursor.next().get("id")).isEqualTo(10L);
            assertThat(cursor.next().get("id")).isEqualTo(11L);
            cursor.close(); // stops early, connection released
            assertThat(cursor.hasNext()).isFalse();
            assertThat(reader.readPage(48, 2)).extracting(r -> r.get(0)).containsExactly(48L, 49L);
        }
    }
}
