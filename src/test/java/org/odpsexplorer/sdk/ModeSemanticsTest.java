package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.ResourceType;

/**
 * Mode × operation → result, reasoned from PyODPS's {@code LocalResourceFile} over Python's StringIO/BytesIO and
 * checked against the recorded PyODPS traffic where it covers a case. Each row: starting content, mode, a script of
 * operations (its observations joined by {@code |}), what the script observes, and the exact content on the server
 * after {@code close()} (or the exception the script hits; the server copy must then be unchanged).
 */
class ModeSemanticsTest {
    private static final String TEXT = "Hello\nWorld\n";
    private static final String BIN_HEX = "00ff0d0a80";

    @TempDir
    Path tempDir;
    private TestService service;
    private Odps odps;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir);
        odps = service.client();
    }

    @AfterEach
    void stop() {
        odps.close();
        service.close();
    }

    private static final Map<String, Function<ResourceFile, String>> SCRIPTS = Map.ofEntries(
            Map.entry("read", fp -> fp.read()),
            Map.entry("tell", fp -> Long.toString(fp.tell())),
            Map.entry("readlines", fp -> String.join("|", fp.readLines())),
            Map.entry("readline x2", fp -> fp.readLine() + "|" + fp.readLine(3)),
            Map.entry("iterate lines", fp -> String.join("|", fp.lines()) + "|" + fp.tell()),
            Map.entry("seekend tell", fp -> fp.seek(0, ResourceFile.SEEK_END) + "|" + fp.tell()),
            Map.entry("nothing", fp -> ""),
            Map.entry("write X", fp -> fp.write("X") + "|" + fp.tell()),
            Map.entry("write empty", fp -> fp.write("") + "|" + fp.tell()),
            Map.entry("seek2 write X", fp -> fp.seek(2) + "|" + fp.write("X") + "|" + fp.tell()),
            Map.entry("seek20 write X", fp -> fp.seek(20) + "|" + fp.write("X") + "|" + fp.tell()),
            Map.entry("write X read", fp -> fp.write("X") + "|" + fp.read()),
            Map.entry("write X seek0 read", fp -> fp.write("X") + "|" + fp.seek(0) + "|" + fp.read()),
            Map.entry("truncate", fp -> Long.toString(fp.truncate())),
            Map.entry("seek5 truncate", fp -> fp.seek(5) + "|" + fp.truncate() + "|" + fp.tell()),
            Map.entry("seek5 truncate3", fp -> fp.seek(5) + "|" + fp.truncate(3) + "|" + fp.tell()),
            Map.entry("truncate99", fp -> Long.toString(fp.truncate(99))),
            Map.entry("writelines", fp -> {
                fp.writeLines(List.of("a\n", "b\n"));
                return Long.toString(fp.tell());
            }),
            Map.entry("read seek0 readlines", fp -> fp.read().length() + "|" + fp.seek(0) + "|"
                    + String.join("|", fp.readLines())),
            // binary scripts: observations in hex
            Map.entry("readBytes", fp -> HexFormat.of().formatHex(fp.readBytes())),
            Map.entry("readBytes2 tell", fp -> HexFormat.of().formatHex(fp.readBytes(2)) + "|" + fp.tell()),
            Map.entry("readLineBytes", fp -> HexFormat.of().formatHex(fp.readLineBytes())),
            Map.entry("write 0001", fp -> fp.write(new byte[] {0, 1}) + "|" + fp.tell()),
            Map.entry("seek-2end write 0001", fp -> fp.seek(-2, ResourceFile.SEEK_END) + "|"
                    + fp.write(new byte[] {0, 1})),
            Map.entry("seek-9cur tell", fp -> fp.seek(-9, ResourceFile.SEEK_CUR) + "|" + fp.tell()),
            Map.entry("seek7 write 01", fp -> fp.seek(7) + "|" + fp.write(new byte[] {1})),
            Map.entry("write str é", fp -> fp.write("é") + "|" + fp.tell()),
            Map.entry("write lone surrogate", fp -> Integer.toString(fp.write("\uD800"))),
            Map.entry("seek3 truncate", fp -> fp.seek(3) + "|" + fp.truncate()));

    static Stream<Arguments> table() {
        return Stream.of(
                // mode, script, observed, final content (text) -- or the exception the script throws
                row("r", "read", TEXT, TEXT),
                row("r", "tell", "0", TEXT),
                row("r", "readlines", "Hello\n|World\n", TEXT),
                row("r", "readline x2", "Hello\n|Wor", TEXT),
                row("r", "iterate lines", "Hello\n|World\n|12", TEXT),
                row("w", "iterate lines", UnsupportedOperationException.class, TEXT),
                row("a+", "iterate lines", "Hello\n|World\n|12", TEXT),
                row("r", "seekend tell", "12|12", TEXT),
                row("r", "read seek0 readlines", "12|0|Hello\n|World\n", TEXT),
                row("r", "write X", UnsupportedOperationException.class, TEXT),
                row("r", "truncate", UnsupportedOperationException.class, TEXT),
                row("r", "writelines", UnsupportedOperationException.class, TEXT),
                row("w", "read", UnsupportedOperationException.class, TEXT),
                row("w", "readlines", UnsupportedOperationException.class, TEXT),
                row("w", "nothing", "", TEXT), // PyODPS uploads nothing unless something was written
                row("w", "tell", "0", TEXT),
                row("w", "write X", "1|1", "X"),
                row("w", "write empty", "0|0", TEXT),
                row("w", "seek2 write X", "2|1|3", "\0\0X"),
                row("w", "truncate", "0", ""),
                row("w", "writelines", "4", "a\nb\n"),
                row("a", "read", UnsupportedOperationException.class, TEXT),
                row("a", "tell", "0", TEXT),
                row("a", "write X", "1|13", TEXT + "X"),
                row("a", "seek2 write X", "2|1|13", TEXT + "X"),
                row("a", "writelines", "16", TEXT + "a\nb\n"),
                row("a", "truncate", "0", ""),
                row("a", "seek5 truncate", "5|5|5", "Hello"),
                row("r+", "read", TEXT, TEXT),
                row("r+", "nothing", "", TEXT),
                row("r+", "write X", "1|1", "Xello\nWorld\n"),
                row("r+", "seek2 write X", "2|1|3", "HeXlo\nWorld\n"),
                row("r+", "seek20 write X", "20|1|21", TEXT + "\0".repeat(8) + "X"),
                row("r+", "write X read", "1|ello\nWorld\n", "Xello\nWorld\n"),
                row("r+", "seek5 truncate", "5|5|5", "Hello"),
                row("r+", "seek5 truncate3", "5|3|5", "Hel"),
                row("r+", "truncate99", "99", TEXT),
                row("r+", "seekend tell", "12|12", TEXT),
                row("w+", "read", "", TEXT),
                row("w+", "nothing", "", TEXT),
                row("w+", "write X seek0 read", "1|0|X", "X"),
                row("w+", "seek2 write X", "2|1|3", "\0\0X"),
                row("w+", "truncate", "0", ""),
                row("a+", "read", TEXT, TEXT), // PyODPS starts a+ at position 0, unlike a real file
                row("a+", "tell", "0", TEXT),
                row("a+", "write X", "1|13", TEXT + "X"),
                row("a+", "seek2 write X", "2|1|13", TEXT + "X"),
                row("a+", "write X read", "1|", TEXT + "X"),
                row("a+", "write X seek0 read", "1|0|" + TEXT + "X", TEXT + "X"),
                row("a+", "seek5 truncate", "5|5|5", "Hello"));
    }

    static Stream<Arguments> binaryTable() {
        return Stream.of(
                // mode, script, observed, final content in hex -- initial content 00 ff 0d 0a 80
                row("rb", "readBytes", BIN_HEX, BIN_HEX),
                row("rb", "readBytes2 tell", "00ff|2", BIN_HEX),
                row("rb", "readLineBytes", "00ff0d0a", BIN_HEX),
                row("rb", "seek-9cur tell", "0|0", BIN_HEX),
                row("rb", "write 0001", UnsupportedOperationException.class, BIN_HEX),
                row("rb", "read", UnsupportedOperationException.class, BIN_HEX),
                row("wb", "readBytes", UnsupportedOperationException.class, BIN_HEX),
                row("wb", "write 0001", "2|2", "0001"),
                row("wb", "write str é", "2|2", "c3a9"),
                row("r+b", "write lone surrogate", IllegalArgumentException.class, BIN_HEX),
                row("wb", "seek7 write 01", "7|1", "0000000000000001"),
                row("ab", "write 0001", "2|7", BIN_HEX + "0001"),
                row("ab", "readBytes", UnsupportedOperationException.class, BIN_HEX),
                row("r+b", "seek-2end write 0001", "3|2", "00ff0d0001"),
                row("rb+", "seek3 truncate", "3|3", "00ff0d"),
                row("r+b", "seek7 write 01", "7|1", BIN_HEX + "000001"),
                row("r+b", "readBytes2 tell", "00ff|2", BIN_HEX),
                row("w+b", "readBytes", "", BIN_HEX),
                row("a+b", "seek-2end write 0001", "3|2", BIN_HEX + "0001"),
                row("a+b", "readBytes", BIN_HEX, BIN_HEX),
                row("r+b", "readBytes", BIN_HEX, BIN_HEX));
    }

    private static Arguments row(String mode, String script, Object observed, String finalContent) {
        return Arguments.of(mode, script, observed, finalContent);
    }

    @ParameterizedTest(name = "[{index}] text {0} / {1}")
    @MethodSource("table")
    void textModes(String mode, String script, Object observed, String expectedFinal) {
        odps.createResource("m.txt", "file", TEXT);
        runRow(mode, script, observed);
        try (ResourceFile check = odps.openResource("m.txt", "rb")) {
            assertThat(new String(check.readBytes(), StandardCharsets.UTF_8)).isEqualTo(expectedFinal);
        }
    }

    @ParameterizedTest(name = "[{index}] binary {0} / {1}")
    @MethodSource("binaryTable")
    void binaryModes(String mode, String script, Object observed, String expectedFinalHex) {
        odps.createResource("m.bin", "file", HexFormat.of().parseHex(BIN_HEX));
        runRowOn("m.bin", mode, script, observed);
        try (ResourceFile check = odps.openResource("m.bin", "rb")) {
            assertThat(HexFormat.of().formatHex(check.readBytes())).isEqualTo(expectedFinalHex);
        }
    }

    private void runRow(String mode, String script, Object observed) {
        runRowOn("m.txt", mode, script, observed);
    }

    private void runRowOn(String name, String mode, String script, Object observed) {
        Function<ResourceFile, String> ops = SCRIPTS.get(script);
        ResourceFile fp = odps.openResource(name, mode);
        if (observed instanceof Class<?> error) {
            assertThatThrownBy(() -> ops.apply(fp)).isInstanceOf(error);
            fp.close(); // nothing was changed, so nothing is uploaded
        } else {
            try (fp) {
                assertThat(ops.apply(fp)).isEqualTo(observed);
            }
        }
        assertThat(fp.isClosed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"r", "r+", "a", "a+", "rb", "r+b", "ab", "a+b"})
    void modesThatLoadContentFailOnAMissingResource(String mode) {
        assertThatThrownBy(() -> odps.openResource("missing.txt", mode)).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void writeModesCreateTheResourceOnlyWhenSomethingIsWritten() {
        try (ResourceFile fp = odps.openResource("new1.txt", "w")) {
            assertThat(fp.tell()).isZero();
        }
        assertThat(odps.existResource("new1.txt")).isFalse();
        try (ResourceFile fp = odps.openResource("new1.txt", "w", ResourceOptions.defaults().withComment("made"))) {
            fp.write("created");
        }
        Resource r = odps.getResource("new1.txt");
        assertThat(r.type()).isEqualTo(ResourceType.FILE);
        assertThat(r.size()).isEqualTo(7);
        assertThat(r.comment()).isEqualTo("made");
        try (ResourceFile fp = odps.openResource("empty.py", "w+",
                ResourceOptions.defaults().withType(ResourceType.PY))) {
            fp.truncate();
        }
        assertThat(odps.getResource("empty.py").size()).isZero();
        assertThat(odps.getResource("empty.py").type()).isEqualTo(ResourceType.PY);
    }

    @Test
    void aClosedHandleRefusesEverythingButClose() {
        odps.createResource("c.txt", "file", TEXT);
        ResourceFile fp = odps.openResource("c.txt", "r+");
        fp.close();
        fp.close();
        List<Runnable> ops = List.of(fp::read, fp::tell, () -> fp.seek(0), () -> fp.write("x"), fp::truncate,
                fp::flush, fp::readLines, fp::size, () -> fp.writeLines(List.of("a")));
        for (Runnable op : ops) {
            assertThatThrownBy(op::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void badPositionsAndTheWrongFamilyAreRefused() {
        odps.createResource("p.txt", "file", TEXT);
        try (ResourceFile fp = odps.openResource("p.txt", "r+")) {
            assertThatThrownBy(() -> fp.seek(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("negative");
            assertThatThrownBy(() -> fp.seek(1, ResourceFile.SEEK_CUR)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fp.seek(0, 3)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fp.truncate(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(fp::readBytes).isInstanceOf(UnsupportedOperationException.class);
            assertThat(fp.tell()).isZero();
        }
    }
}
