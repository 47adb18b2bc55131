package org.odpsexplorer.sdk.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.WireCodec;

/**
 * One REST call before signing.
 *
 * @param method      HTTP method
 * @param segments    path segments relative to the endpoint, decoded ({@code ["projects", "p", "resources", "a b"]})
 * @param query       decoded query parameters in wire order; an empty value is sent as a bare flag ({@code ?meta})
 * @param headers     extra headers ({@code x-odps-*}, Content-Disposition), values as text (sent as UTF-8)
 * @param contentType Content-Type to send (also on GETs, as both SDKs do), or null
 * @param body        body, or null for none (GET/DELETE)
 * @param retry       how failures of this call may be retried
 * @param progress    reports bytes of the request body written, or null
 */
public record ApiRequest(String method, List<String> segments, Map<String, String> query,
                         List<Map.Entry<String, String>> headers, @Nullable String contentType,
                         @Nullable BodySource body, Retry retry, @Nullable ByteCounter progress) {
    /** Retry classes; see {@code RetryPolicy} for the reasoning. */
    public enum Retry {
        /** Never repeat (creating POSTs). */
        NEVER,
        /** Idempotent: repeat on I/O errors, 5xx and 429. */
        IDEMPOTENT,
        /** DELETE: repeat like IDEMPOTENT, and a 404 after a retry counts as success. */
        DELETE
    }

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        segments = List.copyOf(segments);
        query = new LinkedHashMap<>(query);
        headers = List.copyOf(headers);
    }

    /** Method and decoded path with query, for messages (no credentials ever appear in a request's URL). */
    public String describe() {
        StringBuilder out = new StringBuilder(method).append(" /").append(String.join("/", segments));
        if (!query.isEmpty()) {
            out.append('?').append(WireCodec.decodedQueryText(query));
        }
        return out.toString();
    }

    /** A builder-ish helper for the common case. */
    public static Builder builder(String method, String... segments) {
        return new Builder(method, List.of(segments));
    }

    /** Mutable helper to assemble a request. */
    public static final class Builder {
        private final String method;
        private final List<String> segments;
        private final Map<String, String> query = new LinkedHashMap<>();
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private @Nullable String contentType;
        private @Nullable BodySource body;
        private Retry retry = Retry.NEVER;
        private @Nullable ByteCounter progress;

        Builder(String method, List<String> segments) {
            this.method = method;
            this.segments = segments;
        }

        public Builder query(String name, String value) {
            query.put(name, value);
            return this;
        }

        public Builder header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        public Builder contentType(@Nullable String value) {
            this.contentType = value;
            return this;
        }

        public Builder body(@Nullable BodySource value) {
            this.body = value;
            return this;
        }

        public Builder retry(Retry value) {
            this.retry = value;
            return this;
        }

        public Builder progress(@Nullable ByteCounter value) {
            this.progress = value;
            return this;
        }

        public ApiRequest build() {
            return new ApiRequest(method, segments, query, headers, contentType, body, retry, progress);
        }
    }
}
