package org.odpsexplorer.wire.tunnel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odpsexplorer.wire.tunnel.OdpsType.ArrayType;
import org.odpsexplorer.wire.tunnel.OdpsType.CharType;
import org.odpsexplorer.wire.tunnel.OdpsType.DecimalType;
import org.odpsexplorer.wire.tunnel.OdpsType.Kind;
import org.odpsexplorer.wire.tunnel.OdpsType.MapType;
import org.odpsexplorer.wire.tunnel.OdpsType.PrimitiveType;
import org.odpsexplorer.wire.tunnel.OdpsType.StructField;
import org.odpsexplorer.wire.tunnel.OdpsType.StructType;
import org.odpsexplorer.wire.tunnel.OdpsType.VarcharType;

/** Parser and printer of type strings; a small recursive-descent parser over the characters. */
final class TypeStrings {
    private final String text;
    private int pos;

    private TypeStrings(String text) {
        this.text = text;
    }

    static OdpsType parse(String text) {
        TypeStrings p = new TypeStrings(text);
        OdpsType type = p.type();
        p.skipBlanks();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the type");
        }
        return type;
    }

    static void append(OdpsType type, StringBuilder out, boolean upper) {
        String kind = upper ? type.kind().name() : type.kind().name().toLowerCase(Locale.ROOT);
        out.append(kind);
        if (type instanceof DecimalType d) {
            out.append('(').append(d.precision()).append(',').append(d.scale()).append(')');
        } else if (type instanceof VarcharType v) {
            out.append('(').append(v.length()).append(')');
        } else if (type instanceof CharType c) {
            out.append('(').append(c.length()).append(')');
        } else if (type instanceof ArrayType a) {
            out.append('<');
            append(a.element(), out, upper);
            out.append('>');
        } else if (type instanceof MapType m) {
            out.append('<');
            append(m.key(), out, upper);
            out.append(',');
            append(m.value(), out, upper);
            out.append('>');
        } else if (type instanceof StructType s) {
            out.append('<');
            for (int i = 0; i < s.fields().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                StructField f = s.fields().get(i);
                out.append(isPlainIdentifier(f.name()) ? f.name() : '`' + f.name().replace("`", "``") + '`');
                out.append(':');
                append(f.type(), out, upper);
            }
            out.append('>');
        }
    }

    private static boolean isPlainIdentifier(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private OdpsType type() {
        String word = word();
        Kind kind;
        try {
            kind = Kind.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error("unknown type '" + word + "'");
        }
        try {
            return switch (kind) {
                case DECIMAL -> {
                    if (!peek('(')) {
                        yield new DecimalType(38, 18);
                    }
                    expect('(');
                    int precision = number();
                    expect(',');
                    int scale = number();
                    expect(')');
                    yield new DecimalType(precision, scale);
                }
                case VARCHAR, CHAR -> {
                    expect('(');
                    int length = number();
                    expect(')');
                    yield kind == Kind.VARCHAR ? new VarcharType(length) : new CharType(length);
                }
                case ARRAY -> {
                    expect('<');
                    OdpsType element = type();
                    expect('>');
                    yield new ArrayType(element);
                }
                case MAP -> {
                    expect('<');
                    OdpsType key = type();
                    expect(',');
                    OdpsType value = type();
                    expect('>');
                    yield new MapType(key, value);
                }
                case STRUCT -> {
                    expect('<');
                    List<StructField> fields = new ArrayList<>();
                    do {
                        String name = identifier();
                        expect(':');
                        fields.add(new StructField(name, type()));
                    } while (accept(','));
                    expect('>');
                    yield new StructType(fields);
                }
                default -> new PrimitiveType(kind);
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("invalid type")) {
                throw e;
            }
            throw new IllegalArgumentException("invalid type '" + text + "': " + e.getMessage(), e);
        }
    }

    private String word() {
        skipBlanks();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("type name expected");
        }
        return text.substring(start, pos);
    }

    private String identifier() {
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == '`') {
            StringBuilder out = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated backquote");
                }
                char c = text.charAt(pos++);
                if (c == '`') {
                    if (pos < text.length() && text.charAt(pos) == '`') {
                        out.append('`');
                        pos++;
                    } else {
                        return out.toString();
                    }
                } else {
                    out.append(c);
                }
            }
        }
        return word();
    }

    private int number() {
        skipBlanks();
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (start == pos || pos - start > 9) {
            throw error("number expected");
        }
        return Integer.parseInt(text.substring(start, pos));
    }

    private boolean peek(char c) {
        skipBlanks();
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean accept(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("'" + c + "' expected");
        }
    }

    private void skipBlanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid type '" + text + "': " + what + " at offset " + pos);
    }
}
