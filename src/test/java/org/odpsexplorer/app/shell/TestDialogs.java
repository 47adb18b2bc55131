package org.odpsexplorer.app.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.ErrorText;
import org.odpsexplorer.app.common.FxDialogs;

/** Real dialogs, except the OS file choosers (which a headless robot can't drive): those answer from fields. */
final class TestDialogs implements Dialogs {
    private final FxDialogs real;
    volatile Path saveTarget;
    volatile Path directory;
    volatile List<Path> openFiles = List.of();

    TestDialogs(Window owner) {
        this.real = new FxDialogs(owner, e -> new String[] {ErrorText.summary(e), ErrorText.details(e)});
    }

    @Override
    public void showError(String title, Throwable error) {
        real.showError(title, error);
    }

    @Override
    public void showInfo(String title, String message) {
        real.showInfo(title, message);
    }

    @Override
    public boolean confirm(String title, String message, String action) {
        return real.confirm(title, message, action);
    }

    @Override
    public SaveChoice askSaveChanges(String name) {
        return real.askSaveChanges(name);
    }

    @Override
    public boolean confirmUsedBy(String resource, List<String> functions, String action, String consequence) {
        return real.confirmUsedBy(resource, functions, action, consequence);
    }

    @Override
    public Optional<String> prompt(String title, String label, String initial) {
        return real.prompt(title, label, initial);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String initialName) {
        return Optional.ofNullable(saveTarget);
    }

    @Override
    public Optional<Path> chooseDirectory(String title) {
        return Optional.ofNullable(directory);
    }

    @Override
    public List<Path> chooseOpenFiles(String title) {
        return openFiles;
    }
}
