package org.odpsexplorer.sdk.internal.tunnel;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.XmlCodec;

/**
 * A tiny immutable element tree for the small XML bodies of table, partition, instance and function calls (one page
 * at most).
 * DTDs and external entities are off; CDATA is coalesced into the text.
 *
 * @param name       local element name
 * @param attributes attribute name → value
 * @param text       the element's own text, trimmed
 * @param children   child elements in document order
 */
public record XmlTree(String name, Map<String, String> attributes, String text, List<XmlTree> children) {
    private static final XMLInputFactory FACTORY = XmlCodec.newInputFactory();

    /** Parses a whole document and returns its root element. */
    public static XmlTree parse(InputStream in) throws XMLStreamException {
        XMLStreamReader r = FACTORY.createXMLStreamReader(in);
        try {
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    return element(r);
                }
            }
            throw new XMLStreamException("no root element");
        } finally {
            r.close();
        }
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
            } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                text.append(r.getText());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                return new XmlTree(name, attributes, text.toString().strip(), children);
            }
        }
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

    /** The text of the first child named {@code childName}, or null when absent. */
    public @Nullable String childText(String childName) {
        XmlTree c = child(childName);
        return c == null ? null : c.text;
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
}
