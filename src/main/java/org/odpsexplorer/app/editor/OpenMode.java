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
    R_PLUS("r+", "read and write"),
    W("w", "write only, starts empty"),
    W_PLUS("w+", "read and write, starts empty"),
    A("a", "append only"),
    A_PLUS("a+", "read, append at the end"),
    RB("rb", "binary read only"),
    R_PLUS_B("r+b", "binary read and write");

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
            case W -> "wb";
            case W_PLUS -> "w+b";
            case A -> "ab";
            case A_PLUS -> "a+b";
        };
    }

    public boolean isBinaryMode() {
        return this == RB || this == R_PLUS_B;
    }

    public boolean readOnly() {
        return this == R || this == RB;
    }

    public boolean appendOnly() {
        return this == A || this == A_PLUS;
    }

    /** True when the editor starts empty instead of showing the server content. */
    public boolean startsEmpty() {
        return this == W || this == W_PLUS;
    }

    /** True when the handle can read content; {@code a} can't, so the tab shows the content via a separate read. */
    public boolean handleReads() {
        return this != W && this != A;
    }

    public static OpenMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("br+", "r+b").replace("rb+", "r+b");
        for (OpenMode m : values()) {
            if (m.text.equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown open mode: " + text);
    }
}
