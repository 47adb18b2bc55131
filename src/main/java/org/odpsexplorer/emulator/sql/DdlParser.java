package org.odpsexplorer.emulator.sql;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.odpsexplorer.emulator.sql.DdlStatement.AddPartitions;
import org.odpsexplorer.emulator.sql.DdlStatement.CreateTable;
import org.odpsexplorer.emulator.sql.DdlStatement.DropPartitions;
import org.odpsexplorer.emulator.sql.DdlStatement.DropTable;
import org.odpsexplorer.emulator.sql.DdlStatement.PartitionValues;
import org.odpsexplorer.emulator.sql.DdlStatement.TableName;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsType;

/**
 * Parses the DDL subset of {@code instances.md} §7: CREATE TABLE, ALTER TABLE ADD / DROP PARTITION, DROP TABLE, with
 * the spellings both SDKs emit (backquotes or not, any whitespace, keywords in any case, one trailing {@code ;}).
 * Stateless; {@link #parse} is thread-safe.
 */
public final class DdlParser {
    private final List<Token> tokens;
    private int pos;

    private DdlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses one statement.
     *
     * @throws SqlException with an {@code ODPS-0130161} parse error outside the subset, or {@code ODPS-0130071} for a
     *                      bad type or lifecycle
     */
    public static DdlStatement parse(String sql) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        DdlParser p = new DdlParser(tokenize(text));
        DdlStatement statement = p.statement();
        if (!p.atEnd()) {
            throw SqlException.parse("unexpected '" + p.peek().text + "' after the statement");
        }
        return statement;
    }

    private DdlStatement statement() {
        if (acceptKeyword("CREATE")) {
            expectKeyword("TABLE");
            return create();
        }
        if (acceptKeyword("ALTER")) {
            expectKeyword("TABLE");
            TableName name = tableName();
            if (acceptKeyword("ADD")) {
                boolean ifNotExists = acceptKeywords("IF", "NOT", "EXISTS");
                List<PartitionValues> specs = new ArrayList<>();
                do {
                    specs.add(partitionSpec());
                    accept(",");
                } while (peekKeyword("PARTITION"));
                return new AddPartitions(name, ifNotExists, specs);
            }
            if (acceptKeyword("DROP")) {
                boolean ifExists = acceptKeywords("IF", "EXISTS");
                List<PartitionValues> specs = new ArrayList<>();
                do {
                    specs.add(partitionSpec());
                } while (accept(","));
                return new DropPartitions(name, ifExists, specs);
            }
            throw SqlException.parse("only ALTER TABLE ... ADD/DROP PARTITION is supported by the emulator");
        }
        if (acceptKeyword("DROP")) {
            expectKeyword("TABLE");
            boolean ifExists = acceptKeywords("IF", "EXISTS");
            return new DropTable(tableName(), ifExists);
        }
        throw SqlException.parse("the emulator supports only CREATE TABLE, ALTER TABLE ADD/DROP PARTITION and "
                + "DROP TABLE, not: " + abbreviate(tokens.isEmpty() ? "(empty statement)" : tokens.get(0).text));
    }

    private CreateTable create() {
        boolean ifNotExists = acceptKeywords("IF", "NOT", "EXISTS");
        TableName name = tableName();
        if (peekKeyword("AS") || peekKeyword("LIKE")) {
            throw SqlException.parse("CREATE TABLE ... " + peek().text.toUpperCase(java.util.Locale.ROOT)
                    + " is not supported by the emulator");
        }
        List<Column> columns = columnList();
        List<Column> partitionKeys = List.of();
        String comment = "";
        long lifecycle = -1;
        while (!atEnd()) {
            if (acceptKeyword("COMMENT")) {
                comment = string();
            } else if (acceptKeyword("PARTITIONED")) {
                expectKeyword("BY");
                partitionKeys = columnList();
            } else if (acceptKeyword("TBLPROPERTIES")) {
                expect("(");
                do {
                    string();
                    expect("=");
                    string();
                } while (accept(","));
                expect(")");
            } else if (acceptKeyword("LIFECYCLE")) {
                Token t = next();
                if (t.kind != Kind.NUMBER || t.text.contains(".") || t.text.startsWith("-")) {
                    throw SqlException.semantic("invalid lifecycle " + t.text);
                }
                try {
                    lifecycle = Long.parseLong(t.text);
                } catch (NumberFormatException e) {
                    throw SqlException.semantic("invalid lifecycle " + t.text);
                }
                if (lifecycle <= 0) {
                    throw SqlException.semantic("lifecycle must be positive: " + t.text);
                }
            } else {
                throw SqlException.parse("unexpected '" + peek().text + "' in CREATE TABLE");
            }
        }
        return new CreateTable(name, ifNotExists, columns, partitionKeys, comment, lifecycle);
    }

    private List<Column> columnList() {
        expect("(");
        List<Column> columns = new ArrayList<>();
        do {
            String name = identifier();
            OdpsType type = type();
            boolean nullable = true;
            String comment = "";
            while (true) {
                if (acceptKeywords("NOT", "NULL")) {
                    nullable = false;
                } else if (acceptKeyword("DEFAULT")) {
                    next();
                } else if (acceptKeyword("COMMENT")) {
                    comment = string();
                } else {
                    break;
                }
            }
            columns.add(new Column(name, type, comment, nullable));
        } while (accept(","));
        expect(")");
        return columns;
    }

    /** Collects the type's tokens up to the next top-level {@code ,} / {@code )} / column option and parses them. */
    private OdpsType type() {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        while (!atEnd()) {
            Token t = peek();
            if (depth == 0 && (t.is(",") || t.is(")") || t.isKeyword("NOT") || t.isKeyword("DEFAULT")
                    || t.isKeyword("COMMENT"))) {
                break;
            }
            if (t.is("<") || t.is("(")) {
                depth++;
            } else if (t.is(">") || t.is(")")) {
                depth--;
            }
            next();
            text.append(t.kind == Kind.QUOTED_IDENT ? '`' + t.text.replace("`", "``") + '`' : t.text).append(' ');
        }
        if (text.length() == 0) {
            throw SqlException.parse("column type expected");
        }
        try {
            return OdpsType.parse(text.toString());
        } catch (IllegalArgumentException e) {
            throw SqlException.semantic(e.getMessage());
        }
    }

    private PartitionValues partitionSpec() {
        expectKeyword("PARTITION");
        expect("(");
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        do {
            String key = identifier();
            expect("=");
            Token value = next();
            if (value.kind == Kind.SYMBOL) {
                throw SqlException.parse("partition value expected after " + key + "=");
            }
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(key, value.text));
        } while (accept(","));
        expect(")");
        return new PartitionValues(pairs);
    }

    private TableName tableName() {
        List<String> parts = new ArrayList<>();
        parts.add(identifier());
        while (accept(".")) {
            parts.add(identifier());
        }
        return switch (parts.size()) {
            case 1 -> new TableName(null, null, parts.get(0));
            case 2 -> new TableName(parts.get(0), null, parts.get(1));
            case 3 -> new TableName(parts.get(0), parts.get(1), parts.get(2));
            default -> throw SqlException.parse("invalid table name " + String.join(".", parts));
        };
    }

    private String identifier() {
        Token t = next();
        if (t.kind != Kind.WORD && t.kind != Kind.QUOTED_IDENT) {
            throw SqlException.parse("identifier expected but got '" + t.text + "'");
        }
        return t.text;
    }

    private String string() {
        Token t = next();
        if (t.kind != Kind.STRING) {
            throw SqlException.parse("string literal expected but got '" + t.text + "'");
        }
        return t.text;
    }

    private boolean atEnd() {
        return pos >= tokens.size();
    }

    private Token peek() {
        if (atEnd()) {
            throw SqlException.parse("unexpected end of statement");
        }
        return tokens.get(pos);
    }

    private Token next() {
        Token t = peek();
        pos++;
        return t;
    }

    private boolean peekKeyword(String word) {
        return !atEnd() && tokens.get(pos).isKeyword(word);
    }

    private boolean acceptKeyword(String word) {
        if (peekKeyword(word)) {
            pos++;
            return true;
        }
        return false;
    }

    /** Accepts the whole keyword sequence or nothing. */
    private boolean acceptKeywords(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (pos + i >= tokens.size() || !tokens.get(pos + i).isKeyword(words[i])) {
                return false;
            }
        }
        pos += words.length;
        return true;
    }

    private void expectKeyword(String word) {
        if (!acceptKeyword(word)) {
            throw SqlException.parse(word + " expected" + (atEnd() ? " at the end" : " but got '" + peek().text + "'"));
        }
    }

    private boolean accept(String symbol) {
        if (!atEnd() && tokens.get(pos).is(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            throw SqlException.parse("'" + symbol + "' expected" + (atEnd() ? " at the end"
                    : " but got '" + peek().text + "'"));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, SYMBOL }

    private record Token(Kind kind, String text) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        boolean isKeyword(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '`') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw SqlException.parse("unterminated backquoted identifier");
                    }
                    char d = s.charAt(i++);
                    if (d == '`') {
                        if (i < s.length() && s.charAt(i) == '`') {
                            b.append('`');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        b.append(d);
                    }
                }
                if (b.length() == 0) {
                    throw SqlException.parse("empty identifier");
                }
                out.add(new Token(Kind.QUOTED_IDENT, b.toString()));
            } else if (c == '\'' || c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw SqlException.parse("unterminated string literal");
                    }
                    char d = s.charAt(i++);
                    if (d == c) {
                        break;
                    }
                    if (d == '\\') {
                        if (i >= s.length()) {
                            throw SqlException.parse("unterminated string literal");
                        }
                        char e = s.charAt(i++);
                        b.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case 'b' -> '\b';
                            case '0' -> '\0';
                            default -> e;
                        });
                    } else {
                        b.append(d);
                    }
                }
                out.add(new Token(Kind.STRING, b.toString()));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int start = i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.WORD, s.substring(start, i)));
            } else if ("(),.=<>:".indexOf(c) >= 0) {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            } else {
                throw SqlException.parse("unexpected character '" + c + "'");
            }
        }
        return out;
    }
}
