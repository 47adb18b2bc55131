package org.odpsexplorer.app.hex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.odpsexplorer.app.common.SameThreadUiExecutor;
import org.odpsexplorer.app.common.UiExecutor;

class HexEditorViewModelTest {
    private static HexEditorViewModel vm(byte... data) {
        return new HexEditorViewModel(new HexDocument(ByteSource.of(data)), new SameThreadUiExecutor());
    }

    @Test
    void twoHexDigitsOverwriteOneByteAndAdvance() throws IOException {
        HexEditorViewModel vm = vm((byte) 0x11, (byte) 0x22);
        vm.typeHexDigit(0xA);
        assertThat(vm.document().byteAt(0)).isEqualTo(0xA1);
        vm.typeHexDigit(0xB);
        assertThat(vm.document().byteAt(0)).isEqualTo(0xAB);
        assertThat(vm.caretProperty().get()).isEqualTo(1);
        assertThat(vm.modifiedProperty().get()).isTrue();
        assertThat(vm.document().size()).isEqualTo(2);
    }

    @Test
    void insertModeInsertsANewByte() throws IOException {
        HexEditorViewModel vm = vm((byte) 0x11, (byte) 0x22);
        vm.insertModeProperty().set(true);
        vm.setCaret(1, false);
        vm.typeHexDigit(0xF);
        vm.typeHexDigit(0x0);
        assertThat(vm.document().toByteArray()).containsExactly(0x11, 0xF0, 0x22);
    }

    @Test
    void readOnlyRefusesAndAppendOnlyEditsOnlyAtTheEnd() throws IOException {
        HexEditorViewModel ro = vm((byte) 1);
        ro.editRuleProperty().set(HexEditorViewModel.EditRule.READ_ONLY);
        assertThat(ro.typeHexDigit(5)).isFalse();
        assertThat(ro.document().toByteArray()).containsExactly(1);
        assertThat(ro.messageProperty().get()).contains("Read-only");

        HexEditorViewModel ap = vm((byte) 1, (byte) 2);
        ap.editRuleProperty().set(HexEditorViewModel.EditRule.APPEND_ONLY);
        assertThat(ap.typeHexDigit(5)).isFalse();
        ap.setCaret(2, false);
        ap.typeHexDigit(0xC);
        ap.typeHexDigit(0xD);
        assertThat(ap.document().toByteArray()).containsExactly(1, 2, 0xCD);
    }

    @Test
    void undoRestoresTheByteAndRedoReappliesIt() throws IOException {
        HexEditorViewModel vm = vm((byte) 0x00);
        vm.typeHexDigit(1);
        vm.typeHexDigit(2);
        vm.undo();
        vm.undo();
        assertThat(vm.document().byteAt(0)).isEqualTo(0);
        vm.redo();
        vm.redo();
        assertThat(vm.document().byteAt(0)).isEqualTo(0x12);
    }

    @Test
    void findSelectsTheHitAndGotoAcceptsHex() {
        HexEditorViewModel vm = vm("xxhello world".getBytes(StandardCharsets.UTF_8));
        vm.find("world", false);
        assertThat(vm.selectionStart()).isEqualTo(8);
        assertThat(vm.selectionEnd()).isEqualTo(12);
        vm.find("68 65", true);
        assertThat(vm.selectionStart()).isEqualTo(2);
        assertThat(vm.gotoOffset("0xA")).isTrue();
        assertThat(vm.caretProperty().get()).isEqualTo(10);
        assertThat(vm.gotoOffset("999")).isFalse();
        assertThat(vm.gotoOffset("nope")).isFalse();
    }

    @Test
    void copyAsHexCopiesTheSelection() throws IOException {
        HexEditorViewModel vm = vm((byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF);
        vm.setCaret(1, false);
        vm.setCaret(2, true);
        String[] copied = new String[1];
        vm.copyAsHex(hex -> copied[0] = hex);
        assertThat(copied[0]).isEqualTo("AD BE");
    }

    @Test
    void typingOverBytesNotYetReadWaitsForTheirPageOnAWorkerAndKeepsTheKeyOrder() throws Exception {
        byte[] data = new byte[3 * 4096];
        Arrays.fill(data, (byte) 0x11);
        data[8192] = 0x22;
        data[8193] = 0x33;
        ThreadRecordingSource slow = new ThreadRecordingSource(data);
        QueuedUiExecutor tasks = new QueuedUiExecutor();
        HexEditorViewModel vm = new HexEditorViewModel(new HexDocument(slow), tasks);
        tasks.runAll();
        slow.readThreads.clear();

        vm.setCaret(8192, false);
        vm.typeHexDigit(0xA);
        vm.typeHexDigit(0xB);
        vm.moveCaret(-1, false);
        vm.typeHexDigit(0xC);
        assertThat(slow.readThreads).as("nothing read on the typing thread").isEmpty();
        assertThat(vm.document().isModified()).as("the first key waits for its page").isFalse();

        tasks.runAll();
        assertThat(slow.readThreads).isNotEmpty().allMatch(t -> t.startsWith("worker"));
        assertThat(vm.document().byteAt(8192)).as("A, B, then the caret back and C over its high nibble")
                .isEqualTo(0xCB);
        assertThat(vm.document().byteAt(8193)).isEqualTo(0x33);
        assertThat(vm.caretProperty().get()).isEqualTo(8192);
        assertThat(vm.lowNibbleProperty().get()).isTrue();
    }

    @Test
    void typingNextToABytePaintedByTheViewNeedsNoRead() throws Exception {
        byte[] data = new byte[4096];
        data[100] = 0x45;
        ThreadRecordingSource slow = new ThreadRecordingSource(data);
        QueuedUiExecutor tasks = new QueuedUiExecutor();
        HexEditorViewModel vm = new HexEditorViewModel(new HexDocument(slow), tasks);
        vm.requestWindow(0, 256);
        tasks.runAll();
        int reads = slow.readThreads.size();
        vm.setCaret(100, false);
        vm.typeHexDigit(0x9);
        assertThat(vm.document().byteAt(100)).as("typed at once from the painted page").isEqualTo(0x95);
        assertThat(slow.readThreads).hasSize(reads);
    }

    /** A source that is not in memory and records which thread read it. */
    private static final class ThreadRecordingSource implements ByteSource {
        final List<String> readThreads = new CopyOnWriteArrayList<>();
        private final byte[] data;

        ThreadRecordingSource(byte[] data) {
            this.data = data;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public int read(long offset, byte[] buf, int off, int len) {
            readThreads.add(Thread.currentThread().getName());
            int n = (int) Math.max(0, Math.min(len, data.length - offset));
            System.arraycopy(data, (int) Math.min(offset, data.length), buf, off, n);
            return n;
        }
    }

    /** Holds work until {@link #runAll}, which runs it on a thread named "worker" and the callbacks here. */
    private static final class QueuedUiExecutor implements UiExecutor {
        private final Deque<Runnable> queued = new ArrayDeque<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            queued.add(() -> {
                FutureTask<T> task = new FutureTask<>(work);
                Thread worker = new Thread(task, "worker");
                worker.start();
                try {
                    onSuccess.accept(task.get());
                } catch (ExecutionException e) {
                    onFailure.accept(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    onFailure.accept(e);
                }
            });
        }

        @Override
        public void runOnUi(Runnable action) {
            action.run();
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.poll().run();
            }
        }
    }

    @Test
    void inspectorShowsIntegersInBothByteOrdersFloatsAndUtf8() {
        HexEditorViewModel vm = vm(new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        List<DataInspector.Row> rows = vm.inspectorProperty().get();
        assertThat(DataInspector.value(rows, "int32 LE")).isEqualTo("1");
        assertThat(DataInspector.value(rows, "int32 BE")).isEqualTo("16777216");
        assertThat(DataInspector.value(rows, "int64 LE")).isEqualTo("1");
        assertThat(DataInspector.value(rows, "uint16 BE")).isEqualTo("256");

        byte[] pi = ByteBuffer.allocate(8).putDouble(Math.PI).array();
        List<DataInspector.Row> r2 = DataInspector.inspect(pi, 8);
        assertThat(DataInspector.value(r2, "float64 BE")).isEqualTo(Double.toString(Math.PI));
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertThat(DataInspector.value(DataInspector.inspect(euro, 3), "UTF-8 char")).isEqualTo("€ U+20AC");
        assertThat(DataInspector.value(DataInspector.inspect(new byte[] {(byte) 0xFF}, 1), "int8")).isEqualTo("-1");
        assertThat(DataInspector.value(DataInspector.inspect(new byte[1], 1), "int16 LE")).isEqualTo("—");
    }
}
