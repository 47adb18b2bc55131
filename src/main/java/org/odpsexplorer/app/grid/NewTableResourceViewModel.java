package org.odpsexplorer.app.grid;

import java.util.function.Consumer;
import java.util.regex.Pattern;
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
 * The "New table resource" dialog: a name, a table from the server's list and a partition from the
 * {@link PartitionPickerViewModel} (none selected: the whole table). FX-thread confined; I/O through the executor.
 */
public final class NewTableResourceViewModel {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

    private final TableBackend backend;
    private final UiExecutor tasks;
    private final PartitionPickerViewModel picker;
    private final ObservableList<String> tables = FXCollections.observableArrayList();
    private final ObjectProperty<@Nullable String> table = new SimpleObjectProperty<>(this, "table");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public NewTableResourceViewModel(TableBackend backend, UiExecutor tasks) {
        this.backend = backend;
        this.tasks = tasks;
        this.picker = new PartitionPickerViewModel(backend, tasks);
        table.addListener((obs, o, n) -> {
            picker.all().clear();
            picker.shown().clear();
            picker.selectedProperty().set(null);
            if (n != null) {
                picker.load(n, list -> { });
                if (name.get().isBlank()) {
                    name.set(n + "_resource");
                }
            }
        });
    }

    /** Lists the project's tables. */
    public void load() {
        message.set("Loading tables…");
        tasks.run(backend::listTables, list -> {
            tables.setAll(list);
            message.set(list.isEmpty() ? "The project has no tables" : "");
        }, e -> message.set("Could not list tables: " + ErrorText.summary(e)));
    }

    /**
     * Creates the resource; {@code onCreated} gets its name. Refused with a message when the name or table is
     * missing.
     */
    public void create(Consumer<String> onCreated) {
        String t = table.get();
        String n = name.get().trim();
        if (t == null) {
            message.set("Pick a table");
            return;
        }
        if (!NAME.matcher(n).matches()) {
            message.set("A resource name is 1-128 letters, digits, '_', '-' or '.'");
            return;
        }
        PartitionEntry p = picker.selectedProperty().get();
        String spec = p == null ? null : p.spec();
        message.set("Creating " + n + "…");
        tasks.run(() -> {
            backend.createTableResource(n, t, spec);
            return n;
        }, created -> {
            message.set("Created " + created);
            onCreated.accept(created);
        }, e -> message.set("Could not create " + n + ": " + ErrorText.summary(e)));
    }

    public ObservableList<String> tables() {
        return tables;
    }

    public ObjectProperty<@Nullable String> tableProperty() {
        return table;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public PartitionPickerViewModel picker() {
        return picker;
    }
}
