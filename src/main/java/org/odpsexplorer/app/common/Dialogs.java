package org.odpsexplorer.app.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * User questions and messages, behind an interface so view models don't build nodes. All methods are called on the
 * FX thread and block in a nested event loop until answered (like {@code showAndWait}).
 */
public interface Dialogs {
    /** Shows a failure: what failed ({@code title}), the server's code, message and request id when known; copyable. */
    void showError(String title, Throwable error);

    /** Shows a plain message. */
    void showInfo(String title, String message);

    /** Asks a yes/no question; {@code action} labels the OK button (e.g. "Delete"). */
    boolean confirm(String title, String message, String action);

    /**
     * Warns that {@code functions} use {@code resource} before {@code action} (e.g. "Delete") changes or removes it;
     * true when the user goes on, false on Cancel (the default button). {@code consequence} says what happens to them.
     */
    default boolean confirmUsedBy(String resource, List<String> functions, String action,
                                  String consequence) {
        return confirm(resource + " is used by " + functions.size() + (functions.size() == 1 ? " function" : " functions"),
                FunctionUsage.usedByLine(functions) + ".\n" + consequence, action + " anyway");
    }

    /** The answers to {@link #askSaveChanges}. */
    enum SaveChoice { SAVE, DISCARD, CANCEL }

    /**
     * Asks whether to save the unsaved changes of {@code name} before it closes: Save, Discard or Cancel (keeps it
     * open). The default answers from {@link #confirm} (Discard or Cancel), for dialogs that show no window.
     */
    default SaveChoice askSaveChanges(String name) {
        return confirm("Save changes to " + name + "?", name + " has unsaved changes.", "Discard")
                ? SaveChoice.DISCARD : SaveChoice.CANCEL;
    }

    /** Asks for one line of text. */
    Optional<String> prompt(String title, String label, String initial);

    /** Asks where to save a file. */
    Optional<Path> chooseSaveFile(String title, String initialName);

    /** Asks for files to open (e.g. to upload). */
    List<Path> chooseOpenFiles(String title);

    /** Asks for a folder (e.g. to extract archive entries into); empty when cancelled or not supported. */
    default Optional<Path> chooseDirectory(String title) {
        return Optional.empty();
    }
}
