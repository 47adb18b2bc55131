package org.odpsexplorer.sdk.model;

import org.jspecify.annotations.Nullable;

/** HTTP 409 ({@code ObjectAlreadyExists}): a create named a resource that already exists. Never retried. */
public class ObjectAlreadyExistsException extends OdpsException {
    private static final long serialVersionUID = 1L;

    public ObjectAlreadyExistsException(int status, String errorCode, String serverMessage,
                                        @Nullable String requestId, String call) {
        super(status, errorCode, serverMessage, requestId, call);
    }
}
