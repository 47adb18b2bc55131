package org.odpsexplorer.bench;

import com.aliyun.odps.TableSchema;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamReader;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamWriter;
import com.aliyun.odps.data.ArrayRecord;
import com.aliyun.odps.tunnel.io.CompressOption;
import com.aliyun.odps.type.TypeInfoFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.odpsexplorer.sdk.table.Record;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.RecordBatch;
import org.odpsexplorer.wire.tunnel.RecordStreamDecoder;
import org.odpsexplorer.wire.tunnel.RecordStreamEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Record stream encode and decode of the same 1M records (bigint, double, string, datetime, decimal, boolean; one
 * value in ten NULL) with our codec ({@code wire.tunnel}) and with {@code odps-sdk-core}'s own
 * {@code ProtobufRecordStreamWriter} / {@code ProtobufRecordStreamReader}, in memory. Each side starts from its own
 * record representation: theirs {@code ArrayRecord}s (the only thing their writer takes and their reader returns);
 * ours either {@link Record} values as {@code Record.set} stores them ({@code encodeOurs} / {@code decodeOurs}: the
 * record-at-a-time path) or {@link RecordBatch}es of {@value #BATCH_ROWS} rows ({@code encodeOursBatch} /
 * {@code decodeOursBatch}: the columnar path, values in primitive arrays, no object per value). Setup checks that all
 * three writers produce identical bytes and that the batch reader returns the values the record reader does, so every
 * reader decodes the same stream. All readers check every record CRC, the trailer and the value ranges.
 *
 * <pre>./mvnw -B -Pbench test-compile exec:exec -Djmh.args=TableCodecBench</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TableCodecBench {
    static final int RECORDS = 1_000_000;
    /** Rows per batch of the columnar path: what {@code RecordCursor.readBatch} / the grid use. */
    static final int BATCH_ROWS = 4096;
    /** Uncompressed, as the tunnel's default (the stream classes alone default to deflate). */
    private static final CompressOption RAW = new CompressOption(CompressOption.CompressAlgorithm.ODPS_RAW, 0, 0);

    private List<Column> columns;
    private List<Record> ours;
    private List<List<Object>> ourValues;
    private List<RecordBatch> ourBatches;
    private RecordBatch decodeBatch;
    private List<com.aliyun.odps.data.Record> theirs;
    private TableSchema theirSchema;
    private byte[] stream;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        columns = List.of(Column.of("id", "bigint"), Column.of("score", "double"), Column.of("name", "string"),
                Column.of("ts", "datetime"), Column.of("amount", "decimal(38,18)"), Column.of("ok", "boolean"));
        theirSchema = new TableSchema();
        theirSchema.addColumn(new com.aliyun.odps.Column("id", TypeInfoFactory.BIGINT));
        theirSchema.addColumn(new com.aliyun.odps.Column("score", TypeInfoFactory.DOUBLE));
        theirSchema.addColumn(new com.aliyun.odps.Column("name", TypeInfoFactory.STRING));
        theirSchema.addColumn(new com.aliyun.odps.Column("ts", TypeInfoFactory.DATETIME));
        theirSchema.addColumn(new com.aliyun.odps.Column("amount", TypeInfoFactory.getDecimalTypeInfo(38, 18)));
        theirSchema.addColumn(new com.aliyun.odps.Column("ok", TypeInfoFactory.BOOLEAN));
        Random random = new Random(42);
        ours = new ArrayList<>(RECORDS);
        ourValues = new ArrayList<>(RECORDS);
        ourBatches = new ArrayList<>();
        decodeBatch = new RecordBatch(columns, BATCH_ROWS);
        theirs = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            long id = random.nextLong() >> random.nextInt(60);
            double score = random.nextDouble() * 1000;
            String name = "user-" + Long.toHexString(random.nextLong()) + (i % 7 == 0 ? "-é" : "");
            long millis = 1_600_000_000_000L + random.nextInt(1_000_000_000);
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(10_000_000), 2);
            boolean ok = random.nextBoolean();
            Object[] values = {id, score, name, Instant.ofEpochMilli(millis), amount, ok};
            if (i % 10 == 3) {
                values[i % 6] = null;
            }
            Record r = new Record(columns).setAll(Arrays.asList(values));
            ours.add(r);
            ourValues.add(Arrays.asList(r.values().toArray())); // what RecordWriter hands the encoder: no copy per write
            if (ourBatches.isEmpty() || ourBatches.get(ourBatches.size() - 1).isFull()) {
                ourBatches.add(new RecordBatch(columns, BATCH_ROWS));
            }
            ourBatches.get(ourBatches.size() - 1).addRow(Arrays.asList(values));
            ArrayRecord t = new ArrayRecord(theirSchema);
            t.setBigint(0, (Long) values[0]);
            t.setDouble(1, (Double) values[1]);
            t.setString(2, (String) values[2]);
            t.setDatetime(3, values[3] == null ? null : Date.from((Instant) values[3]));
            t.setDecimal(4, (BigDecimal) values[4]);
            t.setBoolean(5, (Boolean) values[5]);
            theirs.add(t);
        }
        ByteArrayOutputStream a = new ByteArrayOutputStream(64 << 20);
        encodeOurs(a);
        ByteArrayOutputStream b = new ByteArrayOutputStream(64 << 20);
        encodeTheirs(b);
        ByteArrayOutputStream c = new ByteArrayOutputStream(64 << 20);
        encodeOursBatches(c);
        stream = a.toByteArray();
        if (!Arrays.equals(stream, b.toByteArray()) || !Arrays.equals(stream, c.toByteArray())) {
            throw new IllegalStateException("the writers disagree: " + stream.length + " vs " + b.size() + " vs "
                    + c.size() + " bytes");
        }
        // the batch reader sees the same values the record reader does
        RecordStreamDecoder decoder = new RecordStreamDecoder(new ByteArrayInputStream(stream), columns);
        int row = 0;
        while (readInto(decoder, decodeBatch) > 0) {
            for (int i = 0; i < decodeBatch.size(); i++, row++) {
                if (!decodeBatch.row(i).equals(ours.get(row).values())) {
                    throw new IllegalStateException("batch decode differs at row " + row);
                }
            }
        }
        if (row != RECORDS) {
            throw new IllegalStateException("batch decode read " + row + " rows");
        }
    }

    private void encodeOursBatches(OutputStream out) throws IOException {
        RecordStreamEncoder encoder = new RecordStreamEncoder(out, columns);
        for (RecordBatch batch : ourBatches) {
            encoder.write(batch);
        }
        encoder.finish();
    }

    private void encodeOurs(OutputStream out) throws IOException {
        RecordStreamEncoder encoder = new RecordStreamEncoder(out, columns);
        for (List<Object> values : ourValues) {
            encoder.write(values);
        }
        encoder.finish();
    }

    private void encodeTheirs(OutputStream out) throws IOException {
        ProtobufRecordStreamWriter writer = new ProtobufRecordStreamWriter(theirSchema, out, RAW);
        for (com.aliyun.odps.data.Record r : theirs) {
            writer.write(r);
        }
        writer.close();
    }

    @Benchmark
    public long encodeOurs() throws IOException {
        CountingSink sink = new CountingSink();
        encodeOurs(sink);
        return sink.count;
    }

    @Benchmark
    public long encodeOursBatch() throws IOException {
        CountingSink sink = new CountingSink();
        encodeOursBatches(sink);
        return sink.count;
    }

    @Benchmark
    public long encodeOfficial() throws IOException {
        CountingSink sink = new CountingSink();
        encodeTheirs(sink);
        return sink.count;
    }

    @Benchmark
    public void decodeOurs(Blackhole bh) throws IOException {
        RecordStreamDecoder decoder = new RecordStreamDecoder(new ByteArrayInputStream(stream), columns);
        Object[] values;
        while ((values = decoder.readValues()) != null) {
            bh.consume(values);
        }
    }

    @Benchmark
    public void decodeOursBatch(Blackhole bh) throws IOException {
        RecordStreamDecoder decoder = new RecordStreamDecoder(new ByteArrayInputStream(stream), columns);
        RecordBatch batch = decodeBatch;
        batch.clear();
        while (decoder.readBatch(batch) > 0) {
            bh.consume(batch);
            batch.clear();
        }
    }

    @Benchmark
    public void decodeOfficial(Blackhole bh) throws IOException {
        ProtobufRecordStreamReader reader = new ProtobufRecordStreamReader(theirSchema,
                new ByteArrayInputStream(stream), RAW);
        com.aliyun.odps.data.Record r;
        while ((r = reader.read()) != null) {
            bh.consume(r);
        }
    }

    private static int readInto(RecordStreamDecoder decoder, RecordBatch batch) throws IOException {
        batch.clear();
        return decoder.readBatch(batch);
    }

    /** Discards bytes but counts them, so the encoders' output is not dead code. */
    static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
