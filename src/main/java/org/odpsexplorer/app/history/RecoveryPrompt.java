package org.odpsexplorer.app.history;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.app.hex.HexPatch;

/**
 * Offered at start-up when unsaved buffers survived a crash or a kill: which resource, when, what kind, and a diff
 * against the current server copy; per buffer <em>Restore into a tab</em> or <em>Discard</em>. <em>Decide later</em>
 * closes the window and keeps the files for the next start.
 */
public final class RecoveryPrompt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** What the window asks of the rest of the app (FX thread; results on the FX thread). */
    public interface Actions {
        /** Opens the resource in a tab and puts the buffer in; {@code done} gets null, or why it did not work. */
        void restore(RecoveryStore.Recovered r, Consumer<@Nullable String> done);

        /** Describes the buffer against the current server copy (diff lines); {@code done} gets them. */
        void compareWithServer(RecoveryStore.Recovered r, Consumer<List<String>> done);
    }

    private final RecoveryStore store;
    private final UiExecutor tasks;
    private final Actions actions;
    private final Stage stage = new Stage();
    private final ListView<RecoveryStore.Recovered> list = new ListView<>();
    private final ListView<String> diff = new ListView<>();
    private final Label status = new Label();

    public RecoveryPrompt(List<RecoveryStore.Recovered> found, RecoveryStore store, UiExecutor tasks, Actions actions,
                          @Nullable Window owner) {
        this.store = store;
        this.tasks = tasks;
        this.actions = actions;
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Recover unsaved changes");
        list.setId("recoveryList");
        list.getItems().setAll(found);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(RecoveryStore.Recovered r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : describe(r));
            }
        });
        diff.setId("recoveryDiff");
        diff.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("diff-added", "diff-removed");
                setText(empty ? null : line);
                if (!empty && line != null && line.startsWith("+") && !line.startsWith("+++")) {
                    getStyleClass().add("diff-added");
                } else if (!empty && line != null && line.startsWith("-") && !line.startsWith("---")) {
                    getStyleClass().add("diff-removed");
                }
            }
        });
        diff.setStyle("-fx-font-family: monospace;");
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, r) -> showDiff(r));

        Button restore = new Button("Restore into a tab");
        restore.setId("recoveryRestore");
        restore.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        restore.setOnAction(e -> restoreSelected());
        Button discard = new Button("Discard");
        discard.setId("recoveryDiscard");
        discard.disableProperty().bind(restore.disableProperty());
        discard.setOnAction(e -> discardSelected());
        Button later = new Button("Decide later");
        later.setId("recoveryLater");
        later.setOnAction(e -> stage.close());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        status.setId("recoveryStatus");
        ToolBar bar = new ToolBar(restore, discard, status, grow, later);

        Label header = new Label("ODPS Explorer did not close normally. These unsaved edits were kept; the diff shows "
                + "each against the current server copy.");
        header.setWrapText(true);
        header.setPadding(new Insets(8));
        SplitPane split = new SplitPane(list, diff);
        split.setDividerPositions(0.38);
        BorderPane root = new BorderPane(split);
        root.setTop(header);
        root.setBottom(bar);
        root.setId("recoveryPrompt");
        stage.setScene(new Scene(root, 900, 480));
    }

    public void show() {
        stage.show();
        list.getSelectionModel().selectFirst();
    }

    public Stage stage() {
        return stage;
    }

    public ListView<RecoveryStore.Recovered> list() {
        return list;
    }

    private static String describe(RecoveryStore.Recovered r) {
        if (r.problem() != null) {
            return "⚠ " + r.id() + ": " + r.problem();
        }
        String text = r.text(); // set for TEXT, as the patch is for HEX, when there is no problem
        HexPatch patch = r.patch();
        String what = text != null ? "text, " + text.length() + " chars"
                : patch != null ? "hex, " + patch.segments().size() + " runs, " + patch.insertedBytes() + " typed bytes"
                : r.kind().toString();
        return r.ref().resource() + "  (" + r.ref().project() + ", mode " + r.mode() + ")\n" + TIME.format(r.time())
                + " · " + what;
    }

    private void showDiff(RecoveryStore.@Nullable Recovered r) {
        diff.getItems().clear();
        if (r == null) {
            return;
        }
        if (r.problem() != null) {
            diff.getItems().setAll("This recovery file cannot be read: " + r.problem(), "Discard it.");
            return;
        }
        diff.getItems().setAll("Comparing with the server copy…");
        actions.compareWithServer(r, lines -> {
            if (list.getSelectionModel().getSelectedItem() == r) {
                diff.getItems().setAll(lines);
            }
        });
    }

    private void restoreSelected() {
        RecoveryStore.Recovered r = list.getSelectionModel().getSelectedItem();
        if (r == null) {
            return;
        }
        if (r.problem() != null) {
            status.setText("This file cannot be restored; discard it");
            return;
        }
        status.setText("Opening " + r.ref().resource() + "…");
        actions.restore(r, why -> {
            if (why != null) {
                status.setText(why);
                return;
            }
            status.setText("Restored " + r.ref().resource() + " into a tab (not saved yet)");
            remove(r);
        });
    }

    private void discardSelected() {
        RecoveryStore.Recovered r = list.getSelectionModel().getSelectedItem();
        if (r != null) {
            status.setText("Discarded " + r.ref().resource());
            remove(r);
        }
    }

    private void remove(RecoveryStore.Recovered r) {
        list.getItems().remove(r);
        BufferJournal.deleteAfterQueuedWrites(store, r.id(), tasks,
                error -> status.setText("Could not delete the recovery file: " + error.getMessage()));
        if (list.getItems().isEmpty()) {
            stage.close();
        } else {
            list.getSelectionModel().selectFirst();
        }
    }
}
