package org.odpsexplorer.app.editor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.hex.ByteSource;
import org.odpsexplorer.app.hex.FileByteSource;
import org.odpsexplorer.app.hex.HexDocument;
import org.odpsexplorer.app.hex.PagedByteSource;
import org.odpsexplorer.app.history.SaveRecorder;
import org.odpsexplorer.app.history.VersionAction;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.ResourceFile;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ResourceConflictException;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.odpsexplorer.sdk.model.TransferCancelledException;
import org.odpsexplorer.sdk.model.TransferProgress;

/**
 * One editor tab's state and commands: the {@link ResourceFile} it is bound to (opened in the binary form of its
 * {@link OpenMode}), the loaded content, dirty/busy/progress, save (a safe {@code flush()}), conflicts, Save As.
 *
 * <p>Threads: properties and commands on the FX thread; every SDK call runs through the {@link UiExecutor} and
 * holds the handle's monitor, because a {@code ResourceFile} must be used by one thread at a time.
 */
public final class ResourceEditorViewModel {
    /** Which editor shows the content. */
    public enum View { TEXT, HEX }

    /** What {@link #open()} produced: exactly one of {@code text} and {@code hex} is set. */
    public record Opened(View view, @Nullable ResourceInfo info, @Nullable TextContent text, @Nullable HexDocument hex,
                         String notice) {
    }

    /** A refused save: both sides as text for the diff, and both metadata snapshots. */
    public record Conflict(String mine, String theirs, @Nullable ResourceInfo expected, @Nullable ResourceInfo actual) {
    }

    /**
     * Writable resources above this are snapshotted to a temp file instead of memory; equal to {@link #TEXT_LIMIT},
     * so what stays in memory is at most one text-sized array and a hex document never holds a large original.
     */
    static final long LARGE = 16L * 1024 * 1024;
    /** Page of the read-only hex view: the unit it fetches and caches. */
    static final int HEX_PAGE = 64 * 1024;
    /** Pages fetched together on a miss, in one ranged request: a random jump costs at most 256 KiB. */
    static final int HEX_READ_AHEAD = 4;
    /** How much of each side a conflict shows when the content is not small text (a hex dump of the start). */
    static final int CONFLICT_PREVIEW = 4096;
    /** Text above this opens in hex: a code area with highlighting is not made for tens of megabytes. */
    public static final long TEXT_LIMIT = 16L * 1024 * 1024;

    private final Odps odps;
    private final OpenMode mode;
    private final ResourceType type;
    private final boolean preferHex;
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyObjectWrapper<@Nullable Opened> opened = new ReadOnlyObjectWrapper<>(this, "opened");
    private final ReadOnlyObjectWrapper<@Nullable Conflict> conflict = new ReadOnlyObjectWrapper<>(this, "conflict");
    private final ObjectProperty<@Nullable ResourceInfo> info = new SimpleObjectProperty<>(this, "info");
    private final BooleanProperty dirty = new SimpleBooleanProperty(this, "dirty");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(this, "cancellable");
    /** Raised by {@link #cancel()}: stops the running open, save or Save As; replaced by every new one. */
    private volatile CancelSignal cancel = new CancelSignal();
    private final ProgressClock clock = new ProgressClock();
    /** True while the handle still holds the content as loaded, so a hex save writes only the changed runs. */
    private boolean handleHoldsOriginal;
    private @Nullable ResourceFile file;
    private @Nullable AutoCloseable snapshot;
    /** What the handle's content is after our writes (flushed or not); append mode writes only what follows it. */
    private long handleLength;
    private @Nullable TextContent textContent;
    // local history (issue 14): what the journal records around each save, see recordBeforeFlush/recordAfterFlush
    private volatile SaveRecorder recorder = SaveRecorder.NONE;
    /** Bytes of the version the handle's baseline describes, when held locally; null when unknown. */
    private volatile @Nullable ByteSource baseContent;
    /** The bytes of the save waiting in a conflict, and the server copy it conflicts with. */
    private volatile byte @Nullable [] historyPending;
    private volatile byte @Nullable [] theirsBytes;
    private volatile @Nullable ResourceInfo theirsInfo;
    private volatile @Nullable String historyWarning;
    private boolean truncatedSinceSave;
    /** The bytes a text tab was loaded from (at most {@link #TEXT_LIMIT}): Reopen with encoding decodes them again. */
    private byte @Nullable [] textBytes;
    private volatile byte @Nullable [] pendingBytes;
    private volatile @Nullable String pendingText;
    /** The encoding the user chose with Reopen with encoding, used by the next load; null: detect. */
    private @Nullable TextEncoding chosenEncoding;
    private final java.util.List<java.util.function.BiConsumer<ResourceInfo, @Nullable String>> savedListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public ResourceEditorViewModel(Odps odps, String resourceName, ResourceType type, OpenMode mode, boolean preferHex,
                                   UiExecutor tasks, Dialogs dialogs) {
        this.odps = odps;
        this.type = type;
        this.mode = mode;
        this.preferHex = preferHex || mode.isBinaryMode();
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.name.set(resourceName);
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public String getName() {
        return name.get();
    }

    public OpenMode mode() {
        return mode;
    }

    public ResourceType type() {
        return type;
    }

    public Odps odps() {
        return odps;
    }

    /** Where saves of this tab are recorded in the local history; {@link SaveRecorder#NONE} by default. */
    public void setSaveRecorder(SaveRecorder value) {
        recorder = Objects.requireNonNull(value, "recorder == null");
    }

    /** The next save is recorded as a truncate (the view cut the content at the caret). */
    public void markTruncated() {
        truncatedSinceSave = true;
    }

    public ReadOnlyObjectProperty<@Nullable Opened> openedProperty() {
        return opened.getReadOnlyProperty();
    }

    /** Set when a save was refused because the server copy changed; the view shows the conflict dialog. */
    public ReadOnlyObjectProperty<@Nullable Conflict> conflictProperty() {
        return conflict.getReadOnlyProperty();
    }

    public ObjectProperty<@Nullable ResourceInfo> infoProperty() {
        return info;
    }

    /** The view sets this on edits; a successful save clears it. */
    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Upload progress of the running save, 0..1, or -1 when idle. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while an open, save or Save As runs that {@link #cancel()} can stop (the view shows a Cancel button). */
    public ReadOnlyBooleanProperty cancellableProperty() {
        return cancellable.getReadOnlyProperty();
    }

    /**
     * Stops the running open, save or Save As between two buffers. A cancelled save or Save As leaves the server copy
     * as it was (the upload's final request is never sent) and the tab keeps its changes; a cancelled open leaves the
     * tab empty with Reload to try again.
     */
    public void cancel() {
        cancel.cancel();
    }

    private CancelSignal startCancellable() {
        CancelSignal fresh = new CancelSignal();
        cancel = fresh;
        clock.start();
        cancellable.set(true);
        return fresh;
    }

    /** Opens the handle and loads the content in the background; the result arrives in {@link #openedProperty()}. */
    public void open() {
        busy.set(true);
        status.set("Opening " + name.get() + " (" + mode.text() + ")…");
        String resource = name.get();
        CancelSignal signal = startCancellable();
        tasks.run(() -> load(resource, signal), result -> {
            busy.set(false);
            cancellable.set(false);
            progress.set(-1);
            textContent = result.text();
            if (result.text() == null) {
                textBytes = null;
            }
            info.set(result.info());
            dirty.set(false);
            opened.set(result);
            status.set(result.notice());
        }, error -> {
            busy.set(false);
            cancellable.set(false);
            progress.set(-1);
            if (isCancel(error, signal)) {
                status.set("Opening cancelled: Reload to try again");
                return;
            }
            status.set("Could not open " + resource);
            dialogs.showError("Could not open " + resource + " in mode " + mode.text(), error);
        });
    }

    private static boolean isCancel(Throwable error, CancelSignal signal) {
        return error instanceof TransferCancelledException || error instanceof CancellationException
                || signal.isCancelled();
    }

    private Opened load(String resource, CancelSignal signal) throws IOException {
        // the handle keeps these options: progress reports every later transfer of this tab; its own cancel signal is
        // the open's, later saves pass theirs to flush
        ResourceOptions options = ResourceOptions.defaults().withType(type).withProgress(this::onProgress)
                .withCancel(signal);
        ResourceFile fp = odps.openResource(resource, mode.handleMode(), options);
        synchronized (this) {
            file = fp;
        }
        synchronized (fp) {
            ResourceInfo baseline = fp.baseline();
            long size = mode.startsEmpty() ? 0 : baseline != null ? baseline.size() : fp.size();
            boolean binaryType = type == ResourceType.JAR || type == ResourceType.ARCHIVE;
            boolean hex = preferHex || binaryType || size > TEXT_LIMIT;
            handleHoldsOriginal = !mode.startsEmpty();
            if (mode.startsEmpty()) {
                handleLength = 0;
                return hex ? hexOpened(baseline, ByteSource.of(new byte[0]), "Starts empty (mode " + mode.text() + ")")
                        : textOpened(baseline, new byte[0], "Starts empty (mode " + mode.text() + ")");
            }
            if (hex && mode.readOnly() && mode.handleReads()) {
                // read-only: nothing will be written, so the handle itself is the source, fetched page by page
                handleLength = fp.size();
                return hexOpened(baseline, new PagedByteSource(new HandleByteSource(fp), HEX_PAGE, 64, HEX_READ_AHEAD),
                        "");
            }
            if (size > LARGE) {
                Path temp = Files.createTempFile("odps-explorer-", ".bin");
                try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
                    if (mode.handleReads()) {
                        fp.transferTo(out);
                        fp.seek(0);
                    } else {
                        odps.downloadResource(resource, out, options);
                    }
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(temp);
                    throw e;
                }
                FileByteSource source = new FileByteSource(temp, true);
                snapshot = source;
                handleLength = source.size();
                return hexOpened(baseline, source, "");
            }
            byte[] bytes = readAll(fp, resource);
            handleLength = bytes.length;
            if (hex) {
                return hexOpened(baseline, ByteSource.of(bytes), "");
            }
            TextEncoding chosen = chosenEncoding;
            TextContent text = chosen != null ? TextContent.of(bytes, chosen) : TextContent.of(bytes);
            if (text.encoding().equals(TextEncoding.BINARY) || !text.lossless()) {
                String why = chosen != null ? "Opened in hex: the content is not valid " + chosen.label()
                        : !text.lossless() ? "Opened in hex: the text would not round-trip byte for byte"
                        : "Binary content: opened in hex";
                return hexOpened(baseline, ByteSource.of(bytes), why);
            }
            textBytes = bytes;
            baseContent = ByteSource.of(bytes);
            return new Opened(View.TEXT, baseline, text, null, text.guessed() ? guessNotice(text) : "");
        }
    }

    private byte[] readAll(ResourceFile fp, String resource) {
        if (mode.handleReads()) {
            byte[] bytes = fp.readBytes();
            fp.seek(0);
            return bytes;
        }
        // mode a: the handle may not read, so the tab shows the content from a plain download
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        odps.downloadResource(resource, out, ResourceOptions.defaults());
        return out.toByteArray();
    }

    private Opened textOpened(@Nullable ResourceInfo baseline, byte[] bytes, String notice) {
        baseContent = ByteSource.of(bytes);
        textBytes = bytes;
        return new Opened(View.TEXT, baseline, TextContent.of(bytes), null, notice);
    }

    private static String guessNotice(TextContent text) {
        return "Encoding guessed as " + text.encoding().label()
                + ": if the text looks wrong, use Reopen with encoding… in the tab menu";
    }

    /** Called on the FX thread after each successful save: the new server metadata and the saved text (or null). */
    public void addSavedListener(java.util.function.BiConsumer<ResourceInfo, @Nullable String> listener) {
        savedListeners.add(listener);
    }

    /** The encoding of a text tab, or null for hex. */
    public @Nullable TextEncoding encoding() {
        return textContent == null ? null : textContent.encoding();
    }

    /**
     * Shows the loaded bytes decoded in {@code encoding} (Reopen with encoding…); unsaved edits are dropped (the view
     * asked). Refused, with the offending byte offset, when the bytes are not valid in that encoding: nothing is
     * re-encoded without the user's choice, and nothing is replaced.
     */
    public boolean reopenWithEncoding(TextEncoding encoding) {
        byte[] bytes = textBytes;
        Opened o = opened.get();
        if (bytes == null || o == null || o.text() == null) {
            status.set("Reopen with encoding works for text tabs");
            return false;
        }
        long bad = encoding.firstUndecodable(bytes);
        TextContent text = TextContent.of(bytes, encoding);
        if (bad >= 0 || !text.lossless()) {
            String where = bad >= 0 ? "byte " + bad + " is not valid " + encoding.label()
                    : "the text would not round-trip byte for byte";
            status.set("Not reopened: " + where);
            dialogs.showInfo("Cannot reopen as " + encoding.label(), name.get() + ": " + where
                    + ". The tab keeps " + (textContent == null ? "its encoding" : textContent.encoding().label())
                    + ".");
            return false;
        }
        chosenEncoding = encoding;
        textContent = text;
        dirty.set(false);
        opened.set(new Opened(View.TEXT, o.info(), text, null, ""));
        status.set("Reopened as " + encoding.label());
        return true;
    }

    /**
     * Saves {@code editorText} in {@code encoding} from now on (Save with encoding…). Refused with the position of
     * the first character the encoding cannot hold; never replaces one.
     */
    public void saveWithEncoding(TextEncoding encoding, String editorText) {
        TextContent content = Objects.requireNonNull(textContent, "not a text tab");
        if (mode.readOnly() || mode.appendOnly()) {
            status.set("Mode " + mode.text() + " cannot rewrite the existing bytes in another encoding");
            return;
        }
        TextContent converted = content.withEncoding(encoding);
        if (refuseUnencodable(converted, editorText)) {
            return;
        }
        textContent = converted;
        chosenEncoding = encoding;
        dirty.set(true);
        saveText(editorText);
    }

    /** The first character of {@code editorText} the tab's encoding cannot hold, or null. */
    public TextEncoding.@Nullable UnencodableException unencodable(String editorText) {
        return textContent == null ? null : textContent.unencodable(editorText);
    }

    private boolean refuseUnencodable(TextContent content, String editorText) {
        TextEncoding.UnencodableException refused = content.unencodable(editorText);
        if (refused == null) {
            return false;
        }
        status.set("Not saved: " + refused.getMessage());
        dialogs.showInfo("Not saved: " + content.encoding().label() + " cannot hold a character",
                refused.getMessage() + ". Remove it, or use Save with encoding… (UTF-8 or GB18030 hold every "
                        + "character).");
        return true;
    }

    private Opened hexOpened(@Nullable ResourceInfo baseline, ByteSource source, String notice) {
        baseContent = source;
        return new Opened(View.HEX, baseline, null, new HexDocument(source), notice);
    }

    /** True when {@code editorText} can be saved in the detected encoding without loss. */
    public boolean canEncode(String editorText) {
        return textContent == null || textContent.canEncode(editorText);
    }

    /**
     * Saves the text editor's content: rewrite (or append) through the handle, then a safe flush. A character the
     * encoding cannot hold refuses the save with its line and column.
     */
    public void saveText(String editorText) {
        TextContent content = Objects.requireNonNull(textContent, "not a text tab");
        if (!mode.readOnly() && dirty.get() && refuseUnencodable(content, editorText)) {
            return;
        }
        save(() -> content.toBytes(editorText), editorText);
    }

    /**
     * Saves the hex editor's document by streaming it into the handle (only the changed runs while the handle still
     * holds the loaded content), then a safe flush: memory stays constant whatever the size.
     */
    public void saveHex() {
        Opened o = Objects.requireNonNull(opened.get(), "not open");
        HexDocument doc = Objects.requireNonNull(o.hex(), "not a hex tab");
        if (!startSave()) {
            return;
        }
        ResourceFile fp = Objects.requireNonNull(file);
        CancelSignal signal = startCancellable();
        tasks.run(() -> {
            synchronized (fp) {
                writeInto(fp, doc, signal);
                recordBeforeFlush(fp.baseline(), baseContent);
                fp.flush(false, signal);
                String warning = recorder.afterSave(name.get(), fp.baseline(), doc,
                        truncatedSinceSave ? VersionAction.TRUNCATE : VersionAction.SAVE);
                if (warning != null) {
                    historyWarning = warning;
                }
                baseContent = null;
                return fp.baseline();
            }
        }, this::saved, error -> saveFailed(error, signal, () -> preview(doc)));
    }

    /** Common checks of a save; false when it must not start. Sets busy and the progress on success. */
    private boolean startSave() {
        if (mode.readOnly()) {
            status.set("Read-only: opened in mode " + mode.text());
            return false;
        }
        if (busy.get() || file == null) {
            return false;
        }
        if (!dirty.get()) {
            // nothing changed since the last load or save: no upload, so no new version on the server
            status.set("No changes to save");
            return false;
        }
        busy.set(true);
        progress.set(0);
        status.set("Saving " + name.get() + "…");
        return true;
    }

    /** Streams {@code doc} into the handle: from the protected length in append modes, else a rewrite and a cut. */
    private void writeInto(ResourceFile fp, HexDocument doc, CancelSignal signal) throws IOException {
        long size = doc.size();
        if (mode.appendOnly()) {
            if (size > handleLength) {
                long from = handleLength;
                byte[] buf = new byte[64 * 1024];
                for (long pos = from; pos < size; ) {
                    signal.throwIfCancelled("save of " + name.get());
                    int n = doc.read(pos, buf, 0, (int) Math.min(buf.length, size - pos));
                    fp.write(n == buf.length ? buf : Arrays.copyOf(buf, n));
                    pos += n;
                }
                handleLength = size;
            }
            return;
        }
        boolean holdsOriginal = handleHoldsOriginal;
        // from here until the flush succeeds, the handle holds a mix of both versions: the next save rewrites it all
        handleHoldsOriginal = false;
        doc.copyInto((pos, buf, len) -> {
            fp.seek(pos);
            fp.write(len == buf.length ? buf : Arrays.copyOf(buf, len));
        }, holdsOriginal, signal::isCancelled);
        fp.truncate(size);
        handleLength = size;
    }

    private void save(BytesSupplier bytes, @Nullable String editorText) {
        if (mode.readOnly()) {
            status.set("Read-only: opened in mode " + mode.text());
            return;
        }
        if (busy.get()) {
            return;
        }
        ResourceFile fp = file;
        if (fp == null) {
            return;
        }
        if (!dirty.get()) {
            // nothing changed since the last load or save: no upload, so no new version on the server
            status.set("No changes to save");
            return;
        }
        busy.set(true);
        progress.set(0);
        status.set("Saving " + name.get() + "…");
        VersionAction action = truncatedSinceSave ? VersionAction.TRUNCATE : VersionAction.SAVE;
        CancelSignal signal = startCancellable();
        tasks.run(() -> {
            byte[] all = bytes.get();
            synchronized (fp) {
                writeInto(fp, all);
                // what the handle holds now; kept for Keep mine after a conflict, and for Reopen with encoding
                pendingBytes = editorText != null ? all : null;
                pendingText = editorText;
                historyPending = all;
                recordBeforeFlush(fp.baseline(), baseContent);
                fp.flush(false, signal);
                recordAfterFlush(fp.baseline(), all, action);
                return fp.baseline();
            }
        }, this::saved, error -> saveFailed(error, signal, () -> asText(bytes.get(), -1)));
    }

    /** History seam, before the upload: the server version about to be replaced. Worker; never throws. */
    private void recordBeforeFlush(@Nullable ResourceInfo replaced, @Nullable ByteSource replacedContent) {
        historyWarning = recorder.beforeSave(name.get(), replaced, replacedContent);
    }

    /** History seam, after a successful upload: the version written. Worker; never throws. */
    private void recordAfterFlush(@Nullable ResourceInfo saved, byte[] written, VersionAction action) {
        String warning = recorder.afterSave(name.get(), saved, ByteSource.of(written), action);
        if (warning != null) {
            historyWarning = warning;
        }
        historyPending = null;
        // the next save replaces what was just written; a big one is not held on to (its MD5 is in the journal)
        baseContent = written.length <= TEXT_LIMIT ? ByteSource.of(written) : null;
    }

    private void writeInto(ResourceFile fp, byte[] all) {
        if (mode.appendOnly()) {
            if (all.length > handleLength) {
                fp.write(Arrays.copyOfRange(all, (int) handleLength, all.length));
                handleLength = all.length;
            }
        } else {
            fp.seek(0);
            fp.write(all);
            fp.truncate();
            handleLength = all.length;
            handleHoldsOriginal = false;
        }
    }

    private void saved(@Nullable ResourceInfo baseline) {
        if (pendingBytes != null) {
            textBytes = pendingBytes;
        }
        String savedText = pendingText;
        pendingBytes = null;
        pendingText = null;
        busy.set(false);
        cancellable.set(false);
        progress.set(-1);
        dirty.set(false);
        conflict.set(null);
        info.set(baseline);
        truncatedSinceSave = false;
        theirsBytes = null;
        Opened o = opened.get();
        if (o != null && o.hex() != null) {
            status.set("Saved " + handleLength + " bytes");
        } else {
            status.set("Saved " + name.get());
        }
        String warning = historyWarning;
        historyWarning = null;
        if (warning != null) {
            status.set(status.get() + " ⚠ " + warning);
        }
        if (baseline != null) {
            savedListeners.forEach(l -> l.accept(baseline, savedText));
        }
    }

    private void saveFailed(Throwable error, CancelSignal signal, Callable<String> mineText) {
        progress.set(-1);
        cancellable.set(false);
        if (isCancel(error, signal)) {
            busy.set(false);
            status.set("Save cancelled: the server copy is unchanged");
            return;
        }
        if (!(error instanceof ResourceConflictException rc)) {
            busy.set(false);
            status.set("Not saved");
            dialogs.showError("Could not save " + name.get(), error);
            return;
        }
        status.set("Conflict: " + name.get() + " changed on the server");
        String resource = name.get();
        tasks.run(() -> {
            String theirs;
            try {
                theirs = serverPreview(resource);
            } catch (NoSuchObjectException gone) {
                theirs = "";
            }
            return new Conflict(mineText.call(), theirs, rc.expected(), rc.actual());
        }, c -> {
            busy.set(false);
            conflict.set(c);
        }, e2 -> {
            busy.set(false);
            dialogs.showError("Could not read the server copy of " + resource, e2);
        });
    }

    /**
     * The server copy for the conflict dialog, read through an {@code rb} handle without loading more than a text tab
     * may hold: small text whole, anything larger as a hex dump of its start (no full download of a 2 GB resource).
     */
    private String serverPreview(String resource) {
        try (ResourceFile theirs = odps.openResource(resource, "rb")) {
            long size = theirs.size();
            int wanted = (int) Math.min(size, size <= TEXT_LIMIT ? TEXT_LIMIT : CONFLICT_PREVIEW);
            return asText(theirs.readBytes(wanted), size);
        }
    }

    /** This tab's side of a hex conflict: its start as a hex dump (or text, when it is small text). */
    private String preview(HexDocument doc) throws IOException {
        long size = doc.size();
        byte[] start = new byte[(int) Math.min(size, size <= TEXT_LIMIT ? TEXT_LIMIT : CONFLICT_PREVIEW)];
        int n = doc.read(0, start, 0, start.length);
        return asText(n == start.length ? start : Arrays.copyOf(start, n), size);
    }

    /**
     * {@code bytes} as text when they are the whole content ({@code size} equal to their length, or -1) and decode
     * losslessly, else a hex dump of at most {@value #CONFLICT_PREVIEW} bytes with the count of the rest.
     */
    private String asText(byte[] bytes, long size) {
        long total = size < 0 ? bytes.length : size;
        if (total == bytes.length) {
            // both sides in the tab's encoding when they fit it, else detected on their own
            TextContent own = textContent;
            TextContent t = own != null && TextContent.of(bytes, own.encoding()).lossless()
                    ? TextContent.of(bytes, own.encoding()) : TextContent.of(bytes);
            if (!t.encoding().equals(TextEncoding.BINARY) && t.lossless()) {
                return t.text();
            }
        }
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(bytes.length, CONFLICT_PREVIEW);
        for (int i = 0; i < shown; i += 16) {
            sb.append(String.format("%08X  ", i))
                    .append(org.odpsexplorer.app.hex.HexText.toHex(bytes, i, Math.min(16, shown - i))).append('\n');
        }
        if (total > shown) {
            sb.append("… ").append(total - shown).append(" more bytes\n");
        }
        return sb.toString();
    }

    /**
     * A recovered buffer whose base version is no longer on the server: its bytes go into the handle and the
     * conflict dialog asks (Keep mine overwrites, Take theirs reloads, Cancel keeps editing).
     */
    public void conflictWithRecovered(String editorText, ResourceInfo recoveredBase) {
        TextContent content = Objects.requireNonNull(textContent, "not a text tab");
        ResourceFile fp = file;
        if (fp == null) {
            return;
        }
        dirty.set(true);
        busy.set(true);
        String resource = name.get();
        tasks.run(() -> {
            byte[] mine = content.toBytes(editorText);
            ResourceInfo current;
            synchronized (fp) {
                writeInto(fp, mine);
                current = fp.baseline();
            }
            historyPending = mine;
            pendingBytes = mine;
            pendingText = editorText;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            odps.downloadResource(resource, out, ResourceOptions.defaults());
            theirsBytes = out.toByteArray();
            theirsInfo = current;
            return new Conflict(asText(mine, -1), asText(theirsBytes, -1), recoveredBase, current);
        }, c -> {
            busy.set(false);
            status.set("Recovered: " + resource + " changed on the server since");
            conflict.set(c);
        }, error -> {
            busy.set(false);
            dialogs.showError("Could not read the server copy of " + resource, error);
        });
    }

    /** Another tab of this window saved the resource: say so, with what the server has now. */
    public void changedElsewhere(ResourceInfo now) {
        status.set("Saved in another tab: now " + String.format("%,d bytes", now.size()) + ", modified "
                + now.lastModifiedTime() + (now.md5() == null ? "" : ", md5 " + now.md5())
                + (dirty.get() ? ". Saving here will ask about the conflict" : ". Reload to see it"));
    }

    /**
     * This window changed only the resource's metadata (its comment) from {@code before} to {@code after}: the handle
     * takes {@code after} as its base when it was based on {@code before} and the content is the same, so the next
     * save does not report a false conflict. Runs on a worker (the handle's monitor).
     */
    public void rebase(ResourceInfo before, ResourceInfo after) {
        ResourceFile fp = file;
        if (fp == null) {
            return;
        }
        tasks.run(() -> {
            synchronized (fp) {
                ResourceInfo base = fp.baseline();
                return base != null && base.sameVersionAs(before) && fp.rebase(after);
            }
        }, done -> {
            if (done) {
                info.set(after);
            }
        }, error -> status.set("Could not take the new comment into " + name.get() + ": " + error.getMessage()));
    }

    /** Conflict answer: overwrite the server copy with this tab's content ({@code flush(force)}). */
    public void keepMine() {
        ResourceFile fp = file;
        if (fp == null) {
            return;
        }
        conflict.set(null);
        busy.set(true);
        progress.set(0);
        status.set("Overwriting the server copy of " + name.get() + "…");
        VersionAction action = truncatedSinceSave ? VersionAction.TRUNCATE : VersionAction.SAVE;
        ResourceInfo replaced = theirsInfo;
        CancelSignal signal = startCancellable();
        tasks.run(() -> {
            synchronized (fp) {
                recordBeforeFlush(replaced, null);
                fp.flush(true, signal);
                byte[] written = historyPending;
                if (written != null) {
                    recordAfterFlush(fp.baseline(), written, action);
                }
                return fp.baseline();
            }
        }, this::saved, error -> {
            busy.set(false);
            progress.set(-1);
            cancellable.set(false);
            if (isCancel(error, signal)) {
                status.set("Save cancelled: the server copy is unchanged");
                return;
            }
            dialogs.showError("Could not save " + name.get(), error);
        });
    }

    /** Conflict answer (or Reload): drop this tab's changes and load the server copy in the same mode. */
    public void takeTheirs() {
        conflict.set(null);
        release();
        open();
    }

    /** Conflict answer: keep editing; nothing is written. */
    public void cancelConflict() {
        conflict.set(null);
        status.set("Not saved: the server copy changed");
    }

    /** The dialogs this tab's questions and errors go to. */
    public Dialogs dialogs() {
        return dialogs;
    }

    /**
     * Save As: creates (or, when {@code overwrite}, replaces) resource {@code newName} of {@code newType} with this
     * tab's current bytes, then binds the tab to it in the same mode.
     */
    public void saveAs(String newName, ResourceType newType, BytesSupplier bytes, boolean overwrite) {
        byte[][] sent = new byte[1][];
        saveAs(newName, newType, () -> new java.io.ByteArrayInputStream(sent[0] = bytes.get()),
                () -> ByteSource.of(sent[0]), overwrite);
    }

    /** Save As of a hex tab: the document streamed to the server, constant memory whatever its size. */
    public void saveAs(String newName, ResourceType newType, HexDocument doc, boolean overwrite) {
        saveAs(newName, newType, () -> doc.openStream(0), () -> doc, overwrite);
    }

    /**
     * Save As from a stream: uploaded as it is read (the SDK spools a large stream to a temp file, never to the heap),
     * then the tab is bound to the new resource in the same mode. Not recorded in the local history (the stream can
     * be read once); the text and hex overloads are.
     */
    public void saveAs(String newName, ResourceType newType, StreamSupplier content, boolean overwrite) {
        saveAs(newName, newType, content, null, overwrite);
    }

    /**
     * Save As: uploads {@code content}, records the replaced server copy (when overwriting) and, when {@code written}
     * is given, the bytes written in the local history, then binds the tab to the new resource.
     */
    private void saveAs(String newName, ResourceType newType, StreamSupplier content,
                        java.util.function.@Nullable Supplier<ByteSource> written, boolean overwrite) {
        busy.set(true);
        progress.set(0);
        status.set("Saving as " + newName + "…");
        ResourceFile old = file;
        CancelSignal signal = startCancellable();
        tasks.run(() -> {
            ResourceOptions options = ResourceOptions.defaults().withType(newType).withProgress(this::onProgress)
                    .withCancel(signal);
            boolean replacing = overwrite && odps.existResource(newName);
            if (replacing) {
                ResourceInfo replaced = odps.getResource(newName).info();
                try (FileByteSource copy = recorder.copyOfServerVersion(odps, replaced)) {
                    historyWarning = recorder.beforeSave(newName, replaced, copy);
                }
            }
            try (java.io.InputStream in = content.open()) {
                if (replacing) {
                    odps.updateResource(newName, in, options);
                } else {
                    odps.createResource(newName, newType.wireName(), in, options);
                }
            }
            ResourceFile fresh = odps.openResource(newName, mode.handleMode(), options.withCancel(null));
            if (written != null) {
                String warning = recorder.afterSave(newName, fresh.baseline(), written.get(), VersionAction.SAVE_AS);
                if (warning != null) {
                    historyWarning = warning;
                }
            }
            if (old != null) {
                synchronized (old) {
                    old.discard();
                }
            }
            synchronized (fresh) {
                handleLength = mode.startsEmpty() ? 0 : fresh.size();
                handleHoldsOriginal = false;
                return new Object[] {fresh, fresh.baseline()};
            }
        }, pair -> {
            synchronized (this) {
                file = (ResourceFile) pair[0];
            }
            name.set(newName);
            saved((ResourceInfo) pair[1]);
            status.set("Saved as " + newName);
        }, error -> {
            busy.set(false);
            progress.set(-1);
            cancellable.set(false);
            if (isCancel(error, signal)) {
                status.set("Save As cancelled: " + newName + " was not written");
                return;
            }
            dialogs.showError("Could not save as " + newName, error);
        });
    }

    /** Releases the handle without uploading (the view already asked about unsaved changes). */
    public void release() {
        ResourceFile fp;
        AutoCloseable snap;
        synchronized (this) {
            fp = file;
            snap = snapshot;
            file = null;
            snapshot = null;
        }
        if (fp == null && snap == null) {
            return;
        }
        tasks.run(() -> {
            if (fp != null) {
                synchronized (fp) {
                    fp.discard();
                }
            }
            if (snap != null) {
                snap.close();
            }
            return null;
        }, ignored -> { }, error -> status.set("Could not release " + name.get() + ": " + error.getMessage()));
    }

    /** Worker thread: at most ~10 UI updates a second with bytes, percent and time left. */
    private void onProgress(TransferProgress p) {
        String text = clock.report(p);
        if (text == null) {
            return;
        }
        double fraction = p.fraction();
        tasks.runOnUi(() -> {
            if (busy.get()) {
                progress.set(fraction);
                status.set(text);
            }
        });
    }

    /** Produces the bytes to save; runs on a worker. */
    @FunctionalInterface
    public interface BytesSupplier {
        byte[] get() throws IOException;
    }

    /** Opens the content to save as a stream (the caller closes it); runs on a worker. */
    @FunctionalInterface
    public interface StreamSupplier {
        java.io.InputStream open() throws IOException;
    }

    /** Reads a read-only handle by seeking; the handle's monitor serializes it with other users. */
    private static final class HandleByteSource implements ByteSource {
        private final ResourceFile fp;
        private final long size;

        HandleByteSource(ResourceFile fp) {
            this.fp = fp;
            this.size = fp.size();
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int read(long offset, byte[] buf, int off, int len) {
            synchronized (fp) {
                // a positional read: exactly this range in one request on a pooled connection
                return fp.readBytesAt(offset, buf, off, len);
            }
        }
    }
}
