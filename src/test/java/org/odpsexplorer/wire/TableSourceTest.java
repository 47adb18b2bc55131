package org.odpsexplorer.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TableSourceTest {
    @Test
    void parsesTheRecordedWireFormWithPartition() {
        TableSource s = TableSource.parse("capture_proj.my_table partition(pt='test')");
        assertThat(s.project()).isEqualTo("capture_proj");
        assertThat(s.schema()).isNull();
        assertThat(s.table()).isEqualTo("my_table");
        assertThat(s.partition()).containsExactly(Map.entry("pt", "test"));
        assertThat(s.format()).isEqualTo("capture_proj.my_table partition(pt='test')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p.t1", "my_project.t1 partition(pt='b')", "p.s.t partition(a='1',b='2')", "t1",
            "capture_proj.my_table partition(pt='test2')"})
    void wireFormsRoundTripExactly(String wire) {
        assertThat(TableSource.parse(wire).format()).isEqualTo(wire);
    }

    @Test
    void normalisesUserSpecsToQuotedCommaSeparatedForm() {
        assertThat(TableSource.parsePartitionSpec("pt=test")).containsExactly(Map.entry("pt", "test"));
        assertThat(TableSource.of("p", "t").withPartition(TableSource.parsePartitionSpec("a=1/b=\"2\"")).format())
                .isEqualTo("p.t partition(a='1',b='2')");
    }

    @Test
    void qualifiesBareTablesWithTheDefaultProject() {
        assertThat(TableSource.parse("t1").qualifiedWith("p").format()).isEqualTo("p.t1");
        assertThat(TableSource.parse("q.t1").qualifiedWith("p").format()).isEqualTo("q.t1");
    }

    @Test
    void rejectsMalformedSourcesAndValuesThatCannotRoundTrip() {
        assertThatThrownBy(() -> TableSource.parse("p..t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableSource.parse("p.t partition(pt='x'")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableSource.parse("a.b.c.d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableSource.parsePartitionSpec("novalue")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableSource.of("p", "t").withPartition(Map.of("pt", "a,b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
