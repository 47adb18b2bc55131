package org.odpsexplorer.app.editor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Line diff between two texts (longest common subsequence after trimming the common head and tail). Pure. Used by
 * the conflict dialog to show "mine" against "theirs"; a very large differing middle falls back to remove-all /
 * add-all rather than an O(n·m) table that would not fit in memory.
 */
public final class LineDiff {
    /** Kind of a diff line: in both texts, only in the left ("theirs") or only in the right ("mine"). */
    public enum Kind { SAME, REMOVED, ADDED }

    /** One output line; {@code leftLine}/{@code rightLine} are 1-based, 0 when the line is absent on that side. */
    public record Line(Kind kind, String text, int leftLine, int rightLine) {
    }

    private static final long MAX_CELLS = 4_000_000;

    private LineDiff() {
    }

    public static List<Line> compute(String left, String right) {
        String[] a = split(left);
        String[] b = split(right);
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head
                && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
            tail++;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            out.add(new Line(Kind.SAME, a[i], i + 1, i + 1));
        }
        String[] ma = Arrays.copyOfRange(a, head, a.length - tail);
        String[] mb = Arrays.copyOfRange(b, head, b.length - tail);
        middle(ma, mb, head, out);
        for (int i = tail; i > 0; i--) {
            out.add(new Line(Kind.SAME, a[a.length - i], a.length - i + 1, b.length - i + 1));
        }
        return out;
    }

    /** True when the diff has any added or removed line. */
    public static boolean differs(List<Line> diff) {
        return diff.stream().anyMatch(l -> l.kind() != Kind.SAME);
    }

    private static void middle(String[] a, String[] b, int offset, List<Line> out) {
        if ((long) a.length * b.length > MAX_CELLS) {
            for (int i = 0; i < a.length; i++) {
                out.add(new Line(Kind.REMOVED, a[i], offset + i + 1, 0));
            }
            for (int j = 0; j < b.length; j++) {
                out.add(new Line(Kind.ADDED, b[j], 0, offset + j + 1));
            }
            return;
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add(new Line(Kind.SAME, a[i], offset + i + 1, offset + j + 1));
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add(new Line(Kind.ADDED, b[j], 0, offset + j + 1));
                j++;
            } else {
                out.add(new Line(Kind.REMOVED, a[i], offset + i + 1, 0));
                i++;
            }
        }
    }

    private static String[] split(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        return text.split("\n", -1);
    }
}
