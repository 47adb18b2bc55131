package org.odpsexplorer.sdk.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.wire.TableSource;

/**
 * A snapshot of one resource's metadata as the server reported it (meta headers or a listing entry).
 *
 * @param name             resource name
 * @param type             kind
 * @param comment          comment, null when none
 * @param owner            owner account, null when not reported
 * @param lastUpdator      last updater account, null when not reported
 * @param size             content size in bytes; -1 when not reported (table kinds)
 * @param creationTime     creation time, null when not reported
 * @param lastModifiedTime last modification time, null when not reported
 * @param md5              lowercase hex MD5 of the content, null when not reported (listings, table kinds)
 * @param temp             true for temp resources (hidden from listings)
 * @param tableSource      the table pointer of a table resource, null otherwise
 * @param schemaName       schema name when the server reports one, else null
 */
public record ResourceInfo(String name, ResourceType type, @Nullable String comment, @Nullable String owner,
                           @Nullable String lastUpdator, long size, @Nullable Instant creationTime,
                           @Nullable Instant lastModifiedTime, @Nullable String md5, boolean temp,
                           @Nullable TableSource tableSource, @Nullable String schemaName) {
    public ResourceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /**
     * True when {@code other} describes the same server version of the content for safe-save purposes: same size,
     * same last-modified time and same MD5 (each compared only when both sides report it).
     */
    public boolean sameVersionAs(ResourceInfo other) {
        return size == other.size && Objects.equals(lastModifiedTime, other.lastModifiedTime)
                && (md5 == null || other.md5 == null || md5.equalsIgnoreCase(other.md5))
                && type == other.type && Objects.equals(tableSource, other.tableSource);
    }
}
