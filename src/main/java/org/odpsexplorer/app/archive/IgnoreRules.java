package org.odpsexplorer.app.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files of a dropped folder stay out of its archive: always {@code .git/}, {@code __pycache__/}, {@code *.pyc}
 * and the {@code .odpsignore} file itself, plus the lines of that file, read the way {@code .gitignore} lines are
 * (a subset): blank lines and {@code #} comments are skipped; {@code !} re-includes; a trailing {@code /} matches
 * folders only; a pattern with a {@code /} inside is matched against the path from the folder's root (a leading
 * {@code /} is dropped), one without against the name at any depth; {@code *}, {@code ?}, {@code [..]} and
 * {@code **} are globs. The last matching line wins.
 */
public final class IgnoreRules {
    /** The name of the ignore file looked for in the dropped folder. */
    public static final String FILE = ".odpsignore";
    private static final List<String> DEFAULTS = List.of(".git/", "__pycache__/", "*.pyc", "/" + FILE);

    private record Rule(PathMatcher matcher, boolean negate, boolean directoryOnly, boolean anchored) {
    }

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The defaults plus {@code folder/.odpsignore} when present. */
    public static IgnoreRules load(Path folder) throws IOException {
        List<String> lines = new ArrayList<>(DEFAULTS);
        Path file = folder.resolve(FILE);
        if (Files.isRegularFile(file)) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        return of(lines);
    }

    /** Rules from lines in {@code .odpsignore} syntax (the defaults are not added). */
    public static IgnoreRules of(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negate = line.startsWith("!");
            if (negate) {
                line = line.substring(1);
            }
            boolean directoryOnly = line.endsWith("/");
            if (directoryOnly) {
                line = line.substring(0, line.length() - 1);
            }
            boolean anchored = line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            if (line.isEmpty()) {
                continue;
            }
            rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + line), negate, directoryOnly,
                    anchored));
        }
        return new IgnoreRules(rules);
    }

    /** True when {@code relativePath} ({@code /} separated, from the folder's root) is left out. */
    public boolean ignored(String relativePath, boolean directory) {
        Path full = Path.of(relativePath);
        Path name = full.getFileName();
        boolean ignored = false;
        for (Rule r : rules) {
            if (r.directoryOnly() && !directory) {
                continue;
            }
            if (r.matcher().matches(r.anchored() ? full : name)) {
                ignored = !r.negate();
            }
        }
        return ignored;
    }
}
