"""Regression tests for Spark fixes: the job function run in a local Spark session on small data shaped by
what its code reads, with an oracle that fails on the bug and passes on the fix.

* driver state (P6): the job run on Spark and run again with ``foreach``/``foreachPartition`` applied in this
  process (where a driver variable *is* shared, which is what the code means) must give the same result;
* ORM on executors (P4): rows keyed by model instances made in the test database go through the job; the
  instances' values must come out (executor processes have no Django set up, so the buggy job raises);
* collect (P3): a frame of many partitions, several MB of incompressible strings, goes through the job while
  ``tracemalloc`` watches the driver's Python memory; its peak must stay under half the frame's size.

The tests reuse the project's Spark session fixture when its conftest has one (one session for the whole run)
and otherwise define a session-scoped one; they never stop a session the project's tests go on to use.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rootfix.project.model import is_test_file
from rootfix.rules.base import DirectTest, ProjectTestCalls, SourceTest, owner_replay  # noqa: F401 (re-exported)
from rootfix.rules.spark._dataframes import DataFrames
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

#: Row methods, not columns.
ROW_METHODS = frozenset({"asDict", "count", "index", "__fields__", "_fields"})
SESSION_USES = frozenset({"sparkContext", "read", "createDataFrame", "table", "sql", "range", "udf", "conf",
                          "readStream", "catalog"})
CONTEXT_USES = frozenset({"parallelize", "accumulator", "broadcast", "textFile", "wholeTextFiles", "defaultParallelism"})
SINK_NAMES = frozenset({"out", "output", "fh", "fp", "stream", "sink", "writer", "buf", "file", "dest"})


def as_spec(symbol: str, found: tuple[str, str] | None) -> SourceTest | None:
    """The rule API's record for a test module built here: ``(path, source)`` -> :class:`SourceTest`."""
    return None if found is None else SourceTest(symbol, found[1], found[0])


def test_path(index: "RepoIndex", code: str, symbol: str) -> str:
    """A new test module beside most of the project's tests: ``<tests>/test_rootfix_<code>_<symbol>.py``."""
    folders: dict[str, int] = {}
    for path in index.by_path:
        if is_test_file(path) and path.rsplit("/", 1)[-1].startswith("test"):
            folder = path.rsplit("/", 1)[0] if "/" in path else ""
            folders[folder] = folders.get(folder, 0) + 1
    folder = max(folders.items(), key=lambda kv: (kv[1], -len(kv[0])))[0] if folders else "tests"
    slug = re.sub(r"[^a-z0-9]+", "_", f"{code}_{symbol}".lower()).strip("_")
    base = f"{folder}/test_rootfix_{slug}" if folder else f"test_rootfix_{slug}"
    path, n = f"{base}.py", 2
    while path in index.by_path or (index.root / path).exists():
        path, n = f"{base}_{n}.py", n + 1
    return path


def spark_fixture(index: "RepoIndex") -> tuple[str, str]:
    """``(name, source)``: the project's conftest fixture that builds a SparkSession (source empty: pytest finds
    it), else a session-scoped fixture for the test module."""
    for path, module in index.by_path.items():
        if not path.endswith("conftest.py"):
            continue
        for stmt in module.tree.body:
            if not isinstance(stmt, ast.FunctionDef):
                continue
            is_fixture = any("fixture" in ast.unparse(d.func if isinstance(d, ast.Call) else d)
                             for d in stmt.decorator_list)
            builds = any(isinstance(n, ast.Attribute) and n.attr in ("getOrCreate", "builder")
                         for n in walk_tree(stmt))
            if is_fixture and builds:
                return stmt.name, ""
    return "spark", _SESSION_FIXTURE


# one session for every test of the run: getOrCreate() hands back the session another fixture built, and it is
# left running (the interpreter's exit stops the JVM) so that no later test pays for a second start
_SESSION_FIXTURE = '''

@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[1]")
        .appName("rootfix-regression")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
'''


def dotted(module: str) -> str:
    return module[4:] if module.startswith("src.") else module


@dataclass
class Column:
    name: str
    literals: list[object] = field(default_factory=list)
    numeric: bool = False

    @property
    def spark_type(self) -> str:
        values = [v for v in self.literals if not isinstance(v, bool)]
        if any(isinstance(v, str) for v in values):
            return "string"
        if self.literals and all(isinstance(v, bool) for v in self.literals):
            return "boolean"
        if any(isinstance(v, float) for v in values):
            return "double"
        return "bigint" if self.numeric or values else "string"

    def values(self, n: int) -> list[object]:
        """``n`` values that take every branch a comparison with a literal can take."""
        kind = self.spark_type
        if kind == "boolean":
            return [i % 2 == 0 for i in range(n)]
        pool: list[object] = []
        for lit in self.literals:
            if isinstance(lit, str):
                pool.append(lit)
            elif isinstance(lit, (int, float)) and not isinstance(lit, bool):
                pool += [lit - 1, lit, lit + 1]
        if kind == "string":
            pool.append(f"other-{self.name}")
            return [pool[i % len(pool)] if len(pool) > 1 else f"{self.name}-{i}" for i in range(n)]
        if not pool:
            return [(i + 1) * (1.5 if kind == "double" else 1) for i in range(n)]
        return [pool[i % len(pool)] for i in range(n)]


def row_columns(closure: ast.AST, row: str) -> dict[str, Column]:
    """Columns read from ``row`` in ``closure`` (``row.status``, ``row["status"]``), with the literals they are
    compared with and whether arithmetic uses them."""
    cols: dict[str, Column] = {}

    def column_of(node: ast.AST) -> str | None:
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == row \
                and node.attr not in ROW_METHODS and not node.attr.startswith("_"):
            return node.attr
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == row \
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            return node.slice.value
        return None

    for node in walk_tree(closure):
        name = column_of(node)
        if name is not None:
            cols.setdefault(name, Column(name))
    for node in walk_tree(closure):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            names = [column_of(s) for s in sides]
            for side in sides:
                consts: list[object] = []
                if isinstance(side, ast.Constant):
                    consts = [side.value]
                elif isinstance(side, (ast.Tuple, ast.List, ast.Set)):
                    consts = [e.value for e in side.elts if isinstance(e, ast.Constant)]
                for name in names:
                    if name is not None:
                        cols[name].literals += [c for c in consts if c not in cols[name].literals and c is not None]
        elif isinstance(node, (ast.BinOp, ast.AugAssign)):
            parts = [node.left, node.right] if isinstance(node, ast.BinOp) else [node.value]
            for part in parts:
                inner = part.args[0] if isinstance(part, ast.Call) and isinstance(part.func, ast.Name) \
                    and part.func.id in ("int", "float", "abs") and part.args else part
                name = column_of(inner)
                if name is not None and not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod)):
                    cols[name].numeric = True
    return cols


def rows_literal(columns: list[Column], n: int) -> tuple[str, str]:
    """``(rows, schema)`` source: ``n`` tuples and a DDL schema string."""
    per_column = [c.values(n) for c in columns]
    rows = [tuple(vals[i] for vals in per_column) for i in range(n)]
    schema = ", ".join(f"{c.name} {c.spark_type}" for c in columns)
    return repr(rows), schema


def argument_roles(fn: "FunctionInfo", frame_params: set[str], sink_ok: bool = False) -> list[str] | None:
    """How the test calls ``fn``: one source expression per required parameter (``spark``, ``spark.sparkContext``,
    ``frame``, ``sink``), or None when a parameter is none of those."""
    a = fn.node.args
    positional = [p.arg for p in [*a.posonlyargs, *a.args]]
    required = positional[: len(positional) - len(a.defaults)]
    if any(d is None for d in a.kw_defaults) or fn.class_name:
        return None
    uses: dict[str, set[str]] = {}
    for node in walk_tree(fn.node):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            uses.setdefault(node.value.id, set()).add(node.attr)
    out = []
    for name in required:
        used = uses.get(name, set())
        if name in frame_params:
            out.append("frame")
        elif name in ("sc", "spark_context", "context") or used & CONTEXT_USES and not used & SESSION_USES:
            out.append("spark.sparkContext")
        elif "spark" in name.lower() or "session" in name.lower() or used & SESSION_USES:
            out.append("spark")
        elif sink_ok and (name in SINK_NAMES or "write" in used):
            out.append("sink")
        else:
            return None
    return out


def receiver_param(fn: "FunctionInfo", receiver: ast.expr) -> str | None:
    """The parameter of ``fn`` a DataFrame/RDD expression starts from (``scans``, ``scans.rdd``,
    ``scans.where(...).orderBy(...)``), through local assignments."""
    params = set(DataFrames.params(fn))
    node: ast.AST = receiver
    for _ in range(12):
        while isinstance(node, (ast.Attribute, ast.Call)):
            node = node.func if isinstance(node, ast.Call) else node.value
        if not isinstance(node, ast.Name):
            return None
        if node.id in params:
            return node.id
        values = DataFrames.assignments(fn, node.id)
        if len(values) != 1:
            return None
        node = values[0]
    return None


# --------------------------------------------------------------------------- P6: driver state
def driver_state_test(index: "RepoIndex", code: str, fn: "FunctionInfo", closure: ast.AST,
                      call: ast.Call) -> tuple[str, str] | None:
    """The job on Spark must give what it gives with its ``foreach`` code applied in the driver's process."""
    if not isinstance(closure, (ast.FunctionDef, ast.Lambda)) or not closure.args.args:
        return None
    how = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    param = closure.args.args[0].arg
    row = param
    if how == "foreachPartition":  # ``for row in rows:``
        loops = [n for n in walk_tree(closure) if isinstance(n, ast.For) and isinstance(n.iter, ast.Name)
                 and n.iter.id == param and isinstance(n.target, ast.Name)]
        if len(loops) != 1:
            return None
        row = loops[0].target.id
    columns = list(row_columns(closure, row).values())
    source = receiver_param(fn, call.func.value) if isinstance(call.func, ast.Attribute) else None
    if not columns or source is None:
        return None
    roles = argument_roles(fn, {source})
    if roles is None or "frame" not in roles:
        return None
    rows, schema = rows_literal(columns, 8)
    name, fixture = spark_fixture(index)
    body = _DRIVER_STATE.format(code=code, name=fn.symbol, mod=dotted(fn.module), rows=rows, schema=schema,
                                fixture=fixture, spark=name,
                                args=", ".join(r.replace("spark", name, 1) for r in roles))
    return test_path(index, code, fn.symbol), body


_DRIVER_STATE = '''"""Regression test (rootfix {code}): what `{name}` counts or collects in executor code reaches the driver.

Spark runs `foreach` code on a pickled copy of its closure in another process, so a driver variable changed
there stays unchanged on the driver. The reference run applies the same code to every row in this process,
where the variable is shared: that is what the job means, and Spark must give the same.
"""
import pytest
from pyspark.rdd import RDD

from {mod} import {name}

ROWS = {rows}
SCHEMA = {schema!r}
{fixture}

def _plain(value):
    if hasattr(value, "collect"):
        return sorted(map(tuple, value.collect()), key=repr)
    if hasattr(value, "value") and type(value).__name__ == "Accumulator":
        return value.value
    return value


def _each(rdd, f):
    for item in rdd.collect():
        f(item)


def _whole(rdd, f):
    f(iter(rdd.collect()))


def test_{name}_driver_sees_executor_work({spark}, monkeypatch):
    frame = {spark}.createDataFrame(ROWS, schema=SCHEMA)
    on_spark = _plain({name}({args}))
    with monkeypatch.context() as local:
        # DataFrame.foreach/foreachPartition go through these two
        local.setattr(RDD, "foreach", _each)
        local.setattr(RDD, "foreachPartition", _whole)
        in_process = _plain({name}({args}))
    assert on_spark == in_process, (
        f"on Spark the driver got {{on_spark!r}}, with the same code run in one process {{in_process!r}}: "
        "executor code changed a copy of a driver variable"
    )
'''


# --------------------------------------------------------------------------- rows of the test database
#: ``_make(model, i)``: a row of ``model`` saved with a value for every required column (related rows made too)
_MAKE_ROWS = '''def _value(field, i):
    if isinstance(field, (models.DateTimeField,)):
        return datetime.datetime(2024, 1, 1 + i, tzinfo=datetime.timezone.utc)
    if isinstance(field, models.DateField):
        return datetime.date(2024, 1, 1 + i)
    if isinstance(field, models.DecimalField):
        return decimal.Decimal(i + 1)
    if isinstance(field, (models.IntegerField, models.FloatField)):
        return i + 1
    if isinstance(field, models.BooleanField):
        return True
    if field.choices:
        return field.choices[0][0]
    return f"{field.name[:4]}{i}"


def _make(model, i):
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.null or field.has_default():
            continue
        if field.is_relation:
            values[field.name] = _make(field.related_model, i)
        else:
            values[field.name] = _value(field, i)
    return model.objects.create(**values)


'''


# --------------------------------------------------------------------------- P4: ORM on executors
def orm_lookup_test(index: "RepoIndex", code: str, fn: "FunctionInfo", closure: ast.AST, call: ast.Call,
                    model: str, key_column: str, field_name: str) -> tuple[str, str] | None:
    """Rows keyed by model instances made in the test database go through the job; their ``field_name`` values
    must come out of it."""
    if not isinstance(closure, (ast.FunctionDef, ast.Lambda)) or not closure.args.args:
        return None
    row = closure.args.args[0].arg
    columns = [c for c in row_columns(closure, row).values() if c.name != key_column]
    source = receiver_param(fn, call.func.value) if isinstance(call.func, ast.Attribute) else None
    if source is None:
        return None
    roles = argument_roles(fn, {source})
    if roles is None or "frame" not in roles:
        return None
    model_mod, _, model_name = model.rpartition(".")
    name, fixture = spark_fixture(index)
    schema = ", ".join([f"{key_column} bigint", *(f"{c.name} {c.spark_type}" for c in columns)])
    others = repr([c.values(3) for c in columns])
    body = _ORM_LOOKUP.format(code=code, name=fn.symbol, mod=dotted(fn.module), model_mod=dotted(model_mod),
                              model=model_name, key=key_column, field=field_name, schema=schema, others=others,
                              fixture=fixture, spark=name, make_rows=_MAKE_ROWS,
                              args=", ".join(r.replace("spark", name, 1) for r in roles))
    return test_path(index, code, fn.symbol), body


_ORM_LOOKUP = '''"""Regression test (rootfix {code}): `{name}` reads `{model}` on the driver, not on Spark executors.

Executor processes never ran `django.setup()`: a function that uses the ORM there fails (or, where the settings
load, opens a connection per row). The rows here are keyed by `{model}` rows of the test database and their
`{field}` values must come out of the job.
"""
import datetime
import decimal

import pytest
from django.db import models

from {mod} import {name}
from {model_mod} import {model}

SCHEMA = {schema!r}
OTHERS = {others}
{fixture}

{make_rows}@pytest.mark.django_db
def test_{name}_queries_on_the_driver({spark}):
    made = [_make({model}, i) for i in range(3)]
    rows = [(getattr(obj, "pk"), *(values[i] for values in OTHERS)) for i, obj in enumerate(made)]
    frame = {spark}.createDataFrame(rows, schema=SCHEMA)
    result = {name}({args})
    out = result.collect() if hasattr(result, "collect") else list(result)
    seen = {{value for row in out for value in (row if isinstance(row, (tuple, list)) else [row])}}
    expected = {{getattr(obj, {field!r}) for obj in made}}
    assert expected <= seen, f"{{sorted(expected - seen, key=repr)}} missing from {{out!r}}"
'''


# --------------------------------------------------------------------------- P5: rows broadcast
def broadcast_rows_test(index: "RepoIndex", code: str, fn: "FunctionInfo", model: str,
                        columns: list[str]) -> tuple[str, str] | None:
    """Rows of ``model`` made in the test database; ``fn`` builds its broadcast; a Spark executor reads each
    element's ``columns``: the made rows' values must come out (model instances cannot be unpickled there)."""
    roles = argument_roles(fn, set())
    if roles is None or not columns or "." in fn.symbol:
        return None
    model_mod, _, model_name = model.rpartition(".")
    name, fixture = spark_fixture(index)
    body = _BROADCAST_ROWS.format(code=code, name=fn.symbol, mod=dotted(fn.module), model_mod=dotted(model_mod),
                                  model=model_name, columns=columns, fixture=fixture, spark=name,
                                  make_rows=_MAKE_ROWS,
                                  args=", ".join(r.replace("spark", name, 1) for r in roles))
    return test_path(index, code, fn.symbol), body


_BROADCAST_ROWS = '''"""Regression test (rootfix {code}): what `{name}` broadcasts can be read on Spark executors.

A Spark Python worker unpickles a broadcast in an interpreter where Django is not set up, and a model instance
cannot be unpickled there (AppRegistryNotReady). Rows of `{model}` are made in the test database, the broadcast
is built, and an executor reads the columns the job reads of each element: the made rows' values must come out.
"""
import datetime
import decimal

import pytest
from django.db import models

from {mod} import {name}
from {model_mod} import {model}

COLUMNS = {columns!r}
{fixture}
{make_rows}
@pytest.mark.django_db
def test_{name}_broadcast_reaches_executors({spark}):
    made = [_make({model}, i) for i in range(3)]
    broadcast = {name}({args})
    columns = list(COLUMNS)

    def read(_):  # nested: shipped by value, the test module is not imported on the executor
        value = broadcast.value
        elements = value.values() if isinstance(value, dict) else value
        return [tuple(getattr(e, c) for c in columns) for e in elements]

    seen = set({spark}.sparkContext.parallelize([0], 1).flatMap(read).collect())
    expected = {{tuple(getattr(obj, c) for c in columns) for obj in made}}
    assert expected & seen, f"none of {{sorted(expected, key=repr)}} in the broadcast: {{sorted(seen, key=repr)}}"
'''


# --------------------------------------------------------------------------- P3: collect
def collect_memory_test(index: "RepoIndex", code: str, fn: "FunctionInfo", call: ast.Call) -> tuple[str, str] | None:
    """A frame of several MB in many partitions goes through the job; the driver's Python memory peak must
    stay under half of it (a collect() holds all of it at once)."""
    if not isinstance(call.func, ast.Attribute):
        return None
    source = receiver_param(fn, call.func.value)
    if source is None:
        return None
    roles = argument_roles(fn, {source}, sink_ok=True)
    if roles is None or "frame" not in roles:
        return None
    loops = [n for n in walk_tree(fn.node) if isinstance(n, ast.For) and isinstance(n.target, ast.Name)]
    row = next((n.target.id for n in loops if any(x is call for x in walk_tree(n.iter))), None)
    names: list[str] = []
    if row is not None:
        names = list(row_columns(fn.node, row))
    for node in walk_tree(call.func.value):  # columns the chain names: orderBy("scanned_at"), where("x = 1")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
            names.append(node.value)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == source \
                and node.attr not in DataFrames_ATTRS:
            names.append(node.attr)
    names = list(dict.fromkeys(names)) or ["id", "payload"]
    name, fixture = spark_fixture(index)
    body = _COLLECT_MEMORY.format(code=code, name=fn.symbol, mod=dotted(fn.module), columns=names,
                                  fixture=fixture, spark=name,
                                  args=", ".join(r.replace("spark", name, 1) for r in roles))
    return test_path(index, code, fn.symbol), body


#: attributes of a DataFrame that are not column names
DataFrames_ATTRS = frozenset({"write", "rdd", "columns", "schema", "dtypes", "na", "stat", "sparkSession",
                              "orderBy", "where", "filter", "select", "limit", "groupBy", "collect", "sort",
                              "toLocalIterator", "count", "distinct", "join", "withColumn", "drop"})

_COLLECT_MEMORY = '''"""Regression test (rootfix {code}): `{name}` does not hold its whole input on the driver at once.

`collect()` copies every row into the driver's memory; on a production-sized frame the driver dies. Here a frame
of several MB (incompressible strings, many partitions) goes through the job while tracemalloc watches the
driver's Python memory: its peak must stay under half of the frame's size.
"""
import os
import tracemalloc

import pytest

from {mod} import {name}

COLUMNS = {columns!r}
# each partition's result stays under spark.task.maxDirectResultSize (1 MiB): it comes back with the task
# rather than through the block manager, which a session bound to 127.0.0.1 may not reach
ROWS, PARTITIONS, WIDTH = 12000, 32, 256
{fixture}

def test_{name}_streams_rows_to_the_driver({spark}):
    # strings of WIDTH hex digits, different for every row and column: nothing compresses them away
    exprs = [
        f"concat(sha2(cast(id * {{len(COLUMNS)}} + {{i}} as string), 512), "
        f"sha2(cast(id * {{len(COLUMNS)}} + {{i}} + 7 as string), 512)) as {{column}}"
        for i, column in enumerate(COLUMNS)
    ]
    frame = {spark}.range(0, ROWS, numPartitions=PARTITIONS).selectExpr(*exprs)
    size = ROWS * len(COLUMNS) * WIDTH
    conf = {spark}.conf
    saved = {{key: conf.get(key, None) for key in
             ("spark.sql.shuffle.partitions", "spark.sql.adaptive.coalescePartitions.enabled")}}
    # a sort or an aggregation keeps the partitions: one partition would be the whole frame again
    conf.set("spark.sql.shuffle.partitions", str(PARTITIONS))
    conf.set("spark.sql.adaptive.coalescePartitions.enabled", "false")
    sink = open(os.devnull, "w", encoding="utf-8")
    tracemalloc.start()
    try:
        {name}({args})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        sink.close()
        for key, value in saved.items():
            if value is None:
                conf.unset(key)
            else:
                conf.set(key, value)
    assert peak < size / 2, f"the driver held {{peak / 2**20:.1f}} MiB for a {{size / 2**20:.1f}} MiB frame"
'''
