package org.odpsexplorer.app.editor;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
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
import org.odpsexplorer.app.common.FunctionUsage;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.hex.ByteSource;
import org.odpsexplorer.app.hex.FileByteSource;
import org.odpsexplorer.app.hex.HexDocument;
import org.odpsexplorer.app.hex.HexText;
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
 * <p>Threads: properties, fields and commands belong to the FX thread. Every SDK and disk call runs on a worker
 * through the {@link UiExecutor}; the worker gets what it needs as arguments and returns an immutable result (or a
 * failure carrying one) that the FX callback applies, so no worker writes a field and no lock guards this class. The
 * handle itself is used through {@link SerialHandle}, one worker at a time.
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
    private static final String NO_CHANGES = "No changes to save";
    private final BooleanProperty dirty = new SimpleBooleanProperty(this, "dirty");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(this, "cancellable");
    private final ProgressClock clock = new ProgressClock();
    private final List<BiConsumer<ResourceInfo, @Nullable String>> savedListeners = new CopyOnWriteArrayList<>();

    // Everything below is FX-thread state: workers get what they need as arguments (captured before the task) and
    // return an immutable result that the FX callback applies; no worker writes a field.

    /** Raised by {@link #cancel()}: stops the running open, save or Save As; replaced by every new one. */
    private CancelSignal cancel = new CancelSignal();
    /** Bumped by every open and release: the result of an open that was overtaken is dropped (its handle released). */
    private long openGeneration;
    private @Nullable SerialHandle file;
    private @Nullable AutoCloseable snapshot;
    /** True while the handle still holds the content as loaded, so a hex save writes only the changed runs. */
    private boolean handleHoldsOriginal;
    /** What the handle's content is after our writes (flushed or not); append mode writes only what follows it. */
    private long handleLength;
    private @Nullable TextContent textContent;
    // local history (issue 14): what the journal records around each save
    private SaveRecorder recorder = SaveRecorder.NONE;
    /** Bytes of the version the handle's baseline describes, when held locally; null when unknown. */
    private @Nullable ByteSource baseContent;
    /** The bytes (and text) written into the handle by a save that is waiting in a conflict; Keep mine uploads them. */
    private @Nullable Written pending;
    /** The server copy a recovered buffer conflicts with (recorded as replaced when Keep mine overwrites it). */
    private @Nullable ResourceInfo theirsInfo;
    private boolean truncatedSinceSave;
    /** The bytes a text tab was loaded from (at most {@link #TEXT_LIMIT}): Reopen with encoding decodes them again. */
    private byte @Nullable [] textBytes;
    /** The encoding the user chose with Reopen with encoding, used by the next load; null: detect. */
    private @Nullable TextEncoding chosenEncoding;

    public ResourceEditorViewModel(Odps odps, String resourceName, ResourceType type, OpenMode mode, boolean preferHex,
                                   UiExecutor tasks, Dialogs dialogs) {
        this.odps = odps;
        this.type = type;
        this.mode = mode;
        this.preferHex = preferHex || mode.isBinaryMode();
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.name.set(resourceName);
        // "no changes" stops being true with the first edit after it
        dirty.addListener((obs, was, now) -> {
            if (now && NO_CHANGES.equals(status.get())) {
                status.set("");
            }
        });
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
        long generation = ++openGeneration;
        @Nullable TextEncoding chosen = chosenEncoding;
        tasks.run(() -> load(resource, signal, chosen), loaded -> {
            if (generation != openGeneration) {
                // released (tab closed) or reopened meanwhile: this handle belongs to nobody
                releaseLater(loaded.handle(), loaded.snapshot());
                return;
            }
            busy.set(false);
            cancellable.set(false);
            progress.set(-1);
            Opened result = loaded.opened();
            file = loaded.handle();
            snapshot = loaded.snapshot();
            handleLength = loaded.handleLength();
            handleHoldsOriginal = !mode.startsEmpty();
            baseContent = loaded.baseContent();
            textBytes = loaded.textBytes();
            textContent = result.text();
            info.set(result.info());
            dirty.set(false);
            opened.set(result);
            status.set(result.notice());
        }, error -> {
            if (generation != openGeneration) {
                return;
            }
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

    /**
     * What an open produced, applied on the FX thread: the view's content, the handle (and the temp file of a large
     * snapshot), how long the handle's content is, and the bytes a text tab and the history keep.
     */
    private record Loaded(Opened opened, SerialHandle handle, @Nullable AutoCloseable snapshot, long handleLength,
                          @Nullable ByteSource baseContent, byte @Nullable [] textBytes) {
    }

    /** Worker: opens the handle and reads the content; on failure the handle is discarded, nothing leaks. */
    private Loaded load(String resource, CancelSignal signal, @Nullable TextEncoding chosen) throws IOException {
        // the handle keeps these options: progress reports every later transfer of this tab; its own cancel signal is
        // the open's, later saves pass theirs to flush
        ResourceOptions options = ResourceOptions.defaults().withType(type).withProgress(this::onProgress)
                .withCancel(signal);
        ResourceFile fp = odps.openResource(resource, mode.handleMode(), options);
        SerialHandle handle = new SerialHandle(fp);
        try {
            return read(handle, fp, resource, options, chosen);
        } catch (IOException | RuntimeException e) {
            fp.discard();
            throw e;
        }
    }

    private Loaded read(SerialHandle handle, ResourceFile fp, String resource, ResourceOptions options,
                        @Nullable TextEncoding chosen) throws IOException {
        ResourceInfo baseline = fp.baseline();
        long size = mode.startsEmpty() ? 0 : baseline != null ? baseline.size() : fp.size();
        boolean binaryType = type == ResourceType.JAR || type == ResourceType.ARCHIVE;
        boolean hex = preferHex || binaryType || size > TEXT_LIMIT;
        if (mode.startsEmpty()) {
            String notice = "Starts empty (mode " + mode.text() + ")";
            byte[] none = new byte[0];
            return hex ? hexLoaded(handle, null, 0, baseline, ByteSource.of(none), notice)
                    : new Loaded(new Opened(View.TEXT, baseline, TextContent.of(none), null, notice), handle, null, 0,
                    ByteSource.of(none), none);
        }
        if (hex && mode.readOnly() && mode.handleReads()) {
            // read-only: nothing will be written, so the handle itself is the source, fetched page by page
            ByteSource pages = new PagedByteSource(new HandleByteSource(handle, fp.size()), HEX_PAGE, 64,
                    HEX_READ_AHEAD);
            return hexLoaded(handle, null, fp.size(), baseline, pages, "");
        }
        if (size > LARGE) {
            Path temp = Files.createTempFile("odps-explorer-", ".bin");
            try (var out = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
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
            return hexLoaded(handle, source, source.size(), baseline, source, "");
        }
        byte[] bytes = readAll(fp, resource);
        if (hex) {
            return hexLoaded(handle, null, bytes.length, baseline, ByteSource.of(bytes), "");
        }
        TextContent text = chosen != null ? TextContent.of(bytes, chosen) : TextContent.of(bytes);
        if (text.encoding().equals(TextEncoding.BINARY) || !text.lossless()) {
            String why = chosen != null ? "Opened in hex: the content is not valid " + chosen.label()
                    : !text.lossless() ? "Opened in hex: the text would not round-trip byte for byte"
                    : "Binary content: opened in hex";
            return hexLoaded(handle, null, bytes.length, baseline, ByteSource.of(bytes), why);
        }
        return new Loaded(new Opened(View.TEXT, baseline, text, null, text.guessed() ? guessNotice(text) : ""),
                handle, null, bytes.length, ByteSource.of(bytes), bytes);
    }

    private static Loaded hexLoaded(SerialHandle handle, @Nullable AutoCloseable snapshot, long length,
                                    @Nullable ResourceInfo baseline, ByteSource source, String notice) {
        return new Loaded(new Opened(View.HEX, baseline, null, new HexDocument(source), notice), handle, snapshot,
                length, source, null);
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

    private static String guessNotice(TextContent text) {
        return "Encoding guessed as " + text.encoding().label()
                + ": if the text looks wrong, use Reopen with encoding… in the tab menu";
    }

    /** Called on the FX thread after each successful save: the new server metadata and the saved text (or null). */
    public void addSavedListener(BiConsumer<ResourceInfo, @Nullable String> listener) {
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

    /** True when {@code editorText} can be saved in the detected encoding without loss. */
    public boolean canEncode(String editorText) {
        return textContent == null || textContent.canEncode(editorText);
    }

    /** True when Save can run now: an editable tab with unsaved changes and nothing else running. FX thread. */
    public boolean canSave() {
        return !mode.readOnly() && dirty.get() && !busy.get() && file != null;
    }

    // ---------------------------------------------------------------- saving

    /**
     * What a save wrote into the handle (whether or not the upload then succeeded): the handle's new length, and for
     * a text save the bytes and the editor's text, which a conflict's Keep mine uploads and records.
     */
    private record Written(long handleLength, byte @Nullable [] bytes, @Nullable String text) {
    }

    /**
     * A finished upload: the new server metadata, what was written, the local-history warning (or null), and the
     * content the next save replaces when it is held locally.
     */
    private record Saved(@Nullable ResourceInfo baseline, Written written, @Nullable String warning,
                         @Nullable ByteSource newBase) {
    }

    /** A failed upload; carries what the save wrote into the handle, so the FX thread knows the handle's state. */
    private static final class SaveFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Written written;

        SaveFailed(Written written, Throwable cause) {
            super(cause.getMessage(), cause);
            this.written = written;
        }
    }

    /** The cause of a failure, with a {@link SaveFailed}'s handle state applied first. FX thread. */
    private Throwable applyFailure(Throwable error) {
        if (error instanceof SaveFailed failed) {
            handleLength = failed.written.handleLength();
            if (failed.written.bytes() != null) {
                pending = failed.written;
            }
            return Objects.requireNonNull(failed.getCause());
        }
        return error;
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
        SerialHandle handle = startSave();
        if (handle == null) {
            return;
        }
        boolean holdsOriginal = handleHoldsOriginal;
        // from here until the flush succeeds, the handle holds a mix of both versions: the next save rewrites it all
        handleHoldsOriginal = false;
        long length = handleLength;
        String resource = name.get();
        SaveRecorder rec = recorder;
        ByteSource replacedContent = baseContent;
        VersionAction action = truncatedSinceSave ? VersionAction.TRUNCATE : VersionAction.SAVE;
        CancelSignal signal = startCancellable();
        tasks.run(() -> handle.use(fp -> {
            Written written = new Written(length, null, null);
            try {
                written = new Written(writeInto(fp, doc, length, holdsOriginal, signal, resource), null, null);
                String warning = rec.beforeSave(resource, fp.baseline(), replacedContent);
                fp.flush(false, signal);
                String after = rec.afterSave(resource, fp.baseline(), doc, action);
                return new Saved(fp.baseline(), written, after != null ? after : warning, null);
            } catch (IOException | RuntimeException e) {
                throw new SaveFailed(written, e);
            }
        }), this::saved, error -> saveFailed(applyFailure(error), signal, () -> preview(doc)));
    }

    /** Common checks of a save; the handle when it may start (busy and progress set), else null. */
    private @Nullable SerialHandle startSave() {
        if (mode.readOnly()) {
            status.set("Read-only: opened in mode " + mode.text());
            return null;
        }
        SerialHandle handle = file;
        if (busy.get() || handle == null) {
            return null;
        }
        if (!dirty.get()) {
            // nothing changed since the last load or save: no upload, so no new version on the server
            status.set(NO_CHANGES);
            return null;
        }
        busy.set(true);
        progress.set(0);
        status.set("Saving " + name.get() + "…");
        return handle;
    }

    /**
     * Worker: streams {@code doc} into the handle: from the protected {@code length} in append modes, else a rewrite
     * and a cut. Returns the handle's new length.
     */
    private long writeInto(ResourceFile fp, HexDocument doc, long length, boolean holdsOriginal, CancelSignal signal,
                           String resource) throws IOException {
        long size = doc.size();
        if (mode.appendOnly()) {
            if (size > length) {
                byte[] buf = new byte[64 * 1024];
                for (long pos = length; pos < size; ) {
                    signal.throwIfCancelled("save of " + resource);
                    int n = doc.read(pos, buf, 0, (int) Math.min(buf.length, size - pos));
                    fp.write(n == buf.length ? buf : Arrays.copyOf(buf, n));
                    pos += n;
                }
                return size;
            }
            return length;
        }
        doc.copyInto((pos, buf, len) -> {
            fp.seek(pos);
            fp.write(len == buf.length ? buf : Arrays.copyOf(buf, len));
        }, holdsOriginal, signal::isCancelled);
        fp.truncate(size);
        return size;
    }

    private void save(BytesSupplier bytes, String editorText) {
        SerialHandle handle = startSave();
        if (handle == null) {
            return;
        }
        if (!mode.appendOnly()) {
            // a rewrite replaces everything the handle held
            handleHoldsOriginal = false;
        }
        long length = handleLength;
        String resource = name.get();
        SaveRecorder rec = recorder;
        ByteSource replacedContent = baseContent;
        TextContent own = textContent;
        VersionAction action = truncatedSinceSave ? VersionAction.TRUNCATE : VersionAction.SAVE;
        CancelSignal signal = startCancellable();
        tasks.run(() -> {
            byte[] all = bytes.get();
            return handle.use(fp -> {
                // what the handle holds now; kept for Keep mine after a conflict, and for Reopen with encoding
                Written written = new Written(writeInto(fp, all, length), all, editorText);
                try {
                    String warning = rec.beforeSave(resource, fp.baseline(), replacedContent);
                    fp.flush(false, signal);
                    return afterFlush(rec, resource, fp.baseline(), written, action, warning);
                } catch (RuntimeException e) {
                    throw new SaveFailed(written, e);
                }
            });
        }, this::saved, error -> saveFailed(applyFailure(error), signal, () -> asText(bytes.get(), -1, own)));
    }

    /** Worker, after a successful upload of {@code written}: records it in the local history; never throws. */
    private static Saved afterFlush(SaveRecorder rec, String resource, @Nullable ResourceInfo baseline, Written written,
                                    VersionAction action, @Nullable String warning) {
        byte[] bytes = Objects.requireNonNull(written.bytes());
        String after = rec.afterSave(resource, baseline, ByteSource.of(bytes), action);
        // the next save replaces what was just written; a big one is not held on to (its MD5 is in the journal)
        return new Saved(baseline, written, after != null ? after : warning,
                bytes.length <= TEXT_LIMIT ? ByteSource.of(bytes) : null);
    }

    /** Worker: writes {@code all} into the handle (appended after {@code length} in append modes); the new length. */
    private long writeInto(ResourceFile fp, byte[] all, long length) {
        if (mode.appendOnly()) {
            if (all.length > length) {
                fp.write(Arrays.copyOfRange(all, (int) length, all.length));
                return all.length;
            }
            return length;
        }
        fp.seek(0);
        fp.write(all);
        fp.truncate();
        return all.length;
    }

    private void saved(Saved result) {
        Written written = result.written();
        handleLength = written.handleLength();
        if (written.bytes() != null && written.text() != null) {
            textBytes = written.bytes();
        }
        baseContent = result.newBase();
        pending = null;
        ResourceInfo baseline = result.baseline();
        busy.set(false);
        cancellable.set(false);
        progress.set(-1);
        dirty.set(false);
        conflict.set(null);
        info.set(baseline);
        truncatedSinceSave = false;
        Opened o = opened.get();
        if (o != null && o.hex() != null) {
            status.set("Saved " + handleLength + " bytes");
        } else {
            status.set("Saved " + name.get());
        }
        String warning = result.warning();
        if (warning != null) {
            status.set(status.get() + " ⚠ " + warning);
        }
        if (baseline != null) {
            savedListeners.forEach(l -> l.accept(baseline, written.text()));
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
        TextContent own = textContent;
        tasks.run(() -> {
            String theirs;
            try {
                theirs = serverPreview(resource, own);
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
     * Worker: the server copy for the conflict dialog, read through an {@code rb} handle without loading more than a
     * text tab may hold: small text whole, anything larger as a hex dump of its start (no full download of 2 GB).
     */
    private String serverPreview(String resource, @Nullable TextContent own) {
        try (ResourceFile theirs = odps.openResource(resource, "rb")) {
            long size = theirs.size();
            int wanted = (int) Math.min(size, size <= TEXT_LIMIT ? TEXT_LIMIT : CONFLICT_PREVIEW);
            return asText(theirs.readBytes(wanted), size, own);
        }
    }

    /** This tab's side of a hex conflict: its start as a hex dump (or text, when it is small text). */
    private static String preview(HexDocument doc) throws IOException {
        long size = doc.size();
        byte[] start = new byte[(int) Math.min(size, size <= TEXT_LIMIT ? TEXT_LIMIT : CONFLICT_PREVIEW)];
        int n = doc.read(0, start, 0, start.length);
        return asText(n == start.length ? start : Arrays.copyOf(start, n), size, null);
    }

    /**
     * {@code bytes} as text when they are the whole content ({@code size} equal to their length, or -1) and decode
     * losslessly (in {@code own}'s encoding when they fit it), else a hex dump of at most {@value #CONFLICT_PREVIEW}
     * bytes with the count of the rest. Pure: any thread.
     */
    private static String asText(byte[] bytes, long size, @Nullable TextContent own) {
        long total = size < 0 ? bytes.length : size;
        if (total == bytes.length) {
            // both sides in the tab's encoding when they fit it, else detected on their own
            TextContent t = own != null && TextContent.of(bytes, own.encoding()).lossless()
                    ? TextContent.of(bytes, own.encoding()) : TextContent.of(bytes);
            if (!t.encoding().equals(TextEncoding.BINARY) && t.lossless()) {
                return t.text();
            }
        }
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(bytes.length, CONFLICT_PREVIEW);
        for (int i = 0; i < shown; i += 16) {
            sb.append(String.format("%08X  ", i)).append(HexText.toHex(bytes, i, Math.min(16, shown - i))).append('\n');
        }
        if (total > shown) {
            sb.append("… ").append(total - shown).append(" more bytes\n");
        }
        return sb.toString();
    }

    /** What a recovered buffer's conflict needs: the dialog's content and the server copy it conflicts with. */
    private record RecoveredConflict(Conflict conflict, Written written, @Nullable ResourceInfo current) {
    }

    /**
     * A recovered buffer whose base version is no longer on the server: its bytes go into the handle and the
     * conflict dialog asks (Keep mine overwrites, Take theirs reloads, Cancel keeps editing).
     */
    public void conflictWithRecovered(String editorText, ResourceInfo recoveredBase) {
        TextContent content = Objects.requireNonNull(textContent, "not a text tab");
        SerialHandle handle = file;
        if (handle == null) {
            return;
        }
        dirty.set(true);
        busy.set(true);
        String resource = name.get();
        long length = handleLength;
        if (!mode.appendOnly()) {
            handleHoldsOriginal = false;
        }
        tasks.run(() -> {
            byte[] mine = content.toBytes(editorText);
            return handle.use(fp -> {
                Written written = new Written(writeInto(fp, mine, length), mine, editorText);
                ResourceInfo current = fp.baseline();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                odps.downloadResource(resource, out, ResourceOptions.defaults());
                Conflict c = new Conflict(asText(mine, -1, content), asText(out.toByteArray(), -1, content),
                        recoveredBase, current);
                return new RecoveredConflict(c, written, current);
            });
        }, r -> {
            busy.set(false);
            handleLength = r.written().handleLength();
            pending = r.written();
            theirsInfo = r.current();
            status.set("Recovered: " + resource + " changed on the server since");
            conflict.set(r.conflict());
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
     * save does not report a false conflict. The handle is used on a worker.
     */
    public void rebase(ResourceInfo before, ResourceInfo after) {
        SerialHandle handle = file;
        if (handle == null) {
            return;
        }
        String resource = name.get();
        tasks.run(() -> handle.use(fp -> {
            ResourceInfo base = fp.baseline();
            return base != null && base.sameVersionAs(before) && fp.rebase(after);
        }), done -> {
            if (done) {
                info.set(after);
            }
        }, error -> status.set("Could not take the new comment into " + resource + ": " + error.getMessage()));
    }

    /** Conflict answer: overwrite the server copy with this tab's content ({@code flush(force)}). */
    public void keepMine() {
        SerialHandle handle = file;
        if (handle == null) {
            return;
        }
        conflict.set(null);
        busy.set(true);
        progress.set(0);
        status.set("Overwriting the server copy of " + name.get() + "…");
        VersionAction action = truncatedSinceSave ? VersionAction.TRUNCATE : VersionAction.SAVE;
        ResourceInfo replaced = theirsInfo;
        Written written = pending != null ? pending : new Written(handleLength, null, null);
        String resource = name.get();
        SaveRecorder rec = recorder;
        CancelSignal signal = startCancellable();
        tasks.run(() -> handle.use(fp -> {
            String warning = rec.beforeSave(resource, replaced, null);
            fp.flush(true, signal);
            if (written.bytes() != null) {
                return afterFlush(rec, resource, fp.baseline(), written, action, warning);
            }
            return new Saved(fp.baseline(), written, warning, null);
        }), this::saved, error -> {
            busy.set(false);
            progress.set(-1);
            cancellable.set(false);
            if (isCancel(error, signal)) {
                status.set("Save cancelled: the server copy is unchanged");
                return;
            }
            dialogs.showError("Could not save " + resource, error);
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
     * Save As to a name the user chose: when {@code newName} exists, asks first (naming the functions that use it, so
     * the warning comes before anything is written), then {@link #saveAs(String, ResourceType, StreamSupplier,
     * boolean)}. The existence check runs on a worker; when it fails, the save creates (and the server refuses an
     * existing name).
     */
    public void saveAsAsking(String newName, ResourceType newType, StreamSupplier content) {
        tasks.run(() -> odps.existResource(newName) ? Optional.of(FunctionUsage.load(odps))
                : Optional.<FunctionUsage>empty(), usage -> {
                    if (usage.isPresent() && !confirmOverwrite(newName, usage.get())) {
                        return;
                    }
                    saveAs(newName, newType, content, usage.isPresent());
                }, error -> saveAs(newName, newType, content, false));
    }

    private boolean confirmOverwrite(String newName, FunctionUsage usage) {
        if (usage.usersOf(newName).isEmpty() && usage.failure() == null) {
            return dialogs.confirm("Overwrite " + newName + "?", newName + " already exists. Replace its content?",
                    "OK");
        }
        return usage.confirm(dialogs, newName, "Overwrite", "Saving over it changes what they run from their next call on.");
    }

    /**
     * Save As: creates (or, when {@code overwrite}, replaces) resource {@code newName} of {@code newType} with this
     * tab's current bytes, then binds the tab to it in the same mode.
     */
    public void saveAs(String newName, ResourceType newType, BytesSupplier bytes, boolean overwrite) {
        saveAs(newName, newType, () -> {
            byte[] all = bytes.get();
            return new Content(new ByteArrayInputStream(all), ByteSource.of(all));
        }, overwrite);
    }

    /** Save As of a hex tab: the document streamed to the server, constant memory whatever its size. */
    public void saveAs(String newName, ResourceType newType, HexDocument doc, boolean overwrite) {
        saveAs(newName, newType, () -> new Content(doc.openStream(0), doc), overwrite);
    }

    /**
     * Save As from a stream: uploaded as it is read (the SDK spools a large stream to a temp file, never to the heap),
     * then the tab is bound to the new resource in the same mode. Not recorded in the local history (the stream can
     * be read once); the text and hex overloads are.
     */
    public void saveAs(String newName, ResourceType newType, StreamSupplier content, boolean overwrite) {
        saveAs(newName, newType, () -> new Content(content.open(), null), overwrite);
    }

    /** What Save As uploads ({@code stream}, closed by the upload) and records in the history (when not null). */
    private record Content(InputStream stream, @Nullable ByteSource written) {
    }

    /** Opens the content of a Save As; worker. */
    @FunctionalInterface
    private interface ContentSupplier {
        Content open() throws IOException;
    }

    /** A finished Save As: the handle of the new resource, its metadata, its length and the history warning. */
    private record SavedAs(SerialHandle handle, @Nullable ResourceInfo baseline, long length,
                           @Nullable String warning) {
    }

    /**
     * Save As: uploads the content, records the replaced server copy (when overwriting) and, when the content says
     * what was written, the bytes written in the local history, then binds the tab to the new resource.
     */
    private void saveAs(String newName, ResourceType newType, ContentSupplier content, boolean overwrite) {
        busy.set(true);
        progress.set(0);
        status.set("Saving as " + newName + "…");
        SerialHandle old = file;
        SaveRecorder rec = recorder;
        CancelSignal signal = startCancellable();
        tasks.run(() -> {
            ResourceOptions options = ResourceOptions.defaults().withType(newType).withProgress(this::onProgress)
                    .withCancel(signal);
            String warning = null;
            boolean replacing = overwrite && odps.existResource(newName);
            if (replacing) {
                ResourceInfo replaced = odps.getResource(newName).info();
                try (FileByteSource copy = rec.copyOfServerVersion(odps, replaced)) {
                    warning = rec.beforeSave(newName, replaced, copy);
                }
            }
            Content c = content.open();
            try (InputStream in = c.stream()) {
                if (replacing) {
                    odps.updateResource(newName, in, options);
                } else {
                    odps.createResource(newName, newType.wireName(), in, options);
                }
            }
            ResourceFile fresh = odps.openResource(newName, mode.handleMode(), options.withCancel(null));
            ByteSource written = c.written();
            if (written != null) {
                String after = rec.afterSave(newName, fresh.baseline(), written, VersionAction.SAVE_AS);
                if (after != null) {
                    warning = after;
                }
            }
            if (old != null) {
                old.discard();
            }
            return new SavedAs(new SerialHandle(fresh), fresh.baseline(), mode.startsEmpty() ? 0 : fresh.size(),
                    warning);
        }, result -> {
            file = result.handle();
            handleLength = result.length();
            handleHoldsOriginal = false;
            name.set(newName);
            saved(new Saved(result.baseline(), new Written(result.length(), null, null), result.warning(), null));
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
        openGeneration++;
        SerialHandle fp = file;
        AutoCloseable snap = snapshot;
        file = null;
        snapshot = null;
        releaseLater(fp, snap);
    }

    /** Discards {@code fp} and closes {@code snap} on a worker. */
    private void releaseLater(@Nullable SerialHandle fp, @Nullable AutoCloseable snap) {
        if (fp == null && snap == null) {
            return;
        }
        String resource = name.get();
        tasks.run(() -> {
            if (fp != null) {
                fp.discard();
            }
            if (snap != null) {
                snap.close();
            }
            return null;
        }, ignored -> { }, error -> status.set("Could not release " + resource + ": " + error.getMessage()));
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
        InputStream open() throws IOException;
    }

    /** Reads a read-only handle by position; the handle's lock serializes it with the tab's other workers. */
    private static final class HandleByteSource implements ByteSource {
        private final SerialHandle handle;
        private final long size;

        HandleByteSource(SerialHandle handle, long size) {
            this.handle = handle;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int read(long offset, byte[] buf, int off, int len) {
            return handle.readAt(offset, buf, off, len);
        }
    }
}
