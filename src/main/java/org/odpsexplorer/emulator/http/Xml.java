package org.odpsexplorer.emulator.http;

import org.jspecify.annotations.Nullable;

/** A tiny XML writer for the flat response documents of the REST API. Not thread-safe; one per response. */
public final class Xml {
    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    /** Opens an element. */
    public Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    /** Closes an element. */
    public Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element with escaped text; {@code null} writes an empty element. */
    public Xml element(String name, @Nullable String text) {
        out.append('<').append(name).append('>');
        if (text != null) {
            out.append(escape(text));
        }
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element whose text goes in a CDATA section (how the real service writes messages and schemas). */
    public Xml cdata(String name, String text) {
        out.append('<').append(name).append("><![CDATA[").append(text.replace("]]>", "]]]]><![CDATA[>"))
                .append("]]></").append(name).append('>');
        return this;
    }

    /** A raw fragment the caller has already escaped. */
    public Xml raw(String fragment) {
        out.append(fragment);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Escapes text content and attribute values; drops characters XML 1.0 cannot carry. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
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
        return b.toString();
    }
}
