package org.odpsexplorer.sdk.model;

import java.io.IOException;
import java.util.Objects;

/**
 * No usable answer: connection refused or reset, timeout, broken body, local spool-file failure. Wraps the
 * {@link IOException}; {@link #status()} is 0. Thrown after the retry policy gave up (for requests that may be retried).
 */
public class OdpsTransportException extends OdpsException {
    private static final long serialVersionUID = 1L;

    public OdpsTransportException(String call, IOException cause) {
        super(0, "TransportError", String.valueOf(cause.getMessage()), null, call, cause);
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) Objects.requireNonNull(super.getCause(), "the constructor takes one");
    }
}
