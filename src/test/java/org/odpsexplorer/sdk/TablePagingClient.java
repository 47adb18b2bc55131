package org.odpsexplorer.sdk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.sdk.table.Record;
import org.odpsexplorer.sdk.table.RecordCursor;
import org.odpsexplorer.sdk.table.RecordReader;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.sdk.table.WriterOptions;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * Run in a separate small-heap JVM by {@link TablePagingTest}: writes {@code rows} rows of about 1 KB each into one
 * partition (far more than the heap) as blocks of 25,000 rows, then pages through it with {@code read(start, count)} at fixed offsets and
 * streams it completely, checking every value. Prints one line per check and the peak heap; exits non-zero on a
 * mismatch. Arguments: endpoint, rows, spool directory.
 */
public final class TablePagingClient {
    static final int PAYLOAD = 1000;

    private TablePagingClient() {
    }

    /** The deterministic payload of row {@code id}. */
    static OdpsString payload(long id) {
        byte[] b = new byte[PAYLOAD];
        Arrays.fill(b, (byte) ('a' + (id % 26)));
        byte[] digits = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, b, 0, digits.length);
        return OdpsString.ofBytes(b);
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        long rows = Long.parseLong(args[1]);
        Path spool = Path.of(args[2]);
        try (Odps odps = Odps.builder().endpoint(endpoint).project(TestService.PROJECT)
                .accessKey(TestService.ACCESS_ID, TestService.SECRET).tempDirectory(spool).build()) {
            Table table = odps.createTable("big", new TableSchema(List.of(Column.of("id", "bigint"),
                    Column.of("payload", "string")), List.of(Column.of("pt", "string"))), false);
            PartitionSpec pt = PartitionSpec.parse("pt=big");
            table.createPartition(pt, false);
            long written = table.write(pt, WriterOptions.defaults().withBlockRows(25_000), writer -> {
                for (long id = 0; id < rows; id++) {
                    writer.write(id, payload(id));
                }
            });
            System.out.println("written " + written + " partitionCount " + table.getPartition(pt).recordCount());

            try (RecordReader reader = table.openReader(pt)) {
                for (long start : new long[] {rows / 2, 0, rows - 100, 24_950, rows / 3 + 7}) {
                    long expected = start;
                    try (RecordCursor page = reader.read(start, 100)) {
                        for (Record r : page) {
                            check(r, expected++);
                        }
                    }
                    if (expected != start + 100) {
                        throw new AssertionError("page at " + start + " had " + (expected - start) + " rows");
                    }
                    System.out.println("page " + start + " ok");
                }
                long expected = 0;
                for (Record r : reader) {
                    check(r, expected++);
                }
                System.out.println("streamed " + expected);
            }
        }
        SmallHeapJvm.printPeakHeap();
    }

    private static void check(Record r, long id) {
        if (!Long.valueOf(id).equals(r.get("id")) || !payload(id).equals(r.get("payload"))) {
            throw new AssertionError("row " + id + " read as id " + r.get("id"));
        }
    }
}
