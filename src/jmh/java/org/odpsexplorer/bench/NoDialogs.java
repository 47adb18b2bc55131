package org.odpsexplorer.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.odpsexplorer.app.common.Dialogs;

/** The dialogs of a benchmark's view models: any error fails the benchmark, questions get their neutral answer. */
final class NoDialogs implements Dialogs {
    @Override
    public void showError(String title, Throwable error) {
        throw new IllegalStateException(title, error);
    }

    @Override
    public void showInfo(String title, String message) {
    }

    @Override
    public boolean confirm(String title, String message, String action) {
        return true;
    }

    @Override
    public Optional<String> prompt(String title, String label, String initial) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String initialName) {
        return Optional.empty();
    }

    @Override
    public List<Path> chooseOpenFiles(String title) {
        return List.of();
    }
}
