package org.odpsexplorer.app.tree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.FunctionUsage;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.connection.Sessions;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.Resource;
import org.odpsexplorer.sdk.model.Function;
import org.odpsexplorer.sdk.model.ResourceInfo;

/**
 * The tree's functions: the last listing per project (loaded apart from the resource listing, one small loader), the
 * selected function, which functions use a resource (for the details panel), and the commands behind the New /
 * Edit / Delete function actions. Every SDK call goes through the {@link UiExecutor}; FX thread otherwise.
 */
public final class FunctionsViewModel {
    /** A function in a project. */
    public record Selection(ProjectRef ref, Function function) {
    }

    /** A project's last function listing, or why it failed. */
    public record Listing(List<Function> functions, @Nullable String failure) {
        public Listing {
            functions = List.copyOf(functions);
        }
    }

    private final Sessions sessions;
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    private final ReadOnlyObjectWrapper<@Nullable Selection> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");

    public FunctionsViewModel(Sessions sessions, UiExecutor tasks, Dialogs dialogs) {
        this.sessions = sessions;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /** The selected function row, or null. */
    public ReadOnlyObjectProperty<@Nullable Selection> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Bumped whenever a listing arrives (or fails), so views showing "used by" lines redraw. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public void select(@Nullable Selection selection) {
        selected.set(selection);
    }

    /** Lists a project's functions, sorted by name, in the background; {@code done} gets the listing (FX thread). */
    public void load(ProjectRef ref, Consumer<Listing> done) {
        tasks.run(() -> {
            List<Function> out = new ArrayList<>();
            for (Function f : client(ref).listFunctions()) {
                out.add(f);
            }
            out.sort(Comparator.comparing(Function::name));
            return out;
        }, list -> done.accept(store(ref, new Listing(list, null))),
                error -> done.accept(store(ref, new Listing(List.of(), ErrorText.summary(error)))));
    }

    private Listing store(ProjectRef ref, Listing listing) {
        listings.put(ref.key(), listing);
        Selection s = selected.get();
        if (s != null && s.ref().key().equals(ref.key())) {
            // keep the details of the selected function current (or clear them when it is gone)
            selected.set(listing.functions().stream().filter(f -> f.name().equals(s.function().name())).findFirst()
                    .map(f -> new Selection(ref, f)).orElse(null));
        }
        revision.set(revision.get() + 1);
        return listing;
    }

    /** The last listing of {@code ref}, or null before the first one arrived. */
    public @Nullable Listing listing(ProjectRef ref) {
        return listings.get(ref.key());
    }

    /**
     * The "used by" line for a resource's details: the functions using it from the last listing, "none", "…" while
     * the listing is still loading, or why it is unknown.
     */
    public String usedByText(ProjectRef ref, String resource) {
        Listing l = listing(ref);
        if (l == null) {
            return "…";
        }
        if (l.failure() != null) {
            return "unknown (" + l.failure() + ")";
        }
        List<String> users = FunctionUsage.of(l.functions()).usersOf(resource);
        return users.isEmpty() ? "none" : String.join(", ", users);
    }

    /** The names of the project's resources, for the dialogs' pick list (background listing). */
    public void resourceNames(ProjectRef ref, Consumer<List<String>> onLoaded) {
        tasks.run(() -> {
            List<String> names = new ArrayList<>();
            for (Resource r : client(ref).listResources()) {
                names.add(r.name());
            }
            names.sort(Comparator.naturalOrder());
            return names;
        }, onLoaded, error -> dialogs.showError("Could not list the resources of " + ref.project(), error));
    }

    /**
     * A resource a function uses, for opening it: a plain name in {@code ref}'s project, or the full form
     * {@code <project>/resources/<name>} in another project of the same connection. {@code onFound} gets the project
     * and the metadata; a name that cannot be opened here (a schema form, a project missing from the connection) or a
     * resource that is gone is said in a message.
     */
    public void resolveResource(ProjectRef ref, String resource, BiConsumer<ProjectRef, ResourceInfo> onFound) {
        ProjectRef where = ref;
        String name = resource;
        String[] parts = resource.split("/", -1);
        if (parts.length == 3 && parts[1].equals("resources")) {
            where = new ProjectRef(ref.profile(), parts[0]);
            name = parts[2];
        } else if (parts.length != 1) {
            dialogs.showInfo("Cannot open " + resource, resource + " is in another schema; open it from a connection"
                    + " to that schema.");
            return;
        }
        if (!where.profile().projects().contains(where.project())) {
            dialogs.showInfo("Cannot open " + resource, "Project " + where.project() + " is not in the connection "
                    + ref.profile().name() + "; add it there to open " + name + ".");
            return;
        }
        ProjectRef target = where;
        String resourceName = name;
        tasks.run(() -> client(target).getResource(resourceName).info(), info -> onFound.accept(target, info),
                error -> dialogs.showError("Could not open " + resource, error));
    }

    /** Creates a function; {@code done} gets it as the server reports it (FX thread). */
    public void create(ProjectRef ref, Function function, Consumer<Function> done) {
        tasks.run(() -> client(ref).createFunction(function.name(), function.classType(), function.resources()),
                done, error -> dialogs.showError("Could not create function " + function.name(), error));
    }

    /** Replaces a function's class type and resources; {@code done} gets it as the server reports it. */
    public void update(ProjectRef ref, Function function, Consumer<Function> done) {
        tasks.run(() -> client(ref).updateFunction(function), done,
                error -> dialogs.showError("Could not change function " + function.name(), error));
    }

    /** Deletes a function after a confirmation naming it and its resources (which stay); {@code done} after success. */
    public void delete(ProjectRef ref, Function function, Runnable done) {
        String resources = function.resources().isEmpty() ? "" : " Its resources (" + String.join(", ",
                function.resources()) + ") stay.";
        if (!dialogs.confirm("Delete function " + function.name() + "?", "The function " + function.name()
                + " will be deleted from project " + ref.project() + "; SQL that calls it fails from then on."
                + resources, "Delete")) {
            return;
        }
        tasks.run(() -> {
            client(ref).deleteFunction(function.name());
            return function.name();
        }, n -> {
            Selection s = selected.get();
            if (s != null && s.function().name().equals(n)) {
                selected.set(null);
            }
            done.run();
        }, error -> dialogs.showError("Could not delete function " + function.name(), error));
    }

    private Odps client(ProjectRef ref) throws IOException {
        return sessions.client(ref.profile(), ref.project());
    }
}
