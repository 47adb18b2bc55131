package org.odpsexplorer.app.grid;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A PyODPS-style partition predicate such as {@code pt>20230101}, {@code pt>=20240102 and region='cn'} or
 * {@code pt=20240101 or pt=20240103}. Grammar (keywords case-insensitive, {@code ,} means {@code and}):
 * <pre>
 *   expr  := and ( "or" and )*
 *   and   := term ( ("and" | ",") term )*
 *   term  := "(" expr ")" | key op value
 *   op    := "=" | "==" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 *   value := 'quoted' | "quoted" | bare word
 * </pre>
 * Comparison is numeric when both sides are decimal numbers ({@code 9 < 10}), else by string ({@code "b" > "a"}).
 * Immutable and thread-safe; an empty expression matches everything.
 */
public final class PartitionFilter {
    /** Thrown by {@link #parse} with the position of the problem. */
    public static final class FilterSyntaxException extends IllegalArgumentException {
        private final int position;

        FilterSyntaxException(String message, int position) {
            super(message + " (at " + (position + 1) + ")");
            this.position = position;
        }

        /** 0-based character index in the expression. */
        public int position() {
            return position;
        }
    }

    private sealed interface Node permits Or, And, Compare {
    }

    private record Or(List<Node> parts) implements Node {
    }

    private record And(List<Node> parts) implements Node {
    }

    private record Compare(String key, String op, String value) implements Node {
    }

    private static final PartitionFilter ALL = new PartitionFilter("", null);

    private final String text;
    private final @Nullable Node root;

    private PartitionFilter(String text, @Nullable Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses {@code text}; {@code keys} are the table's partition keys (case-insensitive) so that a typo is reported
     * now rather than silently matching nothing.
     *
     * @throws FilterSyntaxException when the text does not follow the grammar or names an unknown key
     */
    public static PartitionFilter parse(String text, Set<String> keys) {
        if (text.isBlank()) {
            return ALL;
        }
        Parser p = new Parser(text, keys);
        Node node = p.expr();
        p.skipBlanks();
        if (p.pos < text.length()) {
            throw new FilterSyntaxException("unexpected '" + text.substring(p.pos) + "'", p.pos);
        }
        return new PartitionFilter(text, node);
    }

    /** Whether the partition with these key → value pairs passes; keys are matched case-insensitively. */
    public boolean matches(Map<String, String> partition) {
        return root == null || eval(root, partition);
    }

    public String text() {
        return text;
    }

    private static boolean eval(Node node, Map<String, String> partition) {
        if (node instanceof Or or) {
            return or.parts().stream().anyMatch(n -> eval(n, partition));
        }
        if (node instanceof And and) {
            return and.parts().stream().allMatch(n -> eval(n, partition));
        }
        Compare c = (Compare) node;
        String actual = null;
        for (Map.Entry<String, String> e : partition.entrySet()) {
            if (e.getKey().equalsIgnoreCase(c.key())) {
                actual = e.getValue();
            }
        }
        if (actual == null) {
            return false;
        }
        int cmp = compare(actual, c.value());
        return switch (c.op()) {
            case "=" -> cmp == 0;
            case "!=" -> cmp != 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            default -> throw new IllegalStateException("operator " + c.op());
        };
    }

    /** Numerically when both are numbers (so {@code 9 < 10}), else as strings. */
    static int compare(String left, String right) {
        BigDecimal a = number(left);
        BigDecimal b = number(right);
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        return left.compareTo(right);
    }

    private static @Nullable BigDecimal number(String s) {
        if (!s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            return null;
        }
        return new BigDecimal(s);
    }

    @Override
    public String toString() {
        return "PartitionFilter[" + text + "]";
    }

    private static final class Parser {
        private final String text;
        private final Set<String> keys;
        private int pos;

        Parser(String text, Set<String> keys) {
            this.text = text;
            this.keys = new HashSet<>();
            keys.forEach(k -> this.keys.add(k.toLowerCase(Locale.ROOT)));
        }

        Node expr() {
            List<Node> parts = new ArrayList<>();
            parts.add(and());
            while (keyword("or")) {
                parts.add(and());
            }
            return parts.size() == 1 ? parts.get(0) : new Or(parts);
        }

        Node and() {
            List<Node> parts = new ArrayList<>();
            parts.add(term());
            while (true) {
                skipBlanks();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else if (!keyword("and")) {
                    break;
                }
                parts.add(term());
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        Node term() {
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                Node inner = expr();
                skipBlanks();
                if (pos >= text.length() || text.charAt(pos) != ')') {
                    throw new FilterSyntaxException("missing ')'", pos);
                }
                pos++;
                return inner;
            }
            int keyAt = pos;
            String key = word();
            if (key.isEmpty()) {
                throw new FilterSyntaxException(pos >= text.length() ? "expected a partition key at the end"
                        : "expected a partition key", keyAt);
            }
            if (!keys.contains(key.toLowerCase(Locale.ROOT))) {
                throw new FilterSyntaxException("unknown partition key '" + key + "'; keys: " + String.join(", ", keys),
                        keyAt);
            }
            String op = operator();
            String value = value();
            return new Compare(key, op, value);
        }

        private String operator() {
            skipBlanks();
            for (String op : List.of("==", "!=", "<>", "<=", ">=", "=", "<", ">")) {
                if (text.startsWith(op, pos)) {
                    pos += op.length();
                    return switch (op) {
                        case "==" -> "=";
                        case "<>" -> "!=";
                        default -> op;
                    };
                }
            }
            throw new FilterSyntaxException("expected one of = != < <= > >=", pos);
        }

        private String value() {
            skipBlanks();
            if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
                char quote = text.charAt(pos);
                int end = text.indexOf(quote, pos + 1);
                if (end < 0) {
                    throw new FilterSyntaxException("unclosed quote", pos);
                }
                String v = text.substring(pos + 1, end);
                pos = end + 1;
                return v;
            }
            int at = pos;
            String v = word();
            if (v.isEmpty()) {
                throw new FilterSyntaxException("expected a value", at);
            }
            return v;
        }

        /** Letters, digits and {@code _ - . + :} (partition values such as {@code 2024-01-01} or {@code 1.5}). */
        private String word() {
            skipBlanks();
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '+' || c == ':') {
                    pos++;
                } else {
                    break;
                }
            }
            return text.substring(start, pos);
        }

        private boolean keyword(String word) {
            skipBlanks();
            int end = pos + word.length();
            if (text.regionMatches(true, pos, word, 0, word.length())
                    && (end == text.length()
                    || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_')) {
                pos = end;
                return true;
            }
            return false;
        }

        void skipBlanks() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
