package org.odpsexplorer.app.hex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.odpsexplorer.app.common.UiExecutor;

/**
 * State and commands of one hex editor: caret (byte offset plus which nibble), selection, overwrite/insert, the edit
 * rules of the open mode, goto, find, inspector and the window of bytes the view paints. FX-thread confined, except
 * that reads of the document run through the {@link UiExecutor}.
 *
 * <p>Typing never reads on the FX thread: overwriting a nibble needs the byte under the caret, which comes from
 * {@link HexDocument#peekByte} (typed bytes, an in-memory original, or a page a worker already read). When its page
 * is not loaded yet, the keystroke waits while a worker reads it, and the keys and caret moves that follow are queued
 * behind it, so they apply in the order they were made.
 */
public final class HexEditorViewModel {
    /** Bytes per row in the view. */
    public static final int ROW = 16;

    /** What edits the open mode allows. */
    public enum EditRule { READ_ONLY, APPEND_ONLY, FREE }

    /** Bytes the view paints: {@code bytes} start at {@code offset} and were read at document {@code version}. */
    public record Window(long offset, byte[] bytes, long version) {
    }

    private final HexDocument document;
    private final UiExecutor tasks;
    /** Bytes that existed when opened or last saved: append mode may not touch them. */
    private long protectedSize;
    private final ObjectProperty<EditRule> editRule = new SimpleObjectProperty<>(this, "editRule", EditRule.FREE);
    private final LongProperty caret = new SimpleLongProperty(this, "caret");
    private final LongProperty anchor = new SimpleLongProperty(this, "anchor", -1);
    private final ReadOnlyBooleanWrapper lowNibble = new ReadOnlyBooleanWrapper(this, "lowNibble");
    private final BooleanProperty insertMode = new SimpleBooleanProperty(this, "insertMode");
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(this, "modified");
    private final ReadOnlyLongWrapper size = new ReadOnlyLongWrapper(this, "size");
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<List<DataInspector.Row>> inspector =
            new ReadOnlyObjectWrapper<>(this, "inspector", List.of());
    private final ReadOnlyObjectWrapper<Window> window =
            new ReadOnlyObjectWrapper<>(this, "window", new Window(0, new byte[0], -1));
    private final AtomicLong searchGeneration = new AtomicLong();
    /** Keystrokes and caret moves waiting for a page of the original (FX thread); empty when nothing waits. */
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    /** True while a worker reads the page the first waiting keystroke needs. */
    private boolean loadingPage;

    public HexEditorViewModel(HexDocument document, UiExecutor tasks) {
        this.document = document;
        this.tasks = tasks;
        this.protectedSize = document.size();
        size.set(document.size());
        caret.addListener((obs, old, now) -> refreshInspector());
        refreshInspector();
    }

    public HexDocument document() {
        return document;
    }

    public ObjectProperty<EditRule> editRuleProperty() {
        return editRule;
    }

    public LongProperty caretProperty() {
        return caret;
    }

    /** Selection anchor, or -1 when nothing is selected; the selection spans anchor..caret inclusive. */
    public LongProperty anchorProperty() {
        return anchor;
    }

    public ReadOnlyBooleanProperty lowNibbleProperty() {
        return lowNibble.getReadOnlyProperty();
    }

    public BooleanProperty insertModeProperty() {
        return insertMode;
    }

    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty sizeProperty() {
        return size.getReadOnlyProperty();
    }

    /** Bumps on every change of content; the view re-requests its window when it changes. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** Last user-facing message (refused edit, search result, bad offset). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<DataInspector.Row>> inspectorProperty() {
        return inspector.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Window> windowProperty() {
        return window.getReadOnlyProperty();
    }

    /** Reads {@code length} bytes at {@code offset} in the background and publishes them as {@link #windowProperty}. */
    public void requestWindow(long offset, int length) {
        long seen = document.version();
        tasks.run(() -> {
            byte[] buf = new byte[(int) Math.max(0, Math.min(length, document.size() - offset))];
            int n = document.read(offset, buf, 0, buf.length);
            return new Window(offset, n == buf.length ? buf : Arrays.copyOf(buf, n), seen);
        }, window::set, error -> message.set("Could not read bytes at " + offset + ": " + error.getMessage()));
    }

    /**
     * Types one hex digit at the caret: high nibble first, then low nibble, then the caret moves on. False when the
     * mode refuses the edit here; true when typed, or queued behind a page read (see the class comment).
     */
    public boolean typeHexDigit(int digit) {
        if (digit < 0 || digit > 15) {
            throw new IllegalArgumentException("not a hex digit: " + digit);
        }
        if (!waiting.isEmpty()) {
            waiting.addLast(() -> type(digit));
            return true;
        }
        return type(digit);
    }

    private boolean type(int digit) {
        long at = caret.get();
        if (!mayEditAt(at)) {
            return false;
        }
        boolean append = at >= document.size();
        boolean insert = !lowNibble.get() && (insertMode.get() || append);
        int old = insert ? 0 : document.peekByte(at);
        if (old == HexDocument.NOT_LOADED) {
            waitForPage(at, () -> type(digit));
            return true;
        }
        if (insert) {
            document.insert(at, new byte[] {(byte) (digit << 4)});
            lowNibble.set(true);
        } else if (!lowNibble.get()) {
            document.overwrite(at, (byte) (digit << 4 | (old & 0x0F)));
            lowNibble.set(true);
        } else {
            document.overwrite(at, (byte) ((old & 0xF0) | digit));
            lowNibble.set(false);
            caret.set(at + 1);
        }
        changed();
        return true;
    }

    /** Puts {@code retry} first in the queue and reads the page holding {@code offset} on a worker, then drains. */
    private void waitForPage(long offset, Runnable retry) {
        waiting.addFirst(retry);
        if (loadingPage) {
            return;
        }
        loadingPage = true;
        tasks.run(() -> document.read(offset, new byte[1], 0, 1), n -> {
            loadingPage = false;
            drain();
        }, error -> {
            loadingPage = false;
            waiting.clear();
            message.set("Could not read the byte at " + offset + ": " + error.getMessage());
        });
    }

    /** Runs the queued keystrokes and moves in order, until one has to wait for a page again. */
    private void drain() {
        while (!loadingPage && !waiting.isEmpty()) {
            waiting.pollFirst().run();
        }
    }

    /** Runs {@code action} now, or after the keystrokes waiting for a page (so a move never overtakes a key). */
    private void inOrder(Runnable action) {
        if (waiting.isEmpty()) {
            action.run();
        } else {
            waiting.addLast(action);
        }
    }

    /** Deletes the selection or the byte at the caret (Delete key); insert semantics, so only where allowed. */
    public void deleteAtCaret() {
        inOrder(this::deleteNow);
    }

    private void deleteNow() {
        long from = selectionStart();
        long len = anchor.get() < 0 ? 1 : selectionEnd() - from + 1;
        if (editRule.get() != EditRule.FREE) {
            message.set("Deleting is not allowed in this mode");
            return;
        }
        if (from >= document.size()) {
            return;
        }
        document.delete(from, Math.min(len, document.size() - from));
        anchor.set(-1);
        caret.set(from);
        lowNibble.set(false);
        changed();
    }

    /** Moves the caret by {@code delta} bytes, optionally extending the selection. */
    public void moveCaret(long delta, boolean extendSelection) {
        inOrder(() -> setCaretNow(caret.get() + delta, extendSelection));
    }

    public void setCaret(long offset, boolean extendSelection) {
        inOrder(() -> setCaretNow(offset, extendSelection));
    }

    private void setCaretNow(long offset, boolean extendSelection) {
        long clamped = Math.max(0, Math.min(offset, document.size()));
        if (extendSelection && anchor.get() < 0) {
            anchor.set(caret.get());
        } else if (!extendSelection) {
            anchor.set(-1);
        }
        lowNibble.set(false);
        caret.set(clamped);
    }

    /** Goes to an offset given as decimal or 0x hex; false (with a message) when the text is not one. */
    public boolean gotoOffset(String text) {
        try {
            long target = HexText.parseOffset(text);
            if (target > document.size()) {
                message.set("Offset " + target + " is past the end (" + document.size() + " bytes)");
                return false;
            }
            setCaretNow(target, false);
            message.set("");
            return true;
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
    }

    /**
     * Searches for {@code query} (hex bytes when {@code asHex}, else UTF-8 text) after the caret, wrapping around;
     * moves the caret and selection to the hit.
     */
    public void find(String query, boolean asHex) {
        byte[] pattern;
        try {
            pattern = asHex ? HexText.parseHexBytes(query) : query.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        if (pattern.length == 0) {
            return;
        }
        long generation = searchGeneration.incrementAndGet();
        long from = anchor.get() >= 0 ? selectionStart() + 1 : caret.get();
        message.set("Searching…");
        tasks.run(() -> ByteSearch.find(document, pattern, from, () -> searchGeneration.get() != generation), hit -> {
            if (generation != searchGeneration.get()) {
                return;
            }
            if (hit < 0) {
                message.set("Not found: " + query);
            } else {
                anchor.set(hit);
                lowNibble.set(false);
                caret.set(hit + pattern.length - 1);
                message.set("Found at 0x" + Long.toHexString(hit).toUpperCase(Locale.ROOT));
            }
        }, error -> message.set("Search failed: " + error.getMessage()));
    }

    /**
     * The selection (or the byte at the caret), at most 1 MiB, as {@code "DE AD BE EF"}: read on a worker, handed to
     * {@code done} on the FX thread; a failed read goes to {@link #messageProperty()}.
     */
    public void copyAsHex(Consumer<String> done) {
        long from = selectionStart();
        long to = anchor.get() < 0 ? from : selectionEnd();
        int len = (int) Math.min(Math.max(0, Math.min(to, document.size() - 1) - from + 1), 1 << 20);
        tasks.run(() -> {
            byte[] buf = new byte[len];
            int n = document.read(from, buf, 0, len);
            return HexText.toHex(buf, 0, n);
        }, done, error -> message.set("Could not copy: " + error.getMessage()));
    }

    public void undo() {
        inOrder(() -> {
            long at = document.undo();
            if (at >= 0) {
                setCaretNow(at, false);
                changed();
            }
        });
    }

    public void redo() {
        inOrder(() -> {
            long at = document.redo();
            if (at >= 0) {
                setCaretNow(at, false);
                changed();
            }
        });
    }

    public long selectionStart() {
        return anchor.get() < 0 ? caret.get() : Math.min(anchor.get(), caret.get());
    }

    public long selectionEnd() {
        return anchor.get() < 0 ? caret.get() : Math.max(anchor.get(), caret.get());
    }

    /** Replaces the content with recovered edits against the original (crash recovery); one undoable step. */
    public void applyEdits(HexPatch patch) {
        document.applyEdits(patch);
        changed();
    }

    /** Marks the current content as saved: after a successful save, the document is the new baseline. */
    public void markSaved() {
        protectedSize = document.size();
        modified.set(false);
    }

    private boolean mayEditAt(long at) {
        switch (editRule.get()) {
            case READ_ONLY:
                message.set("Read-only: opened in mode r");
                return false;
            case APPEND_ONLY:
                if (at < protectedSize) {
                    message.set("Append mode: bytes can only be added at the end");
                    return false;
                }
                return true;
            default:
                return true;
        }
    }

    private void changed() {
        size.set(document.size());
        modified.set(true);
        version.set(document.version());
        refreshInspector();
    }

    private void refreshInspector() {
        long at = caret.get();
        long seen = document.version();
        tasks.run(() -> {
            byte[] buf = new byte[DataInspector.WINDOW];
            int n = document.read(at, buf, 0, buf.length);
            return DataInspector.inspect(buf, n);
        }, rows -> {
            if (seen == document.version() && at == caret.get()) {
                inspector.set(rows);
            }
        }, error -> message.set("Could not read bytes at " + at + ": " + error.getMessage()));
    }
}
