package org.odpsexplorer.wire.tunnel;

/**
 * Limits and strictness of a {@link RecordStreamDecoder}.
 *
 * @param maxFieldBytes     largest STRING / BINARY / VARCHAR / CHAR / JSON / DECIMAL value in bytes (the service's
 *                          {@code MaxFieldSize} is 8 MiB)
 * @param maxRecordBytes    largest encoded record; bounds memory on garbage input
 * @param requireTrailer    whether a stream that ends cleanly between records without a trailer is an error (servers:
 *                          yes; the official readers tolerate it, {@code protocol/tunnel.md} §10.3)
 * @param enforceNotNull    whether an absent value for a column with {@code nullable == false} is an error
 */
public record DecoderOptions(int maxFieldBytes, int maxRecordBytes, boolean requireTrailer, boolean enforceNotNull) {
    /** 8 MiB fields, 256 MiB records, trailer required, NOT NULL not enforced. */
    public static final DecoderOptions DEFAULTS = new DecoderOptions(8 * 1024 * 1024, 256 * 1024 * 1024, true, false);

    public DecoderOptions {
        if (maxFieldBytes < 0 || maxRecordBytes < 0) {
            throw new IllegalArgumentException("negative limit");
        }
    }

    public DecoderOptions withRequireTrailer(boolean value) {
        return new DecoderOptions(maxFieldBytes, maxRecordBytes, value, enforceNotNull);
    }

    public DecoderOptions withEnforceNotNull(boolean value) {
        return new DecoderOptions(maxFieldBytes, maxRecordBytes, requireTrailer, value);
    }

    public DecoderOptions withMaxFieldBytes(int value) {
        return new DecoderOptions(value, maxRecordBytes, requireTrailer, enforceNotNull);
    }
}
