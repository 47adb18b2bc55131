package org.odpsexplorer.wire.tunnel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A MaxCompute column type ({@code protocol/tunnel.md} §3.1, {@code protocol/rest.md} §8.1). Immutable; parse with {@link #parse}.
 * {@link #typeName()} is the canonical upper-case spelling the tunnel {@code Schema} uses ({@code DECIMAL(38,18)},
 * {@code ARRAY<BIGINT>}, {@code STRUCT<x:INT,y:STRING>}); {@link #lowerTypeName()} the lower-case one of the table
 * meta JSON (struct field names keep their case in both).
 */
public sealed interface OdpsType {
    /** Every type family; parametric families have their own record. */
    enum Kind {
        BIGINT, INT, SMALLINT, TINYINT, DOUBLE, FLOAT, BOOLEAN, STRING, VARCHAR, CHAR, BINARY, DECIMAL, DATE, DATETIME,
        TIMESTAMP, TIMESTAMP_NTZ, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH, JSON, ARRAY, MAP, STRUCT;

        boolean isParametric() {
            return this == VARCHAR || this == CHAR || this == DECIMAL || this == ARRAY || this == MAP || this == STRUCT;
        }
    }

    PrimitiveType BIGINT = new PrimitiveType(Kind.BIGINT);
    PrimitiveType INT = new PrimitiveType(Kind.INT);
    PrimitiveType SMALLINT = new PrimitiveType(Kind.SMALLINT);
    PrimitiveType TINYINT = new PrimitiveType(Kind.TINYINT);
    PrimitiveType DOUBLE = new PrimitiveType(Kind.DOUBLE);
    PrimitiveType FLOAT = new PrimitiveType(Kind.FLOAT);
    PrimitiveType BOOLEAN = new PrimitiveType(Kind.BOOLEAN);
    PrimitiveType STRING = new PrimitiveType(Kind.STRING);
    PrimitiveType BINARY = new PrimitiveType(Kind.BINARY);
    PrimitiveType DATE = new PrimitiveType(Kind.DATE);
    PrimitiveType DATETIME = new PrimitiveType(Kind.DATETIME);
    PrimitiveType TIMESTAMP = new PrimitiveType(Kind.TIMESTAMP);
    PrimitiveType TIMESTAMP_NTZ = new PrimitiveType(Kind.TIMESTAMP_NTZ);
    PrimitiveType INTERVAL_DAY_TIME = new PrimitiveType(Kind.INTERVAL_DAY_TIME);
    PrimitiveType INTERVAL_YEAR_MONTH = new PrimitiveType(Kind.INTERVAL_YEAR_MONTH);
    PrimitiveType JSON = new PrimitiveType(Kind.JSON);

    Kind kind();

    /** Canonical upper-case spelling, e.g. {@code MAP<STRING,BIGINT>}. */
    default String typeName() {
        StringBuilder out = new StringBuilder();
        TypeStrings.append(this, out, true);
        return out.toString();
    }

    /** Lower-case spelling used in table meta JSON, e.g. {@code map<string,bigint>}. */
    default String lowerTypeName() {
        StringBuilder out = new StringBuilder();
        TypeStrings.append(this, out, false);
        return out.toString();
    }

    /**
     * Parses a type string case-insensitively; bare {@code DECIMAL} means {@code DECIMAL(38,18)} ({@code protocol/instances.md}
     * §7).
     *
     * @throws IllegalArgumentException with the offending text when it is not a supported type
     */
    static OdpsType parse(String text) {
        return TypeStrings.parse(text);
    }

    /** A type without parameters. */
    record PrimitiveType(Kind kind) implements OdpsType {
        public PrimitiveType {
            Objects.requireNonNull(kind, "kind == null");
            if (kind.isParametric()) {
                throw new IllegalArgumentException(kind + " needs parameters");
            }
        }

        @Override
        public String toString() {
            return typeName();
        }
    }

    /** {@code DECIMAL(precision, scale)}: 1 ≤ precision ≤ 38, 0 ≤ scale ≤ precision. */
    record DecimalType(int precision, int scale) implements OdpsType {
        public DecimalType {
            if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("invalid decimal(" + precision + "," + scale + ")");
            }
        }

        @Override
        public Kind kind() {
            return Kind.DECIMAL;
        }

        @Override
        public String toString() {
            return typeName();
        }
    }

    /** {@code VARCHAR(length)}, length in characters, 1…65535. */
    record VarcharType(int length) implements OdpsType {
        public VarcharType {
            if (length < 1 || length > 65535) {
                throw new IllegalArgumentException("invalid varchar length " + length);
            }
        }

        @Override
        public Kind kind() {
            return Kind.VARCHAR;
        }

        @Override
        public String toString() {
            return typeName();
        }
    }

    /** {@code CHAR(length)}, length in characters, 1…255. */
    record CharType(int length) implements OdpsType {
        public CharType {
            if (length < 1 || length > 255) {
                throw new IllegalArgumentException("invalid char length " + length);
            }
        }

        @Override
        public Kind kind() {
            return Kind.CHAR;
        }

        @Override
        public String toString() {
            return typeName();
        }
    }

    record ArrayType(OdpsType element) implements OdpsType {
        public ArrayType {
            Objects.requireNonNull(element, "element == null");
        }

        @Override
        public Kind kind() {
            return Kind.ARRAY;
        }

        @Override
        public String toString() {
            return typeName();
        }
    }

    record MapType(OdpsType key, OdpsType value) implements OdpsType {
        public MapType {
            Objects.requireNonNull(key, "key == null");
            Objects.requireNonNull(value, "value == null");
        }

        @Override
        public Kind kind() {
            return Kind.MAP;
        }

        @Override
        public String toString() {
            return typeName();
        }
    }

    /** One named member of a struct. Names are compared case-insensitively by MaxCompute but kept as written. */
    record StructField(String name, OdpsType type) {
        public StructField {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(type, "type == null");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty struct field name");
            }
        }
    }

    record StructType(List<StructField> fields) implements OdpsType {
        public StructType {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("struct without fields");
            }
            List<String> seen = new ArrayList<>();
            for (StructField f : fields) {
                String lower = f.name().toLowerCase(Locale.ROOT);
                if (seen.contains(lower)) {
                    throw new IllegalArgumentException("duplicate struct field " + f.name());
                }
                seen.add(lower);
            }
        }

        @Override
        public Kind kind() {
            return Kind.STRUCT;
        }

        @Override
        public String toString() {
            return typeName();
        }
    }
}
