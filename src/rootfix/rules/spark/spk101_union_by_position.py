"""SPK101: ``DataFrame.union`` matches columns by position, not by name."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, DirectTest, Example, FirstOf, Rule
from rootfix.rules.job._common import node_span
from rootfix.rules.spark._dataframes import DF_ONLY, DataFrames, imports_pyspark
from rootfix.rules.spark._lib import oracles
from rootfix.rules.spark._lib.executors import module_body, spark_functions
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.index import walk_body
from rootfix.discover.walk import walk_tree
from rootfix.project.callables import passed_argument
from rootfix.project.model import is_test_file

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

UNIONS = frozenset({"union", "unionAll"})
#: Calls that fix a DataFrame's column order: two operands shaped by the same call line up.
SHAPING = frozenset({"select", "toDF", "selectExpr"})


def _column_name(fn: "FunctionInfo", arg: ast.expr) -> str | None:
    """The output name of one ``select`` argument: ``"a"``, ``"t.a"``, ``F.col("a")``, ``df["a"]``, ``df.a``,
    ``<expr>.alias("a")`` / ``.name("a")``; None when it cannot be told."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        text = arg.value.strip()
        low = text.lower()
        if " as " in low:
            return text[low.rindex(" as ") + 4:].strip().strip("`")
        return text.rsplit(".", 1)[-1].strip("`")
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr in ("alias", "name") \
            and arg.args and isinstance(arg.args[0], ast.Constant) and isinstance(arg.args[0].value, str):
        return arg.args[0].value
    if isinstance(arg, ast.Call) and arg.args and isinstance(arg.args[0], ast.Constant) \
            and isinstance(arg.args[0].value, str) and not arg.keywords and len(arg.args) == 1:
        name = arg.func.attr if isinstance(arg.func, ast.Attribute) else getattr(arg.func, "id", "")
        if name in ("col", "column"):
            return arg.args[0].value.rsplit(".", 1)[-1]
    if isinstance(arg, ast.Subscript) and isinstance(arg.slice, ast.Constant) and isinstance(arg.slice.value, str):
        return arg.slice.value
    return None


def _column_names(fn: "FunctionInfo", call: ast.Call) -> tuple[str, ...] | None:
    """The output column names, in order, of a ``select``/``toDF``/``selectExpr`` call, when all are known."""
    names: list[str] = []
    for arg in call.args:
        if isinstance(arg, ast.Starred):
            items = _literal_list(fn, arg.value)
            if items is None:
                return None
            for item in items:
                got = _column_name(fn, item)
                if got is None:
                    return None
                names.append(got)
            continue
        if isinstance(arg, (ast.List, ast.Tuple)) and len(call.args) == 1:
            items = list(arg.elts)
            for item in items:
                got = _column_name(fn, item)
                if got is None:
                    return None
                names.append(got)
            continue
        got = _column_name(fn, arg)
        if got is None:
            return None
        names.append(got)
    return tuple(names) if names and not call.keywords else None


def _literal_list(fn: "FunctionInfo", node: ast.expr) -> list[ast.expr] | None:
    if isinstance(node, (ast.List, ast.Tuple)):
        return list(node.elts)
    if isinstance(node, ast.Name):
        values = DataFrames.assignments(fn, node.id)
        if len(values) == 1 and isinstance(values[0], (ast.List, ast.Tuple)):
            return list(values[0].elts)
    return None


def _shape(fn: "FunctionInfo", node: ast.expr, depth: int = 0) -> str | None:
    """The column order ``node``'s last select/toDF pinned: its output names when every one is known
    (``select("id", F.col("name"))`` and ``select(F.col("uid").alias("id"), "name")`` both give ``id, name``),
    else the call's source (None: unknown)."""
    if depth > 5:
        return None
    if isinstance(node, ast.Name):
        values = DataFrames.assignments(fn, node.id)
        return _shape(fn, values[-1], depth + 1) if len(values) == 1 else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in SHAPING:
            names = _column_names(fn, node)
            if names is not None:
                return "columns(" + ", ".join(names) + ")"
            args = [ast.dump(a) for a in node.args] + [ast.dump(k) for k in node.keywords]
            if all(not isinstance(a, ast.Starred) or isinstance(a.value, (ast.Name, ast.Attribute)) for a in node.args):
                return f"{node.func.attr}({', '.join(args)})"
            return None
        if node.func.attr in ("filter", "where", "distinct", "limit", "cache", "persist", "repartition",
                              "coalesce", "orderBy", "sort", "sample", "alias", "dropDuplicates"):
            return _shape(fn, node.func.value, depth + 1)
    return None


def _is_reduce(index: "RepoIndex", module: "ModuleInfo", node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and 2 <= len(node.args) <= 3 and not node.keywords
            and (index.resolve(module, node.func) or "") in ("functools.reduce", "reduce"))


def _elements_are_df(fn: "FunctionInfo", node: ast.expr, frames: DataFrames, depth: int = 0) -> bool:
    """``node`` is a collection (list, tuple, comprehension, a name bound to one, a parameter the
    callers fill with one) whose elements are DataFrames."""
    if depth > 4:
        return False
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return any(_elements_are_df(fn, e.value, frames, depth + 1) if isinstance(e, ast.Starred)
                   else frames.is_df(fn, e) for e in node.elts)
    if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        return frames.is_df(fn, node.elt)
    if isinstance(node, ast.Call):
        target = frames.index.resolve_call(frames.index.module_of(fn), node, fn.class_name)
        if target is not None:
            return any(isinstance(r, ast.Return) and r.value is not None
                       and _elements_are_df(target, r.value, frames, depth + 1) for r in walk_tree(target.node))
        return False
    if not isinstance(node, ast.Name):
        return False
    if any(frames.is_df(fn, c.args[0]) for c in walk_tree(fn.node)  # frames.append(df)
           if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == "append"
           and isinstance(c.func.value, ast.Name) and c.func.value.id == node.id and len(c.args) == 1):
        return True
    if any(_elements_are_df(fn, v, frames, depth + 1) for v in DataFrames.assignments(fn, node.id)):
        return True
    params = DataFrames.params(fn)
    if node.id not in params:
        return False
    position = params.index(node.id) - (1 if fn.class_name else 0)
    for caller, call in frames.index.callers(fn):
        arg = next((kw.value for kw in call.keywords if kw.arg == node.id), None)
        if arg is None and 0 <= position < len(call.args) and not any(
                isinstance(a, ast.Starred) for a in call.args[: position + 1]):
            arg = call.args[position]
        if arg is not None and _elements_are_df(caller, arg, frames, depth + 1):
            return True
    return False


def reduced_unions(index: "RepoIndex", fn: "FunctionInfo", frames: DataFrames) -> Iterator[tuple[ast.AST, ast.Call]]:
    """``(union node, reduce call)`` for ``reduce(lambda a, b: a.union(b), dfs)`` and
    ``reduce(DataFrame.unionAll, dfs)`` over DataFrames: the union node is the lambda's call or the
    method reference."""
    module = index.module_of(fn)
    for node in walk_tree(fn.node):
        if not _is_reduce(index, module, node):
            continue
        func, items = node.args[0], node.args[1]
        if isinstance(func, ast.Attribute) and func.attr in UNIONS:
            dotted = index.resolve(module, func) or ""
            if dotted.startswith("pyspark.") or _elements_are_df(fn, items, frames):
                yield func, node
        elif isinstance(func, ast.Lambda) and len(func.args.args) == 2:
            a, b = (x.arg for x in func.args.args)
            for call in walk_tree(func.body):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr in UNIONS and len(call.args) == 1 and not call.keywords
                        and {getattr(call.func.value, "id", None), getattr(call.args[0], "id", None)} == {a, b}
                        and _elements_are_df(fn, items, frames)):
                    yield call, node


def _element_exprs(fn: "FunctionInfo", node: ast.expr) -> list[ast.expr] | None:
    """The expressions a collection of frames is built from (list/tuple literals and comprehensions, through a
    name assigned and extended with ``+=``), or None when one is not such a literal."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return None if any(isinstance(e, ast.Starred) for e in node.elts) else list(node.elts)
    if isinstance(node, (ast.ListComp, ast.GeneratorExp)):
        return [node.elt]
    if isinstance(node, ast.Name):
        values = [n.value for n in walk_tree(fn.node) if isinstance(n, (ast.Assign, ast.AugAssign))
                  and any(isinstance(t, ast.Name) and t.id == node.id
                          for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
        if not values or any(isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr in
                             ("append", "extend", "insert") and isinstance(c.func.value, ast.Name)
                             and c.func.value.id == node.id for c in walk_tree(fn.node)):
            return None
        out: list[ast.expr] = []
        for v in values:
            got = _element_exprs(fn, v) if not isinstance(v, ast.Name) else None
            if got is None:
                return None
            out += got
        return out
    return None


def _same_shapes(fn: "FunctionInfo", items: ast.expr) -> bool:
    """Every frame of the reduced collection ends in the same ``select`` (``[load(p).select(*COLUMNS) ...]``)."""
    elements = _element_exprs(fn, items)
    shapes = {_shape(fn, e) for e in elements} if elements else {None}
    return len(shapes) == 1 and None not in shapes


def union_calls(index: "RepoIndex", fn: "FunctionInfo", frames: DataFrames) -> Iterator[ast.AST]:
    """Positional unions of DataFrames in ``fn`` whose operands' column order is not pinned alike:
    ``a.union(b)`` calls, and the union of a ``reduce`` over DataFrames (a call or a method reference)."""
    chained = {id(node.value) for node in walk_tree(fn.node)
               if isinstance(node, ast.Attribute) and node.attr in DF_ONLY}
    reduced = {id(u) for u, _ in reduced_unions(index, fn, frames)}
    aligned = {id(u) for u, call in reduced_unions(index, fn, frames) if _same_shapes(fn, call.args[1])}
    for node in walk_tree(fn.node):
        if id(node) in aligned:
            continue  # every frame reduced was shaped by the same select
        if id(node) in reduced and isinstance(node, ast.Attribute):
            yield node
            continue
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in UNIONS
                and len(node.args) == 1 and not node.keywords):
            continue
        left, right = node.func.value, node.args[0]
        if not (id(node) in chained or id(node) in reduced or frames.is_df(fn, left) or frames.is_df(fn, right)):
            continue
        shape = _shape(fn, left)
        if shape is not None and shape == _shape(fn, right):
            continue  # both sides select the same columns in the same order
        shape = _flow_shape(index, fn, left)
        if shape is not None and shape == _flow_shape(index, fn, right):
            continue  # every caller hands in frames that one helper's select shaped alike
        yield node


def _flow_shape(index: "RepoIndex", fn: "FunctionInfo", node: ast.expr, depth: int = 0) -> str | None:
    """:func:`_shape` across functions: a call of a project function has the shape of what it returns
    (``return _lift_hours(df)`` -> that helper's ``select``), a parameter the shape every project caller
    passes in. None when unknown or when callers differ."""
    if depth > 4:
        return None
    shape = _shape(fn, node)
    if shape is not None:
        return shape
    if isinstance(node, ast.Name):
        values = DataFrames.assignments(fn, node.id)
        if len(values) == 1:
            return _flow_shape(index, fn, values[0], depth + 1)
        if values or node.id not in DataFrames.params(fn):
            return None
        return _passed_shape(index, fn, node.id, depth + 1)
    if isinstance(node, ast.Call):
        callee = next((c for c, call in index.callees(fn) if call is node), None)
        if callee is None:
            return None
        shapes = {_flow_shape(index, callee, r.value, depth + 1) for r in walk_body(callee.node)
                  if isinstance(r, ast.Return) and r.value is not None}
        return shapes.pop() if len(shapes) == 1 and None not in shapes else None
    return None


def _passed_shape(index: "RepoIndex", fn: "FunctionInfo", param: str, depth: int) -> str | None:
    """The one shape every (non-test) project caller gives the parameter ``param`` of ``fn``."""
    shapes: set[str | None] = set()
    for caller, call in index.callers(fn):
        if is_test_file(caller.file):
            continue
        arg = passed_argument(fn, call, param)
        shapes.add(_flow_shape(index, caller, arg, depth) if arg is not None else None)
    return shapes.pop() if len(shapes) == 1 and None not in shapes else None


class UnionByPosition(Rule):
    """DataFrame `union` matches columns by position.

    ## What it does
    Finds `df.union(other)` and `df.unionAll(other)` on PySpark DataFrames (a value read with
    `spark.read`, built by `select`/`withColumn`/..., returned by a project function that builds one,
    or a parameter used or passed as one), unless both sides were shaped by the same `select(...)`.
    Django's `QuerySet.union` and `set.union` are told apart and left alone.

    ## Why is this bad?
    `union` is SQL `UNION ALL`: the second DataFrame's first column goes into the first column,
    whatever its name. When one input's column order changes (a CSV export whose header was
    reordered, a JSON source mapped in another order), the job keeps running without an error and
    writes album ids into `user_id`. Same-typed columns make it silent.

    ## Example
    ```python
    def combine_uploads(web, mobile):
        return web.union(mobile).dropDuplicates(["upload_id"])
    ```

    ## Use instead
    ```python
    def combine_uploads(web, mobile):
        return web.unionByName(mobile).dropDuplicates(["upload_id"])
    ```

    ## Fix safety
    Unsafe: `unionByName` raises `AnalysisException` when the two sides do not have the same column
    names, where `union` silently combined them by position. That failure is usually the bug showing
    itself; pass `allowMissingColumns=True` only where missing columns are meant to be null.
    """

    code = "SPK101"
    name = "union-by-position"
    bug_class = "P1"
    component_types = ("pyspark-job",)
    #: Spark code wherever it runs: a job a command hands a session built elsewhere is no pyspark-job component
    scope = "all"
    #: every finding is in (or called from) a module importing pyspark
    requires = ("pyspark",)
    fix_safety = "unsafe"

    VALID = (
        Example(  # both sides come from callers that shape them with one helper's select
            path="lifts/jobs.py",
            code=(
                "from pyspark.sql import functions as F\n\n\n"
                "def _lift_hours(df):\n"
                "    return df.select(F.col('lift_id').cast('long').alias('lift_id'), F.col('rides').alias('rides'))\n\n\n"
                "def gate_rides(scans):\n"
                "    return _lift_hours(scans.groupBy('lift_id').agg(F.count('*').alias('rides')))\n\n\n"
                "def manual_rides(spark, rows):\n"
                "    return _lift_hours(spark.createDataFrame(rows, 'lift_id long, rides long'))\n\n\n"
                "def combine(gate, manual):\n"
                "    return gate.union(manual)\n\n\n"
                "def run(spark, scans, rows):\n"
                "    return combine(gate_rides(scans), manual_rides(spark, rows)).collect()\n"
            ),
        ),
        Example(  # every frame reduced ends in the same select
            path="shop/jobs/combine.py",
            code=(
                "from functools import reduce\n\n"
                "from pyspark.sql import DataFrame, SparkSession\n\n"
                "COLUMNS = ['id', 'email']\n\n\n"
                "def combine(spark, old_paths, new_paths):\n"
                "    frames = [spark.read.parquet(p).select(*COLUMNS) for p in old_paths]\n"
                "    frames += [spark.read.json(p).select(*COLUMNS) for p in new_paths]\n"
                "    return reduce(DataFrame.union, frames)\n"
            ),
        ),
        Example(
            path="analytics/jobs/album_usage.py",
            code=(
                "from pyspark.sql import functions as F\n\n"
                "USAGE_COLUMNS = ['album_id', 'user_id', 'bytes']\n\n\n"
                "def album_usage(spark, web_path, mobile_path):\n"
                "    web = spark.read.parquet(web_path).select(*USAGE_COLUMNS)\n"
                "    mobile = spark.read.json(mobile_path).select(*USAGE_COLUMNS)\n"
                "    return web.union(mobile).groupBy('album_id').agg(F.sum('bytes'))\n"
            ),
        ),
        Example(  # each side ends in a select of the same columns, in the same order, however spelt
            path="analytics/jobs/contacts.py",
            code=(
                "from pyspark.sql import functions as F\n\n\n"
                "def contacts(spark, crm_path, shop_path):\n"
                "    crm = spark.read.parquet(crm_path).select('id', F.col('email'), 'created')\n"
                "    shop = (spark.read.json(shop_path)\n"
                "            .select(F.col('customer_id').alias('id'), 'email', F.col('t.created'))\n"
                "            .filter(F.col('email').isNotNull()))\n"
                "    return crm.union(shop)\n"
            ),
        ),
        Example(  # Django querysets and sets have a union too
            path="photos/views.py",
            code=(
                "from photos.models import Album\n\n\n"
                "def visible_albums(user):\n"
                "    own = Album.objects.filter(owner=user)\n"
                "    shared = Album.objects.filter(shared_with=user)\n"
                "    tags = set(own.values_list('tag', flat=True)).union({'favorites'})\n"
                "    return own.union(shared).order_by('-created_at'), tags\n"
            ),
        ),
        Example(
            path="etl/merge.py",
            code=(
                "def merge_events(left, right):\n"
                "    return left.unionByName(right, allowMissingColumns=True)\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="analytics/jobs/upload_stats.py",
            code=(
                "from pyspark.sql import functions as F\n\n\n"
                "def load_web_uploads(spark, path):\n"
                "    return spark.read.option('header', True).csv(path).withColumn('source', F.lit('web'))\n\n\n"
                "def combine_uploads(web, mobile):\n"
                "    \"\"\"All uploads of the day, web and mobile.\"\"\"\n"
                "    return web.union(mobile).dropDuplicates(['upload_id'])\n"
            ),
            fixed=(
                "from pyspark.sql import functions as F\n\n\n"
                "def load_web_uploads(spark, path):\n"
                "    return spark.read.option('header', True).csv(path).withColumn('source', F.lit('web'))\n\n\n"
                "def combine_uploads(web, mobile):\n"
                "    \"\"\"All uploads of the day, web and mobile.\"\"\"\n"
                "    return web.unionByName(mobile).dropDuplicates(['upload_id'])\n"
            ),
        ),
        Example(
            path="billing/spark_jobs.py",
            files=(("billing/io.py",
                    "def read_invoices(session, path):\n"
                    "    return session.read.parquet(path)\n"),),
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from billing.io import read_invoices\n\n\n"
                "def all_invoices(eu_path, us_path):\n"
                "    session = SparkSession.builder.getOrCreate()\n"
                "    eu = read_invoices(session, eu_path)\n"
                "    us = read_invoices(session, us_path)\n"
                "    return eu.unionAll(us)\n"
            ),
            fixed=(
                "from pyspark.sql import SparkSession\n\n"
                "from billing.io import read_invoices\n\n\n"
                "def all_invoices(eu_path, us_path):\n"
                "    session = SparkSession.builder.getOrCreate()\n"
                "    eu = read_invoices(session, eu_path)\n"
                "    us = read_invoices(session, us_path)\n"
                "    return eu.unionByName(us)\n"
            ),
        ),
        Example(  # a reduce over the channels' DataFrames
            path="analytics/jobs/sku_revenue.py",
            code=(
                "from functools import reduce\n\n"
                "from pyspark.sql import DataFrame\n\n\n"
                "def load(spark, path):\n"
                "    return spark.read.parquet(path)\n\n\n"
                "def all_sales(frames):\n"
                "    return reduce(lambda left, right: left.unionAll(right), frames)\n\n\n"
                "def all_returns(spark, paths):\n"
                "    return reduce(DataFrame.union, [load(spark, p) for p in paths])\n\n\n"
                "def run(spark, till, web):\n"
                "    return all_sales([load(spark, till), load(spark, web)])\n"
            ),
            fixed=(
                "from functools import reduce\n\n"
                "from pyspark.sql import DataFrame\n\n\n"
                "def load(spark, path):\n"
                "    return spark.read.parquet(path)\n\n\n"
                "def all_sales(frames):\n"
                "    return reduce(lambda left, right: left.unionByName(right), frames)\n\n\n"
                "def all_returns(spark, paths):\n"
                "    return reduce(DataFrame.unionByName, [load(spark, p) for p in paths])\n\n\n"
                "def run(spark, till, web):\n"
                "    return all_sales([load(spark, till), load(spark, web)])\n"
            ),
            count=2,
        ),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        if not any(imports_pyspark(m) for m in ctx.index.modules.values()):
            return
        frames = DataFrames(ctx.index)
        for fn in spark_functions(ctx):  # module bodies of spark-submit scripts too
            if any(n.attr in UNIONS for n in walk_tree(fn.node) if isinstance(n, ast.Attribute)):
                for call in union_calls(ctx.index, fn, frames):
                    attr = call.func.attr if isinstance(call, ast.Call) else call.attr
                    yield self.finding(fn, call, (
                        f"DataFrame.{attr}() matches columns by position: when one side's column order "
                        "differs, values land in the wrong columns without an error; use unionByName()"))

    def _target(self, index: "RepoIndex", finding: Finding) -> tuple["ModuleInfo", "FunctionInfo", ast.AST] | None:
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        fn = index.enclosing_function(finding.file, finding.line) or module_body(module)
        for call in union_calls(index, fn, DataFrames(index)):
            if call.lineno == finding.line and call.col_offset == finding.col:
                return module, fn, call
        return None

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None:
            return None
        module, _, call = target
        attr = call.func if isinstance(call, ast.Call) else call
        _, end = node_span(module.source, attr)
        start = end - len(attr.attr)
        if module.source[start:end] != attr.attr:
            return None
        new = module.source[:start] + "unionByName" + module.source[end:]
        ast.parse(new)
        return Patch(changes=(FileChange(finding.file, module.source, new),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | FirstOf | None:
        """Two small DataFrames with the same columns in different orders go through the function; every value
        must come out in the column it went in with. Else, when the function reads its inputs itself, the
        project's tests that run it, replayed with every second read's columns reversed, must still pass."""
        target = self._target(index, finding)
        if target is None:
            return None
        _, fn, _ = target
        specs = [spec for spec in (self._direct(index, finding), self._reads_reordered(index, fn)) if spec is not None]
        return FirstOf(tuple(specs)) if len(specs) > 1 else (specs[0] if specs else None)

    @staticmethod
    def _reads_reordered(index: "RepoIndex", fn: "FunctionInfo") -> DirectTest | None:
        reads = {"csv", "json", "parquet", "orc", "load", "table"}

        def reads_itself(f: "FunctionInfo") -> bool:
            return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in reads
                       for n in walk_tree(f.node))
        # the read may sit in a helper it calls (``read_export(spark, path)`` per resort)
        if not fn.symbol or not (reads_itself(fn) or any(reads_itself(f) for f, _ in index.reachable(fn, 2))):
            return None
        return oracles.owner_replay(
            index, fn, ("spk101_reads_in_any_column_order_head", "spk101_reads_in_any_column_order"),
            "_columns_reordered", "with_columns_reordered")

    def _direct(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        target = self._target(index, finding)
        if target is None:
            return None
        module, fn, call = target
        if fn.class_name or not fn.symbol:  # a method, or a script body: nothing to import
            return None
        params = DataFrames.params(fn)
        a = fn.node.args
        required = [p.arg for p in [*a.posonlyargs, *a.args]][: len(a.posonlyargs) + len(a.args) - len(a.defaults)]
        reduce_call = next((r for u, r in reduced_unions(index, fn, DataFrames(index)) if u is call), None)
        if reduce_call is not None:
            # reduce(union, frames): the function takes the DataFrames as one collection
            items = reduce_call.args[1]
            if not (isinstance(items, ast.Name) and items.id in params) or set(required) - {items.id}:
                return None
            if any(d is None for d in a.kw_defaults):
                return None
            left_name, right_name = "first", "second"
            call_args = f"[{left_name}, {right_name}]" if items.id in required else f"{items.id}=[{left_name}, {right_name}]"
        else:
            left, right = call.func.value, call.args[0]
            if not (isinstance(left, ast.Name) and isinstance(right, ast.Name) and left.id in params
                    and right.id in params and left.id != right.id):
                return None
            if set(required) - {left.id, right.id} or any(d is None for d in a.kw_defaults):
                return None
            left_name, right_name = left.id, right.id
            call_args = f"{left.id}, {right.id}"
        columns = _columns(index, module, fn)
        if len(columns) < 2:
            return None
        spark_fixture = _spark_fixture(index)  # the project's own SparkSession fixture, else a local one
        parts = ("spk101_columns_by_name_head", *(() if spark_fixture else ("spark_session_fixture",)),
                 "spk101_columns_by_name")
        return DirectTest(fn.symbol, fn.file, parts, dict(
            name=fn.symbol, mod=_dotted(fn.module), columns_repr=repr(columns), spark=spark_fixture or "spark",
            left=left_name, right=right_name, args=call_args))


def _dotted(module: str) -> str:
    return module[4:] if module.startswith("src.") else module


def _string_list(index: "RepoIndex", module: "ModuleInfo", node: ast.expr) -> list[str] | None:
    """Column names of a literal list/tuple of strings or a ``StructType([StructField("x", ...), ...])``."""
    if isinstance(node, (ast.List, ast.Tuple)):
        if node.elts and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            return [e.value for e in node.elts]
        names = []
        for e in node.elts:
            if (isinstance(e, ast.Call) and (index.resolve(module, e.func) or "").endswith("StructField")
                    and e.args and isinstance(e.args[0], ast.Constant) and isinstance(e.args[0].value, str)):
                names.append(e.args[0].value)
            else:
                return None
        return names or None
    if isinstance(node, ast.Call) and (index.resolve(module, node.func) or "").endswith("StructType") and node.args:
        return _string_list(index, module, node.args[0])
    return None


def _columns(index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo") -> list[str]:
    """The columns the test DataFrames get: a column list / schema of the module holding every string
    the function uses as a column name, else those strings themselves."""
    used: list[str] = []
    for node in walk_tree(fn.node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
            if node.value not in used and not _is_docstring(fn, node):
                used.append(node.value)
    candidates = []
    for value in module.assignments.values():
        names = _string_list(index, module, value)
        if names and all(u in names for u in used):
            candidates.append(names)
    if candidates:
        return max(candidates, key=len)
    extra = [c for c in ("event_id", "account_id", "label") if c not in used]
    return used + extra[: max(0, 3 - len(used))]


def _is_docstring(fn: "FunctionInfo", node: ast.AST) -> bool:
    body = fn.node.body
    return bool(body) and isinstance(body[0], ast.Expr) and body[0].value is node


def _spark_fixture(index: "RepoIndex") -> str | None:
    """The name of a pytest fixture of the project's conftest files that builds a SparkSession."""
    name, own = oracles.spark_fixture(index)
    return None if own else name
