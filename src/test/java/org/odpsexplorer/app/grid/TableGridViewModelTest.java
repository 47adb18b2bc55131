package org.odpsexplorer.app.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.assertj.core.groups.Tuple;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.RecordingDialogs;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.emulator.EmulatorConfig;
import org.odpsexplorer.emulator.EmulatorServer;
import org.odpsexplorer.sdk.Odps;
import org.odpsexplorer.sdk.TableResource;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.sdk.table.Record;
import org.odpsexplorer.sdk.table.RecordReader;
import org.odpsexplorer.sdk.table.Table;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsString;
import org.odpsexplorer.wire.tunnel.TableSchema;

/**
 * The grid's view models against the embedded emulator with its demo data (table {@code sales}, resource
 * {@code sales_resource}), through the real SDK; the same-thread executor makes every step synchronous.
 */
class TableGridViewModelTest {
    static final TableSchema SALES = new TableSchema(List.of(Column.of("id", "bigint"), Column.of("name", "string"),
            Column.of("amount", "decimal(18,2)"), Column.of("created", "datetime"), Column.of("ok", "boolean")),
            List.of(Column.of("pt", "string")));

    @TempDir
    static Path dir;
    static EmulatorServer server;
    static Odps odps;
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SameThreadUiExecutor tasks = new SameThreadUiExecutor();

    @BeforeAll
    static void start() throws Exception {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dir.resolve("data")).port(0).demo(true)
                .build());
        odps = Odps.builder().endpoint(server.url()).project(EmulatorConfig.DEFAULT_PROJECT)
                .accessKey(EmulatorConfig.DEFAULT_ACCESS_ID, EmulatorConfig.DEFAULT_ACCESS_KEY).build();
    }

    @AfterAll
    static void stop() {
        odps.close();
        server.close();
    }

    private TableGridViewModel open(String resource) {
        TableGridViewModel vm = new TableGridViewModel(new SdkTableBackend(odps), tasks, dialogs, resource);
        vm.open();
        return vm;
    }

    private static long id(RecordWindow.Row row) {
        return (Long) row.values().get(0);
    }

    /** A fresh partitioned table with the demo's columns and one empty partition {@code pt=1}. */
    private static Table freshTable(String name) {
        Table t = odps.createTable(name, SALES, false);
        t.createPartition("pt=1", false);
        return t;
    }

    private static List<Record> rowsOf(Table t, String partition) {
        try (RecordReader reader = t.openReader(PartitionSpec.parse(partition))) {
            return reader.readPage(0, reader.getCount());
        }
    }

    @Test
    void theGridShowsTheSeedRowsOfThePartitionTheResourcePointsAt() {
        TableGridViewModel vm = open("sales_resource");
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.partitionProperty().get()).isEqualTo("pt=20240101");
        assertThat(vm.totalProperty().get()).isEqualTo(2);
        assertThat(vm.rows()).extracting(r -> r.values().subList(0, 2)).containsExactly(
                List.of(0L, OdpsString.of("aaaa")), List.of(1L, OdpsString.of("bbbbb")));
        assertThat(vm.rows().get(0).values().get(2)).isEqualTo(new BigDecimal("12.50"));
        assertThat(vm.rows().get(1).values().get(2)).isNull();
        assertThat(vm.rows().get(0).values().get(3)).isEqualTo(Instant.parse("2024-01-01T08:00:00Z"));
        assertThat(vm.statusProperty().get()).isEqualTo("Rows 1–2 of 2 · pt=20240101 · times in UTC");
        vm.zoneProperty().set(ZoneId.of("Asia/Shanghai"));
        assertThat(vm.statusProperty().get()).endsWith("times in Asia/Shanghai");
        vm.dispose();
    }

    @Test
    void pagingMovesThroughTheHundredThousandRowPartitionHoldingAtMostThreePages() {
        TableGridViewModel vm = open("sales_resource");
        vm.showPartition("pt=20240102");
        assertThat(vm.totalProperty().get()).isEqualTo(100_000);
        assertThat(vm.statusProperty().get()).startsWith("Rows 1–200 of 100,000");
        assertThat(id(vm.rows().get(0))).isEqualTo(1);

        vm.nextPage();
        assertThat(vm.statusProperty().get()).startsWith("Rows 201–400 of 100,000");
        assertThat(id(vm.rows().get(0))).isEqualTo(201);
        vm.previousPage();
        assertThat(vm.statusProperty().get()).startsWith("Rows 1–200 of 100,000");

        vm.lastPage();
        assertThat(vm.statusProperty().get()).startsWith("Rows 99,801–100,000 of 100,000");
        assertThat(id(vm.rows().get(vm.rows().size() - 1))).isEqualTo(100_000);

        assertThat(vm.goToRow(54_321)).isTrue();
        assertThat(vm.statusProperty().get()).startsWith("Rows 54,201–54,400 of 100,000");
        long focus = vm.focusRowProperty().get();
        assertThat(focus).isEqualTo(54_320);
        assertThat(id(vm.rows().get((int) (focus - vm.windowStart())))).isEqualTo(54_321);
        assertThat(vm.goToRow(100_001)).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("No row 100,001: rows are 1–100,000");

        vm.firstPage();
        for (int i = 0; i < 5; i++) {
            vm.loadNextPage(); // what scrolling to the bottom does
        }
        assertThat(vm.rows()).hasSize(600);
        assertThat(vm.statusProperty().get()).startsWith("Rows 601–1,200 of 100,000");
        assertThat(vm.rows()).extracting(TableGridViewModelTest::id).first().isEqualTo(601L);
        vm.loadPreviousPage(); // scrolling back to the top
        assertThat(vm.statusProperty().get()).startsWith("Rows 401–1,000 of 100,000");
        assertThat(vm.rows()).extracting(TableGridViewModelTest::id).containsExactlyElementsOf(
                LongStream.rangeClosed(401, 1000).boxed().toList());
        vm.dispose();
    }

    @Test
    void theStatusNamesTheRowsTheViewReportsOnScreenAndIgnoresAStaleReport() {
        TableGridViewModel vm = open("sales_resource");
        vm.showPartition("pt=20240102");
        vm.goToRow(54_321);
        assertThat(vm.statusProperty().get()).isEqualTo("Rows 54,201–54,400 of 100,000 · pt=20240102 · times in UTC");
        vm.setVisibleRows(54_317, 54_346);
        assertThat(vm.statusProperty().get()).isEqualTo("Rows 54,318–54,347 of 100,000 · pt=20240102 · times in UTC");
        assertThat(vm.position()).isEqualTo(new TableGridViewModel.Position("pt=20240102", 54_317));
        vm.loadNextPage(); // scrolled to the bottom: the rows on screen stay what the view said
        assertThat(vm.statusProperty().get()).startsWith("Rows 54,318–54,347 of 100,000");

        vm.firstPage(); // a jump forgets the old report: the held rows until the view reports again
        assertThat(vm.statusProperty().get()).startsWith("Rows 1–200 of 100,000");
        vm.setVisibleRows(54_317, 54_346); // late report from before the jump, outside the held rows
        assertThat(vm.statusProperty().get()).startsWith("Rows 1–200 of 100,000");
        assertThat(vm.position().topRow()).isZero();
        vm.setVisibleRows(0, 29);
        assertThat(vm.statusProperty().get()).startsWith("Rows 1–30 of 100,000");
        vm.dispose();
    }

    @Test
    void openingAtARememberedPositionShowsThatPartitionFromThePageHoldingTheRow() {
        TableGridViewModel vm = new TableGridViewModel(new SdkTableBackend(odps), tasks, dialogs, "sales_resource");
        vm.open(new TableGridViewModel.Position("pt=20240102", 54_317));
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.partitionProperty().get()).isEqualTo("pt=20240102");
        assertThat(vm.windowStart()).isEqualTo(54_200);
        assertThat(vm.scrollRequestProperty().get()).isEqualTo(54_317L);
        assertThat(id(vm.rows().get((int) (54_317 - vm.windowStart())))).isEqualTo(54_318);
        assertThat(vm.statusProperty().get()).isEqualTo("Rows 54,201–54,400 of 100,000 · pt=20240102 · times in UTC");
        vm.nextPage(); // navigating is no restore: the view is not asked to scroll there again
        assertThat(vm.scrollRequestProperty().get()).isNull();
        vm.dispose();

        // a row past the end (rows deleted since) ends on the last page
        TableGridViewModel shorter = new TableGridViewModel(new SdkTableBackend(odps), tasks, dialogs,
                "sales_resource");
        shorter.open(new TableGridViewModel.Position("pt=20240103", 5_000));
        assertThat(shorter.windowStart()).isEqualTo(200);
        assertThat(shorter.scrollRequestProperty().get()).isEqualTo(299L);
        shorter.dispose();
    }

    @Test
    void aRememberedPartitionThatNoLongerExistsFallsBackToTheResourcesPartitionAndSaysSo() {
        TableGridViewModel vm = new TableGridViewModel(new SdkTableBackend(odps), tasks, dialogs, "sales_resource");
        vm.open(new TableGridViewModel.Position("pt=20991231", 500));
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.partitionProperty().get()).isEqualTo("pt=20240101");
        assertThat(vm.windowStart()).isZero();
        assertThat(vm.scrollRequestProperty().get()).isNull();
        assertThat(vm.statusProperty().get())
                .isEqualTo("Rows 1–2 of 2 · pt=20240101 · times in UTC · pt=20991231 no longer exists");
        vm.showPartition("pt=20240103"); // the note is about the restore only
        assertThat(vm.statusProperty().get()).isEqualTo("Rows 1–200 of 300 · pt=20240103 · times in UTC");
        vm.dispose();
    }

    @Test
    void thePickerListsThePartitionsWithCountsAndTheFilterNarrowsThem() {
        TableGridViewModel vm = open("sales_resource");
        PartitionPickerViewModel picker = vm.picker();
        picker.setVisibleRange(0, 3); // counts are asked for the rows on screen only
        assertThat(picker.all()).extracting(PartitionEntry::spec, PartitionEntry::recordCount).containsExactly(
                Tuple.tuple("pt=20240101", 2L),
                Tuple.tuple("pt=20240102", 100_000L),
                Tuple.tuple("pt=20240103", 300L));
        picker.setFilter("pt>20240101");
        assertThat(picker.shown()).extracting(PartitionEntry::spec).containsExactly("pt=20240102", "pt=20240103");
        picker.setFilter("pt=20240101 or pt>=20240103");
        assertThat(picker.shown()).extracting(PartitionEntry::spec).containsExactly("pt=20240101", "pt=20240103");
        picker.setFilter("pt>");
        assertThat(picker.errorProperty().get()).contains("expected a value");
        assertThat(picker.shown()).hasSize(2);
        picker.setFilter("");
        assertThat(picker.shown()).hasSize(3);
        vm.dispose();
    }

    @Test
    void choosingAPartitionShowsItsRecordsAndPointingTheResourceThereIsWhatTheSdkReports() {
        odps.createTableResource("grid_repoint", "sales", "pt=20240101");
        TableGridViewModel vm = open("grid_repoint");
        vm.picker().selectedProperty().set(vm.picker().all().get(2));
        vm.showPartition(vm.picker().selectedProperty().get().spec());
        assertThat(vm.totalProperty().get()).isEqualTo(300);
        assertThat(id(vm.rows().get(0))).isEqualTo(200_000);

        dialogs.confirmAnswer = false;
        vm.pointResourceHere();
        assertThat(((TableResource) odps.getResource("grid_repoint")).partition()).hasToString("pt=20240101");

        dialogs.confirmAnswer = true;
        vm.pointResourceHere();
        assertThat(dialogs.confirmations).hasSize(2).last().asString().contains("pt=20240103");
        assertThat(((TableResource) odps.getResource("grid_repoint")).partition()).hasToString("pt=20240103");
        assertThat(vm.resourcePartition()).isEqualTo("pt=20240103");
        assertThat(dialogs.errors).isEmpty();
        vm.dispose();
    }

    @Test
    void aBadValueInTheStagingGridIsRefusedWithAMessageAndNothingIsWritten() {
        Table t = freshTable("grid_refused");
        StagingViewModel staging = new StagingViewModel(new SdkTableBackend(odps), tasks, dialogs, "grid_refused",
                "pt=1", SALES.columns(), ZoneOffset.UTC);
        staging.addRow(List.of("1", "fine", "1.50", "2024-02-01 10:00:00", "true"));
        StagingViewModel.Row bad = staging.addRow(List.of("2", "bad", "12.345", "", "maybe"));
        assertThat(bad.error(2).get()).contains("more than 2 decimal places");
        assertThat(bad.error(4).get()).contains("BOOLEAN");
        assertThat(bad.error(0).get()).isEmpty();

        staging.commit(() -> { });
        assertThat(staging.messageProperty().get())
                .startsWith("Nothing written: 2 invalid cells; first: row 2, amount: 12.345 has more than 2");
        assertThat(rowsOf(t, "pt=1")).isEmpty();
        assertThat(staging.rows()).hasSize(2);
    }

    @Test
    void appendedRowsAreWrittenInOneSessionAndReadBackByTheSdk() {
        Table t = freshTable("grid_append");
        StagingViewModel staging = new StagingViewModel(new SdkTableBackend(odps), tasks, dialogs, "grid_append",
                "pt=1", SALES.columns(), ZoneId.of("Asia/Shanghai"));
        int pasted = staging.paste("id,name,amount,created,ok\r\n5,\"a,b\",1.5,2024-02-01 10:00:00,true\r\n6,,,,\r\n");
        assertThat(pasted).isEqualTo(2);
        staging.addRow(List.of("7", "tab\there", "-0.01", "2024-02-01", "0"));
        boolean[] done = {false};
        staging.commit(() -> done[0] = true);
        assertThat(done[0]).isTrue();
        assertThat(staging.messageProperty().get()).isEqualTo("Appended 3 rows to grid_append partition pt=1");

        List<Record> back = rowsOf(t, "pt=1");
        assertThat(back).extracting(Record::values).containsExactly(
                List.of(5L, OdpsString.of("a,b"), new BigDecimal("1.50"), Instant.parse("2024-02-01T02:00:00Z"), true),
                Arrays.asList(6L, null, null, null, null),
                List.of(7L, OdpsString.of("tab\there"), new BigDecimal("-0.01"),
                        Instant.parse("2024-01-31T16:00:00Z"), false));

        StagingViewModel over = new StagingViewModel(new SdkTableBackend(odps), tasks, dialogs, "grid_append",
                "pt=1", SALES.columns(), ZoneOffset.UTC);
        over.addRow(List.of("9"));
        dialogs.confirmAnswer = false;
        over.overwritePartition(() -> { });
        assertThat(rowsOf(t, "pt=1")).hasSize(3);
        dialogs.confirmAnswer = true;
        over.overwritePartition(() -> { });
        assertThat(rowsOf(t, "pt=1")).extracting(r -> r.get(0)).containsExactly(9L);
    }

    @Test
    void csvExportOfAPartitionEqualsTheRecordsByteForByte() throws Exception {
        TableGridViewModel vm = open("sales_resource");
        ExportViewModel export = new ExportViewModel(new SdkTableBackend(odps), tasks, dialogs);
        Path out = dir.resolve("sales-20240101.csv");
        export.exportPartition("sales", "pt=20240101", SALES.columns(),
                new CsvExport.Options(true, ',', StandardCharsets.UTF_8, ZoneId.of("UTC")), out, () -> { });
        assertThat(export.messageProperty().get()).startsWith("Exported 2 rows");
        assertThat(Files.readAllBytes(out)).isEqualTo(resource("sales-20240101.csv"));

        // the 300-row partition, semicolons, no header: expected text computed from the demo's definition
        Path small = dir.resolve("sales-20240103.csv");
        export.exportPartition("sales", "pt=20240103", SALES.columns(),
                new CsvExport.Options(false, ';', StandardCharsets.UTF_8, ZoneId.of("UTC")), small, () -> { });
        StringBuilder expected = new StringBuilder();
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
        for (int i = 0; i < 300; i++) {
            String name = i == 7 ? "x'fffe41'" : i == 8 ? "" : "order-" + (200_000 + i);
            expected.append(200_000 + i).append(';').append(name).append(';')
                    .append(BigDecimal.valueOf(i * 1_001L, 2).toPlainString()).append(';')
                    .append(f.format(Instant.parse("2024-01-03T00:00:00Z").plusSeconds(i * 60L))).append(';')
                    .append(i % 2 == 0).append("\r\n");
        }
        assertThat(Files.readString(small, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        vm.dispose();
    }

    @Test
    void selectedRowsExportWithTheChosenDelimiterAndEncoding() throws Exception {
        ExportViewModel export = new ExportViewModel(new SdkTableBackend(odps), tasks, dialogs);
        Path out = dir.resolve("selection.tsv");
        List<List<Object>> rows = List.of(Arrays.asList(7L, OdpsString.of("café\tbar"), null,
                Instant.parse("2024-05-06T23:30:00Z"), false));
        List<List<@Nullable Object>> typed = new ArrayList<>();
        rows.forEach(r -> typed.add(new ArrayList<>(r)));
        export.exportRows(typed, SALES.columns(), new CsvExport.Options(false, '\t', StandardCharsets.ISO_8859_1,
                ZoneId.of("Asia/Shanghai")), out, () -> { });
        assertThat(Files.readAllBytes(out)).isEqualTo("7\t\"caf\u00e9\tbar\"\t\t2024-05-07 07:30:00\tfalse\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aMissingPartitionShowsTheServersCodeAndMessage() {
        odps.createTableResource("grid_missing", "sales", "pt=20991231");
        TableGridViewModel vm = open("grid_missing");
        assertThat(vm.statusProperty().get()).startsWith("Could not read pt=20991231: NoSuchPartition: ");
        assertThat(dialogs.errors).singleElement().asString().startsWith("Could not read pt=20991231: NoSuchPartition");
        assertThat(vm.rows()).isEmpty();
        vm.dispose();
    }

    @Test
    void cancellingAnExportLeavesNoFile() throws Exception {
        ExportViewModel export = new ExportViewModel(new SdkTableBackend(odps), tasks, dialogs);
        Path out = dir.resolve("cancelled.csv");
        List<Double> seen = new ArrayList<>();
        export.progressProperty().addListener((obs, o, n) -> {
            seen.add(n.doubleValue());
            export.cancel(); // cancel after the first page
        });
        export.exportPartition("sales", "pt=20240102", SALES.columns(),
                new CsvExport.Options(true, ',', StandardCharsets.UTF_8, ZoneOffset.UTC), out, () -> { });
        assertThat(export.messageProperty().get()).isEqualTo("Export cancelled; no file written");
        assertThat(seen).first().isEqualTo(CsvExport.PAGE / 100_000.0);
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void theNewTableResourceDialogCreatesAResourceOnThePickedPartition() {
        NewTableResourceViewModel vm = new NewTableResourceViewModel(new SdkTableBackend(odps), tasks);
        vm.load();
        assertThat(vm.tables()).contains("sales");
        vm.create(n -> { });
        assertThat(vm.messageProperty().get()).isEqualTo("Pick a table");
        vm.tableProperty().set("sales");
        assertThat(vm.nameProperty().get()).isEqualTo("sales_resource");
        vm.nameProperty().set("sales_third_day");
        vm.picker().setFilter("pt=20240103");
        vm.picker().selectedProperty().set(vm.picker().shown().get(0));
        List<String> created = new ArrayList<>();
        vm.create(created::add);
        assertThat(created).containsExactly("sales_third_day");
        TableResource r = (TableResource) odps.getResource("sales_third_day");
        assertThat(r.tableSource().format()).isEqualTo("demo.sales partition(pt='20240103')");
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = TableGridViewModelTest.class.getResourceAsStream(name)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
