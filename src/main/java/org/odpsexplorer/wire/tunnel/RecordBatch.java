package org.odpsexplorer.wire.tunnel;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.OdpsType.DecimalType;
import org.odpsexplorer.wire.tunnel.OdpsType.Kind;

/**
 * A batch of rows held column by column in primitive arrays, the fast path of the record stream codec: the encoder
 * writes it ({@link RecordStreamEncoder#write(RecordBatch)}) and the decoder fills it
 * ({@link RecordStreamDecoder#readBatch(RecordBatch)}) without a value object per cell. Boxed values are made only
 * when asked for ({@link #get(int, int)}, {@link #row(int)}).
 *
 * <p>Storage per column type:
 * <ul>
 *   <li>BIGINT / INT / SMALLINT / TINYINT, BOOLEAN (0 / 1), DATE (epoch day), DATETIME (epoch millisecond),
 *   INTERVAL_YEAR_MONTH (total months): a {@code long} per row ({@link #getLong}, {@link #setLong});
 *   DOUBLE and FLOAT: the value ({@link #getDouble}, {@link #setDouble})</li>
 *   <li>TIMESTAMP (UTC), TIMESTAMP_NTZ, INTERVAL_DAY_TIME: epoch seconds ({@link #getLong}) and nanos
 *   ({@link #getNanos}), set with {@link #setSecondsNanos}</li>
 *   <li>STRING, BINARY, VARCHAR, CHAR, JSON: the exact bytes, in one byte array per column ({@link #bytesArray},
 *   {@link #bytesOffset}, {@link #bytesLength}; {@link #setBytes}, {@link #setString})</li>
 *   <li>DECIMAL: unscaled {@code long} and scale when the value has at most 18 digits and a scale of 0…18
 *   ({@link #isCompactDecimal}, {@link #getUnscaled}, {@link #getScale}; {@link #setDecimal(int, int, long, int)}),
 *   otherwise a {@code BigDecimal}</li>
 *   <li>ARRAY, MAP, STRUCT: the value object, as the decoder returns it</li>
 * </ul>
 * Every cell is NULL until set; values are checked against their column type when set (the same rules as the
 * encoder's), so a batch only holds values the encoder can write.
 *
 * <p>Not thread-safe. {@link #clear()} empties it for reuse; its arrays are kept.
 */
public final class RecordBatch {
    /** Storage classes, one per column. */
    static final int LONG = 0;
    static final int DOUBLE = 1;
    static final int FLOAT = 2;
    static final int BOOLEAN = 3;
    static final int SECONDS_NANOS = 4;
    static final int BYTES = 5;
    static final int DECIMAL = 6;
    static final int OBJECT = 7;

    private final List<Column> columns;
    final OdpsType[] types;
    final Kind[] kinds;
    final int[] storage;
    private int capacity;
    int size;
    /** Per column: whether the row's cell is NULL. */
    final boolean[][] nulls;
    /** Per column of LONG, DOUBLE (raw bits), FLOAT (raw bits), BOOLEAN, SECONDS_NANOS (seconds), DECIMAL (unscaled). */
    final long[][] longs;
    /** Per column of SECONDS_NANOS (nanos), DECIMAL (scale, or -1 when the value is in {@link #objects}). */
    final int[][] ints;
    /** Per column of BYTES: start offset and length of each row's bytes in {@link #heap}. */
    final int[][] starts;
    final int[][] lengths;
    final byte[][] heap;
    final int[] heapSize;
    /** Whether any cell was ever set to a value object (containers, decimals beyond 18 digits) since the last clear. */
    boolean hasObjects;
    /** Per column of OBJECT, and large decimals. */
    final @Nullable Object[][] objects;

    /** An empty batch for {@code columns} (in field-number order) that holds up to {@code capacity} rows. */
    public RecordBatch(List<Column> columns, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.columns = List.copyOf(columns);
        int n = this.columns.size();
        this.capacity = capacity;
        types = new OdpsType[n];
        kinds = new Kind[n];
        storage = new int[n];
        nulls = new boolean[n][];
        longs = new long[n][];
        ints = new int[n][];
        starts = new int[n][];
        lengths = new int[n][];
        heap = new byte[n][];
        heapSize = new int[n];
        objects = new Object[n][];
        for (int c = 0; c < n; c++) {
            types[c] = this.columns.get(c).type();
            kinds[c] = types[c].kind();
            storage[c] = storageOf(kinds[c]);
            nulls[c] = new boolean[capacity];
            switch (storage[c]) {
                case LONG, DOUBLE, FLOAT, BOOLEAN -> longs[c] = new long[capacity];
                case SECONDS_NANOS -> {
                    longs[c] = new long[capacity];
                    ints[c] = new int[capacity];
                }
                case BYTES -> {
                    starts[c] = new int[capacity];
                    lengths[c] = new int[capacity];
                    heap[c] = new byte[Math.max(64, capacity * 16)];
                }
                case DECIMAL -> {
                    longs[c] = new long[capacity];
                    ints[c] = new int[capacity];
                    objects[c] = new Object[capacity];
                }
                default -> objects[c] = new Object[capacity];
            }
        }
    }

    private static int storageOf(Kind kind) {
        return switch (kind) {
            case BIGINT, INT, SMALLINT, TINYINT, DATE, DATETIME, INTERVAL_YEAR_MONTH -> LONG;
            case DOUBLE -> DOUBLE;
            case FLOAT -> FLOAT;
            case BOOLEAN -> BOOLEAN;
            case TIMESTAMP, TIMESTAMP_NTZ, INTERVAL_DAY_TIME -> SECONDS_NANOS;
            case STRING, BINARY, VARCHAR, CHAR, JSON -> BYTES;
            case DECIMAL -> DECIMAL;
            default -> OBJECT;
        };
    }

    public List<Column> columns() {
        return columns;
    }

    /** Rows in the batch. */
    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public boolean isFull() {
        return size == capacity;
    }

    /** Empties the batch (arrays are kept for reuse; object cells are released). */
    public void clear() {
        for (int c = 0; c < objects.length; c++) {
            if (objects[c] != null) {
                Arrays.fill(objects[c], 0, size, null);
            }
            heapSize[c] = 0;
        }
        size = 0;
        hasObjects = false;
    }

    /**
     * Appends a row with every cell NULL and returns its index.
     *
     * @throws IllegalStateException when the batch is full
     */
    public int addRow() {
        if (size == capacity) {
            throw new IllegalStateException("batch is full (" + capacity + " rows)");
        }
        int row = size++;
        clearRow(row);
        return row;
    }

    /** Sets every cell of {@code row} to NULL (the decoder's start of a record). */
    void clearRow(int row) {
        for (int c = 0; c < nulls.length; c++) {
            nulls[c][row] = true;
        }
    }

    /** Appends a row holding {@code values} (fewer values than columns leave the rest NULL); see {@link #set}. */
    public int addRow(List<? extends @Nullable Object> values) {
        if (values.size() > types.length) {
            throw new IllegalArgumentException("record has " + values.size() + " values for " + types.length
                    + " columns");
        }
        int row = addRow();
        try {
            for (int c = 0; c < values.size(); c++) {
                set(row, c, values.get(c));
            }
        } catch (RuntimeException e) {
            size--;
            throw e;
        }
        return row;
    }

    private void checkRow(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of " + size);
        }
    }

    private void expect(int column, int storageClass) {
        if (storage[column] != storageClass) {
            throw new IllegalArgumentException("column " + columns.get(column).name() + " is "
                    + types[column].typeName());
        }
    }

    private IllegalArgumentException invalid(int column, String problem) {
        Column col = columns.get(column);
        return new IllegalArgumentException("column " + col.name() + " (" + col.type().typeName() + "): " + problem);
    }

    // ---------------------------------------------------------------- setters

    public void setNull(int row, int column) {
        checkRow(row);
        nulls[column][row] = true;
        if (objects[column] != null) {
            objects[column][row] = null;
        }
    }

    /**
     * Sets a BIGINT / INT / SMALLINT / TINYINT value, a DATE as epoch day, a DATETIME as epoch millisecond, an
     * INTERVAL_YEAR_MONTH as total months, or a BOOLEAN as 0 / 1.
     *
     * @throws IllegalArgumentException when the value is outside the column's range
     */
    public void setLong(int row, int column, long value) {
        checkRow(row);
        Kind kind = kinds[column];
        String problem = switch (kind) {
            case BIGINT, INT, SMALLINT, TINYINT, INTERVAL_YEAR_MONTH -> ValueRules.checkInteger(kind, value);
            case DATE -> ValueRules.checkEpochDay(value);
            case DATETIME -> ValueRules.checkEpochMillis(value);
            case BOOLEAN -> value == 0 || value == 1 ? null : "BOOLEAN " + value;
            default -> throw invalid(column, "not a long column");
        };
        if (problem != null) {
            throw invalid(column, problem);
        }
        longs[column][row] = value;
        nulls[column][row] = false;
    }

    /** Sets a DOUBLE or FLOAT value (a FLOAT keeps {@code (float) value}). */
    public void setDouble(int row, int column, double value) {
        checkRow(row);
        if (storage[column] == DOUBLE) {
            longs[column][row] = Double.doubleToRawLongBits(value);
        } else if (storage[column] == FLOAT) {
            longs[column][row] = Float.floatToRawIntBits((float) value);
        } else {
            throw invalid(column, "not a DOUBLE or FLOAT column");
        }
        nulls[column][row] = false;
    }

    public void setBoolean(int row, int column, boolean value) {
        checkRow(row);
        expect(column, BOOLEAN);
        longs[column][row] = value ? 1 : 0;
        nulls[column][row] = false;
    }

    /** Sets a TIMESTAMP (UTC epoch seconds), TIMESTAMP_NTZ (seconds of the UTC wall time) or INTERVAL_DAY_TIME. */
    public void setSecondsNanos(int row, int column, long seconds, int nanos) {
        checkRow(row);
        expect(column, SECONDS_NANOS);
        String problem = ValueRules.checkSecondsNanos(kinds[column], seconds, nanos);
        if (problem != null) {
            throw invalid(column, problem);
        }
        longs[column][row] = seconds;
        ints[column][row] = nanos;
        nulls[column][row] = false;
    }

    /** Sets a STRING or BINARY value to a copy of {@code bytes[offset, offset + length)}. */
    public void setBytes(int row, int column, byte[] bytes, int offset, int length) {
        checkRow(row);
        expect(column, BYTES);
        Kind kind = kinds[column];
        if (kind != Kind.STRING && kind != Kind.BINARY) {
            setString(row, column, new String(bytes, offset, length, StandardCharsets.UTF_8));
            return;
        }
        int at = reserveBytes(column, length);
        System.arraycopy(bytes, offset, heap[column], at, length);
        starts[column][row] = at;
        lengths[column][row] = length;
        nulls[column][row] = false;
    }

    /**
     * Sets a STRING (as UTF-8), VARCHAR, CHAR or JSON value. ASCII text is copied straight into the batch.
     *
     * @throws IllegalArgumentException when a VARCHAR / CHAR value is longer than its column allows
     */
    public void setString(int row, int column, String text) {
        checkRow(row);
        expect(column, BYTES);
        Kind kind = kinds[column];
        if (kind == Kind.BINARY) {
            throw invalid(column, "BINARY takes bytes, not text");
        }
        if (kind != Kind.STRING) {
            String problem = ValueRules.checkCharLength(types[column], text);
            if (problem != null) {
                throw invalid(column, problem);
            }
        }
        int n = text.length();
        int at = reserveBytes(column, n);
        byte[] dst = heap[column];
        int i = 0;
        for (; i < n; i++) {
            char ch = text.charAt(i);
            if (ch >= 0x80) {
                break;
            }
            dst[at + i] = (byte) ch;
        }
        if (i == n) {
            starts[column][row] = at;
            lengths[column][row] = n;
            nulls[column][row] = false;
            return;
        }
        heapSize[column] = at; // give the reservation back, store the full encoding instead
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int at2 = reserveBytes(column, utf8.length);
        System.arraycopy(utf8, 0, heap[column], at2, utf8.length);
        starts[column][row] = at2;
        lengths[column][row] = utf8.length;
        nulls[column][row] = false;
    }

    /** Room for {@code length} more bytes in a BYTES column's heap; returns their offset. */
    int reserveBytes(int column, int length) {
        int at = heapSize[column];
        long end = (long) at + length;
        if (end > heap[column].length) {
            if (end > Integer.MAX_VALUE - 16) {
                throw invalid(column, "batch holds more than 2 GB of bytes in one column");
            }
            heap[column] = Arrays.copyOf(heap[column], (int) Math.max(end, Math.min(Integer.MAX_VALUE - 16,
                    2L * heap[column].length)));
        }
        heapSize[column] = (int) end;
        return at;
    }

    /**
     * Sets a DECIMAL to {@code unscaled × 10^-scale} (its text keeps {@code scale} fraction digits).
     *
     * @throws IllegalArgumentException when the value does not fit the column's precision and scale
     */
    public void setDecimal(int row, int column, long unscaled, int scale) {
        checkRow(row);
        expect(column, DECIMAL);
        if (scale < 0 || scale > 18 || unscaled <= -1_000_000_000_000_000_000L
                || unscaled >= 1_000_000_000_000_000_000L) {
            setDecimal(row, column, BigDecimal.valueOf(unscaled, scale));
            return;
        }
        DecimalType type = (DecimalType) types[column];
        long magnitude = Math.abs(unscaled);
        int digits = magnitude == 0 ? 1 : 19 - leadingDecimalZeros(magnitude);
        int integerDigits = magnitude == 0 ? 0 : Math.max(digits - scale, 0);
        if (integerDigits > type.precision() - type.scale() || scale > type.scale()) {
            throw invalid(column, "DECIMAL " + BigDecimal.valueOf(unscaled, scale).toPlainString() + " exceeds "
                    + type.typeName());
        }
        longs[column][row] = unscaled;
        ints[column][row] = scale;
        objects[column][row] = null;
        nulls[column][row] = false;
    }

    /** 19 minus the number of decimal digits of {@code v} (0 < v < 10^18). */
    private static int leadingDecimalZeros(long v) {
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        return 19 - digits;
    }

    /** Sets a DECIMAL; values of at most 18 digits and scale 0…18 are stored as unscaled long and scale. */
    public void setDecimal(int row, int column, BigDecimal value) {
        checkRow(row);
        expect(column, DECIMAL);
        int scale = value.scale();
        if (scale >= 0 && scale <= 18 && value.precision() <= 18) {
            long unscaled = scale == 0 ? value.longValue() : value.scaleByPowerOfTen(scale).longValue();
            setDecimal(row, column, unscaled, scale);
            return;
        }
        String text = value.toPlainString();
        String problem = ValueRules.checkDecimal((DecimalType) types[column], text);
        if (problem != null) {
            throw invalid(column, problem);
        }
        ints[column][row] = -1;
        objects[column][row] = value;
        hasObjects = true;
        nulls[column][row] = false;
    }

    /**
     * Sets a cell from a value object: what {@link RecordStreamEncoder} accepts for the column's type (null for NULL).
     *
     * @throws IllegalArgumentException when the value has the wrong class or is outside the column type
     */
    public void set(int row, int column, @Nullable Object value) {
        checkRow(row);
        if (value == null) {
            setNull(row, column);
            return;
        }
        Kind kind = kinds[column];
        switch (kind) {
            case BIGINT, INT, SMALLINT, TINYINT -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte) {
                    setLong(row, column, ((Number) value).longValue());
                } else {
                    throw wrongClass(column, value, Long.class);
                }
            }
            case BOOLEAN -> setBoolean(row, column, cast(column, value, Boolean.class));
            case DOUBLE -> {
                if (value instanceof Float f) {
                    setDouble(row, column, f.doubleValue());
                } else {
                    setDouble(row, column, cast(column, value, Double.class));
                }
            }
            case FLOAT -> setDouble(row, column, cast(column, value, Float.class));
            case DATE -> setLong(row, column, cast(column, value, LocalDate.class).toEpochDay());
            case DATETIME -> {
                Instant instant = cast(column, value, Instant.class);
                long millis;
                try {
                    millis = instant.toEpochMilli();
                } catch (ArithmeticException e) {
                    throw invalid(column, "DATETIME out of range: " + instant);
                }
                setLong(row, column, millis);
            }
            case INTERVAL_YEAR_MONTH -> {
                Period period = cast(column, value, Period.class);
                if (period.getDays() != 0) {
                    throw invalid(column, "INTERVAL_YEAR_MONTH cannot hold days: " + period);
                }
                setLong(row, column, period.toTotalMonths());
            }
            case TIMESTAMP -> {
                Instant instant = cast(column, value, Instant.class);
                setSecondsNanos(row, column, instant.getEpochSecond(), instant.getNano());
            }
            case TIMESTAMP_NTZ -> {
                LocalDateTime local = cast(column, value, LocalDateTime.class);
                setSecondsNanos(row, column, local.toEpochSecond(ZoneOffset.UTC), local.getNano());
            }
            case INTERVAL_DAY_TIME -> {
                Duration duration = cast(column, value, Duration.class);
                setSecondsNanos(row, column, duration.getSeconds(), duration.getNano());
            }
            case STRING -> {
                if (value instanceof String s) {
                    setString(row, column, s);
                } else if (value instanceof OdpsString s) {
                    byte[] b = s.rawBytes();
                    setBytes(row, column, b, 0, b.length);
                } else if (value instanceof byte[] b) {
                    setBytes(row, column, b, 0, b.length);
                } else {
                    throw wrongClass(column, value, OdpsString.class);
                }
            }
            case VARCHAR, CHAR, JSON -> setString(row, column, cast(column, value, String.class));
            case BINARY -> {
                byte[] b = value instanceof OdpsBinary v ? v.rawBytes()
                        : value instanceof byte[] raw ? raw : null;
                if (b == null) {
                    throw wrongClass(column, value, OdpsBinary.class);
                }
                setBytes(row, column, b, 0, b.length);
            }
            case DECIMAL -> setDecimal(row, column, cast(column, value, BigDecimal.class));
            default -> {
                // containers: checked by the encoder when written, exactly as a record's values are
                objects[column][row] = value;
                hasObjects = true;
                nulls[column][row] = false;
            }
        }
    }

    private <T> T cast(int column, Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw wrongClass(column, value, type);
        }
        return type.cast(value);
    }

    private IllegalArgumentException wrongClass(int column, Object value, Class<?> expected) {
        return invalid(column, "expected " + expected.getSimpleName() + " but got " + value.getClass().getName());
    }

    // ---------------------------------------------------------------- getters

    public boolean isNull(int row, int column) {
        checkRow(row);
        return nulls[column][row];
    }

    /** A LONG-stored cell (see the class comment), or the epoch seconds of a TIMESTAMP-like cell; 0 for NULL. */
    public long getLong(int row, int column) {
        checkRow(row);
        int s = storage[column];
        if (s != LONG && s != BOOLEAN && s != SECONDS_NANOS) {
            throw invalid(column, "not a long column");
        }
        return nulls[column][row] ? 0 : longs[column][row];
    }

    /** A DOUBLE or FLOAT cell; 0 for NULL. */
    public double getDouble(int row, int column) {
        checkRow(row);
        if (nulls[column][row]) {
            return 0;
        }
        if (storage[column] == DOUBLE) {
            return Double.longBitsToDouble(longs[column][row]);
        }
        if (storage[column] == FLOAT) {
            return Float.intBitsToFloat((int) longs[column][row]);
        }
        throw invalid(column, "not a DOUBLE or FLOAT column");
    }

    public boolean getBoolean(int row, int column) {
        checkRow(row);
        expect(column, BOOLEAN);
        return !nulls[column][row] && longs[column][row] != 0;
    }

    /** The nanos of a TIMESTAMP, TIMESTAMP_NTZ or INTERVAL_DAY_TIME cell. */
    public int getNanos(int row, int column) {
        checkRow(row);
        expect(column, SECONDS_NANOS);
        return nulls[column][row] ? 0 : ints[column][row];
    }

    /** The array holding a BYTES column's values (valid until the batch is changed); see {@link #bytesOffset}. */
    public byte[] bytesArray(int column) {
        expect(column, BYTES);
        return heap[column];
    }

    public int bytesOffset(int row, int column) {
        checkRow(row);
        expect(column, BYTES);
        return starts[column][row];
    }

    /** The byte length of a BYTES cell (0 for NULL). */
    public int bytesLength(int row, int column) {
        checkRow(row);
        expect(column, BYTES);
        return nulls[column][row] ? 0 : lengths[column][row];
    }

    /** A copy of a BYTES cell's bytes, or null for NULL. */
    public byte @Nullable [] getBytes(int row, int column) {
        checkRow(row);
        expect(column, BYTES);
        if (nulls[column][row]) {
            return null;
        }
        int start = starts[column][row];
        return Arrays.copyOfRange(heap[column], start, start + lengths[column][row]);
    }

    /** A copy of a non-NULL BYTES cell's bytes. */
    private byte[] cellBytes(int row, int column) {
        int start = starts[column][row];
        return Arrays.copyOfRange(heap[column], start, start + lengths[column][row]);
    }

    /** A BYTES cell decoded as UTF-8 (malformed sequences become U+FFFD), or null for NULL. */
    public @Nullable String getString(int row, int column) {
        checkRow(row);
        expect(column, BYTES);
        if (nulls[column][row]) {
            return null;
        }
        return new String(heap[column], starts[column][row], lengths[column][row], StandardCharsets.UTF_8);
    }

    /** Whether a DECIMAL cell is held as unscaled long and scale (false for NULL and for larger values). */
    public boolean isCompactDecimal(int row, int column) {
        checkRow(row);
        expect(column, DECIMAL);
        return !nulls[column][row] && ints[column][row] >= 0;
    }

    public long getUnscaled(int row, int column) {
        if (!isCompactDecimal(row, column)) {
            throw invalid(column, "row " + row + " holds no compact decimal");
        }
        return longs[column][row];
    }

    public int getScale(int row, int column) {
        if (!isCompactDecimal(row, column)) {
            throw invalid(column, "row " + row + " holds no compact decimal");
        }
        return ints[column][row];
    }

    public @Nullable BigDecimal getDecimal(int row, int column) {
        checkRow(row);
        expect(column, DECIMAL);
        if (nulls[column][row]) {
            return null;
        }
        int scale = ints[column][row];
        return scale >= 0 ? BigDecimal.valueOf(longs[column][row], scale) : (BigDecimal) objects[column][row];
    }

    /**
     * A cell as the value object {@link RecordStreamDecoder#read()} returns for it (made now; null for NULL):
     * {@code Long}/{@code Integer}/{@code Short}/{@code Byte}, {@code Double}, {@code Float}, {@code Boolean},
     * {@link OdpsString}, {@link OdpsBinary}, {@code String}, {@code BigDecimal}, {@code LocalDate}, {@code Instant},
     * {@code LocalDateTime}, {@code Duration}, {@code Period} or the container value.
     */
    public @Nullable Object get(int row, int column) {
        checkRow(row);
        if (nulls[column][row]) {
            return null;
        }
        long v = longs[column] == null ? 0 : longs[column][row];
        return switch (kinds[column]) {
            case BIGINT -> v;
            case INT -> (int) v;
            case SMALLINT -> (short) v;
            case TINYINT -> (byte) v;
            case BOOLEAN -> v != 0;
            case DOUBLE -> Double.longBitsToDouble(v);
            case FLOAT -> Float.intBitsToFloat((int) v);
            case DATE -> LocalDate.ofEpochDay(v);
            case DATETIME -> Instant.ofEpochMilli(v);
            case INTERVAL_YEAR_MONTH -> Period.ofMonths((int) v).normalized();
            case TIMESTAMP -> Instant.ofEpochSecond(v, ints[column][row]);
            case TIMESTAMP_NTZ -> LocalDateTime.ofEpochSecond(v, ints[column][row], ZoneOffset.UTC);
            case INTERVAL_DAY_TIME -> Duration.ofSeconds(v, ints[column][row]);
            case STRING -> OdpsString.wrap(cellBytes(row, column));
            case BINARY -> OdpsBinary.wrap(cellBytes(row, column));
            case VARCHAR, CHAR, JSON -> getString(row, column);
            case DECIMAL -> getDecimal(row, column);
            default -> objects[column][row];
        };
    }

    /** The values of {@code row} as {@link #get} makes them, one per column. */
    public List<@Nullable Object> row(int row) {
        List<@Nullable Object> out = new ArrayList<>(types.length);
        for (int c = 0; c < types.length; c++) {
            out.add(get(row, c));
        }
        return out;
    }
}
