package org.odpsexplorer.emulator.rest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.odpsexplorer.emulator.http.Exchange;
import org.odpsexplorer.emulator.http.RouteGroup;
import org.odpsexplorer.emulator.http.Routes;
import org.odpsexplorer.emulator.store.ProjectRecord;
import org.odpsexplorer.wire.HeaderText;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.OdpsHeaders;
import org.odpsexplorer.wire.XmlWriter;

/**
 * The project and the side calls every client makes ({@code protocol/rest.md} §10): {@code GET /projects/{p}} with the headers
 * both SDKs need, tunnel discovery, {@code /tenants}, {@code /logview/host} and the SDK usage log.
 */
public final class ProjectRoutes implements RouteGroup {
    /** Upper bound on the usage-log body we read and throw away. */
    private static final int MAX_LOG_BODY = 1024 * 1024;

    private final RestSupport support;

    public ProjectRoutes(RestSupport support) {
        this.support = support;
    }

    @Override
    public void register(Routes routes) {
        routes.api("GET", "/projects/{project}", this::project);
        routes.api("GET", "/projects/{project}/tunnel", this::tunnel);
        routes.api("PUT", "/projects/{project}/logs", this::logs);
        routes.api("POST", "/projects/{project}/logs", this::logs);
        routes.api("GET", "/tenants", this::tenants);
        routes.api("GET", "/logview/host", this::logviewHost);
    }

    private void project(Exchange ex) throws IOException {
        ProjectRecord p = support.project(ex);
        // PyODPS needs x-odps-owner; Java needs x-odps-creation-time and Last-Modified (protocol/rest.md §10.1)
        ex.header(OdpsHeaders.OWNER, HeaderText.encode(p.owner()));
        ex.header(OdpsHeaders.CREATION_TIME, HttpDates.format(p.created()));
        ex.header(OdpsHeaders.LAST_MODIFIED, HttpDates.format(p.created()));
        String xml = XmlWriter.compact().open("Project").element("Name", p.name()).element("Type", "managed")
                .element("Comment", p.comment()).element("State", "AVAILABLE").element("ProjectGroupName", "")
                .open("Properties").open("Property").element("Name", "odps.schema.evolution.enable")
                .element("Value", "false").close("Property").close("Properties")
                .element("ExtendedProperties", "").element("DefaultCluster", "local").element("Clusters", "")
                .close("Project").toString();
        ex.sendXml(200, xml);
    }

    /** Bare {@code host:port}: tunnel calls then arrive without {@code /api} and route to the tunnel endpoint. */
    private void tunnel(Exchange ex) throws IOException {
        support.project(ex);
        ex.send(200, "text/plain", ex.authority().getBytes(StandardCharsets.UTF_8));
    }

    private void logs(Exchange ex) throws IOException {
        try (InputStream in = ex.body()) {
            in.skipNBytes(Math.min(Math.max(ex.contentLength(), 0), MAX_LOG_BODY));
        } catch (EOFException e) {
            // a shorter body than declared is irrelevant for a log nobody reads
        }
        ex.sendEmpty(200);
    }

    private void tenants(Exchange ex) throws IOException {
        // "odps.namespace.schema":"false" keeps PyODPS from adding curr_schema=default everywhere (protocol/rest.md §10.3)
        String json = "{\"Tenant\":{\"Name\":\"local\",\"TenantId\":\"1\",\"OwnerId\":\"1\",\"TenantState\":\"NORMAL\","
                + "\"CreateTime\":1700000000,\"UpdateTime\":1700000000,"
                + "\"Parameters\":{\"odps.namespace.schema\":\"false\"}}}";
        ex.send(200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private void logviewHost(Exchange ex) throws IOException {
        ex.send(200, "text/plain", ("http://" + ex.authority() + "/logview").getBytes(StandardCharsets.UTF_8));
    }
}
