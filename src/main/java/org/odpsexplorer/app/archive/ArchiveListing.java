package org.odpsexplorer.app.archive;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What listing an archive found.
 *
 * @param format   how it was read
 * @param entries  the entries read, in archive order (all of them, or those before the damage)
 * @param manifest a jar's {@code META-INF/MANIFEST.MF} main attributes, sorted by name; empty when none
 * @param notices  things the user should know that are not damage (e.g. entries that look like a zip bomb)
 * @param problem  what stopped the reading (with the byte offset), or null when the archive read completely
 */
public record ArchiveListing(ArchiveFormat format, List<ArchiveEntry> entries, Map<String, String> manifest,
                             List<String> notices, @Nullable String problem) {
    public ArchiveListing {
        Objects.requireNonNull(format, "format");
        entries = List.copyOf(entries);
        manifest = Collections.unmodifiableMap(new TreeMap<>(manifest));
        notices = List.copyOf(notices);
    }

    /** Declared uncompressed size of all entries (unknown sizes count as 0). */
    public long totalSize() {
        return entries.stream().mapToLong(e -> Math.max(0, e.size())).sum();
    }

    public long fileCount() {
        return entries.stream().filter(e -> !e.directory()).count();
    }
}
