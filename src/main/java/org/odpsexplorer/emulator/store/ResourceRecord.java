package org.odpsexplorer.emulator.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Stored metadata of one resource.
 *
 * @param type        wire spelling ({@code file}, {@code py}, {@code jar}, {@code archive}, {@code table},
 *                    {@code volumefile}, {@code volumearchive})
 * @param comment     null when none was ever given
 * @param size        byte count, null for reference kinds (table, volume)
 * @param md5         lowercase hex MD5 of the content, null for reference kinds
 * @param contentId   the immutable content file, null for reference kinds
 * @param tableSource project-qualified table source, table kind only
 * @param fileSource  volume path, volume kinds only
 */
public record ResourceRecord(ResourceKey key, String type, String owner, String lastUpdator, @Nullable String comment,
                             Instant created, Instant modified, boolean temp, @Nullable Long size,
                             @Nullable String md5, @Nullable String contentId, @Nullable String tableSource,
                             @Nullable String fileSource) {
    public ResourceRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lastUpdator, "lastUpdator");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
    }

    /** Whether the resource has bytes (file, py, jar, archive) rather than being a reference. */
    public boolean hasContent() {
        return contentId != null;
    }
}
