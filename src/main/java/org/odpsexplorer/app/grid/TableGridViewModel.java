package org.odpsexplorer.app.grid;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.wire.TableSource;
import org.odpsexplorer.wire.tunnel.TableSchema;
import org.slf4j.LoggerFactory;

/**
 * State and commands of one table-resource grid: which partition is shown, the bounded {@link RecordWindow} of its
 * records (pages of {@link #pageSizeProperty()} rows, default {@value #DEFAULT_PAGE_SIZE}), navigation (first,
 * previous, next, last, go to row, lazy next/previous page while scrolling), the time zone values are shown in, and
 * re-pointing the resource. The status line names the rows on screen as the view reports them
 * ({@link #setVisibleRows}), else the held rows. {@link #position()} and {@link #open(Position)} remember and restore
 * where the user was. FX-thread confined; every read goes through the {@link UiExecutor}, and a result that arrives
 * after a newer request is dropped (latest request wins).
 */
public final class TableGridViewModel {
    public static final int DEFAULT_PAGE_SIZE = 200;
    /** Pages held at once; with the default page size, 600 rows whatever the partition's size. */
    static final int MAX_PAGES = 3;

    private final TableBackend backend;
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final String resourceName;
    private final PartitionPickerViewModel picker;
    private final RecordWindow window = new RecordWindow(DEFAULT_PAGE_SIZE, MAX_PAGES);
    private final ObservableList<RecordWindow.Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper table = new ReadOnlyStringWrapper(this, "table", "");
    private final ReadOnlyObjectWrapper<@Nullable TableSchema> schema = new ReadOnlyObjectWrapper<>(this, "schema");
    private final ReadOnlyObjectWrapper<@Nullable TableSource> source = new ReadOnlyObjectWrapper<>(this, "source");
    private final ReadOnlyStringWrapper partition = new ReadOnlyStringWrapper(this, "partition", "");
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", -1);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Loading…");
    private final ReadOnlyObjectWrapper<@Nullable Long> focusRow = new ReadOnlyObjectWrapper<>(this, "focusRow");
    private final ReadOnlyObjectWrapper<@Nullable Long> scrollRequest =
            new ReadOnlyObjectWrapper<>(this, "scrollRequest");
    private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(this, "zone", ZoneId.of("UTC"));
    private final IntegerProperty pageSize = new SimpleIntegerProperty(this, "pageSize", DEFAULT_PAGE_SIZE);
    private @Nullable RecordPager pager;
    private long generation;
    private boolean edgeLoading;
    /** Rows on screen as the view last reported them (0-based, inclusive); -1 while unknown. */
    private long visibleFirst = -1;
    private long visibleLast = -1;
    /** Said after the range in the status line until another partition is shown (a restore that fell back). */
    private String notice = "";

    /**
     * Where a grid was, to reopen it there.
     *
     * @param partition the shown partition in tunnel form; "" for a whole table or "where the resource points"
     * @param topRow    0-based index of the first row on screen
     */
    public record Position(String partition, long topRow) {
        public Position {
            Objects.requireNonNull(partition, "partition == null");
            topRow = Math.max(0, topRow);
        }
    }

    public TableGridViewModel(TableBackend backend, UiExecutor tasks, Dialogs dialogs, String resourceName) {
        this.backend = backend;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.resourceName = resourceName;
        this.picker = new PartitionPickerViewModel(backend, tasks);
        zone.addListener((obs, o, n) -> updateStatus());
        pageSize.addListener((obs, o, n) -> {
            if (n.intValue() < 1) {
                pageSize.set(o.intValue());
                return;
            }
            window.setPageSize(n.intValue());
            if (pager != null) {
                loadPage(0, null);
            }
        });
    }

    /** Reads where the resource points and shows that partition. */
    public void open() {
        open(null);
    }

    /**
     * Reads where the resource points and shows that partition; with {@code restore}, shows the remembered partition
     * scrolled to the remembered row instead. A remembered partition that no longer exists falls back to the
     * resource's partition from the top, and the status line says so.
     */
    public void open(@Nullable Position restore) {
        loading.set(true);
        tasks.run(() -> {
            TableSource src = backend.resourceSource(resourceName);
            TableSchema tableSchema = backend.schema(src.qualifiedTable());
            @Nullable String pointed = spec(src.partition());
            if (restore == null) {
                return new Opened(src, tableSchema, pointed, 0, "");
            }
            String wanted = restore.partition();
            if (wanted.isEmpty() || wanted.equals(pointed)) {
                return new Opened(src, tableSchema, pointed, restore.topRow(), "");
            }
            // listing only where there are partitions: an unpartitioned table has none to list
            // one request narrowed to the wanted spec, not the whole listing (tables may have thousands)
            boolean exists = !tableSchema.partitionKeys().isEmpty() && backend.listPartitionPage(src.qualifiedTable(),
                    wanted, null, 10).entries().stream().anyMatch(p -> p.spec().equals(wanted));
            return exists ? new Opened(src, tableSchema, wanted, restore.topRow(), "")
                    : new Opened(src, tableSchema, pointed, 0, wanted + " no longer exists");
        }, opened -> {
            source.set(opened.source());
            table.set(opened.source().qualifiedTable());
            schema.set(opened.schema());
            picker.load(table.get(), list -> { });
            if (!opened.notice().isEmpty()) {
                LoggerFactory.getLogger(TableGridViewModel.class).info("reopening {}: {}", resourceName,
                        opened.notice());
            }
            show(opened.partition(), opened.topRow(), opened.notice());
        }, e -> fail("Could not open " + resourceName, e));
    }

    private record Opened(TableSource source, TableSchema schema, @Nullable String partition, long topRow,
                          String notice) {
    }

    private static @Nullable String spec(Map<String, String> values) {
        return values.isEmpty() ? null : new PartitionEntry(values, -1).spec();
    }

    /** Shows {@code spec} (null: the whole unpartitioned table) from its first page. */
    public void showPartition(@Nullable String spec) {
        show(spec, 0, "");
    }

    /**
     * Shows {@code spec} from the page holding row {@code topRow} (clamped to the rows there are), with
     * {@code newNotice} after the range in the status line.
     */
    private void show(@Nullable String spec, long topRow, String newNotice) {
        long seen = ++generation;
        closePager();
        partition.set(spec == null ? "" : spec);
        notice = newNotice;
        window.clear();
        rows.clear();
        total.set(-1);
        forgetVisibleRows();
        loading.set(true);
        status.set("Loading " + (spec == null ? table.get() : spec) + "…");
        String t = table.get();
        int size = window.pageSize();
        tasks.run(() -> {
            RecordPager p = backend.openPager(t, spec);
            try {
                long count = p.count();
                long top = Math.max(0, Math.min(topRow, count - 1));
                long start = top / size * size;
                return new FirstPage(p, count, start, top, p.read(start, size));
            } catch (RuntimeException e) {
                p.close();
                throw e;
            }
        }, first -> {
            if (seen != generation) {
                first.pager().close();
                return;
            }
            pager = first.pager();
            total.set(first.count());
            window.replace(first.start(), first.page());
            rows.setAll(window.rows());
            loading.set(false);
            focusRow.set(null);
            scrollRequest.set(null);
            if (first.top() > 0) {
                scrollRequest.set(first.top());
            }
            updateStatus();
        }, e -> fail("Could not read " + (spec == null ? t : spec), e));
    }

    private record FirstPage(RecordPager pager, long count, long start, long top, List<List<@Nullable Object>> page) {
    }

    /** Re-reads the shown partition (after a write) and the partition counts, keeping the page. */
    public void refresh() {
        if (!table.get().isEmpty()) {
            picker.load(table.get(), list -> { });
        }
        long keep = window.start();
        String spec = partition.get().isEmpty() ? null : partition.get();
        showPartition(spec);
        if (keep > 0) {
            long seen = generation;
            // once the new snapshot is open, go back to the page the user was on
            total.addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Number> obs, Number o, Number n) {
                    total.removeListener(this);
                    if (seen == generation && n.longValue() > 0) {
                        loadPage(Math.min(keep, window.pageStart(n.longValue() - 1)), null);
                    }
                }
            });
        }
    }

    public void firstPage() {
        loadPage(0, null);
    }

    public void previousPage() {
        loadPage(Math.max(0, window.start() - window.pageSize()), null);
    }

    public void nextPage() {
        long next = window.pageStart(window.end() == window.start() ? 0 : window.end() - 1) + window.pageSize();
        if (next < total.get()) {
            loadPage(next, null);
        }
    }

    public void lastPage() {
        if (total.get() > 0) {
            loadPage(window.pageStart(total.get() - 1), null);
        }
    }

    /**
     * Shows the page holding row {@code rowNumber} (1-based, as the grid numbers rows) and asks the view to select
     * it through {@link #focusRowProperty()}.
     *
     * @return false (with a status message) when the number is outside 1…total
     */
    public boolean goToRow(long rowNumber) {
        if (rowNumber < 1 || rowNumber > total.get()) {
            status.set(String.format(Locale.ROOT, "No row %,d: rows are 1–%,d", rowNumber, Math.max(0, total.get())));
            return false;
        }
        long index = rowNumber - 1;
        loadPage(window.pageStart(index), index);
        return true;
    }

    private void loadPage(long start, @Nullable Long focus) {
        RecordPager p = pager;
        if (p == null) {
            return;
        }
        long seen = ++generation;
        edgeLoading = false;
        loading.set(true);
        int size = window.pageSize();
        tasks.run(() -> read(p, start, size), page -> {
            if (seen != generation) {
                return;
            }
            window.replace(start, page);
            forgetVisibleRows();
            rows.setAll(window.rows());
            loading.set(false);
            scrollRequest.set(null);
            focusRow.set(focus);
            updateStatus();
        }, e -> fail("Could not read rows", e));
    }

    /** Scrolling reached the bottom: appends the next page (dropping the oldest beyond the limit). */
    public void loadNextPage() {
        RecordPager p = pager;
        if (p == null || edgeLoading || loading.get() || window.end() >= total.get()) {
            return;
        }
        edgeLoading = true;
        long seen = generation;
        long start = window.end();
        int size = window.pageSize();
        tasks.run(() -> read(p, start, size), page -> {
            edgeLoading = false;
            if (seen != generation || start != window.end()) {
                return;
            }
            int before = window.rows().size();
            int dropped = window.append(page);
            rows.addAll(window.rows().subList(before - dropped, window.rows().size()));
            rows.remove(0, dropped);
            updateStatus();
        }, e -> {
            edgeLoading = false;
            fail("Could not read rows", e);
        });
    }

    /** Scrolling reached the top: prepends the previous page (dropping the newest beyond the limit). */
    public void loadPreviousPage() {
        RecordPager p = pager;
        if (p == null || edgeLoading || loading.get() || window.start() == 0) {
            return;
        }
        edgeLoading = true;
        long seen = generation;
        long start = Math.max(0, window.start() - window.pageSize());
        int size = (int) (window.start() - start);
        tasks.run(() -> read(p, start, size), page -> {
            edgeLoading = false;
            if (seen != generation || start + size != window.start()) {
                return;
            }
            int dropped = window.prepend(page);
            if (dropped > 0) {
                rows.remove(rows.size() - dropped, rows.size());
            }
            rows.addAll(0, window.rows().subList(0, page.size()));
            updateStatus();
        }, e -> {
            edgeLoading = false;
            fail("Could not read rows", e);
        });
    }

    private static List<List<@Nullable Object>> read(RecordPager p, long start, int size) {
        synchronized (p) { // one request at a time per download session
            return p.read(start, size);
        }
    }

    /**
     * Points the table resource at the shown partition after the user confirms ({@code update(partition, project)}).
     */
    public void pointResourceHere() {
        TableSource current = source.get();
        String spec = partition.get();
        if (current == null || spec.isEmpty()) {
            return;
        }
        if (!dialogs.confirm("Point resource here", "Point table resource " + resourceName + " at " + table.get()
                + " partition " + spec + "?\nJobs that use " + resourceName + " will read this partition.",
                "Point here")) {
            return;
        }
        tasks.run(() -> backend.pointResource(resourceName, spec, current.project()), updated -> {
            source.set(updated);
            updateStatus();
        }, e -> fail("Could not update " + resourceName, e));
    }

    private void closePager() {
        RecordPager p = pager;
        pager = null;
        if (p != null) {
            tasks.run(() -> {
                synchronized (p) {
                    p.close();
                }
                return Boolean.TRUE;
            }, ok -> { }, e -> LoggerFactory.getLogger(TableGridViewModel.class)
                    .debug("closing a reader failed", e));
        }
    }

    /** Releases the reader (tab closed). */
    public void dispose() {
        generation++;
        closePager();
    }

    private void fail(String what, Throwable e) {
        loading.set(false);
        status.set(what + ": " + ErrorText.summary(e));
        dialogs.showError(what, e);
    }

    /**
     * The view reports the rows on screen (0-based, inclusive; absolute row indices, not positions in
     * {@link #rows()}). A report outside the held rows is a stale one from before a jump and is ignored until the
     * next. Cheap when nothing changed, so the view may call it after every layout.
     */
    public void setVisibleRows(long first, long last) {
        if (first == visibleFirst && last == visibleLast) {
            return;
        }
        visibleFirst = first;
        visibleLast = last;
        updateStatus();
    }

    private void forgetVisibleRows() {
        visibleFirst = -1;
        visibleLast = -1;
    }

    /** Where the user is now: the shown partition and the first row on screen (the first held row if unknown). */
    public Position position() {
        return new Position(partition.get(), visibleKnown() ? visibleFirst : window.start());
    }

    private boolean visibleKnown() {
        return visibleFirst >= window.start() && visibleFirst <= visibleLast && visibleLast < window.end();
    }

    private void updateStatus() {
        long n = total.get();
        if (n < 0) {
            return;
        }
        String range;
        if (window.rows().isEmpty()) {
            range = String.format(Locale.ROOT, "No rows of %,d", n);
        } else if (visibleKnown()) {
            range = String.format(Locale.ROOT, "Rows %,d–%,d of %,d", visibleFirst + 1, visibleLast + 1, n);
        } else {
            range = String.format(Locale.ROOT, "Rows %,d–%,d of %,d", window.start() + 1, window.end(), n);
        }
        status.set(range + " · " + (partition.get().isEmpty() ? table.get() : partition.get()) + " · times in "
                + zone.get().getId() + (notice.isEmpty() ? "" : " · " + notice));
    }

    /** The partition the resource points at, in tunnel form, or "" for a whole table. */
    public String resourcePartition() {
        TableSource s = source.get();
        return s == null || s.partition().isEmpty() ? "" : s.partition().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    public String resourceName() {
        return resourceName;
    }

    public TableBackend backend() {
        return backend;
    }

    public PartitionPickerViewModel picker() {
        return picker;
    }

    /** The held rows, in order; the grid's items. */
    public ObservableList<RecordWindow.Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty tableProperty() {
        return table.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<@Nullable TableSchema> schemaProperty() {
        return schema.getReadOnlyProperty();
    }

    /** Where the resource points, as last read from or written to the server. */
    public ReadOnlyObjectProperty<@Nullable TableSource> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** The shown partition in tunnel form, "" for a whole table. */
    public ReadOnlyStringProperty partitionProperty() {
        return partition.getReadOnlyProperty();
    }

    /** Records in the shown snapshot, -1 while unknown. */
    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /**
     * "Rows x–y of N · partition · times in zone", x–y being the rows on screen (or, before the view reported them,
     * the held rows); or the last problem.
     */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** 0-based row the view should select and scroll to after {@link #goToRow}; null otherwise. */
    public ReadOnlyObjectProperty<@Nullable Long> focusRowProperty() {
        return focusRow.getReadOnlyProperty();
    }

    /**
     * 0-based row the view should scroll to the top of the viewport, without selecting it, after a restored
     * position was loaded ({@link #open(Position)}); null otherwise.
     */
    public ReadOnlyObjectProperty<@Nullable Long> scrollRequestProperty() {
        return scrollRequest.getReadOnlyProperty();
    }

    public ObjectProperty<ZoneId> zoneProperty() {
        return zone;
    }

    public IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    /** First held row (0-based). */
    public long windowStart() {
        return window.start();
    }
}
