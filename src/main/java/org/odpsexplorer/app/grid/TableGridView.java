package org.odpsexplorer.app.grid;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.common.Dialogs;
import org.odpsexplorer.app.common.UiExecutor;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsType;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * The grid of one table resource: toolbar (paging, go to row, page size, time zone, write and export actions), the
 * partition picker on the left, the records in a {@link TableView} (row numbers, headers with name and type, values
 * rendered by type) and the status line "rows x–y of N", x–y being the rows on screen: after every layout pass the
 * view reports them to the view model. Scrolling to an edge of the held rows loads the next or previous page. Binds
 * to a {@link TableGridViewModel}; FX thread only.
 */
public final class TableGridView {
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Shanghai"),
            ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"), ZoneId.systemDefault());

    private final TableGridViewModel vm;
    private final UiExecutor tasks;
    private final Dialogs dialogs;
    private final BorderPane root = new BorderPane();
    private final TableView<RecordWindow.Row> table = new TableView<>();
    private final PartitionPickerView picker;
    private final ExportViewModel export;
    private final Label status = new Label();
    private final Label source = new Label();
    /** Absolute index of the top visible row, to keep the viewport still when rows are dropped or prepended. */
    private long topRow = -1;
    /**
     * A restored top row (0-based, absolute) not yet confirmed on screen; -1 when none. Scrolling a flow that has not
     * measured its rows lands near the row, not on it, so each layout pass checks and scrolls again, a few times.
     */
    private long pendingTop = -1;
    private int topAttempts;
    /** Runs after each layout pass of the scene the grid is in, so the reported rows are the ones drawn. */
    private final Runnable reportVisible = this::reportVisibleRows;
    private @Nullable VirtualFlow<?> flow;

    public TableGridView(TableGridViewModel vm, UiExecutor tasks, Dialogs dialogs) {
        this.vm = vm;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.export = new ExportViewModel(vm.backend(), tasks, dialogs);
        this.picker = new PartitionPickerView(vm.picker(), vm::resourcePartition);
        root.setId("tableGrid");

        table.setId("gridTable");
        table.setItems(vm.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No rows"));
        vm.schemaProperty().addListener((obs, o, n) -> buildColumns(n));
        vm.zoneProperty().addListener((obs, o, n) -> table.refresh());
        vm.focusRowProperty().addListener((obs, o, n) -> focus(n));
        vm.scrollRequestProperty().addListener((obs, o, n) -> {
            pendingTop = n == null ? -1 : n;
            topAttempts = 0;
            if (n != null) {
                scrollToTop(n);
            }
        });
        vm.rows().addListener((ListChangeListener<RecordWindow.Row>) c -> keepViewport());
        table.skinProperty().addListener((obs, o, n) -> {
            flow = null;
            hookScrolling();
        });
        table.sceneProperty().addListener((obs, o, n) -> {
            // a closed tab leaves the scene, and with it the listener
            if (o != null) {
                o.removePostLayoutPulseListener(reportVisible);
            }
            if (n != null) {
                n.addPostLayoutPulseListener(reportVisible);
            }
        });

        status.setId("gridStatus");
        status.getStyleClass().add("grid-status");
        status.textProperty().bind(vm.statusProperty());
        source.setId("gridSource");
        vm.sourceProperty().addListener((obs, o, n) -> {
            source.setText(vm.resourceName() + " → " + (n == null ? "?" : n.format()));
            picker.refreshMarks();
        });
        vm.picker().selectedProperty().addListener((obs, o, n) -> {
            if (n != null && !n.spec().equals(vm.partitionProperty().get())) {
                vm.showPartition(n.spec());
            }
        });

        SplitPane split = new SplitPane(picker.root(), table);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(picker.root(), false);
        root.setTop(toolbar());
        root.setCenter(split);
        root.setBottom(bottom());
        source.getStyleClass().add("grid-status");
    }

    private VBox toolbar() {
        Button first = button("First", "gridFirst", "First page", vm::firstPage);
        Button prev = button("◀ Prev", "gridPrev", "Previous page", vm::previousPage);
        Button next = button("Next ▶", "gridNext", "Next page", vm::nextPage);
        Button last = button("Last", "gridLast", "Last page", vm::lastPage);
        TextField go = new TextField();
        go.setId("gridGoto");
        go.setPromptText("go to row");
        go.setPrefColumnCount(8);
        go.setOnAction(e -> {
            String text = go.getText().replace(",", "").replace("_", "").trim();
            try {
                vm.goToRow(Long.parseLong(text));
            } catch (NumberFormatException ex) {
                go.selectAll(); // not a number: leave it for the user to fix
            }
        });
        ComboBox<Integer> pageSize = new ComboBox<>();
        pageSize.setId("gridPageSize");
        pageSize.getItems().addAll(50, 100, 200, 500, 1000, 5000);
        pageSize.setValue(vm.pageSizeProperty().get());
        pageSize.valueProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.pageSizeProperty().set(n);
            }
        });
        pageSize.setTooltip(new Tooltip("Rows per page"));
        ComboBox<ZoneId> zone = new ComboBox<>();
        zone.setId("gridZone");
        for (ZoneId z : ZONES) {
            if (!zone.getItems().contains(z)) {
                zone.getItems().add(z);
            }
        }
        zone.valueProperty().bindBidirectional(vm.zoneProperty());
        zone.setTooltip(new Tooltip("Time zone of DATETIME and TIMESTAMP values"));
        Button append = button("Append rows…", "gridAppend", "Stage rows and append them in one session",
                () -> openStaging());
        Button export = button("Export CSV…", "gridExport", "Export the partition or the selected rows",
                this::openExport);
        Button point = button("Point resource here", "gridPoint", "Re-point the table resource at this partition",
                () -> vm.pointResourceHere());
        Button refresh = button("⟳", "gridRefresh", "Reload the partition", vm::refresh);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox.setHgrow(source, Priority.ALWAYS);
        source.setMaxWidth(Double.MAX_VALUE);
        return new VBox(new ToolBar(first, prev, next, last, go, new Label("Page"), pageSize, new Label("Zone"), zone,
                refresh), new ToolBar(source, gap, append, export, point));
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private HBox bottom() {
        ProgressBar progress = new ProgressBar();
        progress.setId("exportProgress");
        progress.progressProperty().bind(export.progressProperty());
        Button cancel = new Button("Cancel export");
        cancel.setId("exportCancel");
        cancel.setOnAction(e -> export.cancel());
        Label exportMessage = new Label();
        exportMessage.setId("exportMessage");
        exportMessage.textProperty().bind(export.messageProperty());
        progress.visibleProperty().bind(export.runningProperty());
        progress.managedProperty().bind(export.runningProperty());
        cancel.visibleProperty().bind(export.runningProperty());
        cancel.managedProperty().bind(export.runningProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox box = new HBox(8, status, gap, exportMessage, progress, cancel);
        box.setStyle("-fx-alignment: center-left; -fx-padding: 0 8 0 0;");
        return box;
    }

    private void buildColumns(@Nullable TableSchema schema) {
        table.getColumns().clear();
        if (schema == null) {
            return;
        }
        TableColumn<RecordWindow.Row, RecordWindow.Row> number = new TableColumn<>("#");
        number.setId("col-rownum");
        number.setSortable(false);
        number.setPrefWidth(70);
        number.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        number.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(RecordWindow.Row item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format(Locale.ROOT, "%,d", item.index() + 1));
                getStyleClass().remove("grid-rownum");
                getStyleClass().add("grid-rownum");
            }
        });
        table.getColumns().add(number);
        List<Column> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            table.getColumns().add(column(columns.get(i), i));
        }
    }

    private TableColumn<RecordWindow.Row, @Nullable Object> column(Column c, int index) {
        TableColumn<RecordWindow.Row, @Nullable Object> col = new TableColumn<>();
        col.setId("col-" + c.name());
        Label name = new Label(c.name());
        name.getStyleClass().add("grid-header-name");
        Label type = new Label(c.type().lowerTypeName());
        type.getStyleClass().add("grid-header-type");
        VBox header = new VBox(name, type);
        header.setStyle("-fx-alignment: center;");
        col.setGraphic(header);
        col.setSortable(false);
        col.setPrefWidth(switch (c.type().kind()) {
            case DATETIME, TIMESTAMP, TIMESTAMP_NTZ -> 170;
            case STRING, VARCHAR, CHAR, JSON, BINARY, DECIMAL -> 130;
            default -> Math.max(80, Math.min(220, 10 * c.name().length() + 40));
        });
        col.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().values().size() > index
                ? f.getValue().values().get(index) : null));
        boolean numeric = isNumeric(c.type());
        col.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(@Nullable Object item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("grid-null", "grid-hex", "grid-number");
                if (empty) {
                    setText(null);
                    return;
                }
                setText(ValueText.render(item, vm.zoneProperty().get()));
                if (item == null) {
                    getStyleClass().add("grid-null");
                } else if (ValueText.isUndecodable(item)) {
                    getStyleClass().add("grid-hex");
                } else if (numeric) {
                    getStyleClass().add("grid-number");
                }
            }
        });
        return col;
    }

    private static boolean isNumeric(OdpsType type) {
        return switch (type.kind()) {
            case BIGINT, INT, SMALLINT, TINYINT, DOUBLE, FLOAT, DECIMAL -> true;
            default -> false;
        };
    }

    private void hookScrolling() {
        // the scroll bar exists once the skin has laid out; look it up then
        tasks.runOnUi(() -> {
            for (var node : table.lookupAll(".scroll-bar")) {
                if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                    bar.valueProperty().addListener((obs, o, n) -> onScroll(bar));
                }
            }
        });
    }

    private void onScroll(ScrollBar bar) {
        VirtualFlow<?> flow = flow();
        if (flow != null && flow.getFirstVisibleCell() != null) {
            topRow = vm.windowStart() + flow.getFirstVisibleCell().getIndex();
        }
        double v = bar.getValue();
        if (v >= bar.getMax() - 1e-6 && bar.getMax() > bar.getMin()) {
            vm.loadNextPage();
        } else if (v <= bar.getMin() + 1e-6 && vm.windowStart() > 0) {
            vm.loadPreviousPage();
        }
    }

    private @Nullable VirtualFlow<?> flow() {
        VirtualFlow<?> known = flow;
        if (known == null && table.lookup(".virtual-flow") instanceof VirtualFlow<?> f) {
            flow = f;
            known = f;
        }
        return known;
    }

    /** Tells the view model which rows are drawn entirely inside the viewport (or, if none is, the partly drawn). */
    private void reportVisibleRows() {
        VirtualFlow<?> f = flow();
        if (f == null || vm.rows().isEmpty() || !showing()) {
            return; // a grid in a tab behind another reports when its tab is selected (that lays it out again)
        }
        IndexedCell<?> first = f.getFirstVisibleCell();
        IndexedCell<?> last = f.getLastVisibleCell();
        if (first == null || last == null) {
            return;
        }
        Node clip = f.lookup(".clipped-container");
        Bounds viewport = clip != null ? clip.localToScene(clip.getLayoutBounds())
                : f.localToScene(f.getLayoutBounds());
        long top = -1;
        long bottom = -1;
        for (int i = first.getIndex(); i <= last.getIndex(); i++) {
            IndexedCell<?> cell = f.getVisibleCell(i);
            if (cell == null || !(cell.getItem() instanceof RecordWindow.Row row)) {
                continue;
            }
            Bounds b = cell.localToScene(cell.getLayoutBounds());
            // half a pixel of slack: cells sit on snapped, not exact, positions
            if (b.getMinY() >= viewport.getMinY() - 0.5 && b.getMaxY() <= viewport.getMaxY() + 0.5) {
                if (top < 0) {
                    top = row.index();
                }
                bottom = row.index();
            }
        }
        if (top < 0 && first.getItem() instanceof RecordWindow.Row a && last.getItem() instanceof RecordWindow.Row b) {
            top = a.index();
            bottom = b.index();
        }
        if (top >= 0) {
            vm.setVisibleRows(top, bottom);
        }
        if (pendingTop >= 0) {
            if (top == pendingTop || ++topAttempts > 3) {
                pendingTop = -1;
            } else {
                scrollToTop(pendingTop);
            }
        }
    }

    private boolean showing() {
        for (Node n = table; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Puts row {@code index} (0-based, absolute) at the top of the viewport without selecting it. */
    private void scrollToTop(long index) {
        int relative = (int) (index - vm.windowStart());
        if (relative >= 0 && relative < vm.rows().size()) {
            topRow = index;
            table.scrollTo(relative);
        }
    }

    private void keepViewport() {
        if (topRow < 0) {
            return;
        }
        long relative = topRow - vm.windowStart();
        if (relative >= 0 && relative < vm.rows().size()) {
            table.scrollTo((int) relative);
        }
    }

    private void focus(@Nullable Long index) {
        if (index == null) {
            topRow = -1;
            table.scrollTo(0);
            return;
        }
        int relative = (int) (index - vm.windowStart());
        if (relative >= 0 && relative < vm.rows().size()) {
            table.getSelectionModel().clearAndSelect(relative);
            table.scrollTo(Math.max(0, relative - 3));
            topRow = index - 3;
        }
    }

    private void openStaging() {
        TableSchema schema = vm.schemaProperty().get();
        if (schema == null) {
            return;
        }
        String partition = vm.partitionProperty().get().isEmpty() ? null : vm.partitionProperty().get();
        StagingViewModel staging = new StagingViewModel(vm.backend(), tasks, dialogs, vm.tableProperty().get(),
                partition, schema.columns(), vm.zoneProperty().get());
        new StagingView(staging).show(root.getScene() == null ? null : root.getScene().getWindow(), vm::refresh);
    }

    private void openExport() {
        TableSchema schema = vm.schemaProperty().get();
        if (schema == null) {
            return;
        }
        boolean hasSelection = table.getSelectionModel().getSelectedItems().size() > 0;
        ExportDialog.ask(root.getScene() == null ? null : root.getScene().getWindow(), hasSelection,
                vm.zoneProperty().get()).ifPresent(choice -> dialogs.chooseSaveFile("Export to CSV",
                vm.tableProperty().get().replace('.', '_') + ".csv").ifPresent(target -> {
                    if (choice.selectionOnly()) {
                        List<List<@Nullable Object>> rows = new ArrayList<>();
                        table.getSelectionModel().getSelectedItems().forEach(r -> rows.add(r.values()));
                        export.exportRows(rows, schema.columns(), choice.options(), target, () -> { });
                    } else {
                        String partition = vm.partitionProperty().get();
                        export.exportPartition(vm.tableProperty().get(), partition.isEmpty() ? null : partition,
                                schema.columns(), choice.options(), target, () -> { });
                    }
                }));
    }

    public BorderPane root() {
        return root;
    }

    public TableView<RecordWindow.Row> table() {
        return table;
    }

    public TableGridViewModel viewModel() {
        return vm;
    }

    public ExportViewModel exportViewModel() {
        return export;
    }

    public PartitionPickerView picker() {
        return picker;
    }
}
