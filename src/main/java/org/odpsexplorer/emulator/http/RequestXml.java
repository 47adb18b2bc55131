package org.odpsexplorer.emulator.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reading the small XML documents clients send (function definitions, instance jobs). Request bodies are untrusted:
 * no DTDs, no external entities. Stateless and thread-safe.
 */
public final class RequestXml {
    private RequestXml() {
    }

    /**
     * The root element of {@code body}.
     *
     * @throws SAXException when the body is not well-formed XML (or has a DOCTYPE); callers answer 400
     */
    public static Element parse(byte[] body) throws SAXException, IOException {
        return newBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
    }

    /** The first child element of {@code parent} named {@code name}; null when there is none or no parent. */
    public static @Nullable Element child(@Nullable Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The text content of {@link #child}, null when there is no such child. */
    public static @Nullable String childText(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent();
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a standard feature", e);
        }
    }
}
