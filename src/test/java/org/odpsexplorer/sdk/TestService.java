package org.odpsexplorer.sdk;

import java.nio.file.Path;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorFaults;
import org.odpsexplorer.emulator.EmulatorServer;

/** Test helper: the embedded emulator (project {@code p1}, key {@code ak}/{@code sk}) and clients for it. */
final class TestService implements AutoCloseable {
    static final String PROJECT = "p1";
    static final String ACCESS_ID = "ak";
    static final String SECRET = "sk";
    /** A second project, for table resources that point across projects. */
    static final String OTHER_PROJECT = "my_project2";

    private final EmulatorServer server;

    private TestService(EmulatorServer server) {
        this.server = server;
    }

    static TestService start(Path dataDir) throws Exception {
        return new TestService(EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).port(0)
                .project(PROJECT).project(OTHER_PROJECT).accessKey(ACCESS_ID, SECRET).build()));
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

    /**
     * Creates table {@code name} ({@code id bigint}, partitioned by {@code partitionKeys}, all strings) in
     * {@code project}: the emulator, like MaxCompute, only accepts table resources over existing tables.
     */
    void createTable(String project, String name, String... partitionKeys) {
        java.util.List<org.odpsexplorer.wire.tunnel.Column> keys = new java.util.ArrayList<>();
        for (String k : partitionKeys) {
            keys.add(org.odpsexplorer.wire.tunnel.Column.of(k, "string"));
        }
        try (Odps odps = Odps.builder().endpoint(url()).project(project).accessKey(ACCESS_ID, SECRET).build()) {
            odps.createTable(name, new org.odpsexplorer.wire.tunnel.TableSchema(
                    java.util.List.of(org.odpsexplorer.wire.tunnel.Column.of("id", "bigint")), keys), true);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
