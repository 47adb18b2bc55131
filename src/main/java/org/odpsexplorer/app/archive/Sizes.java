package org.odpsexplorer.app.archive;

import java.util.Locale;

/** Byte counts for people: {@code 512 B}, {@code 1.5 KB}, {@code 3.2 MB}, {@code 1.0 GB} (powers of 1024). */
public final class Sizes {
    private Sizes() {
    }

    public static String text(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
