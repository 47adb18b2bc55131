package org.odpsexplorer.app.history.view;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.editor.ResourceEditorViewModel;
import org.odpsexplorer.app.editor.TextContent;
import org.odpsexplorer.app.editor.TextEncoding;
import org.odpsexplorer.app.hex.ByteSource;
import org.odpsexplorer.app.hex.FileByteSource;
import org.odpsexplorer.app.history.HistoryRef;
import org.odpsexplorer.app.history.HistoryService;
import org.odpsexplorer.app.history.SaveRecorder;
import org.odpsexplorer.app.history.Version;
import org.odpsexplorer.app.history.VersionAction;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.ResourceFile;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ResourceConflictException;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;

/**
 * The History panel of one resource: its versions, a comparison of any two (a line diff for text, the first
 * differing offsets for binary content), Restore (a normal safe save of a version, with the conflict dialog when the
 * server copy changed since the panel looked) and Save copy as.
 *
 * <p>Threads: properties and commands on the FX thread; disk and network through the {@link UiExecutor}.
 */
public final class HistoryViewModel {
    /** Text versions up to this size are compared line by line. */
    static final long TEXT_DIFF_LIMIT = 16L * 1024 * 1024;
    /** How many differing offsets a binary comparison lists. */
    static final int OFFSETS = 16;

    /** The result of comparing two versions, older → newer. */
    public sealed interface Comparison permits TextDiff, BinaryDiff {
        Version left();

        Version right();
    }

    /**
     * A line diff.
     *
     * @param unified the unified diff lines ({@code ---}, {@code +++}, {@code @@}, then {@code +}, {@code -} or a
     *                space), empty when the texts are equal
     */
    public record TextDiff(Version left, Version right, List<String> unified, int added, int removed)
            implements Comparison {
    }

    /**
     * A binary comparison.
     *
     * @param offsets the first differing offsets (at most {@value #OFFSETS}); a size difference counts from the
     *                shorter end
     * @param leftFile  the left version's content extracted to a temp file (for the hex view; deleted on close)
     * @param rightFile the right version's content
     */
    public record BinaryDiff(Version left, Version right, List<Long> offsets, Path leftFile, Path rightFile)
            implements Comparison {
    }

    private final Odps odps;
    private final HistoryService history;
    private final HistoryRef ref;
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final ObservableList<Version> versions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<@Nullable Comparison> comparison = new ReadOnlyObjectWrapper<>(this, "comparison");
    private final ReadOnlyObjectWrapper<ResourceEditorViewModel.@Nullable Conflict> conflict =
            new ReadOnlyObjectWrapper<>(this, "conflict");
    private final List<Path> tempFiles = new ArrayList<>();
    /** The server's metadata when the panel last looked: a restore checks the server copy is still this one. */
    private volatile @Nullable ResourceInfo known;
    private @Nullable Version restoring;

    public HistoryViewModel(Odps odps, HistoryService history, HistoryRef ref, UiExecutor tasks, Dialogs dialogs) {
        this.odps = odps;
        this.history = history;
        this.ref = ref;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    public HistoryRef ref() {
        return ref;
    }

    /** Newest first. */
    public ObservableList<Version> versions() {
        return versions;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<@Nullable Comparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** Set when a restore found the server copy changed; the view shows the conflict dialog and answers. */
    public ReadOnlyObjectProperty<ResourceEditorViewModel.@Nullable Conflict> conflictProperty() {
        return conflict.getReadOnlyProperty();
    }

    /** Reloads the versions and the server's current metadata. */
    public void refresh() {
        status.set("Loading the history of " + ref.resource() + "…");
        tasks.run(() -> {
            List<Version> list = new ArrayList<>(history.journal().list(ref));
            Collections.reverse(list);
            ResourceInfo info;
            try {
                info = odps.getResource(ref.resource()).info();
            } catch (NoSuchObjectException gone) {
                info = null;
            }
            return new Object[] {list, info};
        }, result -> {
            @SuppressWarnings("unchecked")
            List<Version> list = (List<Version>) result[0];
            known = (ResourceInfo) result[1];
            versions.setAll(list);
            long broken = list.stream().filter(v -> v.problem() != null).count();
            status.set(list.size() + " version(s)" + (broken > 0 ? ", " + broken + " damaged" : "")
                    + (known == null ? "; the resource is not on the server now" : ""));
        }, error -> {
            status.set("Could not load the history");
            dialogs.showError("Could not load the history of " + ref.resource(), error);
        });
    }

    /** Compares two versions; the result arrives in {@link #comparisonProperty()}. Older goes left. */
    public void compare(Version a, Version b) {
        Version left = a.id().compareTo(b.id()) <= 0 ? a : b;
        Version right = left == a ? b : a;
        status.set("Comparing…");
        tasks.run(() -> computeComparison(left, right), c -> {
            comparison.set(c);
            status.set(describe(c));
        }, error -> {
            status.set("Could not compare: " + error.getMessage());
            dialogs.showError("Could not compare the versions", error);
        });
    }

    private Comparison computeComparison(Version left, Version right) throws IOException {
        if (left.size() <= TEXT_DIFF_LIMIT && right.size() <= TEXT_DIFF_LIMIT) {
            byte[] a = history.journal().readAll(left);
            byte[] b = history.journal().readAll(right);
            List<String> la = lines(a);
            List<String> lb = lines(b);
            if (la != null && lb != null) {
                Patch<String> patch = DiffUtils.diff(la, lb);
                int added = 0;
                int removed = 0;
                for (AbstractDelta<String> d : patch.getDeltas()) {
                    added += d.getTarget().size();
                    removed += d.getSource().size();
                }
                List<String> unified = patch.getDeltas().isEmpty() ? List.of()
                        : UnifiedDiffUtils.generateUnifiedDiff(label(left), label(right), la, patch, 3);
                return new TextDiff(left, right, unified, added, removed);
            }
        }
        Path fa = extract(left);
        Path fb = extract(right);
        return new BinaryDiff(left, right, differingOffsets(fa, fb), fa, fb);
    }

    /** The lines of {@code bytes} when they are text that round-trips, else null. */
    private static @Nullable List<String> lines(byte[] bytes) {
        TextContent t = TextContent.of(bytes);
        if (t.encoding() == TextEncoding.BINARY || !t.lossless()) {
            return null;
        }
        return t.text().isEmpty() ? List.of() : Arrays.asList(t.text().split("\n", -1));
    }

    /** The first offsets where the two files differ (streamed, so any size works). */
    static List<Long> differingOffsets(Path a, Path b) throws IOException {
        List<Long> out = new ArrayList<>();
        try (InputStream ia = new BufferedInputStream(Files.newInputStream(a), 64 * 1024);
             InputStream ib = new BufferedInputStream(Files.newInputStream(b), 64 * 1024)) {
            for (long pos = 0; out.size() < OFFSETS; pos++) {
                int x = ia.read();
                int y = ib.read();
                if (x < 0 && y < 0) {
                    break;
                }
                if (x != y) {
                    out.add(pos);
                    if (x < 0 || y < 0) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    private Path extract(Version v) throws IOException {
        Path f = Files.createTempFile("odps-explorer-version-", ".bin");
        synchronized (tempFiles) {
            tempFiles.add(f);
        }
        try (OutputStream out = Files.newOutputStream(f)) {
            history.journal().read(v, out);
        }
        return f;
    }

    private static String label(Version v) {
        return v.ref().resource() + " @ " + v.time() + " (" + v.action().label() + ")";
    }

    private static String describe(Comparison c) {
        if (c instanceof TextDiff t) {
            return t.unified().isEmpty() ? "The two versions are equal"
                    : "+" + t.added() + " line(s), −" + t.removed() + " line(s)";
        }
        BinaryDiff b = (BinaryDiff) c;
        return b.offsets().isEmpty() ? "The two versions are equal"
                : "Binary: first difference at offset " + b.offsets().get(0);
    }

    /**
     * Writes {@code v} back to the server as a normal safe save (recorded as a restore). If the server copy is no
     * longer the one this panel last saw, {@link #conflictProperty()} asks first.
     */
    public void restore(Version v) {
        if (!v.hasContent()) {
            status.set("Version " + v.id() + " has no content to restore");
            return;
        }
        restoring = v;
        status.set("Restoring the version of " + v.time() + "…");
        ResourceInfo expected = known;
        tasks.run(() -> {
            byte[] bytes = history.journal().readAll(v);
            ResourceInfo current = currentInfo();
            if (expected != null && current != null && !expected.sameVersionAs(current)
                    || expected == null && current != null) {
                return conflictFor(bytes, expected, current);
            }
            return write(bytes, expected, false);
        }, this::restored, this::restoreFailed);
    }

    /** Conflict answer: write the version anyway. */
    public void keepMine() {
        Version v = restoring;
        conflict.set(null);
        if (v == null) {
            return;
        }
        tasks.run(() -> write(history.journal().readAll(v), null, true), this::restored, this::restoreFailed);
    }

    /** Conflict answer: leave the server copy as it is. */
    public void takeTheirs() {
        conflict.set(null);
        restoring = null;
        status.set("Not restored: the server copy was kept");
        refresh();
    }

    /** Conflict answer: do nothing. */
    public void cancelConflict() {
        conflict.set(null);
        restoring = null;
        status.set("Not restored");
    }

    private @Nullable ResourceInfo currentInfo() {
        try {
            return odps.getResource(ref.resource()).info();
        } catch (NoSuchObjectException gone) {
            return null;
        }
    }

    private ResourceEditorViewModel.Conflict conflictFor(byte[] mine, @Nullable ResourceInfo expected,
                                                         @Nullable ResourceInfo current) {
        byte[] theirs = new byte[0];
        if (current != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            odps.downloadResource(ref.resource(), out, ResourceOptions.defaults());
            theirs = out.toByteArray();
        }
        return new ResourceEditorViewModel.Conflict(asText(mine), asText(theirs), expected, current);
    }

    /** Returns the new metadata, or a conflict when the check-then-write found the server copy changed. */
    private Object write(byte[] bytes, @Nullable ResourceInfo expected, boolean force) {
        ResourceType type = expected != null ? expected.type() : ResourceType.FILE;
        ResourceFile fp = odps.openResource(ref.resource(), "wb", ResourceOptions.defaults().withType(type));
        try {
            ResourceInfo replaced = fp.baseline();
            fp.write(bytes);
            if (bytes.length == 0) {
                fp.truncate(0); // a "wb" handle that wrote nothing uploads nothing (as PyODPS); this marks it for upload
            }
            SaveRecorder recorder = history.recorder(ref.connectionId(), ref.project());
            String warning;
            try (FileByteSource copy = history.copyOfServerVersion(odps, replaced)) {
                warning = recorder.beforeSave(ref.resource(), replaced, copy);
            } catch (IOException e) {
                warning = "History: " + e.getMessage();
            }
            try {
                fp.flush(force);
            } catch (ResourceConflictException e) {
                return conflictFor(bytes, expected, e.actual());
            }
            String after = recorder.afterSave(ref.resource(), fp.baseline(), ByteSource.of(bytes),
                    VersionAction.RESTORE);
            ResourceInfo saved = fp.baseline();
            return after != null ? after : warning != null ? warning
                    : Objects.requireNonNullElse(saved, "nothing was written");
        } finally {
            fp.discard();
        }
    }

    private void restored(Object result) {
        if (result instanceof ResourceEditorViewModel.Conflict c) {
            status.set("The server copy changed since: choose what to keep");
            conflict.set(c);
            return;
        }
        Version v = restoring;
        restoring = null;
        refresh();
        status.set("Restored the version of " + (v == null ? "?" : v.time())
                + (result instanceof String warning ? " ⚠ " + warning : ""));
    }

    private void restoreFailed(Throwable error) {
        restoring = null;
        status.set("Not restored");
        dialogs.showError("Could not restore " + ref.resource(), error);
    }

    /** Writes a version's content to {@code target} (verified against its MD5; nothing is left on failure). */
    public void saveCopy(Version v, Path target) {
        status.set("Saving a copy…");
        tasks.run(() -> {
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".copy", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    history.journal().read(v, out);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        }, t -> status.set("Saved a copy to " + t), error -> {
            status.set("No copy saved");
            dialogs.showError("Could not save a copy of the version", error);
        });
    }

    /** A read-only byte source over a binary comparison's file, for the hex view; the caller closes it. */
    public FileByteSource open(Path file) throws IOException {
        return new FileByteSource(file, false);
    }

    /** Deletes the comparison's temp files; call when the panel closes. */
    public void close() {
        List<Path> files;
        synchronized (tempFiles) {
            files = List.copyOf(tempFiles);
            tempFiles.clear();
        }
        tasks.run(() -> {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            return null;
        }, ignored -> { }, error -> status.set("Could not delete a temp file: " + error.getMessage()));
    }

    private static String asText(byte[] bytes) {
        TextContent t = TextContent.of(bytes);
        if (t.encoding() != TextEncoding.BINARY && t.lossless()) {
            return t.text();
        }
        return bytes.length + " bytes of binary content";
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
