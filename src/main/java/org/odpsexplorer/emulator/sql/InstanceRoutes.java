package org.odpsexplorer.emulator.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.http.ApiException;
import org.odpsexplorer.emulator.http.AsciiNumbers;
import org.odpsexplorer.emulator.http.Exchange;
import org.odpsexplorer.emulator.http.ListPaging;
import org.odpsexplorer.emulator.http.RouteGroup;
import org.odpsexplorer.emulator.http.Routes;
import org.odpsexplorer.emulator.rest.RestSupport;
import org.odpsexplorer.emulator.sql.InstanceStore.InstanceRecord;
import org.odpsexplorer.emulator.store.ProjectStore;
import org.odpsexplorer.wire.HeaderText;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.Json;
import org.odpsexplorer.wire.OdpsHeaders;
import org.odpsexplorer.wire.WireCodec;
import org.odpsexplorer.wire.XmlTree;
import org.odpsexplorer.wire.XmlWriter;

/**
 * SQL instances ({@code protocol/instances.md}): the submitted statement runs synchronously inside the POST, which answers 201
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
        routes.api("GET", "/projects/{project}/instances", this::list);
        routes.api("PUT", "/projects/{project}/instances/{instance}", this::terminate);
    }

    /**
     * {@code GET /projects/{p}/instances}: {@code <Instances>} with one {@code <Instance>} (Name, Owner, StartTime,
     * EndTime, Status) per instance, {@code Marker} and {@code MaxItems} always present. Filters: {@code status}
     * (every instance here is {@code Terminated}), {@code onlyowner=yes} (the caller's), {@code daterange=from:to}
     * (epoch seconds, either side optional), {@code jobname} (jobs submitted with exactly that
     * {@code Instance/Job/Name}; a job without a name matches none); {@code maxitems} / {@code marker} page.
     */
    private void list(Exchange ex) throws IOException {
        String project = support.project(ex).name();
        int max = ListPaging.maxItems(ex);
        String status = ex.query("status");
        if (status != null && !status.isBlank() && !List.of("running", "suspended", "terminated")
                .contains(status.toLowerCase(Locale.ROOT))) {
            throw ApiException.invalid("ODPS-0420111:Invalid parameter status - " + status
                    + " (Running, Suspended or Terminated)");
        }
        boolean none = status != null && !status.isBlank() && !status.equalsIgnoreCase("terminated");
        String owner = "yes".equalsIgnoreCase(ex.query("onlyowner")) ? ex.caller().owner() : null;
        String jobName = ex.query("jobname");
        if (jobName != null && jobName.isEmpty()) {
            jobName = null;
        }
        Long from = null;
        Long to = null;
        String range = ex.query("daterange");
        if (range != null && !range.isBlank()) {
            int colon = range.indexOf(':');
            try {
                String a = colon < 0 ? range : range.substring(0, colon);
                String b = colon < 0 ? "" : range.substring(colon + 1);
                from = a.isEmpty() ? null : AsciiNumbers.parseNonNegative(a) * 1000;
                to = b.isEmpty() ? null : AsciiNumbers.parseNonNegative(b) * 1000 + 999;
            } catch (NumberFormatException e) {
                throw ApiException.invalid("ODPS-0420111:Invalid parameter daterange - " + range
                        + " (from:to in epoch seconds, ASCII digits)");
            }
        }
        List<InstanceRecord> page = none ? List.of()
                : instances.list(project, ListPaging.decodeMarker(ex), max, owner, from, to, jobName);
        XmlWriter xml = XmlWriter.compact().open("Instances");
        for (InstanceRecord r : page) {
            xml.open("Instance").element("Name", r.id()).element("Owner", r.owner())
                    .element("StartTime", HttpDates.format(r.start())).element("EndTime", HttpDates.format(r.end()))
                    .element("Status", "Terminated").close("Instance");
        }
        String next = page.size() == max ? ListPaging.encodeMarker(page.get(page.size() - 1).id()) : "";
        ex.sendXml(200, xml.element("Marker", next).element("MaxItems", Integer.toString(max))
                .close("Instances").toString());
    }

    /**
     * {@code PUT /projects/{p}/instances/{id}} with {@code <Instance><Status>Terminated</Status></Instance>}: stops
     * the instance. Every instance here has finished inside its submitting POST, so there is nothing left to stop:
     * 200 and the instance stays as it ended (its task keeps its {@code Success} / {@code Failed}). Unknown id → 404;
     * any other body → 400.
     */
    private void terminate(Exchange ex) throws IOException {
        String project = support.project(ex).name();
        String id = ex.param("instance");
        byte[] body = ex.readSmallBody(MAX_JOB_BYTES);
        String status;
        try {
            XmlTree root = XmlTree.parse(body);
            status = !root.name().equals("Instance") ? null : root.childContent("Status");
        } catch (XMLStreamException e) {
            throw ApiException.invalid("ODPS-0420111:Invalid instance status XML - " + e.getMessage());
        }
        if (status == null || !status.trim().equals("Terminated")) {
            throw ApiException.invalid("ODPS-0420111:Invalid instance status - only <Instance><Status>Terminated"
                    + "</Status></Instance> is accepted");
        }
        instances.find(project, id).orElseThrow(() -> ApiException.notFound(
                "ODPS-0130131:Instance not found - '" + id + "'"));
        ex.sendEmpty(200);
    }

    /**
     * {@code ?instancesummary&taskname=T}: JSON {@code {"Instance":{"JsonSummary":"<json text>","Summary":"<text>"}}}
     * as both SDKs parse it; a DDL task has no inputs or outputs, so the JSON summary names the task and its outcome.
     */
    private void summary(Exchange ex, InstanceRecord r) throws IOException {
        String task = ex.query("taskname");
        if (task != null && !task.isEmpty() && !task.equals(r.taskName())) {
            throw ApiException.notFound("ODPS-0130131:Task not found - '" + task + "' in instance " + r.id());
        }
        ObjectMapper json = Json.mapper();
        ObjectNode inner = json.createObjectNode();
        inner.put("TaskName", r.taskName());
        inner.put("Status", r.success() ? "Success" : "Failed");
        inner.put("StartTime", r.start().getEpochSecond());
        inner.put("EndTime", r.end().getEpochSecond());
        inner.putObject("Inputs");
        inner.putObject("Outputs");
        ObjectNode root = json.createObjectNode();
        ObjectNode instance = root.putObject("Instance");
        instance.put("JsonSummary", inner.toString());
        instance.put("Summary", r.taskName() + ": " + (r.success() ? "OK" : r.result()) + "\n");
        ex.header("x-odps-task-finalized", "true");
        ex.send(200, "application/json", root.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void submit(Exchange ex) throws IOException {
        String project = support.project(ex).name();
        byte[] body = ex.readSmallBody(MAX_JOB_BYTES);
        XmlTree sql = sqlTask(body);
        String taskName = sql.childContent("Name");
        String query = sql.childContent("Query");
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
        String jobName = jobName(body);
        InstanceRecord record = instances.add(project, jobName == null ? "" : jobName.trim(), taskName, query,
                success, result, ex.caller().owner(), start, clock.instant());
        ex.header("Location", "http://" + ex.authority() + "/api/projects/" + WireCodec.encodeSegment(project)
                + "/instances/" + record.id());
        ex.sendEmpty(201);
    }

    private void get(Exchange ex) throws IOException {
        String project = support.project(ex).name();
        String id = ex.param("instance");
        InstanceRecord r = instances.find(project, id).orElseThrow(() -> ApiException.notFound(
                "ODPS-0130131:Instance not found - '" + id + "'"));
        if (ex.hasQuery("instancesummary")) {
            summary(ex, r);
        } else if (ex.hasQuery("source")) {
            // the job as submitted, as PyODPS (task names) and Java (Instance.getTasks) read it: a <Job> root
            String xml = XmlWriter.compact().open("Job").element("Priority", "9").open("Tasks").open("SQL")
                    .element("Name", r.taskName()).cdata("Query", r.query())
                    .close("SQL").close("Tasks").close("Job").toString();
            ex.sendXml(200, xml);
        } else if (ex.hasQuery("taskstatus")) {
            String xml = XmlWriter.compact().open("Instance").element("Status", "Terminated").open("Tasks")
                    .open("Task", "Type", "SQL").element("Name", r.taskName())
                    .element("StartTime", HttpDates.format(r.start())).element("EndTime", HttpDates.format(r.end()))
                    .element("Status", r.success() ? "Success" : "Failed").empty("Histories").close("Task")
                    .close("Tasks").close("Instance").toString();
            ex.sendXml(200, xml);
        } else if (ex.hasQuery("result")) {
            String xml = XmlWriter.compact().open("Instance").open("Tasks").open("Task", "Type", "SQL")
                    .element("Name", r.taskName()).cdata("Result", r.result(), "Format", "text")
                    .close("Task").close("Tasks").close("Instance").toString();
            ex.sendXml(200, xml);
        } else {
            // no <Tasks> here: the Java SDK would switch to synchronous mode (protocol/instances.md §3)
            ex.header(OdpsHeaders.OWNER, HeaderText.encode(r.owner()));
            ex.header("x-odps-start-time", HttpDates.format(r.start()));
            ex.header("x-odps-end-time", HttpDates.format(r.end()));
            ex.sendXml(200, XmlWriter.compact().open("Instance").element("Status", "Terminated").close("Instance").toString());
        }
    }

    /** The {@code Instance/Job/Tasks/SQL} element; anything else is 400 {@code InvalidParameter}. */
    /** {@code Instance/Job/Name} of a job {@link #sqlTask} accepted, or null when the job names none. */
    private static @Nullable String jobName(byte[] body) {
        try {
            XmlTree job = XmlTree.parse(body).child("Job");
            return job == null ? null : job.childText("Name");
        } catch (XMLStreamException e) {
            return null; // not reached: sqlTask parsed the same bytes
        }
    }

    private static XmlTree sqlTask(byte[] body) {
        XmlTree root;
        try {
            root = XmlTree.parse(body);
        } catch (XMLStreamException e) {
            throw ApiException.invalid("ODPS-0420111:Invalid job XML - " + e.getMessage());
        }
        XmlTree job = root.name().equals("Instance") ? root.child("Job") : null;
        XmlTree tasks = job == null ? null : job.child("Tasks");
        XmlTree sql = tasks == null ? null : tasks.child("SQL");
        if (sql == null) {
            throw ApiException.invalid("ODPS-0420111:Invalid job - the emulator runs only jobs with one SQL task");
        }
        return sql;
    }
}
