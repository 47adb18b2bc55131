package org.odpsexplorer.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odpsexplorer.app.shell.AppFixture.await;
import static org.odpsexplorer.app.shell.AppFixture.waitUntil;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.AppSettings;
import org.odpsexplorer.app.common.SettingsStore;
import org.odpsexplorer.app.grid.PartitionEntry;
import org.odpsexplorer.app.grid.RecordWindow;
import org.odpsexplorer.app.grid.StagingViewModel;
import org.odpsexplorer.app.grid.TableGridView;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.app.tree.ResourceTreeView;
import org.odpsexplorer.sdk.TableResource;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.sdk.table.RecordReader;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.TableSchema;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Robot tests of the table-resource grid in the real main window against the embedded emulator's demo table
 * {@code sales} ({@code pt=20240101}: 2 rows, {@code pt=20240102}: 100,000, {@code pt=20240103}: 300).
 */
@ExtendWith(ApplicationExtension.class)
class TableGridWindowTest {
    @TempDir
    static Path dir;
    static AppFixture app;
    MainWindow window;
    TestDialogs dialogs;

    @BeforeAll
    static void context() throws Exception {
        app = AppFixture.start(dir);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        dialogs = new TestDialogs(stage);
        window = new MainWindow(app.ctx, stage, dialogs);
        stage.show();
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        AppFixture.closeWindows(robot, window);
    }

    private ProjectRef demo() {
        return new ProjectRef(window.treeViewModel().connections().get(0), "demo");
    }

    /** Double-clicks {@code resource} in the tree and waits for its grid to show rows. */
    private TableGridView openByDoubleClick(FxRobot robot, String resource) throws Exception {
        app.sdk();
        waitUntil(() -> robot.lookup("#project-demo").tryQuery().isPresent());
        TextField filter = robot.lookup("#treeFilter").queryAs(TextField.class);
        robot.interact(() -> filter.setText(""));
        robot.interact(() -> window.treeView().refreshAll());
        waitUntil(() -> window.treeViewModel().pendingLoadsProperty().get() == 0
                && window.treeViewModel().listing(demo()).stream().anyMatch(i -> i.name().equals(resource)));
        robot.interact(() -> filter.setText(resource));
        String query = "#" + ResourceTreeView.cellId(resource);
        await(robot, query);
        WaitForAsyncUtils.waitForFxEvents();
        AppFixture.doubleClickRow(robot, query, () -> window.grids().selected().isPresent());
        waitUntil(() -> window.grids().selected().map(g -> g.viewModel().resourceName().equals(resource)
                && g.viewModel().totalProperty().get() >= 0 && g.viewModel().picker().all().size() > 0)
                .orElse(false));
        return window.grids().selected().orElseThrow();
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#gridStatus").queryAs(Label.class).getText();
    }

    private static void waitForStatus(FxRobot robot, String prefix) throws Exception {
        try {
            waitUntil(() -> status(robot).startsWith(prefix));
        } catch (TimeoutException e) {
            throw new AssertionError("status line \"" + status(robot) + "\" never started with \"" + prefix + "\"", e);
        }
    }

    /**
     * Row numbers (first, last) in the "#" column of the rows drawn entirely inside the grid's viewport: what the
     * user sees, read from the cells rather than from the view model.
     */
    private static long[] drawnRows(TableGridView grid) {
        Node clip = grid.table().lookup(".clipped-container");
        Bounds viewport = clip.localToScene(clip.getLayoutBounds());
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Node n : grid.table().lookupAll(".grid-rownum")) {
            if (n instanceof TableCell<?, ?> cell && cell.getText() != null && !cell.getText().isEmpty()
                    && shown(cell)) {
                Bounds b = cell.localToScene(cell.getLayoutBounds());
                if (b.getMinY() >= viewport.getMinY() - 0.5 && b.getMaxY() <= viewport.getMaxY() + 0.5) {
                    long number = Long.parseLong(cell.getText().replace(",", ""));
                    first = Math.min(first, number);
                    last = Math.max(last, number);
                }
            }
        }
        return new long[] {first, last};
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the status line names exactly the rows drawn on screen, and returns that range. */
    private static long[] waitForDrawnRowsInStatus(FxRobot robot, TableGridView grid) throws Exception {
        long[][] seen = new long[1][];
        waitUntil(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            long[][] drawn = new long[1][];
            String[] text = new String[1];
            robot.interact(() -> {
                drawn[0] = drawnRows(grid);
                text[0] = status(robot);
            });
            seen[0] = drawn[0];
            return drawn[0][0] <= drawn[0][1] && text[0].startsWith(String.format(Locale.ROOT,
                    "Rows %,d–%,d of ", drawn[0][0], drawn[0][1]));
        });
        return seen[0];
    }

    private void choosePartition(FxRobot robot, TableGridView grid, String spec) throws Exception {
        String query = "#partition-" + spec.replaceAll("[^A-Za-z0-9_]", "_");
        // the list's cells render a pulse after the listing arrives
        waitUntil(() -> robot.lookup(query).match(Node::isVisible).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(query);
        waitUntil(() -> grid.viewModel().partitionProperty().get().equals(spec)
                && !grid.viewModel().loadingProperty().get());
    }

    @Test
    void doubleClickingTheTableResourceShowsTheSeedRowsWithTypedHeadersAndVisibleNulls(FxRobot robot)
            throws Exception {
        TableGridView grid = openByDoubleClick(robot, "sales_resource");
        waitForStatus(robot, "Rows 1–2 of 2 · pt=20240101 · times in UTC");
        TableView<RecordWindow.Row> table = grid.table();
        assertThat(table.getItems()).extracting(r -> r.values().get(0)).containsExactly(0L, 1L);
        // both rows' cells render on a later pulse than the items arrive
        List<String> expected = List.of("aaaa", "bbbbb", "12.50", "2024-01-01 08:00:00", "NULL");
        waitUntil(() -> robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .map(TableCell::getText).toList().containsAll(expected));
        assertThat(robot.lookup(".table-cell").queryAllAs(TableCell.class))
                .extracting(c -> c.getText()).contains("aaaa", "bbbbb", "12.50", "2024-01-01 08:00:00", "NULL");
        assertThat(robot.lookup(".grid-null").queryAllAs(TableCell.class))
                .extracting(c -> c.getText()).containsOnly("NULL");
        assertThat(robot.lookup(".grid-header-type").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("bigint", "string", "decimal(18,2)", "datetime", "boolean");
        assertThat(robot.lookup("#gridSource").queryAs(Label.class).getText())
                .isEqualTo("sales_resource → demo.sales partition(pt='20240101')");
        @SuppressWarnings("unchecked")
        ListView<PartitionEntry> partitions = robot.lookup("#partitionList").queryAs(ListView.class);
        // counts are fetched for the rows on screen once they are shown, so they arrive after the rows
        waitUntil(() -> partitions.getItems().size() == 3
                && partitions.getItems().stream().allMatch(p -> p.recordCount() >= 0));
        assertThat(partitions.getItems()).extracting(PartitionEntry::spec, PartitionEntry::recordCount)
                .containsExactly(Tuple.tuple("pt=20240101", 2L),
                        Tuple.tuple("pt=20240102", 100_000L),
                        Tuple.tuple("pt=20240103", 300L));

        robot.clickOn("#partitionFilter").write("pt>20240101");
        waitUntil(() -> partitions.getItems().size() == 2);
        assertThat(partitions.getItems()).extracting(PartitionEntry::spec).containsExactly("pt=20240102",
                "pt=20240103");
        robot.write(" or");
        waitUntil(() -> !robot.lookup("#partitionFilterError").queryAs(Label.class).getText().isEmpty());
        assertThat(partitions.getItems()).hasSize(2);
    }

    @Test
    void theButtonsGoToRowAndScrollingPageThroughTheHundredThousandRows(FxRobot robot) throws Exception {
        TableGridView grid = openByDoubleClick(robot, "sales_resource");
        choosePartition(robot, grid, "pt=20240102");
        // the status line names the rows on screen, not the 200 held in memory
        waitForStatus(robot, "Rows 1–");
        long[] drawn = waitForDrawnRowsInStatus(robot, grid);
        assertThat(drawn[0]).isEqualTo(1);
        assertThat(drawn[1]).isBetween(5L, 199L);
        assertThat(status(robot)).endsWith(" of 100,000 · pt=20240102 · times in UTC");
        robot.clickOn("#gridNext");
        waitForStatus(robot, "Rows 201–");
        assertThat(waitForDrawnRowsInStatus(robot, grid)[0]).isEqualTo(201);
        assertThat(grid.table().getItems().get(0).values().get(0)).isEqualTo(201L);
        robot.clickOn("#gridLast");
        waitForStatus(robot, "Rows 99,801–");
        waitForDrawnRowsInStatus(robot, grid);
        robot.clickOn("#gridPrev");
        waitForStatus(robot, "Rows 99,601–");
        robot.clickOn("#gridFirst");
        waitForStatus(robot, "Rows 1–");

        robot.clickOn("#gridGoto").write("54,321").type(KeyCode.ENTER);
        // go to row selects it with three rows above it on screen
        waitForStatus(robot, "Rows 54,318–");
        drawn = waitForDrawnRowsInStatus(robot, grid);
        assertThat(drawn[0]).isEqualTo(54_318);
        assertThat(drawn[1]).isBetween(54_321L, 54_399L);
        waitUntil(() -> grid.table().getSelectionModel().getSelectedItem() != null);
        RecordWindow.Row selected = grid.table().getSelectionModel().getSelectedItem();
        assertThat(selected.index()).isEqualTo(54_320);
        assertThat(selected.values().get(0)).isEqualTo(54_321L);
        assertThat(robot.lookup(".grid-rownum").queryAllAs(TableCell.class))
                .extracting(c -> c.getText()).contains("54,321");

        // scrolling within the held rows keeps the status line on what is drawn
        robot.interact(() -> grid.table().scrollTo(150));
        waitForStatus(robot, "Rows 54,351–");
        assertThat(waitForDrawnRowsInStatus(robot, grid)[0]).isEqualTo(54_351);

        // scrolling to the bottom of the held rows loads the next page behind them; the view stays put
        robot.interact(() -> grid.table().scrollTo(grid.table().getItems().size() - 1));
        waitUntil(() -> grid.table().getItems().size() == 400);
        drawn = waitForDrawnRowsInStatus(robot, grid);
        assertThat(drawn[1]).isBetween(54_399L, 54_401L);
        assertThat(grid.viewModel().windowStart()).isEqualTo(54_200);
    }

    @Test
    void anOpenGridComesBackOnTheSamePartitionAndRowAndAGoneOneIsSkippedWithANotice(FxRobot robot)
            throws Exception {
        app.sdk().createTableResource("grid_gone", "sales", "pt=20240103");
        TableGridView grid = openByDoubleClick(robot, "sales_resource");
        choosePartition(robot, grid, "pt=20240102");
        robot.clickOn("#gridGoto").write("54,321").type(KeyCode.ENTER);
        waitForStatus(robot, "Rows 54,318–");
        openByDoubleClick(robot, "grid_gone");
        robot.interact(() -> window.rememberState());
        app.ctx.saveSettings();
        app.sdk().deleteResource("grid_gone");
        try {
            // what the next start reads from the config directory
            AppSettings stored = new SettingsStore(dir.resolve("config")).load();
            assertThat(stored.openGrids()).extracting(AppSettings.OpenGrid::resource, AppSettings.OpenGrid::partition,
                    AppSettings.OpenGrid::topRow).containsExactly(
                    Tuple.tuple("sales_resource", "pt=20240102", 54_317L),
                    Tuple.tuple("grid_gone", "pt=20240103", 0L));
            app.ctx.updateSettings(stored);
            robot.interact(() -> {
                window.dispose();
                dialogs = new TestDialogs(window.stage());
                window = new MainWindow(app.ctx, window.stage(), dialogs);
            });
            waitUntil(() -> window.grids().selected().map(g -> g.viewModel().resourceName().equals("sales_resource")
                    && !g.viewModel().loadingProperty().get() && g.viewModel().totalProperty().get() >= 0)
                    .orElse(false));
            TableGridView back = window.grids().selected().orElseThrow();
            waitForStatus(robot, "Rows 54,318–");
            long[] drawn = waitForDrawnRowsInStatus(robot, back);
            assertThat(drawn[0]).isEqualTo(54_318);
            assertThat(status(robot)).endsWith(" of 100,000 · pt=20240102 · times in UTC");
            assertThat(back.viewModel().partitionProperty().get()).isEqualTo("pt=20240102");

            waitUntil(() -> robot.lookup("#reopenNotice").queryAs(Label.class).getText().contains("grid_gone"));
            assertThat(robot.lookup("#reopenNotice").queryAs(Label.class).getText()).startsWith(
                    "Not reopened: grid_gone (");
            assertThat(robot.lookup("#gridTab-grid_gone").tryQuery()).isEmpty();
            assertThat(window.editors().tabPane().getTabs()).extracting(Tab::getText)
                    .containsExactly("sales_resource");
            assertThat(robot.lookup("#errorDialog").tryQuery()).isEmpty(); // skipped quietly, no dialog at start
        } finally {
            app.ctx.updateSettings(app.ctx.settings().withOpenGrids(List.of()));
        }
    }

    @Test
    void pointingTheResourceAtAnotherPartitionAsksFirstAndTheSdkReportsIt(FxRobot robot) throws Exception {
        app.sdk().createTableResource("grid_point_ui", "sales", "pt=20240101");
        TableGridView grid = openByDoubleClick(robot, "grid_point_ui");
        choosePartition(robot, grid, "pt=20240103");
        waitForStatus(robot, "Rows 1–");
        assertThat(status(robot)).endsWith(" of 300 · pt=20240103 · times in UTC");
        robot.clickOn("#gridPoint");
        await(robot, "#confirmDialog");
        robot.clickOn("Point here");
        waitUntil(() -> "pt=20240103".equals(
                String.valueOf(((TableResource) app.sdk().getResource("grid_point_ui")).partition())));
        waitUntil(() -> robot.lookup("#gridSource").queryAs(Label.class).getText()
                .equals("grid_point_ui → demo.sales partition(pt='20240103')"));
    }

    @Test
    void stagedRowsAreRefusedWhileACellIsInvalidThenAppendedAndReadBackByTheSdk(FxRobot robot) throws Exception {
        TableSchema schema = new TableSchema(List.of(Column.of("id", "bigint"), Column.of("name", "string"),
                Column.of("amount", "decimal(18,2)"), Column.of("created", "datetime"), Column.of("ok", "boolean")),
                List.of(Column.of("pt", "string")));
        Table table = app.sdk().createTable("grid_ui_append", schema, true);
        table.createPartition("pt=1", true);
        app.sdk().createTableResource("grid_ui_append_res", "grid_ui_append", "pt=1");
        TableGridView grid = openByDoubleClick(robot, "grid_ui_append_res");
        waitForStatus(robot, "No rows of 0");

        robot.clickOn("#gridAppend");
        await(robot, "#stagingTable");
        robot.clickOn("#stagingAdd");
        @SuppressWarnings("unchecked")
        TableView<StagingViewModel.Row> staging = robot.lookup("#stagingTable").queryAs(TableView.class);
        waitUntil(() -> staging.getItems().size() == 1);
        robot.interact(() -> {
            StagingViewModel.Row row = staging.getItems().get(0);
            row.cell(0).set("41");
            row.cell(1).set("staged");
            row.cell(2).set("ten");
            row.cell(3).set("2024-03-01 12:00:00");
            row.cell(4).set("true");
            staging.refresh();
        });
        waitUntil(() -> robot.lookup(".staging-invalid").tryQuery().isPresent());
        robot.clickOn("#stagingCommit");
        waitUntil(() -> robot.lookup("#stagingMessage").queryAs(Label.class).getText()
                .startsWith("Nothing written: 1 invalid cell; first: row 1, amount: not a DECIMAL(18,2): ten"));
        assertThat(count(table)).isZero();

        robot.interact(() -> staging.getItems().get(0).cell(2).set("10.5"));
        robot.clickOn("#stagingCommit");
        waitUntil(() -> robot.lookup("#stagingTable").tryQuery().isEmpty());
        waitForStatus(robot, "Rows 1–1 of 1");
        try (RecordReader reader = table.openReader(PartitionSpec.parse("pt=1"))) {
            assertThat(reader.readPage(0, 1).get(0).values()).containsExactly(41L,
                    OdpsString.of("staged"), new BigDecimal("10.50"),
                    Instant.parse("2024-03-01T12:00:00Z"), true);
        }
        assertThat(grid.table().getItems()).hasSize(1);
        // counts reloaded too: the listing is read again, then the count of the row on screen
        waitUntil(() -> !grid.viewModel().picker().all().isEmpty()
                && grid.viewModel().picker().all().get(0).recordCount() == 1);
    }

    @Test
    void exportingThePartitionWritesTheExpectedCsvFile(FxRobot robot) throws Exception {
        openByDoubleClick(robot, "sales_resource");
        waitForStatus(robot, "Rows 1–2 of 2");
        Path target = dir.resolve("exported.csv");
        dialogs.saveTarget = target;
        robot.clickOn("#gridExport");
        await(robot, "#exportOk");
        robot.clickOn("#exportOk");
        waitUntil(() -> robot.lookup("#exportMessage").queryAs(Label.class).getText().startsWith("Exported 2 rows"));
        try (InputStream expected = getClass().getResourceAsStream("/org/odpsexplorer/app/grid/sales-20240101.csv")) {
            assertThat(Files.readAllBytes(target)).isEqualTo(expected.readAllBytes());
        }
    }

    @Test
    void theNewTableResourceDialogListsTablesAndPartitionsAndCreatesTheResource(FxRobot robot) throws Exception {
        app.sdk();
        waitUntil(() -> robot.lookup("#project-demo").tryQuery().isPresent());
        robot.interact(() -> window.newTableResource(demo())); // what File and the tree's context menu call
        await(robot, "#newResourceTables");
        waitUntil(() -> robot.lookup("#newResourceTables").queryListView().getItems().contains("sales"));
        robot.interact(() -> robot.lookup("#newResourceTables").queryListView().getSelectionModel().select("sales"));
        String cell = "#partition-pt_20240102";
        waitUntil(() -> robot.lookup(cell).match(Node::isVisible).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(cell);
        robot.interact(() -> robot.lookup("#newResourceName").queryAs(TextField.class).setText("sales_day_two"));
        robot.clickOn("#newResourceCreate");
        waitUntil(() -> app.sdk().existResource("sales_day_two"));
        assertThat(((TableResource) app.sdk().getResource("sales_day_two")).tableSource().format())
                .isEqualTo("demo.sales partition(pt='20240102')");
        waitUntil(() -> robot.lookup("#newResourceTables").tryQuery().isEmpty());
    }

    private static long count(Table table) {
        try (RecordReader reader = table.openReader(PartitionSpec.parse("pt=1"))) {
            return reader.getCount();
        }
    }
}
