package org.odpsexplorer.sdk.model;

import org.jspecify.annotations.Nullable;

/**
 * A failed MaxCompute call: the base of every exception the SDK throws for a server answer or a transport failure.
 * Carries what a support ticket needs: the HTTP status ({@code 0} when no answer arrived), the server's error
 * {@code Code} (e.g. {@code NoSuchObject}, {@code SignatureNotMatch}), its message, the request id, and the call
 * ({@code "GET /projects/p/resources/x?meta"}). Never contains credentials.
 *
 * <p>Subclasses name the conditions callers react to: {@link NoSuchObjectException} (404),
 * {@link ObjectAlreadyExistsException} (409), {@link AuthenticationException} (401/403 and signature codes),
 * {@link ResourceConflictException} (safe save found a newer server copy), {@link OdpsTransportException} (I/O).
 */
public class OdpsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String serverMessage;
    private final @Nullable String requestId;
    private final String call;

    /**
     * @param status        HTTP status, or 0 when the server never answered
     * @param errorCode     the server's {@code Code}, or a synthetic code such as {@code "HTTP404"} when the body had none
     * @param serverMessage the server's {@code Message} (or a client-side description); may be empty
     * @param requestId     {@code x-odps-request-id} / {@code <RequestId>}, null when unknown
     * @param call          method and path of the failed request, without credentials
     */
    public OdpsException(int status, String errorCode, String serverMessage, @Nullable String requestId, String call) {
        this(status, errorCode, serverMessage, requestId, call, null);
    }

    public OdpsException(int status, String errorCode, String serverMessage, @Nullable String requestId, String call,
                         @Nullable Throwable cause) {
        super(describe(status, errorCode, serverMessage, requestId, call), cause);
        this.status = status;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
        this.requestId = requestId;
        this.call = call;
    }

    private static String describe(int status, String errorCode, String message, @Nullable String requestId,
                                   String call) {
        StringBuilder out = new StringBuilder();
        if (status > 0) {
            out.append("HTTP ").append(status).append(' ');
        }
        out.append(errorCode);
        if (requestId != null) {
            out.append(" (request ").append(requestId).append(')');
        }
        out.append(": ").append(call);
        if (!message.isEmpty()) {
            out.append(": ").append(message);
        }
        return out.toString();
    }

    /** HTTP status of the answer, 0 when there was none (transport failure, client-side check). */
    public int status() {
        return status;
    }

    /** The server's error {@code Code}, e.g. {@code NoSuchObject}; never null. */
    public String errorCode() {
        return errorCode;
    }

    /** The server's {@code Message} text as sent (often starting {@code ODPS-NNNNNNN:}); may be empty. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The request id the server reported, or null. */
    public @Nullable String requestId() {
        return requestId;
    }

    /** Method and path (with query) of the failed call. */
    public String call() {
        return call;
    }
}
