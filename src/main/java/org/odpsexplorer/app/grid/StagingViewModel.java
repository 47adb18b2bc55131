package org.odpsexplorer.app.grid;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.wire.tunnel.Column;

/**
 * The staging grid of "Append rows…": rows typed or pasted (CSV/TSV) as text, each cell checked against its column
 * type as it changes ({@link ValueText#parse}); Commit writes every row in one upload session, or nothing when any
 * cell is invalid. "Overwrite partition" is the same write replacing the partition's rows, after a confirmation.
 * FX-thread confined; the write runs through the executor.
 */
public final class StagingViewModel {
    /** One staged row: a text and an error (empty when valid) per column. */
    public final class Row {
        private final List<StringProperty> cells = new ArrayList<>();
        private final List<ReadOnlyStringWrapper> errors = new ArrayList<>();

        Row(List<String> values) {
            for (int i = 0; i < columns.size(); i++) {
                int column = i;
                StringProperty cell = new SimpleStringProperty(this, columns.get(i).name(),
                        i < values.size() ? values.get(i) : "");
                ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
                cell.addListener((obs, o, n) -> {
                    error.set(check(column, n));
                    updateSummary();
                });
                error.set(check(column, cell.get()));
                cells.add(cell);
                errors.add(error);
            }
        }

        public StringProperty cell(int column) {
            return cells.get(column);
        }

        /** Empty when the cell's text is a valid value of its column. */
        public ReadOnlyStringProperty error(int column) {
            return errors.get(column).getReadOnlyProperty();
        }

        List<@Nullable Object> typed() {
            List<@Nullable Object> out = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                out.add(ValueText.parse(cells.get(i).get(), columns.get(i).type(), zone));
            }
            return out;
        }
    }

    private final TableBackend backend;
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final String table;
    private final @Nullable String partition;
    private final List<Column> columns;
    private final ZoneId zone;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper committed = new ReadOnlyBooleanWrapper(this, "committed");

    /**
     * @param partition the partition written to (tunnel form), null for an unpartitioned table
     * @param zone      wall-clock zone DATETIME / TIMESTAMP cells are typed in
     */
    public StagingViewModel(TableBackend backend, UiExecutor tasks, Dialogs dialogs, String table,
                            @Nullable String partition, List<Column> columns, ZoneId zone) {
        this.backend = backend;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.table = table;
        this.partition = partition;
        this.columns = List.copyOf(columns);
        this.zone = zone;
        updateSummary();
    }

    private String check(int column, String text) {
        try {
            ValueText.parse(text, columns.get(column).type(), zone);
            return "";
        } catch (ValueText.InvalidValueException e) {
            return Objects.requireNonNullElse(e.getMessage(), "not a valid value");
        }
    }

    public List<Column> columns() {
        return columns;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** Adds an empty row (all NULL) and returns it. */
    public Row addRow() {
        return addRow(List.of());
    }

    /** Adds a row with these cell texts (missing trailing cells are empty = NULL). */
    public Row addRow(List<String> texts) {
        Row row = new Row(texts);
        rows.add(row);
        updateSummary();
        return row;
    }

    public void removeRow(Row row) {
        rows.remove(row);
        updateSummary();
    }

    /**
     * Adds one row per CSV/TSV record of {@code text} (tab-separated when the first line holds a tab, else
     * comma-separated; RFC 4180 quoting). A first record equal to the column names is taken as a header and skipped.
     *
     * @return rows added; 0 with a message when the text is not valid CSV
     */
    public int paste(String text) {
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = firstLine.indexOf('\t') >= 0 ? '\t' : ',';
        List<List<String>> records;
        try {
            records = Csv.parse(text, delimiter);
        } catch (Csv.CsvSyntaxException e) {
            message.set("Cannot paste: " + e.getMessage());
            return 0;
        }
        int added = 0;
        for (int i = 0; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (i == 0 && isHeader(r)) {
                continue;
            }
            addRow(r);
            added++;
        }
        return added;
    }

    private boolean isHeader(List<String> record) {
        if (record.size() != columns.size()) {
            return false;
        }
        for (int i = 0; i < record.size(); i++) {
            if (!record.get(i).trim().equalsIgnoreCase(columns.get(i).name())) {
                return false;
            }
        }
        return true;
    }

    /** Number of invalid cells. */
    public int errorCount() {
        int n = 0;
        for (Row r : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (!r.error(i).get().isEmpty()) {
                    n++;
                }
            }
        }
        return n;
    }

    private void updateSummary() {
        if (busy.get()) {
            return;
        }
        String first = firstError();
        int errors = errorCount();
        message.set(first == null ? rows.size() + " row" + (rows.size() == 1 ? "" : "s") + " staged"
                : errors + " invalid cell" + (errors == 1 ? "" : "s") + "; first: " + first);
    }

    private @Nullable String firstError() {
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < columns.size(); i++) {
                String e = rows.get(r).error(i).get();
                if (!e.isEmpty()) {
                    return "row " + (r + 1) + ", " + columns.get(i).name() + ": " + e;
                }
            }
        }
        return null;
    }

    /** Appends every staged row in one session; refused (nothing written) while a cell is invalid. */
    public void commit(Runnable onDone) {
        write(false, onDone);
    }

    /** Replaces the partition's rows with the staged rows, after a confirmation; refused while a cell is invalid. */
    public void overwritePartition(Runnable onDone) {
        write(true, onDone);
    }

    private void write(boolean overwrite, Runnable onDone) {
        String first = firstError();
        if (first != null) {
            message.set("Nothing written: " + errorCount() + " invalid cell" + (errorCount() == 1 ? "" : "s")
                    + "; first: " + first);
            return;
        }
        if (rows.isEmpty() && !overwrite) {
            message.set("Nothing to commit: add or paste rows first");
            return;
        }
        String target = partition == null ? table : table + " partition " + partition;
        if (overwrite && !dialogs.confirm("Overwrite partition", "Replace all rows of " + target + " with the "
                + rows.size() + " staged row" + (rows.size() == 1 ? "" : "s") + "?\nThe current rows are deleted.",
                "Overwrite")) {
            return;
        }
        List<List<@Nullable Object>> typed = new ArrayList<>(rows.size());
        rows.forEach(r -> typed.add(r.typed()));
        busy.set(true);
        message.set("Writing " + typed.size() + " rows to " + target + "…");
        tasks.run(() -> {
            backend.write(table, partition, overwrite, typed);
            return typed.size();
        }, n -> {
            busy.set(false);
            rows.clear();
            message.set((overwrite ? "Overwrote " : "Appended ") + n + " row" + (n == 1 ? "" : "s") + " to " + target);
            committed.set(true);
            onDone.run();
        }, e -> {
            busy.set(false);
            message.set("Nothing written: " + ErrorText.summary(e));
            dialogs.showError("Could not write to " + target, e);
        });
    }

    /** Summary of the staged rows, or why a commit was refused, or the outcome of the last write. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once a write succeeded. */
    public ReadOnlyBooleanProperty committedProperty() {
        return committed.getReadOnlyProperty();
    }
}
