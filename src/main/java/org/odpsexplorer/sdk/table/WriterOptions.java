package org.odpsexplorer.sdk.table;

/**
 * How a {@link RecordWriter} writes.
 *
 * @param overwrite  false (default): committed rows are appended; true: the commit replaces the table's or
 *                   partition's rows
 * @param blockBytes a block is sent once its encoded size reaches this many bytes (default 64 MiB); each block is one
 *                   spooled record stream, so this bounds the local spool file, never the heap
 * @param blockRows  a block is also sent after this many rows (default: no row limit)
 */
public record WriterOptions(boolean overwrite, long blockBytes, long blockRows) {
    /** Append, 64 MiB blocks. */
    public static final WriterOptions DEFAULTS = new WriterOptions(false, 64L * 1024 * 1024, Long.MAX_VALUE);

    public WriterOptions {
        if (blockBytes < 1 || blockRows < 1) {
            throw new IllegalArgumentException("block limits must be positive");
        }
    }

    public static WriterOptions defaults() {
        return DEFAULTS;
    }

    public WriterOptions withOverwrite(boolean value) {
        return new WriterOptions(value, blockBytes, blockRows);
    }

    public WriterOptions withBlockBytes(long value) {
        return new WriterOptions(overwrite, value, blockRows);
    }

    public WriterOptions withBlockRows(long value) {
        return new WriterOptions(overwrite, blockBytes, value);
    }
}
