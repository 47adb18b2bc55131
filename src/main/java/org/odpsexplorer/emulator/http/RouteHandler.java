package org.odpsexplorer.emulator.http;

import java.io.IOException;

/**
 * Answers one request. Runs on a Jetty worker thread and may block (read the body, touch the disk). It must either
 * send a complete response through the {@link Exchange} or throw; an {@link ApiException} becomes the endpoint's error
 * body, an {@link IOException} while reading the request body becomes 400, anything else 500.
 */
@FunctionalInterface
public interface RouteHandler {
    void handle(Exchange exchange) throws IOException;
}
