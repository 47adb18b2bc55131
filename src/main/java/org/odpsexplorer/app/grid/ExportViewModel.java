package org.odpsexplorer.app.grid;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.wire.tunnel.Column;

/**
 * One CSV export with progress and cancel: the whole shown partition (its own reader over a fresh snapshot, read
 * page by page) or the selected rows. FX-thread confined; the export runs through the executor.
 */
public final class ExportViewModel {
    private final TableBackend backend;
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final AtomicBoolean cancel = new AtomicBoolean();

    public ExportViewModel(TableBackend backend, UiExecutor tasks, Dialogs dialogs) {
        this.backend = backend;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /** Exports every record of {@code partition} (null: the whole unpartitioned table) to {@code target}. */
    public void exportPartition(String table, @Nullable String partition, List<Column> columns,
                                CsvExport.Options options, Path target, Runnable onDone) {
        begin(target);
        tasks.run(() -> {
            try (RecordPager pager = backend.openPager(table, partition)) {
                long total = Math.max(1, pager.count());
                return CsvExport.exportAll(pager, columns, options, target,
                        done -> tasks.runOnUi(() -> progress.set((double) done / total)), cancel::get);
            }
        }, rows -> finish(rows, target, onDone), this::failed);
    }

    /** Exports rows the grid already holds (the selection). */
    public void exportRows(List<List<@Nullable Object>> rows, List<Column> columns, CsvExport.Options options,
                           Path target, Runnable onDone) {
        begin(target);
        tasks.run(() -> CsvExport.exportRows(rows, columns, options, target), n -> finish(n, target, onDone),
                this::failed);
    }

    private void begin(Path target) {
        cancel.set(false);
        progress.set(0);
        running.set(true);
        message.set("Exporting to " + target.getFileName() + "…");
    }

    private void finish(long rows, Path target, Runnable onDone) {
        running.set(false);
        progress.set(1);
        message.set(String.format(Locale.ROOT, "Exported %,d rows to %s", rows, target));
        onDone.run();
    }

    private void failed(Throwable e) {
        running.set(false);
        if (e instanceof CancellationException) {
            message.set("Export cancelled; no file written");
            return;
        }
        message.set("Export failed: " + ErrorText.summary(e));
        dialogs.showError("Export failed", e);
    }

    /** Stops a running export before its next page; the partial file is removed. */
    public void cancel() {
        cancel.set(true);
    }

    /** 0…1 of the rows written. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
