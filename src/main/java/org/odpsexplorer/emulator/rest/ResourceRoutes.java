package org.odpsexplorer.emulator.rest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.http.ApiException;
import org.odpsexplorer.emulator.http.AsciiNumbers;
import org.odpsexplorer.emulator.http.Exchange;
import org.odpsexplorer.emulator.http.ListPaging;
import org.odpsexplorer.emulator.http.RouteGroup;
import org.odpsexplorer.emulator.http.Routes;
import org.odpsexplorer.emulator.store.ProjectRecord;
import org.odpsexplorer.emulator.store.ResourceContent;
import org.odpsexplorer.emulator.store.ResourceKey;
import org.odpsexplorer.emulator.store.ResourcePage;
import org.odpsexplorer.emulator.store.ResourceRecord;
import org.odpsexplorer.emulator.store.ResourceStore;
import org.odpsexplorer.emulator.store.ResourceWrite;
import org.odpsexplorer.emulator.store.WriteMode;
import org.odpsexplorer.wire.HeaderText;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.Md5;
import org.odpsexplorer.wire.OdpsHeaders;
import org.odpsexplorer.wire.TableSource;
import org.odpsexplorer.wire.WireCodec;
import org.odpsexplorer.wire.XmlWriter;

/**
 * Resource routes ({@code protocol/rest.md} §7): list, meta, content with {@code rOffset}/{@code rSize}, single-request
 * create/update, part upload ({@code rIsPart}) and merge ({@code rOpMerge}), table and volume references, delete.
 */
public final class ResourceRoutes implements RouteGroup {
    static final Set<String> CONTENT_TYPES = Set.of("file", "py", "jar", "archive");
    static final Set<String> REFERENCE_TYPES = Set.of("table", "volumefile", "volumearchive");
    private static final Pattern HEX_MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    /** Merge bodies list part names; even 32 parts of 256-byte names stay far below this. */
    private static final int MAX_MERGE_BODY = 1024 * 1024;

    private final ResourceStore store;
    private final RestSupport support;
    private final Consumer<String> tableSourceCheck;

    public ResourceRoutes(ResourceStore store, RestSupport support) {
        this(store, support, source -> { });
    }

    /**
     * @param tableSourceCheck called with the normalised source of every table resource create / update; throws an
     *                         {@link ApiException} to reject it (the table feature checks that the table exists)
     */
    public ResourceRoutes(ResourceStore store, RestSupport support,
                          Consumer<String> tableSourceCheck) {
        this.store = store;
        this.support = support;
        this.tableSourceCheck = tableSourceCheck;
    }

    @Override
    public void register(Routes routes) {
        routes.api("GET", "/projects/{project}/resources", this::list);
        routes.api("POST", "/projects/{project}/resources", this::post);
        routes.api("GET", "/projects/{project}/resources/{name*}", this::get);
        routes.api("PUT", "/projects/{project}/resources/{name*}", this::put);
        routes.api("DELETE", "/projects/{project}/resources/{name*}", this::delete);
    }

    private void list(Exchange ex) throws IOException {
        ProjectRecord project = support.project(ex);
        int max = ListPaging.maxItems(ex);
        ResourcePage page = store.list(project.name(), RestSupport.schema(ex), ex.query("name"), ex.query("owner"),
                ListPaging.decodeMarker(ex), max);
        XmlWriter xml = XmlWriter.compact().open("Resources");
        for (ResourceRecord r : page.items()) {
            xml.open("Resource").element("Name", r.key().name()).element("Owner", r.owner())
                    .element("ResourceType", r.type()).element("Comment", r.comment())
                    .element("CreationTime", HttpDates.format(r.created()))
                    .element("LastModifiedTime", HttpDates.format(r.modified()))
                    .element("LastUpdator", r.lastUpdator());
            if (r.size() != null) {
                xml.element("ResourceSize", Long.toString(r.size()));
            }
            if (r.tableSource() != null) {
                xml.element("TableName", r.tableSource());
            }
            if (r.fileSource() != null) {
                xml.element("VolumePath", r.fileSource());
            }
            xml.element("SchemaName", r.key().schema()).close("Resource");
        }
        // Marker is mandatory on every page: Java's iterator throws NullPointerException without it (protocol/rest.md §7.2)
        xml.element("Marker", page.nextAfter() == null ? "" : ListPaging.encodeMarker(page.nextAfter()))
                .element("MaxItems", Integer.toString(max)).close("Resources");
        ex.sendXml(200, xml.toString());
    }

    private void post(Exchange ex) throws IOException {
        ProjectRecord project = support.project(ex);
        checkDeclaredSize(ex);
        // on create, the name travels only in this header (protocol/rest.md §7.5)
        ResourceKey key = key(ex, project, RestSupport.validResourceName(ex.header(OdpsHeaders.RESOURCE_NAME),
                RestSupport.flag(ex, "rIsPart") && !RestSupport.flag(ex, "rOpMerge")));
        if (RestSupport.flag(ex, "rOpMerge")) {
            merge(ex, key, WriteMode.CREATE);
            return;
        }
        if (RestSupport.flag(ex, "rIsPart")) {
            // parts are temp file resources that a repeated upload overwrites (protocol/rest.md §7.6, trap 7)
            ResourceWrite write = new ResourceWrite("file", null, true, null, null, ex.caller().owner());
            store.writeContent(key, write, WriteMode.UPSERT, ex.body(), OdpsHeaders.MAX_RESOURCE_SIZE,
                    contentMd5(ex));
            created(ex, key, 201);
            return;
        }
        String type = Objects.requireNonNull(type(ex, true), "required");
        write(ex, key, project, type, WriteMode.CREATE);
    }

    private void put(Exchange ex) throws IOException {
        ProjectRecord project = support.project(ex);
        checkDeclaredSize(ex);
        ResourceKey key = key(ex, project, RestSupport.validResourceName(ex.param("name"), false));
        if (RestSupport.flag(ex, "rOpMerge")) {
            merge(ex, key, WriteMode.REPLACE);
            return;
        }
        String type = type(ex, false);
        if (type == null) {
            type = store.find(key).map(ResourceRecord::type).orElseThrow(() -> ApiException.notFound(
                    "ODPS-0130131:Resource not found - '" + key.name() + "'"));
        }
        write(ex, key, project, type, WriteMode.REPLACE);
    }

    private void write(Exchange ex, ResourceKey key, ProjectRecord project, String type, WriteMode mode)
            throws IOException {
        String actor = ex.caller().owner();
        if (REFERENCE_TYPES.contains(type)) {
            String tableSource = null;
            String fileSource = null;
            if (type.equals("table")) {
                tableSource = normalizeTableSource(ex.header(OdpsHeaders.COPY_TABLE_SOURCE), project.name());
                tableSourceCheck.accept(tableSource);
            } else {
                fileSource = ex.header(OdpsHeaders.COPY_FILE_SOURCE);
                if (fileSource == null || fileSource.isBlank()) {
                    throw ApiException.invalid("ODPS-0420111:Missing header " + OdpsHeaders.COPY_FILE_SOURCE);
                }
            }
            store.writeReference(key, new ResourceWrite(type, comment(ex), temp(ex), tableSource, fileSource, actor),
                    mode);
        } else {
            store.writeContent(key, new ResourceWrite(type, comment(ex), temp(ex), null, null, actor), mode,
                    ex.body(), OdpsHeaders.MAX_RESOURCE_SIZE, contentMd5(ex));
        }
        created(ex, key, 201);
    }

    private void merge(Exchange ex, ResourceKey key, WriteMode mode) throws IOException {
        String type = type(ex, mode == WriteMode.CREATE);
        if (type != null && !CONTENT_TYPES.contains(type)) {
            throw ApiException.invalid("ODPS-0420111:A merge cannot make a " + type + " resource");
        }
        byte[] body = ex.readSmallBody(MAX_MERGE_BODY);
        String declaredMd5 = contentMd5(ex);
        if (declaredMd5 != null && !declaredMd5.equals(Md5.hex(body))) {
            throw ApiException.invalid("ODPS-0420111:Content-MD5 mismatch on the merge request body");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalid("ODPS-0420111:Malformed merge body - not UTF-8");
        }
        int bar = text.indexOf('|');
        if (bar < 0) {
            throw ApiException.invalid("ODPS-0420111:Malformed merge body - expected '<md5>|<part>,<part>...'");
        }
        String md5 = text.substring(0, bar).trim();
        if (!HEX_MD5.matcher(md5).matches()) {
            throw ApiException.invalid("ODPS-0420111:Malformed merge body - '" + md5 + "' is not a hex MD5");
        }
        List<String> parts = new ArrayList<>();
        for (String item : text.substring(bar + 1).split(",")) {
            String part = item.trim();
            if (!part.isEmpty()) {
                parts.add(RestSupport.validResourceName(part, true));
            }
        }
        Long total = null;
        String totalHeader = ex.header(OdpsHeaders.MERGE_TOTAL_BYTES);
        if (totalHeader != null) {
            try {
                total = AsciiNumbers.parseNonNegative(totalHeader.trim());
            } catch (NumberFormatException e) {
                total = -1L;
            }
            if (total < 0) {
                throw ApiException.invalid("ODPS-0420111:Invalid " + OdpsHeaders.MERGE_TOTAL_BYTES + " - "
                        + totalHeader);
            }
        }
        ResourceWrite write = new ResourceWrite(type, comment(ex), temp(ex), null, null, ex.caller().owner());
        store.merge(key, write, mode, parts, md5.toLowerCase(Locale.ROOT), total, OdpsHeaders.MAX_RESOURCE_SIZE);
        created(ex, key, 201);
    }

    private void get(Exchange ex) throws IOException {
        ProjectRecord project = support.project(ex);
        ResourceKey key = key(ex, project, RestSupport.validResourceName(ex.param("name"), false));
        if (ex.hasQuery("meta")) {
            ResourceRecord r = store.find(key).orElseThrow(() -> ApiException.notFound(
                    "ODPS-0130131:Resource not found - '" + key.name() + "'"));
            metaHeaders(ex, r);
            ex.sendEmpty(200);
            return;
        }
        long offset = nonNegative(ex, "rOffset", 0);
        long size = nonNegative(ex, "rSize", Long.MAX_VALUE);
        try (ResourceContent content = store.openContent(key)) {
            long length = content.channel().size();
            long from = Math.min(offset, length);
            long to = size > length - from ? length : from + size;
            // exact lowercase name: the Java SDK looks it up case-sensitively and stops after one chunk otherwise
            ex.header(OdpsHeaders.RESOURCE_HAS_REMAINING, Boolean.toString(to < length));
            ex.sendFileRange(200, "application/octet-stream", content.channel(), from, to);
        }
    }

    private void delete(Exchange ex) throws IOException {
        ProjectRecord project = support.project(ex);
        ResourceKey key = key(ex, project, RestSupport.validResourceName(ex.param("name"), false));
        if (!store.delete(key)) {
            throw ApiException.notFound("ODPS-0130131:Resource not found - '" + key.name() + "'");
        }
        ex.sendEmpty(204);
    }

    /** Refuses a body declared larger than the service's 2,048 MB limit before reading any of it. */
    private static void checkDeclaredSize(Exchange ex) {
        if (ex.contentLength() > OdpsHeaders.MAX_RESOURCE_SIZE) {
            throw ApiException.invalid("ODPS-0420095:Resource exceeds the size limit of "
                    + OdpsHeaders.MAX_RESOURCE_SIZE + " bytes");
        }
    }

    private static void metaHeaders(Exchange ex, ResourceRecord r) {
        ex.header(OdpsHeaders.RESOURCE_NAME, HeaderText.encode(r.key().name()));
        ex.header(OdpsHeaders.RESOURCE_TYPE, r.type());
        ex.header(OdpsHeaders.CREATION_TIME, HttpDates.format(r.created()));
        ex.header(OdpsHeaders.LAST_MODIFIED, HttpDates.format(r.modified()));
        ex.header(OdpsHeaders.OWNER, HeaderText.encode(r.owner()));
        ex.header(OdpsHeaders.UPDATOR, HeaderText.encode(r.lastUpdator()));
        if (r.comment() != null) {
            ex.header(OdpsHeaders.COMMENT, HeaderText.encode(r.comment()));
        }
        ex.header(OdpsHeaders.RESOURCE_IS_TEMP, Boolean.toString(r.temp()));
        if (r.size() != null) {
            ex.header(OdpsHeaders.RESOURCE_SIZE, Long.toString(r.size()));
        }
        if (r.md5() != null) {
            ex.header(OdpsHeaders.CONTENT_MD5, r.md5());
        }
        if (r.tableSource() != null) {
            ex.header(OdpsHeaders.COPY_TABLE_SOURCE, HeaderText.encode(r.tableSource()));
        }
        if (r.fileSource() != null) {
            ex.header(OdpsHeaders.COPY_FILE_SOURCE, HeaderText.encode(r.fileSource()));
        }
        ex.header(OdpsHeaders.SCHEMA_NAME, r.key().schema());
    }

    private static void created(Exchange ex, ResourceKey key, int status) throws IOException {
        ex.header("Location", "http://" + ex.authority() + "/api/projects/" + WireCodec.encodeSegment(key.project())
                + "/resources/" + WireCodec.encodeSegment(key.name()));
        ex.sendEmpty(status);
    }

    private static ResourceKey key(Exchange ex, ProjectRecord project, String name) {
        return new ResourceKey(project.name(), RestSupport.schema(ex), name);
    }

    /** The resource type header, lower-cased and checked; null when absent and not required. */
    private static @Nullable String type(Exchange ex, boolean required) {
        String raw = ex.header(OdpsHeaders.RESOURCE_TYPE);
        if (raw == null || raw.isBlank()) {
            if (required) {
                throw ApiException.invalid("ODPS-0420111:Missing header " + OdpsHeaders.RESOURCE_TYPE);
            }
            return null;
        }
        String type = raw.trim().toLowerCase(Locale.ROOT);
        if (!CONTENT_TYPES.contains(type) && !REFERENCE_TYPES.contains(type)) {
            throw ApiException.invalid("ODPS-0420111:Unknown resource type - " + raw);
        }
        return type;
    }

    private static @Nullable String comment(Exchange ex) {
        String c = ex.header(OdpsHeaders.COMMENT);
        return c == null ? null : HeaderText.decode(c);
    }

    private static @Nullable Boolean temp(Exchange ex) {
        String t = ex.header(OdpsHeaders.RESOURCE_IS_TEMP);
        return t == null || t.isBlank() ? null : Boolean.valueOf(t.trim().equalsIgnoreCase("true"));
    }

    /** The request's Content-MD5 (lowercase hex as the Java SDK sends it), or null; other shapes → 400. */
    private static @Nullable String contentMd5(Exchange ex) {
        String v = ex.header(OdpsHeaders.CONTENT_MD5);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (!HEX_MD5.matcher(v.trim()).matches()) {
            throw ApiException.invalid("ODPS-0420111:Invalid Content-MD5 - expected 32 hex digits: " + v);
        }
        return v.trim().toLowerCase(Locale.ROOT);
    }

    private static long nonNegative(Exchange ex, String name, long absent) {
        String raw = ex.query(name);
        if (raw == null) {
            return absent;
        }
        try {
            long v = AsciiNumbers.parseNonNegative(raw);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw ApiException.invalid("ODPS-0420111:Invalid parameter " + name + " - " + raw);
    }

    /**
     * Checks a table source against the shared grammar ({@code protocol/rest.md} §7.7) and returns it as sent, except that a
     * bare table name gets the request's project in front: both official clients reject an unqualified source when
     * they read it back. Missing or malformed → 400 {@code InvalidParameter}.
     */
    private static String normalizeTableSource(@Nullable String source, String project) {
        if (source == null || source.isBlank()) {
            throw ApiException.invalid("ODPS-0420111:Missing header " + OdpsHeaders.COPY_TABLE_SOURCE);
        }
        TableSource parsed;
        try {
            parsed = TableSource.parse(source);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("ODPS-0420111:Malformed source table name - " + source);
        }
        return parsed.project() == null ? project + "." + source.trim() : source;
    }
}
