package org.odpsexplorer.app.grid;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 text: fields separated by a delimiter ({@code ,} or tab or {@code ;}), records by CRLF (LF and CR alone
 * are accepted when reading); a field holding the delimiter, a quote, CR or LF is enclosed in double quotes with
 * inner quotes doubled. Stateless and thread-safe.
 */
public final class Csv {
    private Csv() {
    }

    /** Thrown for text that is not RFC 4180 (an unclosed quote, text after a closing quote). */
    public static final class CsvSyntaxException extends IllegalArgumentException {
        CsvSyntaxException(String message) {
            super(message);
        }
    }

    /**
     * Splits {@code text} into records of fields. A trailing line break does not start an empty record; an empty
     * line in the middle is a record with one empty field.
     *
     * @throws CsvSyntaxException naming the line of the problem
     */
    public static List<List<String>> parse(String text, char delimiter) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inRecord = false; // something of the current record was read
        boolean quoted = false; // the current field was a quoted one, only a delimiter or line end may follow
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == delimiter) {
                record.add(field.toString());
                field.setLength(0);
                quoted = false;
                inRecord = true;
                i++;
            } else if (c == '\r' || c == '\n') {
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                quoted = false;
                inRecord = false;
                i = endOfLine(text, i);
                line++;
            } else if (quoted) {
                throw new CsvSyntaxException("text after a closing quote on line " + line);
            } else if (c == '"' && field.isEmpty()) {
                int startLine = line;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new CsvSyntaxException("unclosed quote starting on line " + startLine);
                    }
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                            continue;
                        }
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    field.append(q);
                }
                quoted = true;
                inRecord = true;
            } else {
                field.append(c);
                inRecord = true;
                i++;
            }
        }
        if (inRecord) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    private static int endOfLine(String text, int i) {
        if (text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            return i + 2;
        }
        return i + 1;
    }

    /** Writes one record followed by CRLF, quoting fields as RFC 4180 requires. */
    public static void writeRecord(Writer out, List<String> fields, char delimiter) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(delimiter);
            }
            out.write(field(fields.get(i), delimiter));
        }
        out.write("\r\n");
    }

    /** One field, quoted when it holds the delimiter, a quote, CR or LF (or starts/ends with a blank). */
    public static String field(String value, char delimiter) {
        boolean quote = value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
