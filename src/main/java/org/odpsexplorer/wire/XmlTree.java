package org.odpsexplorer.wire;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * The one way both sides read XML: a StAX pass into a small immutable element tree. The bodies are small (one
 * listing page, one job, one error), so a tree is simpler than streaming and cheaper than DOM. Untrusted input is
 * safe: a document with a DOCTYPE is refused, so there are no DTDs, no entity expansion and no external entities
 * (XXE); CDATA is coalesced into the text. Writing is {@link XmlWriter}.
 *
 * @param name       local element name
 * @param attributes attribute local name → value, in document order
 * @param rawText    the element's own character data (not its children's), untrimmed
 * @param children   child elements in document order
 */
public record XmlTree(String name, Map<String, String> attributes, String rawText, List<XmlTree> children) {
    private static final XMLInputFactory FACTORY = newInputFactory();

    public XmlTree {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        children = List.copyOf(children);
    }

    /** Parses a whole document and returns its root element. */
    public static XmlTree parse(byte[] body) throws XMLStreamException {
        return parse(new ByteArrayInputStream(body));
    }

    /**
     * Parses a whole document and returns its root element.
     *
     * @throws XMLStreamException when it is not well-formed, has no root element or has a DOCTYPE
     */
    public static XmlTree parse(InputStream in) throws XMLStreamException {
        XMLStreamReader r = FACTORY.createXMLStreamReader(in);
        try {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw new XMLStreamException("DOCTYPE is not allowed", r.getLocation());
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    return element(r);
                }
            }
            throw new XMLStreamException("no root element");
        } finally {
            r.close();
        }
    }

    private static XMLInputFactory newInputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    private static XmlTree element(XMLStreamReader r) throws XMLStreamException {
        String name = r.getLocalName();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        List<XmlTree> children = new ArrayList<>();
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                children.add(element(r));
            } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
                    || ev == XMLStreamConstants.SPACE) {
                text.append(r.getText());
            } else if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new XMLStreamException("undeclared entity &" + r.getLocalName() + ";", r.getLocation());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                return new XmlTree(name, attributes, text.toString(), children);
            }
        }
    }

    /** The element's own text, trimmed. */
    public String text() {
        return rawText.strip();
    }

    /** The first child named {@code childName}, or null. */
    public @Nullable XmlTree child(String childName) {
        for (XmlTree c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** The trimmed text of the first child named {@code childName}, or null when absent. */
    public @Nullable String childText(String childName) {
        XmlTree c = child(childName);
        return c == null ? null : c.text();
    }

    /**
     * The element's text together with its descendants' text in document order, untrimmed (what DOM calls the text
     * content); the emulator reads request values this way.
     */
    public String textContent() {
        if (children.isEmpty()) {
            return rawText;
        }
        StringBuilder b = new StringBuilder();
        appendContent(b);
        return b.toString();
    }

    /** The {@link #textContent()} of the first child named {@code childName}, or null when absent. */
    public @Nullable String childContent(String childName) {
        XmlTree c = child(childName);
        return c == null ? null : c.textContent();
    }

    /** All children named {@code childName}. */
    public List<XmlTree> all(String childName) {
        List<XmlTree> out = new ArrayList<>();
        for (XmlTree c : children) {
            if (c.name.equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }

    private void appendContent(StringBuilder b) {
        // character data before, between and after children is kept in rawText in order of appearance only as a
        // whole, so the own text comes first; request bodies never mix text and elements
        b.append(rawText);
        for (XmlTree c : children) {
            c.appendContent(b);
        }
    }
}
