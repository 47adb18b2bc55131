package org.odpsexplorer.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.xml.stream.XMLStreamException;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.OdpsException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.ResourceConflictException;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.odpsexplorer.sdk.model.TransferCancelledException;
import org.odpsexplorer.sdk.model.TransferProgress;
import org.odpsexplorer.wire.HttpDates;
import org.odpsexplorer.wire.Md5;
import org.odpsexplorer.wire.OdpsHeaders;
import org.odpsexplorer.wire.TableSource;
import org.odpsexplorer.wire.XmlTree;

/**
 * The resource calls of {@code protocol/rest.md} §7 on top of {@link Transport}: meta, list, ranged content, single and
 * part+merge uploads, table resources, delete. Thread-safe (stateless apart from the transport).
 */
public final class ResourceApi {
    private static final String OCTET = "application/octet-stream";
    private static final int COPY_BUFFER = 64 * 1024;

    private final Transport transport;
    private final ClientConfig config;

    public ResourceApi(Transport transport, ClientConfig config) {
        this.transport = transport;
        this.config = config;
    }

    public ClientConfig config() {
        return config;
    }

    private ApiRequest.Builder request(String method, @Nullable String name) {
        ApiRequest.Builder b = name == null
                ? ApiRequest.builder(method, "projects", config.project(), "resources")
                : ApiRequest.builder(method, "projects", config.project(), "resources", name);
        if (config.schema() != null) {
            b.query("curr_schema", config.schema());
        }
        return b;
    }

    /**
     * The resource's metadata (one {@code ?meta} GET).
     *
     * @throws NoSuchObjectException when it does not exist
     */
    public ResourceInfo meta(String name) {
        try (ApiResponse r = transport.execute(request("GET", name).query("meta", "")
                .retry(ApiRequest.Retry.IDEMPOTENT).build())) {
            return infoFromHeaders(name, r::header);
        }
    }

    /** The metadata, or null when the resource does not exist. */
    public @Nullable ResourceInfo find(String name) {
        try {
            return meta(name);
        } catch (NoSuchObjectException e) {
            return null;
        }
    }

    /** One listing page. */
    public record Page(List<ResourceInfo> items, @Nullable String marker) {
    }

    /** Fetches the page after {@code marker} (null: the first). */
    public Page listPage(@Nullable String prefix, @Nullable String marker) {
        ApiRequest.Builder b = request("GET", null).query("expectmarker", "true").retry(ApiRequest.Retry.IDEMPOTENT);
        if (prefix != null && !prefix.isEmpty()) {
            b.query("name", prefix);
        }
        if (marker != null && !marker.isEmpty()) {
            b.query("marker", marker);
        }
        ApiRequest req = b.build();
        try (ApiResponse r = transport.execute(req)) {
            XmlTree root = XmlTree.parse(r.body());
            List<ResourceInfo> items = new ArrayList<>();
            for (XmlTree resource : root.all("Resource")) {
                Map<String, String> item = new HashMap<>();
                for (XmlTree field : resource.children()) {
                    item.put(field.name(), field.rawText());
                }
                String name = item.get("Name");
                if (name != null && !name.isBlank()) {
                    items.add(infoFromHeaders(name.strip(), key -> item.get(LIST_KEYS.getOrDefault(key, key))));
                }
            }
            return new Page(items, root.childText("Marker"));
        } catch (XMLStreamException e) {
            throw new OdpsException(200, "MalformedResponse", "resource listing is not valid XML: " + e.getMessage(),
                    null, req.describe());
        }
    }

    /** Maps header names to listing element names so one parser serves both. */
    private static final Map<String, String> LIST_KEYS = Map.of(
            OdpsHeaders.RESOURCE_TYPE, "ResourceType", OdpsHeaders.COMMENT, "Comment", OdpsHeaders.OWNER, "Owner",
            OdpsHeaders.UPDATOR, "LastUpdator", OdpsHeaders.RESOURCE_SIZE, "ResourceSize",
            OdpsHeaders.CREATION_TIME, "CreationTime", OdpsHeaders.LAST_MODIFIED, "LastModifiedTime",
            OdpsHeaders.COPY_TABLE_SOURCE, "TableName", OdpsHeaders.SCHEMA_NAME, "SchemaName",
            OdpsHeaders.RESOURCE_IS_TEMP, "IsTempResource");

    private static ResourceInfo infoFromHeaders(String name, Function<String, @Nullable String> h) {
        String typeText = h.apply(OdpsHeaders.RESOURCE_TYPE);
        ResourceType type = typeText == null ? ResourceType.UNKNOWN : ResourceType.fromWire(typeText);
        String source = h.apply(OdpsHeaders.COPY_TABLE_SOURCE);
        TableSource tableSource = null;
        if (source != null && !source.isBlank()) {
            try {
                tableSource = TableSource.parse(source);
            } catch (IllegalArgumentException e) {
                tableSource = null; // a malformed pointer is shown as absent rather than failing the listing
            }
        }
        String md5 = h.apply(OdpsHeaders.CONTENT_MD5);
        return new ResourceInfo(name, type, emptyToNull(h.apply(OdpsHeaders.COMMENT)),
                emptyToNull(h.apply(OdpsHeaders.OWNER)), emptyToNull(h.apply(OdpsHeaders.UPDATOR)),
                parseLong(h.apply(OdpsHeaders.RESOURCE_SIZE)), parseTime(h.apply(OdpsHeaders.CREATION_TIME)),
                parseTime(h.apply(OdpsHeaders.LAST_MODIFIED)),
                normaliseMd5(md5),
                "true".equalsIgnoreCase(String.valueOf(h.apply(OdpsHeaders.RESOURCE_IS_TEMP)).strip()),
                tableSource, emptyToNull(h.apply(OdpsHeaders.SCHEMA_NAME)));
    }

    /**
     * The meta {@code Content-MD5} as lowercase hex. The real service's format is unconfirmed (protocol/rest.md §13): accept
     * hex in any case and base64 of 16 bytes; anything else is treated as unknown rather than as a different version.
     */
    static @Nullable String normaliseMd5(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.matches("[0-9a-fA-F]{32}")) {
            return v.toLowerCase(Locale.ROOT);
        }
        try {
            byte[] raw = Base64.getDecoder().decode(v);
            return raw.length == 16 ? HexFormat.of().formatHex(raw) : null;
        } catch (IllegalArgumentException e) {
            return null; // neither hex nor base64: unknown
        }
    }

    private static @Nullable String emptyToNull(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static long parseLong(@Nullable String s) {
        if (s == null || s.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static @Nullable Instant parseTime(@Nullable String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return HttpDates.parse(s);
        } catch (IllegalArgumentException e) {
            return null; // shown as unknown; the content is still usable
        }
    }

    /**
     * Deletes a resource (retried as a DELETE: a 404 after a lost answer counts as done).
     *
     * @throws NoSuchObjectException when it does not exist
     */
    public void delete(String name) {
        try (ApiResponse r = transport.execute(request("DELETE", name).retry(ApiRequest.Retry.DELETE).build())) {
            r.status();
        }
    }

    /** Creates ({@code overwrite=false}, POST) or repoints (PUT) a table resource, then reads its metadata. */
    public ResourceInfo putTableResource(String name, TableSource source, boolean overwrite, ResourceOptions options) {
        ApiRequest.Builder b = overwrite
                ? request("PUT", name).retry(ApiRequest.Retry.IDEMPOTENT)
                : request("POST", null).retry(ApiRequest.Retry.NEVER);
        b.contentType("text/plain").body(BodySource.EMPTY)
                .header(OdpsHeaders.RESOURCE_NAME, name)
                .header(OdpsHeaders.RESOURCE_TYPE, ResourceType.TABLE.wireName())
                .header(OdpsHeaders.COPY_TABLE_SOURCE, source.format());
        if (options.comment() != null) {
            b.header(OdpsHeaders.COMMENT, options.comment());
        }
        try (ApiResponse r = transport.execute(b.build())) {
            r.status();
        }
        return meta(name);
    }

    /**
     * Uploads content: a single POST (create) / PUT (update) up to the part size, else numbered parts and a merge.
     * A cancel before the final request leaves the server copy untouched; parts already uploaded are deleted best
     * effort. Returns the metadata read after the upload.
     *
     * @param type      the type to create with; null means update, keeping the current type (read first)
     * @param overwrite true: update an existing resource (404 if missing); false: create (409 if it exists)
     */
    public ResourceInfo upload(String name, @Nullable ResourceType type, ContentSource content, boolean overwrite,
                               ResourceOptions options) {
        ResourceType finalType = type;
        if (finalType == null) {
            finalType = meta(name).type();
        }
        long total = content.length();
        if (total > OdpsHeaders.MAX_RESOURCE_SIZE) {
            throw new IllegalArgumentException("resource content of " + total + " bytes exceeds the service limit of "
                    + OdpsHeaders.MAX_RESOURCE_SIZE);
        }
        Progress progress = new Progress(options, TransferProgress.Direction.UPLOAD, name, total);
        if (total <= config.partSize()) {
            uploadSingle(name, finalType, content, overwrite, options, progress);
        } else {
            uploadParts(name, finalType, content, overwrite, options, progress);
        }
        progress.finish();
        return meta(name);
    }

    private ApiRequest.Builder contentRequest(String name, ResourceType type, boolean overwrite,
                                              ResourceOptions options, @Nullable String mergeOp) {
        ApiRequest.Builder b = overwrite ? request("PUT", name).retry(ApiRequest.Retry.IDEMPOTENT)
                : request("POST", null).retry(ApiRequest.Retry.NEVER);
        if (mergeOp != null) {
            b.query("rOpMerge", "true");
        }
        b.contentType(OCTET)
                .header("Content-Disposition", "attachment;filename=" + name)
                .header(OdpsHeaders.RESOURCE_NAME, name)
                .header(OdpsHeaders.RESOURCE_TYPE, type.wireName());
        if (options.comment() != null) {
            b.header(OdpsHeaders.COMMENT, options.comment());
        }
        if (options.temp()) {
            b.header(OdpsHeaders.RESOURCE_IS_TEMP, "true");
        }
        return b;
    }

    private void uploadSingle(String name, ResourceType type, ContentSource content, boolean overwrite,
                              ResourceOptions options, Progress progress) {
        BodySource body = slice(content, 0, content.length(), null, options);
        progress.check();
        try (ApiResponse r = transport.execute(contentRequest(name, type, overwrite, options, null)
                .body(body).progress(progress).build())) {
            r.status();
        }
    }

    private void uploadParts(String name, ResourceType type, ContentSource content, boolean overwrite,
                             ResourceOptions options, Progress progress) {
        long total = content.length();
        long partSize = config.partSize();
        String run = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        List<String> parts = new ArrayList<>();
        MessageDigest whole = Md5.newDigest();
        // the MD5 pass of part n+1 runs while part n is on the wire, so hashing overlaps the server's work
        ExecutorService hasher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "odps-upload-md5");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<BodySource> next = hasher.submit(() -> slice(content, 0, Math.min(partSize, total), whole, options));
            for (long offset = 0; offset < total; offset += partSize) {
                progress.check();
                long len = Math.min(partSize, total - offset);
                String partName = name + ".part.tmp." + run + "." + String.format("%06d", parts.size());
                BodySource body = await(next);
                long nextOffset = offset + partSize;
                if (nextOffset < total) {
                    next = hasher.submit(() -> slice(content, nextOffset, Math.min(partSize, total - nextOffset),
                            whole, options));
                }
                parts.add(partName);
                ApiRequest part = request("POST", null).query("rIsPart", "true").retry(ApiRequest.Retry.IDEMPOTENT)
                        .contentType(OCTET)
                        .header("Content-Disposition", "attachment;filename=" + partName)
                        .header(OdpsHeaders.RESOURCE_NAME, partName)
                        .header(OdpsHeaders.RESOURCE_TYPE, ResourceType.FILE.wireName())
                        .header(OdpsHeaders.RESOURCE_IS_TEMP, "true")
                        .body(body).progress(progress).build();
                try (ApiResponse r = transport.execute(part)) {
                    r.status();
                }
            }
            progress.check(); // last chance to cancel: after the merge the new content is live
        } catch (RuntimeException e) {
            deletePartsQuietly(parts, e);
            throw e;
        } finally {
            hasher.shutdownNow();
        }
        String mergeBody = Md5.hex(whole) + "|" + String.join(",", parts);
        ApiRequest merge = contentRequest(name, type, overwrite, options, "merge")
                .header(OdpsHeaders.MERGE_TOTAL_BYTES, Long.toString(total))
                .body(BodySource.ofBytes(mergeBody.getBytes(StandardCharsets.UTF_8))).build();
        try (ApiResponse r = transport.execute(merge)) {
            r.status();
        } catch (RuntimeException e) {
            deletePartsQuietly(parts, e);
            throw e;
        }
    }

    private static BodySource await(Future<BodySource> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("hashing a part failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OdpsTransportException("hashing a part", new InterruptedIOException("interrupted"));
        }
    }

    /** Best-effort cleanup; failures are attached to the original error, never hide it. */
    private void deletePartsQuietly(List<String> parts, RuntimeException primary) {
        for (String part : parts) {
            try (ApiResponse r = transport.execute(request("DELETE", part).retry(ApiRequest.Retry.NEVER).build())) {
                r.status();
            } catch (NoSuchObjectException gone) {
                // never uploaded (the failing part) or already merged: nothing to clean
            } catch (OdpsException cleanupFailure) {
                primary.addSuppressed(cleanupFailure);
            }
        }
    }

    /**
     * A body over a slice, its MD5 computed by a first pass (also fed to {@code whole} when given), sent by a second.
     */
    private static BodySource slice(ContentSource content, long offset, long len, @Nullable MessageDigest whole,
                                    ResourceOptions options) {
        MessageDigest md5 = Md5.newDigest();
        byte[] buf = new byte[COPY_BUFFER];
        try (InputStream in = content.open(offset, len)) {
            long left = len;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("content shrank while uploading: " + left + " bytes missing");
                }
                md5.update(buf, 0, n);
                if (whole != null) {
                    whole.update(buf, 0, n);
                }
                left -= n;
                if (options.cancel() != null) {
                    options.cancel().throwIfCancelled("preparing upload");
                }
            }
        } catch (IOException e) {
            throw new OdpsTransportException("reading the content to upload", e);
        }
        String hex = len == 0 ? null : Md5.hex(md5);
        return new BodySource() {
            @Override
            public long length() {
                return len;
            }

            @Override
            public @Nullable String md5Hex() {
                return hex;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = content.open(offset, len)) {
                    byte[] b = new byte[COPY_BUFFER];
                    long left = len;
                    while (left > 0) {
                        int n = in.read(b, 0, (int) Math.min(b.length, left));
                        if (n < 0) {
                            throw new IOException("content shrank while uploading");
                        }
                        out.write(b, 0, n);
                        left -= n;
                    }
                }
            }
        };
    }

    /**
     * A stream over the content from {@code offset}, fetched with ranged GETs of the part size; the caller closes it.
     */
    public RangedInputStream openContent(String name, long offset, @Nullable ByteCounter counter,
                                         @Nullable CancelSignal cancel) {
        return new RangedInputStream(this, name, offset, Long.MAX_VALUE, counter, cancel);
    }

    /**
     * A stream over the content in {@code [offset, end)}: ranged GETs that never ask past {@code end}; the caller
     * closes it. The stream ends early when the content does.
     */
    public RangedInputStream openContent(String name, long offset, long end, @Nullable ByteCounter counter,
                                         @Nullable CancelSignal cancel) {
        return new RangedInputStream(this, name, offset, end, counter, cancel);
    }

    /** One ranged GET; used by {@link RangedInputStream}. */
    ApiResponse getRange(String name, long offset, long size) {
        return transport.execute(request("GET", name).query("rOffset", Long.toString(offset))
                .query("rSize", Long.toString(size)).contentType(OCTET).retry(ApiRequest.Retry.IDEMPOTENT).build());
    }

    /**
     * Reads exactly the range {@code [offset, offset + len)} (less at the end of the content) with ranged GETs of that
     * size, each body read to its end so the connection goes back to the pool: a random read costs its own bytes and
     * no new connection. Returns the count, -1 when {@code offset} is at or after the end.
     */
    public int readRange(String name, long offset, byte[] b, int off, int len, @Nullable ByteCounter counter,
                         @Nullable CancelSignal cancel) {
        int done = 0;
        while (done < len) {
            if (cancel != null) {
                cancel.throwIfCancelled("read of " + name);
            }
            boolean remaining;
            int got = 0;
            try (ApiResponse r = getRange(name, offset + done, len - done)) {
                String more = r.header(OdpsHeaders.RESOURCE_HAS_REMAINING);
                remaining = more != null && more.strip().equalsIgnoreCase("true");
                InputStream body = r.body();
                int n;
                while (got < len - done && (n = body.read(b, off + done + got, len - done - got)) > 0) {
                    got += n;
                }
                if (body.read() >= 0) {
                    throw new OdpsException(200, "MalformedResponse", "server sent more than rSize=" + (len - done),
                            r.requestId(), "GET " + name + "?rOffset=" + (offset + done));
                }
            } catch (IOException e) {
                throw new OdpsTransportException("GET " + name + "?rOffset=" + (offset + done), e);
            }
            if (counter != null) {
                counter.add(got);
            }
            done += got;
            if (got == 0 || !remaining) {
                break;
            }
        }
        return done == 0 && len > 0 ? -1 : done;
    }

    /**
     * Copies the whole content to {@code out}; returns the byte count. The metadata is read before and, when the
     * content needs more than one ranged GET, after the copy, so a resource replaced, shrunk or deleted during the
     * download fails with {@link ResourceConflictException} instead of leaving {@code out} with a mix of two versions.
     */
    public long download(String name, OutputStream out, ResourceOptions options) {
        ResourceInfo before = meta(name);
        Progress progress = new Progress(options, TransferProgress.Direction.DOWNLOAD, name, before.size());
        String call = "GET " + name + " (download)";
        long copied;
        try {
            copied = copyContent(name, 0, out, progress, options.cancel());
        } catch (IOException e) {
            throw new OdpsTransportException(call, e);
        } catch (NoSuchObjectException e) {
            throw new ResourceConflictException(name, before, null, call); // deleted between two ranged GETs
        }
        if (before.size() > config.partSize()) {
            ResourceInfo after = find(name);
            if (after == null || !after.sameVersionAs(before)) {
                throw new ResourceConflictException(name, before, after, call);
            }
        }
        progress.finish();
        return copied;
    }

    /**
     * Copies the content from byte {@code from} to its end to {@code out} with ranged GETs one after the other.
     *
     * @throws IOException when {@code out} fails or a broken connection outlasts the retries
     */
    public long copyContent(String name, long from, OutputStream out, @Nullable ByteCounter counter,
                            @Nullable CancelSignal cancel) throws IOException {
        try (RangedInputStream in = openContent(name, from, counter, cancel)) {
            return in.transferTo(out);
        }
    }

    /** Counts bytes for a listener and checks the cancel signal on every report. */
    public static final class Progress implements ByteCounter {
        private static final long REPORT_EVERY = 64 * 1024;
        private final ResourceOptions options;
        private final TransferProgress.Direction direction;
        private final String name;
        private final long total;
        private long done;
        private long lastReported = -1;

        public Progress(ResourceOptions options, TransferProgress.Direction direction, String name, long total) {
            this.options = options;
            this.direction = direction;
            this.name = name;
            this.total = total;
        }

        @Override
        public void add(long delta) {
            done += delta;
            check();
            if (done - lastReported >= REPORT_EVERY || done < lastReported) {
                report();
            }
        }

        void check() {
            if (options.cancel() != null && options.cancel().isCancelled()) {
                throw new TransferCancelledException((direction == TransferProgress.Direction.UPLOAD ? "upload of "
                        : "download of ") + name);
            }
        }

        public void finish() {
            if (done != lastReported) {
                report();
            }
        }

        private void report() {
            lastReported = done;
            options.progress().onProgress(new TransferProgress(direction, name, done, total));
        }
    }
}
