package org.odpsexplorer.app.grid;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * RFC 4180 text through Apache Commons CSV: fields separated by a delimiter ({@code ,} or tab or {@code ;}),
 * records by CRLF (LF and CR alone are accepted when reading); a field holding the delimiter, a quote, CR or LF is
 * enclosed in double quotes with inner quotes doubled. The grid's one place that says which CSV dialect it speaks.
 */
public final class Csv {
    private Csv() {
    }

    /** Thrown for text that is not RFC 4180 (an unclosed quote, text after a closing quote). */
    public static final class CsvSyntaxException extends IllegalArgumentException {
        CsvSyntaxException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The dialect for {@code delimiter}: RFC 4180, empty lines kept, quotes only where RFC 4180 needs them. */
    static CSVFormat format(char delimiter) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .setQuoteMode(QuoteMode.MINIMAL)
                .get();
    }

    /**
     * Splits {@code text} into records of fields. A trailing line break does not start an empty record; an empty
     * line in the middle is a record with one empty field.
     *
     * @throws CsvSyntaxException naming the line of the problem
     */
    public static List<List<String>> parse(String text, char delimiter) {
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format(delimiter)).get()) {
            try {
                for (CSVRecord record : parser) {
                    records.add(record.toList());
                }
            } catch (UncheckedIOException e) {
                // Commons CSV names the line: "(startline 2) EOF reached before encapsulated token finished",
                // "Invalid character between encapsulated token and delimiter at line: 1, position: 4"
                throw new CsvSyntaxException("not valid CSV: " + Objects.requireNonNull(e.getCause()).getMessage(), e);
            }
        } catch (IOException e) {
            throw new CsvSyntaxException("not valid CSV: " + e.getMessage(), e);
        }
        return records;
    }

    /**
     * Writes one record followed by CRLF. Quotes follow Commons CSV's minimal mode: a field holding the delimiter,
     * a quote, CR or LF, and also an empty first field or one starting with a blank or {@code #}.
     */
    public static void writeRecord(Writer out, List<String> fields, char delimiter) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, format(delimiter));
        printer.printRecord(fields);
        printer.flush();
    }
}
