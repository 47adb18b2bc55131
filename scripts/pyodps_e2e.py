"""Drives PyODPS (run from its source, see scripts/pyodps-e2e.sh) against a running emulator.

Not part of `mvn verify`: a developer check that the unmodified PyODPS client works end to end against `serve`.
Every check runs independently; the last line is `N passed, M failed` and the exit code is 1 when anything failed.

Environment: ODPS_ENDPOINT (http://127.0.0.1:PORT/api), ODPS_PROJECT, ODPS_ACCESS_ID, ODPS_ACCESS_KEY.
"""

import os
import sys
import time
import traceback
from datetime import datetime

from odps import ODPS, errors, options
from odps.models import TableSchema
from odps.types import Column, Partition

ENDPOINT = os.environ["ODPS_ENDPOINT"]
PROJECT = os.environ.get("ODPS_PROJECT", "e2e")
o = ODPS(
    os.environ.get("ODPS_ACCESS_ID", "odps-explorer"),
    os.environ.get("ODPS_ACCESS_KEY", "odps-explorer-secret"),
    project=PROJECT,
    endpoint=ENDPOINT,
)
options.retry_times = 0  # an emulator failure must show, not be retried away

RESULTS = []
SKIPPED = []


class Skip(Exception):
    """Raised by a check whose client-side prerequisite is missing; reported, counted neither way."""


def check(name):
    def wrap(fn):
        try:
            fn()
            RESULTS.append((name, None))
            print("PASS", name, flush=True)
        except Skip as e:
            SKIPPED.append(name)
            print("SKIP", name, "-", str(e), flush=True)
        except Exception as e:  # noqa: BLE001 - every failure is reported, the run goes on
            RESULTS.append((name, e))
            print("FAIL", name, "-", type(e).__name__, str(e)[:300], flush=True)
            if os.environ.get("E2E_VERBOSE"):
                traceback.print_exc()
        return fn

    return wrap


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def expect_error(exc_types, fn, what):
    try:
        fn()
    except exc_types as e:
        return e
    raise AssertionError(what + ": no error raised")


def drop(name):
    o.delete_table(name, if_exists=True)


# ---- resources ----------------------------------------------------------------------------------------------------

@check("resource: file create, read, update, list, delete")
def _():
    name = "e2e_file.txt"
    if o.exist_resource(name):
        o.delete_resource(name)
    data = "line one\r\nline two, with \u00e9\n"
    o.create_resource(name, "file", fileobj=data)
    expect(o.exist_resource(name), "exists after create")
    with o.open_resource(name, mode="r") as f:
        expect(f.read() == data, "content round-trips")
    with o.open_resource(name, mode="w") as f:
        f.write("replaced")
    with o.open_resource(name, mode="r") as f:
        expect(f.read() == "replaced", "content after update")
    names = [r.name for r in o.list_resources(prefix="e2e_")]
    expect(name in names, "listed by prefix: %r" % names)
    o.delete_resource(name)
    expect(not o.exist_resource(name), "gone after delete")


@check("resource: py and archive kinds keep their type")
def _():
    for name, kind in (("e2e_udf.py", "py"), ("e2e_bundle.zip", "archive")):
        if o.exist_resource(name):
            o.delete_resource(name)
        o.create_resource(name, kind, fileobj="x = 1\n" if kind == "py" else b"PK\x05\x06" + b"\0" * 18)
        expect(o.get_resource(name).type.name.lower() == kind, "type of " + name)


@check("resource: bad names are refused with a name error")
def _():
    for bad in ("x" * 129, ".."):
        e = expect_error(errors.ODPSError, lambda: o.create_resource(bad, "file", fileobj="a"), "name " + bad[:10])
        expect("name" in str(e).lower(), "message names the rule: %s" % e)


# ---- functions ----------------------------------------------------------------------------------------------------

@check("function: create, get, list, update, delete")
def _():
    if o.exist_function("e2e_lower"):
        o.delete_function("e2e_lower")
    res = o.get_resource("e2e_udf.py")
    o.create_function("e2e_lower", class_type="e2e_udf.Lower", resources=[res])
    f = o.get_function("e2e_lower")
    expect(f.class_type == "e2e_udf.Lower", "class type")
    expect([r.name for r in f.resources] == ["e2e_udf.py"], "resources %r" % [r.name for r in f.resources])
    expect("e2e_lower" in [x.name for x in o.list_functions()], "listed")
    f.class_type = "e2e_udf.Upper"
    f.update()
    expect(o.get_function("e2e_lower").class_type == "e2e_udf.Upper", "updated")
    o.delete_function("e2e_lower")
    expect(not o.exist_function("e2e_lower"), "deleted")


# ---- tables and partitions ----------------------------------------------------------------------------------------

SCHEMA = TableSchema(
    columns=[Column("id", "bigint"), Column("name", "string", comment="who"), Column("score", "double")],
    partitions=[Partition("ds", "string"), Partition("hh", "string")],
)


@check("table: create, exists, get schema, comment and lifecycle")
def _():
    drop("e2e_t")
    o.create_table("e2e_t", SCHEMA, comment="e2e table", lifecycle=7)
    expect(o.exist_table("e2e_t"), "exists")
    t = o.get_table("e2e_t")
    expect([c.name for c in t.table_schema.simple_columns] == ["id", "name", "score"], "columns")
    expect([p.name for p in t.table_schema.partitions] == ["ds", "hh"], "partition keys")
    expect(t.comment == "e2e table" and t.lifecycle == 7, "comment %r lifecycle %r" % (t.comment, t.lifecycle))


@check("table: listing is lazy and loads the schema on demand")
def _():
    listed = [t for t in o.list_tables(prefix="e2e_")]
    expect("e2e_t" in [t.name for t in listed], "listed")
    t = [t for t in listed if t.name == "e2e_t"][0]
    expect([c.name for c in t.table_schema.simple_columns] == ["id", "name", "score"], "lazy schema")


@check("partitions: several per ADD, exist, list, reverse, prefix")
def _():
    o.execute_sql(
        "ALTER TABLE e2e_t ADD IF NOT EXISTS PARTITION (ds='20260101', hh='01') "
        "PARTITION (ds='20260101', hh='02') PARTITION (ds='20260102', hh='01')"
    )
    t = o.get_table("e2e_t")
    t.create_partition("ds='20260103',hh='00'", if_not_exists=True)
    expect(t.exist_partition("ds='20260101',hh='02'"), "exists")
    specs = [str(p.partition_spec) for p in t.partitions]
    expect(len(specs) == 4, "four partitions: %r" % specs)
    rev = [str(p.partition_spec) for p in t.iterate_partitions(reverse=True)]
    expect(rev == list(reversed(specs)), "reverse %r" % rev)
    pref = [str(p.partition_spec) for p in t.iterate_partitions(spec="ds='20260101'")]
    expect(len(pref) == 2 and all("20260101" in s for s in pref), "prefix %r" % pref)


@check("table I/O: write and read rows of partitions")
def _():
    o.write_table("e2e_t", [[1, "a", 1.5], [2, "b,c", None]], partition="ds='20260101',hh='01'")
    o.write_table("e2e_t", [[3, "x", 0.25]], partition="ds='20260102',hh='01'")
    with o.get_table("e2e_t").open_reader(partition="ds='20260101',hh='01'") as r:
        rows = [list(rec.values)[:3] for rec in r]
    expect(rows == [[1, "a", 1.5], [2, "b,c", None]], "rows %r" % rows)


@check("partition metadata: counts, times, extended info")
def _():
    p = o.get_table("e2e_t").get_partition("ds='20260101',hh='01'")
    p.reload()
    expect(p.record_num == 2, "record_num %r" % p.record_num)
    expect(p.size > 0, "size %r" % p.size)
    expect(isinstance(p.creation_time, datetime) and isinstance(p.last_data_modified_time, datetime), "times")
    expect(p.is_archived is False and p.is_exstore is False, "archived / exstore flags")
    expect(p.physical_size > 0, "physical size %r" % p.physical_size)
    expect(p.lifecycle == 7, "lifecycle from the table %r" % p.lifecycle)


@check("get_max_partition: skips empty partitions, honours a prefix")
def _():
    t = o.get_table("e2e_t")
    expect(str(t.get_max_partition().partition_spec) == "ds='20260102',hh='01'", "max non-empty")
    expect(str(t.get_max_partition(skip_empty=False).partition_spec) == "ds='20260103',hh='00'", "max any")
    expect(str(t.get_max_partition("ds='20260101'").partition_spec) == "ds='20260101',hh='01'", "max in prefix")


@check("head(): table, partition, columns, limit")
def _():
    t = o.get_table("e2e_t")
    rows = [list(r.values) for r in t.head(10, partition="ds='20260101',hh='01'")]
    expect(rows == [[1, "a", 1.5, "20260101", "01"], [2, "b,c", None, "20260101", "01"]], "rows %r" % rows)
    one = [list(r.values) for r in t.get_partition("ds='20260101',hh='01'").head(1, columns=["name"])]
    expect(one == [["a"]], "one column, one row %r" % one)
    everything = list(t.head(100))
    expect(len(everything) == 3, "all partitions %d" % len(everything))


@check("head(use_legacy=False): the tunnel's Arrow preview, every simple type, partition, columns, limit")
def _():
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise Skip("pyarrow is not installed; PyODPS reads the tunnel's Arrow preview only through pyarrow")
    t = o.get_table("e2e_t")
    part = "ds='20260101',hh='01'"
    rows = [list(r.values) for r in t.head(10, partition=part, use_legacy=False)]
    expect(rows == [[1, "a", 1.5, "20260101", "01"], [2, "b,c", None, "20260101", "01"]], "rows %r" % rows)
    one = [list(r.values) for r in t.head(1, partition=part, columns=["name"], use_legacy=False)]
    expect(one == [["a"]], "one column, one row %r" % one)
    expect(len(list(t.head(100, use_legacy=False))) == 3, "all partitions")
    expect(len(list(t.head(2, use_legacy=False))) == 2, "limit across partitions")
    expect_error(errors.ODPSError, lambda: t.head(1, partition="nokey=1", use_legacy=False), "bad partition key")

    drop("e2e_arrow")
    schema = TableSchema.from_lists(
        ["b", "i", "f", "d", "s", "bin", "dec", "dt", "ts", "day"],
        ["boolean", "int", "float", "double", "string", "binary", "decimal(10,2)", "datetime", "timestamp",
         "date"])
    at = o.create_table("e2e_arrow", schema, hints={"odps.sql.type.system.odps2": "true"})
    from decimal import Decimal
    import datetime as dtm
    try:  # PyODPS needs pandas for TIMESTAMP values; without it the column stays NULL
        import pandas as pd
        ts = pd.Timestamp("2024-01-02 03:04:05.123456789")
    except ImportError:
        ts = None
    values = [True, -7, 0.5, 2.25, "h\u00e9", b"\x00ab", Decimal("12.34"),
              datetime(2024, 2, 29, 12, 34, 56), ts, dtm.date(1999, 12, 31)]
    with at.open_writer() as w:
        w.write([values, [None] * len(values)])
    arrow_rows = [list(r.values) for r in at.head(5, use_legacy=False)]
    expect(len(arrow_rows) == 2 and all(v is None for v in arrow_rows[1]), "NULL row %r" % arrow_rows)
    got = arrow_rows[0]
    expect(got[:7] == values[:7], "simple values %r" % got)
    expect(got[7] == values[7] and got[8] == values[8] and got[9] == values[9], "time values %r" % got[7:])
    drop("e2e_arrow")


# ---- DDL through SQL instances ------------------------------------------------------------------------------------

@check("DDL: ADD COLUMNS, CHANGE COLUMN, SET COMMENT/LIFECYCLE/TBLPROPERTIES")
def _():
    o.execute_sql("ALTER TABLE e2e_t ADD COLUMNS (extra string COMMENT 'added')")
    o.execute_sql("ALTER TABLE e2e_t ADD COLUMNS IF NOT EXISTS (extra string)")
    o.execute_sql("ALTER TABLE e2e_t CHANGE COLUMN score score double COMMENT 'points'")
    o.execute_sql("ALTER TABLE e2e_t CHANGE COLUMN name RENAME TO who")
    o.execute_sql("ALTER TABLE e2e_t SET COMMENT 'changed'")
    o.execute_sql("ALTER TABLE e2e_t SET LIFECYCLE 30")
    o.execute_sql("ALTER TABLE e2e_t SET TBLPROPERTIES ('owner.team'='data')")
    t = o.get_table("e2e_t")
    t.reload()
    cols = t.table_schema.simple_columns
    expect([c.name for c in cols] == ["id", "who", "score", "extra"], "columns %r" % [c.name for c in cols])
    expect(cols[2].comment == "points" and cols[3].comment == "added", "column comments")
    expect(t.comment == "changed" and t.lifecycle == 30, "comment and lifecycle")
    rows = [list(r.values)[:4] for r in t.head(1, partition="ds='20260101',hh='01'")]
    expect(rows == [[1, "a", 1.5, None]], "old rows read with the new column as NULL: %r" % rows)


@check("DDL: PyODPS table methods (add_columns, rename_column, set_lifecycle, set_comment, touch)")
def _():
    t = o.get_table("e2e_t")
    t.add_columns([Column("more", "bigint")])
    t.rename_column("more", "most")
    t.set_lifecycle(9)
    t.set_comment("by method")
    t.touch()
    t.reload()
    expect([c.name for c in t.table_schema.simple_columns][-1] == "most", "renamed column")
    expect(t.lifecycle == 9 and t.comment == "by method", "lifecycle %r comment %r" % (t.lifecycle, t.comment))


@check("DDL: partition SET LIFECYCLE, RENAME TO PARTITION, TOUCH, DROP of several")
def _():
    o.execute_sql("ALTER TABLE e2e_t PARTITION (ds='20260101', hh='02') SET LIFECYCLE 3")
    p = o.get_table("e2e_t").get_partition("ds='20260101',hh='02'")
    expect(p.lifecycle == 3, "partition lifecycle %r" % p.lifecycle)
    o.execute_sql("ALTER TABLE e2e_t PARTITION (ds='20260101', hh='02') RENAME TO PARTITION (ds='20260101', hh='03')")
    t = o.get_table("e2e_t")
    expect(t.exist_partition("ds='20260101',hh='03'") and not t.exist_partition("ds='20260101',hh='02'"), "renamed")
    t.change_partition_spec("ds='20260101',hh='03'", "ds='20260101',hh='04'")
    expect(t.exist_partition("ds='20260101',hh='04'"), "renamed by method")
    o.execute_sql("ALTER TABLE e2e_t TOUCH PARTITION (ds='20260101', hh='04')")
    o.execute_sql("ALTER TABLE e2e_t DROP IF EXISTS PARTITION (ds='20260101', hh='04'), PARTITION (ds='1', hh='1')")
    expect(not t.exist_partition("ds='20260101',hh='04'"), "dropped")


@check("DDL: TRUNCATE TABLE [PARTITION] and table.truncate()")
def _():
    o.execute_sql("TRUNCATE TABLE e2e_t PARTITION (ds='20260102', hh='01')")
    t = o.get_table("e2e_t")
    expect(t.get_partition("ds='20260102',hh='01'").record_num == 0, "partition emptied")
    expect(t.get_partition("ds='20260101',hh='01'").record_num == 2, "other partition kept")
    drop("e2e_plain")
    o.create_table("e2e_plain", "a bigint, b string")
    o.write_table("e2e_plain", [[1, "x"]])
    o.get_table("e2e_plain").truncate()
    expect(list(o.get_table("e2e_plain").head(5)) == [], "plain table emptied")


@check("DDL: CREATE TABLE LIKE, RENAME TO, IF [NOT] EXISTS everywhere")
def _():
    drop("e2e_copy")
    drop("e2e_copy2")
    o.execute_sql("CREATE TABLE IF NOT EXISTS e2e_copy LIKE e2e_t")
    o.execute_sql("CREATE TABLE IF NOT EXISTS e2e_copy LIKE e2e_t")
    c = o.get_table("e2e_copy")
    expect([x.name for x in c.table_schema.partitions] == ["ds", "hh"], "partition keys copied")
    expect(list(c.partitions) == [], "no partitions copied")
    o.execute_sql("ALTER TABLE e2e_copy RENAME TO e2e_copy2")
    expect(o.exist_table("e2e_copy2") and not o.exist_table("e2e_copy"), "renamed")
    o.get_table("e2e_copy2").rename("e2e_copy")
    expect(o.exist_table("e2e_copy"), "renamed back by method")
    o.execute_sql("DROP TABLE IF EXISTS e2e_copy")
    o.execute_sql("DROP TABLE IF EXISTS e2e_copy")
    expect(not o.exist_table("e2e_copy"), "dropped")


@check("DDL: unsupported statements and bad names fail the instance with a clear message")
def _():
    e = expect_error(errors.ODPSError, lambda: o.execute_sql("SELECT 1"), "SELECT")
    expect("ODPS-0130161" in str(e) or isinstance(e, errors.ParseError), "parse error: %s" % e)
    for sql in ("CREATE TABLE `../../x` (a bigint)", "CREATE TABLE `a b` (a bigint)", "CREATE TABLE t1x (`1x` bigint)"):
        e = expect_error(errors.ODPSError, lambda: o.execute_sql(sql), sql)
        expect("name" in str(e), "names the rule: %s" % e)


# ---- instances ----------------------------------------------------------------------------------------------------

@check("instances: status, task statuses, summary, listing, stop")
def _():
    inst = o.run_sql("ALTER TABLE e2e_t TOUCH")
    inst.wait_for_success()
    expect(inst.status.value == "Terminated" and inst.is_successful(), "terminated, successful")
    statuses = inst.get_task_statuses()
    expect(len(statuses) == 1 and list(statuses.values())[0].status.value.lower() == "success", "task statuses")
    summary = inst.get_task_summary()
    expect(summary is not None and summary.summary_text, "summary %r" % summary)
    ids = [i.id for i in o.list_instances()]
    expect(inst.id in ids, "listed among %d" % len(ids))
    mine = [i.id for i in o.list_instances(only_owner=True, start_time=time.time() - 3600)]
    expect(inst.id in mine, "listed with owner and time filters")
    # o.list_instances() does not pass job_name on; the project's instance collection does
    named = [i.id for i in o.get_project().instances.iterate(job_name="e2e_no_such_job")]
    expect(named == [], "jobname filter (PyODPS jobs are unnamed): %r" % named)
    inst.stop()
    expect(o.get_instance(inst.id).status.value == "Terminated", "still terminated after stop")
    expect_error(errors.NoSuchObject, lambda: o.get_instance("no_such_instance").reload(), "unknown instance")


@check("cleanup: drop tables and resources")
def _():
    for name in ("e2e_t", "e2e_plain"):
        drop(name)
    for name in ("e2e_udf.py", "e2e_bundle.zip"):
        if o.exist_resource(name):
            o.delete_resource(name)
    expect(not o.exist_table("e2e_t"), "dropped")


passed = sum(1 for _, e in RESULTS if e is None)
failed = len(RESULTS) - passed
if SKIPPED:
    print("%d skipped: %s" % (len(SKIPPED), "; ".join(SKIPPED)))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
