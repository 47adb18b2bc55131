package org.odpsexplorer.app.archive;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a listed archive, as its headers declare it (nothing was inflated to learn these numbers).
 *
 * @param ordinal        position in the listing (central-directory order for zip, stream order for tar); identifies
 *                       the entry even when two entries share a name
 * @param path           the name exactly as stored ({@code /} separated; may be hostile, e.g. {@code ../x})
 * @param directory      a folder entry
 * @param link           a symbolic or hard link (shown, never extracted)
 * @param size           declared uncompressed size; -1 when the archive does not say
 * @param compressedSize declared stored size; -1 when unknown (tar entries: equal to the size)
 * @param modified       modification time, null when absent
 * @param dataOffset     for an uncompressed tar, where the entry's bytes start in the archive; else -1
 */
public record ArchiveEntry(int ordinal, String path, boolean directory, boolean link, long size, long compressedSize,
                           @Nullable Instant modified, long dataOffset) {
    public ArchiveEntry {
        Objects.requireNonNull(path, "path");
    }

    /** True when extracting the entry by its name would write outside the target folder; it is refused then. */
    public boolean escapes() {
        return EntryPaths.escapes(path);
    }

    /** Declared size over stored size (1 for stored or unknown); zip bombs show ratios in the hundreds or more. */
    public double ratio() {
        return size > 0 && compressedSize > 0 ? (double) size / compressedSize : 1;
    }
}
