package org.odpsexplorer.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.odpsexplorer.emulator.http.Authenticator;
import org.odpsexplorer.emulator.http.FaultRules;
import org.odpsexplorer.emulator.http.OdpsHandler;
import org.odpsexplorer.emulator.http.RawTargetConnectionFactory;
import org.odpsexplorer.emulator.http.RequestLog;
import org.odpsexplorer.emulator.http.RouteGroup;
import org.odpsexplorer.emulator.http.Routes;
import org.odpsexplorer.emulator.http.XmlErrorHandler;
import org.odpsexplorer.emulator.rest.FunctionRoutes;
import org.odpsexplorer.emulator.rest.PlaceholderRoutes;
import org.odpsexplorer.emulator.rest.ProjectRoutes;
import org.odpsexplorer.emulator.rest.ResourceRoutes;
import org.odpsexplorer.emulator.rest.RestSupport;
import org.odpsexplorer.emulator.sql.DdlExecutor;
import org.odpsexplorer.emulator.sql.InstanceRoutes;
import org.odpsexplorer.emulator.sql.InstanceStore;
import org.odpsexplorer.emulator.store.ContentFiles;
import org.odpsexplorer.emulator.store.DataDirLock;
import org.odpsexplorer.emulator.store.Database;
import org.odpsexplorer.emulator.store.FunctionStore;
import org.odpsexplorer.emulator.store.ProjectStore;
import org.odpsexplorer.emulator.store.ResourceStore;
import org.odpsexplorer.emulator.store.SqliteResourceStore;
import org.odpsexplorer.emulator.table.TableRoutes;
import org.odpsexplorer.emulator.table.TableSourceCheck;
import org.odpsexplorer.emulator.table.TableStore;
import org.odpsexplorer.emulator.table.TunnelStore;
import org.odpsexplorer.emulator.tunnel.TunnelRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running MaxCompute-compatible emulator: the REST API endpoint under {@code /api} and the tunnel endpoint under
 * {@code /projects}, on an embedded Jetty bound to {@link EmulatorConfig#host()}, over SQLite + content files in
 * {@link EmulatorConfig#dataDir()}.
 *
 * <p>{@link #start} returns once the port is bound and every store is open; {@link #close} stops accepting, lets
 * in-flight requests finish for a short grace period, then closes the database. Thread-safe. The owner closes it.
 *
 * <p>Only one server may use a data directory at a time (SQLite would serialise them, but content garbage
 * collection at start assumes it is alone).
 */
public final class EmulatorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);
    /** Idle connections (and a client that stops sending mid-body) are closed after this long. */
    private static final long IDLE_TIMEOUT_MS = 30_000;
    /** Requests whose header block exceeds this get 431 from Jetty before reaching any route. */
    private static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;
    private static final long STOP_GRACE_MS = 5_000;

    private final EmulatorConfig config;
    private final Server jetty;
    private final ServerConnector connector;
    private final Database database;
    private final DataDirLock dirLock;
    private final EmulatorFaults faults;
    private final EmulatorTraffic traffic;

    private EmulatorServer(EmulatorConfig config, Server jetty, ServerConnector connector, Database database,
                           DataDirLock dirLock, EmulatorFaults faults, EmulatorTraffic traffic) {
        this.config = config;
        this.jetty = jetty;
        this.connector = connector;
        this.database = database;
        this.dirLock = dirLock;
        this.faults = faults;
        this.traffic = traffic;
    }

    /**
     * Opens the data directory, creates the configured projects (and demo content if asked), binds and starts serving.
     *
     * @throws IOException when the data directory or the port cannot be used
     */
    public static EmulatorServer start(EmulatorConfig config) throws IOException {
        return start(config, UnaryOperator.identity());
    }

    /**
     * As {@link #start(EmulatorConfig)}, with the resource store wrapped by {@code storeDecorator}: the seam tests use
     * to inject storage faults behind the real HTTP surface.
     */
    static EmulatorServer start(EmulatorConfig config, UnaryOperator<ResourceStore> storeDecorator)
            throws IOException {
        Files.createDirectories(config.dataDir());
        Clock clock = Clock.systemUTC();
        DataDirLock dirLock = DataDirLock.acquire(config.dataDir());
        Database database;
        try {
            database = Database.open(config.dataDir().resolve("emulator.db"));
        } catch (RuntimeException e) {
            dirLock.close();
            throw e;
        }
        try {
            ContentFiles files = new ContentFiles(config.dataDir());
            SqliteResourceStore resources = new SqliteResourceStore(database, files, clock);
            ProjectStore projects = new ProjectStore(database, clock);
            FunctionStore functions = new FunctionStore(database, clock);
            TableStore tables = new TableStore(database, config.dataDir().resolve("tables"), clock);
            tables.sweepOrphans();
            TunnelStore tunnel = new TunnelStore(tables);
            int collected = files.collectGarbage(resources.liveContentIds());
            if (collected > 0) {
                LOG.info("removed {} leftover content or staging files from {}", collected, config.dataDir());
            }
            for (String p : config.projects()) {
                projects.ensure(p, config.projectOwner());
            }
            if (config.demo()) {
                DemoData.fillIfEmpty(resources, functions, tables, tunnel, config.projects().get(0),
                        config.projectOwner());
            }

            RestSupport support = new RestSupport(projects);
            Routes routes = new Routes();
            for (RouteGroup group : List.of(
                    new ProjectRoutes(support),
                    new ResourceRoutes(storeDecorator.apply(resources), support, new TableSourceCheck(tables)),
                    new FunctionRoutes(functions, support),
                    // placeholders last among the built-ins; feature groups added after them replace their answers
                    new PlaceholderRoutes(support),
                    new TableRoutes(projects, tables, tunnel),
                    new InstanceRoutes(projects, new InstanceStore(database), new DdlExecutor(projects, tables), clock),
                    new TunnelRoutes(projects, tables, tunnel))) {
                group.register(routes);
            }
            FaultRules faultRules = new FaultRules();
            RequestLog requestLog = new RequestLog();
            Authenticator auth = new Authenticator(config.accessKeys(), config.bearerTokens(), config.stsTokens(),
                    config.acceptAll(),
                    config.clockSkewCheck(), clock);
            Server jetty = new Server(threadPool());
            ServerConnector connector = connector(jetty, config);
            connector.addEventListener(new Connection.Listener() {
                @Override
                public void onOpened(Connection connection) {
                    requestLog.connectionOpened();
                }
            });
            jetty.addConnector(connector);
            // GracefulHandler makes stop() wait for in-flight requests only (up to the stop timeout), not for idle
            // keep-alive connections
            GracefulHandler graceful = new GracefulHandler();
            graceful.setHandler(new OdpsHandler(routes, auth, faultRules, requestLog, RestSupport::translate));
            jetty.setHandler(graceful);
            jetty.setErrorHandler(new XmlErrorHandler());
            jetty.setStopTimeout(STOP_GRACE_MS);
            try {
                jetty.start();
            } catch (Exception e) {
                stopQuietly(jetty);
                throw new IOException("cannot start the emulator on " + config.host() + ":" + config.port() + ": "
                        + e.getMessage(), e);
            }
            return new EmulatorServer(config, jetty, connector, database, dirLock, new EmulatorFaults(faultRules),
                    new EmulatorTraffic(requestLog));
        } catch (IOException | RuntimeException e) {
            database.close();
            dirLock.close();
            throw e;
        }
    }

    /** The connection's receive buffer: the size of the request body chunks an upload is written in. */
    private static final int UPLOAD_READ_BYTES = 64 * 1024;

    private static QueuedThreadPool threadPool() {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("emulator");
        threads.setDaemon(true);
        return threads;
    }

    private static ServerConnector connector(Server jetty, EmulatorConfig config) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        // %2F and other "ambiguous" encodings must reach our router: it decodes the raw target itself
        http.setUriCompliance(UriCompliance.UNSAFE);
        HttpConnectionFactory factory = new RawTargetConnectionFactory(http);
        // uploads arrive in chunks of this size, written to disk as they come: 64 KiB per socket read and per file
        // write instead of Jetty's default 8 KiB (a 256 MiB part is 4,096 reads, not 32,768)
        factory.setInputBufferSize(UPLOAD_READ_BYTES);
        ServerConnector connector = new ServerConnector(jetty, 1, 1, factory);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        // on stop, idle keep-alive connections (clients pool them) are closed at once; busy ones finish first
        connector.setShutdownIdleTimeout(100);
        return connector;
    }

    /** The API endpoint, e.g. {@code http://127.0.0.1:8080/api}. */
    public String url() {
        return "http://" + hostForUrl() + ":" + port() + "/api";
    }

    /** The bound host as configured. */
    public String host() {
        return config.host();
    }

    /** The bound port (the real one when the config asked for 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The configuration the server runs with. */
    public EmulatorConfig config() {
        return config;
    }

    /** Test hook: inject failures, delays and dropped connections. */
    /** Test hook: the requests served and connections accepted, to count them in tests. */
    public EmulatorTraffic traffic() {
        return traffic;
    }

    public EmulatorFaults faults() {
        return faults;
    }

    /** Stops accepting, gives in-flight requests a grace period, then closes the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (jetty.isStopped()) {
            return;
        }
        stopQuietly(jetty);
        try {
            database.close();
        } finally {
            try {
                dirLock.close();
            } catch (IOException e) {
                LOG.warn("could not release the data directory lock", e);
            }
        }
    }

    private String hostForUrl() {
        String h = config.host();
        return h.indexOf(':') >= 0 && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Jetty did not stop cleanly", e);
        }
    }
}
