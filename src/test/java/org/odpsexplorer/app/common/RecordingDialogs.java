package org.odpsexplorer.app.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test dialogs for view-model tests: nothing is shown. Errors are recorded as {@code title: summary}, messages and confirmations as
 * {@code title: message} and answered with {@link #confirmAnswer}; the save chooser answers {@link #saveTarget}; prompts
 * and open choosers answer nothing. Safe to read from any thread.
 */
public final class RecordingDialogs implements Dialogs {
    public final List<String> errors = new CopyOnWriteArrayList<>();
    public final List<String> confirmations = new CopyOnWriteArrayList<>();
    /** Messages shown with {@link #showInfo}, as {@code title: message}. */
    public final List<String> infos = new CopyOnWriteArrayList<>();
    public volatile boolean confirmAnswer = true;
    public volatile Path saveTarget;

    @Override
    public void showError(String title, Throwable error) {
        errors.add(title + ": " + ErrorText.summary(error));
    }

    @Override
    public void showInfo(String title, String message) {
        infos.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message, String action) {
        confirmations.add(title + ": " + message);
        return confirmAnswer;
    }

    @Override
    public Optional<String> prompt(String title, String label, String initial) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String initialName) {
        return Optional.ofNullable(saveTarget);
    }

    @Override
    public List<Path> chooseOpenFiles(String title) {
        return List.of();
    }
}
