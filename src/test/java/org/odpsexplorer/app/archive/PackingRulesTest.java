package org.odpsexplorer.app.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure rules behind packing and extraction: ignore lines, entry path safety, the folder tree of a listing. */
class PackingRulesTest {
    @TempDir
    Path dir;

    @Test
    void ignoreLinesFollowTheGitignoreSubset() {
        IgnoreRules rules = IgnoreRules.of(List.of("# comment", "", "*.log", "build/", "/top.txt", "docs/*.md",
                "!keep.log"));
        assertThat(rules.ignored("a/b/c.log", false)).isTrue();
        assertThat(rules.ignored("a/keep.log", false)).isFalse();
        assertThat(rules.ignored("build", true)).isTrue();
        assertThat(rules.ignored("build", false)).isFalse(); // a file named build is not the folder
        assertThat(rules.ignored("top.txt", false)).isTrue();
        assertThat(rules.ignored("sub/top.txt", false)).isFalse(); // anchored at the root only
        assertThat(rules.ignored("docs/readme.md", false)).isTrue();
        assertThat(rules.ignored("docs/deep/readme.md", false)).isFalse();
        assertThat(rules.ignored("src/main.py", false)).isFalse();
    }

    @Test
    void theDefaultsLeaveOutGitCachesAndCompiledPython() throws Exception {
        Files.writeString(dir.resolve(IgnoreRules.FILE), "secret.env\n");
        IgnoreRules rules = IgnoreRules.load(dir);
        assertThat(rules.ignored(".git", true)).isTrue();
        assertThat(rules.ignored("pkg/__pycache__", true)).isTrue();
        assertThat(rules.ignored("pkg/mod.pyc", false)).isTrue();
        assertThat(rules.ignored(IgnoreRules.FILE, false)).isTrue();
        assertThat(rules.ignored("conf/secret.env", false)).isTrue();
        assertThat(rules.ignored("pkg/mod.py", false)).isFalse();
    }

    @Test
    void entryNamesThatLeaveTheTargetAreRefused() {
        assertThat(EntryPaths.escapes("../x")).isTrue();
        assertThat(EntryPaths.escapes("a/../../x")).isTrue();
        assertThat(EntryPaths.escapes("/etc/passwd")).isTrue();
        assertThat(EntryPaths.escapes("\\\\server\\share")).isTrue();
        assertThat(EntryPaths.escapes("C:/Windows/x")).isTrue();
        assertThat(EntryPaths.escapes("..\\x")).isTrue();
        assertThat(EntryPaths.escapes("a/../b")).isFalse();
        assertThat(EntryPaths.escapes("./a/b")).isFalse();
        Path target = dir.resolve("t");
        assertThat(EntryPaths.resolve(target, "pkg/sub/a.py", "pkg/")).isEqualTo(target.toAbsolutePath()
                .resolve("sub").resolve("a.py"));
        assertThat(EntryPaths.resolve(target, "a/../b", "")).isEqualTo(target.toAbsolutePath().resolve("b"));
        assertThat(EntryPaths.resolve(target, "../x", "")).isNull();
        assertThat(EntryPaths.resolve(target, "pkg/", "pkg/")).isNull(); // the stripped folder itself
    }

    @Test
    void aListingBecomesATreeWithMadeUpFoldersAndSums() {
        List<ArchiveEntry> entries = List.of(
                new ArchiveEntry(0, "pkg/a.py", false, false, 10, 5, null, -1),
                new ArchiveEntry(1, "pkg/sub/", true, false, 0, 0, null, -1),
                new ArchiveEntry(2, "pkg/sub/b.py", false, false, 20, 8, null, -1),
                new ArchiveEntry(3, "top.txt", false, false, 3, 3, null, -1));
        EntryTree.Node root = EntryTree.build("x.zip", entries);
        assertThat(root.children()).extracting(EntryTree.Node::name).containsExactly("pkg", "top.txt");
        EntryTree.Node pkg = root.children().get(0);
        assertThat(pkg.entry()).isNull(); // the zip has no entry for pkg/
        assertThat(pkg.size()).isEqualTo(30);
        assertThat(pkg.compressedSize()).isEqualTo(13);
        assertThat(pkg.files()).isEqualTo(2);
        assertThat(pkg.children()).extracting(EntryTree.Node::name).containsExactly("sub", "a.py");
        EntryTree.Node sub = pkg.children().get(0);
        assertThat(sub.entry()).isSameAs(entries.get(1));
        assertThat(sub.entries()).containsExactly(entries.get(1), entries.get(2));
        assertThat(sub.parentPath()).isEqualTo("pkg/");
        assertThat(root.entries()).hasSize(4);
        assertThat(root.parentPath()).isEmpty();
    }

    @Test
    void aPreviewCutInsideAUtf8CharacterIsStillText() {
        byte[] text = "héllo wörld".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(text, 9); // "héllo w" plus the first byte of ö
        assertThat(ArchiveViewModel.previewText(cut, true)).isNotNull()
                .satisfies(t -> assertThat(t.text()).isEqualTo("héllo w"));
        assertThat(ArchiveViewModel.completeUtf8Length(cut)).isEqualTo(8);
        assertThat(ArchiveViewModel.completeUtf8Length(text)).isEqualTo(text.length);
        assertThat(ArchiveViewModel.previewText(new byte[] {0, 1, 2, (byte) 0xff}, false)).isNull();
    }
}
