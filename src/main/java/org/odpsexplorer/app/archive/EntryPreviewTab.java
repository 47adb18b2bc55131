package org.odpsexplorer.app.archive;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.editor.CodeEditor;
import org.odpsexplorer.app.editor.Language;
import org.odpsexplorer.app.editor.TextContent;
import org.odpsexplorer.app.hex.ByteSource;
import org.odpsexplorer.app.hex.HexDocument;
import org.odpsexplorer.app.hex.HexEditorView;
import org.odpsexplorer.app.hex.HexEditorViewModel;

/**
 * A read-only tab showing an archive entry's first bytes: as highlighted text when they decode as text (the editor's
 * detection), else in the hex view. The status line names the encoding and says when the preview stops short.
 */
public final class EntryPreviewTab {
    private final Tab tab = new Tab();
    private final @Nullable CodeEditor editor;
    private final @Nullable HexEditorView hex;

    EntryPreviewTab(String archive, ArchiveViewModel.PreviewContent content, UiExecutor tasks) {
        ArchiveEntry entry = content.preview().entry();
        String name = entry.path().substring(entry.path().lastIndexOf('/') + 1);
        tab.setText(name);
        tab.setTooltip(new Tooltip(archive + "!/" + entry.path() + " (read-only preview)"));
        tab.setId("preview-" + entry.path().replaceAll("[^A-Za-z0-9_-]", "_"));
        tab.setUserData(this);
        BorderPane pane = new BorderPane();
        TextContent text = content.text();
        Label encoding = new Label();
        encoding.setId("previewEncoding");
        if (text != null) {
            CodeEditor code = new CodeEditor(tasks, Language.forResource(entry.path(), "file"));
            code.load(text.text());
            code.area().setEditable(false);
            pane.setCenter(code.node());
            encoding.setText(text.encoding().label() + (text.lineSeparator().equals("\r\n") ? " · CRLF" : " · LF"));
            editor = code;
            hex = null;
        } else {
            HexEditorViewModel vm = new HexEditorViewModel(new HexDocument(ByteSource.of(content.preview().bytes())),
                    tasks);
            vm.editRuleProperty().set(HexEditorViewModel.EditRule.READ_ONLY);
            HexEditorView view = new HexEditorView(vm);
            pane.setCenter(view.root());
            encoding.setText("binary");
            editor = null;
            hex = view;
        }
        Label status = new Label(content.preview().truncated()
                ? "Preview stops at " + Sizes.text(content.preview().bytes().length) + " of "
                + Sizes.text(entry.size()) + " — extract the entry for all of it"
                : "Read-only preview, " + Sizes.text(content.preview().bytes().length));
        status.setId("previewStatus");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(12, status, grow, encoding);
        bar.setPadding(new Insets(2, 8, 2, 8));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("editor-status");
        pane.setBottom(bar);
        tab.setContent(pane);
        tab.setOnClosed(e -> {
            if (editor != null) {
                editor.dispose();
            }
        });
    }

    public Tab tab() {
        return tab;
    }

    /** The text view, or null when the entry is shown in hex. */
    public @Nullable CodeEditor editor() {
        return editor;
    }

    public @Nullable HexEditorView hexView() {
        return hex;
    }
}
