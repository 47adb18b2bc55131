package org.odpsexplorer.emulator.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.emulator.store.Database;
import org.odpsexplorer.emulator.table.TableStoreException.Reason;
import org.odpsexplorer.emulator.table.TunnelStore.DownloadSession;
import org.odpsexplorer.emulator.table.TunnelStore.UploadSession;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.MalformedStreamException;
import org.odpsexplorer.wire.tunnel.RecordStreamDecoder;
import org.odpsexplorer.wire.tunnel.RecordStreamEncoder;
import org.odpsexplorer.wire.tunnel.TableSchema;

/** Table storage on a real SQLite database and real files: metadata rules, ranged reads, file lifecycle. */
class TableStorageTest {
    static final List<Column> COLUMNS = List.of(Column.of("id", "bigint"), Column.of("s", "string"));

    @TempDir
    Path dir;
    Database db;
    TableStore tables;
    TunnelStore tunnel;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("emulator.db"));
        tables = new TableStore(db, dir.resolve("tables"), Clock.systemUTC());
        tunnel = new TunnelStore(tables);
        tables.createTable("p", "T", new TableSchema(COLUMNS, List.of(Column.of("pt", "string"))), "", -1, "o",
                false);
        tables.addPartitions("p", "t", List.of(List.of(Map.entry("PT", "a"))), false);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void namesAreCaseInsensitiveAndDuplicatesAreRejected() {
        assertThat(tables.findTable("p", "t")).get().extracting(TableInfo::name).isEqualTo("T");
        assertThatThrownBy(() -> tables.createTable("p", "t", new TableSchema(COLUMNS, List.of()), "", -1, "o", false))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.TABLE_EXISTS));
        assertThat(tables.createTable("p", "t", new TableSchema(COLUMNS, List.of()), "", -1, "o", true).schema()
                .isPartitioned()).isTrue();
        assertThatThrownBy(() -> tables.addPartitions("p", "t", List.of(List.of(Map.entry("pt", "a"))), false))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.PARTITION_EXISTS));
        assertThatThrownBy(() -> tables.addPartitions("p", "t", List.of(List.of(Map.entry("x", "a"))), false))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.INVALID_PARTITION_SPEC));
        // all or nothing: the second spec exists, so the first is not added either
        assertThatThrownBy(() -> tables.addPartitions("p", "t", List.of(List.of(Map.entry("pt", "b")),
                List.of(Map.entry("pt", "a"))), false)).isInstanceOf(TableStoreException.class);
        assertThat(tables.listPartitions(table())).hasSize(1);
        TableInfo t = table();
        assertThat(tables.resolveDataSet(t, "pt=a").spec().values()).containsExactly("a");
        assertThat(tables.resolveDataSet(t, "pt='a'").id()).isEqualTo(tables.resolveDataSet(t, "PT = \"a\"").id());
    }

    @Test
    void readsAtAnyOffsetOfAMillionRowPartitionReturnExactlyThoseRows() throws IOException {
        PartitionInfo p = tables.resolveDataSet(table(), "pt=a");
        UploadSession up = tunnel.createUpload(table(), p, false);
        long id = 0;
        for (int block = 0; block < 4; block++) {
            Path stream = dir.resolve("block" + block);
            try (OutputStream out = Files.newOutputStream(stream);
                 RecordStreamEncoder encoder = new RecordStreamEncoder(new BufferedOutputStream(out),
                         COLUMNS)) {
                for (int i = 0; i < 250_000; i++, id++) {
                    encoder.write(Arrays.asList(id, id % 10 == 0 ? null : "v" + id));
                }
            }
            try (InputStream in = Files.newInputStream(stream)) {
                tunnel.putBlock(up, block, in);
            }
            Files.delete(stream);
        }
        tunnel.commit(up);
        DownloadSession down = tunnel.createDownload(table(), p);
        assertThat(down.recordCount()).isEqualTo(1_000_000);
        for (long start : new long[] {0, 1023, 1024, 249_999, 900_000, 999_000}) {
            assertRange(down, start, 1000);
        }
        assertRange(down, 999_999, 1);
        assertRange(down, 500_000, 0);
    }

    @Test
    void aRejectedBlockLeavesNoFileBehind() throws IOException {
        PartitionInfo p = tables.resolveDataSet(table(), "pt=a");
        UploadSession up = tunnel.createUpload(table(), p, false);
        byte[] good = stream(List.of(Arrays.asList(1L, "x")));
        byte[] bad = Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> tunnel.putBlock(up, 0, new ByteArrayInputStream(bad)))
                .isInstanceOf(MalformedStreamException.class);
        assertThat(files("segments")).isEmpty();
        assertThat(files("tmp")).isEmpty();
        tunnel.putBlock(up, 0, new ByteArrayInputStream(good));
        tunnel.putBlock(up, 0, new ByteArrayInputStream(good)); // replaces block 0: the first file goes away
        assertThat(files("segments")).hasSize(2); // one .dat + one .idx
    }

    @Test
    void droppingDataDeletesItsFilesAndTheStartupSweepRemovesOrphans() throws IOException {
        PartitionInfo p = tables.resolveDataSet(table(), "pt=a");
        UploadSession up = tunnel.createUpload(table(), p, false);
        tunnel.putBlock(up, 0, new ByteArrayInputStream(stream(List.of(Arrays.asList(1L, "x")))));
        tunnel.commit(up);
        UploadSession pending = tunnel.createUpload(table(), p, false);
        tunnel.putBlock(pending, 0, new ByteArrayInputStream(stream(List.of(Arrays.asList(2L, "y")))));
        assertThat(files("segments")).hasSize(4);

        // leftovers of a crash: a half-written tmp file and a renamed segment whose database row never committed
        Files.write(dir.resolve("tables/tmp/deadbeef.dat"), new byte[] {1, 2});
        Files.write(dir.resolve("tables/segments/cafebabe.dat"), new byte[] {1, 2});
        Files.write(dir.resolve("tables/segments/cafebabe.idx"), new byte[] {1, 2});
        tables.sweepOrphans();
        assertThat(files("segments")).hasSize(4);
        assertThat(files("tmp")).isEmpty();

        tables.dropPartitions("p", "t", List.of(List.of(Map.entry("pt", "a"))), false);
        assertThat(files("segments")).isEmpty();
        assertThatThrownBy(() -> tunnel.commit(pending)).isInstanceOfSatisfying(TableStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_UPLOAD));
    }

    private void assertRange(DownloadSession down, long start, long count) throws IOException {
        RowRead read = tunnel.read(down, start, count);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        read.writeStream(out);
        assertThat((long) out.size()).isEqualTo(read.streamLength());
        try (RecordStreamDecoder decoder = new RecordStreamDecoder(new ByteArrayInputStream(out.toByteArray()),
                COLUMNS)) {
            for (long i = start; i < start + count; i++) {
                List<@Nullable Object> row = decoder.read();
                assertThat(row).as("row %d", i).isNotNull();
                assertThat(row.get(0)).isEqualTo(i);
                assertThat(row.get(1) == null ? null : row.get(1).toString()).isEqualTo(i % 10 == 0 ? null : "v" + i);
            }
            assertThat(decoder.read()).isNull();
        }
    }

    private TableInfo table() {
        return tables.findTable("p", "t").orElseThrow();
    }

    private List<Path> files(String sub) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("tables").resolve(sub))) {
            return s.toList();
        }
    }

    private static byte[] stream(List<List<@Nullable Object>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordStreamEncoder encoder = new RecordStreamEncoder(out, COLUMNS)) {
            for (List<@Nullable Object> row : rows) {
                encoder.write(row);
            }
        }
        return out.toByteArray();
    }
}
