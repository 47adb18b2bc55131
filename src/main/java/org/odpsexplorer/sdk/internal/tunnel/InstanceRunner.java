package org.odpsexplorer.sdk.internal.tunnel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.ApiRequest;
import org.odpsexplorer.sdk.internal.ApiResponse;
import org.odpsexplorer.sdk.internal.BodySource;
import org.odpsexplorer.sdk.internal.Transport;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ObjectAlreadyExistsException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.wire.XmlTree;
import org.odpsexplorer.wire.XmlWriter;

/**
 * Runs one SQL statement as an instance, the way both official clients submit DDL ({@code protocol/instances.md} §1–§5):
 * {@code POST /projects/{p}/instances} with the job XML, the id from the {@code Location} header, status polls until
 * {@code Terminated}, then {@code ?taskstatus}; a failed task's {@code ?result} text becomes a typed exception.
 * Thread-safe (stateless apart from the transport).
 */
final class InstanceRunner {
    private static final Pattern ODPS_CODE = Pattern.compile("^(ODPS-\\d{7})");
    private static final Duration FIRST_POLL = Duration.ofMillis(20);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final Transport transport;

    InstanceRunner(Transport transport) {
        this.transport = transport;
    }

    /**
     * Submits {@code sql} as the SQL task {@code taskName} in {@code project} and waits for it to finish.
     *
     * @throws NoSuchObjectException         when the task failed because a table or partition does not exist
     * @throws ObjectAlreadyExistsException  when it failed because the table or partition exists
     * @throws OdpsException                 for any other failure; {@link OdpsException#errorCode()} is the
     *                                       {@code ODPS-NNNNNNN} code and the message the task's result text
     */
    void run(String project, String taskName, String sql) {
        String id = submit(project, taskName, sql);
        waitTerminated(project, id);
        XmlTree tasks = get(project, id, "taskstatus");
        XmlTree tasksNode = tasks.child("Tasks");
        if (tasksNode == null) {
            throw new OdpsException(0, "InvalidResponse", "no <Tasks> in task status", null,
                    describe(project, id, taskName));
        }
        for (XmlTree task : tasksNode.all("Task")) {
            String status = String.valueOf(task.childText("Status"));
            if (status.equalsIgnoreCase("Success")) {
                continue;
            }
            String name = String.valueOf(task.childText("Name"));
            if (status.equalsIgnoreCase("Failed")) {
                throw failure(project, id, name, resultText(project, id, name));
            }
            throw new OdpsException(0, "Task" + status, name + ", Status=" + status.toUpperCase(Locale.ROOT),
                    null, describe(project, id, name));
        }
    }

    private String submit(String project, String taskName, String sql) {
        XmlWriter xml = XmlWriter.indented().open("Instance").open("Job").element("Priority", "9").open("Tasks")
                .open("SQL").element("Name", taskName).open("Config");
        property(xml, "type", "sql");
        property(xml, "uuid", UUID.randomUUID().toString());
        property(xml, "settings", "{}"); // no SQL flags: DDL needs none
        xml.close("Config").element("Query", sql).close("SQL").close("Tasks").close("Job").close("Instance");
        ApiRequest request = ApiRequest.builder("POST", "projects", project, "instances")
                .contentType("application/xml").body(BodySource.ofBytes(xml.toBytes()))
                .retry(ApiRequest.Retry.NEVER).build();
        try (ApiResponse r = transport.execute(request)) {
            String location = r.header("Location");
            if (location == null || location.isBlank()) {
                throw new OdpsException(r.status(), "InvalidResponse", "Location header required", r.requestId(),
                        r.call());
            }
            String trimmed = location.strip();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            return trimmed.substring(trimmed.lastIndexOf('/') + 1);
        }
    }

    private void waitTerminated(String project, String id) {
        Duration wait = FIRST_POLL;
        while (true) {
            XmlTree status = get(project, id, null);
            if ("Terminated".equalsIgnoreCase(String.valueOf(status.childText("Status")))) {
                return;
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OdpsTransportException(describe(project, id, "wait"),
                        new InterruptedIOException("interrupted while waiting for instance " + id));
            }
            wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
        }
    }

    private String resultText(String project, String id, String taskName) {
        XmlTree root = get(project, id, "result");
        XmlTree tasks = root.child("Tasks");
        if (tasks != null) {
            for (XmlTree task : tasks.all("Task")) {
                if (taskName.equals(task.childText("Name"))) {
                    XmlTree result = task.child("Result");
                    if (result == null) {
                        return "";
                    }
                    if ("Base64".equalsIgnoreCase(result.attributes().get("Transform"))) {
                        return new String(Base64.getMimeDecoder().decode(result.text()), StandardCharsets.UTF_8);
                    }
                    return result.text();
                }
            }
        }
        return "";
    }

    private XmlTree get(String project, String id, @Nullable String flag) {
        ApiRequest.Builder b = ApiRequest.builder("GET", "projects", project, "instances", id)
                .retry(ApiRequest.Retry.IDEMPOTENT);
        if (flag != null) {
            b.query(flag, "");
        }
        ApiRequest request = b.build();
        try (ApiResponse r = transport.execute(request)) {
            return XmlTree.parse(r.body());
        } catch (XMLStreamException e) {
            throw new OdpsTransportException(request.describe(), new IOException("unreadable XML answer", e));
        }
    }

    /** Maps a failed task's result text ({@code ODPS-0130131:[1,12] Table not found - ...}) to a typed exception. */
    static OdpsException failure(String project, String id, String taskName, String text) {
        Matcher m = ODPS_CODE.matcher(text);
        String code = m.find() ? m.group(1) : "SqlTaskFailed";
        String call = describe(project, id, taskName);
        if (code.equals("ODPS-0130131") || text.contains("NoSuchObjectException")) {
            return new NoSuchObjectException(0, code, text, null, call);
        }
        if (text.contains("AlreadyExistsException")) {
            return new ObjectAlreadyExistsException(0, code, text, null, call);
        }
        return new OdpsException(0, code, text, null, call);
    }

    private static String describe(String project, String id, String taskName) {
        return "SQL task " + taskName + " of instance " + project + "/" + id;
    }

    private static void property(XmlWriter xml, String name, String value) {
        xml.open("Property").element("Name", name).element("Value", value).close("Property");
    }
}
