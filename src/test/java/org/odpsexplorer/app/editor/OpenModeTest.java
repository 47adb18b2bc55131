package org.odpsexplorer.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.odpsexplorer.sdk.model.FileMode;

class OpenModeTest {
    @Test
    void everyModeOpensTheBinaryFormOfItselfAndTheSdkAcceptsIt() {
        for (OpenMode m : OpenMode.ALL) {
            FileMode handle = FileMode.parse(m.handleMode());
            assertThat(handle.binary()).isTrue();
            assertThat(handle.base()).isEqualTo(m.text().charAt(0));
            assertThat(handle.plus()).isEqualTo(m.text().contains("+"));
            assertThat(m.readOnly()).isEqualTo(!handle.writable());
            assertThat(m.appendOnly()).isEqualTo(handle.appending());
            assertThat(m.handleReads()).isEqualTo(handle.readable());
        }
        assertThat(OpenMode.ALL).hasSize(12);
    }

    @Test
    void parseAcceptsBothSpellingsOfBinaryPlusModes() {
        assertThat(OpenMode.parse("rb+")).isEqualTo(OpenMode.R_PLUS_B);
        assertThat(OpenMode.parse("r+b")).isEqualTo(OpenMode.R_PLUS_B);
        assertThat(OpenMode.parse("A+")).isEqualTo(OpenMode.A_PLUS);
        assertThat(OpenMode.parse("w+b").startsEmpty()).isTrue();
        assertThatThrownBy(() -> OpenMode.parse("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
