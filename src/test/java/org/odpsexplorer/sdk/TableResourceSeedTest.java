package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.sdk.table.Record;
import org.odpsexplorer.sdk.table.RecordReader;
import org.odpsexplorer.sdk.table.RecordWriter;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * The table-resource part of the seed document ({@code pyodps-resources.txt}) run against the emulator: create the
 * table and partitions, the resource on {@code pt=test}, write two rows with its writer, read them back with its
 * reader, then {@code update(partition='pt=test2', project_name=...)} and read the other partition.
 */
class TableResourceSeedTest {
    @TempDir
    Path tempDir;
    private TestService service;
    private Odps odps;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir.resolve("data"));
        odps = service.client();
    }

    @AfterEach
    void stop() {
        odps.close();
        service.close();
    }

    static TableSchema myTableSchema() {
        return new TableSchema(List.of(Column.of("id", "bigint"), Column.of("name", "string")),
                List.of(Column.of("pt", "string")));
    }

    private static List<Record> readAll(RecordReader reader) {
        List<Record> out = new ArrayList<>();
        for (Record r : reader) {
            out.add(r);
        }
        return out;
    }

    @Test
    void seedTableResourceExampleWritesReadsAndFollowsAnUpdate() {
        Table table = odps.createTable("my_table", myTableSchema(), false);
        table.createPartition("pt=test", false);
        table.createPartition("pt=test2", false);
        try (RecordWriter other = table.openWriter(PartitionSpec.parse("pt='test2'"))) {
            other.write(7L, "in test2");
        }

        // o.create_resource('test_table_resource', 'table', table_name='my_table', partition='pt=test')
        odps.createTableResource("test_table_resource", "my_table", "pt=test");

        TableResource resource = (TableResource) odps.getResource("test_table_resource");
        assertThat(resource.getTable().name()).isEqualTo("my_table");
        assertThat(resource.getTable().project()).isEqualTo(TestService.PROJECT);
        assertThat(resource.getPartition().getSpec().toString()).isEqualTo("pt=test");
        assertThat(resource.getPartition().recordCount()).isZero();

        // with table_resource.open_writer() as writer: writer.write([0, 'aaaa']); writer.write([1, 'bbbbb'])
        try (RecordWriter writer = resource.openWriter()) {
            writer.write(0, "aaaa");
            writer.write(List.of(1, "bbbbb"));
        }

        // with table_resource.open_reader() as reader: for rec in reader: ...
        List<Record> rows;
        try (RecordReader reader = resource.openReader()) {
            assertThat(reader.getCount()).isEqualTo(2);
            rows = readAll(reader);
        }
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get(0)).isEqualTo(0L);
        assertThat(rows.get(0).get("name")).isEqualTo(OdpsString.of("aaaa"));
        assertThat(rows.get(1).get("id")).isEqualTo(1L);
        assertThat(rows.get(1).getString(1)).isEqualTo("bbbbb");
        assertThat(rows.get(0).toString()).isEqualTo("odps.Record {\n  id      0\n  name    'aaaa'\n}");
        assertThat(resource.getPartition().recordCount()).isEqualTo(2);

        // table_resource.update(partition='pt=test2', project_name=...)
        resource.update("pt=test2", TestService.PROJECT);
        assertThat(resource.tableSource().format()).isEqualTo("p1.my_table partition(pt='test2')");
        assertThat(((TableResource) odps.getResource("test_table_resource")).getPartition().getSpec().toString())
                .isEqualTo("pt=test2");
        try (RecordReader reader = resource.openReader()) {
            List<Record> other = readAll(reader);
            assertThat(other).hasSize(1);
            assertThat(other.get(0).values()).containsExactly(7L, OdpsString.of("in test2"));
        }
    }
}
