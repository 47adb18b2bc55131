package org.odpsexplorer.sdk.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.XmlTree;
import org.odpsexplorer.sdk.model.Function;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.XmlWriter;

/**
 * The function calls of {@code protocol/rest.md} §9 on top of {@link Transport}: list (marker paging), get, create
 * ({@code POST}), update ({@code PUT}), delete. Resource names in answers are turned back into plain names when they
 * belong to the client's project and schema. Thread-safe (stateless apart from the transport).
 */
public final class FunctionApi {
    private static final String XML = "application/xml";
    private static final String DEFAULT_SCHEMA = "default";

    private final Transport transport;
    private final ClientConfig config;

    public FunctionApi(Transport transport, ClientConfig config) {
        this.transport = transport;
        this.config = config;
    }

    private ApiRequest.Builder request(String method, @Nullable String name) {
        ApiRequest.Builder b = name == null
                ? ApiRequest.builder(method, "projects", config.project(), "registration", "functions")
                : ApiRequest.builder(method, "projects", config.project(), "registration", "functions", name);
        if (config.schema() != null) {
            b.query("curr_schema", config.schema());
        }
        return b;
    }

    /** One listing page; {@code marker} null or empty when it was the last. */
    public record Page(List<Function> items, @Nullable String marker) {
    }

    /** Fetches the page after {@code marker} (null: the first), filtered by name prefix and owner when given. */
    public Page listPage(@Nullable String prefix, @Nullable String owner, @Nullable String marker) {
        ApiRequest.Builder b = request("GET", null).query("expectmarker", "true").retry(ApiRequest.Retry.IDEMPOTENT);
        if (prefix != null && !prefix.isEmpty()) {
            b.query("name", prefix);
        }
        if (owner != null && !owner.isEmpty()) {
            b.query("owner", owner);
        }
        if (marker != null && !marker.isEmpty()) {
            b.query("marker", marker);
        }
        XmlTree root = xml(b.build());
        List<Function> items = new ArrayList<>();
        for (XmlTree f : root.all("Function")) {
            Function parsed = parse(f);
            if (parsed != null) {
                items.add(parsed);
            }
        }
        String next = root.childText("Marker");
        return new Page(items, next == null || next.isEmpty() ? null : next);
    }

    /**
     * One function.
     *
     * @throws NoSuchObjectException when it does not exist
     */
    public Function get(String name) {
        ApiRequest req = request("GET", name).retry(ApiRequest.Retry.IDEMPOTENT).build();
        Function f = parse(xml(req));
        if (f == null) {
            throw new OdpsTransportException(req.describe(), new IOException("function answer without <Alias>"));
        }
        return f;
    }

    /** The function, or null when it does not exist. */
    public @Nullable Function find(String name) {
        try {
            return get(name);
        } catch (NoSuchObjectException e) {
            return null;
        }
    }

    /** Creates a function ({@code POST}, never retried: a repeat after a lost answer would meet a 409). */
    public void create(Function f) {
        try (ApiResponse r = transport.execute(request("POST", null).retry(ApiRequest.Retry.NEVER).contentType(XML)
                .body(BodySource.ofBytes(body(f))).build())) {
            r.status();
        }
    }

    /** Replaces class type and resources of an existing function ({@code PUT} sets the whole state: retried). */
    public void update(Function f) {
        try (ApiResponse r = transport.execute(request("PUT", f.name()).retry(ApiRequest.Retry.IDEMPOTENT)
                .contentType(XML).body(BodySource.ofBytes(body(f))).build())) {
            r.status();
        }
    }

    /**
     * Deletes a function (a 404 after a lost answer counts as done).
     *
     * @throws NoSuchObjectException when it does not exist
     */
    public void delete(String name) {
        try (ApiResponse r = transport.execute(request("DELETE", name).retry(ApiRequest.Retry.DELETE).build())) {
            r.status();
        }
    }

    /** The {@code <Function>} body both official clients send: Alias, ClassType, Resources/ResourceName. */
    static byte[] body(Function f) {
        XmlWriter xml = XmlWriter.compact().open("Function").element("Alias", f.name())
                .element("ClassType", f.classType()).open("Resources");
        for (String r : f.resources()) {
            xml.element("ResourceName", r);
        }
        return xml.close("Resources").close("Function").toBytes();
    }

    private @Nullable Function parse(XmlTree f) {
        String name = f.childText("Alias");
        if (name == null || name.isEmpty()) {
            return null;
        }
        List<String> resources = new ArrayList<>();
        XmlTree list = f.child("Resources");
        if (list != null) {
            for (XmlTree r : list.all("ResourceName")) {
                if (!r.text().isEmpty()) {
                    resources.add(localName(r.text()));
                }
            }
        }
        String classType = f.childText("ClassType");
        String owner = f.childText("Owner");
        String schema = f.childText("SchemaName");
        return new Function(name, classType == null ? "" : classType, resources,
                owner == null || owner.isEmpty() ? null : owner, time(f.childText("CreationTime")),
                schema == null || schema.isEmpty() ? null : schema);
    }

    /**
     * {@code <project>/resources/<name>} or {@code <project>/schemas/<schema>/resources/<name>} of the client's own
     * project and schema becomes {@code <name>}; other forms are kept as the server sent them ({@code protocol/rest.md} §9).
     */
    String localName(String resourceName) {
        String[] parts = resourceName.split("/", -1);
        String schema = config.schema() == null ? DEFAULT_SCHEMA : config.schema();
        if (parts.length == 3 && parts[1].equals("resources") && parts[0].equals(config.project())
                && schema.equals(DEFAULT_SCHEMA)) {
            return parts[2];
        }
        if (parts.length == 5 && parts[1].equals("schemas") && parts[3].equals("resources")
                && parts[0].equals(config.project()) && parts[2].equals(schema)) {
            return parts[4];
        }
        return resourceName;
    }

    private static @Nullable Instant time(@Nullable String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return HttpDates.parse(s);
        } catch (IllegalArgumentException e) {
            return null; // shown as unknown; the function is still usable
        }
    }

    private XmlTree xml(ApiRequest request) {
        try (ApiResponse r = transport.execute(request)) {
            return XmlTree.parse(r.body());
        } catch (XMLStreamException e) {
            throw new OdpsTransportException(request.describe(), new IOException("unreadable XML answer", e));
        }
    }
}
