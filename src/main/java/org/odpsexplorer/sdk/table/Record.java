package org.odpsexplorer.sdk.table;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsBinary;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.OdpsStruct;
import org.odpsexplorer.wire.tunnel.OdpsType;

/**
 * One row of a table's data columns (partition columns are not part of rows, as in the tunnel), as PyODPS's
 * {@code Record}: values addressable by index and by column name (case-insensitive), {@code null} for NULL.
 *
 * <p>Values have the Java type of their column as the record codec maps it (see
 * {@link org.odpsexplorer.wire.tunnel.RecordStreamEncoder}): BIGINT {@code Long}, STRING {@link OdpsString} (exact
 * bytes; not valid UTF-8 is kept, never an error), BINARY {@link OdpsBinary}, DATETIME {@code Instant}, and so on.
 * {@link #set} normalises the obvious conveniences so that {@link #get} always returns the column's type:
 * {@code Integer}/{@code Short}/{@code Byte} for BIGINT become {@code Long} (and likewise for the narrower integer
 * types when in range), {@code String} or {@code byte[]} for STRING become {@link OdpsString}, {@code byte[]} for BINARY
 * becomes {@link OdpsBinary}. Other mismatches are rejected by {@link #set} with {@link IllegalArgumentException}
 * (class) or at write time (range).
 *
 * <p>Mutable and not thread-safe.
 */
public final class Record {
    private final List<Column> columns;
    private final @Nullable Object[] values;

    /** An all-NULL record for these columns. */
    public Record(List<Column> columns) {
        this.columns = List.copyOf(columns);
        this.values = new Object[this.columns.size()];
    }

    /** A record taking ownership of already-typed values (from the decoder); no copies. */
    Record(List<Column> columns, @Nullable Object[] decoded) {
        this.columns = columns;
        this.values = decoded;
    }

    /** The record's columns in order (immutable). */
    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return values.length;
    }

    /** The value at {@code index}, null for NULL. */
    public @Nullable Object get(int index) {
        return values[Objects.checkIndex(index, values.length)];
    }

    /**
     * The value of the column named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown column
     */
    public @Nullable Object get(String name) {
        return values[indexOf(name)];
    }

    /** The value as text: STRING bytes decoded as UTF-8 (malformed sequences as U+FFFD), others by toString. */
    public @Nullable String getString(int index) {
        Object v = get(index);
        return v == null ? null : v.toString();
    }

    /** {@link #getString(int)} by column name. */
    public @Nullable String getString(String name) {
        return getString(indexOf(name));
    }

    /**
     * Sets the value at {@code index} (null: NULL), normalised to the column's Java type.
     *
     * @throws IllegalArgumentException when the value's class does not fit the column type
     */
    public Record set(int index, @Nullable Object value) {
        Objects.checkIndex(index, values.length);
        values[index] = value == null ? null : normalise(columns.get(index), value);
        return this;
    }

    /** {@link #set(int, Object)} by column name (case-insensitive). */
    public Record set(String name, @Nullable Object value) {
        return set(indexOf(name), value);
    }

    /** Sets values from index 0 on; missing trailing values stay as they were. */
    public Record setAll(List<? extends @Nullable Object> newValues) {
        if (newValues.size() > values.length) {
            throw new IllegalArgumentException(newValues.size() + " values for " + values.length + " columns");
        }
        for (int i = 0; i < newValues.size(); i++) {
            set(i, newValues.get(i));
        }
        return this;
    }

    /** The values in column order (an unmodifiable snapshot; null elements are NULLs). */
    public List<@Nullable Object> values() {
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
    }

    /** Values for the encoder without copying; the caller must not keep or modify the list. */
    List<@Nullable Object> valuesView() {
        return Arrays.asList(values);
    }

    /**
     * Index of the column named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown column
     */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "' in " + columns.stream().map(Column::name).toList());
    }

    private static Object normalise(Column column, Object value) {
        OdpsType.Kind kind = column.type().kind();
        switch (kind) {
            case BIGINT, INT, SMALLINT, TINYINT -> {
                if (!(value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte)) {
                    throw wrong(column, value);
                }
                long v = ((Number) value).longValue();
                return switch (kind) {
                    case BIGINT -> v;
                    case INT -> narrow(column, v, Integer.MIN_VALUE, Integer.MAX_VALUE, (int) v);
                    case SMALLINT -> narrow(column, v, Short.MIN_VALUE, Short.MAX_VALUE, (short) v);
                    default -> narrow(column, v, Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) v);
                };
            }
            case STRING -> {
                if (value instanceof OdpsString) {
                    return value;
                }
                if (value instanceof String s) {
                    return OdpsString.of(s);
                }
                if (value instanceof byte[] b) {
                    return OdpsString.ofBytes(b);
                }
                throw wrong(column, value);
            }
            case BINARY -> {
                if (value instanceof OdpsBinary) {
                    return value;
                }
                if (value instanceof byte[] b) {
                    return OdpsBinary.of(b);
                }
                throw wrong(column, value);
            }
            case DOUBLE -> {
                if (value instanceof Float f) {
                    return f.doubleValue();
                }
                return expect(column, value, Double.class);
            }
            case FLOAT -> {
                return expect(column, value, Float.class);
            }
            case BOOLEAN -> {
                return expect(column, value, Boolean.class);
            }
            case VARCHAR, CHAR, JSON -> {
                return expect(column, value, String.class);
            }
            case DECIMAL -> {
                return expect(column, value, BigDecimal.class);
            }
            case DATE -> {
                return expect(column, value, LocalDate.class);
            }
            case DATETIME, TIMESTAMP -> {
                return expect(column, value, Instant.class);
            }
            case TIMESTAMP_NTZ -> {
                return expect(column, value, LocalDateTime.class);
            }
            case INTERVAL_DAY_TIME -> {
                return expect(column, value, Duration.class);
            }
            case INTERVAL_YEAR_MONTH -> {
                return expect(column, value, Period.class);
            }
            case ARRAY -> {
                return expect(column, value, List.class);
            }
            case MAP -> {
                return expect(column, value, Map.class);
            }
            case STRUCT -> {
                return expect(column, value, OdpsStruct.class);
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static Object narrow(Column column, long v, long min, long max, Object narrowed) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("column " + column.name() + " (" + column.type().typeName()
                    + "): " + v + " out of range");
        }
        return narrowed;
    }

    private static Object expect(Column column, Object value, Class<?> type) {
        if (!type.isInstance(value)) {
            throw wrong(column, value);
        }
        return value;
    }

    private static IllegalArgumentException wrong(Column column, Object value) {
        return new IllegalArgumentException("column " + column.name() + " (" + column.type().typeName()
                + ") cannot hold a " + value.getClass().getName());
    }

    /** Equal when the columns' names and types and all values are equal. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Record other) || other.values.length != values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            Column a = columns.get(i);
            Column b = other.columns.get(i);
            if (!a.name().equalsIgnoreCase(b.name()) || !a.type().equals(b.type())) {
                return false;
            }
        }
        return Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /**
     * PyODPS's record repr: {@code odps.Record {}, one line per column with the name padded to twice the longest
     * name and the value in Python repr style ({@code 'text'}, {@code None}, {@code True}), then {@code }}.
     */
    @Override
    public String toString() {
        int width = 0;
        for (Column c : columns) {
            width = Math.max(width, c.name().length());
        }
        width *= 2;
        StringBuilder out = new StringBuilder("odps.Record {\n");
        for (int i = 0; i < values.length; i++) {
            String name = columns.get(i).name();
            out.append("  ").append(name);
            out.append(" ".repeat(Math.max(0, width - name.length())));
            out.append(PythonRepr.of(values[i]));
            out.append('\n');
        }
        return out.append('}').toString();
    }
}
