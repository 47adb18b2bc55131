package org.odpsexplorer.emulator.table;

import java.util.Objects;

/**
 * A table, partition or tunnel operation that cannot be done; {@link #reason()} lets the HTTP layer pick status and
 * error code. Whenever this is thrown, the stored state is unchanged.
 */
public final class TableStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Reason {
        NO_SUCH_TABLE,
        TABLE_EXISTS,
        NO_SUCH_PARTITION,
        PARTITION_EXISTS,
        /** A partition spec that is malformed or does not match the table's partition keys. */
        INVALID_PARTITION_SPEC,
        /** A partitioned table addressed without a partition. */
        MISSING_PARTITION_SPEC,
        NO_SUCH_UPLOAD,
        NO_SUCH_DOWNLOAD,
        /** The session is not in a state that allows the operation (e.g. block upload after commit). */
        STATUS_CONFLICT,
        INVALID_BLOCK_ID,
        INVALID_ROW_RANGE,
        INVALID_COLUMN_SPEC
    }

    private final Reason reason;

    public TableStoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The message; never null (the constructor takes one). */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
