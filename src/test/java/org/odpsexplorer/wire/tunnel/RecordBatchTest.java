package org.odpsexplorer.wire.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odpsexplorer.wire.tunnel.RecordStreamGoldenTest.decodeAll;
import static org.odpsexplorer.wire.tunnel.RecordStreamGoldenTest.encode;
import static org.odpsexplorer.wire.tunnel.RecordStreamRoundTripTest.ALL_TYPES;
import static org.odpsexplorer.wire.tunnel.RecordStreamRoundTripTest.fullRow;

import com.aliyun.odps.TableSchema;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamReader;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamWriter;
import com.aliyun.odps.data.ArrayRecord;
import com.aliyun.odps.tunnel.io.CompressOption;
import com.aliyun.odps.type.TypeInfoFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.odpsexplorer.wire.tunnel.MalformedStreamException.Reason;

/**
 * The columnar path: {@link RecordStreamEncoder#write(RecordBatch)} writes the same bytes as the record path and as
 * the official SDK's writer, {@link RecordStreamDecoder#readBatch} returns the values the record path returns (fast
 * path and its fall-backs alike), and bad values or bytes are reported as on the record path.
 */
class RecordBatchTest {
    private static final List<Column> SIX = List.of(Column.of("id", "bigint"), Column.of("score", "double"),
            Column.of("name", "string"), Column.of("ts", "datetime"), Column.of("amount", "decimal(38,18)"),
            Column.of("ok", "boolean"));
    private static final CompressOption RAW = new CompressOption(CompressOption.CompressAlgorithm.ODPS_RAW, 0, 0);

    private static List<List<@Nullable Object>> allTypeRows() {
        List<List<@Nullable Object>> rows = new ArrayList<>();
        for (long seed : new long[] {1, 126, 50, 77}) {
            rows.add(fullRow(seed));
        }
        rows.add(Arrays.asList(new Object[ALL_TYPES.size()])); // all NULL
        List<@Nullable Object> sparse = new ArrayList<>(fullRow(5));
        for (int i = 0; i < sparse.size(); i += 2) {
            sparse.set(i, null);
        }
        rows.add(sparse);
        return rows;
    }

    private static byte[] encodeBatches(List<Column> columns, List<List<@Nullable Object>> rows, int capacity)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordStreamEncoder encoder = new RecordStreamEncoder(out, columns)) {
            RecordBatch batch = new RecordBatch(columns, capacity);
            for (List<@Nullable Object> row : rows) {
                if (batch.isFull()) {
                    encoder.write(batch);
                    batch.clear();
                }
                batch.addRow(row);
            }
            encoder.write(batch);
        }
        return out.toByteArray();
    }

    private static List<List<@Nullable Object>> decodeBatches(InputStream in, List<Column> columns, int capacity)
            throws IOException {
        List<List<@Nullable Object>> out = new ArrayList<>();
        try (RecordStreamDecoder decoder = new RecordStreamDecoder(in, columns)) {
            RecordBatch batch = new RecordBatch(columns, capacity);
            while (decoder.readBatch(batch) > 0) {
                for (int i = 0; i < batch.size(); i++) {
                    out.add(batch.row(i));
                }
                batch.clear();
            }
            assertThat(decoder.isFinished()).isTrue();
            assertThat(decoder.recordCount()).isEqualTo(out.size());
        }
        return out;
    }

    @Test
    void everyTypeAndNullWritesTheRecordPathsBytesAndReadsBackItsValues() throws IOException {
        List<List<@Nullable Object>> rows = allTypeRows();
        byte[] viaRecords = encode(ALL_TYPES, rows, false);
        for (int capacity : new int[] {1, 4, 100}) {
            assertThat(encodeBatches(ALL_TYPES, rows, capacity)).as("capacity " + capacity).isEqualTo(viaRecords);
            assertThat(decodeBatches(new ByteArrayInputStream(viaRecords), ALL_TYPES, capacity))
                    .isEqualTo(decodeAll(viaRecords, ALL_TYPES));
        }
    }

    /** Random rows of the benchmark's schema, with NULLs, non-ASCII and long strings, decimals of every size. */
    private static List<List<@Nullable Object>> randomRows(int n, long seed) {
        Random random = new Random(seed);
        List<List<@Nullable Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = switch (i % 5) {
                case 0 -> "";
                case 1 -> "é€😀" + i;
                case 2 -> "x".repeat(random.nextInt(300));
                default -> "user-" + Long.toHexString(random.nextLong());
            };
            BigDecimal amount = switch (i % 6) {
                case 0 -> BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(19));
                case 1 -> new BigDecimal("12345678901234567890.123456789012345678"); // 38 digits: general path
                case 2 -> BigDecimal.valueOf(-5, 2); // -0.05
                case 3 -> BigDecimal.ZERO.setScale(random.nextInt(19));
                case 4 -> new BigDecimal("-99999999999999999999.999999999999999999");
                default -> BigDecimal.valueOf(random.nextInt(10_000_000), 2);
            };
            if (amount.precision() - amount.scale() > 20) {
                amount = amount.movePointLeft(amount.precision() - amount.scale() - 20);
            }
            Object[] values = {random.nextLong() >> random.nextInt(64), random.nextDouble() * 1e6 - 5e5, name,
                Instant.ofEpochMilli(-62_135_596_800_000L + (random.nextLong() & 0x3FFF_FFFF_FFFFL)), amount,
                random.nextBoolean()};
            if (i % 7 == 3) {
                values[random.nextInt(6)] = null;
            }
            if (i % 29 == 0) {
                Arrays.fill(values, null);
            }
            rows.add(Arrays.asList(values));
        }
        return rows;
    }

    @Test
    void batchPathMatchesTheOfficialWriterByteForByteAndTheOfficialReaderReadsIt() throws IOException {
        List<List<@Nullable Object>> rows = randomRows(5_000, 17);
        byte[] ours = encodeBatches(SIX, rows, 512);

        TableSchema schema = new TableSchema();
        schema.addColumn(new com.aliyun.odps.Column("id", TypeInfoFactory.BIGINT));
        schema.addColumn(new com.aliyun.odps.Column("score", TypeInfoFactory.DOUBLE));
        schema.addColumn(new com.aliyun.odps.Column("name", TypeInfoFactory.STRING));
        schema.addColumn(new com.aliyun.odps.Column("ts", TypeInfoFactory.DATETIME));
        schema.addColumn(new com.aliyun.odps.Column("amount", TypeInfoFactory.getDecimalTypeInfo(38, 18)));
        schema.addColumn(new com.aliyun.odps.Column("ok", TypeInfoFactory.BOOLEAN));
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        ProtobufRecordStreamWriter writer = new ProtobufRecordStreamWriter(schema, theirs, RAW);
        for (List<@Nullable Object> row : rows) {
            ArrayRecord r = new ArrayRecord(schema);
            r.setBigint(0, (Long) row.get(0));
            r.setDouble(1, (Double) row.get(1));
            r.setString(2, (String) row.get(2));
            r.setDatetime(3, row.get(3) == null ? null : Date.from((Instant) row.get(3)));
            r.setDecimal(4, (BigDecimal) row.get(4));
            r.setBoolean(5, (Boolean) row.get(5));
            writer.write(r);
        }
        writer.close();
        assertThat(ours).isEqualTo(theirs.toByteArray());

        ProtobufRecordStreamReader reader = new ProtobufRecordStreamReader(schema, new ByteArrayInputStream(ours),
                RAW);
        int i = 0;
        for (com.aliyun.odps.data.Record r; (r = reader.read()) != null; i++) {
            List<@Nullable Object> row = rows.get(i);
            assertThat(r.getBigint(0)).isEqualTo(row.get(0));
            assertThat(r.getString(2)).isEqualTo(row.get(2));
            assertThat(r.getDecimal(4)).isEqualTo(row.get(4));
        }
        assertThat(i).isEqualTo(rows.size());

        // and our batch reader returns exactly what our record reader returns, also when the input arrives in
        // small pieces (the fast path then falls back to the general one at every buffer end)
        List<List<@Nullable Object>> expected = decodeAll(ours, SIX);
        assertThat(decodeBatches(new ByteArrayInputStream(ours), SIX, 300)).isEqualTo(expected);
        assertThat(decodeBatches(new Trickle(new ByteArrayInputStream(ours), 13), SIX, 64)).isEqualTo(expected);
    }

    @Test
    void typedSettersAndGettersAgreeWithTheValueObjects() throws IOException {
        RecordBatch batch = new RecordBatch(SIX, 4);
        int r = batch.addRow();
        batch.setLong(r, 0, -42);
        batch.setDouble(r, 1, 2.5);
        batch.setString(r, 2, "naïve");
        batch.setLong(r, 3, 1_700_000_000_123L);
        batch.setDecimal(r, 4, -1234, 3);
        batch.setBoolean(r, 5, true);
        int empty = batch.addRow();

        assertThat(batch.row(r)).containsExactly(-42L, 2.5, OdpsString.of("naïve"),
                Instant.ofEpochMilli(1_700_000_000_123L), new BigDecimal("-1.234"), true);
        assertThat(batch.row(empty)).containsExactly(null, null, null, null, null, null);
        assertThat(batch.getString(r, 2)).isEqualTo("naïve");
        byte[] heap = batch.bytesArray(2);
        assertThat(new String(heap, batch.bytesOffset(r, 2), batch.bytesLength(r, 2), StandardCharsets.UTF_8))
                .isEqualTo("naïve");
        assertThat(batch.isCompactDecimal(r, 4)).isTrue();
        assertThat(batch.getUnscaled(r, 4)).isEqualTo(-1234);
        assertThat(batch.getScale(r, 4)).isEqualTo(3);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordStreamEncoder encoder = new RecordStreamEncoder(out, SIX)) {
            encoder.write(batch);
        }
        assertThat(out.toByteArray()).isEqualTo(encode(SIX, List.of(batch.row(r), batch.row(empty)), false));
    }

    @Test
    void valuesOutsideTheirTypeAreRejectedWhenSetAndTheRowStaysOut() {
        List<Column> columns = List.of(Column.of("i", "int"), Column.of("d", "decimal(5,2)"),
                Column.of("v", "varchar(3)"), Column.of("t", "datetime"));
        RecordBatch batch = new RecordBatch(columns, 2);
        int r = batch.addRow();
        assertThatThrownBy(() -> batch.setLong(r, 0, 1L << 31)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column i");
        assertThatThrownBy(() -> batch.setDecimal(r, 1, 123456, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds");
        assertThatThrownBy(() -> batch.setDecimal(r, 1, 1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.setString(r, 2, "abcd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.setLong(r, 3, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.set(r, 0, "7")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected Long");
        assertThat(batch.row(r)).containsOnlyNulls();

        assertThatThrownBy(() -> batch.addRow(Arrays.asList(1, new BigDecimal("1000.00"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(batch.size()).isEqualTo(1); // the failed row is not kept
        batch.addRow();
        assertThatThrownBy(batch::addRow).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCorruptRecordIsReportedAndLeftOutOfTheBatch() throws IOException {
        List<List<@Nullable Object>> rows = randomRows(50, 3);
        byte[] stream = encode(SIX, rows, false);
        List<List<@Nullable Object>> values = decodeAll(stream, SIX);
        // flip one byte of the 24th record's string: the record CRC no longer matches
        int offset = indexOf(stream, ((String) rows.get(23).get(2)).getBytes(StandardCharsets.UTF_8));
        assertThat(offset).isPositive();
        stream[offset] ^= 1;
        RecordStreamDecoder decoder = new RecordStreamDecoder(new ByteArrayInputStream(stream), SIX);
        RecordBatch batch = new RecordBatch(SIX, 100);
        assertThatThrownBy(() -> decoder.readBatch(batch)).isInstanceOf(MalformedStreamException.class)
                .satisfies(e -> assertThat(((MalformedStreamException) e).reason())
                        .isEqualTo(Reason.RECORD_CRC_MISMATCH));
        assertThat(batch.size()).isEqualTo(23);
        for (int i = 0; i < 23; i++) {
            assertThat(batch.row(i)).isEqualTo(values.get(i));
        }
    }

    @Test
    void aBatchOfOtherColumnsIsRefused() {
        RecordStreamEncoder encoder = new RecordStreamEncoder(new ByteArrayOutputStream(), SIX);
        RecordBatch batch = new RecordBatch(SIX.subList(0, 2), 1);
        assertThatThrownBy(() -> encoder.write(batch)).isInstanceOf(IllegalArgumentException.class);
        RecordStreamDecoder decoder = new RecordStreamDecoder(new ByteArrayInputStream(new byte[0]), SIX);
        assertThatThrownBy(() -> decoder.readBatch(batch)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Collections.nCopies(1, batch.size())).containsExactly(0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Hands out at most {@code chunk} bytes per read, like a slow network. */
    private static final class Trickle extends FilterInputStream {
        private final int chunk;

        Trickle(InputStream in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
