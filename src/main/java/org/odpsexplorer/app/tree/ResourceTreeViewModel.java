package org.odpsexplorer.app.tree;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.FunctionUsage;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.connection.ConnectionProfile;
import org.odpsexplorer.app.connection.Sessions;
import org.odpsexplorer.app.editor.ResourceEditorViewModel;
import org.odpsexplorer.app.hex.FileByteSource;
import org.odpsexplorer.app.history.SaveRecorder;
import org.odpsexplorer.app.history.VersionAction;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.Resource;
import org.odpsexplorer.sdk.TableResource;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.odpsexplorer.wire.Md5;

/**
 * The project tree's state and commands: connections, the last listing per project, the filter (typed text filters
 * loaded names by substring at once; Enter reloads with the text as the server-side prefix), the selected resource's
 * details, delete, comment edits and new resources. Every SDK call goes through the {@link UiExecutor}.
 */
public final class ResourceTreeViewModel {
    /** Resources shown before the rest of a listing arrives: one server page. */
    public static final int FIRST_BATCH = 100;
    /** Further resources between two updates of a loading listing. */
    public static final int NEXT_BATCH = 1000;
    /** Display order of type groups. */
    public static final List<String> GROUPS = List.of("file", "py", "jar", "archive", "table");

    private final Sessions sessions;
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final ObservableList<ConnectionProfile> connections = FXCollections.observableArrayList();
    private final Map<String, List<ResourceInfo>> listings = new ConcurrentHashMap<>();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyObjectWrapper<@Nullable ResourceInfo> details = new ReadOnlyObjectWrapper<>(this, "details");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private @Nullable ProjectRef detailsRef;
    private final ReadOnlyObjectWrapper<@Nullable CommentConflict> commentConflict =
            new ReadOnlyObjectWrapper<>(this, "commentConflict");
    private final List<CommentListener> commentListeners = new CopyOnWriteArrayList<>();
    private final ReadOnlyIntegerWrapper pendingLoads =
            new ReadOnlyIntegerWrapper(this, "pendingLoads");

    private final FunctionsViewModel functions;
    /** Per project key: the newest load; results of older ones are dropped. FX thread. */
    private final Map<String, Long> loadGenerations = new HashMap<>();

    public ResourceTreeViewModel(Sessions sessions, UiExecutor tasks, Dialogs dialogs) {
        this.sessions = sessions;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.functions = new FunctionsViewModel(sessions, tasks, dialogs);
    }

    /** The projects' functions (the tree's "Functions" groups, details, used-by lines). */
    public FunctionsViewModel functions() {
        return functions;
    }

    public ObservableList<ConnectionProfile> connections() {
        return connections;
    }

    public Sessions sessions() {
        return sessions;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** Full metadata of the selected resource (from a fresh meta request), or null. */
    public ReadOnlyObjectProperty<@Nullable ResourceInfo> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Shows a message in the status line (for actions of the window around the tree). FX thread. */
    public void showStatus(String text) {
        status.set(text);
    }

    /** Listings still running; the tree shows a busy state while it is above 0. */
    public ReadOnlyIntegerProperty pendingLoadsProperty() {
        return pendingLoads.getReadOnlyProperty();
    }

    /**
     * Lists a project's resources in the background (with the filter text as the server prefix when
     * {@code usePrefix}). The listing arrives page by page: {@code onLoaded} gets the sorted resources so far first
     * after {@value #FIRST_BATCH} (one server page), then every {@value #NEXT_BATCH} more, and last with the complete
     * listing, so a project of 10,000 resources is browsable and filterable at once; {@link #listing} holds the part
     * loaded so far. {@code onFailed} gets the error (shown to nobody here: the tree puts it in an error row, so one
     * endpoint down never blocks the rest). A newer load of the same project silences an older one.
     */
    public void load(ProjectRef ref, boolean usePrefix, Consumer<List<ResourceInfo>> onLoaded,
                     Consumer<Throwable> onFailed) {
        String prefix = usePrefix && !filter.get().isBlank() ? filter.get().trim() : null;
        status.set("Loading " + ref.project() + "…");
        pendingLoads.set(pendingLoads.get() + 1);
        long generation = loadGenerations.merge(ref.key(), 1L, Long::sum);
        tasks.run(() -> {
            Odps odps = sessions.client(ref.profile(), ref.project());
            List<ResourceInfo> out = new ArrayList<>();
            int nextDelivery = FIRST_BATCH;
            for (Resource r : odps.listResources(prefix)) {
                out.add(r.info());
                if (out.size() == nextDelivery) {
                    List<ResourceInfo> sofar = sorted(out);
                    tasks.runOnUi(() -> {
                        if (Objects.equals(loadGenerations.get(ref.key()), generation)) {
                            listings.put(ref.key(), sofar);
                            status.set(String.format(Locale.ROOT, "%,d resources in %s so far, loading…",
                                    sofar.size(), ref.project()));
                            onLoaded.accept(sofar);
                        }
                    });
                    nextDelivery += NEXT_BATCH;
                }
            }
            return sorted(out);
        }, list -> {
            pendingLoads.set(pendingLoads.get() - 1);
            if (!Objects.equals(loadGenerations.get(ref.key()), generation)) {
                return;
            }
            listings.put(ref.key(), list);
            status.set(list.size() + " resources in " + ref.project());
            onLoaded.accept(list);
        }, error -> {
            pendingLoads.set(pendingLoads.get() - 1);
            if (!Objects.equals(loadGenerations.get(ref.key()), generation)) {
                return;
            }
            status.set("Could not list " + ref.project());
            onFailed.accept(error);
        });
    }

    private static List<ResourceInfo> sorted(List<ResourceInfo> resources) {
        List<ResourceInfo> copy = new ArrayList<>(resources);
        copy.sort(Comparator.comparing(ResourceInfo::name));
        return List.copyOf(copy);
    }

    /** The last listing of {@code ref} (empty before the first load). */
    public List<ResourceInfo> listing(ProjectRef ref) {
        return listings.getOrDefault(ref.key(), List.of());
    }

    /** Names in the last listing, for clash checks before uploads. */
    public Set<String> names(ProjectRef ref) {
        Set<String> out = new HashSet<>();
        listing(ref).forEach(i -> out.add(i.name()));
        return out;
    }

    /** Groups {@code resources} by type group, keeping only names containing the filter text (case-insensitive). */
    public Map<String, List<ResourceInfo>> grouped(List<ResourceInfo> resources) {
        String needle = filter.get().trim().toLowerCase(Locale.ROOT);
        Map<String, List<ResourceInfo>> out = new LinkedHashMap<>();
        GROUPS.forEach(g -> out.put(g, new ArrayList<>()));
        for (ResourceInfo info : resources) {
            if (!needle.isEmpty() && !info.name().toLowerCase(Locale.ROOT).contains(needle)) {
                continue;
            }
            String group = groupOf(info.type());
            out.computeIfAbsent(group, g -> new ArrayList<>()).add(info);
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    /** The tree group of a type: the five main kinds, everything else under "other". */
    public static String groupOf(ResourceType type) {
        String wire = type.wireName();
        return GROUPS.contains(wire) ? wire : "other";
    }

    /**
     * Takes fresh metadata of a resource (after a save or comment change in this window): the listing keeps it, and
     * the details panel shows it when that resource is selected.
     */
    public void resourceChanged(ProjectRef ref, ResourceInfo info) {
        List<ResourceInfo> list = listings.get(ref.key());
        if (list != null) {
            List<ResourceInfo> updated = new ArrayList<>(list);
            updated.replaceAll(i -> i.name().equals(info.name()) ? info : i);
            listings.put(ref.key(), updated);
        }
        ResourceInfo shown = details.get();
        ProjectRef shownRef = detailsRef;
        if (shown != null && shown.name().equals(info.name()) && shownRef != null && shownRef.key().equals(ref.key())) {
            details.set(info);
        }
    }

    /** Loads full metadata for the details panel. */
    public void select(@Nullable ProjectRef ref, @Nullable ResourceInfo info) {
        detailsRef = ref;
        if (ref == null || info == null) {
            details.set(null);
            return;
        }
        details.set(info);
        tasks.run(() -> sessions.client(ref.profile(), ref.project()).getResource(info.name()).info(), fresh -> {
            ResourceInfo shown = details.get();
            if (shown != null && shown.name().equals(fresh.name())) {
                details.set(fresh);
            }
        }, error -> status.set("Could not load details of " + info.name() + ": " + error.getMessage()));
    }

    /**
     * Deletes after a confirmation naming the resource; {@code done} runs after success (e.g. refresh). Which
     * functions use it is asked from the server first: then the confirmation is the used-by warning listing them.
     */
    public void delete(ProjectRef ref, String name, Runnable done) {
        tasks.run(() -> FunctionUsage.load(sessions.client(ref.profile(), ref.project())),
                usage -> confirmDelete(ref, name, usage, done),
                error -> dialogs.showError("Could not delete " + name, error));
    }

    private void confirmDelete(ProjectRef ref, String name, FunctionUsage usage, Runnable done) {
        boolean used = !usage.usersOf(name).isEmpty() || usage.failure() != null;
        boolean go = used ? usage.confirm(dialogs, name, "Delete", "Deleting it breaks them: SQL that calls them"
                + " fails until the resource is back.")
                : dialogs.confirm("Delete " + name + "?", "The resource " + name + " will be deleted from project "
                        + ref.project() + ". This cannot be undone.", "Delete");
        if (!go) {
            return;
        }
        tasks.run(() -> {
            sessions.client(ref.profile(), ref.project()).deleteResource(name);
            return name;
        }, n -> {
            status.set("Deleted " + n);
            done.run();
        }, error -> dialogs.showError("Could not delete " + name, error));
    }

    private Function<ProjectRef, SaveRecorder> saveRecorders =
            ref -> SaveRecorder.NONE;

    /** Where comment changes (a re-upload) are recorded in the local history. */
    public void setSaveRecorders(Function<ProjectRef, SaveRecorder> f) {
        saveRecorders = Objects.requireNonNull(f, "f == null");
    }

    /** A refused comment change: what the user typed, and both metadata snapshots for the conflict dialog. */
    public record CommentConflict(ProjectRef ref, String comment, ResourceEditorViewModel.Conflict conflict) {
    }

    /** The answers of the conflict dialog (the same dialog the editor shows). */
    public enum ConflictChoice { KEEP_MINE, TAKE_THEIRS, CANCEL }

    /** Called on the FX thread after this window changed a resource's comment: metadata before and after. */
    @FunctionalInterface
    public interface CommentListener {
        void changed(ProjectRef ref, ResourceInfo before, ResourceInfo after);
    }

    /** Set when a comment change was refused because the resource changed since it was shown; the view asks. */
    public ReadOnlyObjectProperty<@Nullable CommentConflict> commentConflictProperty() {
        return commentConflict.getReadOnlyProperty();
    }

    public void addCommentListener(CommentListener listener) {
        commentListeners.add(listener);
    }

    /**
     * Changes a resource's comment with the same safe-save check as the editor: refused (see
     * {@link #commentConflictProperty()}) when the resource changed since {@code info} was read. The REST API sets a
     * comment only together with the content (protocol/rest.md §7.5/7.6 have no comment-only call), so a file resource's
     * content is streamed through an owner-only temp file and uploaded again, never held in memory; its MD5 is checked
     * against the metadata so a change landing during the copy is a conflict too. A table resource keeps its source.
     */
    public void updateComment(ProjectRef ref, ResourceInfo info, String comment, Runnable done) {
        changeComment(ref, info, comment, false, done);
    }

    /** The user's answer to a {@link CommentConflict}: Keep mine sets the comment on the server's current content. */
    public void resolveCommentConflict(ConflictChoice choice) {
        CommentConflict c = commentConflict.get();
        commentConflict.set(null);
        if (c == null) {
            return;
        }
        ResourceInfo actual = c.conflict().actual();
        switch (choice) {
            case KEEP_MINE -> {
                if (actual != null) {
                    changeComment(c.ref(), actual, c.comment(), true, () -> { });
                }
            }
            case TAKE_THEIRS -> {
                if (actual != null && detailsRef != null && detailsRef.key().equals(c.ref().key())) {
                    details.set(actual);
                }
                status.set("Comment not changed: kept the server's");
            }
            case CANCEL -> status.set("Comment not saved: the resource changed on the server");
        }
    }

    private record CommentOutcome(ResourceInfo before, @Nullable ResourceInfo after) {
    }

    private void changeComment(ProjectRef ref, ResourceInfo expected, String comment, boolean force, Runnable done) {
        String name = expected.name();
        status.set("Saving the comment of " + name + "…");
        tasks.run(() -> {
            Odps odps = sessions.client(ref.profile(), ref.project());
            ResourceOptions options = ResourceOptions.defaults().withComment(comment);
            Resource r = odps.getResource(name);
            ResourceInfo current = r.info();
            if (!force && !current.sameVersionAs(expected)) {
                return new CommentOutcome(current, null);
            }
            if (r instanceof TableResource table) {
                return new CommentOutcome(current, table.update(table.tableSource(), options).info());
            }
            Path spool = Files.createTempFile("odps-explorer-comment-", ".bin"); // owner-only on POSIX
            try {
                MessageDigest md5 = Md5.newDigest();
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spool), md5)) {
                    odps.downloadResource(name, out, ResourceOptions.defaults());
                }
                String copied = Md5.hex(md5);
                if (!force && current.md5() != null && !current.md5().equalsIgnoreCase(copied)) {
                    return new CommentOutcome(odps.getResource(name).info(), null);
                }
                // local history (issue 14): the re-upload is a save; the journal keeps it as a comment change
                SaveRecorder recorder = saveRecorders.apply(ref);
                try (FileByteSource copy = new FileByteSource(spool,
                        false)) {
                    recorder.beforeSave(name, current, copy);
                    ResourceInfo saved = odps.updateResource(name, spool, options).info();
                    recorder.afterSave(name, saved, copy, VersionAction.COMMENT);
                    return new CommentOutcome(current, saved);
                }
            } finally {
                Files.deleteIfExists(spool);
            }
        }, outcome -> {
            ResourceInfo after = outcome.after();
            if (after == null) {
                status.set("Comment not saved: " + name + " changed on the server");
                commentConflict.set(new CommentConflict(ref, comment, new ResourceEditorViewModel.Conflict(
                        "comment: " + comment + "\n", "comment: " + text(outcome.before().comment()) + "\n",
                        expected, outcome.before())));
                return;
            }
            if (detailsRef != null && detailsRef.key().equals(ref.key()) && details.get() != null
                    && details.get().name().equals(name)) {
                details.set(after);
            }
            status.set("Comment saved");
            commentListeners.forEach(l -> l.changed(ref, outcome.before(), after));
            done.run();
        }, error -> dialogs.showError("Could not change the comment of " + name, error));
    }

    private static String text(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** Creates an empty (or given) file-kind resource. */
    public void createFile(ProjectRef ref, String name, ResourceType type, String content, Runnable done) {
        tasks.run(() -> sessions.client(ref.profile(), ref.project()).createResource(name, type.wireName(), content),
                r -> {
                    status.set("Created " + name);
                    done.run();
                }, error -> dialogs.showError("Could not create " + name, error));
    }

    /** Creates a table resource pointing at {@code table} (optionally a partition such as {@code pt=1}). */
    public void createTable(ProjectRef ref, String name, String table, @Nullable String partition, Runnable done) {
        tasks.run(() -> sessions.client(ref.profile(), ref.project()).createTableResource(name, table, partition),
                r -> {
                    status.set("Created table resource " + name);
                    done.run();
                }, error -> dialogs.showError("Could not create table resource " + name, error));
    }
}
