package org.odpsexplorer.sdk;

import java.nio.file.Path;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorFaults;
import org.odpsexplorer.emulator.EmulatorServer;

/** Test helper: the embedded emulator (project {@code p1}, key {@code ak}/{@code sk}) and clients for it. */
final class TestService implements AutoCloseable {
    static final String PROJECT = "p1";
    /** A second project, for table resources that point into another project. */
    static final String SECOND_PROJECT = "my_project2";
    static final String ACCESS_ID = "ak";
    static final String SECRET = "sk";

    private final EmulatorServer server;

    private TestService(EmulatorServer server) {
        this.server = server;
    }

    static TestService start(Path dataDir) throws Exception {
        return new TestService(EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).port(0)
                .project(PROJECT).project(SECOND_PROJECT).accessKey(ACCESS_ID, SECRET)
                // the STS token ErrorsAndRetriesTest signs with; the emulator refuses tokens it was not given
                .stsToken("opaque-token").build()));
    }

    String url() {
        return server.url();
    }

    EmulatorFaults faults() {
        return server.faults();
    }

    /** A client with the right credentials and default settings. */
    Odps client() {
        return builder().build();
    }

    /** A builder with the right endpoint, project and credentials, for tests that tune settings. */
    Odps.Builder builder() {
        return Odps.builder().endpoint(url()).project(PROJECT).accessKey(ACCESS_ID, SECRET);
    }

    @Override
    public void close() {
        server.close();
    }
}
