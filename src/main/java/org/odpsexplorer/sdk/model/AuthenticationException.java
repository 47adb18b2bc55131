package org.odpsexplorer.sdk.model;

import org.jspecify.annotations.Nullable;

/**
 * The service refused the credentials or the signature: HTTP 401/403, or an authentication {@code Code} such as
 * {@code SignatureNotMatch}, {@code AuthorizationRequired}, {@code InvalidAccessKeyId}, {@code NoPermission} or
 * {@code RequestTimeTooSkewd} (clock skew). {@link #errorCode()} and {@link #requestId()} say which.
 */
public class AuthenticationException extends OdpsException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(int status, String errorCode, String serverMessage, @Nullable String requestId,
                                   String call) {
        super(status, errorCode, serverMessage, requestId, call);
    }
}
