package org.odpsexplorer.wire.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The golden streams written by the official Java SDK ({@code vectors/tunnel}) and the recorded tunnel bodies decode
 * to the listed values with every checksum verified, and encoding those values reproduces the bytes exactly.
 */
class RecordStreamGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"basic", "extended"})
    void goldenStreamDecodesToTheListedRecords(String name) throws IOException {
        JsonNode vector = TunnelVectors.json(name + ".json");
        List<List<@Nullable Object>> decoded = decodeAll(TunnelVectors.bytes(name + ".bin"), TunnelVectors.columns(vector));
        assertThat(decoded).isEqualTo(TunnelVectors.records(vector));
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "extended"})
    void deflateStreamInflatesAndDecodesToTheSameRecords(String name) throws IOException {
        JsonNode vector = TunnelVectors.json(name + ".json");
        byte[] compressed = TunnelVectors.bytes(name + ".deflate.bin");
        assertThat(compressed[0]).isEqualTo((byte) 0x78);
        try (RecordStreamDecoder decoder = new RecordStreamDecoder(
                TunnelCompression.inflating(new ByteArrayInputStream(compressed)), TunnelVectors.columns(vector))) {
            List<List<@Nullable Object>> out = new ArrayList<>();
            for (List<@Nullable Object> r; (r = decoder.read()) != null; ) {
                out.add(r);
            }
            assertThat(out).isEqualTo(TunnelVectors.records(vector));
            assertThat(decoder.isFinished()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "extended"})
    void encodingTheListedRecordsReproducesTheGoldenBytes(String name) throws IOException {
        JsonNode vector = TunnelVectors.json(name + ".json");
        assertThat(encode(TunnelVectors.columns(vector), TunnelVectors.records(vector), false))
                .isEqualTo(TunnelVectors.bytes(name + ".bin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "extended"})
    void levelOneDeflateReproducesTheGoldenCompressedBytes(String name) throws IOException {
        JsonNode vector = TunnelVectors.json(name + ".json");
        assertThat(encode(TunnelVectors.columns(vector), TunnelVectors.records(vector), true))
                .isEqualTo(TunnelVectors.bytes(name + ".deflate.bin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "extended"})
    void slicesAreTheListedRecordBytesWithTheirCrcs(String name) throws IOException {
        JsonNode vector = TunnelVectors.json(name + ".json");
        byte[] stream = TunnelVectors.bytes(name + ".bin");
        try (RecordStreamDecoder decoder = new RecordStreamDecoder(new ByteArrayInputStream(stream),
                TunnelVectors.columns(vector))) {
            ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
            RecordStreamEncoder encoder = new RecordStreamEncoder(reassembled, TunnelVectors.columns(vector));
            for (JsonNode record : vector.get("records")) {
                RecordSlice slice = decoder.readSlice();
                assertThat(slice).isNotNull();
                assertThat(slice.bytes()).isEqualTo(TunnelVectors.hex(record.get("bytes_hex").asText()));
                int crc = Integer.parseUnsignedInt(record.get("record_crc32c").asText().substring(2), 16);
                assertThat(slice.crc()).isEqualTo(crc);
                assertThat(RecordSlice.trailingCrc(slice.bytes(), 0, slice.bytes().length)).isEqualTo(crc);
                assertThat(RecordStreamDecoder.decodeSlice(slice.bytes(), 0, slice.bytes().length,
                        TunnelVectors.columns(vector))).isNotNull();
                encoder.writeRawRecord(slice);
            }
            assertThat(decoder.readSlice()).isNull();
            assertThat(decoder.recordCount()).isEqualTo(vector.get("record_count").asLong());
            encoder.finish();
            assertThat(reassembled.toByteArray()).isEqualTo(stream);
        }
    }

    @Test
    void recordedTunnelBodiesOfBothClientsDecodeWithVerifiedChecksums() throws IOException {
        List<Column> columns = List.of(Column.of("id", "BIGINT"), Column.of("name", "STRING"));
        List<List<@Nullable Object>> expected = List.of(List.of(0L, OdpsString.of("aaaa")),
                List.of(1L, OdpsString.of("bbbbb")));
        int bodies = 0;
        for (String trace : List.of("javasdk.jsonl", "pyodps.jsonl")) {
            try (InputStream in = getClass().getResourceAsStream("/protocol/traces/" + trace)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode request = TunnelVectors.JSON.readTree(line);
                    if (request.get("path").asText().startsWith("/projects/") && request.has("body_hex")) {
                        assertThat(decodeAll(TunnelVectors.hex(request.get("body_hex").asText()), columns))
                                .isEqualTo(expected);
                        bodies++;
                    }
                    JsonNode response = request.get("response");
                    if (request.get("path").asText().startsWith("/projects/") && response.has("body_hex")
                            && !response.get("body_hex").asText().isEmpty()) {
                        assertThat(decodeAll(TunnelVectors.hex(response.get("body_hex").asText()), columns))
                                .isEqualTo(expected);
                        bodies++;
                    }
                }
            }
        }
        assertThat(bodies).isEqualTo(4); // Tj#110, Tj#115, Tp#122, Tp#129
        assertThat(encode(columns, expected, false)).isEqualTo(TunnelVectors.hex(
                "080012046161616180c0ff7fbafdafde0308021205626262626280c0ff7fb3d9c2830af0ffff7f04f8ffff7fd0cbeda207"));
    }

    @Test
    void emptyStreamIsTheDocumentedTenBytes() throws IOException {
        assertThat(encode(List.of(Column.of("id", "BIGINT")), List.of(), false))
                .isEqualTo(RecordStreamFormat.EMPTY_STREAM)
                .isEqualTo(TunnelVectors.hex("f0ffff7f00f8ffff7f00"));
        assertThat(decodeAll(RecordStreamFormat.EMPTY_STREAM, List.of(Column.of("id", "BIGINT")))).isEmpty();
    }

    static List<List<@Nullable Object>> decodeAll(byte[] stream, List<Column> columns) throws IOException {
        try (RecordStreamDecoder decoder = new RecordStreamDecoder(new ByteArrayInputStream(stream), columns)) {
            List<List<@Nullable Object>> out = new ArrayList<>();
            for (List<@Nullable Object> r; (r = decoder.read()) != null; ) {
                out.add(r);
            }
            assertThat(decoder.isFinished()).isTrue();
            return out;
        }
    }

    static byte[] encode(List<Column> columns, List<List<@Nullable Object>> records, boolean deflate)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = deflate ? TunnelCompression.deflating(bytes) : bytes;
        try (RecordStreamEncoder encoder = new RecordStreamEncoder(out, columns)) {
            for (List<@Nullable Object> r : records) {
                encoder.write(r);
            }
        }
        return bytes.toByteArray();
    }
}
