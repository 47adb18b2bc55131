package org.odpsexplorer.sdk.model;

import org.jspecify.annotations.Nullable;

/** HTTP 404: the resource (or table, partition, project) does not exist, whatever {@code Code} the server gave. */
public class NoSuchObjectException extends OdpsException {
    private static final long serialVersionUID = 1L;

    public NoSuchObjectException(int status, String errorCode, String serverMessage, @Nullable String requestId,
                                 String call) {
        super(status, errorCode, serverMessage, requestId, call);
    }
}
