package org.odpsexplorer.app.grid;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
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
 * The partition picker: a table's partitions as the server lists them (with record counts), narrowed by a
 * {@link PartitionFilter} expression typed into {@link #filterProperty()}. A bad expression keeps the last good list
 * and shows the syntax error in {@link #errorProperty()}. FX-thread confined; listing runs through the executor.
 */
public final class PartitionPickerViewModel {
    private final TableBackend backend;
    private final UiExecutor tasks;
    private final ObservableList<PartitionEntry> all = FXCollections.observableArrayList();
    private final ObservableList<PartitionEntry> shown = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ObjectProperty<@Nullable PartitionEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private Set<String> keys = Set.of();
    private long generation;

    public PartitionPickerViewModel(TableBackend backend, UiExecutor tasks) {
        this.backend = backend;
        this.tasks = tasks;
        filter.addListener((obs, o, n) -> applyFilter());
    }

    /** Lists the partitions of {@code table}; {@code then} runs with the full list once shown. */
    public void load(String table, Consumer<List<PartitionEntry>> then) {
        long seen = ++generation;
        error.set("Loading partitions…");
        tasks.run(() -> new Listing(backend.schema(table).partitionKeys().stream().map(c -> c.name())
                        .collect(Collectors.toSet()), backend.listPartitions(table)),
                listing -> {
                    if (seen != generation) {
                        return;
                    }
                    keys = listing.keys();
                    all.setAll(listing.partitions());
                    error.set("");
                    applyFilter();
                    then.accept(listing.partitions());
                },
                e -> {
                    if (seen == generation) {
                        error.set("Could not list partitions: " + ErrorText.summary(e));
                    }
                });
    }

    private record Listing(Set<String> keys, List<PartitionEntry> partitions) {
    }

    private void applyFilter() {
        try {
            PartitionFilter f = PartitionFilter.parse(filter.get(), keys);
            shown.setAll(all.stream().filter(p -> f.matches(p.values())).toList());
            error.set("");
        } catch (PartitionFilter.FilterSyntaxException e) {
            error.set(e.getMessage());
        }
    }

    /** Partitions passing the filter (the list the picker shows). */
    public ObservableList<PartitionEntry> shown() {
        return shown;
    }

    /** Every listed partition. */
    public ObservableList<PartitionEntry> all() {
        return all;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public void setFilter(String value) {
        filter.set(value);
    }

    /** Syntax error of the filter or a listing failure; empty when fine. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ObjectProperty<@Nullable PartitionEntry> selectedProperty() {
        return selected;
    }
}
