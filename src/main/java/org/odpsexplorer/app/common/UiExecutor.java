package org.odpsexplorer.app.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work (network, disk) off the UI thread and delivers the outcome on it. View models receive one by
 * constructor: production uses {@link FxUiExecutor}, tests a same-thread implementation so view models can be
 * tested without a toolkit.
 */
public interface UiExecutor {
    /**
     * Runs {@code work} on a worker; exactly one of {@code onSuccess} and {@code onFailure} is then called on the UI
     * thread. Failures are not logged here: {@code onFailure} is the one handler.
     */
    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code action} on the UI thread (later, or at once if the implementation is synchronous). */
    void runOnUi(Runnable action);
}
