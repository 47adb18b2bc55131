package org.odpsexplorer.emulator.rest;

import java.io.IOException;
import org.odpsexplorer.emulator.http.ApiException;
import org.odpsexplorer.emulator.http.Endpoint;
import org.odpsexplorer.emulator.http.Exchange;
import org.odpsexplorer.emulator.http.RouteGroup;
import org.odpsexplorer.emulator.http.Routes;
import org.odpsexplorer.wire.XmlWriter;

/**
 * Answers for features that other route groups will provide: tables and partitions, SQL instances and the tunnel all
 * answer 404 {@code NoSuchObject} for now (so the official SDK's {@code tables().exists(..)} says false). Register the
 * real groups after this one; identical registrations replace these (see {@link RouteGroup}).
 */
public final class PlaceholderRoutes implements RouteGroup {
    private final RestSupport support;

    public PlaceholderRoutes(RestSupport support) {
        this.support = support;
    }

    @Override
    public void register(Routes routes) {
        routes.api("GET", "/projects/{project}/tables", this::noTables);
        routes.api("GET", "/projects/{project}/tables/{table}", this::noTable);
        routes.api("GET", "/projects/{project}/instances", this::noInstance);
        routes.api("POST", "/projects/{project}/instances", this::noInstance);
        routes.api("GET", "/projects/{project}/instances/{instance}", this::noInstance);
        routes.api("PUT", "/projects/{project}/instances/{instance}", this::noInstance);
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
            routes.add(Endpoint.TUNNEL, method, "/projects/{project}/{rest*}", this::noTunnel);
        }
    }

    private void noTables(Exchange ex) throws IOException {
        support.project(ex);
        ex.sendXml(200, XmlWriter.compact().open("Tables").element("Marker", "")
                .element("MaxItems", "100").close("Tables").toString());
    }

    private void noTable(Exchange ex) {
        support.project(ex);
        throw ApiException.notFound("ODPS-0130131:Table not found - '" + ex.param("project") + "."
                + ex.param("table") + "'");
    }

    private void noInstance(Exchange ex) {
        support.project(ex);
        throw ApiException.notFound("ODPS-0130131:SQL instances are not supported by this emulator yet");
    }

    private void noTunnel(Exchange ex) {
        throw new ApiException(404, "NoSuchObject", "The tunnel endpoint is not implemented by this emulator yet: "
                + ex.path());
    }
}
