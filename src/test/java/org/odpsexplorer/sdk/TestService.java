package org.odpsexplorer.sdk;

import java.nio.file.Path;

/** Test helper: the service the SDK tests run against, with a client for it. */
final class TestService implements AutoCloseable {
    private final RecordingServer server;

    private TestService(RecordingServer server) {
        this.server = server;
    }

    static TestService start(Path dataDir) throws Exception {
        RecordingServer server = new RecordingServer();
        FakeResourceServer fake = new FakeResourceServer();
        server.script(fake::handle);
        return new TestService(server);
    }

    String url() {
        return server.url();
    }

    Odps client() {
        return Odps.builder().endpoint(url()).project("p1").accessKey("ak", "sk").build();
    }

    @Override
    public void close() {
        server.close();
    }
}
