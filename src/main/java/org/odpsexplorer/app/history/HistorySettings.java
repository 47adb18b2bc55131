package org.odpsexplorer.app.history;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the version journal lives and how much it keeps; stored as {@code history.properties} in the config folder.
 *
 * @param folder the journal's folder (default: {@code history} in the app's data folder)
 * @param limits per-version and total size limits
 */
public record HistorySettings(Path folder, JournalLimits limits) {
    public HistorySettings {
        Objects.requireNonNull(folder, "folder == null");
        Objects.requireNonNull(limits, "limits == null");
    }

    /** The defaults for an app whose data folder is {@code dataDir}. */
    public static HistorySettings defaults(Path dataDir) {
        return new HistorySettings(dataDir.resolve("history"), JournalLimits.DEFAULTS);
    }

    /** Reads {@code configDir/history.properties}; defaults for what is missing or unreadable. Blocking. */
    public static HistorySettings load(Path configDir, Path dataDir) throws IOException {
        HistorySettings d = defaults(dataDir);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(configDir.resolve("history.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return d;
        }
        String folder = p.getProperty("folder", "").trim();
        return new HistorySettings(folder.isEmpty() ? d.folder() : Path.of(folder),
                new JournalLimits(megabytes(p, "maxVersionMB", d.limits().maxVersionBytes()),
                        megabytes(p, "maxTotalMB", d.limits().maxTotalBytes())));
    }

    /** Writes {@code configDir/history.properties} atomically. Blocking. */
    public void save(Path configDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("folder", folder.toString());
        p.setProperty("maxVersionMB", Long.toString(limits.maxVersionBytes() / JournalLimits.MB));
        p.setProperty("maxTotalMB", Long.toString(limits.maxTotalBytes() / JournalLimits.MB));
        StringWriter out = new StringWriter();
        p.store(out, "ODPS Explorer local history");
        DurableFiles.write(configDir.resolve("history.properties"), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static long megabytes(Properties p, String key, long fallback) {
        try {
            long mb = Long.parseLong(p.getProperty(key, "").trim());
            return mb >= 0 ? mb * JournalLimits.MB : fallback;
        } catch (NumberFormatException e) {
            // a hand-edited value that is not a number: the default is the sensible answer
            return fallback;
        }
    }
}
