package org.odpsexplorer.app.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.hex.FileByteSource;
import org.odpsexplorer.app.history.SaveRecorder;
import org.odpsexplorer.app.history.VersionAction;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;
import org.odpsexplorer.sdk.model.TransferCancelledException;
import org.odpsexplorer.sdk.model.TransferListener;
import org.odpsexplorer.sdk.model.TransferProgress;
import org.slf4j.LoggerFactory;

/**
 * Runs uploads and downloads in the background and lists them with progress, speed, cancel and retry. The executor
 * is the application's transfer executor, separate from the interactive one (docs/scale.md, "Threads"): a
 * transfer waits as {@link Transfer.State#QUEUED} until one of its threads is free, and can be cancelled while it
 * waits. Downloads
 * write to {@code <target>.part} and move it into place only when complete, so a failed download never leaves a
 * truncated file under the chosen name.
 */
public final class TransferViewModel {
    private final UiExecutor tasks;
    private final ObservableList<Transfer> transfers = FXCollections.observableArrayList();
    // local history (issue 14): an overwriting upload is a save; the journal keeps the replaced and the new version
    private volatile Function<Odps, SaveRecorder> saveRecorders =
            odps -> SaveRecorder.NONE;

    public TransferViewModel(UiExecutor tasks) {
        this.tasks = tasks;
    }

    /** Where overwriting uploads are recorded in the local history (by the client's connection and project). */
    public void setSaveRecorders(Function<Odps, SaveRecorder> f) {
        saveRecorders = Objects.requireNonNull(f, "f == null");
    }

    public ObservableList<Transfer> transfers() {
        return transfers;
    }

    /** Uploads {@code item} into the project of {@code odps}; {@code onDone} runs after success (e.g. refresh). */
    public Transfer upload(Odps odps, UploadItem item, Runnable onDone) {
        Transfer t = new Transfer(Transfer.Direction.UPLOAD, item.name(), odps.project());
        t.setRetry(() -> runUpload(odps, item, t, onDone));
        transfers.add(0, t);
        runUpload(odps, item, t, onDone);
        return t;
    }

    /** Downloads resource {@code name} to {@code target}. */
    public Transfer download(Odps odps, String name, Path target, Runnable onDone) {
        Transfer t = new Transfer(Transfer.Direction.DOWNLOAD, name, target.toString());
        t.setRetry(() -> runDownload(odps, name, target, t, onDone));
        transfers.add(0, t);
        runDownload(odps, name, target, t, onDone);
        return t;
    }

    /**
     * Work shown as a transfer row that is neither a plain upload nor a plain download (packing a folder into an
     * upload, extracting archive entries). Runs on a worker; reports through {@code progress} (throttled for the UI
     * here) and stops with {@code TransferCancelledException} once {@code cancel} is raised.
     */
    @FunctionalInterface
    public interface Job {
        /** Returns the text the row shows when done. */
        String run(TransferListener progress, CancelSignal cancel) throws Exception;
    }

    /** Runs {@code job} as a transfer row with progress, cancel and retry; {@code onDone} runs after success. */
    public Transfer run(Transfer.Direction direction, String name, String target, Job job, Runnable onDone) {
        Transfer t = new Transfer(direction, name, target);
        t.setRetry(() -> runJob(job, t, onDone));
        transfers.add(0, t);
        runJob(job, t, onDone);
        return t;
    }

    private void runJob(Job job, Transfer t, Runnable onDone) {
        started(t);
        Meter meter = new Meter(t);
        CancelSignal cancel = t.cancelSignal();
        tasks.run(() -> {
            begin(t);
            return job.run(meter::onProgress, cancel);
        }, text -> finished(t, text, onDone), error -> failed(t, error));
    }

    /** Removes finished transfers from the list. */
    public void clearFinished() {
        transfers.removeIf(t -> t.stateProperty().get() == Transfer.State.DONE);
    }

    private void runUpload(Odps odps, UploadItem item, Transfer t, Runnable onDone) {
        started(t);
        Meter meter = new Meter(t);
        ResourceOptions options = ResourceOptions.defaults()
                .withType(ResourceType.parse(item.type()))
                .withComment(item.comment().isBlank() ? null : item.comment())
                .withProgress(meter::onProgress)
                .withCancel(t.cancelSignal());
        tasks.run(() -> {
            begin(t);
            if (item.overwrite() && odps.existResource(item.name())) {
                overwrite(odps, item, options);
            } else {
                odps.createResource(item.name(), item.type(), item.file(), options);
            }
            return item.size();
        }, size -> finished(t, "Uploaded " + sizeText(size), onDone), error -> failed(t, error));
    }

    /** The history seam of an overwriting upload: replaced version before, the uploaded file after. Worker. */
    private void overwrite(Odps odps, UploadItem item, ResourceOptions options) throws IOException {
        SaveRecorder recorder = saveRecorders.apply(odps);
        ResourceInfo replaced = odps.getResource(item.name()).info();
        try (FileByteSource copy = recorder.copyOfServerVersion(odps, replaced)) {
            recorder.beforeSave(item.name(), replaced, copy);
        }
        ResourceInfo saved = odps.updateResource(item.name(), item.file(), options).info();
        try (FileByteSource mine = new FileByteSource(item.file(),
                false)) {
            recorder.afterSave(item.name(), saved, mine, VersionAction.UPLOAD_OVERWRITE);
        }
    }

    private void runDownload(Odps odps, String name, Path target, Transfer t, Runnable onDone) {
        started(t);
        Meter meter = new Meter(t);
        ResourceOptions options = ResourceOptions.defaults().withProgress(meter::onProgress)
                .withCancel(t.cancelSignal());
        tasks.run(() -> {
            begin(t);
            Path dir = Objects.requireNonNull(target.toAbsolutePath().getParent(), "a file has a folder");
            Files.createDirectories(dir);
            Path part = dir.resolve(target.getFileName() + ".part");
            long n;
            try (OutputStream out = Files.newOutputStream(part)) {
                n = odps.downloadResource(name, out, options);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            return n;
        }, n -> finished(t, "Saved " + sizeText(n) + " to " + target.getFileName(), onDone), error -> failed(t, error));
    }

    private void started(Transfer t) {
        t.resetCancel();
        t.stateProperty().set(Transfer.State.QUEUED);
        t.progressProperty().set(0);
        t.speedProperty().set("");
        t.messageProperty().set("Queued");
        t.setErrorDetails("");
    }

    /** Worker: a transfer thread took {@code t}; a cancel while it was queued ends it here, before any request. */
    private void begin(Transfer t) {
        t.cancelSignal().throwIfCancelled(t.direction().name().toLowerCase(Locale.ROOT) + " of " + t.name());
        tasks.runOnUi(() -> {
            if (t.stateProperty().get() == Transfer.State.QUEUED) {
                t.stateProperty().set(Transfer.State.RUNNING);
                t.messageProperty().set("Starting…");
            }
        });
    }

    private void finished(Transfer t, String text, Runnable onDone) {
        t.stateProperty().set(Transfer.State.DONE);
        t.progressProperty().set(1);
        t.messageProperty().set(text);
        onDone.run();
    }

    private void failed(Transfer t, Throwable error) {
        if (error instanceof TransferCancelledException || t.cancelSignal().isCancelled()) {
            t.stateProperty().set(Transfer.State.CANCELLED);
            t.messageProperty().set("Cancelled");
            return;
        }
        // the transfer row is the one place this failure is shown; details stay copyable there
        t.stateProperty().set(Transfer.State.FAILED);
        t.messageProperty().set(ErrorText.summary(error));
        t.setErrorDetails(ErrorText.details(error));
        LoggerFactory.getLogger(TransferViewModel.class).warn("{} of {} failed: {}", t.direction(), t.name(),
                ErrorText.summary(error));
    }

    /** Turns SDK progress callbacks (worker thread) into at most ~10 UI updates a second. */
    private final class Meter {
        private final Transfer t;
        private final long start = System.nanoTime();
        private volatile long lastPost;

        Meter(Transfer t) {
            this.t = t;
        }

        void onProgress(TransferProgress p) {
            long now = System.nanoTime();
            boolean done = p.totalBytes() > 0 && p.bytesDone() >= p.totalBytes();
            if (!done && now - lastPost < 100_000_000L) {
                return;
            }
            lastPost = now;
            double fraction = p.totalBytes() > 0 ? p.fraction() : -1;
            double seconds = Math.max(1e-3, (now - start) / 1e9);
            String speed = speedText(p.bytesDone() / seconds);
            tasks.runOnUi(() -> {
                if (t.stateProperty().get() == Transfer.State.RUNNING) {
                    t.progressProperty().set(fraction);
                    t.speedProperty().set(speed);
                    t.messageProperty().set(sizeText(p.bytesDone()) + " of "
                            + (p.totalBytes() < 0 ? "?" : sizeText(p.totalBytes())));
                }
            });
        }
    }

    static String sizeText(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format("%.1f MB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return bytes + " B";
    }

    static String speedText(double bytesPerSecond) {
        if (bytesPerSecond >= 1024 * 1024) {
            return String.format("%.1f MB/s", bytesPerSecond / (1024 * 1024));
        }
        if (bytesPerSecond >= 1024) {
            return String.format("%.0f KB/s", bytesPerSecond / 1024);
        }
        return String.format("%.0f B/s", bytesPerSecond);
    }
}
