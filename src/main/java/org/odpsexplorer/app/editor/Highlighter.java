package org.odpsexplorer.app.editor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Pure syntax highlighter: text in, non-overlapping sorted tokens out. Thread-safe and side-effect free, so the
 * editor runs it on a worker (STYLE.md §7). Each language is one regex of named alternatives, tried left to right;
 * the first alternative that matches at a position wins (so strings and comments shadow keywords inside them).
 */
public final class Highlighter {
    private static final Map<Language, Rules> RULES = new EnumMap<>(Language.class);

    static {
        RULES.put(Language.PYTHON, new Rules(
                "(?<comment>#[^\\n]*)"
                        + "|(?<string>(?:[rRbBuUfF]{0,2})(?:\"\"\"[\\s\\S]*?(?:\"\"\"|\\z)|'''[\\s\\S]*?(?:'''|\\z)"
                        + "|\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\\\\\n]|\\\\.)*'?))"
                        + "|(?<decorator>@[A-Za-z_][\\w.]*)"
                        + "|(?<keyword>\\b(?:" + words("False None True and as assert async await break class continue def del "
                        + "elif else except finally for from global if import in is lambda nonlocal not or pass raise return "
                        + "try while with yield match case") + ")\\b)"
                        + "|(?<builtin>\\b(?:" + words("print len range open int str float list dict set tuple bool "
                        + "isinstance enumerate zip map filter sorted self super object type") + ")\\b)"
                        + "|(?<number>\\b(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\\d[\\d_]*(?:\\.\\d*)?(?:[eE][+-]?\\d+)?j?)\\b)",
                0));
        RULES.put(Language.SQL, new Rules(
                "(?<comment>--[^\\n]*|/\\*[\\s\\S]*?(?:\\*/|\\z))"
                        + "|(?<string>'(?:[^']|'')*'?|\"(?:[^\"\\\\]|\\\\.)*\"?)"
                        + "|(?<identifier>`[^`]*`?)"
                        + "|(?<keyword>\\b(?:" + words("select from where group by order having limit insert into overwrite "
                        + "values update delete create drop alter table view function resource partition partitioned as on "
                        + "join left right inner outer full cross union all distinct and or not in is null like rlike between "
                        + "case when then else end if exists with set use add list desc asc lifecycle comment using "
                        + "bigint int string double boolean datetime decimal array map struct true false") + ")\\b)"
                        + "|(?<number>\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[lLsSyYbB]?(?:bd|BD)?\\b)",
                Pattern.CASE_INSENSITIVE));
        RULES.put(Language.SHELL, new Rules(
                "(?<comment>(?<![\\w$])#[^\\n]*)"
                        + "|(?<string>\"(?:[^\"\\\\]|\\\\[\\s\\S])*\"?|'[^']*'?)"
                        + "|(?<variable>\\$(?:\\{[^}\\n]*\\}?|[A-Za-z_]\\w*|[0-9#?@*$!-]))"
                        + "|(?<keyword>\\b(?:" + words("if then else elif fi for while until do done case esac in function "
                        + "return exit export local readonly set unset shift source echo cd test") + ")\\b)"
                        + "|(?<number>\\b\\d+\\b)",
                0));
        RULES.put(Language.JSON, new Rules(
                "(?<key>\"(?:[^\"\\\\\\n]|\\\\.)*\"(?=\\s*:))"
                        + "|(?<string>\"(?:[^\"\\\\\\n]|\\\\.)*\"?)"
                        + "|(?<keyword>\\b(?:true|false|null)\\b)"
                        + "|(?<number>-?\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)"
                        + "|(?<punctuation>[{}\\[\\],:])",
                0));
        RULES.put(Language.XML, new Rules(
                "(?<comment><!--[\\s\\S]*?(?:-->|\\z))"
                        + "|(?<cdata><!\\[CDATA\\[[\\s\\S]*?(?:\\]\\]>|\\z))"
                        + "|(?<tag></?[A-Za-z_?!][\\w:.-]*|/?\\?>|/?>)"
                        + "|(?<attribute>\\b[A-Za-z_][\\w:.-]*(?=\\s*=))"
                        + "|(?<string>\"[^\"]*\"?|'[^']*'?)"
                        + "|(?<entity>&[#\\w]+;)",
                0));
        RULES.put(Language.YAML, new Rules(
                "(?<comment>(?<![^\\s])#[^\\n]*)"
                        + "|(?<key>^[ \\t]*(?:- )?[^\\s#:'\"\\-][^:#\\n]*?(?=:(?:\\s|$)))"
                        + "|(?<string>\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\n]|'')*'?)"
                        + "|(?<keyword>\\b(?:true|false|yes|no|null|on|off)\\b|~|^---|^\\.\\.\\.)"
                        + "|(?<number>(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w.]))"
                        + "|(?<anchor>[&*][\\w-]+)",
                Pattern.MULTILINE));
        RULES.put(Language.INI, new Rules(
                "(?<comment>^[ \\t]*[#;!][^\\n]*)"
                        + "|(?<section>^[ \\t]*\\[[^\\]\\n]*\\]?)"
                        + "|(?<key>^[ \\t]*[^=:\\s#;!\\[][^=:\\n]*?(?=[ \\t]*[=:]))"
                        + "|(?<string>\"[^\"\\n]*\"?)",
                Pattern.MULTILINE));
    }

    private Highlighter() {
    }

    /** Tokens for {@code text} in {@code language}; gaps between them are plain text. Never null. */
    public static List<Token> compute(String text, Language language) {
        Rules rules = RULES.get(language);
        if (rules == null) {
            return List.of();
        }
        List<Token> out = new ArrayList<>();
        Matcher m = rules.pattern.matcher(text);
        while (m.find()) {
            if (m.end() == m.start()) {
                continue;
            }
            for (String group : rules.groups) {
                if (m.start(group) >= 0) {
                    out.add(new Token(m.start(), m.end(), group));
                    break;
                }
            }
        }
        return out;
    }

    /** The style at {@code offset}, or null when plain; a convenience for tests and the status bar. */
    public static @Nullable String styleAt(List<Token> tokens, int offset) {
        for (Token t : tokens) {
            if (offset >= t.start() && offset < t.end()) {
                return t.style();
            }
        }
        return null;
    }

    private static String words(String spaceSeparated) {
        return String.join("|", spaceSeparated.trim().split("\\s+"));
    }

    private static final class Rules {
        final Pattern pattern;
        final List<String> groups;

        Rules(String regex, int flags) {
            this.pattern = Pattern.compile(regex, flags);
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\(\\?<([a-zA-Z]+)>").matcher(regex);
            while (m.find()) {
                names.add(m.group(1));
            }
            this.groups = List.copyOf(names);
        }
    }
}
