package org.odpsexplorer.sdk;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.internal.ClientConfig;
import org.odpsexplorer.sdk.internal.ContentSource;
import org.odpsexplorer.sdk.internal.FunctionApi;
import org.odpsexplorer.sdk.internal.ResourceApi;
import org.odpsexplorer.sdk.internal.Transport;
import org.odpsexplorer.sdk.internal.tunnel.TableApi;
import org.odpsexplorer.sdk.internal.tunnel.TableHandles;
import org.odpsexplorer.sdk.internal.tunnel.TableMeta;
import org.odpsexplorer.sdk.model.Credentials;
import org.odpsexplorer.sdk.model.FileMode;
import org.odpsexplorer.sdk.model.Function;
import org.odpsexplorer.sdk.model.InvalidResourceNameException;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ObjectAlreadyExistsException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.ResourceConflictException;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceNames;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.odpsexplorer.sdk.model.RetryPolicy;
import org.odpsexplorer.sdk.model.TransferProgress;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.wire.OdpsHeaders;
import org.odpsexplorer.wire.TableSource;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * Entry point of the client SDK for one MaxCompute project, mirroring PyODPS's {@code ODPS} object for resources
 * ({@code list_resources}, {@code exist_resource}, {@code create_resource}, {@code open_resource},
 * {@code get_resource}, {@code delete_resource}) and functions ({@code list_functions}, {@code exist_function},
 * {@code get_function}, {@code create_function}, {@code function.update()}, {@code delete_function}).
 *
 * <pre>{@code
 * try (Odps odps = Odps.builder().endpoint("http://127.0.0.1:8080/api").project("p").accessKey("id", "secret").build()) {
 *     Resource py = odps.createResource("a.py", "py", "import this");
 *     try (ResourceFile fp = py.open("r")) { String text = fp.read(); }
 * }
 * }</pre>
 *
 * <p>Thread-safe: one instance may be shared by many threads (each {@link ResourceFile} is single-threaded). Every
 * method does blocking network I/O on the calling thread: never call it from a UI thread. Names are checked with
 * {@link ResourceNames} before any request. Failures are {@link OdpsException}s (unchecked).
 * {@link #close()} releases the connection pool.
 */
public final class Odps implements AutoCloseable {
    /** The SDK version sent in {@code User-Agent: odps-explorer/<version>}. */
    public static final String VERSION = "0.1.0";

    private static final TableHandles.Factory<Table> TABLE_HANDLES = TableHandles.factory(Table.class);

    private final ClientConfig config;
    private final Transport transport;
    private final ResourceApi api;
    private final TableApi tables;
    private final FunctionApi functions;

    private Odps(ClientConfig config) {
        this.config = config;
        this.transport = new Transport(config);
        this.api = new ResourceApi(transport, config);
        this.tables = new TableApi(transport, config);
        this.functions = new FunctionApi(transport, config);
    }

    /** A builder; endpoint, project and credentials are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the process environment: {@code ALIBABA_CLOUD_ACCESS_KEY_ID},
     * {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}, optional {@code ALIBABA_CLOUD_SECURITY_TOKEN} (STS), and
     * {@code ODPS_ENDPOINT}, {@code ODPS_PROJECT_NAME} (or {@code ODPS_PROJECT}), optional {@code ODPS_REGION_NAME}
     * (V4 signing; else inferred from the endpoint) and {@code ODPS_TUNNEL_ENDPOINT}. The odpscmd names
     * {@code ODPS_ACCESS_ID} / {@code ODPS_ACCESS_KEY} are read too ({@link ConnectionSettings#fromEnvironment}).
     *
     * @throws IllegalStateException naming the missing variables (never printing values)
     */
    public static Odps fromEnvironment() {
        return builderFromEnvironment(System.getenv()).build();
    }

    /** Like {@link #fromEnvironment()} but reads the given variables and returns the builder for more settings. */
    public static Builder builderFromEnvironment(Map<String, String> env) {
        ConnectionSettings settings = ConnectionSettings.fromEnvironment(env);
        List<String> missing = settings.missing(List.of(ConnectionSettings.ENV_ENDPOINT.get(0),
                ConnectionSettings.ENV_PROJECT.get(0) + " (or " + ConnectionSettings.ENV_PROJECT.get(1) + ")",
                ConnectionSettings.ENV_ACCESS_ID.get(0), ConnectionSettings.ENV_ACCESS_KEY.get(0)));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("environment variables missing or blank: " + String.join(", ", missing));
        }
        return settings.toBuilder();
    }

    /** The API endpoint, e.g. {@code http://127.0.0.1:8080/api}. */
    public String endpoint() {
        return config.endpoint();
    }

    /** The default project all calls address. */
    public String project() {
        return config.project();
    }

    /**
     * The region this client signs V4 with (set on the builder, or inferred from the endpoint), or null when it
     * signs V2. A client whose V4 requests the service refused (protocol/rest.md §5.7) keeps reporting the region but signs
     * V2 from then on.
     */
    public @Nullable String region() {
        return config.region();
    }

    /** The tunnel endpoint if one was configured, else null (discovered later through the API). */
    public @Nullable String tunnelEndpoint() {
        return config.tunnelEndpoint();
    }

    /**
     * All (non-temp) resources of the project, fetched lazily page by page as the iteration advances. Each
     * {@code iterator()} call starts a new listing. Iteration throws {@link OdpsException} on failure.
     */
    public Iterable<Resource> listResources() {
        return listResources(null);
    }

    /**
     * Resources whose name starts with {@code prefix} (null: all). The prefix is sent to the server as {@code name}
     * and re-checked locally, because the service's filter semantics are disputed (prefix vs contains).
     */
    public Iterable<Resource> listResources(@Nullable String prefix) {
        return () -> new MarkerPages<ResourceInfo, Resource>(marker -> {
            ResourceApi.Page page = api.listPage(prefix, marker);
            return new MarkerPages.Page<>(page.items(), page.marker());
        }, prefix, ResourceInfo::name, info -> Resource.of(this, api, info));
    }

    /** True if the resource exists (one meta GET). */
    public boolean existResource(String name) {
        ResourceNames.check(name);
        return api.find(name) != null;
    }

    /**
     * The resource's current metadata.
     *
     * @throws NoSuchObjectException if it does not exist
     */
    public Resource getResource(String name) {
        ResourceNames.check(name);
        return Resource.of(this, api, api.meta(name));
    }

    /** Creates a file-kind resource from text encoded as UTF-8; see {@link #createResource(String, String, byte[], ResourceOptions)}. */
    public Resource createResource(String name, String type, String content) {
        return createResource(name, type, content, ResourceOptions.defaults());
    }

    /** Creates a file-kind resource from text, encoded with {@code options.encoding()}. */
    public Resource createResource(String name, String type, String content, ResourceOptions options) {
        return createResource(name, type, content.getBytes(options.encoding()), options);
    }

    /** Creates a file-kind resource from bytes. */
    public Resource createResource(String name, String type, byte[] content) {
        return createResource(name, type, content, ResourceOptions.defaults());
    }

    /**
     * Creates a file-kind resource ({@code file}, {@code py}, {@code jar}, {@code archive}) from bytes: one POST up
     * to 64 MiB, parts + merge above.
     *
     * @throws InvalidResourceNameException before any request, for a bad name or a type/extension mismatch
     * @throws ObjectAlreadyExistsException if the name exists
     */
    public Resource createResource(String name, String type, byte[] content, ResourceOptions options) {
        ResourceType t = fileType(name, type);
        return Resource.of(this, api, api.upload(name, t, ContentSource.of(content), false, options));
    }

    /** Creates a file-kind resource from a local file, streamed (never loaded into memory). */
    public Resource createResource(String name, String type, Path file) {
        return createResource(name, type, file, ResourceOptions.defaults());
    }

    /** Creates a file-kind resource from a local file, streamed; progress and cancel from {@code options}. */
    public Resource createResource(String name, String type, Path file, ResourceOptions options) {
        ResourceType t = fileType(name, type);
        return Resource.of(this, api, api.upload(name, t, ContentSource.of(file), false, options));
    }

    /** Creates a file-kind resource from a stream read to its end (spooled to a temp file when large); not closed here. */
    public Resource createResource(String name, String type, InputStream content) {
        return createResource(name, type, content, ResourceOptions.defaults());
    }

    /** Creates a file-kind resource from a stream read to its end; the caller closes the stream. */
    public Resource createResource(String name, String type, InputStream content, ResourceOptions options) {
        ResourceType t = fileType(name, type);
        try (ContentSource source = ContentSource.spool(content, config, options)) {
            return Resource.of(this, api, api.upload(name, t, source, false, options));
        }
    }

    /**
     * Creates a table resource pointing at {@code tableName} (optionally {@code project.table}) and partition
     * ({@code "pt=test"} or {@code "pt='test'"}, null for the whole table). A bare table name is qualified with
     * this client's project, as PyODPS does.
     */
    public TableResource createTableResource(String name, String tableName, @Nullable String partition) {
        TableSource source = TableSource.parse(tableName).qualifiedWith(config.project());
        if (partition != null) {
            source = source.withPartition(TableSource.parsePartitionSpec(partition));
        }
        return createTableResource(name, source, ResourceOptions.defaults());
    }

    /** Creates a table resource with the given source; {@code options.comment()} is sent when set. */
    public TableResource createTableResource(String name, TableSource source, ResourceOptions options) {
        ResourceNames.checkForCreate(name, ResourceType.TABLE);
        return (TableResource) Resource.of(this, api, api.putTableResource(name, source, false, options));
    }

    /** Replaces the content of an existing file-kind resource with bytes (keeps its type). */
    public Resource updateResource(String name, byte[] content, ResourceOptions options) {
        ResourceNames.check(name);
        return Resource.of(this, api, api.upload(name, null, ContentSource.of(content), true, options));
    }

    /** Replaces the content of an existing file-kind resource with a local file, streamed. */
    public Resource updateResource(String name, Path file, ResourceOptions options) {
        ResourceNames.check(name);
        return Resource.of(this, api, api.upload(name, null, ContentSource.of(file), true, options));
    }

    /** Replaces the content of an existing file-kind resource with a stream read to its end (caller closes it). */
    public Resource updateResource(String name, InputStream content, ResourceOptions options) {
        ResourceNames.check(name);
        try (ContentSource source = ContentSource.spool(content, config, options)) {
            return Resource.of(this, api, api.upload(name, null, source, true, options));
        }
    }

    /** Opens a resource in PyODPS's default mode {@code r+}; see {@link #openResource(String, String, ResourceOptions)}. */
    public ResourceFile openResource(String name) {
        return openResource(name, "r+");
    }

    /** Opens a resource as a file-like handle; see {@link #openResource(String, String, ResourceOptions)}. */
    public ResourceFile openResource(String name, String mode) {
        return openResource(name, mode, ResourceOptions.defaults());
    }

    /**
     * Opens a file-kind resource as a file-like handle with Python/PyODPS semantics; see {@link ResourceFile} for the
     * modes. Modes that load the content ({@code r}, {@code r+}, {@code a}, {@code a+} and their {@code b} forms)
     * fail with {@link NoSuchObjectException} for a missing resource; {@code w}/{@code w+} create it (with
     * {@code options.type()}) on the first flush that has something to write.
     *
     * @throws IllegalArgumentException for an unknown mode string
     * @throws InvalidResourceNameException before any request, for a bad name
     */
    public ResourceFile openResource(String name, String mode, ResourceOptions options) {
        ResourceNames.check(name);
        return ResourceFile.open(api, config, name, FileMode.parse(mode), options);
    }

    /**
     * Downloads a resource's content to a stream (ranged requests, constant memory); the caller closes {@code out}.
     * The metadata is read first (the size, for progress); then ranged GETs of the part size follow one after the
     * other. {@code out} receives pieces of up to 8 KiB as they arrive: wrap a file stream in a
     * {@code BufferedOutputStream}. A connection broken or silent mid-body resumes from the last byte received; an
     * exception from {@code out} is not retried. When the download took more than one GET, the metadata is read again
     * at the end: content replaced, shrunk or deleted meanwhile fails with {@link ResourceConflictException} rather
     * than passing as a mix of two versions (discard what {@code out} received).
     *
     * @return the number of bytes written
     */
    public long downloadResource(String name, OutputStream out, ResourceOptions options) {
        ResourceNames.check(name);
        return api.download(name, out, options);
    }

    /**
     * Opens a file-kind resource for random access (one meta GET now; ranged GETs of the blocks read later); see
     * {@link ResourceChannel}. {@code options.cancel()} stops its reads; {@code options.progress()} counts the bytes
     * fetched. The caller closes the channel.
     *
     * @throws NoSuchObjectException if the resource does not exist
     */
    public ResourceChannel openResourceChannel(String name, ResourceOptions options) {
        ResourceNames.check(name);
        ResourceInfo info = api.meta(name);
        if (!info.type().hasContent()) {
            throw new UnsupportedOperationException("a " + info.type() + " resource has no content: " + name);
        }
        return new ResourceChannel(api, info, options);
    }

    /**
     * A stream over a resource's content from byte {@code offset}, read with ranged GETs of the part size as it is
     * consumed (constant memory); {@code options} give progress (against the size the metadata reports) and cancel.
     * Content replaced while reading is not detected. The caller closes the stream.
     *
     * @throws NoSuchObjectException if the resource does not exist
     */
    public InputStream openResourceStream(String name, long offset, ResourceOptions options) {
        ResourceNames.check(name);
        ResourceInfo info = api.meta(name);
        ResourceApi.Progress progress = new ResourceApi.Progress(options, TransferProgress.Direction.DOWNLOAD, name,
                info.size());
        return api.openContent(name, offset, progress, options.cancel());
    }

    /**
     * Deletes a resource.
     *
     * @throws NoSuchObjectException if it does not exist
     */
    public void deleteResource(String name) {
        ResourceNames.check(name);
        api.delete(name);
    }

    // ---- tables (PyODPS get_table, exist_table, list_tables, create_table, delete_table) ----

    /**
     * A table handle; {@code name} may be {@code project.table} (another project) or a bare name (this project).
     * No request is made until metadata or data is needed.
     */
    public Table getTable(String name) {
        TableSource ref = TableSource.parse(name).qualifiedWith(config.project());
        return getTable(Objects.requireNonNull(ref.project()), ref.table());
    }

    /** A table handle in {@code project}. */
    public Table getTable(String project, String name) {
        return TABLE_HANDLES.create(tables, project, name, null);
    }

    /** True if the table exists (one GET); {@code name} as in {@link #getTable(String)}. */
    public boolean existTable(String name) {
        Table t = getTable(name);
        return tables.find(t.project(), t.name()) != null;
    }

    /** All tables of this project, fetched lazily page by page. */
    public Iterable<Table> listTables() {
        return listTables(null);
    }

    /** Tables whose name starts with {@code prefix} (null: all), fetched lazily page by page. */
    public Iterable<Table> listTables(@Nullable String prefix) {
        String project = config.project();
        return () -> new Iterator<>() {
            private Iterator<TableMeta> page = Collections.emptyIterator();
            private @Nullable String marker;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    TableApi.TablePage p = tables.list(project, prefix, marker);
                    page = p.tables().iterator();
                    marker = p.marker();
                    last = marker == null;
                }
                return page.hasNext();
            }

            @Override
            public Table next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TableMeta m = page.next();
                return TABLE_HANDLES.create(tables, m.project(), m.name(), m);
            }
        };
    }

    /** {@link #createTable(String, TableSchema, boolean, Long)} without lifecycle. */
    public Table createTable(String name, TableSchema schema, boolean ifNotExists) {
        return createTable(name, schema, ifNotExists, null);
    }

    /**
     * Creates a table through a SQL instance ({@code CREATE TABLE [IF NOT EXISTS] ... [LIFECYCLE n]}, as the Java SDK
     * writes it) and returns it with fresh metadata.
     *
     * @param lifecycle days, null for none
     * @throws ObjectAlreadyExistsException when it exists and {@code ifNotExists} is false
     */
    public Table createTable(String name, TableSchema schema, boolean ifNotExists, @Nullable Long lifecycle) {
        Table t = getTable(name);
        tables.createTable(t.project(), t.name(), schema, null, ifNotExists, lifecycle);
        return t.reload();
    }

    /**
     * Drops a table and its data through a SQL instance.
     *
     * @throws NoSuchObjectException when it does not exist and {@code ifExists} is false
     */
    public void dropTable(String name, boolean ifExists) {
        Table t = getTable(name);
        tables.dropTable(t.project(), t.name(), ifExists);
    }

    // ---- functions (PyODPS list_functions, exist_function, get_function, create_function, delete_function,
    //      function.update()) ----

    /** All functions of the project, fetched lazily page by page; each {@code iterator()} starts a new listing. */
    public Iterable<Function> listFunctions() {
        return listFunctions(null, null);
    }

    /** Functions whose name starts with {@code prefix} (null: all). */
    public Iterable<Function> listFunctions(@Nullable String prefix) {
        return listFunctions(prefix, null);
    }

    /**
     * Functions whose name starts with {@code prefix} and, when {@code owner} is given, owned by that account; sent
     * as {@code name} and {@code owner}, the prefix re-checked locally. Iteration throws {@link OdpsException}.
     */
    public Iterable<Function> listFunctions(@Nullable String prefix, @Nullable String owner) {
        return () -> new MarkerPages<Function, Function>(marker -> {
            FunctionApi.Page page = functions.listPage(prefix, owner, marker);
            return new MarkerPages.Page<>(page.items(), page.marker());
        }, prefix, Function::name, f -> f);
    }

    /** True if the function exists (one GET). */
    public boolean existFunction(String name) {
        checkFunctionName(name);
        return functions.find(name) != null;
    }

    /**
     * The function as the server holds it now.
     *
     * @throws NoSuchObjectException if it does not exist
     */
    public Function getFunction(String name) {
        checkFunctionName(name);
        return functions.get(name);
    }

    /**
     * Creates a function and returns it as the server then reports it (as PyODPS, one GET after the POST).
     *
     * @param resources plain names of this project's resources, or full forms ({@code other/resources/lib.jar})
     * @throws ObjectAlreadyExistsException if the name is taken
     * @throws IllegalArgumentException before any request, for a bad name, an empty class type or resource name
     */
    public Function createFunction(String name, String classType, List<String> resources) {
        Function f = checked(Function.of(name, classType, resources));
        functions.create(f);
        return functions.get(name);
    }

    /**
     * Replaces an existing function's class type and resources with those of {@code function} (PyODPS
     * {@code function.update()}) and returns it as the server then reports it. Owner and creation time stay.
     *
     * @throws NoSuchObjectException if it does not exist
     */
    public Function updateFunction(Function function) {
        Function f = checked(function);
        functions.update(f);
        return functions.get(f.name());
    }

    /**
     * Deletes a function. Its resources stay.
     *
     * @throws NoSuchObjectException if it does not exist
     */
    public void deleteFunction(String name) {
        checkFunctionName(name);
        functions.delete(name);
    }

    private static Function checked(Function f) {
        checkFunctionName(f.name());
        if (f.classType().isBlank()) {
            throw new IllegalArgumentException("function " + f.name() + ": the class type is empty");
        }
        for (String r : f.resources()) {
            if (r.contains("/")) {
                // the full forms of protocol/rest.md §9: <project>/resources/<name>, <project>/schemas/<schema>/resources/<name>
                if (!r.matches("[^/]+/resources/[^/]+|[^/]+/schemas/[^/]+/resources/[^/]+")) {
                    throw new IllegalArgumentException("function " + f.name() + ": resource '" + r
                            + "' is neither a name nor <project>/resources/<name>");
                }
            } else {
                ResourceNames.check(r);
            }
        }
        return f;
    }

    /**
     * A function name goes into the URL path and the XML body: not empty, no {@code /}, no blanks at either end, no
     * control characters, at most 128 UTF-8 bytes. The service may be stricter; its rules are not documented.
     */
    private static void checkFunctionName(String name) {
        String problem = null;
        if (name == null || name.isEmpty()) {
            problem = "empty";
        } else if (name.indexOf('/') >= 0) {
            problem = "contains '/'";
        } else if (!name.strip().equals(name)) {
            problem = "leading or trailing blank";
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problem = "control character";
        } else if (name.getBytes(StandardCharsets.UTF_8).length > ResourceNames.SERVICE_MAX_NAME_BYTES) {
            problem = "longer than " + ResourceNames.SERVICE_MAX_NAME_BYTES + " bytes";
        }
        if (problem != null) {
            throw new IllegalArgumentException("invalid function name '" + name + "': " + problem);
        }
    }

    private static ResourceType fileType(String name, String type) {
        ResourceType t = ResourceType.parse(type);
        if (!t.hasContent()) {
            throw new IllegalArgumentException("type '" + type + "' has no content; use createTableResource for tables");
        }
        ResourceNames.checkForCreate(name, t);
        return t;
    }

    /** Releases pooled connections and threads. Handles still open keep working until their own close. */
    @Override
    public void close() {
        tables.close();
        transport.close();
    }

    @Override
    public String toString() {
        return "Odps[endpoint=" + config.endpoint() + ", project=" + config.project() + ", "
                + config.credentials() + "]";
    }

    /**
     * Builds an {@link Odps}. Not thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private @Nullable String endpoint;
        private @Nullable String project;
        private @Nullable Credentials credentials;
        private @Nullable String region;
        private @Nullable String tunnelEndpoint;
        private @Nullable String schema;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);
        private long spoolThreshold = 8L * 1024 * 1024;
        private long partSize = OdpsHeaders.RESOURCE_CHUNK_SIZE;
        private @Nullable Path tempDirectory;

        private Builder() {
        }

        /** The API endpoint including its path, e.g. {@code https://service.cn-hangzhou.maxcompute.aliyun.com/api}. */
        public Builder endpoint(String value) {
            this.endpoint = Objects.requireNonNull(value, "endpoint");
            return this;
        }

        /** The default project. */
        public Builder project(String value) {
            this.project = Objects.requireNonNull(value, "project");
            return this;
        }

        /** AccessKey credentials. */
        public Builder accessKey(String id, String secret) {
            this.credentials = Credentials.accessKey(id, secret);
            return this;
        }

        /** STS credentials: temporary key pair plus security token ({@code authorization-sts-token}). */
        public Builder stsToken(String id, String secret, String securityToken) {
            this.credentials = Credentials.sts(id, secret, securityToken);
            return this;
        }

        public Builder credentials(Credentials value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /**
         * The region (e.g. {@code cn-hangzhou}) to sign V4 with. Null (the default) infers it from the endpoint as
         * PyODPS does ({@link Regions#fromEndpoint}); an endpoint that names no region (loopback, an IP address)
         * signs V2. If the service refuses V4 in one of the ways {@code protocol/rest.md} §5.7 lists, the client re-sends
         * that request with V2 and signs V2 from then on.
         */
        public Builder region(@Nullable String value) {
            this.region = value;
            return this;
        }

        /** Tunnel endpoint for table data (later use); null: discovered through the API. */
        public Builder tunnelEndpoint(@Nullable String value) {
            this.tunnelEndpoint = value;
            return this;
        }

        /** Schema sent as {@code curr_schema} on resource calls (three-tier namespace); null: none. */
        public Builder schema(@Nullable String value) {
            this.schema = value;
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /** Socket read timeout for one response (between bytes). */
        public Builder readTimeout(Duration value) {
            this.readTimeout = Objects.requireNonNull(value, "readTimeout");
            return this;
        }

        /** Handles keep content up to this many bytes in memory, above it in a temp file; default 8 MiB. */
        public Builder spoolThreshold(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("spoolThreshold < 0");
            }
            this.spoolThreshold = bytes;
            return this;
        }

        /**
         * Content above this size is uploaded as parts of this size plus a merge; also the {@code rSize} of ranged
         * reads. Default (and the service's chunk) 64 MiB; smaller values are for tests.
         */
        public Builder partSize(long bytes) {
            if (bytes < 1 || bytes > OdpsHeaders.RESOURCE_CHUNK_SIZE) {
                throw new IllegalArgumentException("partSize must be in 1..64 MiB");
            }
            this.partSize = bytes;
            return this;
        }

        /** Directory for spool files; default the JVM's temp directory. */
        public Builder tempDirectory(@Nullable Path value) {
            this.tempDirectory = value;
            return this;
        }

        /**
         * @throws IllegalStateException when endpoint, project or credentials are missing
         * @throws IllegalArgumentException when the endpoint is not an http(s) URL
         */
        public Odps build() {
            if (endpoint == null || project == null || credentials == null) {
                throw new IllegalStateException("endpoint, project and credentials are required (missing:"
                        + (endpoint == null ? " endpoint" : "") + (project == null ? " project" : "")
                        + (credentials == null ? " credentials" : "") + ")");
            }
            String signingRegion = region != null && !region.isBlank() ? region.strip()
                    : Regions.fromEndpoint(endpoint);
            return new Odps(new ClientConfig(endpoint, project, credentials, signingRegion, tunnelEndpoint, schema,
                    retryPolicy, connectTimeout, readTimeout, spoolThreshold, partSize, tempDirectory,
                    "odps-explorer/" + VERSION));
        }
    }
}
