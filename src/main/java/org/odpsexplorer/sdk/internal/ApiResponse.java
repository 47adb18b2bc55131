package org.odpsexplorer.sdk.internal;

import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.HeaderText;
import org.odpsexplorer.wire.OdpsHeaders;
import okhttp3.Response;

/**
 * A successful (2xx) answer. Header lookups are case-insensitive and RFC 2047-decoded. The caller owns it and must
 * {@link #close()} it (try-with-resources), which releases the connection.
 */
public final class ApiResponse implements AutoCloseable {
    private final Response response;
    private final String call;

    ApiResponse(Response response, String call) {
        this.response = response;
        this.call = call;
    }

    public int status() {
        return response.code();
    }

    /** The header's decoded value, or null when absent. */
    public @Nullable String header(String name) {
        String raw = response.header(name);
        return raw == null ? null : HeaderText.decode(raw);
    }

    public @Nullable String requestId() {
        return header(OdpsHeaders.REQUEST_ID);
    }

    /** The body stream; read it before {@link #close()}. */
    public InputStream body() {
        return response.body().byteStream();
    }

    /** The body as an Okio source, for bulk copies without an intermediate array; read it before {@link #close()}. */
    okio.BufferedSource source() {
        return response.body().source();
    }

    /** The call, for messages. */
    public String call() {
        return call;
    }

    @Override
    public void close() {
        response.close();
    }
}
