package org.odpsexplorer.emulator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odpsexplorer.emulator.sql.DdlStatement.AddColumns;
import org.odpsexplorer.emulator.sql.DdlStatement.AddPartitions;
import org.odpsexplorer.emulator.sql.DdlStatement.ChangeColumn;
import org.odpsexplorer.emulator.sql.DdlStatement.CreateTableLike;
import org.odpsexplorer.emulator.sql.DdlStatement.PartitionValues;
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
import org.odpsexplorer.emulator.sql.DdlStatement.TableName;
import org.odpsexplorer.wire.tunnel.Column;
import org.odpsexplorer.wire.tunnel.OdpsType;

/** The exact texts of {@code protocol/instances.md} §6 parse; anything else is a parse error with an ODPS code. */
class DdlParserTest {

    @Test
    void javaCreateTableOfTheTraceParses() {
        CreateTable c = (CreateTable) DdlParser.parse(
                "CREATE TABLE `capture_proj`.`my_table` (`id` BIGINT,`name` STRING) PARTITIONED BY (`pt` STRING);");
        assertThat(c.table()).isEqualTo(new TableName("capture_proj", null, "my_table"));
        assertThat(c.columns()).containsExactly(Column.of("id", OdpsType.BIGINT), Column.of("name", OdpsType.STRING));
        assertThat(c.partitionKeys()).containsExactly(Column.of("pt", OdpsType.STRING));
        assertThat(c.ifNotExists()).isFalse();
        assertThat(c.lifecycle()).isEqualTo(-1);
    }

    @Test
    void javaCreateWithEveryOptionParses() {
        CreateTable c = (CreateTable) DdlParser.parse("CREATE TABLE IF NOT EXISTS `p`.`t` (`a` DECIMAL(38,18) NOT NULL "
                + "DEFAULT '0' COMMENT 'it\\'s',`m` MAP<STRING,ARRAY<BIGINT>>,`s` STRUCT<x:INT,`y z`:STRING>) "
                + "COMMENT 'tbl' PARTITIONED BY (`pt` STRING,`h` BIGINT) TBLPROPERTIES('transactional'='true') "
                + "LIFECYCLE 7;");
        assertThat(c.ifNotExists()).isTrue();
        assertThat(c.columns().get(0)).isEqualTo(new Column("a", OdpsType.parse("decimal(38,18)"), "it's", false));
        assertThat(c.columns().get(1).type().typeName()).isEqualTo("MAP<STRING,ARRAY<BIGINT>>");
        assertThat(c.columns().get(2).type().typeName()).isEqualTo("STRUCT<x:INT,`y z`:STRING>");
        assertThat(c.comment()).isEqualTo("tbl");
        assertThat(c.partitionKeys()).extracting(Column::name).containsExactly("pt", "h");
        assertThat(c.lifecycle()).isEqualTo(7);
    }

    @Test
    void pyodpsCreateTableFormsParse() {
        CreateTable c = (CreateTable) DdlParser.parse("CREATE TABLE capture_proj.`my_table` (\nid bigint, name string\n)"
                + "\nPARTITIONED BY (\npt string\n);");
        assertThat(c.columns()).extracting(Column::name).containsExactly("id", "name");
        CreateTable d = (CreateTable) DdlParser.parse("CREATE TABLE IF NOT EXISTS p.`t` (\n  `c1` bigint NOT NULL "
                + "COMMENT 'x',\n  `c2` array<decimal(10,2)>\n)\nCOMMENT 'y'\nPARTITIONED BY (\n  `pt` string\n)\n"
                + "TBLPROPERTIES (\n  'transactional' = 'true'\n)\nLIFECYCLE 7\n;");
        assertThat(d.columns().get(1).type().typeName()).isEqualTo("ARRAY<DECIMAL(10,2)>");
        assertThat(d.lifecycle()).isEqualTo(7);
    }

    @Test
    void partitionStatementsOfBothClientsParse() {
        AddPartitions java = (AddPartitions) DdlParser.parse(
                "ALTER TABLE `capture_proj`.`my_table` ADD PARTITION (pt='test');");
        assertThat(java.partitions().get(0).pairs()).containsExactly(Map.entry("pt", "test"));
        AddPartitions py = (AddPartitions) DdlParser.parse(
                "ALTER TABLE capture_proj.`my_table` ADD IF NOT EXISTS  PARTITION (k1='v1',k2='v2');");
        assertThat(py.ifNotExists()).isTrue();
        assertThat(py.partitions().get(0).pairs()).containsExactly(Map.entry("k1", "v1"), Map.entry("k2", "v2"));
        DropPartitions drop = (DropPartitions) DdlParser.parse(
                "ALTER TABLE `p`.`t` DROP IF EXISTS PARTITION(pt='a'), PARTITION (pt=2)");
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.partitions()).hasSize(2);
        assertThat(drop.partitions().get(1).pairs()).containsExactly(Map.entry("pt", "2"));
    }

    @Test
    void dropTableFormsParse() {
        assertThat(DdlParser.parse("DROP TABLE  IF EXISTS `capture_proj`.`my_table`;"))
                .isEqualTo(new DropTable(new TableName("capture_proj", null, "my_table"), true));
        assertThat(DdlParser.parse("drop table p.`t`")).isEqualTo(new DropTable(new TableName("p", null, "t"), false));
        assertThat(DdlParser.parse("DROP TABLE t")).isEqualTo(new DropTable(new TableName(null, null, "t"), false));
    }

    @Test
    void changeOwnerParses() {
        assertThat(DdlParser.parse("ALTER TABLE p.t CHANGEOWNER TO 'ALIYUN$a@b.com';")).isEqualTo(
                new DdlStatement.ChangeOwner(new TableName("p", null, "t"), "ALIYUN$a@b.com"));
        assertThat(DdlParser.parse("alter table t changeowner to bob")).isEqualTo(
                new DdlStatement.ChangeOwner(new TableName(null, null, "t"), "bob"));
    }

    @Test
    void statementsOutsideTheSubsetAreParseErrors() {
        for (String sql : List.of("select 1", "ALTER TABLE t DROP COLUMNS (a)", "ALTER TABLE t SET OWNER 'x'",
                "ALTER TABLE t CHANGEOWNER TO", "ALTER TABLE t CHANGEOWNER TO 'x' y", "ALTER TABLE t CHANGEOWNER 'x'",
                "ALTER TABLE t PARTITION (a='1') DROP", "TRUNCATE t",
                "CREATE TABLE t AS SELECT 1", "DROP VIEW v", "", "CREATE TABLE t (a bigint) extra",
                "ALTER TABLE t ADD", "ALTER TABLE t PARTITION (a='1'), PARTITION (a='2') RENAME TO PARTITION (a='3')",
                "ALTER TABLE `p`.`t` ADD PARTITION (pt='it's')")) {
            assertThatThrownBy(() -> DdlParser.parse(sql)).as(sql).isInstanceOf(SqlException.class)
                    .hasMessageStartingWith("ODPS-0130161:");
        }
    }

    @Test
    void tableDdlOfBothSdksParses() {
        TableName t = new TableName("p", null, "t");
        PartitionValues a1 = new PartitionValues(List.of(Map.entry("a", "1")));
        PartitionValues a2 = new PartitionValues(List.of(Map.entry("a", "2")));
        assertThat(DdlParser.parse("TRUNCATE TABLE p.`t`;")).isEqualTo(new Truncate(t, List.of()));
        assertThat(DdlParser.parse("TRUNCATE TABLE p.`t` PARTITION (a='1'), PARTITION (a='2')"))
                .isEqualTo(new Truncate(t, List.of(a1, a2)));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` SET LIFECYCLE 3")).isEqualTo(new SetLifecycle(t, List.of(), 3));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` PARTITION (a='1') SET LIFECYCLE 3"))
                .isEqualTo(new SetLifecycle(t, List.of(a1), 3));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` SET COMMENT 'it\\'s'")).isEqualTo(new SetComment(t, "it's"));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` SET TBLPROPERTIES ('k'='v', 'x' = 'y')"))
                .isEqualTo(new SetProperties(t, Map.of("k", "v", "x", "y")));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` RENAME TO `u`")).isEqualTo(new RenameTable(t, "u"));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` PARTITION (a='1') RENAME TO PARTITION (a='2')"))
                .isEqualTo(new RenamePartition(t, a1, a2));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` TOUCH")).isEqualTo(new Touch(t, List.of()));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` TOUCH PARTITION (a='1')")).isEqualTo(new Touch(t, List.of(a1)));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` PARTITION (a='1') TOUCH")).isEqualTo(new Touch(t, List.of(a1)));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` CHANGE COLUMN a RENAME TO b"))
                .isEqualTo(new ChangeColumn(t, "a", "b", null, null));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` CHANGE COLUMN a COMMENT 'c'"))
                .isEqualTo(new ChangeColumn(t, "a", null, null, "c"));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` CHANGE COLUMN a   `b` decimal(10,2) COMMENT 'c'"))
                .isEqualTo(new ChangeColumn(t, "a", "b", "DECIMAL(10,2)", "c"));
        assertThat(DdlParser.parse("ALTER TABLE p.`t` ADD COLUMNS IF NOT EXISTS (\n  `x` bigint COMMENT 'n',\n  y string\n)"))
                .isEqualTo(new AddColumns(t, true, List.of(new Column("x", OdpsType.BIGINT, "n", true),
                        new Column("y", OdpsType.STRING, "", true))));
        assertThat(DdlParser.parse("CREATE TABLE IF NOT EXISTS u LIKE p.`t` LIFECYCLE 4"))
                .isEqualTo(new CreateTableLike(new TableName(null, null, "u"), true, t, 4));
        CreateTable withProps = (CreateTable) DdlParser.parse("CREATE TABLE u (a bigint) TBLPROPERTIES ('k'='v')");
        assertThat(withProps.properties()).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void unknownTypesAndBadLifecyclesAreSemanticErrors() {
        assertThatThrownBy(() -> DdlParser.parse("CREATE TABLE t (a bogus)")).isInstanceOf(SqlException.class)
                .hasMessageStartingWith("ODPS-0130071:");
        assertThatThrownBy(() -> DdlParser.parse("CREATE TABLE t (a bigint) LIFECYCLE 0"))
                .hasMessageStartingWith("ODPS-0130071:");
    }
}
