package org.odpsexplorer.app.editor;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Line diff between two texts, computed by java-diff-utils (Myers) and flattened into numbered lines for display.
 * Pure. Used wherever the app shows one text against another (the conflict dialog: "theirs" left, "mine" right).
 * Within a changed block the added lines come first, then the removed ones.
 */
public final class LineDiff {
    /** Kind of a diff line: in both texts, only in the left ("theirs") or only in the right ("mine"). */
    public enum Kind { SAME, REMOVED, ADDED }

    /** One output line; {@code leftLine}/{@code rightLine} are 1-based, 0 when the line is absent on that side. */
    public record Line(Kind kind, String text, int leftLine, int rightLine) {
    }

    private LineDiff() {
    }

    public static List<Line> compute(String left, String right) {
        List<String> a = split(left);
        List<String> b = split(right);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<Line> out = new ArrayList<>(Math.max(a.size(), b.size()));
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int sourceAt = delta.getSource().getPosition();
            while (i < sourceAt) {
                out.add(new Line(Kind.SAME, a.get(i), ++i, ++j));
            }
            for (String added : delta.getTarget().getLines()) {
                out.add(new Line(Kind.ADDED, added, 0, ++j));
            }
            for (String removed : delta.getSource().getLines()) {
                out.add(new Line(Kind.REMOVED, removed, ++i, 0));
            }
        }
        while (i < a.size()) {
            out.add(new Line(Kind.SAME, a.get(i), ++i, ++j));
        }
        return out;
    }

    /** True when the diff has any added or removed line. */
    public static boolean differs(List<Line> diff) {
        return diff.stream().anyMatch(l -> l.kind() != Kind.SAME);
    }

    private static List<String> split(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }
}
