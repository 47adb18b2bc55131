package org.odpsexplorer.app.history;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.hex.ByteSource;
import org.odpsexplorer.app.hex.FileByteSource;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's local history: the version journal (folder and limits from {@link HistorySettings}), the recovery store
 * for unsaved buffers ({@code recovery} in the data folder), and the warnings both give when the disk refuses them.
 * One per app, built at start-up; thread-safe.
 */
public final class HistoryService {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryService.class);

    private final Path configDir;
    private final RecoveryStore recovery;
    private final List<Consumer<String>> warningListeners = new CopyOnWriteArrayList<>();
    private volatile HistorySettings settings;
    private volatile VersionJournal journal;

    public HistoryService(Path configDir, Path dataDir, HistorySettings settings) {
        this.configDir = configDir;
        this.settings = settings;
        this.journal = new VersionJournal(settings.folder(), settings.limits());
        this.recovery = new RecoveryStore(dataDir.resolve("recovery"));
    }

    /** Reads the history settings (a small file) and builds the service; blocking, for start-up. */
    public static HistoryService load(Path configDir, Path dataDir) throws IOException {
        return new HistoryService(configDir, dataDir, HistorySettings.load(configDir, dataDir));
    }

    public VersionJournal journal() {
        return journal;
    }

    public RecoveryStore recovery() {
        return recovery;
    }

    public HistorySettings settings() {
        return settings;
    }

    /** Stores new settings and switches to them (another folder starts another journal). Blocking. */
    public synchronized void configure(HistorySettings value) throws IOException {
        value.save(configDir);
        if (value.folder().equals(settings.folder())) {
            journal.setLimits(value.limits());
        } else {
            journal = new VersionJournal(value.folder(), value.limits());
        }
        settings = value;
    }

    /** Called (on whatever thread warned) with each warning; the listener moves to its own thread. */
    public void onWarning(Consumer<String> listener) {
        warningListeners.add(Objects.requireNonNull(listener, "listener == null"));
    }

    /** Logs a history problem once and tells the listeners. */
    public void warn(String message, @Nullable Throwable cause) {
        LOG.warn(message, cause);
        for (Consumer<String> l : warningListeners) {
            l.accept(message);
        }
    }

    /**
     * Downloads the server copy {@code replaced} to a temp file when the journal should keep it and does not have it
     * yet (for saves that never read it: Save As over another resource, restore, upload overwrite); null otherwise or
     * when the download fails (then only its metadata is recorded). The caller closes the result, which deletes the
     * file. Blocking.
     */
    public @Nullable FileByteSource copyOfServerVersion(Odps odps,
                                                                                @Nullable ResourceInfo replaced) {
        if (replaced == null || replaced.size() < 0 || replaced.size() > journal.limits().maxVersionBytes()) {
            return null;
        }
        Path tmp = null;
        try {
            if (replaced.md5() != null && journal.hasContent(replaced.md5())) {
                return null;
            }
            tmp = Files.createTempFile("odps-explorer-replaced-", ".bin");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                odps.downloadResource(replaced.name(), out, ResourceOptions.defaults());
            }
            return new FileByteSource(tmp, true);
        } catch (IOException | RuntimeException e) {
            // history only: without the bytes the version is recorded by its metadata
            warn("Could not keep the replaced copy of " + replaced.name() + ": " + e.getMessage(), e);
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temp file is all that is left
                }
            }
            return null;
        }
    }

    /** A recorder for saves to resources of {@code project} on connection {@code connectionId}. */
    public SaveRecorder recorder(String connectionId, String project) {
        return new Recorder(connectionId, project);
    }

    private final class Recorder implements SaveRecorder {
        private final String connectionId;
        private final String project;

        Recorder(String connectionId, String project) {
            this.connectionId = connectionId;
            this.project = project;
        }

        @Override
        public @Nullable String beforeSave(String resource, @Nullable ResourceInfo replaced,
                                           @Nullable ByteSource replacedContent) {
            if (replaced == null) {
                return null;
            }
            HistoryRef ref = new HistoryRef(connectionId, project, resource);
            VersionJournal j = journal;
            try {
                Version latest = j.latest(ref);
                String md5 = replaced.md5();
                if (latest != null && md5 != null && latest.md5().equalsIgnoreCase(md5)) {
                    return null;
                }
                if (replacedContent != null && replacedContent.size() == replaced.size()) {
                    j.record(ref, VersionAction.SERVER, replaced.lastUpdator(), replacedContent, md5);
                } else if (md5 != null) {
                    j.recordMetadata(ref, VersionAction.SERVER, replaced.lastUpdator(), replaced.size(), md5);
                }
                return null;
            } catch (IOException | RuntimeException e) {
                // the save goes on whatever the journal says; the user is told history is missing
                return failed(ref, e);
            }
        }

        @Override
        public @Nullable FileByteSource copyOfServerVersion(Odps odps,
                                                                                    @Nullable ResourceInfo replaced) {
            return HistoryService.this.copyOfServerVersion(odps, replaced);
        }

        @Override
        public @Nullable String afterSave(String resource, @Nullable ResourceInfo saved, ByteSource content,
                                          VersionAction action) {
            HistoryRef ref = new HistoryRef(connectionId, project, resource);
            try {
                journal.record(ref, action, saved == null ? null : saved.lastUpdator(), content,
                        saved == null || saved.size() != content.size() ? null : saved.md5());
                return null;
            } catch (IOException | RuntimeException e) {
                // the save already happened; only its copy in the history is missing
                return failed(ref, e);
            }
        }

        private String failed(HistoryRef ref, Exception e) {
            String text = "History not recorded for " + ref.resource() + ": " + e.getMessage();
            warn(text, e);
            return text;
        }
    }
}
