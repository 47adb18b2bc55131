package org.odpsexplorer.emulator.table;

import java.util.function.Consumer;
import org.odpsexplorer.emulator.http.ApiException;
import org.odpsexplorer.wire.TableSource;

/**
 * Rejects a table resource whose source table does not exist (404 {@code NoSuchObject}, like a table GET). The
 * partition part is not checked: clients may create it after the resource, and a dropped table leaves existing
 * resources untouched ({@code protocol/instances.md} §7). Expects the source already normalised to
 * {@code project.table} / {@code project.schema.table} (+ {@code " partition(...)"}).
 */
public final class TableSourceCheck implements Consumer<String> {
    private final TableStore tables;

    public TableSourceCheck(TableStore tables) {
        this.tables = tables;
    }

    @Override
    public void accept(String source) {
        TableSource parsed = TableSource.parse(source);
        String project = parsed.project();
        String table = parsed.table();
        if (project == null || tables.findTable(project, table).isEmpty()) {
            throw ApiException.notFound("ODPS-0130131:Table not found - '" + project + "." + table + "'");
        }
    }
}
