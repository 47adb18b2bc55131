package org.odpsexplorer.app.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionFilterTest {
    private static final Set<String> KEYS = Set.of("pt", "region");
    private static final List<Map<String, String>> PARTITIONS = List.of(
            Map.of("pt", "20230101", "region", "cn"),
            Map.of("pt", "20230102", "region", "us"),
            Map.of("pt", "20240101", "region", "cn"),
            Map.of("pt", "9", "region", "b"),
            Map.of("pt", "10", "region", "a"));

    private static List<String> matching(String expression) {
        PartitionFilter f = PartitionFilter.parse(expression, KEYS);
        return PARTITIONS.stream().filter(f::matches).map(p -> p.get("pt")).toList();
    }

    @Test
    void anEmptyExpressionMatchesEverything() {
        assertThat(matching("")).hasSize(5);
        assertThat(matching("   ")).hasSize(5);
    }

    @Test
    void greaterThanComparesNumbersNumerically() {
        assertThat(matching("pt>20230101")).containsExactly("20230102", "20240101");
        assertThat(matching("pt > 9")).containsExactly("20230101", "20230102", "20240101", "10");
    }

    @Test
    void everyOperatorWorks() {
        assertThat(matching("pt=20230102")).containsExactly("20230102");
        assertThat(matching("pt==20230102")).containsExactly("20230102");
        assertThat(matching("pt!=20230102")).containsExactly("20230101", "20240101", "9", "10");
        assertThat(matching("pt<10")).containsExactly("9");
        assertThat(matching("pt<=10")).containsExactly("9", "10");
        assertThat(matching("pt>=20240101")).containsExactly("20240101");
    }

    @Test
    void nonNumbersCompareAsStrings() {
        assertThat(matching("region>'b'")).containsExactly("20230101", "20230102", "20240101");
        assertThat(matching("region=cn")).containsExactly("20230101", "20240101");
        // one side not a number: string order, so "9" > "10"
        assertThat(matching("pt>'1x'")).containsExactly("20230101", "20230102", "20240101", "9");
    }

    @Test
    void andOrAndCommaCombineWithAndBindingTighter() {
        assertThat(matching("pt>20230101 and region=cn")).containsExactly("20240101");
        assertThat(matching("pt>20230101, region=cn")).containsExactly("20240101");
        assertThat(matching("pt=9 or pt=10 and region=a")).containsExactly("9", "10");
        assertThat(matching("(pt=9 or pt=10) and region=a")).containsExactly("10");
        assertThat(matching("region = 'us' OR pt = \"9\"")).containsExactly("20230102", "9");
    }

    @Test
    void keysMatchCaseInsensitively() {
        assertThat(matching("PT=9")).containsExactly("9");
    }

    @Test
    void syntaxErrorsSayWhereAndWhat() {
        assertThatThrownBy(() -> PartitionFilter.parse("pt>", KEYS)).hasMessageContaining("expected a value");
        assertThatThrownBy(() -> PartitionFilter.parse("pt 5", KEYS)).hasMessageContaining("expected one of");
        assertThatThrownBy(() -> PartitionFilter.parse("ds=1", KEYS))
                .hasMessageContaining("unknown partition key 'ds'");
        assertThatThrownBy(() -> PartitionFilter.parse("(pt=1", KEYS)).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> PartitionFilter.parse("pt='1", KEYS)).hasMessageContaining("unclosed quote");
        assertThatThrownBy(() -> PartitionFilter.parse("pt=1 xor pt=2", KEYS)).hasMessageContaining("unexpected");
        assertThatThrownBy(() -> PartitionFilter.parse("pt=1 and", KEYS))
                .isInstanceOf(PartitionFilter.FilterSyntaxException.class);
    }
}
