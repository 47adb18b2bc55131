package org.odpsexplorer.app.common;

import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import org.jspecify.annotations.Nullable;

/**
 * One user action — name, optional accelerator and icon, what it does, and when it cannot run — from which menu
 * items and toolbar buttons are made. Every control made from it is greyed out while {@link #disabledProperty()} is
 * true and runs the same action, so the action is one object wherever it appears. FX thread only.
 */
public final class Command {
    private final String name;
    private final Runnable action;
    private final BooleanBinding disabled;
    private @Nullable KeyCombination accelerator;
    private @Nullable Supplier<Node> icon;
    private @Nullable String tooltip;

    /**
     * @param disabled true while the action cannot run (no selection, a read-only tab, nothing to save, …)
     */
    public Command(String name, ObservableBooleanValue disabled, Runnable action) {
        this.name = Objects.requireNonNull(name, "name == null");
        this.action = Objects.requireNonNull(action, "action == null");
        this.disabled = Bindings.createBooleanBinding(disabled::get, disabled);
    }

    /** A command that can always run. */
    public Command(String name, Runnable action) {
        this(name, Bindings.createBooleanBinding(() -> false), action);
    }

    /** Shown on menu items made from now on; a menu item's accelerator also triggers the action. */
    public Command accelerator(KeyCombination value) {
        accelerator = value;
        return this;
    }

    /** Makes the graphic of each control (a node cannot be shown twice, so one per control). */
    public Command icon(Supplier<Node> value) {
        icon = value;
        return this;
    }

    /** Tooltip of the buttons made from now on. */
    public Command tooltip(String value) {
        tooltip = value;
        return this;
    }

    public String name() {
        return name;
    }

    /** True while the action cannot run; every control made from this command is bound to it. */
    public BooleanBinding disabledProperty() {
        return disabled;
    }

    public boolean isDisabled() {
        return disabled.get();
    }

    /** Runs the action unless the command is disabled. */
    public void run() {
        if (!disabled.get()) {
            action.run();
        }
    }

    /** A menu item with this command's name, accelerator and icon, greyed out while disabled. */
    public MenuItem menuItem(@Nullable String id) {
        MenuItem item = new MenuItem(name);
        item.setId(id);
        item.setAccelerator(accelerator);
        if (icon != null) {
            item.setGraphic(icon.get());
        }
        item.disableProperty().bind(disabled);
        item.setOnAction(e -> run());
        return item;
    }

    /** A toolbar button with this command's name, icon and tooltip, greyed out while disabled. */
    public Button button(@Nullable String id) {
        Button button = new Button(name);
        button.setId(id);
        if (icon != null) {
            button.setGraphic(icon.get());
        }
        if (tooltip != null) {
            button.setTooltip(new Tooltip(tooltip));
        }
        button.disableProperty().bind(disabled);
        button.setOnAction(e -> run());
        return button;
    }
}
