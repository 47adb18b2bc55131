package org.odpsexplorer.wire.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OdpsTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"BIGINT", "INT", "SMALLINT", "TINYINT", "DOUBLE", "FLOAT", "BOOLEAN", "STRING", "BINARY",
        "DATE", "DATETIME", "TIMESTAMP", "TIMESTAMP_NTZ", "INTERVAL_DAY_TIME", "INTERVAL_YEAR_MONTH", "JSON",
        "VARCHAR(10)", "CHAR(5)", "DECIMAL(38,18)", "DECIMAL(10,0)", "ARRAY<BIGINT>", "MAP<STRING,BIGINT>",
        "STRUCT<x:INT,y:STRING>", "ARRAY<MAP<STRING,ARRAY<STRUCT<a:DECIMAL(5,2),b:ARRAY<TIMESTAMP>>>>>",
        "STRUCT<`a b`:INT,`x``y`:STRING>"})
    void canonicalNamesRoundTrip(String name) {
        OdpsType type = OdpsType.parse(name);
        assertThat(type.typeName()).isEqualTo(name);
        assertThat(OdpsType.parse(type.lowerTypeName())).isEqualTo(type);
    }

    @Test
    void parsingIsCaseInsensitiveAndToleratesBlanks() {
        OdpsType type = OdpsType.parse(" map < string , struct< Xy : decimal( 10 , 2 ), z:array<varchar(3)> > > ");
        assertThat(type.typeName()).isEqualTo("MAP<STRING,STRUCT<Xy:DECIMAL(10,2),z:ARRAY<VARCHAR(3)>>>");
        assertThat(type.lowerTypeName()).isEqualTo("map<string,struct<Xy:decimal(10,2),z:array<varchar(3)>>>");
    }

    @Test
    void bareDecimalMeansThirtyEightEighteen() {
        assertThat(OdpsType.parse("decimal")).isEqualTo(new OdpsType.DecimalType(38, 18));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bigint(1)", "varchar", "char(0)", "decimal(39,2)", "decimal(5,6)", "array<>",
        "array<bigint", "map<string>", "struct<>", "struct<a:int,A:int>", "unknown", "int int", "varchar(99999999999)"})
    void malformedTypesAreRejectedWithTheText(String text) {
        assertThatThrownBy(() -> OdpsType.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid");
    }

    @Test
    void schemaJsonOfTheTraceParsesAndBothSpellingsRoundTrip() {
        String meta = "{\"columns\":[{\"name\":\"id\",\"type\":\"bigint\",\"comment\":\"\",\"isNullable\":true},"
                + "{\"name\":\"name\",\"type\":\"string\",\"comment\":\"c\",\"isNullable\":false}],"
                + "\"partitionKeys\":[{\"name\":\"pt\",\"type\":\"string\",\"comment\":\"\",\"isNullable\":true}],"
                + "\"tableName\":\"my_table\",\"lifecycle\":-1}";
        TableSchema schema = TableSchema.fromJson(meta);
        assertThat(schema).isEqualTo(new TableSchema(
                List.of(Column.of("id", OdpsType.BIGINT), new Column("name", OdpsType.STRING, "c", false)),
                List.of(Column.of("pt", OdpsType.STRING))));
        assertThat(TableSchema.fromJson(schema.toMetaJson())).isEqualTo(schema);
        assertThat(TableSchema.fromJson(schema.toTunnelJson())).isEqualTo(schema);
        JsonNode tunnel = schema.toTunnelJson();
        assertThat(tunnel.toString()).isEqualTo("{\"columns\":[{\"name\":\"id\",\"type\":\"BIGINT\",\"comment\":\"\","
                + "\"nullable\":true},{\"name\":\"name\",\"type\":\"STRING\",\"comment\":\"c\",\"nullable\":false}],"
                + "\"partitionKeys\":[{\"name\":\"pt\",\"type\":\"STRING\",\"comment\":\"\",\"nullable\":true}],"
                + "\"IsVirtualView\":false}");
        assertThat(schema.toMetaJson().get("columns").get(0).toString())
                .isEqualTo("{\"name\":\"id\",\"type\":\"bigint\",\"comment\":\"\",\"isNullable\":true}");
        assertThat(schema.indexOfColumn("NAME")).isEqualTo(1);
        assertThat(schema.indexOfColumn("pt")).isEqualTo(-1);
    }

    @Test
    void tunnelNullableMayBeAString() {
        TableSchema schema = TableSchema.fromJson("{\"columns\":[{\"name\":\"a\",\"type\":\"INT\",\"nullable\":\"false\"}]}");
        assertThat(schema.columns().get(0).nullable()).isFalse();
        assertThat(schema.partitionKeys()).isEmpty();
    }

    @Test
    void duplicateColumnNamesAreRejectedCaseInsensitively() {
        assertThatThrownBy(() -> new TableSchema(List.of(Column.of("a", "int")), List.of(Column.of("A", "string"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
    }
}
