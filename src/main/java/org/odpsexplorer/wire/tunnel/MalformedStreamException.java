package org.odpsexplorer.wire.tunnel;

import java.io.IOException;
import java.util.Objects;

/**
 * A record stream that violates {@code protocol/tunnel.md} §10: undecodable bytes, a type mismatch, a value outside its type,
 * or a checksum / count that does not verify. Carries a machine-readable {@link Reason} and the record index and
 * byte offset where it was detected. Thrown by {@link RecordStreamDecoder}; never wraps a programming error.
 */
public final class MalformedStreamException extends IOException {
    /** What was wrong; the emulator maps these to tunnel error codes ({@code protocol/tunnel.md} §11.2). */
    public enum Reason {
        /** The stream ended inside a record, value or trailer. */
        TRUNCATED,
        /** A varint longer than 10 bytes or wider than its field. */
        BAD_VARINT,
        /** A field number that is neither a data column of the schema nor a special field. */
        UNEXPECTED_TAG,
        /** The tag's wire type does not match the column type. */
        WIRE_TYPE_MISMATCH,
        /** The same column twice in one record. */
        DUPLICATE_FIELD,
        /** A record CRC that does not match the recomputed one. */
        RECORD_CRC_MISMATCH,
        /** The stream checksum (or the metrics CRC) of the trailer does not match. */
        STREAM_CHECKSUM_MISMATCH,
        /** The trailer's record count differs from the records read. */
        COUNT_MISMATCH,
        /** The stream ended cleanly between records but without a trailer. */
        MISSING_TRAILER,
        /** Bytes after the trailer, or a malformed trailer. */
        BAD_TRAILER,
        /** A value outside its type (range, precision, length, encoding). */
        VALUE_OUT_OF_RANGE,
        /** A STRING / BINARY / ... value or a whole record larger than the configured limit. */
        TOO_LARGE,
        /** A NOT NULL column without a value, when the decoder enforces it. */
        NULL_IN_NOT_NULL_COLUMN,
        /** The compressed container (zlib) could not be decoded. */
        BAD_COMPRESSION
    }

    private final Reason reason;
    private final long recordIndex;
    private final long byteOffset;

    public MalformedStreamException(Reason reason, String message, long recordIndex, long byteOffset) {
        super(message + " (record " + recordIndex + ", byte " + byteOffset + ", " + reason + ")");
        this.reason = reason;
        this.recordIndex = recordIndex;
        this.byteOffset = byteOffset;
    }

    public MalformedStreamException(Reason reason, String message, Throwable cause) {
        super(message + " (" + reason + ")", cause);
        this.reason = reason;
        this.recordIndex = -1;
        this.byteOffset = -1;
    }

    public Reason reason() {
        return reason;
    }

    /** 0-based index of the record being read when the problem was found, or -1 when unknown. */
    public long recordIndex() {
        return recordIndex;
    }

    /** Offset in the (uncompressed) stream where the problem was found, or -1 when unknown. */
    public long byteOffset() {
        return byteOffset;
    }

    /** Whether a checksum rather than the structure failed (the real service may name these differently). */
    public boolean isChecksumFailure() {
        return reason == Reason.RECORD_CRC_MISMATCH || reason == Reason.STREAM_CHECKSUM_MISMATCH;
    }

    /** The message; never null (every constructor builds one). */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
