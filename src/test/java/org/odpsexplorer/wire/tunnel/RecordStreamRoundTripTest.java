package org.odpsexplorer.wire.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odpsexplorer.wire.tunnel.RecordStreamGoldenTest.decodeAll;
import static org.odpsexplorer.wire.tunnel.RecordStreamGoldenTest.encode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.odpsexplorer.wire.tunnel.MalformedStreamException.Reason;

/** Every type round-trips through encoder and decoder; each class of bad stream is reported with its reason. */
class RecordStreamRoundTripTest {
    static final List<Column> ALL_TYPES = List.of(
            Column.of("c_bigint", "bigint"), Column.of("c_int", "int"), Column.of("c_smallint", "smallint"),
            Column.of("c_tinyint", "tinyint"), Column.of("c_double", "double"), Column.of("c_float", "float"),
            Column.of("c_boolean", "boolean"), Column.of("c_string", "string"), Column.of("c_varchar", "varchar(4)"),
            Column.of("c_char", "char(3)"), Column.of("c_binary", "binary"), Column.of("c_decimal", "decimal(10,3)"),
            Column.of("c_date", "date"), Column.of("c_datetime", "datetime"), Column.of("c_timestamp", "timestamp"),
            Column.of("c_timestamp_ntz", "timestamp_ntz"), Column.of("c_idt", "interval_day_time"),
            Column.of("c_iym", "interval_year_month"), Column.of("c_json", "json"),
            Column.of("c_array", "array<string>"), Column.of("c_map", "map<bigint,array<double>>"),
            Column.of("c_struct", "struct<a:date,b:struct<c:binary>,d:map<string,string>>"));

    static List<@Nullable Object> fullRow(long seed) {
        Map<@Nullable Object, @Nullable Object> map = new LinkedHashMap<>();
        map.put(seed, List.of(1.5, -2.0));
        map.put(-seed - 1, Arrays.asList(null, Double.NaN));
        map.put(7L, null);
        Map<@Nullable Object, @Nullable Object> inner = new LinkedHashMap<>();
        inner.put(OdpsString.of("k"), OdpsString.ofBytes(new byte[] {(byte) 0xff, 0}));
        return Arrays.asList(seed, (int) seed, (short) seed, (byte) seed, seed / 3.0, (float) seed / 7f, seed % 2 == 0,
                OdpsString.ofBytes(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) seed}), "äö€😀", "ab",
                OdpsBinary.of(new byte[] {0, (byte) seed}), new BigDecimal("-1234567.125"),
                LocalDate.of(1, 1, 1).plusDays(seed), Instant.ofEpochMilli(-62135596800000L + seed),
                Instant.ofEpochSecond(253402300799L, 999_999_999), LocalDateTime.of(2024, 2, 29, 23, 59, 59, 1),
                Duration.ofSeconds(-5, 3), Period.ofMonths(-25).normalized(), "{\"a\":[1,2]}",
                Arrays.asList(OdpsString.of("x"), null, OdpsString.of("")), map, OdpsStruct.of(LocalDate.of(9999, 12, 31), OdpsStruct.of(
                        OdpsBinary.of(new byte[0])), inner));
    }

    @Test
    void everyTypeWithValuesAndNullsRoundTrips() throws IOException {
        List<List<@Nullable Object>> records = new ArrayList<>();
        records.add(fullRow(1));
        records.add(fullRow(126));
        records.add(Arrays.asList(new Object[ALL_TYPES.size()]));
        List<@Nullable Object> sparse = Arrays.asList(new Object[ALL_TYPES.size()]);
        sparse.set(21, OdpsStruct.of(null, null, null));
        sparse.set(20, new LinkedHashMap<>());
        sparse.set(19, List.of());
        records.add(sparse);
        byte[] stream = encode(ALL_TYPES, records, false);
        List<List<@Nullable Object>> decoded = decodeAll(stream, ALL_TYPES);
        assertThat(decoded).hasSameSizeAs(records);
        for (int r = 0; r < records.size(); r++) {
            for (int c = 0; c < ALL_TYPES.size(); c++) {
                assertThat(decoded.get(r).get(c)).as("record %d column %s", r, ALL_TYPES.get(c).name())
                        .isEqualTo(records.get(r).get(c));
            }
        }
    }

    @Test
    void aShortRecordMeansTrailingNulls() throws IOException {
        byte[] stream = encode(ALL_TYPES, List.of(List.of(5L, 6)), false);
        List<@Nullable Object> expected = new ArrayList<>(Arrays.asList(new Object[ALL_TYPES.size()]));
        expected.set(0, 5L);
        expected.set(1, 6);
        assertThat(decodeAll(stream, ALL_TYPES)).containsExactly(expected);
    }

    @Test
    void encoderRejectsValuesOutsideTheirTypeNamingTheColumn() {
        assertThatThrownBy(() -> encode(List.of(Column.of("i", "int")), List.of(List.of(1L << 40)), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column i (INT)");
        assertThatThrownBy(() -> encode(List.of(Column.of("v", "varchar(2)")), List.of(List.of("abc")), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 2");
        assertThatThrownBy(() -> encode(List.of(Column.of("d", "decimal(5,2)")),
                List.of(List.of(new BigDecimal("1234.5"))), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encode(List.of(Column.of("s", "string")), List.of(List.of(42)), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected OdpsString");
        assertThatThrownBy(() -> encode(List.of(Column.of("b", "bigint")), List.of(List.of(Long.MIN_VALUE)), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valueOutsideTheDecodingTypeIsRejectedEvenWithAValidCrc() throws IOException {
        // BIGINT and INT share wire type and CRC input, so only the range check can catch this
        byte[] stream = encode(List.of(Column.of("x", "bigint")), List.of(List.of(1L << 40)), false);
        assertReason(stream, List.of(Column.of("x", "int")), Reason.VALUE_OUT_OF_RANGE);
        byte[] longText = encode(List.of(Column.of("x", "string")), List.of(List.of("abcdef")), false);
        assertReason(longText, List.of(Column.of("x", "varchar(5)")), Reason.VALUE_OUT_OF_RANGE);
        byte[] badDecimal = encode(List.of(Column.of("x", "string")), List.of(List.of("1e5")), false);
        assertReason(badDecimal, List.of(Column.of("x", "decimal(10,2)")), Reason.VALUE_OUT_OF_RANGE);
        byte[] notUtf8 = encode(List.of(Column.of("x", "string")),
                List.of(List.of(OdpsString.ofBytes(new byte[] {(byte) 0xff}))), false);
        assertReason(notUtf8, List.of(Column.of("x", "varchar(5)")), Reason.VALUE_OUT_OF_RANGE);
        byte[] farDay = encode(List.of(Column.of("x", "bigint")), List.of(List.of(3_000_000L)), false);
        assertReason(farDay, List.of(Column.of("x", "date")), Reason.VALUE_OUT_OF_RANGE);
        byte[] bool = encode(List.of(Column.of("x", "bigint")), List.of(List.of(1L)), false); // zz(1) = 2
        assertReason(bool, List.of(Column.of("x", "boolean")), Reason.VALUE_OUT_OF_RANGE);
    }

    @Test
    void wireTypeNotMatchingTheColumnIsRejected() throws IOException {
        byte[] stream = encode(List.of(Column.of("x", "string")), List.of(List.of("a")), false);
        assertReason(stream, List.of(Column.of("x", "bigint")), Reason.WIRE_TYPE_MISMATCH);
    }

    @Test
    void moreColumnsThanTheSchemaIsAnUnexpectedTag() throws IOException {
        byte[] stream = encode(List.of(Column.of("a", "bigint"), Column.of("b", "bigint")), List.of(List.of(1L, 2L)),
                false);
        assertReason(stream, List.of(Column.of("a", "bigint")), Reason.UNEXPECTED_TAG);
    }

    @Test
    void corruptedValueFailsTheRecordCrc() throws IOException {
        byte[] stream = TunnelVectors.bytes("basic.bin");
        stream[16] ^= 0x01; // inside "hello"
        assertReason(stream, TunnelVectors.columns(TunnelVectors.json("basic.json")), Reason.RECORD_CRC_MISMATCH);
    }

    @Test
    void wrongStreamChecksumAndCountAreReported() throws IOException {
        List<Column> columns = List.of(Column.of("id", "bigint"));
        byte[] stream = encode(columns, List.of(List.of(1L)), false);
        byte[] badSum = stream.clone();
        badSum[badSum.length - 1] ^= 0x01;
        assertReason(badSum, columns, Reason.STREAM_CHECKSUM_MISMATCH);
        byte[] badCount = stream.clone();
        badCount[trailerOffset(stream) + 4] = 0x04; // count byte: zz(1) = 2 → zz(2) = 4
        assertReason(badCount, columns, Reason.COUNT_MISMATCH);
    }

    @Test
    void truncationAndMissingTrailerAreDistinguished() throws IOException {
        List<Column> columns = List.of(Column.of("id", "bigint"), Column.of("s", "string"));
        byte[] stream = encode(columns, List.of(List.of(1L, "abc"), List.of(2L, "de")), false);
        int trailer = trailerOffset(stream);
        assertReason(Arrays.copyOf(stream, trailer), columns, Reason.MISSING_TRAILER);
        assertReason(Arrays.copyOf(stream, 5), columns, Reason.TRUNCATED);
        assertReason(Arrays.copyOf(stream, stream.length - 1), columns, Reason.TRUNCATED);
        byte[] extra = Arrays.copyOf(stream, stream.length + 1);
        assertReason(extra, columns, Reason.BAD_TRAILER);
        // the official readers accept a stream without trailer; so does the decoder when told to
        try (RecordStreamDecoder lenient = new RecordStreamDecoder(new ByteArrayInputStream(Arrays.copyOf(stream,
                trailer)), columns, DecoderOptions.DEFAULTS.withRequireTrailer(false))) {
            assertThat(lenient.read()).isNotNull();
            assertThat(lenient.read()).isNotNull();
            assertThat(lenient.read()).isNull();
        }
    }

    @Test
    void serverMetricsBetweenCountAndChecksumAreAcceptedAndVerified() throws IOException {
        List<Column> columns = List.of(Column.of("id", "bigint"));
        byte[] stream = encode(columns, List.of(List.of(1L), List.of(2L)), false);
        int trailer = trailerOffset(stream);
        byte[] metrics = "{\"ServerTotalCost\":1}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream withMetrics = new ByteArrayOutputStream();
        withMetrics.write(stream, 0, trailer + 5); // records, count tag and zz(2)
        withMetrics.write(0x0a); // field 1, wire type 2
        withMetrics.write(metrics.length);
        withMetrics.write(metrics);
        withMetrics.write(new byte[] {(byte) 0x80, (byte) 0xf0, (byte) 0xff, 0x7f}); // metrics end tag
        long crc = new Crc32c().updateInt(1).update(metrics).value() & 0xFFFF_FFFFL;
        for (; crc >= 0x80; crc >>>= 7) {
            withMetrics.write((int) (crc & 0x7F) | 0x80);
        }
        withMetrics.write((int) crc);
        withMetrics.write(stream, trailer + 5, stream.length - trailer - 5); // checksum tag and value
        assertThat(decodeAll(withMetrics.toByteArray(), columns)).containsExactly(List.of(1L), List.of(2L));

        byte[] corrupted = withMetrics.toByteArray();
        corrupted[trailer + 8] ^= 1; // inside the metrics text
        assertReason(corrupted, columns, Reason.STREAM_CHECKSUM_MISMATCH);
    }

    @Test
    void notNullColumnsAreEnforcedOnlyWhenAsked() throws IOException {
        List<Column> columns = List.of(new Column("id", OdpsType.BIGINT, "", false));
        byte[] stream = encode(columns, List.of(Arrays.asList((Object) null)), false);
        assertThat(decodeAll(stream, columns)).hasSize(1);
        try (RecordStreamDecoder strict = new RecordStreamDecoder(new ByteArrayInputStream(stream), columns,
                DecoderOptions.DEFAULTS.withEnforceNotNull(true))) {
            assertThatThrownBy(strict::read).isInstanceOfSatisfying(MalformedStreamException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.NULL_IN_NOT_NULL_COLUMN));
        }
    }

    @Test
    void oversizedFieldIsRejectedBeforeItIsRead() throws IOException {
        List<Column> columns = List.of(Column.of("s", "string"));
        byte[] stream = encode(columns, List.of(List.of("x".repeat(100))), false);
        try (RecordStreamDecoder small = new RecordStreamDecoder(new ByteArrayInputStream(stream), columns,
                DecoderOptions.DEFAULTS.withMaxFieldBytes(99))) {
            assertThatThrownBy(small::read).isInstanceOfSatisfying(MalformedStreamException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        }
    }

    @Test
    void garbageDeflateDataIsABadCompressionError() {
        byte[] garbage = {0x78, 0x01, (byte) 0xff, (byte) 0xff}; // final block of the reserved type 3
        assertThatThrownBy(() -> new RecordStreamDecoder(TunnelCompression.inflating(
                new ByteArrayInputStream(garbage)), List.of(Column.of("a", "bigint"))).read())
                .isInstanceOfSatisfying(MalformedStreamException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_COMPRESSION));
    }

    @Test
    void encoderCountsRecordsAndRefusesWritesAfterFinish() throws IOException {
        RecordStreamEncoder encoder = new RecordStreamEncoder(new ByteArrayOutputStream(), List.of(Column.of("a",
                "bigint")));
        encoder.write(List.of(1L));
        encoder.finish();
        assertThat(encoder.recordCount()).isEqualTo(1);
        assertThatThrownBy(() -> encoder.write(List.of(2L))).isInstanceOf(IllegalStateException.class);
    }

    /** Offset of the trailer's count tag {@code f0 ff ff 7f}. */
    static int trailerOffset(byte[] stream) {
        for (int i = stream.length - 4; i >= 0; i--) {
            if (stream[i] == (byte) 0xf0 && stream[i + 1] == (byte) 0xff && stream[i + 2] == (byte) 0xff
                    && stream[i + 3] == 0x7f) {
                return i;
            }
        }
        throw new AssertionError("no trailer");
    }

    static void assertReason(byte[] stream, List<Column> columns, Reason reason) {
        assertThatThrownBy(() -> decodeAll(stream, columns)).isInstanceOfSatisfying(MalformedStreamException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }
}
