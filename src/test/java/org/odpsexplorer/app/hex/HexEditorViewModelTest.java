package org.odpsexplorer.app.hex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odpsexplorer.app.common.SameThreadUiExecutor;

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
        assertThat(vm.copyAsHex()).isEqualTo("AD BE");
    }

    @Test
    void inspectorShowsIntegersInBothByteOrdersFloatsAndUtf8() {
        HexEditorViewModel vm = vm(new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        List<DataInspector.Row> rows = vm.inspectorProperty().get();
        assertThat(DataInspector.value(rows, "int32 LE")).isEqualTo("1");
        assertThat(DataInspector.value(rows, "int32 BE")).isEqualTo("16777216");
        assertThat(DataInspector.value(rows, "int64 LE")).isEqualTo("1");
        assertThat(DataInspector.value(rows, "uint16 BE")).isEqualTo("256");

        byte[] pi = java.nio.ByteBuffer.allocate(8).putDouble(Math.PI).array();
        List<DataInspector.Row> r2 = DataInspector.inspect(pi, 8);
        assertThat(DataInspector.value(r2, "float64 BE")).isEqualTo(Double.toString(Math.PI));
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertThat(DataInspector.value(DataInspector.inspect(euro, 3), "UTF-8 char")).isEqualTo("€ U+20AC");
        assertThat(DataInspector.value(DataInspector.inspect(new byte[] {(byte) 0xFF}, 1), "int8")).isEqualTo("-1");
        assertThat(DataInspector.value(DataInspector.inspect(new byte[1], 1), "int16 LE")).isEqualTo("—");
    }
}
