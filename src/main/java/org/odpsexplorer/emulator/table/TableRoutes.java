package org.odpsexplorer.emulator.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.http.ApiException;
import org.odpsexplorer.emulator.http.AsciiNumbers;
import org.odpsexplorer.emulator.http.Exchange;
import org.odpsexplorer.emulator.http.ListPaging;
import org.odpsexplorer.emulator.http.RouteGroup;
import org.odpsexplorer.emulator.http.Routes;
import org.odpsexplorer.emulator.rest.RestSupport;
import org.odpsexplorer.emulator.store.ProjectStore;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.XmlWriter;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.RecordStreamDecoder;

/**
 * Table and partition metadata on the API endpoint ({@code protocol/rest.md} §8): table GET (also {@code ?extended}), table
 * list, partition GET ({@code ?partition=}) and partition list ({@code ?partitions}). Missing objects are 404
 * {@code NoSuchObject}, which both SDKs' {@code exists} calls rely on.
 */
public final class TableRoutes implements RouteGroup {
    private final RestSupport support;
    private final TableStore tables;

    private final @Nullable TunnelStore rows;

    public TableRoutes(ProjectStore projects, TableStore tables) {
        this(projects, tables, null);
    }

    /** @param rows where the preview ({@code ?data}) reads rows from; null answers the preview with 404 */
    public TableRoutes(ProjectStore projects, TableStore tables, @Nullable TunnelStore rows) {
        this.support = new RestSupport(projects);
        this.tables = tables;
        this.rows = rows;
    }

    @Override
    public void register(Routes routes) {
        routes.api("GET", "/projects/{project}/tables", this::list);
        routes.api("GET", "/projects/{project}/tables/{table}", this::get);
    }

    private void list(Exchange ex) throws IOException {
        String project = support.project(ex).name();
        int max = ListPaging.maxItems(ex);
        String prefix = ex.query("name") == null ? "" : ex.query("name");
        String type = ex.query("type");
        List<TableInfo> page = type != null && !type.isBlank() && !type.equalsIgnoreCase("MANAGED_TABLE")
                ? List.of() : tables.listTables(project, prefix, ListPaging.decodeMarker(ex), max);
        XmlWriter xml = XmlWriter.compact().open("Tables");
        // like the service, a listing carries no schema unless asked for ?extended: clients load it lazily
        boolean withSchema = ex.hasQuery("extended");
        for (TableInfo t : page) {
            tableBody(xml.open("Table"), t, withSchema, false).close("Table");
        }
        String next = page.size() == max
                ? ListPaging.encodeMarker(page.get(page.size() - 1).name().toLowerCase(Locale.ROOT)) : "";
        xml.element("Marker", next).element("MaxItems", Integer.toString(max)).close("Tables");
        ex.sendXml(200, xml.toString());
    }

    private void get(Exchange ex) throws IOException {
        String project = support.project(ex).name();
        String name = ex.param("table");
        TableInfo table = tables.findTable(project, name).orElseThrow(() -> ApiException.notFound(
                "ODPS-0130131:Table not found - '" + project + "." + name + "'"));
        if (ex.hasQuery("data")) {
            preview(ex, table);
        } else if (ex.hasQuery("partitions")) {
            partitions(ex, table);
        } else if (ex.query("partition") != null && !ex.query("partition").isBlank()) {
            partition(ex, table, ex.query("partition"));
        } else {
            ex.sendXml(200, tableBody(XmlWriter.compact().open("Table"), table, true, ex.hasQuery("extended"))
                    .close("Table").toString());
        }
    }

    private void partition(Exchange ex, TableInfo table, String text) throws IOException {
        PartitionSpec spec = spec(table, text);
        PartitionInfo p = tables.findPartition(table, spec).orElseThrow(() -> ApiException.notFound(
                "ODPS-0130131:Partition not found - " + table.name() + " partition(" + spec.toQuotedString() + ")"));
        ObjectNode schema = TableStore.JSON.createObjectNode();
        schema.put("createTime", p.created().getEpochSecond());
        schema.put("lastDDLTime", p.created().getEpochSecond());
        schema.put("lastModifiedTime", p.lastModified().getEpochSecond());
        schema.put("lastAccessTime", p.lastModified().getEpochSecond());
        schema.put("partitionSize", p.size());
        schema.put("partitionRecordNum", p.recordCount());
        if (ex.hasQuery("extended")) {
            // the extended answer (PyODPS reload_extend_info, Java Partition.reloadExtendInfo): storage facts
            schema.put("IsArchived", false);
            schema.put("IsExstore", false);
            schema.put("LifeCycle", p.lifecycle() > 0 ? p.lifecycle() : table.lifecycle());
            schema.put("PhysicalSize", p.size());
            schema.put("FileNum", tables.fileCount(p));
            schema.put("Reserved", "{}");
        }
        XmlWriter xml = XmlWriter.compact().open("Partition");
        columns(xml, p.spec());
        ex.sendXml(200, xml.cdata("Schema", schema.toString()).close("Partition").toString());
    }

    private void partitions(Exchange ex, TableInfo table) throws IOException {
        // an unpartitioned table simply has no partitions (an empty list is friendlier to browsers than an error)
        String filter = ex.query("partition");
        List<Map.Entry<String, String>> prefix;
        try {
            prefix = filter == null || filter.isBlank() ? List.of() : PartitionSpec.split(filter);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("ODPS-0420111:Invalid partition spec - " + e.getMessage());
        }
        List<PartitionInfo> all = new ArrayList<>(tables.listPartitions(table));
        all.removeIf(p -> !p.spec().matchesPrefix(prefix));
        if (ex.hasQuery("reverse")) {
            Collections.reverse(all);
        }
        String marker = ListPaging.decodeMarker(ex);
        int start = 0;
        if (marker != null) {
            while (start < all.size() && !all.get(start).spec().toQuotedString().equals(marker)) {
                start++;
            }
            start = Math.min(all.size(), start + 1);
        }
        int max = ListPaging.maxItems(ex);
        List<PartitionInfo> page = all.subList(start, Math.min(all.size(), start + max));
        boolean namesOnly = ex.hasQuery("name");
        XmlWriter xml = XmlWriter.compact().open("Partitions");
        for (PartitionInfo p : page) {
            xml.open("Partition");
            if (namesOnly) {
                xml.element("Name", p.spec().toQuotedString());
            } else {
                columns(xml, p.spec());
                long created = p.created().getEpochSecond();
                xml.element("CreationTime", Long.toString(created))
                        .element("LastDDLTime", Long.toString(created))
                        .element("LastModifiedTime", Long.toString(p.lastModified().getEpochSecond()))
                        .element("LastAccessTime", Long.toString(p.lastModified().getEpochSecond()));
            }
            xml.close("Partition");
        }
        boolean more = start + page.size() < all.size();
        String next = more && !page.isEmpty()
                ? ListPaging.encodeMarker(page.get(page.size() - 1).spec().toQuotedString()) : "";
        ex.sendXml(200, xml.element("Marker", next).element("MaxItems", Integer.toString(max))
                .close("Partitions").toString());
    }

    /**
     * {@code ?data[&linenum=N][&partition=spec][&cols=a,b]}: the preview both SDKs' legacy readers parse (PyODPS
     * {@code head()}, Java {@code Table.read}); CSV as {@link PreviewCsv} writes it. At most {@value #MAX_PREVIEW_ROWS}
     * rows (also the default); a partition spec may name a prefix of the partition keys; without one every partition
     * is read in listing order. Partition columns follow the data columns unless {@code cols} names the columns.
     */
    private void preview(Exchange ex, TableInfo table) throws IOException {
        if (rows == null) {
            throw ApiException.notFound("ODPS-0130131:Table preview is not available");
        }
        long limit = MAX_PREVIEW_ROWS;
        String linenum = ex.query("linenum");
        if (linenum != null) {
            try {
                limit = Math.min(MAX_PREVIEW_ROWS, AsciiNumbers.parseNonNegative(linenum));
            } catch (NumberFormatException e) {
                throw ApiException.invalid("ODPS-0420111:Invalid parameter linenum - " + linenum
                        + " (a number of rows in ASCII digits)");
            }
        }
        List<Column> data = table.schema().columns();
        List<Column> keys = table.schema().partitionKeys();
        List<String> names = new ArrayList<>();
        String cols = ex.query("cols");
        if (cols == null || cols.isBlank()) {
            data.forEach(c -> names.add(c.name()));
            keys.forEach(c -> names.add(c.name()));
        } else {
            for (String c : cols.split(",")) {
                String name = c.trim();
                if (indexOf(data, name) < 0 && indexOf(keys, name) < 0) {
                    throw ApiException.invalid("ODPS-0130071:Semantic analysis exception - column " + name
                            + " cannot be resolved");
                }
                names.add(indexOf(data, name) >= 0 ? data.get(indexOf(data, name)).name()
                        : keys.get(indexOf(keys, name)).name());
            }
        }
        List<PartitionInfo> sets;
        String filter = ex.query("partition");
        if (!table.schema().isPartitioned()) {
            if (filter != null && !filter.isBlank()) {
                throw ApiException.invalid("ODPS-0130071:Semantic analysis exception - table " + table.name()
                        + " is not partitioned");
            }
            sets = List.of(tables.resolveDataSet(table, null));
        } else {
            List<Map.Entry<String, String>> prefix;
            try {
                prefix = filter == null || filter.isBlank() ? List.of() : PartitionSpec.split(filter);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("ODPS-0130071:Semantic analysis exception - " + e.getMessage());
            }
            for (Map.Entry<String, String> e : prefix) {
                if (indexOf(keys, e.getKey()) < 0) {
                    throw ApiException.invalid("ODPS-0130071:Semantic analysis exception - " + e.getKey()
                            + " is not a partition column of " + table.name());
                }
            }
            sets = new ArrayList<>(tables.listPartitions(table));
            sets.removeIf(p -> !p.spec().matchesPrefix(prefix));
            if (sets.isEmpty() && prefix.size() == keys.size()) {
                throw ApiException.notFound("ODPS-0130131:Partition not found - " + table.name() + " partition("
                        + filter + ")");
            }
        }
        ZoneId zone = ZoneId.systemDefault();
        String tz = ex.header("x-odps-sql-timezone");
        if (tz != null && !tz.isBlank()) {
            try {
                zone = ZoneId.of(tz.trim());
            } catch (DateTimeException e) {
                throw ApiException.invalid("ODPS-0420111:Invalid x-odps-sql-timezone - " + tz);
            }
        }
        // spooled to a file, not memory: 10,000 rows of wide strings can be large, and the answer needs its length
        Path spool = rows.newSpoolFile();
        try {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(
                    Files.newOutputStream(spool), StandardCharsets.UTF_8), 64 * 1024)) {
                PreviewCsv csv = new PreviewCsv(w, zone);
                csv.line(new ArrayList<>(names));
                long left = limit;
                for (PartitionInfo set : sets) {
                    if (left <= 0) {
                        break;
                    }
                    RowRead read = rows.head(table, set, left);
                    left -= read.records();
                    read.forEachRecord((buffer, length, crc) -> {
                        List<@Nullable Object> values = RecordStreamDecoder.decodeSlice(buffer, 0, length, data);
                        List<@Nullable String> line = new ArrayList<>(names.size());
                        for (String name : names) {
                            int i = indexOf(data, name);
                            if (i >= 0) {
                                line.add(csv.text(values.get(i), data.get(i).type()));
                            } else {
                                line.add(set.spec().values().get(indexOf(keys, name)));
                            }
                        }
                        csv.line(line);
                    });
                }
            }
            try (OutputStream out = ex.startBody(200, "text/plain; charset=utf-8",
                    Files.size(spool));
                 InputStream in = Files.newInputStream(spool)) {
                in.transferTo(out);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** Most rows one preview answers (the service's {@code READ} limit). */
    static final long MAX_PREVIEW_ROWS = 10_000;

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static XmlWriter tableBody(XmlWriter xml, TableInfo t, boolean withSchema, boolean extended) {
        ObjectNode schema = t.schema().toMetaJson();
        schema.put("tableName", t.name());
        schema.put("comment", t.comment());
        schema.put("owner", t.owner());
        schema.put("createTime", t.created().getEpochSecond());
        schema.put("lastDDLTime", t.lastDdl().getEpochSecond());
        schema.put("lastModifiedTime", t.lastModified().getEpochSecond());
        schema.put("lastAccessTime", t.lastModified().getEpochSecond());
        schema.put("lifecycle", t.lifecycle());
        schema.put("isVirtualView", false);
        schema.put("isExternal", false);
        schema.put("size", t.size());
        schema.put("recordNum", t.recordCount());
        schema.put("shardExist", false);
        schema.put("hubLifecycle", -1);
        schema.put("tableLabel", "");
        ObjectNode reserved = TableStore.JSON.createObjectNode();
        reserved.put("Transactional", Boolean.toString("true".equalsIgnoreCase(
                t.properties().getOrDefault("transactional", "false"))));
        schema.put("Reserved", reserved.toString());
        if (!t.properties().isEmpty()) {
            ObjectNode props = TableStore.JSON.createObjectNode();
            t.properties().forEach(props::put);
            schema.put("tableProperties", props.toString());
        }
        if (extended) {
            schema.put("IsArchived", false);
            schema.put("PhysicalSize", t.size());
            schema.put("FileNum", 0);
        }
        xml.element("Name", t.name()).element("TableId", t.tableId()).element("Comment", t.comment())
                .element("Owner", t.owner()).element("Project", t.project()).element("SchemaName", "default")
                .element("CreationTime", HttpDates.format(t.created()))
                .element("LastModifiedTime", HttpDates.format(t.lastModified()));
        if (withSchema) {
            xml.cdata("Schema", schema.toString(), "format", "json");
        }
        return xml.element("Type", "MANAGED_TABLE");
    }

    private static void columns(XmlWriter xml, PartitionSpec spec) {
        for (int i = 0; i < spec.keys().size(); i++) {
            xml.empty("Column", "Name", spec.keys().get(i), "Value", spec.values().get(i));
        }
    }

    private PartitionSpec spec(TableInfo table, String text) {
        if (!table.schema().isPartitioned()) {
            throw ApiException.invalid("ODPS-0130071:Semantic analysis exception - table " + table.name()
                    + " is not partitioned");
        }
        try {
            return PartitionSpec.parse(table.schema().partitionKeys(), text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("ODPS-0130071:Semantic analysis exception - " + e.getMessage());
        }
    }

}
