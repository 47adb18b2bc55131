package org.odpsexplorer.app.history;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.UiExecutor;

/**
 * Journals one dirty editor buffer into the {@link RecoveryStore}: {@value #QUIET_MS} ms after the last edit, and
 * at least every {@value #MAX_GAP_MS} ms while edits keep coming. The snapshot is taken on the UI thread (cheap: a
 * string, or a hex patch), the write happens on one shared background thread, so writes keep their order.
 *
 * <p>Threads: {@link #changed()} and {@link #clean()} on the UI thread.
 */
public final class BufferJournal {
    static final long QUIET_MS = 500;
    static final long MAX_GAP_MS = 2000;
    private static final ScheduledExecutorService WRITER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "recovery-journal");
        t.setDaemon(true);
        return t;
    });

    private final RecoveryStore store;
    private final UiExecutor ui;
    private final Function<String, RecoveryStore.@Nullable Recovered> snapshot;
    private final Consumer<Throwable> onError;
    private @Nullable String id;
    private long sequence;
    private long firstPending = -1;
    private @Nullable ScheduledFuture<?> pending;

    /**
     * @param snapshot builds the buffer's record for the given id (UI thread); null when there is nothing to keep
     * @param onError  called on the UI thread when a write failed
     */
    public BufferJournal(RecoveryStore store, UiExecutor ui, Function<String, RecoveryStore.@Nullable Recovered> snapshot,
                         Consumer<Throwable> onError) {
        this.store = store;
        this.ui = ui;
        this.snapshot = snapshot;
        this.onError = onError;
    }

    /** The buffer changed: journal it soon. */
    public void changed() {
        long now = System.currentTimeMillis();
        if (firstPending < 0) {
            firstPending = now;
        }
        ScheduledFuture<?> p = pending;
        if (p != null) {
            p.cancel(false);
        }
        long delay = Math.max(0, Math.min(QUIET_MS, firstPending + MAX_GAP_MS - now));
        pending = WRITER.schedule(() -> ui.runOnUi(this::journalNow), delay, TimeUnit.MILLISECONDS);
    }

    /** Takes a snapshot now and writes it in the background (UI thread). */
    public void journalNow() {
        firstPending = -1;
        pending = null;
        if (id == null) {
            id = RecoveryStore.newId();
        }
        RecoveryStore.Recovered r = snapshot.apply(id);
        if (r == null) {
            return;
        }
        long seq = ++sequence;
        WRITER.execute(() -> {
            try {
                store.save(r, seq);
            } catch (IOException | RuntimeException e) {
                ui.runOnUi(() -> onError.accept(e));
            }
        });
    }

    /** The buffer was saved, reloaded or closed without saving: its recovery file goes. */
    public void clean() {
        ScheduledFuture<?> p = pending;
        if (p != null) {
            p.cancel(false);
        }
        pending = null;
        firstPending = -1;
        String old = id;
        id = null;
        if (old != null) {
            WRITER.execute(() -> {
                try {
                    store.delete(old);
                } catch (IOException | RuntimeException e) {
                    ui.runOnUi(() -> onError.accept(e));
                }
            });
        }
    }

    /**
     * Deletes another buffer's file on the journal's own thread, so it happens after every write queued before it
     * (a restored buffer's first journal write lands before the file it came from goes).
     */
    public static void deleteAfterQueuedWrites(RecoveryStore store, String id, UiExecutor ui,
                                               Consumer<Throwable> onError) {
        WRITER.execute(() -> {
            try {
                store.delete(id);
            } catch (IOException | RuntimeException e) {
                ui.runOnUi(() -> onError.accept(e));
            }
        });
    }

    /** The id of the current recovery file, or null while the buffer is clean. */
    public @Nullable String id() {
        return id;
    }

    /** Waits until every write queued so far is done (tests and the crash driver). */
    public static void awaitWrites() throws InterruptedException {
        try {
            WRITER.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("recovery writer stuck", e);
        }
    }
}
