package org.odpsexplorer.app.editor;

import java.util.Collection;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyledDocument;

/**
 * A {@link CodeArea} that enforces an open mode's edit rule at the one place every edit passes through
 * ({@code replace}): in append mode, text before {@link #setProtectedLength protected length} can't change, so
 * typing, pasting, deleting and undo all obey the same rule. {@link #load} bypasses the guard.
 */
public final class GuardedCodeArea extends CodeArea {
    private int protectedLength;
    private boolean loading;
    private Runnable onRefused = () -> { };

    /** Edits that start before {@code length} are refused (append mode); 0 disables the guard. */
    public void setProtectedLength(int length) {
        this.protectedLength = length;
    }

    public int getProtectedLength() {
        return protectedLength;
    }

    /** Called on the FX thread each time an edit is refused, e.g. to explain it in the status bar. */
    public void setOnRefused(Runnable action) {
        this.onRefused = action;
    }

    /** Replaces the whole text without the guard and forgets undo history (a freshly loaded document). */
    public void load(String text) {
        loading = true;
        try {
            replaceText(0, getLength(), text);
        } finally {
            loading = false;
        }
        getUndoManager().forgetHistory();
        moveTo(0);
        requestFollowCaret();
    }

    @Override
    public void replaceText(int start, int end, String text) {
        if (allowed(start)) {
            super.replaceText(start, end, text);
        }
    }

    @Override
    public void replace(int start, int end, StyledDocument<Collection<String>, String, Collection<String>> replacement) {
        if (allowed(start)) {
            super.replace(start, end, replacement);
        }
    }

    @Override
    public void replace(int start, int end, String seg, Collection<String> style) {
        if (allowed(start)) {
            super.replace(start, end, seg, style);
        }
    }

    private boolean allowed(int start) {
        if (loading || start >= protectedLength) {
            return true;
        }
        onRefused.run();
        return false;
    }
}
