package org.odpsexplorer.app.archive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where an entry may be written: names are split on {@code /} and {@code \}; an absolute name, a drive letter, or a
 * {@code ..} that climbs above the archive's root escapes and is refused. The check is done on the name and again on
 * the resolved path, so the target folder is never left whatever the platform's path rules.
 */
public final class EntryPaths {
    private EntryPaths() {
    }

    /** True when the name would leave the folder it is extracted to. */
    public static boolean escapes(String name) {
        return segments(name) == null;
    }

    /** The normalized segments of a safe name (empty segments and {@code .} dropped); null when it escapes. */
    static @Nullable List<String> segments(String name) {
        if (name.startsWith("/") || name.startsWith("\\") || name.length() >= 2 && name.charAt(1) == ':') {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : name.split("[/\\\\]")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.remove(out.size() - 1);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The file an entry is written to under {@code target}, after removing {@code stripPrefix} (a folder path the
     * user extracted from, ending in {@code /}, or empty); null when the entry is refused.
     */
    public static @Nullable Path resolve(Path target, String name, String stripPrefix) {
        if (escapes(name)) {
            return null;
        }
        String relative = name.startsWith(stripPrefix) ? name.substring(stripPrefix.length()) : name;
        List<String> parts = segments(relative);
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        Path root = target.toAbsolutePath().normalize();
        Path out = root;
        for (String p : parts) {
            out = out.resolve(p);
        }
        out = out.normalize();
        return out.startsWith(root) && !out.equals(root) ? out : null;
    }
}
