package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odpsexplorer.sdk.model.FileMode;

class FileModeTest {
    @ParameterizedTest
    @CsvSource({
        "r,   r,   true,  false, false, false, true",
        "w,   w,   false, true,  true,  false, false",
        "a,   a,   false, true,  false, true,  true",
        "r+,  r+,  true,  true,  false, false, true",
        "w+,  w+,  true,  true,  true,  false, false",
        "a+,  a+,  true,  true,  false, true,  true",
        "rb,  rb,  true,  false, false, false, true",
        "r+b, r+b, true,  true,  false, false, true",
        "rb+, r+b, true,  true,  false, false, true",
        "br,  rb,  true,  false, false, false, true",
        "wb,  wb,  false, true,  true,  false, false",
        "ab+, a+b, true,  true,  false, true,  true",
    })
    void parsesEveryPythonSpelling(String text, String canonical, boolean readable, boolean writable,
                                   boolean truncating, boolean appending, boolean loads) {
        FileMode mode = FileMode.parse(text);
        assertThat(mode.toString()).isEqualTo(canonical);
        assertThat(mode.readable()).isEqualTo(readable);
        assertThat(mode.writable()).isEqualTo(writable);
        assertThat(mode.truncating()).isEqualTo(truncating);
        assertThat(mode.appending()).isEqualTo(appending);
        assertThat(mode.loadsContent()).isEqualTo(loads);
        assertThat(mode.binary()).isEqualTo(text.contains("b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "rw", "r++", "rbb", "b", "+r", "rt", "R", "r +", "wa"})
    void rejectsUnknownModesWithTheAcceptedList(String text) {
        assertThatThrownBy(() -> FileMode.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid mode").hasMessageContaining("r+");
    }

    @Test
    void canonicalFormParsesBackToTheSameMode() {
        for (String m : new String[] {"r", "w", "a", "r+", "w+", "a+", "rb", "wb", "ab", "r+b", "w+b", "a+b"}) {
            assertThat(FileMode.parse(FileMode.parse(m).toString())).isEqualTo(FileMode.parse(m));
        }
    }
}
