package org.odpsexplorer.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odpsexplorer.app.editor.LineDiff.Kind;
import org.odpsexplorer.app.editor.LineDiff.Line;

class LineDiffTest {
    @Test
    void identicalTextsHaveNoChanges() {
        assertThat(LineDiff.differs(LineDiff.compute("a\nb", "a\nb"))).isFalse();
    }

    @Test
    void changedLineShowsAsRemovedThenAddedWithLineNumbers() {
        List<Line> diff = LineDiff.compute("a\nb\nc", "a\nB\nc\nd");
        assertThat(diff).containsExactly(
                new Line(Kind.SAME, "a", 1, 1),
                new Line(Kind.ADDED, "B", 0, 2),
                new Line(Kind.REMOVED, "b", 2, 0),
                new Line(Kind.SAME, "c", 3, 3),
                new Line(Kind.ADDED, "d", 0, 4));
    }

    @Test
    void insertionInTheMiddleKeepsTheRestAligned() {
        List<Line> diff = LineDiff.compute("1\n2\n3\n4", "1\n2\nx\n3\n4");
        assertThat(diff.stream().filter(l -> l.kind() != Kind.SAME)).containsExactly(new Line(Kind.ADDED, "x", 0, 3));
        assertThat(diff.get(4)).isEqualTo(new Line(Kind.SAME, "4", 4, 5));
    }

    @Test
    void emptySidesDiffAsPureAddOrRemove() {
        assertThat(LineDiff.compute("", "a")).containsExactly(new Line(Kind.ADDED, "a", 0, 1));
        assertThat(LineDiff.compute("a", "")).containsExactly(new Line(Kind.REMOVED, "a", 1, 0));
    }
}
