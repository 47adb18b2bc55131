package org.odpsexplorer.app.common;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.odpsexplorer.sdk.model.OdpsException;

/**
 * Turns a failure into text for people: a one-line summary and copyable details (server code, message, request
 * id). The SDK's exception types are recognised in {@link #details} so a support ticket has what it needs.
 */
public final class ErrorText {
    private ErrorText() {
    }

    /** One line: the server's message when there is one, else the exception's message. */
    public static String summary(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof OdpsException odps) {
            return odps.errorCode() + ": " + odps.serverMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Several lines, suitable for the clipboard. */
    public static String details(Throwable error) {
        Throwable e = unwrap(error);
        StringBuilder sb = new StringBuilder();
        if (e instanceof OdpsException odps) {
            sb.append("Error code: ").append(odps.errorCode()).append('\n');
            sb.append("Message: ").append(odps.serverMessage()).append('\n');
            sb.append("Request id: ").append(odps.requestId() == null ? "(none)" : odps.requestId()).append('\n');
            sb.append("HTTP status: ").append(odps.status()).append('\n');
            sb.append("Call: ").append(odps.call()).append('\n');
        } else {
            sb.append(e.getClass().getName()).append(": ").append(e.getMessage()).append('\n');
        }
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            sb.append("Caused by: ").append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof ExecutionException
                || e instanceof CompletionException
                || e instanceof UndeclaredThrowableException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
