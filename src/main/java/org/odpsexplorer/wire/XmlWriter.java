package org.odpsexplorer.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * The one way both sides write XML: the emulator's response documents and the client's request bodies. Starts with
 * {@code <?xml version="1.0" encoding="UTF-8"?>} and a newline, as the service does. Text and attribute values are
 * escaped ({@code < > & " '}); characters XML 1.0 cannot carry are dropped. {@link #compact()} writes no whitespace
 * between elements (the service's answers); {@link #indented()} puts each element on its own line, two spaces per
 * level, as the official Java SDK lays out its job documents. Reading is {@link XmlTree}. Not thread-safe; one per
 * document.
 */
public final class XmlWriter {
    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final Deque<String> open = new ArrayDeque<>();
    private final boolean indent;
    private boolean started;

    private XmlWriter(boolean indent) {
        this.indent = indent;
    }

    /** A writer with no whitespace between elements. */
    public static XmlWriter compact() {
        return new XmlWriter(false);
    }

    /** A writer that puts each element on its own line and ends the document with a newline. */
    public static XmlWriter indented() {
        return new XmlWriter(true);
    }

    /** Opens an element; {@code attributes} are name, value pairs. */
    public XmlWriter open(String name, String... attributes) {
        startTag(name, attributes);
        out.append('>');
        open.push(name);
        return this;
    }

    /**
     * Closes the element {@link #open} opened last.
     *
     * @throws IllegalStateException when {@code name} is not that element (a bug in the caller, caught in tests)
     */
    public XmlWriter close(String name) {
        if (!name.equals(open.peek())) {
            throw new IllegalStateException("closing <" + name + "> but the open element is <" + open.peek() + ">");
        }
        open.pop();
        newLine();
        out.append("</").append(name).append('>');
        if (indent && open.isEmpty()) {
            out.append('\n');
        }
        return this;
    }

    /** An element with escaped text; {@code null} writes an empty element ({@code <Name></Name>}). */
    public XmlWriter element(String name, @Nullable String text) {
        newLine();
        out.append('<').append(name).append('>');
        if (text != null) {
            escapeInto(text, out);
        }
        out.append("</").append(name).append('>');
        return this;
    }

    /** A self-closed element ({@code <Name a="v"/>}); {@code attributes} are name, value pairs. */
    public XmlWriter empty(String name, String... attributes) {
        startTag(name, attributes);
        out.append("/>");
        return this;
    }

    /**
     * An element whose text goes in a CDATA section (how the service writes messages, schemas and queries); a
     * {@code ]]>} inside is split across two sections.
     */
    public XmlWriter cdata(String name, String text, String... attributes) {
        startTag(name, attributes);
        out.append("><![CDATA[").append(text.replace("]]>", "]]]]><![CDATA[>")).append("]]></").append(name)
                .append('>');
        return this;
    }

    /** The document as UTF-8 bytes. */
    public byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The document so far (complete once every {@link #open} has its {@link #close}). */
    @Override
    public String toString() {
        return out.toString();
    }

    /** Escapes text content and attribute values; drops characters XML 1.0 cannot carry. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        escapeInto(text, b);
        return b.toString();
    }

    private void startTag(String name, String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come as name, value pairs");
        }
        newLine();
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"");
            escapeInto(attributes[i + 1], out);
            out.append('"');
        }
    }

    private void newLine() {
        if (indent) {
            if (started) {
                out.append('\n');
            }
            out.append("  ".repeat(open.size()));
        }
        started = true;
    }

    private static void escapeInto(String text, StringBuilder b) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
    }
}
