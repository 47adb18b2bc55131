package org.odpsexplorer.emulator.table;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A planned read of stored rows: its byte ranges are resolved and its stream checksum known, so the raw response
 * length is known before the first byte is sent. Reads files only when written out. Not thread-safe; use once.
 */
public final class RowRead {
    private final SegmentFiles files;
    private final SegmentFiles.ReadPlan plan;

    RowRead(SegmentFiles files, SegmentFiles.ReadPlan plan) {
        this.files = files;
        this.plan = plan;
    }

    /** Receives one stored record: {@code buffer[0, length)} (valid only during the call) and its record CRC. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(byte[] buffer, int length, int crc) throws IOException;
    }

    public long records() {
        return plan.records();
    }

    /** Bytes of the complete raw stream {@link #writeStream} produces. */
    public long streamLength() {
        return plan.streamLength();
    }

    /** Writes the records verbatim followed by a fresh trailer: a complete record stream. */
    public void writeStream(OutputStream out) throws IOException {
        files.copy(plan, out);
    }

    /** Hands every record (raw slice and CRC) to {@code consumer}, in order. */
    public void forEachRecord(RecordConsumer consumer) throws IOException {
        files.forEachRecord(plan, consumer::accept);
    }
}
