package org.odpsexplorer.wire.tunnel;

import java.util.Objects;

/**
 * One table column (data or partition key). {@code comment} is {@code ""} when absent; {@code nullable} is what the
 * schema JSON says (informational for the clients, {@code protocol/tunnel.md} §3.1).
 */
public record Column(String name, OdpsType type, String comment, boolean nullable) {
    public Column {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(comment, "comment == null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty column name");
        }
    }

    /** A nullable column without comment. */
    public static Column of(String name, OdpsType type) {
        return new Column(name, type, "", true);
    }

    /** A nullable column without comment, type given as a type string. */
    public static Column of(String name, String type) {
        return new Column(name, OdpsType.parse(type), "", true);
    }
}
