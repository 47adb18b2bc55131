package org.odpsexplorer.app.history.view;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.app.editor.TextContent;
import org.odpsexplorer.app.hex.HexPatch;
import org.odpsexplorer.app.history.RecoveryStore;
import org.odpsexplorer.sdk.model.ResourceInfo;

/** What the recovery prompt shows for a buffer: a line diff (text) or the edited ranges (hex) against the server. Pure. */
public final class RecoveryDiff {
    private static final int RANGES = 20;

    private RecoveryDiff() {
    }

    /**
     * @param server      the server copy's metadata now, null when the resource is gone
     * @param serverBytes its content (text buffers only), null when not read
     */
    public static List<String> describe(RecoveryStore.Recovered r, @Nullable ResourceInfo server,
                                        byte @Nullable [] serverBytes) {
        List<String> out = new ArrayList<>();
        if (server == null) {
            out.add("The resource is no longer on the server; restoring creates it again when saved.");
        } else {
            boolean same = server.size() == r.base().size() && (server.md5() == null || r.base().md5().isEmpty()
                    || server.md5().equalsIgnoreCase(r.base().md5()));
            out.add(same ? "The server copy is still the version these edits were based on."
                    : "⚠ The server copy changed since (" + server.size() + " bytes, MD5 " + server.md5()
                    + "); restoring leads into the conflict dialog.");
        }
        if (r.kind() == RecoveryStore.Kind.TEXT && r.text() != null) {
            List<String> theirs = serverBytes == null ? List.of() : lines(TextContent.of(serverBytes).text());
            List<String> mine = lines(r.text());
            Patch<String> patch = DiffUtils.diff(theirs, mine);
            if (patch.getDeltas().isEmpty()) {
                out.add("(the text equals the server copy)");
            } else {
                out.addAll(UnifiedDiffUtils.generateUnifiedDiff("server", "recovered", theirs, patch, 3));
            }
        } else if (r.patch() != null) {
            out.addAll(ranges(r.patch()));
        }
        return out;
    }

    /** The edited ranges of a hex patch, in the new content's offsets. */
    static List<String> ranges(HexPatch patch) {
        List<String> out = new ArrayList<>();
        out.add(String.format("Size: %,d → %,d bytes", patch.baseSize(), patch.resultSize()));
        long at = 0;
        int shown = 0;
        for (HexPatch.Segment s : patch.segments()) {
            if (s instanceof HexPatch.Insert i && shown < RANGES) {
                out.add(String.format("+ 0x%08X: %d byte(s) %s", at, i.length(), preview(i.bytes())));
                shown++;
            } else if (s instanceof HexPatch.Copy c && c.start() != at && shown < RANGES) {
                out.add(String.format("  0x%08X: original bytes from 0x%08X", at, c.start()));
                shown++;
            }
            at += s.length();
        }
        return out;
    }

    private static String preview(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(16, b.length); i++) {
            sb.append(String.format("%02X ", b[i]));
        }
        return b.length > 16 ? sb + "…" : sb.toString().trim();
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }
}
