package org.odpsexplorer.wire.tunnel;

import java.util.Arrays;

/** Constants of the record stream ({@code protocol/tunnel.md} §10.1) and the wire type of each column type. */
public final class RecordStreamFormat {
    /** End of a record; its value is the record CRC. Tag bytes {@code 80 c0 ff 7f}. */
    public static final int END_RECORD_FIELD = (1 << 25) - 1024;
    /** Trailer record count (zigzag). Tag bytes {@code f0 ff ff 7f}. */
    public static final int RECORD_COUNT_FIELD = (1 << 25) - 2;
    /** Trailer stream checksum. Tag bytes {@code f8 ff ff 7f}. */
    public static final int CHECKSUM_FIELD = (1 << 25) - 1;
    /** End of the optional server metrics string between count and checksum. */
    public static final int METRICS_END_FIELD = (1 << 25) - 256;

    public static final int WIRE_VARINT = 0;
    public static final int WIRE_FIXED64 = 1;
    public static final int WIRE_LENGTH_DELIMITED = 2;
    public static final int WIRE_FIXED32 = 5;

    /** The smallest well-formed stream: zero records, count 0, checksum 0. */
    public static final byte[] EMPTY_STREAM = {(byte) 0xf0, (byte) 0xff, (byte) 0xff, 0x7f, 0x00,
        (byte) 0xf8, (byte) 0xff, (byte) 0xff, 0x7f, 0x00};

    private RecordStreamFormat() {
    }

    /**
     * The trailer of a stream of {@code recordCount} records whose record CRCs (fed as int32 LE, in order) have the
     * CRC-32C {@code checksum}: count tag, zigzag count, checksum tag, checksum.
     */
    public static byte[] trailer(long recordCount, int checksum) {
        ByteSink sink = new ByteSink(24);
        sink.writeTag(RECORD_COUNT_FIELD, WIRE_VARINT);
        sink.writeZigzag64(recordCount);
        sink.writeTag(CHECKSUM_FIELD, WIRE_VARINT);
        sink.writeVarint(checksum & 0xFFFF_FFFFL);
        return Arrays.copyOf(sink.array(), sink.size());
    }

    /** Wire type in the tag of a top-level field of {@code type} (§10.2). */
    public static int wireType(OdpsType type) {
        switch (type.kind()) {
            case BIGINT, INT, SMALLINT, TINYINT, BOOLEAN, DATETIME, DATE, INTERVAL_YEAR_MONTH:
                return WIRE_VARINT;
            case DOUBLE:
                return WIRE_FIXED64;
            case FLOAT:
                return WIRE_FIXED32;
            default:
                return WIRE_LENGTH_DELIMITED;
        }
    }
}
