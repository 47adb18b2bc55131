package org.odpsexplorer.emulator.sql;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.odpsexplorer.emulator.sql.DdlStatement.AddColumns;
import org.odpsexplorer.emulator.sql.DdlStatement.AddPartitions;
import org.odpsexplorer.emulator.sql.DdlStatement.ChangeColumn;
import org.odpsexplorer.emulator.sql.DdlStatement.ChangeOwner;
import org.odpsexplorer.emulator.sql.DdlStatement.CreateTableLike;
import org.odpsexplorer.emulator.sql.DdlStatement.RenamePartition;
import org.odpsexplorer.emulator.sql.DdlStatement.RenameTable;
import org.odpsexplorer.emulator.sql.DdlStatement.SetComment;
import org.odpsexplorer.emulator.sql.DdlStatement.SetLifecycle;
import org.odpsexplorer.emulator.sql.DdlStatement.SetProperties;
import org.odpsexplorer.emulator.sql.DdlStatement.Touch;
import org.odpsexplorer.emulator.sql.DdlStatement.Truncate;
import org.odpsexplorer.emulator.sql.DdlStatement.CreateTable;
import org.odpsexplorer.emulator.sql.DdlStatement.DropPartitions;
import org.odpsexplorer.emulator.sql.DdlStatement.DropTable;
import org.odpsexplorer.emulator.sql.DdlStatement.PartitionValues;
import org.odpsexplorer.emulator.sql.DdlStatement.TableName;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsType;

/**
 * Parses the DDL subset of {@code protocol/instances.md} §7 and the table DDL of §6.5: CREATE TABLE (also {@code LIKE}),
 * ALTER TABLE (ADD / DROP PARTITION, ADD COLUMNS, CHANGE COLUMN, SET LIFECYCLE / COMMENT / TBLPROPERTIES, RENAME TO
 * [PARTITION], TOUCH, partition SET LIFECYCLE), TRUNCATE TABLE [PARTITION] and DROP TABLE, with
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
            return alter(tableName());
        }
        if (acceptKeyword("DROP")) {
            expectKeyword("TABLE");
            boolean ifExists = acceptKeywords("IF", "EXISTS");
            return new DropTable(tableName(), ifExists);
        }
        if (acceptKeyword("TRUNCATE")) {
            expectKeyword("TABLE");
            TableName name = tableName();
            return new Truncate(name, partitionList());
        }
        throw SqlException.parse("the emulator supports only CREATE TABLE, ALTER TABLE, TRUNCATE TABLE and "
                + "DROP TABLE, not: " + abbreviate(tokens.isEmpty() ? "(empty statement)" : tokens.get(0).text));
    }

    /** Zero or more {@code PARTITION (...)} separated by optional commas. */
    private List<PartitionValues> partitionList() {
        List<PartitionValues> specs = new ArrayList<>();
        while (peekKeyword("PARTITION")) {
            specs.add(partitionSpec());
            accept(",");
        }
        return specs;
    }

    private DdlStatement alter(TableName name) {
        List<PartitionValues> target = partitionList();
        if (!target.isEmpty()) {
            if (acceptKeywords("SET", "LIFECYCLE")) {
                return new SetLifecycle(name, target, lifecycle());
            }
            if (acceptKeywords("RENAME", "TO")) {
                if (target.size() != 1) {
                    throw SqlException.parse("RENAME TO PARTITION renames one partition at a time");
                }
                return new RenamePartition(name, target.get(0), partitionSpec());
            }
            if (acceptKeyword("TOUCH")) {
                return new Touch(name, target);
            }
            throw SqlException.parse("after ALTER TABLE ... PARTITION (...) the emulator supports SET LIFECYCLE,"
                    + " RENAME TO PARTITION and TOUCH, not: " + (atEnd() ? "(end)" : peek().text));
        }
        if (acceptKeyword("ADD")) {
            if (acceptKeyword("COLUMNS")) {
                boolean ifNotExists = acceptKeywords("IF", "NOT", "EXISTS");
                return new AddColumns(name, ifNotExists, columnList());
            }
            boolean ifNotExists = acceptKeywords("IF", "NOT", "EXISTS");
            List<PartitionValues> specs = partitionList();
            if (specs.isEmpty()) {
                throw SqlException.parse("ADD expects PARTITION (...) or COLUMNS (...)");
            }
            return new AddPartitions(name, ifNotExists, specs);
        }
        if (acceptKeyword("DROP")) {
            boolean ifExists = acceptKeywords("IF", "EXISTS");
            List<PartitionValues> specs = partitionList();
            if (specs.isEmpty()) {
                throw SqlException.parse("the emulator supports ALTER TABLE ... DROP PARTITION only");
            }
            return new DropPartitions(name, ifExists, specs);
        }
        if (acceptKeyword("CHANGE")) {
            acceptKeyword("COLUMN");
            String column = identifier();
            if (acceptKeywords("RENAME", "TO")) {
                return new ChangeColumn(name, column, identifier(), null, null);
            }
            if (acceptKeyword("COMMENT")) {
                return new ChangeColumn(name, column, null, null, string());
            }
            String newName = identifier();
            OdpsType type = type();
            String comment = null;
            while (!atEnd()) {
                if (acceptKeywords("NOT", "NULL")) {
                    throw SqlException.semantic("a column cannot be made NOT NULL after creation");
                } else if (acceptKeyword("COMMENT")) {
                    comment = string();
                } else {
                    throw SqlException.parse("unexpected '" + peek().text + "' in CHANGE COLUMN");
                }
            }
            return new ChangeColumn(name, column, newName, type.typeName(), comment);
        }
        if (acceptKeyword("SET")) {
            if (acceptKeyword("LIFECYCLE")) {
                return new SetLifecycle(name, List.of(), lifecycle());
            }
            if (acceptKeyword("COMMENT")) {
                return new SetComment(name, string());
            }
            if (acceptKeyword("TBLPROPERTIES")) {
                return new SetProperties(name, properties());
            }
            throw SqlException.parse("the emulator supports SET LIFECYCLE, SET COMMENT and SET TBLPROPERTIES, not: "
                    + (atEnd() ? "(end)" : peek().text));
        }
        if (acceptKeywords("RENAME", "TO")) {
            TableName to = tableName();
            if (to.project() != null || to.schema() != null) {
                throw SqlException.parse("RENAME TO takes a bare table name");
            }
            return new RenameTable(name, to.name());
        }
        if (acceptKeyword("TOUCH")) {
            return new Touch(name, partitionList());
        }
        if (acceptKeywords("CHANGEOWNER", "TO")) {
            String owner = !atEnd() && peek().kind == Kind.STRING ? string() : identifier();
            if (owner.isBlank()) {
                throw SqlException.parse("CHANGEOWNER TO needs an account name");
            }
            if (!atEnd()) {
                throw SqlException.parse("unexpected '" + peek().text + "' after CHANGEOWNER TO");
            }
            return new ChangeOwner(name, owner);
        }
        throw SqlException.parse("the emulator supports ALTER TABLE ... ADD/DROP PARTITION, ADD COLUMNS, CHANGE"
                + " COLUMN, SET LIFECYCLE/COMMENT/TBLPROPERTIES, RENAME TO, TOUCH and CHANGEOWNER TO, not: "
                + (atEnd() ? "(end)" : peek().text));
    }

    private long lifecycle() {
        Token t = next();
        if (t.kind != Kind.NUMBER || t.text.contains(".") || t.text.startsWith("-")) {
            throw SqlException.semantic("invalid lifecycle " + t.text + " (a positive number of days)");
        }
        long days;
        try {
            days = Long.parseLong(t.text);
        } catch (NumberFormatException e) {
            throw SqlException.semantic("invalid lifecycle " + t.text);
        }
        if (days <= 0) {
            throw SqlException.semantic("lifecycle must be positive: " + t.text);
        }
        return days;
    }

    private Map<String, String> properties() {
        expect("(");
        Map<String, String> out = new LinkedHashMap<>();
        do {
            String key = string();
            expect("=");
            out.put(key, string());
        } while (accept(","));
        expect(")");
        return out;
    }

    private DdlStatement create() {
        boolean ifNotExists = acceptKeywords("IF", "NOT", "EXISTS");
        TableName name = tableName();
        if (acceptKeyword("LIKE")) {
            TableName source = tableName();
            long lifecycle = -1;
            if (acceptKeyword("LIFECYCLE")) {
                lifecycle = lifecycle();
            }
            return new CreateTableLike(name, ifNotExists, source, lifecycle);
        }
        if (peekKeyword("AS")) {
            throw SqlException.parse("CREATE TABLE ... AS is not supported by the emulator");
        }
        List<Column> columns = columnList();
        List<Column> partitionKeys = List.of();
        String comment = "";
        long lifecycle = -1;
        Map<String, String> properties = new LinkedHashMap<>();
        while (!atEnd()) {
            if (acceptKeyword("COMMENT")) {
                comment = string();
            } else if (acceptKeyword("PARTITIONED")) {
                expectKeyword("BY");
                partitionKeys = columnList();
            } else if (acceptKeyword("TBLPROPERTIES")) {
                properties.putAll(properties());
            } else if (acceptKeyword("LIFECYCLE")) {
                lifecycle = lifecycle();
            } else {
                throw SqlException.parse("unexpected '" + peek().text + "' in CREATE TABLE");
            }
        }
        return new CreateTable(name, ifNotExists, columns, partitionKeys, comment, lifecycle, properties);
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
            throw SqlException.semantic(Objects.requireNonNullElse(e.getMessage(), e.toString()));
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

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
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
            } else if (isAsciiDigit(c) || (c == '-' && i + 1 < s.length() && isAsciiDigit(s.charAt(i + 1)))) {
                int start = i++;
                while (i < s.length() && (isAsciiDigit(s.charAt(i)) || s.charAt(i) == '.')) {
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
