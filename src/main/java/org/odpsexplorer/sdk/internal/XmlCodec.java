package org.odpsexplorer.sdk.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/** Minimal StAX reading of the few XML bodies the resource API returns. DTDs and external entities are off. */
public final class XmlCodec {
    private static final XMLInputFactory FACTORY = newInputFactory();

    private XmlCodec() {
    }

    /** A new StAX factory for response bodies: DTDs and external entities off, CDATA coalesced into the text. */
    public static XMLInputFactory newInputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** The children of an {@code <Error>} root as name → text, or null when the body is not such XML. */
    static @Nullable Map<String, String> parseError(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                if (!toFirstElement(r) || !r.getLocalName().equals("Error")) {
                    return null;
                }
                Map<String, String> out = new HashMap<>();
                while (r.next() != XMLStreamConstants.END_DOCUMENT) {
                    if (r.getEventType() == XMLStreamConstants.START_ELEMENT) {
                        String name = r.getLocalName();
                        out.put(name, r.getElementText().strip());
                    }
                }
                return out;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            return null; // not XML: the caller falls back to JSON or the raw text
        }
    }

    /** One page of a resource listing: the {@code <Resource>} children as maps, and the marker (null/empty: last). */
    record ListPage(List<Map<String, String>> items, @Nullable String marker) {
    }

    static ListPage parseResourceList(InputStream in) throws XMLStreamException {
        XMLStreamReader r = FACTORY.createXMLStreamReader(in);
        try {
            List<Map<String, String>> items = new ArrayList<>();
            String marker = null;
            if (!toFirstElement(r)) {
                throw new XMLStreamException("empty listing");
            }
            int depth = 1;
            Map<String, String> current = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (depth == 2 && name.equals("Resource")) {
                        current = new HashMap<>();
                    } else if (depth == 2 && name.equals("Marker")) {
                        marker = r.getElementText().strip();
                        depth--;
                    } else if (depth == 3 && current != null) {
                        current.put(name, r.getElementText());
                        depth--;
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2 && current != null) {
                        items.add(current);
                        current = null;
                    }
                    depth--;
                }
            }
            return new ListPage(items, marker);
        } finally {
            r.close();
        }
    }

    private static boolean toFirstElement(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
        }
        return false;
    }
}
