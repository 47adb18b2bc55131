package org.odpsexplorer.app.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.editor.TextContent;
import org.odpsexplorer.app.editor.TextEncoding;
import org.odpsexplorer.app.transfer.Transfer;
import org.odpsexplorer.app.transfer.TransferViewModel;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.TransferCancelledException;
import org.odpsexplorer.sdk.model.TransferProgress;
import org.slf4j.LoggerFactory;

/**
 * State and commands of one archive tab: lists the archive in the background (format from the name, or sniffed
 * from the first bytes), previews an entry (text with the editor's encoding detection, else bytes for the hex view),
 * extracts a node as a row of the transfers panel, cancels. FX thread; all I/O through the executor.
 */
public final class ArchiveViewModel {
    /** A finished listing, with the reader that keeps the zip's directory for previews and extraction. */
    public record Loaded(ArchiveReader reader, ArchiveListing listing, EntryTree.Node root) {
    }

    /** A preview: {@code text} when the bytes decode as text, else null (show them in hex). */
    public record PreviewContent(ArchiveReader.Preview preview, @Nullable TextContent text) {
    }

    private final Odps odps;
    private final String resource;
    private final @Nullable ArchiveFormat format;
    private final UiExecutor tasks;
    private final TransferViewModel transfers;
    private final ReadOnlyObjectWrapper<@Nullable Loaded> loaded = new ReadOnlyObjectWrapper<>(this, "loaded");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private @Nullable CancelSignal cancel;
    private boolean disposed;

    /** {@code format}: null to decide from the content's first bytes or, failing that, from the name. */
    public ArchiveViewModel(Odps odps, String resource, @Nullable ArchiveFormat format, UiExecutor tasks,
                            TransferViewModel transfers) {
        this.odps = odps;
        this.resource = resource;
        this.format = format;
        this.tasks = tasks;
        this.transfers = transfers;
    }

    public String resource() {
        return resource;
    }

    public ReadOnlyObjectProperty<@Nullable Loaded> loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** 0..1 while a listing or preview streams, -1 otherwise. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Lists the archive. */
    public void open() {
        CancelSignal signal = begin("Reading " + resource + "…");
        ResourceOptions options = options(signal);
        tasks.run(() -> {
            // the bytes decide (a .zip may really be a tar.gz); the name only when they are not recognised
            ArchiveFormat f = format != null ? format : ArchiveReader.sniff(odps, resource);
            if (f == null) {
                f = ArchiveFormat.fromName(resource);
            }
            if (f == null) {
                throw new IllegalArgumentException(resource + " is neither a zip (jar, whl, egg) nor a tar or tar.gz "
                        + "archive");
            }
            ArchiveReader reader = new ArchiveReader(odps, resource, f);
            try {
                ArchiveListing listing = reader.list(options);
                return new Loaded(reader, listing, EntryTree.build(resource, listing.entries()));
            } catch (RuntimeException | IOException e) {
                reader.close();
                throw e;
            }
        }, result -> {
            end();
            if (disposed) {
                close(result.reader());
                return;
            }
            loaded.set(result);
            status.set(summary(result.listing()));
        }, error -> {
            end();
            status.set(error instanceof TransferCancelledException ? "Cancelled"
                    : "Could not read " + resource + ": " + ErrorText.summary(error));
        });
    }

    /** One line about a listing: counts, sizes, format. */
    static String summary(ArchiveListing listing) {
        return listing.entries().size() + " entries, " + listing.fileCount() + " files, "
                + Sizes.text(listing.totalSize()) + " uncompressed · " + listing.format().extension().substring(1);
    }

    /** Reads an entry's first bytes and hands them over decoded; failures go to the status line. */
    public void preview(ArchiveEntry entry, Consumer<PreviewContent> onReady) {
        Loaded l = loaded.get();
        if (l == null || entry.directory() || entry.link()) {
            return;
        }
        CancelSignal signal = begin("Reading " + entry.path() + "…");
        tasks.run(() -> {
            ArchiveReader.Preview p = l.reader().preview(entry, options(signal));
            return new PreviewContent(p, previewText(p.bytes(), p.truncated()));
        }, content -> {
            end();
            status.set(summary(l.listing()));
            onReady.accept(content);
        }, error -> {
            end();
            status.set(error instanceof TransferCancelledException ? "Cancelled"
                    : "Could not preview " + entry.path() + ": " + ErrorText.summary(error));
        });
    }

    /**
     * The text of preview bytes when the editor's detection finds text, else null (binary). A preview cut inside a
     * UTF-8 character loses that partial character first, so the cut does not make the detection guess wrong.
     */
    static @Nullable TextContent previewText(byte[] bytes, boolean truncated) {
        byte[] whole = truncated ? Arrays.copyOf(bytes, completeUtf8Length(bytes)) : bytes;
        TextContent text = TextContent.of(whole);
        return text.encoding() == TextEncoding.BINARY ? null : text;
    }

    /** The length without a UTF-8 sequence that the end of {@code b} cuts short. */
    static int completeUtf8Length(byte[] b) {
        for (int back = 1; back <= Math.min(3, b.length); back++) {
            int x = b[b.length - back] & 0xff;
            if ((x & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for the sequence's first byte
            }
            int need = x >= 0xF0 ? 4 : x >= 0xE0 ? 3 : x >= 0xC0 ? 2 : 1;
            return need > back ? b.length - back : b.length;
        }
        return b.length;
    }

    /** Extracts {@code node} (a file, or a folder with everything below it) into {@code target}, as a transfer. */
    public Transfer extract(EntryTree.Node node, Path target) {
        Loaded l = loaded.get();
        if (l == null) {
            throw new IllegalStateException("not listed yet");
        }
        List<ArchiveEntry> entries = node.entries();
        String strip = node.parentPath();
        String label = resource + (node.path().isEmpty() ? "" : "!/" + node.path());
        return transfers.run(Transfer.Direction.DOWNLOAD, label, target.toString(), (listener, signal) -> {
            ArchiveReader.Extracted x = l.reader().extract(entries, strip, target,
                    ResourceOptions.defaults().withCancel(signal), (done, total) -> listener.onProgress(
                            new TransferProgress(TransferProgress.Direction.DOWNLOAD, label, done, total)));
            String text = "Extracted " + x.files() + " files (" + Sizes.text(x.bytes()) + ") to " + target;
            return x.refused().isEmpty() ? text : text + "; refused " + x.refused().size() + ": "
                    + String.join(", ", x.refused());
        }, () -> { });
    }

    /** Stops the running listing or preview. */
    public void cancel() {
        CancelSignal c = cancel;
        if (c != null) {
            c.cancel();
        }
    }

    /** The tab closed: stops what runs and releases the reader. */
    public void dispose() {
        disposed = true;
        cancel();
        Loaded l = loaded.get();
        if (l != null) {
            close(l.reader());
        }
    }

    private void close(ArchiveReader reader) {
        tasks.run(() -> {
            reader.close();
            return reader;
        }, r -> { }, error -> LoggerFactory.getLogger(ArchiveViewModel.class).warn("closing {} failed", resource,
                error));
    }

    private CancelSignal begin(String text) {
        CancelSignal signal = new CancelSignal();
        cancel = signal;
        busy.set(true);
        progress.set(-1);
        status.set(text);
        return signal;
    }

    private void end() {
        busy.set(false);
        progress.set(-1);
        cancel = null;
    }

    /** Read options reporting progress to this view model (at most ~10 updates a second). */
    private ResourceOptions options(CancelSignal signal) {
        long[] last = {0};
        return ResourceOptions.defaults().withCancel(signal).withProgress(p -> {
            long now = System.nanoTime();
            if (now - last[0] > 100_000_000L && p.totalBytes() > 0) {
                last[0] = now;
                double f = p.fraction();
                tasks.runOnUi(() -> {
                    if (busy.get()) {
                        progress.set(f);
                    }
                });
            }
        });
    }
}
