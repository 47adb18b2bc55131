package org.odpsexplorer.emulator.http;

/**
 * The two endpoints one emulator process serves ({@code README.md} of the protocol folder): requests under
 * {@code /api} are the REST API endpoint (XML errors), requests to {@code /projects/...} without that prefix are the
 * tunnel endpoint (JSON errors), because tunnel discovery answers a bare {@code host:port}.
 */
public enum Endpoint {
    API,
    TUNNEL
}
