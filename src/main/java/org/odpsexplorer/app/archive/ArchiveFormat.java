package org.odpsexplorer.app.archive;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The archive formats the archive view reads and the folder packer writes. */
public enum ArchiveFormat {
    /** zip and its family (jar, whl, egg): random access through the central directory at the end. */
    ZIP(".zip"),
    /** An uncompressed tar: streamed, but each entry's data offset is known, so one entry can be read directly. */
    TAR(".tar"),
    /** A gzip-compressed tar: only readable from the start. */
    TAR_GZ(".tar.gz");

    private final String extension;

    ArchiveFormat(String extension) {
        this.extension = extension;
    }

    /** The usual file name extension, with its dot. */
    public String extension() {
        return extension;
    }

    /** The format a resource name suggests, or null when the name is not an archive's. */
    public static @Nullable ArchiveFormat fromName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip") || lower.endsWith(".jar") || lower.endsWith(".whl") || lower.endsWith(".egg")) {
            return ZIP;
        }
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            return TAR_GZ;
        }
        if (lower.endsWith(".tar")) {
            return TAR;
        }
        return null;
    }

    /**
     * The format the first bytes of a content show (a zip local or end header, the gzip magic, the tar "ustar"
     * magic at 257), or null. Gzip is assumed to wrap a tar; reading it says so if not.
     */
    public static @Nullable ArchiveFormat sniff(byte[] head, int length) {
        if (length >= 4 && head[0] == 'P' && head[1] == 'K'
                && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6 || head[2] == 7 && head[3] == 8)) {
            return ZIP;
        }
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return TAR_GZ;
        }
        if (length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return TAR;
        }
        return null;
    }
}
