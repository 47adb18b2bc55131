package org.odpsexplorer.app.editor;

/**
 * A highlighted stretch of text: {@code [start, end)} in UTF-16 units, with the CSS style class to apply.
 */
public record Token(int start, int end, String style) {
    public Token {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad token range [" + start + ", " + end + ")");
        }
    }
}
