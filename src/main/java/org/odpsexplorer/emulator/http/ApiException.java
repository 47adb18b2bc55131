package org.odpsexplorer.emulator.http;

import java.util.Objects;

/**
 * An expected failure to answer with an error body: the HTTP status, the service's error {@code Code} and a message
 * that (on the API endpoint) starts with an {@code ODPS-NNNNNNN:} code like the real service's. Route handlers throw
 * it; {@link OdpsHandler} renders it in the endpoint's error shape. Never use it for 5xx of expected conditions.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** 404 {@code NoSuchObject}. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "NoSuchObject", message);
    }

    /** 400 {@code InvalidParameter}. */
    public static ApiException invalid(String message) {
        return new ApiException(400, "InvalidParameter", message);
    }

    /** 405 {@code MethodNotAllowed}. */
    public static ApiException methodNotAllowed(String method, String path) {
        return new ApiException(405, "MethodNotAllowed",
                "ODPS-0410021:Method " + method + " is not allowed on " + path);
    }

    /** The message; never null (every constructor takes one). */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
