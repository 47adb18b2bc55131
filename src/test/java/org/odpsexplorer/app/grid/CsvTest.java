package org.odpsexplorer.app.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void plainRecordsSplitOnDelimiterAndAnyLineBreak() {
        assertThat(Csv.parse("a,b\r\nc,d\ne,f\r", ',')).containsExactly(List.of("a", "b"), List.of("c", "d"),
                List.of("e", "f"));
        assertThat(Csv.parse("a\tb c\t", '\t')).containsExactly(List.of("a", "b c", ""));
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() {
        assertThat(Csv.parse("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\"\",x", ','))
                .containsExactly(List.of("a,b", "say \"hi\"", "two\r\nlines"), List.of("", "x"));
    }

    @Test
    void emptyFieldsAndEmptyLinesAreKept() {
        assertThat(Csv.parse(",,\n\nz", ',')).containsExactly(List.of("", "", ""), List.of(""), List.of("z"));
    }

    @Test
    void malformedQuotingIsRejectedWithTheLine() {
        assertThatThrownBy(() -> Csv.parse("a\n\"open", ',')).hasMessageContaining("startline 2");
        assertThatThrownBy(() -> Csv.parse("\"a\"b", ',')).hasMessageContaining("line: 1");
    }

    @Test
    void writingQuotesOnlyWhatNeedsItAndRoundTrips() throws Exception {
        List<String> fields = List.of("plain", "a,b", "q\"q", "line\nbreak", "");
        StringWriter out = new StringWriter();
        Csv.writeRecord(out, fields, ',');
        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"q\"\"q\",\"line\nbreak\",\r\n");
        assertThat(Csv.parse(out.toString(), ',')).containsExactly(fields);
    }
}
