package org.odpsexplorer.emulator.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing ordered by {@code name}, as every MaxCompute list call pages: optional name prefix and owner
 * filters, names after the marker only, and one row more than asked so the caller knows whether more follow.
 */
final class NamePageQuery {
    /** Reads one row of a result set into a record. */
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private NamePageQuery() {
    }

    /**
     * Runs {@code selectWhere} (a {@code SELECT ... WHERE ...} with {@code baseArgs} bound to its placeholders) with
     * the filters appended and returns up to {@code maxItems + 1} rows.
     */
    static <T> List<T> run(Connection c, String selectWhere, List<Object> baseArgs, @Nullable String prefix,
                           @Nullable String owner, @Nullable String after, int maxItems, RowReader<T> reader)
            throws SQLException {
        StringBuilder sql = new StringBuilder(selectWhere);
        List<Object> args = new ArrayList<>(baseArgs);
        if (prefix != null && !prefix.isEmpty()) {
            // substr/length compare whole characters; no LIKE, so % and _ in names need no escaping
            sql.append(" AND substr(name, 1, length(?)) = ?");
            args.add(prefix);
            args.add(prefix);
        }
        if (owner != null && !owner.isEmpty()) {
            sql.append(" AND owner = ?");
            args.add(owner);
        }
        if (after != null) {
            sql.append(" AND name > ?");
            args.add(after);
        }
        sql.append(" ORDER BY name LIMIT ?");
        args.add(maxItems + 1);
        List<T> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
        }
        return out;
    }
}
