package org.odpsexplorer.app.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Test executor: runs work and callbacks at once on the calling thread; every failure goes to onFailure. */
public final class SameThreadUiExecutor implements UiExecutor {
    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void runOnUi(Runnable action) {
        action.run();
    }
}
