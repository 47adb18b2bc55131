package org.odpsexplorer.app.grid;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.ErrorText;

/** Test dialogs: confirmations answer {@link #confirmAnswer}, errors are recorded, the save target is preset. */
final class ScriptedDialogs implements Dialogs {
    final List<String> errors = new CopyOnWriteArrayList<>();
    final List<String> confirmations = new CopyOnWriteArrayList<>();
    volatile boolean confirmAnswer = true;
    volatile Path saveTarget;

    @Override
    public void showError(String title, Throwable error) {
        errors.add(title + ": " + ErrorText.summary(error));
    }

    @Override
    public void showInfo(String title, String message) {
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
