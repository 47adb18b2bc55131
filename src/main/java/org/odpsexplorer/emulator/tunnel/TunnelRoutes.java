package org.odpsexplorer.emulator.tunnel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.emulator.http.ApiException;
import org.odpsexplorer.emulator.http.AsciiNumbers;
import org.odpsexplorer.emulator.http.Endpoint;
import org.odpsexplorer.emulator.http.Exchange;
import org.odpsexplorer.emulator.http.RouteGroup;
import org.odpsexplorer.emulator.http.RouteHandler;
import org.odpsexplorer.emulator.http.Routes;
import org.odpsexplorer.emulator.store.ProjectStore;
import org.odpsexplorer.emulator.table.PartitionInfo;
import org.odpsexplorer.emulator.table.PartitionSpec;
import org.odpsexplorer.emulator.table.RowRead;
import org.odpsexplorer.emulator.table.TableInfo;
import org.odpsexplorer.emulator.table.TableStore;
import org.odpsexplorer.emulator.table.TableStoreException;
import org.odpsexplorer.emulator.table.TunnelStore.DownloadSession;
import org.odpsexplorer.emulator.table.TunnelStore.UploadSession;
import org.odpsexplorer.emulator.table.TunnelStore;
import org.odpsexplorer.wire.Json;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.MalformedStreamException;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.OdpsType;
import org.odpsexplorer.wire.tunnel.RecordStreamDecoder;
import org.odpsexplorer.wire.tunnel.RecordStreamEncoder;
import org.odpsexplorer.wire.tunnel.TunnelCompression;

/**
 * Tunnel endpoint routes on {@code /projects/{p}/tables/{t}} ({@code protocol/tunnel.md} §4–§9). Every failure is a JSON
 * {@code {"Code","Message","RequestId"}} with a 4xx status for bad input (§11); nothing here answers 5xx, 429 or 308
 * for a client mistake, because the Java SDK retries those for minutes or forever.
 */
public final class TunnelRoutes implements RouteGroup {
    private static final ObjectMapper JSON = Json.mapper();
    /** Bytes of a rejected body still read, so the client sees the error instead of a reset connection. */
    private static final long MAX_DRAIN = 256L * 1024 * 1024;
    private static final String OCTET_STREAM = "application/octet-stream";

    private final ProjectStore projects;
    private final TableStore tables;
    private final TunnelStore tunnel;

    public TunnelRoutes(ProjectStore projects, TableStore tables, TunnelStore tunnel) {
        this.projects = projects;
        this.tables = tables;
        this.tunnel = tunnel;
    }

    @Override
    public void register(Routes routes) {
        for (String base : new String[] {"/projects/{project}/tables/{table}",
            "/projects/{project}/schemas/{schema}/tables/{table}"}) {
            routes.add(Endpoint.TUNNEL, "POST", base, guarded(this::post));
            routes.add(Endpoint.TUNNEL, "GET", base, guarded(this::get));
            routes.add(Endpoint.TUNNEL, "PUT", base, guarded(this::put));
            routes.add(Endpoint.TUNNEL, "GET", base + "/preview", guarded(this::preview));
        }
    }

    private void post(Exchange ex) throws IOException {
        TableInfo table = table(ex);
        if (ex.hasQuery("uploads")) {
            PartitionInfo partition = dataSet(ex, table, flag(ex, "create_partition"));
            UploadSession session = tunnel.createUpload(table, partition, flag(ex, "overwrite"));
            sendJson(ex, 201, uploadJson(session));
        } else if (ex.hasQuery("downloads")) {
            DownloadSession session = tunnel.createDownload(table, dataSet(ex, table, false));
            sendJson(ex, 201, downloadJson(session));
        } else if (ex.hasQuery("uploadid")) {
            UploadSession session = tunnel.getUpload(table, dataSet(ex, table, false), sessionId(ex, "uploadid"));
            sendJson(ex, 200, uploadJson(tunnel.commit(session)));
        } else {
            throw new ApiException(400, "InvalidArgument", "POST needs uploads, downloads or uploadid");
        }
    }

    private void get(Exchange ex) throws IOException {
        TableInfo table = table(ex);
        if (ex.hasQuery("data")) {
            read(ex, table);
        } else if (ex.hasQuery("uploadid")) {
            sendJson(ex, 200, uploadJson(tunnel.getUpload(table, dataSet(ex, table, false),
                    sessionId(ex, "uploadid"))));
        } else if (ex.hasQuery("downloadid")) {
            sendJson(ex, 200, downloadJson(tunnel.getDownload(table, dataSet(ex, table, false),
                    sessionId(ex, "downloadid"))));
        } else {
            throw new ApiException(400, "InvalidArgument", "GET needs data, uploadid or downloadid");
        }
    }

    private void put(Exchange ex) throws IOException {
        try (InputStream body = ex.body()) {
            try {
                TableInfo table = table(ex);
                if (!ex.hasQuery("uploadid")) {
                    throw new ApiException(400, "InvalidArgument", "PUT needs uploadid and blockid");
                }
                long blockId = blockId(ex.query("blockid"));
                UploadSession session = tunnel.getUpload(table, dataSet(ex, table, false), sessionId(ex, "uploadid"));
                String encoding = ex.header("Content-Encoding");
                InputStream stream;
                if (TunnelCompression.isIdentity(encoding)) {
                    stream = body;
                } else if (TunnelCompression.isDeflate(encoding)) {
                    stream = TunnelCompression.inflating(body);
                } else {
                    throw new ApiException(400, "InvalidArgument", "unsupported Content-Encoding " + encoding
                            + " (the emulator supports deflate)");
                }
                tunnel.putBlock(session, blockId, stream);
            } catch (ApiException | TableStoreException | MalformedStreamException e) {
                drain(body);
                throw e;
            }
        } catch (MalformedStreamException e) {
            throw malformed(e);
        }
        ex.header("odps-tunnel-metrics", "{\"PanguIOCost\":0,\"ServerIOCost\":0,\"ServerTotalCost\":0}");
        ex.sendEmpty(200);
    }

    private void read(Exchange ex, TableInfo table) throws IOException {
        DownloadSession session = tunnel.getDownload(table, dataSet(ex, table, false), required(ex, "downloadid"));
        long[] range = rowRange(ex.query("rowrange"));
        List<Column> all = table.schema().columns();
        int[] picked = columns(ex.query("columns"), all);
        boolean deflate = acceptsDeflate(ex.header("Accept-Encoding"));
        RowRead read = tunnel.read(session, range[0], range[1]);
        ex.header("odps-tunnel-record-count", Long.toString(read.records()));
        if (picked == null && !deflate) {
            try (OutputStream out = ex.startBody(200, OCTET_STREAM, read.streamLength())) {
                read.writeStream(out);
            }
            return;
        }
        // a column subset or compression changes the bytes: encode into a spool file to learn the length
        Path spool = tunnel.newSpoolFile();
        try {
            List<Column> streamColumns = picked == null ? all : pick(all, picked);
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024);
                 OutputStream out = deflate ? TunnelCompression.deflating(file) : file;
                 RecordStreamEncoder encoder = new RecordStreamEncoder(out, streamColumns)) {
                read.forEachRecord((buffer, length, crc) -> {
                    if (picked == null) {
                        encoder.writeRawRecord(buffer, 0, length, crc);
                    } else {
                        List<@Nullable Object> values = RecordStreamDecoder.decodeSlice(buffer, 0, length, all);
                        List<@Nullable Object> subset = new ArrayList<>(picked.length);
                        for (int index : picked) {
                            subset.add(values.get(index));
                        }
                        encoder.write(subset);
                    }
                });
            }
            if (deflate) {
                ex.header("Content-Encoding", TunnelCompression.DEFLATE);
            }
            try (OutputStream out = ex.startBody(200, OCTET_STREAM, Files.size(spool));
                 InputStream in = Files.newInputStream(spool)) {
                in.transferTo(out);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /**
     * {@code GET …/tables/{t}/preview?limit=N[&partition=spec][&columns=a,b]}: the first rows as an Arrow IPC stream
     * ({@link ArrowStreamEncoder}), what the Java SDK's {@code Table.read} / {@code TableTunnel.preview} and PyODPS's
     * {@code head(use_legacy=False)} read. The data columns then the partition columns, or the named ones in the
     * order named; at most {@value #MAX_PREVIEW_ROWS} rows ({@code limit} -1 or absent means that many). Without a
     * partition every partition is read in listing order; a spec may name a prefix of the keys.
     */
    private void preview(Exchange ex) throws IOException {
        TableInfo table = table(ex);
        long limit = previewLimit(ex.query("limit"));
        List<Column> data = table.schema().columns();
        List<Column> keys = new ArrayList<>();
        for (Column key : table.schema().partitionKeys()) {
            keys.add(previewKey(key));
        }
        List<Column> all = new ArrayList<>(data);
        all.addAll(keys);
        int[] picked = columns(ex.query("columns"), all);
        if (picked == null) {
            picked = new int[all.size()];
            for (int i = 0; i < picked.length; i++) {
                picked[i] = i;
            }
        }
        List<PartitionInfo> sets = previewSets(table, ex.query("partition"));
        int[] order = picked;
        Path spool = tunnel.newSpoolFile();
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024);
                 ArrowStreamEncoder arrow = new ArrowStreamEncoder(out, pick(all, order))) {
                long left = limit;
                for (PartitionInfo set : sets) {
                    if (left <= 0) {
                        break;
                    }
                    RowRead read = tunnel.head(table, set, left);
                    left -= read.records();
                    List<String> keyValues = set.spec().values();
                    read.forEachRecord((buffer, length, crc) -> {
                        List<@Nullable Object> values = RecordStreamDecoder.decodeSlice(buffer, 0, length, data);
                        List<@Nullable Object> row = new ArrayList<>(order.length);
                        for (int index : order) {
                            row.add(index < data.size() ? values.get(index)
                                    : keyValue(keyValues.get(index - data.size()), keys.get(index - data.size())));
                        }
                        arrow.write(row);
                    });
                }
            }
            try (OutputStream out = ex.startBody(200, OCTET_STREAM, Files.size(spool));
                 InputStream in = Files.newInputStream(spool)) {
                in.transferTo(out);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** Most rows one tunnel preview answers (the service's project {@code READ} limit, as the REST preview). */
    static final long MAX_PREVIEW_ROWS = 10_000;

    static long previewLimit(@Nullable String raw) {
        if (raw == null || raw.equals("-1")) {
            return MAX_PREVIEW_ROWS;
        }
        try {
            return Math.min(MAX_PREVIEW_ROWS, AsciiNumbers.parseNonNegative(raw.trim()));
        } catch (NumberFormatException e) {
            throw new ApiException(400, "InvalidArgument", "limit must be -1 or a number of rows in ASCII digits, got "
                    + raw);
        }
    }

    /** The partitions a preview reads: all, those under a prefix spec, or the one a full spec names. */
    private List<PartitionInfo> previewSets(TableInfo table, @Nullable String filter) {
        if (!table.schema().isPartitioned()) {
            if (filter != null && !filter.isBlank()) {
                throw new ApiException(400, "InvalidPartitionSpec", "table " + table.name()
                        + " is not partitioned, but partition " + filter + " was given");
            }
            return List.of(tables.resolveDataSet(table, null));
        }
        List<PartitionInfo> sets = new ArrayList<>(tables.listPartitions(table));
        if (filter == null || filter.isBlank()) {
            return sets;
        }
        List<Map.Entry<String, String>> prefix;
        try {
            prefix = PartitionSpec.split(filter);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "InvalidPartitionSpec", String.valueOf(e.getMessage()));
        }
        List<Column> keys = table.schema().partitionKeys();
        for (Map.Entry<String, String> e : prefix) {
            if (keys.stream().noneMatch(k -> k.name().equalsIgnoreCase(e.getKey()))) {
                throw new ApiException(400, "InvalidPartitionSpec", e.getKey() + " is not a partition column of "
                        + table.name());
            }
        }
        sets.removeIf(p -> !p.spec().matchesPrefix(prefix));
        if (sets.isEmpty() && prefix.size() == keys.size()) {
            throw new ApiException(404, "NoSuchPartition", "The specified partition does not exist: "
                    + table.name() + " partition(" + filter + ")");
        }
        return sets;
    }

    /** A partition key as a preview column: integer and string keys keep their type, others read as STRING. */
    private static Column previewKey(Column key) {
        return switch (key.type().kind()) {
            case BIGINT, INT, SMALLINT, TINYINT, STRING, VARCHAR, CHAR -> key;
            default -> new Column(key.name(), OdpsType.STRING, key.comment(), key.nullable());
        };
    }

    /** The value of a partition column in every row of its partition; NULL when an integer key's text is not one. */
    private static @Nullable Object keyValue(String text, Column key) {
        try {
            return switch (key.type().kind()) {
                case BIGINT -> Long.parseLong(text.trim());
                case INT -> Integer.parseInt(text.trim());
                case SMALLINT -> Short.parseShort(text.trim());
                case TINYINT -> Byte.parseByte(text.trim());
                case VARCHAR, CHAR -> text;
                default -> OdpsString.of(text);
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private RouteHandler guarded(RouteHandler handler) {
        return ex -> {
            try {
                handler.handle(ex);
            } catch (TableStoreException e) {
                throw translate(e);
            }
        };
    }

    private TableInfo table(Exchange ex) {
        String project = ex.param("project");
        if (projects.find(project).isEmpty()) {
            throw new ApiException(404, "NoSuchProject", "The specified project does not exist: " + project);
        }
        String name = ex.param("table");
        return tables.findTable(project, name).orElseThrow(() -> new ApiException(404, "NoSuchTable",
                "The specified table does not exist: " + project + "." + name));
    }

    private PartitionInfo dataSet(Exchange ex, TableInfo table, boolean createMissing) {
        String partition = ex.query("partition");
        try {
            return tables.resolveDataSet(table, partition);
        } catch (TableStoreException e) {
            if (createMissing && partition != null && e.reason() == TableStoreException.Reason.NO_SUCH_PARTITION) {
                // PyODPS create_partition=true: create the partition the upload targets (protocol/tunnel.md §4)
                tables.addPartitions(table.project(), table.name(),
                        List.of(PartitionSpec.split(partition)), true);
                return tables.resolveDataSet(table, partition);
            }
            throw e;
        }
    }

    private static ObjectNode uploadJson(UploadSession s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("UploadID", s.id());
        root.put("Status", s.status());
        root.set("Schema", s.table().schema().toTunnelJson());
        ArrayNode blocks = root.putArray("UploadedBlockList");
        for (long id : s.blockIds()) {
            ObjectNode b = blocks.addObject();
            b.put("BlockID", id);
            b.put("CreateTime", 0);
            b.put("Date", 0);
            b.put("FileName", "");
            b.put("Version", 0);
        }
        root.put("QuotaName", "");
        root.put("Owner", s.table().owner());
        root.put("MaxFieldSize", TunnelStore.MAX_FIELD_SIZE);
        root.put("IsOverwrite", s.overwrite());
        root.put("CreateTime", s.created().getEpochSecond());
        return root;
    }

    private static ObjectNode downloadJson(DownloadSession s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("DownloadID", s.id());
        root.put("Status", "NORMAL");
        root.set("Schema", s.table().schema().toTunnelJson());
        root.put("RecordCount", s.recordCount());
        root.put("QuotaName", "");
        root.put("Owner", s.table().owner());
        root.put("SupportReadByRawSize", false);
        root.put("CreateTime", s.created().getEpochSecond());
        return root;
    }

    private static void sendJson(Exchange ex, int status, ObjectNode body) throws IOException {
        ex.send(status, "application/json", JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean flag(Exchange ex, String name) {
        String v = ex.query(name);
        return v != null && (v.isEmpty() || v.equalsIgnoreCase("true"));
    }

    private static String required(Exchange ex, String name) {
        String v = ex.query(name);
        if (v == null || v.isEmpty()) {
            throw new ApiException(400, "InvalidArgument", "missing parameter " + name);
        }
        return v;
    }

    static long blockId(@Nullable String raw) {
        try {
            long id = AsciiNumbers.parseNonNegative(raw == null ? "" : raw.trim());
            if (id < 0 || id > TunnelStore.MAX_BLOCK_ID) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "InvalidBlockID", "block id must be an integer in 0.."
                    + TunnelStore.MAX_BLOCK_ID + ", got " + raw);
        }
    }

    /** {@code (start,count)}, parentheses optional, blanks ignored. */
    static long[] rowRange(@Nullable String raw) {
        String text = raw == null ? "" : raw.replace(" ", "");
        if (text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1);
        }
        String[] parts = text.split(",", -1);
        try {
            if (parts.length == 2) {
                long start = AsciiNumbers.parseNonNegative(parts[0]);
                long count = AsciiNumbers.parseNonNegative(parts[1]);
                if (start >= 0 && count >= 0) {
                    return new long[] {start, count};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new ApiException(400, "InvalidRowRange", "invalid rowrange " + raw + "; expected (start,count)");
    }

    /** Indexes of the requested columns, or null for all; unknown names → 400 {@code InvalidColumnSpec}. */
    private static int @Nullable [] columns(@Nullable String raw, List<Column> all) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String[] names = raw.split(",");
        int[] out = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            String name = names[i].trim();
            int index = -1;
            for (int c = 0; c < all.size(); c++) {
                if (all.get(c).name().equalsIgnoreCase(name)) {
                    index = c;
                }
            }
            if (index < 0) {
                throw new ApiException(400, "InvalidColumnSpec", "unknown column " + name);
            }
            out[i] = index;
        }
        return out;
    }

    private static List<Column> pick(List<Column> all, int[] picked) {
        List<Column> out = new ArrayList<>();
        for (int i : picked) {
            out.add(all.get(i));
        }
        return out;
    }

    private static boolean acceptsDeflate(@Nullable String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String item : acceptEncoding.split(",")) {
            String coding = item.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (coding.equals(TunnelCompression.DEFLATE)) {
                return true;
            }
        }
        return false;
    }

    private static void drain(InputStream body) {
        try {
            long skipped = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int n; skipped < MAX_DRAIN && (n = body.read(buffer)) > 0; ) {
                skipped += n;
            }
        } catch (IOException e) {
            // the client is gone or sent garbage framing; the error answer is all that is left to try
        }
    }

    /** A session id query parameter the caller has seen with {@code hasQuery}; empty when it came without a value. */
    private static String sessionId(Exchange ex, String name) {
        return Objects.requireNonNullElse(ex.query(name), "");
    }

    private static ApiException malformed(MalformedStreamException e) {
        if (e.reason() == MalformedStreamException.Reason.BAD_COMPRESSION) {
            return new ApiException(400, "InvalidArgument", e.getMessage());
        }
        return new ApiException(400, "MalformedDataStream", e.getMessage());
    }

    static ApiException translate(TableStoreException e) {
        return switch (e.reason()) {
            case NO_SUCH_TABLE -> new ApiException(404, "NoSuchTable", e.getMessage());
            case NO_SUCH_PARTITION -> new ApiException(404, "NoSuchPartition", e.getMessage());
            case NO_SUCH_UPLOAD -> new ApiException(404, "NoSuchUpload", e.getMessage());
            case NO_SUCH_DOWNLOAD -> new ApiException(404, "NoSuchDownload", e.getMessage());
            case MISSING_PARTITION_SPEC -> new ApiException(400, "MissingPartitionSpec", e.getMessage());
            case INVALID_PARTITION_SPEC -> new ApiException(400, "InvalidPartitionSpec", e.getMessage());
            case STATUS_CONFLICT -> new ApiException(409, "StatusConflict", e.getMessage());
            case INVALID_BLOCK_ID -> new ApiException(400, "InvalidBlockID", e.getMessage());
            case INVALID_ROW_RANGE -> new ApiException(400, "InvalidRowRange", e.getMessage());
            case INVALID_COLUMN_SPEC -> new ApiException(400, "InvalidColumnSpec", e.getMessage());
            case TABLE_EXISTS, PARTITION_EXISTS -> new ApiException(409, "ObjectAlreadyExists", e.getMessage());
        };
    }
}
