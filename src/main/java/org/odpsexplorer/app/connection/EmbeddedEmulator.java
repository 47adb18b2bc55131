package org.odpsexplorer.app.connection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;

/**
 * The "Local (embedded)" service: the emulator started in-process on a free loopback port, with demo resources,
 * storing its data under the user's data directory. Owned by the app context; closed in {@code stop()}.
 */
public final class EmbeddedEmulator implements AutoCloseable {
    /** Profile id of the embedded connection. */
    public static final String PROFILE_ID = "local";

    private final EmulatorServer server;

    private EmbeddedEmulator(EmulatorServer server) {
        this.server = server;
    }

    /** Starts the emulator; blocking (opens the database, binds a port): call on a worker. */
    public static EmbeddedEmulator start(Path dataDir) throws IOException {
        EmulatorConfig config = EmulatorConfig.builder()
                .dataDir(dataDir)
                .port(0)
                .project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY)
                .demo(true)
                .build();
        return new EmbeddedEmulator(EmulatorServer.start(config));
    }

    /** The REST endpoint, {@code http://127.0.0.1:<port>/api}. */
    public String url() {
        return server.url();
    }

    /** The profile shown in the tree for the embedded service. */
    public static ConnectionProfile profile() {
        return new ConnectionProfile(PROFILE_ID, "Local (embedded)", true, "", null,
                List.of(EmulatorConfig.DEFAULT_PROJECT), EmulatorConfig.DEFAULT_ACCESS_ID, false);
    }

    /** The embedded service's fixed secret (it only listens on loopback). */
    public static Secret secret() {
        return new Secret(EmulatorConfig.DEFAULT_ACCESS_KEY, null);
    }

    @Override
    public void close() {
        server.close();
    }
}
