package org.odpsexplorer.app.editor;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.odpsexplorer.app.common.UiExecutor;
import org.reactfx.Subscription;
import org.slf4j.LoggerFactory;

/**
 * A code editor: {@link GuardedCodeArea} with line numbers and asynchronous highlighting (STYLE.md §7): the text is
 * copied on the FX thread, tokens are computed on a worker by {@link Highlighter}, and applied only if no edit
 * happened meanwhile. Call {@link #dispose} when the tab closes.
 */
public final class CodeEditor {
    private final GuardedCodeArea area = new GuardedCodeArea();
    private final VirtualizedScrollPane<GuardedCodeArea> pane = new VirtualizedScrollPane<>(area);
    private final UiExecutor tasks;
    private final Subscription highlighting;
    private Language language;
    private long edits;

    public CodeEditor(UiExecutor tasks, Language language) {
        this.tasks = tasks;
        this.language = Objects.requireNonNull(language, "language == null");
        area.getStyleClass().add("code-editor");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.setId("codeArea");
        Subscription counting = area.plainTextChanges().subscribe(c -> edits++);
        Subscription debounced = area.multiPlainChanges().successionEnds(Duration.ofMillis(150))
                .subscribe(c -> highlightNow());
        this.highlighting = counting.and(debounced);
    }

    public GuardedCodeArea area() {
        return area;
    }

    /** The node to put in the scene: the area inside its scroll pane. */
    public VirtualizedScrollPane<GuardedCodeArea> node() {
        return pane;
    }

    public Language language() {
        return language;
    }

    public void setLanguage(Language language) {
        this.language = language;
        highlightNow();
    }

    /** Loads {@code text} (no undo history, guard bypassed) and highlights it at once. */
    public void load(String text) {
        area.load(text);
        highlightNow();
    }

    /** Starts a highlight pass for the current text; stale results are dropped. */
    public void highlightNow() {
        String text = area.getText();
        long seen = edits;
        Language lang = language;
        tasks.run(() -> toSpans(Highlighter.compute(text, lang), text.length()), spans -> {
            if (seen == edits && area.getLength() == text.length()) {
                area.setStyleSpans(0, spans);
            }
        }, error -> {
            // highlighting is cosmetic: the text stays editable, the failure goes to the log once
            LoggerFactory.getLogger(CodeEditor.class).warn("highlighting failed", error);
        });
    }

    public void dispose() {
        highlighting.unsubscribe();
    }

    static StyleSpans<Collection<String>> toSpans(List<Token> tokens, int length) {
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int pos = 0;
        for (Token t : tokens) {
            if (t.start() > pos) {
                b.add(Collections.emptyList(), t.start() - pos);
            }
            b.add(Collections.singleton(t.style()), t.end() - t.start());
            pos = t.end();
        }
        b.add(Collections.emptyList(), Math.max(0, length - pos));
        return b.create();
    }
}
