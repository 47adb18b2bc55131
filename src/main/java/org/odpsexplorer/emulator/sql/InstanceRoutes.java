package org.odpsexplorer.emulator.sql;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.odpsexplorer.emulator.http.ApiException;
import org.odpsexplorer.emulator.http.Exchange;
import org.odpsexplorer.emulator.http.RequestXml;
import org.odpsexplorer.emulator.http.RouteGroup;
import org.odpsexplorer.emulator.http.Routes;
import org.odpsexplorer.emulator.http.Xml;
import org.odpsexplorer.emulator.rest.RestSupport;
import org.odpsexplorer.emulator.sql.InstanceStore.InstanceRecord;
import org.odpsexplorer.emulator.store.ProjectStore;
import org.odpsexplorer.wire.HeaderText;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.OdpsHeaders;
import org.odpsexplorer.wire.WireCodec;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * SQL instances ({@code instances.md}): the submitted statement runs synchronously inside the POST, which answers 201
 * with a {@code Location}; status polls then say {@code Terminated} at once, {@code ?taskstatus} gives
 * {@code Success} / {@code Failed}, {@code ?result} the failure text (starting with an {@code ODPS-} code).
 */
public final class InstanceRoutes implements RouteGroup {
    private static final int MAX_JOB_BYTES = 1024 * 1024;

    private final RestSupport support;
    private final InstanceStore instances;
    private final DdlExecutor executor;
    private final Clock clock;

    public InstanceRoutes(ProjectStore projects, InstanceStore instances, DdlExecutor executor, Clock clock) {
        this.support = new RestSupport(projects);
        this.instances = instances;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public void register(Routes routes) {
        routes.api("POST", "/projects/{project}/instances", this::submit);
        routes.api("GET", "/projects/{project}/instances/{instance}", this::get);
    }

    private void submit(Exchange ex) throws IOException {
        String project = support.project(ex).name();
        Element sql = sqlTask(ex.readSmallBody(MAX_JOB_BYTES));
        String taskName = RequestXml.childText(sql, "Name");
        String query = RequestXml.childText(sql, "Query");
        if (taskName == null || taskName.isBlank() || query == null) {
            throw ApiException.invalid("ODPS-0420111:Invalid job - the SQL task needs Name and Query");
        }
        Instant start = clock.instant();
        boolean success = true;
        String result = "";
        try {
            executor.run(project, query, ex.caller().owner());
        } catch (SqlException e) {
            success = false;
            result = e.getMessage();
        }
        InstanceRecord record = instances.add(project, taskName, query, success, result, ex.caller().owner(), start,
                clock.instant());
        ex.header("Location", "http://" + ex.authority() + "/api/projects/" + WireCodec.encodeSegment(project)
                + "/instances/" + record.id());
        ex.sendEmpty(201);
    }

    private void get(Exchange ex) throws IOException {
        String project = support.project(ex).name();
        String id = ex.param("instance");
        InstanceRecord r = instances.find(project, id).orElseThrow(() -> ApiException.notFound(
                "ODPS-0130131:Instance not found - '" + id + "'"));
        if (ex.hasQuery("taskstatus")) {
            String xml = new Xml().open("Instance").element("Status", "Terminated").open("Tasks")
                    .raw("<Task Type=\"SQL\">").element("Name", r.taskName())
                    .element("StartTime", HttpDates.format(r.start())).element("EndTime", HttpDates.format(r.end()))
                    .element("Status", r.success() ? "Success" : "Failed").raw("<Histories/>").close("Task")
                    .close("Tasks").close("Instance").toString();
            ex.sendXml(200, xml);
        } else if (ex.hasQuery("result")) {
            String xml = new Xml().open("Instance").open("Tasks").raw("<Task Type=\"SQL\">")
                    .element("Name", r.taskName())
                    .raw("<Result Format=\"text\"><![CDATA[" + r.result().replace("]]>", "]]]]><![CDATA[>")
                            + "]]></Result>")
                    .close("Task").close("Tasks").close("Instance").toString();
            ex.sendXml(200, xml);
        } else {
            // no <Tasks> here: the Java SDK would switch to synchronous mode (instances.md §3)
            ex.header(OdpsHeaders.OWNER, HeaderText.encode(r.owner()));
            ex.header("x-odps-start-time", HttpDates.format(r.start()));
            ex.header("x-odps-end-time", HttpDates.format(r.end()));
            ex.sendXml(200, new Xml().open("Instance").element("Status", "Terminated").close("Instance").toString());
        }
    }

    /** The {@code Instance/Job/Tasks/SQL} element; anything else is 400 {@code InvalidParameter}. */
    private static Element sqlTask(byte[] body) {
        Element root;
        try {
            root = RequestXml.parse(body);
        } catch (SAXException | IOException e) {
            throw ApiException.invalid("ODPS-0420111:Invalid job XML - " + e.getMessage());
        }
        Element tasks = root == null || !root.getTagName().equals("Instance") ? null
                : RequestXml.child(RequestXml.child(root, "Job"), "Tasks");
        Element sql = RequestXml.child(tasks, "SQL");
        if (sql == null) {
            throw ApiException.invalid("ODPS-0420111:Invalid job - the emulator runs only jobs with one SQL task");
        }
        return sql;
    }
}
