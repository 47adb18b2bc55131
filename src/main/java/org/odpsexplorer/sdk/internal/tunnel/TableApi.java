package org.odpsexplorer.sdk.internal.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.ApiRequest;
import org.odpsexplorer.sdk.internal.ApiResponse;
import org.odpsexplorer.sdk.internal.ClientConfig;
import org.odpsexplorer.sdk.internal.Transport;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.wire.Json;
import org.odpsexplorer.wire.XmlTree;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * Table and partition metadata on the API endpoint ({@code protocol/rest.md} §8) and DDL through SQL instances
 * ({@code protocol/instances.md}, SQL texts as the Java SDK writes them, §6). Owns the {@link TunnelApi} for row transfer.
 * Thread-safe. Failures are {@link OdpsException}s: 404 → {@link NoSuchObjectException}.
 */
public final class TableApi implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();
    private static final int PAGE = 100;

    private final Transport transport;
    private final InstanceRunner instances;
    private final TunnelApi tunnel;

    public TableApi(Transport transport, ClientConfig config) {
        this.transport = transport;
        this.instances = new InstanceRunner(transport);
        this.tunnel = new TunnelApi(transport, config);
    }

    /** The tunnel side (sessions, blocks, reads). */
    public TunnelApi tunnel() {
        return tunnel;
    }

    /**
     * The table's metadata.
     *
     * @throws NoSuchObjectException when it does not exist
     */
    public TableMeta get(String project, String table) {
        ApiRequest request = ApiRequest.builder("GET", "projects", project, "tables", table)
                .retry(ApiRequest.Retry.IDEMPOTENT).build();
        XmlTree root = xml(request);
        return tableMeta(project, root, table);
    }

    /** The table's metadata, or null when it does not exist. */
    public @Nullable TableMeta find(String project, String table) {
        try {
            return get(project, table);
        } catch (NoSuchObjectException e) {
            return null; // absence is the answer here
        }
    }

    /** One page of a table listing. */
    public record TablePage(List<TableMeta> tables, @Nullable String marker) {
    }

    /** A page of tables whose name starts with {@code prefix} (null: all), from {@code marker} (null: first). */
    public TablePage list(String project, @Nullable String prefix, @Nullable String marker) {
        ApiRequest.Builder b = ApiRequest.builder("GET", "projects", project, "tables")
                .query("expectmarker", "true").retry(ApiRequest.Retry.IDEMPOTENT);
        if (prefix != null && !prefix.isEmpty()) {
            b.query("name", prefix);
        }
        if (marker != null && !marker.isEmpty()) {
            b.query("marker", marker);
        }
        b.query("maxitems", Integer.toString(PAGE));
        XmlTree root = xml(b.build());
        List<TableMeta> out = new ArrayList<>();
        for (XmlTree t : root.all("Table")) {
            String name = t.childText("Name");
            if (name != null && (prefix == null || name.startsWith(prefix))) {
                out.add(tableMeta(project, t, name));
            }
        }
        String next = root.childText("Marker");
        return new TablePage(out, next == null || next.isEmpty() ? null : next);
    }

    /** Every partition spec of the table in server order (all pages). */
    public List<Map<String, String>> partitionSpecs(String project, String table) {
        List<Map<String, String>> out = new ArrayList<>();
        String marker = null;
        do {
            PartitionListPage page = partitionPage(project, table, null, marker, 1000);
            page.partitions().forEach(p -> out.add(p.spec()));
            marker = page.marker();
        } while (marker != null);
        return out;
    }

    /** One page of a partition listing: the partitions (no record counts: the listing has none) and the next marker. */
    public record PartitionListPage(List<PartitionMeta> partitions, @Nullable String marker) {
    }

    /**
     * One page of {@code GET /projects/{p}/tables/{t}?partitions} ({@code protocol/rest.md} §8.3).
     *
     * @param prefix   a partition spec the server narrows the listing to ({@code partition=}), or null
     * @param marker   the previous page's marker, null for the first page
     * @param maxItems page size the server is asked for (it may answer fewer)
     */
    public PartitionListPage partitionPage(String project, String table, @Nullable String prefix,
                                           @Nullable String marker, int maxItems) {
        ApiRequest.Builder b = ApiRequest.builder("GET", "projects", project, "tables", table)
                .query("partitions", "").query("expectmarker", "true").query("maxitems", Integer.toString(maxItems))
                .retry(ApiRequest.Retry.IDEMPOTENT);
        if (prefix != null && !prefix.isBlank()) {
            b.query("partition", prefix);
        }
        if (marker != null) {
            b.query("marker", marker);
        }
        XmlTree root = xml(b.build());
        List<PartitionMeta> out = new ArrayList<>();
        for (XmlTree p : root.all("Partition")) {
            Map<String, String> spec = new LinkedHashMap<>();
            for (XmlTree c : p.all("Column")) {
                spec.put(c.attributes().getOrDefault("Name", ""), c.attributes().getOrDefault("Value", ""));
            }
            if (!spec.isEmpty()) {
                out.add(new PartitionMeta(spec, -1, -1, epoch(p.childText("CreationTime")),
                        epoch(p.childText("LastModifiedTime"))));
            }
        }
        String next = root.childText("Marker");
        return new PartitionListPage(out, next == null || next.isEmpty() ? null : next);
    }

    private static @Nullable Instant epoch(@Nullable String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds.strip()));
        } catch (NumberFormatException e) {
            return null; // times are informational; a server spelling them otherwise must not break the listing
        }
    }

    /**
     * One partition's metadata with its record count.
     *
     * @throws NoSuchObjectException when the table or partition does not exist
     */
    public PartitionMeta partition(String project, String table, PartitionSpec spec) {
        ApiRequest request = ApiRequest.builder("GET", "projects", project, "tables", table)
                .query("partition", spec.toRestString()).retry(ApiRequest.Retry.IDEMPOTENT).build();
        XmlTree root = xml(request);
        Map<String, String> values = new LinkedHashMap<>();
        for (XmlTree c : root.all("Column")) {
            values.put(c.attributes().getOrDefault("Name", ""), c.attributes().getOrDefault("Value", ""));
        }
        JsonNode json = json(root.childText("Schema"), request);
        return new PartitionMeta(values.isEmpty() ? spec.values() : values,
                json.path("partitionRecordNum").asLong(-1), json.path("partitionSize").asLong(-1),
                seconds(json.get("createTime")), seconds(json.get("lastModifiedTime")));
    }

    /** {@code CREATE TABLE [IF NOT EXISTS] `p`.`t` (...) [COMMENT] [PARTITIONED BY (...)] [LIFECYCLE n];} */
    public void createTable(String project, String table, TableSchema schema, @Nullable String comment,
                            boolean ifNotExists, @Nullable Long lifecycle) {
        if (schema.columns().isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one data column");
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE ");
        if (ifNotExists) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(qualified(project, table)).append(" (");
        appendColumns(sql, schema.columns());
        sql.append(')');
        if (comment != null) {
            sql.append(" COMMENT ").append(literal(comment));
        }
        if (schema.isPartitioned()) {
            sql.append(" PARTITIONED BY (");
            appendColumns(sql, schema.partitionKeys());
            sql.append(')');
        }
        if (lifecycle != null) {
            sql.append(" LIFECYCLE ").append(lifecycle);
        }
        instances.run(project, "SQLCreateTableTask", sql.append(';').toString());
    }

    /** {@code DROP TABLE [IF EXISTS] `p`.`t`;} */
    public void dropTable(String project, String table, boolean ifExists) {
        instances.run(project, "SQLDropTableTask",
                "DROP TABLE " + (ifExists ? "IF EXISTS " : "") + qualified(project, table) + ";");
    }

    /** {@code ALTER TABLE `p`.`t` ADD [IF NOT EXISTS] PARTITION (k='v');} */
    public void addPartition(String project, String table, PartitionSpec spec, boolean ifNotExists) {
        instances.run(project, "SQLAddPartitionTask", "ALTER TABLE " + qualified(project, table) + " ADD"
                + (ifNotExists ? " IF NOT EXISTS" : "") + " PARTITION (" + spec.toRestString() + ");");
    }

    /** {@code ALTER TABLE `p`.`t` ADD [IF NOT EXISTS] PARTITION (k='v1') PARTITION (k='v2') ...;} in one instance. */
    public void addPartitions(String project, String table, List<PartitionSpec> specs, boolean ifNotExists) {
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(qualified(project, table)).append(" ADD")
                .append(ifNotExists ? " IF NOT EXISTS" : "");
        for (PartitionSpec spec : specs) {
            sql.append(" PARTITION (").append(spec.toRestString()).append(')');
        }
        instances.run(project, "SQLAddPartitionTask", sql.append(';').toString());
    }

    /** {@code ALTER TABLE `p`.`t` DROP [IF EXISTS] PARTITION(k='v');} */
    public void dropPartition(String project, String table, PartitionSpec spec, boolean ifExists) {
        instances.run(project, "SQLDropPartitionTask", "ALTER TABLE " + qualified(project, table) + " DROP"
                + (ifExists ? " IF EXISTS" : "") + " PARTITION(" + spec.toRestString() + ");");
    }

    private static void appendColumns(StringBuilder sql, List<Column> columns) {
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (i > 0) {
                sql.append(',');
            }
            sql.append(quoteIdentifier(c.name())).append(' ').append(c.type().typeName());
            if (!c.nullable()) {
                sql.append(" NOT NULL");
            }
            if (!c.comment().isEmpty()) {
                sql.append(" COMMENT ").append(literal(c.comment()));
            }
        }
    }

    static String qualified(String project, String table) {
        return quoteIdentifier(project) + "." + quoteIdentifier(table);
    }

    static String quoteIdentifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A SQL string literal in {@code '...'} with backslash escapes ({@code protocol/instances.md} §7). */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private TableMeta tableMeta(String project, XmlTree t, String fallbackName) {
        String schemaText = t.childText("Schema");
        TableSchema schema = null;
        JsonNode json = null;
        if (schemaText != null && !schemaText.isEmpty()) {
            json = json(schemaText, null);
            try {
                schema = TableSchema.fromJson(json);
            } catch (IllegalArgumentException e) {
                throw new OdpsException(200, "InvalidResponse", "table schema unreadable: " + e.getMessage(), null,
                        "GET /projects/" + project + "/tables/" + fallbackName);
            }
        }
        String name = t.childText("Name");
        String comment = t.childText("Comment");
        return new TableMeta(t.childText("Project") != null ? t.childText("Project") : project,
                name == null || name.isEmpty() ? fallbackName : name, schema, comment == null ? "" : comment,
                t.childText("Owner"), t.childText("Type"),
                json == null ? -1 : json.path("lifecycle").asLong(-1),
                json == null ? -1 : json.path("recordNum").asLong(-1),
                json == null ? -1 : json.path("size").asLong(-1),
                json == null ? null : seconds(json.get("createTime")),
                json == null ? null : seconds(json.get("lastModifiedTime")));
    }

    private static @Nullable Instant seconds(@Nullable JsonNode node) {
        return node == null || !node.canConvertToLong() ? null : Instant.ofEpochSecond(node.asLong());
    }

    private static JsonNode json(@Nullable String text, @Nullable ApiRequest request) {
        if (text == null || text.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new OdpsException(200, "InvalidResponse", "schema JSON unreadable: " + e.getMessage(), null,
                    request == null ? "table metadata" : request.describe());
        }
    }

    private XmlTree xml(ApiRequest request) {
        try (ApiResponse r = transport.execute(request)) {
            return XmlTree.parse(r.body());
        } catch (XMLStreamException e) {
            throw new OdpsTransportException(request.describe(), new IOException("unreadable XML answer", e));
        }
    }

    @Override
    public void close() {
        tunnel.close();
    }
}
