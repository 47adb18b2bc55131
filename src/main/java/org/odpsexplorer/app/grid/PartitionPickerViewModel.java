package org.odpsexplorer.app.grid;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.UiExecutor;

/**
 * The partition picker: a table's partitions as the server lists them, narrowed by a {@link PartitionFilter}
 * expression typed into {@link #filterProperty()}. A bad expression keeps the last good list and shows the syntax
 * error in {@link #errorProperty()}. FX-thread confined; listing runs through the executor.
 *
 * <p>Scale: the listing is read page by page ({@code maxitems}/{@code marker}); the first page (of
 * {@value #FIRST_PAGE}) is shown as soon as it arrives and the rest is appended while the user already scrolls and
 * filters. The listing carries no record counts, so they are asked for one partition at a time, only for the rows on
 * screen ({@link #setVisibleRange}), at most {@value #COUNTS_IN_FLIGHT} at once; rows that scroll away before their
 * turn are dropped from the queue.
 */
public final class PartitionPickerViewModel {
    /** Size of the first listing page: one screen and a bit, so it arrives fast. */
    static final int FIRST_PAGE = 200;
    /** Size of the following pages (the largest the service serves). */
    static final int NEXT_PAGES = 1000;
    /** Record-count requests running at once. */
    static final int COUNTS_IN_FLIGHT = 2;

    private final TableBackend backend;
    private final UiExecutor tasks;
    private final ObservableList<PartitionEntry> all = FXCollections.observableArrayList();
    private final ObservableList<PartitionEntry> shown = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ObjectProperty<@Nullable PartitionEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private Set<String> keys = Set.of();
    private long generation;
    private @Nullable String table;
    /** Record counts by spec, as they arrive. */
    private final Map<String, Long> counts = new HashMap<>();
    /** Specs whose count is being fetched. */
    private final Set<String> countsRunning = new HashSet<>();
    /** Specs on screen still without a count, in screen order. */
    private final Deque<String> countsWanted = new ArrayDeque<>();

    public PartitionPickerViewModel(TableBackend backend, UiExecutor tasks) {
        this.backend = backend;
        this.tasks = tasks;
        filter.addListener((obs, o, n) -> applyFilter());
    }

    /** Lists the partitions of {@code table} page by page; {@code then} runs with the full list once all arrived. */
    public void load(String table, Consumer<List<PartitionEntry>> then) {
        long seen = ++generation;
        this.table = table;
        counts.clear();
        countsRunning.clear();
        countsWanted.clear();
        all.clear();
        shown.clear();
        loading.set(true);
        error.set("Loading partitions…");
        tasks.run(() -> new FirstPage(backend.schema(table).partitionKeys().stream().map(c -> c.name())
                        .collect(Collectors.toSet()), backend.listPartitionPage(table, null, null, FIRST_PAGE)),
                first -> {
                    if (seen != generation) {
                        return;
                    }
                    keys = first.keys();
                    arrived(seen, table, first.page(), then);
                },
                e -> failed(seen, e));
    }

    private record FirstPage(Set<String> keys, TableBackend.PartitionBatch page) {
    }

    private void arrived(long seen, String table, TableBackend.PartitionBatch page,
                         Consumer<List<PartitionEntry>> then) {
        all.addAll(withCounts(page.entries()));
        applyFilter();
        String marker = page.marker();
        if (marker == null) {
            loading.set(false);
            error.set("");
            then.accept(List.copyOf(all));
            return;
        }
        error.set(String.format(Locale.ROOT, "Loading partitions… %,d so far", all.size()));
        tasks.run(() -> backend.listPartitionPage(table, null, marker, NEXT_PAGES), next -> {
            if (seen == generation) {
                arrived(seen, table, next, then);
            }
        }, e -> failed(seen, e));
    }

    private void failed(long seen, Throwable e) {
        if (seen == generation) {
            loading.set(false);
            error.set("Could not list partitions: " + ErrorText.summary(e));
        }
    }

    private List<PartitionEntry> withCounts(List<PartitionEntry> entries) {
        return entries.stream().map(p -> {
            Long c = counts.get(p.spec());
            return c == null || p.recordCount() >= 0 ? p : new PartitionEntry(p.values(), c);
        }).toList();
    }

    private void applyFilter() {
        try {
            PartitionFilter f = PartitionFilter.parse(filter.get(), keys);
            shown.setAll(withCounts(all.stream().filter(p -> f.matches(p.values())).toList()));
            if (!loading.get() || !error.get().startsWith("Loading")) {
                error.set("");
            }
        } catch (PartitionFilter.FilterSyntaxException e) {
            error.set(e.getMessage());
        }
    }

    /**
     * The view reports the rows of {@link #shown()} on screen, {@code [from, to)}: their record counts are fetched
     * (the ones already known or running are not asked again); rows waiting from an earlier range are dropped.
     */
    public void setVisibleRange(int from, int to) {
        countsWanted.clear();
        for (int i = Math.max(0, from); i < Math.min(to, shown.size()); i++) {
            PartitionEntry p = shown.get(i);
            if (p.recordCount() < 0 && !counts.containsKey(p.spec()) && !countsRunning.contains(p.spec())) {
                countsWanted.add(p.spec());
            }
        }
        fetchCounts();
    }

    private void fetchCounts() {
        String t = table;
        while (t != null && countsRunning.size() < COUNTS_IN_FLIGHT && !countsWanted.isEmpty()) {
            String spec = countsWanted.poll();
            long seen = generation;
            countsRunning.add(spec);
            tasks.run(() -> backend.recordCount(t, spec), count -> counted(seen, spec, count), e -> {
                // a partition dropped meanwhile or a failed GET: the row just shows no count
                counted(seen, spec, -1L);
            });
        }
    }

    private void counted(long seen, String spec, long count) {
        if (seen != generation) {
            return;
        }
        countsRunning.remove(spec);
        counts.put(spec, count);
        if (count >= 0) {
            replace(all, spec, count);
            replace(shown, spec, count);
        }
        fetchCounts();
    }

    private static void replace(ObservableList<PartitionEntry> list, String spec, long count) {
        for (int i = 0; i < list.size(); i++) {
            PartitionEntry p = list.get(i);
            if (p.spec().equals(spec)) {
                list.set(i, new PartitionEntry(p.values(), count));
                return;
            }
        }
    }

    /** Partitions passing the filter (the list the picker shows). */
    public ObservableList<PartitionEntry> shown() {
        return shown;
    }

    /** Every listed partition so far. */
    public ObservableList<PartitionEntry> all() {
        return all;
    }

    /** True while pages of the listing are still arriving. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public void setFilter(String value) {
        filter.set(value);
    }

    /** Syntax error of the filter, a listing failure, or the listing's progress; empty when fine. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ObjectProperty<@Nullable PartitionEntry> selectedProperty() {
        return selected;
    }
}
