package org.odpsexplorer.sdk.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odpsexplorer.sdk.model.PartitionSpec;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsBinary;
import org.odpsexplorer.wire.tunnel.OdpsString;

/** Partition-spec grammar and spellings; record addressing, normalisation and PyODPS-style repr. */
class PartitionSpecAndRecordTest {
    @Test
    void parsesEverySpellingAndFormatsForRestAndTunnel() {
        for (String text : List.of("pt=test", "pt='test'", "pt=\"test\"", " pt = 'test' ")) {
            PartitionSpec spec = PartitionSpec.parse(text);
            assertThat(spec.values()).containsExactly(Map.entry("pt", "test"));
            assertThat(spec.toRestString()).isEqualTo("pt='test'");
            assertThat(spec.toTunnelString()).isEqualTo("pt=test");
            assertThat(spec).hasToString("pt=test");
        }
        PartitionSpec two = PartitionSpec.parse("a=1,b=2");
        assertThat(PartitionSpec.parse("a=1/b=2")).isEqualTo(two);
        assertThat(PartitionSpec.parse("a='1',b='2'")).isEqualTo(two);
        assertThat(two.toRestString()).isEqualTo("a='1',b='2'");
        assertThat(two.toTunnelString()).isEqualTo("a=1,b=2");
        assertThat(two.get("B")).isEqualTo("2");
        assertThat(two.get("c")).isNull();
        assertThat(PartitionSpec.of("pt", "x")).isEqualTo(PartitionSpec.parse("pt=x"));
    }

    @Test
    void rejectsSpecsNoClientCanExpress() {
        assertThatThrownBy(() -> PartitionSpec.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionSpec.parse("novalue")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionSpec.parse("=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionSpec.of("pt", "it's")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionSpec.of("p t", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordIsAddressedByIndexAndNameWithTheColumnsJavaTypes() {
        Record r = new Record(List.of(Column.of("id", "bigint"), Column.of("name", "string"),
                Column.of("n", "int"), Column.of("bin", "binary"), Column.of("d", "decimal(10,2)"),
                Column.of("t", "datetime"), Column.of("ok", "boolean"), Column.of("x", "double")));
        r.set("ID", 5).set(1, "aaaa").set("n", (short) 3).set("bin", new byte[] {1, 2});
        assertThat(r.get(0)).isEqualTo(5L);
        assertThat(r.get("name")).isEqualTo(OdpsString.of("aaaa"));
        assertThat(r.get("n")).isEqualTo(3);
        assertThat(r.get("bin")).isEqualTo(OdpsBinary.of(new byte[] {1, 2}));
        assertThat(r.getString("name")).isEqualTo("aaaa");
        assertThatThrownBy(() -> r.set("n", 1L << 40)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.set("d", 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DECIMAL(10,2)");
        assertThatThrownBy(() -> r.get("missing")).isInstanceOf(IllegalArgumentException.class);
        r.set("d", new BigDecimal("1.50")).set("t", Instant.EPOCH).set("ok", true).set("x", 2.5f);
        assertThat(r.get("x")).isEqualTo(2.5d);
        assertThat(r.values()).hasSize(8);
        r.set("n", null);
        assertThat(r.get("n")).isNull();
    }

    @Test
    void toStringMatchesPyOdpsRecordRepr() {
        Record r = new Record(List.of(Column.of("id", "bigint"), Column.of("name", "string"),
                Column.of("flag", "boolean"), Column.of("tags", "array<string>")));
        r.setAll(Arrays.asList(0L, "it's", true, Arrays.asList(OdpsString.of("a"), null)));
        assertThat(r).hasToString("odps.Record {\n  id      0\n  name    'it\\'s'\n  flag    True\n"
                + "  tags    ['a', None]\n}");
        Record nulls = new Record(List.of(Column.of("id", "bigint")));
        assertThat(nulls).hasToString("odps.Record {\n  id  None\n}");
        assertThat(r).isEqualTo(new Record(r.columns()).setAll(r.values()));
        assertThat(r).isNotEqualTo(nulls);
    }
}
