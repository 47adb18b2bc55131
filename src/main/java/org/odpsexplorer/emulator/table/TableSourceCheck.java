package org.odpsexplorer.emulator.table;

import java.util.function.Consumer;
import org.odpsexplorer.emulator.http.ApiException;

/**
 * Rejects a table resource whose source table does not exist (404 {@code NoSuchObject}, like a table GET). The
 * partition part is not checked: clients may create it after the resource, and a dropped table leaves existing
 * resources untouched ({@code instances.md} §7). Expects the source already normalised to
 * {@code project.table} / {@code project.schema.table} (+ {@code " partition(...)"}).
 */
public final class TableSourceCheck implements Consumer<String> {
    private static final String PARTITION = " partition(";

    private final TableStore tables;

    public TableSourceCheck(TableStore tables) {
        this.tables = tables;
    }

    @Override
    public void accept(String source) {
        int p = source.indexOf(PARTITION);
        String[] parts = (p < 0 ? source : source.substring(0, p)).split("\\.");
        String project = parts[0];
        String table = parts[parts.length - 1];
        if (parts.length < 2 || tables.findTable(project, table).isEmpty()) {
            throw ApiException.notFound("ODPS-0130131:Table not found - '" + project + "." + table + "'");
        }
    }
}
