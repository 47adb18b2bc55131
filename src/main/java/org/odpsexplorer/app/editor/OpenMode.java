package org.odpsexplorer.app.editor;

import java.util.List;
import java.util.Locale;

/**
 * The open modes a tab can be bound to, with the edit rule the editor enforces. The tab always talks to the SDK
 * through the binary form of the mode ({@code r+} → {@code r+b}) and does its own decoding, so encodings, BOMs and
 * line endings survive byte for byte.
 */
public enum OpenMode {
    R("r", "read only"),
    R_PLUS("r+", "read and write, keeps content"),
    W("w", "write only, starts empty (replaces content on save)"),
    W_PLUS("w+", "read and write, starts empty (replaces content on save)"),
    A("a", "append only, keeps content"),
    A_PLUS("a+", "read, and append at the end"),
    RB("rb", "read only, as bytes"),
    R_PLUS_B("r+b", "read and write as bytes, keeps content"),
    WB("wb", "write only as bytes, starts empty"),
    W_PLUS_B("w+b", "read and write as bytes, starts empty"),
    AB("ab", "append only, as bytes"),
    A_PLUS_B("a+b", "read, and append at the end, as bytes");

    /** All modes, in menu order. */
    public static final List<OpenMode> ALL = List.of(values());

    private final String text;
    private final String description;

    OpenMode(String text, String description) {
        this.text = text;
        this.description = description;
    }

    public String text() {
        return text;
    }

    public String description() {
        return description;
    }

    /** The mode string the SDK handle is opened with: always binary. */
    public String handleMode() {
        return switch (this) {
            case R, RB -> "rb";
            case R_PLUS, R_PLUS_B -> "r+b";
            case W, WB -> "wb";
            case W_PLUS, W_PLUS_B -> "w+b";
            case A, AB -> "ab";
            case A_PLUS, A_PLUS_B -> "a+b";
        };
    }

    /** The {@code b} forms: the tab shows the hex editor. */
    public boolean isBinaryMode() {
        return text.endsWith("b");
    }

    public boolean readOnly() {
        return this == R || this == RB;
    }

    public boolean appendOnly() {
        return this == A || this == A_PLUS || this == AB || this == A_PLUS_B;
    }

    /** True when the editor starts empty instead of showing the server content. */
    public boolean startsEmpty() {
        return this == W || this == W_PLUS || this == WB || this == W_PLUS_B;
    }

    /** True when the handle can read content; {@code a} can't, so the tab shows the content via a separate read. */
    public boolean handleReads() {
        return this != W && this != A && this != WB && this != AB;
    }

    /** What menus and choice lists show: PyODPS's mode string and its one-line meaning, e.g. {@code r+ — read and write}. */
    public String label() {
        return text + " — " + description;
    }

    /** The {@link #label()}: choice lists show it instead of the Java name. */
    @Override
    public String toString() {
        return label();
    }

    public static OpenMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() == 3 && t.charAt(1) == 'b' && t.charAt(2) == '+') {
            t = t.charAt(0) + "+b";
        }
        for (OpenMode m : values()) {
            if (m.text.equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown open mode: " + text);
    }
}
