package org.odpsexplorer.app.history;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the version journal.
 *
 * @param id       the entry's file name without extension; sorts by time
 * @param ref      the resource
 * @param time     when it was recorded
 * @param size     content length in bytes
 * @param md5      lowercase hex MD5 of the content ("" when unknown, for a corrupt entry)
 * @param author   the server's last updator of that version, when known
 * @param action   what made it
 * @param stored   how its content is kept
 * @param problem  null for a healthy entry; otherwise why it cannot be used (corrupt entry, content missing)
 */
public record Version(String id, HistoryRef ref, Instant time, long size, String md5, @Nullable String author,
                      VersionAction action, Stored stored, @Nullable String problem) {
    /** How the content of a version is kept. */
    public enum Stored {
        /** As is. */
        RAW,
        /** Gzip-compressed (larger versions). */
        COMPRESSED,
        /** Not kept: larger than the per-version limit, or the journal could not store it. */
        SKIPPED
    }

    /** True when the content can be read back (it may still turn out torn, which reading reports). */
    public boolean hasContent() {
        return problem == null && stored != Stored.SKIPPED;
    }
}
