package org.odpsexplorer.emulator.rest;

import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.http.ApiException;
import org.odpsexplorer.wire.OdpsHeaders;

/**
 * The source string of a table resource ({@code rest.md} §7.7):
 * {@code tableref [" partition(" spec ")"]} with {@code tableref = project.table | project.schema.table | table}.
 * Stored and returned exactly as sent, except that a bare table name gets the request's project in front, because
 * both official clients reject an unqualified source when they read it back.
 */
final class TableSource {
    private static final String PARTITION = " partition(";

    private TableSource() {
    }

    /** Checks the shape and project-qualifies a bare table name; malformed → 400 {@code InvalidParameter}. */
    static String normalize(@Nullable String source, String project) {
        if (source == null || source.isBlank()) {
            throw ApiException.invalid("ODPS-0420111:Missing header " + OdpsHeaders.COPY_TABLE_SOURCE);
        }
        int p = source.indexOf(PARTITION);
        String table = p < 0 ? source : source.substring(0, p);
        String rest = p < 0 ? "" : source.substring(p);
        if (p >= 0 && (!rest.endsWith(")") || rest.length() <= PARTITION.length() + 1)) {
            throw malformed(source);
        }
        if (table.isEmpty() || table.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw malformed(source);
        }
        for (String part : table.split("\\.", -1)) {
            if (part.isEmpty()) {
                throw malformed(source);
            }
        }
        int dots = table.length() - table.replace(".", "").length();
        if (dots > 2) {
            throw malformed(source);
        }
        return dots == 0 ? project + "." + source : source;
    }

    private static ApiException malformed(String source) {
        return ApiException.invalid("ODPS-0420111:Malformed source table name - " + source);
    }
}
