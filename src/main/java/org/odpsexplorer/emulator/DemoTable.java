package org.odpsexplorer.emulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.table.PartitionInfo;
import org.odpsexplorer.emulator.table.TableInfo;
import org.odpsexplorer.emulator.table.TableStore;
import org.odpsexplorer.emulator.table.TunnelStore;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.RecordStreamEncoder;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * The demo table {@code sales (id bigint, name string, amount decimal(18,2), created datetime, ok boolean)
 * partitioned by (pt string)} with three partitions of different sizes, all rows generated deterministically:
 * <ul>
 *   <li>{@code pt=20240101}: the two rows of the PyODPS table-resource example, {@code (0,'aaaa')} and
 *   {@code (1,'bbbbb')}, with the other columns filled (the second row's amount is NULL);</li>
 *   <li>{@code pt=20240102}: {@value #BIG_ROWS} rows, see {@link #bigRow(long)};</li>
 *   <li>{@code pt=20240103}: {@value #SMALL_ROWS} rows, one with a name that is not UTF-8 and one with NULL name.</li>
 * </ul>
 * Rows are written through the tunnel store (one upload session per partition), so they are stored exactly as an
 * uploaded block would be. A partition that already has rows is left alone.
 */
final class DemoTable {
    static final String NAME = "sales";
    static final String FIRST_DAY = "20240101";
    static final String BIG_DAY = "20240102";
    static final String SMALL_DAY = "20240103";
    static final int BIG_ROWS = 100_000;
    static final int SMALL_ROWS = 300;
    static final TableSchema SCHEMA = new TableSchema(List.of(
            Column.of("id", "bigint"), Column.of("name", "string"), Column.of("amount", "decimal(18,2)"),
            Column.of("created", "datetime"), Column.of("ok", "boolean")),
            List.of(Column.of("pt", "string")));

    private static final Instant DAY_TWO = Instant.parse("2024-01-02T00:00:00Z");
    private static final Instant DAY_THREE = Instant.parse("2024-01-03T00:00:00Z");

    private DemoTable() {
    }

    static void fill(TableStore tables, TunnelStore tunnel, String project, String owner) throws IOException {
        TableInfo table = tables.createTable(project, NAME, SCHEMA, "Demo sales, one partition per day", 0, owner,
                true);
        tables.addPartitions(project, NAME, List.of(spec(FIRST_DAY), spec(BIG_DAY), spec(SMALL_DAY)), true);
        write(tables, tunnel, table, FIRST_DAY, 2, DemoTable::firstDayRow);
        write(tables, tunnel, table, BIG_DAY, BIG_ROWS, DemoTable::bigRow);
        write(tables, tunnel, table, SMALL_DAY, SMALL_ROWS, DemoTable::smallRow);
    }

    private static List<Map.Entry<String, String>> spec(String day) {
        return List.of(Map.entry("pt", day));
    }

    /** Row {@code i} (0 or 1) of {@code pt=20240101}. */
    static List<@Nullable Object> firstDayRow(long i) {
        return i == 0
                ? row(0L, OdpsString.of("aaaa"), new BigDecimal("12.50"), Instant.parse("2024-01-01T08:00:00Z"), true)
                : row(1L, OdpsString.of("bbbbb"), null, Instant.parse("2024-01-01T09:30:15Z"), false);
    }

    /**
     * Row {@code i} (0-based) of {@code pt=20240102}: id {@code i + 1} (so row number and id agree), name
     * {@code item-<id>}, amount {@code (id * 37 mod 100000) / 100}, created {@code 2024-01-02T00:00Z + id seconds},
     * ok unless id is a multiple of 3.
     */
    static List<@Nullable Object> bigRow(long i) {
        long id = i + 1;
        return row(id, OdpsString.of("item-" + id), BigDecimal.valueOf(id * 37 % 100_000, 2),
                DAY_TWO.plusSeconds(id), id % 3 != 0);
    }

    /** Row {@code i} of {@code pt=20240103}; row 7 has the name bytes {@code ff fe 41}, row 8 a NULL name. */
    static List<@Nullable Object> smallRow(long i) {
        long id = 200_000 + i;
        OdpsString name = i == 7 ? OdpsString.ofBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 'A'})
                : i == 8 ? null : OdpsString.of("order-" + id);
        return row(id, name, BigDecimal.valueOf(i * 1_001, 2), DAY_THREE.plusSeconds(i * 60), i % 2 == 0);
    }

    private static List<@Nullable Object> row(@Nullable Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    private interface RowSource {
        List<@Nullable Object> row(long index);
    }

    private static void write(TableStore tables, TunnelStore tunnel, TableInfo table, String day, long rows,
                              RowSource source) throws IOException {
        PartitionInfo partition = tables.resolveDataSet(table, "pt=" + day);
        if (partition.recordCount() > 0) {
            return;
        }
        // about 40 bytes a row: the 100,000-row block is a few MiB, fine to build in memory once
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        try (RecordStreamEncoder encoder = new RecordStreamEncoder(block, SCHEMA.columns())) {
            for (long i = 0; i < rows; i++) {
                encoder.write(source.row(i));
            }
            encoder.finish();
        }
        TunnelStore.UploadSession session = tunnel.createUpload(table, partition, false);
        tunnel.putBlock(session, 0, new ByteArrayInputStream(block.toByteArray()));
        tunnel.commit(session);
    }
}
