package org.odpsexplorer.sdk.internal.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.ApiRequest;
import org.odpsexplorer.sdk.internal.ApiResponse;
import org.odpsexplorer.sdk.internal.BodySource;
import org.odpsexplorer.sdk.internal.ClientConfig;
import org.odpsexplorer.sdk.internal.Transport;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.wire.Json;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * The table tunnel ({@code protocol/tunnel.md}): endpoint discovery, upload sessions, block PUTs, commit, download sessions and
 * ranged reads. Tunnel errors are JSON ({@code {"Code","Message","RequestId"}}) and map to the SDK's typed exceptions
 * like API errors (404 → {@code NoSuchObjectException} with the code kept, e.g. {@code NoSuchPartition}).
 *
 * <p>The endpoint is the configured tunnel endpoint, else discovered per project with
 * {@code GET /projects/{p}/tunnel?service} and cached for the life of the client (as PyODPS does). Requests go to
 * {@code <scheme>://<endpoint>/projects/{p}/tables/{t}} (no {@code /api}), signed like API calls, with
 * {@code x-odps-tunnel-version: 6}. {@code odps-tunnel-date-transform} is not sent: DATETIME values travel as UTC
 * epoch milliseconds. Thread-safe; {@link #close()} releases the tunnel connection pools.
 */
public final class TunnelApi implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String VERSION_HEADER = "x-odps-tunnel-version";

    private final Transport api;
    private final ClientConfig config;
    private final Map<String, String> endpoints = new ConcurrentHashMap<>();
    private final Map<String, Transport> transports = new ConcurrentHashMap<>();

    TunnelApi(Transport api, ClientConfig config) {
        this.api = api;
        this.config = config;
    }

    /** The client configuration (temp directory for spools). */
    public ClientConfig config() {
        return config;
    }

    /** The tunnel base URL used for {@code project}, discovering it on first use. */
    public String endpoint(String project) {
        String configured = config.tunnelEndpoint();
        if (configured != null && !configured.isBlank()) {
            return withScheme(configured.strip());
        }
        return endpoints.computeIfAbsent(project, this::discover);
    }

    private String discover(String project) {
        ApiRequest request = ApiRequest.builder("GET", "projects", project, "tunnel").query("service", "")
                .retry(ApiRequest.Retry.IDEMPOTENT).build();
        try (ApiResponse r = api.execute(request)) {
            String body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (body.isEmpty()) {
                throw new OdpsException(r.status(), "InvalidResponse", "empty tunnel endpoint", r.requestId(),
                        r.call());
            }
            return withScheme(body);
        } catch (IOException e) {
            throw new OdpsTransportException(request.describe(), e);
        }
    }

    /** Discovery answers {@code host:port[/path]} without scheme; the API endpoint's scheme is put in front. */
    private String withScheme(String endpoint) {
        String lower = endpoint.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return endpoint;
        }
        String scheme = config.endpoint().substring(0, config.endpoint().indexOf("://"));
        return scheme + "://" + endpoint;
    }

    private Transport transport(String project) {
        String base = endpoint(project);
        return transports.computeIfAbsent(base, b -> new Transport(new ClientConfig(b, config.project(),
                config.credentials(), config.region(), config.tunnelEndpoint(), config.schema(), config.retryPolicy(),
                config.connectTimeout(), config.readTimeout(), config.spoolThreshold(), config.partSize(),
                config.tempDirectory(), config.userAgent())));
    }

    private static ApiRequest.Builder request(String method, String project, String table,
                                              @Nullable PartitionSpec partition) {
        ApiRequest.Builder b = ApiRequest.builder(method, "projects", project, "tables", table)
                .header(VERSION_HEADER, "6");
        if (partition != null) {
            b.query("partition", partition.toTunnelString());
        }
        return b;
    }

    /** {@code POST R?uploads[&partition][&overwrite=true]}: a new upload session. */
    public TunnelSession createUpload(String project, String table, @Nullable PartitionSpec partition,
                                      boolean overwrite) {
        ApiRequest.Builder b = request("POST", project, table, partition).query("uploads", "");
        if (overwrite) {
            b.query("overwrite", "true");
        }
        // a repeated create would only leave an unused session behind, but keep creates single like the resource API
        return session(project, b.body(BodySource.EMPTY).retry(ApiRequest.Retry.NEVER).build(), false);
    }

    /** {@code GET R?uploadid=ID&getblockid=true}: the session with its stored block list. */
    public TunnelSession reloadUpload(String project, String table, @Nullable PartitionSpec partition, String id) {
        return session(project, request("GET", project, table, partition).query("uploadid", id)
                .query("getblockid", "true").retry(ApiRequest.Retry.IDEMPOTENT).build(), false);
    }

    /**
     * {@code PUT R?uploadid=ID&blockid=N}: one complete record stream. Retried on transient failures: writing the same
     * block id again replaces it.
     */
    public void putBlock(String project, String table, @Nullable PartitionSpec partition, String id, long blockId,
                         BodySource body) {
        ApiRequest request = request("PUT", project, table, partition).query("uploadid", id)
                .query("blockid", Long.toString(blockId)).contentType("application/octet-stream").body(body)
                .retry(ApiRequest.Retry.IDEMPOTENT).build();
        try (ApiResponse r = transport(project).execute(request)) {
            r.body().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new OdpsTransportException(request.describe(), e);
        }
    }

    /**
     * {@code POST R?uploadid=ID}: commits every stored block. Retried: the service (and the emulator) answer a
     * repeated commit of a closed session with the same document.
     */
    public TunnelSession commit(String project, String table, @Nullable PartitionSpec partition, String id) {
        return session(project, request("POST", project, table, partition).query("uploadid", id)
                .body(BodySource.EMPTY).retry(ApiRequest.Retry.IDEMPOTENT).build(), false);
    }

    /** {@code POST R?downloads[&partition]}: a download session over a snapshot of the rows. */
    public TunnelSession createDownload(String project, String table, @Nullable PartitionSpec partition) {
        return session(project, request("POST", project, table, partition).query("downloads", "")
                .body(BodySource.EMPTY).retry(ApiRequest.Retry.NEVER).build(), true);
    }

    /**
     * {@code GET R?data&downloadid=ID&rowrange=(start,count)}: the caller reads the record stream from
     * {@link ApiResponse#body()} and closes the response.
     */
    public ApiResponse openRead(String project, String table, @Nullable PartitionSpec partition, String id,
                                long start, long count) {
        ApiRequest request = request("GET", project, table, partition).query("data", "").query("downloadid", id)
                .query("rowrange", "(" + start + "," + count + ")").retry(ApiRequest.Retry.IDEMPOTENT).build();
        return transport(project).execute(request);
    }

    private TunnelSession session(String project, ApiRequest request, boolean download) {
        JsonNode root;
        try (ApiResponse r = transport(project).execute(request)) {
            try (InputStream in = r.body()) {
                root = JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new OdpsTransportException(request.describe(), e);
        }
        String id = root.path(download ? "DownloadID" : "UploadID").asText("");
        if (id.isEmpty() || !root.has("Schema")) {
            throw new OdpsException(200, "InvalidResponse", "session JSON without id or schema", null,
                    request.describe());
        }
        TableSchema schema;
        try {
            schema = TableSchema.fromJson(root.get("Schema"));
        } catch (IllegalArgumentException e) {
            throw new OdpsException(200, "InvalidResponse", "session schema unreadable: " + e.getMessage(), null,
                    request.describe());
        }
        List<Long> blocks = new ArrayList<>();
        for (JsonNode block : root.path("UploadedBlockList")) {
            blocks.add(block.path("BlockID").asLong());
        }
        return new TunnelSession(id, root.path("Status").asText("UNKNOWN").toUpperCase(Locale.ROOT), schema,
                root.path("RecordCount").asLong(-1), blocks);
    }

    @Override
    public void close() {
        for (Transport t : transports.values()) {
            t.close();
        }
        transports.clear();
    }
}
