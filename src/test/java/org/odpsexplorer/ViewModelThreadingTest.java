package org.odpsexplorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The threading rule of docs/architecture.md for the editor's view-models, where ArchUnit cannot look (it sees no
 * {@code synchronized} blocks): their state belongs to the FX thread and workers return immutable results, so a lock
 * in one means a worker writes state again. The handle's own serialization lives in {@code SerialHandle}.
 */
class ViewModelThreadingTest {
    private static final Pattern LOCKING = Pattern.compile("\\bsynchronized\\b|\\bReentrantLock\\b|\\bvolatile\\b");

    @Test
    void editorAndHexViewModelsTakeNoLocks() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> checked = new ArrayList<>();
        for (String pkg : List.of("editor", "hex")) {
            try (Stream<Path> files = Files.list(Path.of("src/main/java/org/odpsexplorer/app", pkg))) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString()
                        .endsWith("ViewModel.java"))::iterator) {
                    checked.add(file);
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        String code = lines.get(i).replaceAll("//.*|^\\s*\\*.*|/\\*.*?\\*/", "");
                        if (LOCKING.matcher(code).find()) {
                            found.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(checked).as("the view-models looked at").hasSizeGreaterThanOrEqualTo(2);
        assertThat(found).as("locks or volatile fields in editor view-models").isEmpty();
    }
}
