package org.odpsexplorer.app.editor;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Command;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.hex.HexEditorView;
import org.odpsexplorer.app.hex.HexEditorViewModel;
import org.odpsexplorer.app.history.BufferJournal;
import org.odpsexplorer.app.history.HistoryRef;
import org.odpsexplorer.app.history.RecoveryStore;
import org.odpsexplorer.sdk.model.ResourceInfo;

/**
 * One editor tab: header (name, dirty dot, mode badge), toolbar (Save, Truncate at caret, Save As…, Reload), the text
 * or hex editor, and a status line (state, encoding, caret, save progress). Enforces the open mode: {@code r}
 * read-only, {@code a}/{@code a+} edits only after the loaded content, {@code w}/{@code w+} start empty.
 */
public final class ResourceEditorTab {
    private final ResourceEditorViewModel vm;
    private final UiExecutor tasks;
    private final Tab tab = new Tab();
    private final BorderPane content = new BorderPane();
    private final Label title = new Label();
    private final Label badge = new Label();
    private final Label status = new Label();
    private final Label encoding = new Label();
    private final Label caret = new Label();
    private final ProgressBar progress = new ProgressBar();
    private @Nullable ToolBar toolBar;
    private @Nullable CodeEditor codeEditor;
    private @Nullable HexEditorView hexView;
    private boolean loading;
    private @Nullable BufferJournal recovery;
    private @Nullable HistoryRef recoveryRef;
    /** The version a hex document's original is (its edits are a patch against it, even after saves). */
    private RecoveryStore.@Nullable Base hexBase;

    private final Command saveCommand;
    private final Command truncateCommand;
    private final Command saveAsCommand;
    private final Command reloadCommand;
    private final Command reopenEncodingCommand;
    private final Command saveEncodingCommand;

    public ResourceEditorTab(ResourceEditorViewModel vm, UiExecutor tasks, Node icon) {
        this.vm = vm;
        this.tasks = tasks;
        boolean readOnly = vm.mode().readOnly();
        boolean rewrites = !readOnly && !vm.mode().appendOnly();
        BooleanBinding notOpen = vm.openedProperty().isNull();
        BooleanExpression busy = vm.busyProperty();
        BooleanBinding notText = Bindings.createBooleanBinding(() -> vm.openedProperty().get() == null
                || vm.openedProperty().get().text() == null, vm.openedProperty());
        saveCommand = new Command("Save", readOnly ? always() : notOpen.or(vm.dirtyProperty().not()).or(busy), this::save)
                .tooltip("Save to the server (Ctrl+S)");
        truncateCommand = new Command("Truncate at caret", rewrites ? notOpen : always(), this::truncateAtCaret);
        // Save As streams the content (any size), but not before it arrived (nor after a failed open)
        saveAsCommand = new Command("Save As…", notOpen, this::saveAs);
        reloadCommand = new Command("Reload", this::reload);
        reopenEncodingCommand = new Command("Reopen with encoding…", notText.or(busy), this::reopenWithEncoding);
        saveEncodingCommand = new Command("Save with encoding…", rewrites ? notText.or(busy) : always(),
                this::saveWithEncoding);
        tab.setUserData(this);
        tab.getStyleClass().add("resource-tab");
        badge.setText(vm.mode().text());
        badge.getStyleClass().add("mode-badge");
        badge.setId("modeBadge");
        if (vm.mode().readOnly()) {
            badge.getStyleClass().add("read-only");
        } else if (vm.mode().appendOnly()) {
            badge.getStyleClass().add("append");
        }
        badge.setTooltip(new Tooltip("Opened in mode " + vm.mode().text() + ": " + vm.mode().description()));
        HBox header = new HBox(5, icon, title, badge);
        header.setAlignment(Pos.CENTER_LEFT);
        tab.setGraphic(header);
        title.textProperty().bind(vm.nameProperty().concat(Bindings.when(vm.dirtyProperty())
                .then(" ●").otherwise("")));
        tab.setTooltip(new Tooltip());
        tab.getTooltip().textProperty().bind(vm.nameProperty());

        ToolBar bar = new ToolBar(saveCommand.button("saveButton"), truncateCommand.button("truncateButton"),
                saveAsCommand.button("saveAsButton"), new Separator(), reloadCommand.button("reloadButton"));
        toolBar = bar;
        bar.disableProperty().bind(vm.busyProperty());
        Button cancelWork = new Button("Cancel");
        cancelWork.setId("cancelWorkButton");
        cancelWork.setTooltip(new Tooltip("Stop opening or saving; the server copy stays as it was"));
        cancelWork.setOnAction(e -> vm.cancel());
        cancelWork.visibleProperty().bind(vm.cancellableProperty());
        cancelWork.managedProperty().bind(cancelWork.visibleProperty());
        content.setTop(bar);
        content.setCenter(new Label("Opening…"));

        progress.setPrefWidth(140);
        progress.visibleProperty().bind(vm.progressProperty().greaterThanOrEqualTo(0));
        progress.managedProperty().bind(progress.visibleProperty());
        progress.progressProperty().bind(vm.progressProperty());
        progress.setId("saveProgress");
        status.textProperty().bind(vm.statusProperty());
        status.setId("editorStatus");
        encoding.setId("encodingLabel");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox statusBar = new HBox(12, status, grow, progress, cancelWork, caret, encoding,
                new Label("mode " + vm.mode().text()));
        statusBar.setPadding(new Insets(2, 8, 2, 8));
        statusBar.setAlignment(Pos.CENTER_LEFT);
        statusBar.getStyleClass().add("editor-status");
        content.setBottom(statusBar);
        tab.setContent(content);

        content.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
                e.consume();
                save();
            }
        });
        vm.openedProperty().addListener((obs, o, opened) -> {
            if (opened != null) {
                show(opened);
            }
        });
        vm.dirtyProperty().addListener((obs, o, dirty) -> {
            if (!dirty && recovery != null) {
                recovery.clean();
            }
        });
        vm.conflictProperty().addListener((obs, o, conflict) -> {
            if (conflict != null) {
                onConflict(conflict);
            }
        });
        tab.setOnCloseRequest(e -> {
            if (!confirmClose()) {
                e.consume();
            }
        });
        tab.setOnClosed(e -> dispose());
        tab.setContextMenu(tabMenu());
        encoding.setOnMouseClicked(e -> {
            if (codeEditor != null) {
                tab.getContextMenu().show(encoding, Side.TOP, 0, 0);
            }
        });
        vm.addSavedListener((info, savedText) -> {
            CodeEditor editor = codeEditor;
            if (editor != null && savedText != null && vm.mode().appendOnly()) {
                editor.area().setProtectedLength(Math.min(savedText.length(), editor.area().getLength()));
            }
            showEncoding();
            if (hexView != null && info.size() >= 0) {
                encoding.setText("binary · " + info.size() + " bytes");
            }
        });
    }

    private ContextMenu tabMenu() {
        return new ContextMenu(reopenEncodingCommand.menuItem("menuReopenEncoding"),
                saveEncodingCommand.menuItem("menuSaveEncoding"));
    }

    /**
     * Save (toolbar, the window's File menu): greyed out unless the tab is editable, open and has unsaved changes,
     * and nothing else runs. Ctrl+S calls {@link #save()} even then, which says why nothing was written.
     */
    public Command saveCommand() {
        return saveCommand;
    }

    private static BooleanBinding always() {
        return Bindings.createBooleanBinding(() -> true);
    }

    private Optional<TextEncoding> askEncoding(String title, String header) {
        TextEncoding current = vm.encoding();
        ChoiceDialog<TextEncoding> dialog = new ChoiceDialog<>(
                current != null && TextEncoding.CHOICES.contains(current) ? current : TextEncoding.UTF_8,
                TextEncoding.CHOICES);
        dialog.initOwner(window());
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.setContentText("Encoding");
        dialog.getDialogPane().setId("encodingDialog");
        return dialog.showAndWait();
    }

    private void reopenWithEncoding() {
        if (codeEditor == null) {
            return;
        }
        if (vm.dirtyProperty().get() && !confirm("Reopen " + vm.getName() + "?", "Your unsaved changes will be lost.")) {
            return;
        }
        askEncoding("Reopen with encoding", "Show " + vm.getName() + " decoded as:").ifPresent(vm::reopenWithEncoding);
    }

    private void saveWithEncoding() {
        CodeEditor editor = codeEditor;
        if (editor == null) {
            return;
        }
        askEncoding("Save with encoding", "Save " + vm.getName() + " encoded as:").ifPresent(enc -> {
            String text = editor.area().getText();
            int refused = enc.firstUnencodable(text);
            if (refused >= 0) {
                // the view model refuses with line and column; the caret shows the character
                editor.area().moveTo(refused);
                editor.area().requestFollowCaret();
            }
            vm.saveWithEncoding(enc, text);
        });
    }

    private void showEncoding() {
        TextEncoding enc = vm.encoding();
        ResourceEditorViewModel.Opened o = vm.openedProperty().get();
        if (enc == null || o == null || o.text() == null) {
            return;
        }
        boolean guessed = o.text().guessed() && enc.equals(o.text().encoding());
        encoding.setText(enc.label() + (guessed ? " (guessed)" : "")
                + (o.text().lineSeparator().equals("\r\n") ? " · CRLF" : " · LF"));
        encoding.setTooltip(new Tooltip("Encoding of " + vm.getName() + (guessed ? ", guessed: the detector had no "
                + "sure answer" : "") + ". Right-click the tab: Reopen with encoding… / Save with encoding…"));
    }

    public Tab tab() {
        return tab;
    }

    public ResourceEditorViewModel viewModel() {
        return vm;
    }

    /** The text editor, or null for a hex tab or before the content arrived. */
    public @Nullable CodeEditor codeEditor() {
        return codeEditor;
    }

    public @Nullable HexEditorView hexView() {
        return hexView;
    }

    private void show(ResourceEditorViewModel.Opened opened) {
        if (codeEditor != null) {
            codeEditor.dispose();
            codeEditor = null;
        }
        hexView = null;
        if (opened.view() == ResourceEditorViewModel.View.TEXT && opened.text() != null) {
            TextContent text = opened.text();
            CodeEditor editor = new CodeEditor(tasks, Language.forResource(vm.getName(), vm.type().wireName()));
            codeEditor = editor;
            GuardedCodeArea area = editor.area();
            loading = true;
            editor.load(text.text());
            loading = false;
            area.setEditable(!vm.mode().readOnly());
            if (vm.mode().appendOnly()) {
                area.setProtectedLength(area.getLength());
                area.moveTo(area.getLength());
                // the protected region grows only after a successful upload, so nothing may change while it runs
                vm.busyProperty().addListener((obs, was, busy) -> {
                    if (codeEditor == editor) {
                        area.setEditable(!busy);
                    }
                });
            }
            area.setOnRefused(() -> statusMessage(vm.mode().readOnly() ? "Read-only (mode r)"
                    : "Append mode: text can only be added at the end"));
            area.plainTextChanges().subscribe(c -> {
                if (!loading) {
                    vm.dirtyProperty().set(true);
                    if (recovery != null) {
                        recovery.changed();
                    }
                }
            });
            area.caretPositionProperty().addListener((obs, o, n) -> caret.setText(
                    "Ln " + (area.getCurrentParagraph() + 1) + ", Col " + (area.getCaretColumn() + 1)));
            showEncoding();
            content.setCenter(editor.node());
            area.requestFocus();
        } else if (opened.hex() != null) {
            HexEditorViewModel hvm = new HexEditorViewModel(opened.hex(), tasks);
            hvm.editRuleProperty().set(vm.mode().readOnly() ? HexEditorViewModel.EditRule.READ_ONLY
                    : vm.mode().appendOnly() ? HexEditorViewModel.EditRule.APPEND_ONLY : HexEditorViewModel.EditRule.FREE);
            hvm.modifiedProperty().addListener((obs, o, n) -> vm.dirtyProperty().set(n));
            hexBase = base(vm.infoProperty().get());
            hvm.versionProperty().addListener((obs, o, n) -> {
                if (recovery != null && vm.dirtyProperty().get()) {
                    recovery.changed();
                }
            });
            vm.dirtyProperty().addListener((obs, o, n) -> {
                if (!n) {
                    hvm.markSaved();
                }
            });
            HexEditorView view = new HexEditorView(hvm);
            hexView = view;
            encoding.setText("binary · " + opened.hex().size() + " bytes");
            content.setCenter(view.root());
            view.focus();
        }
        if (!opened.notice().isEmpty()) {
            statusMessage(opened.notice());
        }
    }

    private void statusMessage(String text) {
        status.textProperty().unbind();
        status.setText(text);
        vm.statusProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends String> obs, String o, String n) {
                vm.statusProperty().removeListener(this);
                status.textProperty().bind(vm.statusProperty());
            }
        });
    }

    /** Ctrl+S: a safe flush; a changed server copy leads to the conflict dialog. */
    public void save() {
        if (vm.mode().readOnly()) {
            statusMessage("Read-only: opened in mode " + vm.mode().text());
            return;
        }
        if (codeEditor != null) {
            String text = codeEditor.area().getText();
            TextEncoding.UnencodableException refused = vm.dirtyProperty().get() ? vm.unencodable(text) : null;
            if (refused != null) {
                // the view model refuses and says why; the caret goes to the character so the user sees it
                codeEditor.area().moveTo(refused.index());
                codeEditor.area().requestFollowCaret();
            }
            // in a/a+ the protected region moves in the saved listener, i.e. only once the upload succeeded
            vm.saveText(text);
        } else if (hexView != null) {
            vm.saveHex();
        }
    }

    /** Cuts the content at the caret; written by the next save, which ends with {@code truncate()}. */
    public void truncateAtCaret() {
        if (vm.mode().readOnly() || vm.mode().appendOnly()) {
            return;
        }
        if (codeEditor != null) {
            GuardedCodeArea area = codeEditor.area();
            area.deleteText(area.getCaretPosition(), area.getLength());
            vm.markTruncated();
        } else if (hexView != null) {
            HexEditorViewModel hvm = hexView.viewModel();
            long at = hvm.caretProperty().get();
            long size = hvm.document().size();
            if (at < size) {
                hvm.document().delete(at, size - at);
                hvm.setCaret(at, false);
                vm.dirtyProperty().set(true);
                if (recovery != null) {
                    recovery.changed();
                }
            }
        }
    }

    private void saveAs() {
        Optional<SaveAsDialog.Target> target = SaveAsDialog.ask(window(), vm.getName(), vm.type());
        if (target.isEmpty()) {
            return;
        }
        // an existing name is confirmed first, with the functions that use it, before anything is written
        vm.saveAsAsking(target.get().name(), target.get().type(), currentContent());
    }

    /** The content for Save As: a hex document is streamed as it is now (a snapshot), never copied into an array. */
    private ResourceEditorViewModel.StreamSupplier currentContent() {
        HexEditorView h = hexView;
        if (codeEditor == null && h != null) {
            InputStream snapshot = h.viewModel().document().openStream(0);
            return () -> snapshot;
        }
        ResourceEditorViewModel.BytesSupplier bytes = currentBytes();
        return () -> new ByteArrayInputStream(bytes.get());
    }

    private ResourceEditorViewModel.BytesSupplier currentBytes() {
        if (codeEditor != null) {
            String text = codeEditor.area().getText();
            TextContent original = vm.openedProperty().get() == null ? null : vm.openedProperty().get().text();
            return () -> original == null ? text.getBytes(StandardCharsets.UTF_8) : original.toBytes(text);
        }
        return () -> new byte[0]; // no editor yet (still opening): nothing to save
    }

    private void reload() {
        if (vm.dirtyProperty().get() && !confirm("Reload " + vm.getName() + "?", "Your unsaved changes will be lost.")) {
            return;
        }
        vm.takeTheirs();
    }

    private void onConflict(ResourceEditorViewModel.Conflict conflict) {
        ConflictDialog.Choice choice = ConflictDialog.ask(window(), vm.getName(), conflict);
        switch (choice) {
            case KEEP_MINE -> vm.keepMine();
            case TAKE_THEIRS -> vm.takeTheirs();
            case CANCEL -> vm.cancelConflict();
        }
    }

    /** Asks about unsaved changes; true when the tab may close. Saving here closes only once the save succeeded. */
    public boolean confirmClose() {
        if (!vm.dirtyProperty().get()) {
            return true;
        }
        Dialogs.SaveChoice answer = vm.dialogs().askSaveChanges(vm.getName());
        if (answer == Dialogs.SaveChoice.DISCARD) {
            return true;
        }
        if (answer == Dialogs.SaveChoice.SAVE) {
            save();
        }
        return false;
    }

    private boolean confirm(String header, String text) {
        return vm.dialogs().confirm(header, text, "OK");
    }

    private @Nullable Window window() {
        return content.getScene() == null ? null : content.getScene().getWindow();
    }

    /** Releases the handle and the highlighter; called when the tab closes. The buffer's recovery file goes too. */
    public void dispose() {
        if (codeEditor != null) {
            codeEditor.dispose();
        }
        if (recovery != null) {
            recovery.clean();
        }
        vm.release();
    }

    // ---------------------------------------------------------------- crash recovery (issue 14)

    /**
     * Journals this tab's unsaved buffer into {@code store} while it is dirty: the text whole, hex edits as a patch
     * against the version the document was opened from.
     */
    public void enableRecovery(RecoveryStore store, HistoryRef ref) {
        recoveryRef = ref;
        recovery = new BufferJournal(store, tasks, this::recoverySnapshot,
                error -> statusMessage("Unsaved changes could not be journaled: " + error.getMessage()));
    }

    /** Adds a "History" button to the toolbar that runs {@code action}. */
    public void addHistoryButton(Runnable action) {
        Button history = new Command("History", action).tooltip("Local versions of this resource")
                .button("historyButton");
        Objects.requireNonNull(toolBar).getItems().add(history);
    }

    /** The journal of this tab's unsaved buffer, or null when recovery is off. */
    public @Nullable BufferJournal recovery() {
        return recovery;
    }

    private RecoveryStore.@Nullable Recovered recoverySnapshot(String id) {
        HistoryRef ref = recoveryRef;
        if (ref == null || !vm.dirtyProperty().get()) {
            return null;
        }
        HistoryRef now = ref.withResource(vm.getName());
        Instant time = Instant.now();
        if (codeEditor != null) {
            return new RecoveryStore.Recovered(id, now, vm.mode().text(), RecoveryStore.Kind.TEXT,
                    base(vm.infoProperty().get()), time, codeEditor.area().getText(), null, null);
        }
        if (hexView != null && hexBase != null) {
            return new RecoveryStore.Recovered(id, now, vm.mode().text(), RecoveryStore.Kind.HEX, hexBase, time, null,
                    hexView.viewModel().document().edits(), null);
        }
        return null;
    }

    private static RecoveryStore.Base base(@Nullable ResourceInfo info) {
        if (info == null) {
            return new RecoveryStore.Base("", -1, -1);
        }
        return new RecoveryStore.Base(info.md5() == null ? "" : info.md5().toLowerCase(Locale.ROOT),
                info.size(), info.lastModifiedTime() == null ? -1 : info.lastModifiedTime().toEpochMilli());
    }

    /**
     * Puts a recovered buffer into this tab once its content is loaded. If the server copy is still the version the
     * buffer was based on, the tab simply becomes dirty with it; if it changed, a text buffer leads into the conflict
     * dialog (Keep mine / Take theirs / Cancel) and a hex buffer, whose edits only make sense against its own base,
     * is refused.
     *
     * @param done called on the FX thread with null when restored, else why not
     */
    public void restoreRecovered(RecoveryStore.Recovered r, Consumer<@Nullable String> done) {
        if (vm.openedProperty().get() == null) {
            vm.openedProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends ResourceEditorViewModel.Opened> obs,
                                    ResourceEditorViewModel.Opened o, ResourceEditorViewModel.Opened n) {
                    if (n != null) {
                        vm.openedProperty().removeListener(this);
                        restoreRecovered(r, done);
                    }
                }
            });
            return;
        }
        RecoveryStore.Base now = base(vm.infoProperty().get());
        boolean sameBase = now.size() == r.base().size()
                && (now.md5().isEmpty() || r.base().md5().isEmpty() || now.md5().equals(r.base().md5()));
        if (r.kind() == RecoveryStore.Kind.TEXT && codeEditor != null && r.text() != null) {
            codeEditor.area().replaceText(r.text());
            if (recovery != null) {
                // journaled at once, before the prompt deletes the file it came from
                recovery.journalNow();
            }
            if (!sameBase) {
                vm.conflictWithRecovered(codeEditor.area().getText(), expectedInfo(r));
            }
            done.accept(null);
        } else if (r.kind() == RecoveryStore.Kind.HEX && hexView != null && r.patch() != null) {
            if (!sameBase) {
                done.accept("The server copy of " + vm.getName() + " changed since the edits were made (MD5 "
                        + r.base().md5() + " then, " + now.md5() + " now); byte edits can only be replayed on the "
                        + "version they were made against.");
                return;
            }
            try {
                hexView.viewModel().applyEdits(r.patch());
                vm.dirtyProperty().set(true);
                if (recovery != null) {
                    recovery.journalNow();
                }
                done.accept(null);
            } catch (IllegalArgumentException e) {
                done.accept("The recovered edits do not fit " + vm.getName() + ": " + e.getMessage());
            }
        } else {
            done.accept(vm.getName() + " opened as " + (codeEditor != null ? "text" : "hex") + ", the recovered buffer is "
                    + r.kind().name().toLowerCase(Locale.ROOT));
        }
    }

    private ResourceInfo expectedInfo(RecoveryStore.Recovered r) {
        return new ResourceInfo(vm.getName(), vm.type(), null, null, null, r.base().size(), null,
                r.base().modified() < 0 ? null : Instant.ofEpochMilli(r.base().modified()),
                r.base().md5().isEmpty() ? null : r.base().md5(), false, null, null);
    }
}
