package org.odpsexplorer.emulator.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odpsexplorer.emulator.http.ApiException;
import org.odpsexplorer.emulator.http.Exchange;
import org.odpsexplorer.emulator.http.ListPaging;
import org.odpsexplorer.emulator.http.RouteGroup;
import org.odpsexplorer.emulator.http.Routes;
import org.odpsexplorer.emulator.http.Xml;
import org.odpsexplorer.emulator.rest.RestSupport;
import org.odpsexplorer.emulator.store.ProjectStore;
import org.odpsexplorer.wire.HttpDates;

/**
 * Table and partition metadata on the API endpoint ({@code rest.md} §8): table GET (also {@code ?extended}), table
 * list, partition GET ({@code ?partition=}) and partition list ({@code ?partitions}). Missing objects are 404
 * {@code NoSuchObject}, which both SDKs' {@code exists} calls rely on.
 */
public final class TableRoutes implements RouteGroup {
    private final RestSupport support;
    private final TableStore tables;

    public TableRoutes(ProjectStore projects, TableStore tables) {
        this.support = new RestSupport(projects);
        this.tables = tables;
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
        Xml xml = new Xml().open("Tables");
        for (TableInfo t : page) {
            tableBody(xml.open("Table"), t).close("Table");
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
        if (ex.hasQuery("partitions")) {
            partitions(ex, table);
        } else if (ex.query("partition") != null && !ex.query("partition").isBlank()) {
            partition(ex, table, ex.query("partition"));
        } else {
            ex.sendXml(200, tableBody(new Xml().open("Table"), table).close("Table").toString());
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
        schema.put("partitionSize", p.size());
        schema.put("partitionRecordNum", p.recordCount());
        Xml xml = new Xml().open("Partition");
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
        Xml xml = new Xml().open("Partitions");
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

    private static Xml tableBody(Xml xml, TableInfo t) {
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
        schema.put("Reserved", "{\"Transactional\": \"false\"}");
        return xml.element("Name", t.name()).element("TableId", t.tableId()).element("Comment", t.comment())
                .element("Owner", t.owner()).element("Project", t.project()).element("SchemaName", "default")
                .element("CreationTime", HttpDates.format(t.created()))
                .element("LastModifiedTime", HttpDates.format(t.lastModified()))
                .raw("<Schema format=\"json\"><![CDATA[" + schema.toString().replace("]]>", "]]]]><![CDATA[>")
                        + "]]></Schema>")
                .element("Type", "MANAGED_TABLE");
    }

    private static void columns(Xml xml, PartitionSpec spec) {
        for (int i = 0; i < spec.keys().size(); i++) {
            xml.raw("<Column Name=\"" + Xml.escape(spec.keys().get(i)) + "\" Value=\""
                    + Xml.escape(spec.values().get(i)) + "\"/>");
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
