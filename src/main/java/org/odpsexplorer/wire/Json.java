package org.odpsexplorer.wire;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON mapper of the protocol code, shared by the SDK and the emulator (tunnel bodies, table schemas, JSON
 * error answers). Plain Jackson defaults; an {@link ObjectMapper} is thread-safe once configured, and this one is
 * never reconfigured.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The shared mapper; do not change its configuration. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
