package org.odpsexplorer.emulator.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.http.ApiException;
import org.odpsexplorer.emulator.http.Exchange;
import org.odpsexplorer.emulator.http.ListPaging;
import org.odpsexplorer.emulator.http.RouteGroup;
import org.odpsexplorer.emulator.http.Routes;
import org.odpsexplorer.emulator.store.FunctionRecord;
import org.odpsexplorer.emulator.store.FunctionStore;
import org.odpsexplorer.emulator.store.ProjectRecord;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.WireCodec;
import org.odpsexplorer.wire.XmlTree;
import org.odpsexplorer.wire.XmlWriter;

/**
 * Function routes ({@code protocol/rest.md} §9): list, get, create ({@code POST}, 201, 409 when taken), update ({@code PUT},
 * 200, 404 when missing), delete (204). The body of create/update is a {@code <Function>} element with {@code Alias},
 * {@code ClassType} and {@code Resources/ResourceName}; resource names are kept as sent and returned in the form both
 * clients parse ({@code <project>/resources/<name>}; bare names are qualified with the request's project, and with
 * {@code schemas/<schema>} when the call names a non-default schema).
 */
public final class FunctionRoutes implements RouteGroup {
    private static final int MAX_BODY = 256 * 1024;

    private final FunctionStore store;
    private final RestSupport support;

    public FunctionRoutes(FunctionStore store, RestSupport support) {
        this.store = store;
        this.support = support;
    }

    @Override
    public void register(Routes routes) {
        // PyODPS sends registration%2Ffunctions; the handler decodes the path before routing, so one pattern serves both
        routes.api("GET", "/projects/{project}/registration/functions", this::list);
        routes.api("POST", "/projects/{project}/registration/functions", this::create);
        routes.api("GET", "/projects/{project}/registration/functions/{name*}", this::get);
        routes.api("PUT", "/projects/{project}/registration/functions/{name*}", this::update);
        routes.api("DELETE", "/projects/{project}/registration/functions/{name*}", this::delete);
    }

    private void list(Exchange ex) throws IOException {
        ProjectRecord project = support.project(ex);
        int max = ListPaging.maxItems(ex);
        List<FunctionRecord> found = store.list(project.name(), RestSupport.schema(ex), ex.query("name"),
                ex.query("owner"), ListPaging.decodeMarker(ex), max);
        String next = null;
        if (found.size() > max) {
            found = found.subList(0, max);
            next = ListPaging.encodeMarker(found.get(max - 1).name());
        }
        XmlWriter xml = XmlWriter.compact().open("Functions");
        for (FunctionRecord f : found) {
            write(xml, f);
        }
        xml.element("Marker", next == null ? "" : next).element("MaxItems", Integer.toString(max)).close("Functions");
        ex.sendXml(200, xml.toString());
    }

    private void get(Exchange ex) throws IOException {
        ProjectRecord project = support.project(ex);
        String name = RestSupport.validName("function", ex.param("name"));
        FunctionRecord f = store.find(project.name(), RestSupport.schema(ex), name).orElseThrow(
                () -> ApiException.notFound("ODPS-0130131:Function not found - '" + name + "'"));
        XmlWriter xml = XmlWriter.compact();
        write(xml, f);
        ex.sendXml(200, xml.toString());
    }

    private void create(Exchange ex) throws IOException {
        ProjectRecord project = support.project(ex);
        Parsed body = parse(ex, null, project.name(), RestSupport.schema(ex));
        store.write(project.name(), RestSupport.schema(ex), body.name, body.classType, body.resources,
                ex.caller().owner(), false);
        ex.header("Location", "http://" + ex.authority() + "/api/projects/" + project.name()
                + "/registration/functions/" + WireCodec.encodeSegment(body.name));
        ex.sendEmpty(201);
    }

    private void update(Exchange ex) throws IOException {
        ProjectRecord project = support.project(ex);
        String name = RestSupport.validName("function", ex.param("name"));
        Parsed body = parse(ex, name, project.name(), RestSupport.schema(ex));
        store.write(project.name(), RestSupport.schema(ex), name, body.classType, body.resources,
                ex.caller().owner(), true);
        ex.sendEmpty(200);
    }

    private void delete(Exchange ex) throws IOException {
        ProjectRecord project = support.project(ex);
        String name = RestSupport.validName("function", ex.param("name"));
        if (!store.delete(project.name(), RestSupport.schema(ex), name)) {
            throw ApiException.notFound("ODPS-0130131:Function not found - '" + name + "'");
        }
        ex.sendEmpty(204);
    }

    private static void write(XmlWriter xml, FunctionRecord f) {
        xml.open("Function").element("Alias", f.name()).element("Owner", f.owner())
                .element("CreationTime", HttpDates.format(f.created())).element("ClassType", f.classType())
                .open("Resources");
        for (String r : f.resources()) {
            xml.element("ResourceName", r);
        }
        xml.close("Resources").element("SchemaName", f.schema()).close("Function");
    }

    private record Parsed(String name, String classType, List<String> resources) {
    }

    /** Parses a {@code <Function>} body; {@code pathName} (update) wins over the body's {@code Alias}. */
    private static Parsed parse(Exchange ex, @Nullable String pathName, String project, String schema)
            throws IOException {
        byte[] body = ex.readSmallBody(MAX_BODY);
        XmlTree root;
        try {
            root = XmlTree.parse(body);
        } catch (XMLStreamException e) {
            throw ApiException.invalid("ODPS-0420111:Malformed function XML - " + e.getMessage());
        }
        if (!"Function".equals(root.name())) {
            throw ApiException.invalid("ODPS-0420111:Malformed function XML - root must be <Function>");
        }
        String alias = root.childContent("Alias");
        String name = RestSupport.validName("function", pathName != null ? pathName : alias);
        String classType = root.childContent("ClassType");
        if (classType == null || classType.isBlank()) {
            throw ApiException.invalid("ODPS-0420111:Function '" + name + "' has no ClassType");
        }
        List<String> resources = new ArrayList<>();
        for (XmlTree list : root.all("Resources")) {
            for (XmlTree r : list.children()) {
                String value = r.textContent().trim();
                if (!value.isEmpty()) {
                    resources.add(qualify(value, project, schema));
                }
            }
        }
        return new Parsed(name, classType.trim(), resources);
    }


    /**
     * A bare {@code name} becomes {@code project/resources/name} ({@code project/schemas/schema/resources/name} in a
     * non-default schema); the two full forms are kept as sent; anything else is a 400 ({@code protocol/rest.md} §9).
     */
    private static String qualify(String resource, String project, String schema) {
        if (!resource.contains("/")) {
            String name = RestSupport.validName("resource", resource);
            return "default".equals(schema) ? project + "/resources/" + name
                    : project + "/schemas/" + schema + "/resources/" + name;
        }
        String[] parts = resource.split("/", -1);
        boolean plain = parts.length == 3 && parts[1].equals("resources");
        boolean schemed = parts.length == 5 && parts[1].equals("schemas") && parts[3].equals("resources");
        if (!plain && !schemed) {
            throw ApiException.invalid("ODPS-0420111:Invalid resource name - '" + resource
                    + "' is neither <name>, <project>/resources/<name> nor <project>/schemas/<schema>/resources/<name>");
        }
        for (String part : parts) {
            RestSupport.validName("resource", part);
        }
        return resource;
    }
}
