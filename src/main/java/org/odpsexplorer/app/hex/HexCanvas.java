package org.odpsexplorer.app.hex;

import java.util.List;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The virtualized hex grid: one canvas paints only the visible rows (offset, 16 hex bytes, ASCII) from the
 * view model's {@link HexEditorViewModel.Window}; a scroll bar selects the first row, so a 2 GB document costs no
 * more than a small one. Keys: hex digits edit, arrows/Page/Home/End move (Shift selects), Insert toggles insert
 * mode, Delete deletes (insert semantics).
 *
 * <p>A canvas has no CSS of its own, so its colours are CSS properties of this region ({@code -hex-background},
 * {@code -hex-text}, {@code -hex-offset}, {@code -hex-zero}, {@code -hex-caret}, {@code -hex-selection-fill},
 * {@code -hex-stripe-fill}); app.css maps them to the theme's looked-up colours and a theme switch repaints.
 */
final class HexCanvas extends Region {
    private static final int ROW = HexEditorViewModel.ROW;
    private static final StyleablePropertyFactory<HexCanvas> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    // the initial values are the light theme's, used until CSS is applied (and where no stylesheet is, in tests)
    private final StyleableProperty<Color> background =
            colour("background", "-hex-background", c -> c.background, "#fdfdfd");
    private final StyleableProperty<Color> offsetColour =
            colour("offsetColour", "-hex-offset", c -> c.offsetColour, "#7a7f87");
    private final StyleableProperty<Color> text = colour("text", "-hex-text", c -> c.text, "#1f2328");
    private final StyleableProperty<Color> zero = colour("zero", "-hex-zero", c -> c.zero, "#b0b5bb");
    private final StyleableProperty<Color> caret = colour("caret", "-hex-caret", c -> c.caret, "#0969da");
    private final StyleableProperty<Color> selection =
            colour("selection", "-hex-selection-fill", c -> c.selection, "#cfe3fb");
    private final StyleableProperty<Color> stripe = colour("stripe", "-hex-stripe-fill", c -> c.stripe, "#f3f5f8");

    private final HexEditorViewModel vm;
    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private final Font font = Font.font("Monospaced", 13);
    private final double charWidth;
    private final double rowHeight;

    HexCanvas(HexEditorViewModel vm) {
        this.vm = vm;
        getStyleClass().add("hex-canvas");
        setId("hexCanvas");
        Text probe = new Text("0");
        probe.setFont(font);
        charWidth = Math.ceil(probe.getLayoutBounds().getWidth());
        rowHeight = Math.ceil(probe.getLayoutBounds().getHeight() + 3);
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.setMin(0);
        getChildren().addAll(canvas, scroll);
        setFocusTraversable(true);
        setMinSize(200, 100);
        setPrefWidth(totalColumns() * charWidth + 40);

        scroll.valueProperty().addListener((obs, o, n) -> requestVisible());
        vm.windowProperty().addListener((obs, o, n) -> paint());
        vm.versionProperty().addListener((obs, o, n) -> requestVisible());
        vm.sizeProperty().addListener((obs, o, n) -> updateScrollRange());
        vm.caretProperty().addListener((obs, o, n) -> {
            revealCaret();
            paint();
        });
        vm.anchorProperty().addListener((obs, o, n) -> paint());
        vm.lowNibbleProperty().addListener((obs, o, n) -> paint());
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKeyPressed);
        addEventHandler(KeyEvent.KEY_TYPED, this::onKeyTyped);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onMouse);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onMouse);
        addEventHandler(ScrollEvent.SCROLL, e -> scroll.setValue(clampRow(scroll.getValue() - Math.signum(e.getDeltaY()) * 3)));
        focusedProperty().addListener((obs, o, n) -> paint());
        for (StyleableProperty<Color> p : List.of(background, offsetColour, text, zero, caret, selection, stripe)) {
            ((ObservableValue<?>) p).addListener((obs, o, n) -> paint());
        }
        updateScrollRange();
    }

    private StyleableProperty<Color> colour(String property, String cssName,
                                            Function<HexCanvas, StyleableProperty<Color>> getter,
                                            String initial) {
        return CSS.createStyleableColorProperty(this, property, cssName, getter, Color.web(initial));
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }

    /** The colour the canvas paints plain bytes with (for tests: it follows the theme). */
    Color textColour() {
        return text.getValue();
    }

    /** Offset of the first visible row. */
    long firstVisibleOffset() {
        return (long) scroll.getValue() * ROW;
    }

    int visibleRows() {
        return Math.max(1, (int) Math.floor(getHeight() / rowHeight));
    }

    @Override
    protected void layoutChildren() {
        double sw = scroll.prefWidth(-1);
        double w = getWidth() - sw;
        canvas.setWidth(Math.max(0, w));
        canvas.setHeight(getHeight());
        scroll.resizeRelocate(w, 0, sw, getHeight());
        updateScrollRange();
        requestVisible();
    }

    private int totalColumns() {
        return 10 + ROW * 3 + 2 + ROW;
    }

    private long rowCount() {
        return vm.sizeProperty().get() / ROW + 1;
    }

    private void updateScrollRange() {
        double max = Math.max(0, rowCount() - visibleRows());
        scroll.setMax(max);
        scroll.setVisibleAmount(Math.max(1, visibleRows() * Math.max(1, max) / Math.max(1, rowCount())));
        scroll.setBlockIncrement(Math.max(1, visibleRows() - 1));
        scroll.setUnitIncrement(1);
        if (scroll.getValue() > max) {
            scroll.setValue(max);
        }
    }

    private double clampRow(double row) {
        return Math.max(0, Math.min(Math.floor(row), scroll.getMax()));
    }

    private void requestVisible() {
        vm.requestWindow(firstVisibleOffset(), (visibleRows() + 1) * ROW);
    }

    private void revealCaret() {
        long row = vm.caretProperty().get() / ROW;
        long first = (long) scroll.getValue();
        if (row < first) {
            scroll.setValue(clampRow(row));
        } else if (row >= first + visibleRows()) {
            scroll.setValue(clampRow(row - visibleRows() + 1));
        }
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(background.getValue());
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setFont(font);
        g.setTextBaseline(VPos.TOP);
        HexEditorViewModel.Window w = vm.windowProperty().get();
        long size = vm.sizeProperty().get();
        long first = firstVisibleOffset();
        long caret = vm.caretProperty().get();
        long selFrom = vm.anchorProperty().get() < 0 ? -1 : vm.selectionStart();
        long selTo = vm.anchorProperty().get() < 0 ? -1 : vm.selectionEnd();
        double hexX = 10 * charWidth;
        double asciiX = hexX + (ROW * 3 + 2) * charWidth;
        StringBuilder cell = new StringBuilder(2);
        for (int r = 0; r <= visibleRows(); r++) {
            long rowOffset = first + (long) r * ROW;
            if (rowOffset > size) {
                break;
            }
            double y = r * rowHeight;
            if ((rowOffset / ROW) % 2 == 1) {
                g.setFill(stripe.getValue());
                g.fillRect(0, y, canvas.getWidth(), rowHeight);
            }
            g.setFill(offsetColour.getValue());
            g.fillText(HexText.offset(rowOffset, size), 2, y + 1);
            for (int i = 0; i < ROW; i++) {
                long at = rowOffset + i;
                double x = hexX + (i * 3 + (i >= 8 ? 1 : 0)) * charWidth;
                double ax = asciiX + i * charWidth;
                if (at >= selFrom && at <= selTo && at < size) {
                    g.setFill(selection.getValue());
                    g.fillRect(x - 1, y, 2 * charWidth + 2, rowHeight);
                    g.fillRect(ax, y, charWidth, rowHeight);
                }
                if (at == caret) {
                    paintCaret(g, x, ax, y);
                }
                if (at >= size) {
                    continue;
                }
                long idx = at - w.offset();
                if (idx < 0 || idx >= w.bytes().length) {
                    g.setFill(zero.getValue());
                    g.fillText("··", x, y + 1);
                    continue;
                }
                byte b = w.bytes()[(int) idx];
                cell.setLength(0);
                HexText.appendByte(cell, b);
                g.setFill(b == 0 ? zero.getValue() : text.getValue());
                g.fillText(cell.toString(), x, y + 1);
                g.setFill(text.getValue());
                g.fillText(String.valueOf(HexText.ascii(b)), ax, y + 1);
            }
        }
    }

    private void paintCaret(GraphicsContext g, double x, double ax, double y) {
        g.setStroke(caret.getValue());
        g.setLineWidth(isFocused() ? 2 : 1);
        double nibbleX = x + (vm.lowNibbleProperty().get() ? charWidth : 0);
        if (vm.insertModeProperty().get()) {
            g.strokeLine(nibbleX, y + 1, nibbleX, y + rowHeight - 1);
        } else {
            g.strokeLine(nibbleX, y + rowHeight - 1, nibbleX + charWidth, y + rowHeight - 1);
        }
        g.strokeRect(ax, y + 0.5, charWidth, rowHeight - 1);
    }

    private void onMouse(MouseEvent e) {
        requestFocus();
        int row = (int) (e.getY() / rowHeight);
        double hexX = 10 * charWidth;
        double asciiX = hexX + (ROW * 3 + 2) * charWidth;
        int col;
        if (e.getX() >= asciiX) {
            col = (int) ((e.getX() - asciiX) / charWidth);
        } else {
            double rel = (e.getX() - hexX) / charWidth;
            col = (int) ((rel - (rel >= 24 ? 1 : 0)) / 3);
        }
        col = Math.max(0, Math.min(ROW - 1, col));
        long target = firstVisibleOffset() + (long) row * ROW + col;
        vm.setCaret(target, e.getEventType() == MouseEvent.MOUSE_DRAGGED || e.isShiftDown());
        e.consume();
    }

    private void onKeyPressed(KeyEvent e) {
        boolean shift = e.isShiftDown();
        KeyCode code = e.getCode();
        if (e.isShortcutDown()) {
            return;
        }
        switch (code) {
            case LEFT -> vm.moveCaret(-1, shift);
            case RIGHT -> vm.moveCaret(1, shift);
            case UP -> vm.moveCaret(-ROW, shift);
            case DOWN -> vm.moveCaret(ROW, shift);
            case PAGE_UP -> vm.moveCaret(-(long) ROW * visibleRows(), shift);
            case PAGE_DOWN -> vm.moveCaret((long) ROW * visibleRows(), shift);
            case HOME -> vm.setCaret(vm.caretProperty().get() / ROW * ROW, shift);
            case END -> vm.setCaret(Math.min(vm.sizeProperty().get(), vm.caretProperty().get() / ROW * ROW + ROW - 1), shift);
            case INSERT -> vm.insertModeProperty().set(!vm.insertModeProperty().get());
            case DELETE -> vm.deleteAtCaret();
            default -> {
                return;
            }
        }
        paint();
        e.consume();
    }

    private void onKeyTyped(KeyEvent e) {
        if (e.isShortcutDown() || e.getCharacter().isEmpty()) {
            return;
        }
        int digit = Character.digit(e.getCharacter().charAt(0), 16);
        if (digit >= 0) {
            vm.typeHexDigit(digit);
            paint();
            e.consume();
        }
    }
}
