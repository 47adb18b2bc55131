package org.odpsexplorer.emulator.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Resource persistence as the REST routes need it. Every write either fully happens or leaves the stored state
 * unchanged, also across a process kill. Implementations are thread-safe. Kept small so tests can wrap it to inject
 * faults.
 */
public interface ResourceStore {
    /** The resource, temp ones and parts included. */
    Optional<ResourceRecord> find(ResourceKey key);

    /**
     * Non-temp resources of a project/schema ordered by name (binary UTF-8 order), names after {@code after} only.
     *
     * @param prefix name prefix filter, null for all
     * @param owner  exact owner filter, null for all
     */
    ResourcePage list(String project, String schema, @Nullable String prefix, @Nullable String owner,
                      @Nullable String after, int maxItems);

    /**
     * Writes a resource with bytes, streamed from {@code body} (at most {@code maxBytes}).
     *
     * @param expectedMd5 lowercase hex MD5 the body must have (the request's Content-MD5), or null
     * @throws StoreException NOT_FOUND / ALREADY_EXISTS per {@code mode}, INVALID on an MD5 mismatch or oversize,
     *                        FAILURE when the disk or database fails
     * @throws IOException    only when reading {@code body} fails (the request body ended early); nothing is stored
     */
    ResourceRecord writeContent(ResourceKey key, ResourceWrite write, WriteMode mode, InputStream body,
                                long maxBytes, @Nullable String expectedMd5) throws IOException;

    /** Writes a reference resource (table, volume) that has no bytes. */
    ResourceRecord writeReference(ResourceKey key, ResourceWrite write, WriteMode mode);

    /**
     * Builds a resource from previously uploaded parts, in order, checking the total size and MD5, then deletes the
     * parts. An empty part list makes an empty resource.
     *
     * @param expectedTotal the declared total size, or null to skip that check
     * @throws StoreException NOT_FOUND for a missing part, INVALID on an MD5/size mismatch (parts are kept)
     */
    ResourceRecord merge(ResourceKey key, ResourceWrite write, WriteMode mode, List<String> partNames,
                         String expectedMd5, @Nullable Long expectedTotal, long maxBytes) throws IOException;

    /** Deletes the resource; false when it did not exist. */
    boolean delete(ResourceKey key);

    /**
     * Opens the content of a resource.
     *
     * @throws StoreException NOT_FOUND when missing, INVALID when it is a reference kind without bytes
     * @throws IOException    when the content cannot be opened
     */
    ResourceContent openContent(ResourceKey key) throws IOException;
}
