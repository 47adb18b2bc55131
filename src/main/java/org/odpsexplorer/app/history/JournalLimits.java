package org.odpsexplorer.app.history;

/**
 * How much the version journal keeps.
 *
 * @param maxVersionBytes content of a version larger than this is not kept (its metadata is)
 * @param maxTotalBytes   the kept content may use this much disk; the oldest versions are evicted first
 */
public record JournalLimits(long maxVersionBytes, long maxTotalBytes) {
    public static final long MB = 1024L * 1024;
    public static final JournalLimits DEFAULTS = new JournalLimits(256 * MB, 2048 * MB);

    public JournalLimits {
        if (maxVersionBytes < 0 || maxTotalBytes < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
