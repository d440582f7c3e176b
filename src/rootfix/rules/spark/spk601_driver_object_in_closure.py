"""SPK601: SparkSession / SparkContext / DataFrame captured in an executor closure (driver state mutated there: SPK602)."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.spark._dataframes import DataFrames, imports_pyspark
from rootfix.rules.spark._lib.executors import spark_functions
from rootfix.types import Finding
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

EXECUTOR_METHODS = frozenset({"map", "flatMap", "foreach", "foreachPartition", "mapPartitions",
                              "mapPartitionsWithIndex", "filter", "reduce", "mapValues", "flatMapValues",
                              "reduceByKey", "aggregateByKey", "combineByKey", "keyBy", "sortBy", "groupBy"})
FOREACH = frozenset({"foreach", "foreachPartition"})
UDF_NAMES = frozenset({"pyspark.sql.functions.udf", "pyspark.sql.functions.pandas_udf"})
RDD_SOURCES = frozenset({"parallelize", "textFile", "wholeTextFiles", "rdd", "range"})
SAFE_RESULTS = frozenset({"broadcast", "accumulator", "collect", "count", "first", "take", "head",
                          "toPandas", "collectAsMap", "toLocalIterator"})


def _is_rdd(frames: DataFrames, fn: "FunctionInfo", node: ast.expr) -> bool:
    """An RDD or DataFrame receiver: ``df.rdd``, ``sc.parallelize(...)``, a DataFrame, or a chain of those."""
    cur = node
    while isinstance(cur, (ast.Attribute, ast.Call)):
        if isinstance(cur, ast.Attribute):
            if cur.attr in RDD_SOURCES:
                return True
            cur = cur.value
        else:
            cur = cur.func
    return frames.is_df(fn, node)


class _Driver:
    """Names of one function that hold driver-only objects (session, context, DataFrames)."""

    def __init__(self, index: "RepoIndex", frames: DataFrames, fn: "FunctionInfo") -> None:
        self.names: dict[str, str] = {}
        module = index.module_of(fn)
        for node in walk_tree(fn.node):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        kind = self._kind(index, module, frames, fn, node.value)
                        if kind:
                            self.names[target.id] = kind
        for name in DataFrames.params(fn):
            if "spark" in name.lower() and imports_pyspark(module):
                self.names[name] = "SparkSession"
            elif name == "sc" and imports_pyspark(module):
                self.names[name] = "SparkContext"
            elif frames.param_is_df(fn, name):
                self.names[name] = "DataFrame"
        for name, value in module.assignments.items():  # module-level sessions captured by functions
            kind = self._kind(index, module, frames, None, value)
            if kind and kind != "DataFrame":
                self.names.setdefault(name, kind)

    @staticmethod
    def _kind(index: "RepoIndex", module: "ModuleInfo", frames: DataFrames, fn: "FunctionInfo | None",
              value: ast.expr) -> str | None:
        if isinstance(value, ast.Attribute) and value.attr == "sparkContext":
            return "SparkContext"
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in SAFE_RESULTS:
            return None  # broadcast / accumulator / collected data: meant for executors
        chain = value.func if isinstance(value, ast.Call) else value
        while isinstance(chain, (ast.Attribute, ast.Call)):  # the call chain only, not its arguments
            if isinstance(chain, (ast.Name, ast.Attribute)):
                dotted = index.resolve(module, chain) or ""
                if dotted.startswith(("pyspark.sql.SparkSession", "pyspark.sql.session.SparkSession")):
                    return "SparkSession"
                if dotted in ("pyspark.SparkContext", "pyspark.context.SparkContext"):
                    return "SparkContext"
            chain = chain.value if isinstance(chain, ast.Attribute) else chain.func
        if isinstance(chain, ast.Name):
            dotted = index.resolve(module, chain) or ""
            if dotted in ("pyspark.SparkContext", "pyspark.context.SparkContext"):
                return "SparkContext"
        if fn is not None and frames.is_df(fn, value):
            return "DataFrame"
        return None


def _local_names(fn: ast.AST) -> set[str]:
    names = set()
    if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        a = fn.args
        names |= {p.arg for p in [*a.posonlyargs, *a.args, *a.kwonlyargs]}
        names |= {p.arg for p in (a.vararg, a.kwarg) if p}
    for node in walk_tree(fn):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


class DriverObjectInClosure(Rule):
    """Driver-only object used inside code that runs on executors.

    ## What it does
    Finds functions and lambdas passed to `rdd.map/flatMap/filter/foreach/foreachPartition/
    mapPartitions/...`, `df.foreach/foreachPartition`, or wrapped by `udf`/`pandas_udf`, that
    use a SparkSession, SparkContext or DataFrame of the driver. (Driver variables mutated in such
    code are SPK602's.)

    ## Why is this bad?
    These functions are pickled and run in executor processes. A SparkSession, SparkContext or
    DataFrame cannot be used there: the job fails with "It appears that you are attempting to
    reference SparkContext from a broadcast variable, action, or transformation" (SPARK-5063), or
    with a pickling error.

    ## Example
    ```python
    def flag_suspicious(spark, events):
        blocked = spark.table("blocked_ips")
        return events.rdd.filter(lambda e: blocked.filter(blocked.ip == e.ip).count() > 0)
    ```

    ## Use instead
    ```python
    def flag_suspicious(spark, events):
        blocked = spark.table("blocked_ips")
        return events.join(blocked, "ip", "left_semi")
    ```
    Join or broadcast the *data* (`sc.broadcast(set(...))`) instead of the DataFrame.

    ## Fix safety
    No automatic fix: the rewrite (a join, a broadcast, an accumulator) depends on the job.
    """

    code = "SPK601"
    name = "driver-object-in-closure"
    bug_class = "P6"
    component_types = ("pyspark-job",)
    #: Spark code wherever it runs: a job a command hands a session built elsewhere is no pyspark-job component
    scope = "all"
    #: every finding is in (or called from) a module importing pyspark
    requires = ("pyspark",)
    fix_safety = None

    VALID = (
        Example(
            path="fraud/jobs/flag.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def flag_suspicious(spark, events):\n"
                "    blocked = set(r.ip for r in spark.table('blocked_ips').collect())\n"
                "    blocked_b = spark.sparkContext.broadcast(blocked)\n"
                "    hits = spark.sparkContext.accumulator(0)\n"
                "    def count(row):\n"
                "        if row.ip in blocked_b.value:\n"
                "            hits.add(1)\n"
                "    events.foreach(count)\n"
                "    return events.rdd.filter(lambda e: e.ip in blocked_b.value), hits.value\n"
            ),
        ),
        Example(  # pandas' Series.map is not a Spark closure
            path="reports/export.py",
            code=(
                "import pandas as pd\n"
                "from pyspark.sql import SparkSession\n\n\n"
                "def to_report(spark, df):\n"
                "    frame = df.toPandas()\n"
                "    return frame['country'].map(lambda c: spark.conf.get('x') + c)\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="fraud/jobs/flag.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def flag_suspicious(spark, events):\n"
                "    blocked = spark.table('blocked_ips')\n"
                "    return events.rdd.filter(lambda e: blocked.filter(blocked.ip == e.ip).count() > 0)\n"
            ),
        ),
        Example(
            path="media/jobs/thumbnails.py",
            code=(
                "from pyspark.sql import SparkSession, functions as F\n\n"
                "spark = SparkSession.builder.appName('thumbs').getOrCreate()\n\n\n"
                "@F.udf('string')\n"
                "def owner_name(user_id):\n"
                "    return spark.table('users').filter(F.col('id') == user_id).first().name\n\n\n"
                "def failed_uploads(uploads):\n"
                "    failed = []\n"
                "    def check(row):\n"
                "        if row.status == 'failed':\n"
                "            failed.append(row.upload_id)\n"
                "    uploads.foreach(check)\n"
                "    return failed\n"
            ),
            count=1,  # the foreach mutating `failed` is SPK602's, not reported twice
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        frames = DataFrames(ctx.index)
        for fn in spark_functions(ctx):  # module bodies of spark-submit scripts too
            module = ctx.index.by_path.get(fn.file) or ctx.index.module_of(fn)
            if not imports_pyspark(module) or fn.class_name and fn.symbol.count(".") > 1:
                continue
            yield from self._check_function(ctx.index, module, frames, fn)

    def _closures(self, index: "RepoIndex", module: "ModuleInfo", frames: DataFrames,
                  fn: "FunctionInfo") -> Iterator[tuple[ast.AST, ast.AST, str]]:
        """(closure, where to report, how it is run) for executor code defined or used in ``fn``."""
        nested = {n.name: n for n in walk_tree(fn.node)
                  if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not fn.node}
        for deco in fn.node.decorator_list:  # @udf on the function itself
            target = deco.func if isinstance(deco, ast.Call) else deco
            if (index.resolve(module, target) or "") in UDF_NAMES:
                yield fn.node, fn.node, "udf"
        for node in walk_tree(fn.node):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            how = None
            # the receiver must be an RDD or DataFrame: other objects have .foreach/.map too
            # (pyspark's own Expression.foreach, pandas, iterators)
            if isinstance(func, ast.Attribute) and func.attr in EXECUTOR_METHODS and (
                    _is_rdd(frames, fn, func.value)
                    # foreach is an action: a parameter it is called on is a DataFrame/RDD handed in
                    or (func.attr in FOREACH and isinstance(func.value, ast.Name)
                        and func.value.id in frames.params(fn) and imports_pyspark(module))):
                how = func.attr
            elif (index.resolve(module, func) or "") in UDF_NAMES:
                how = "udf"
            if how is None:
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Lambda):
                yield arg, arg, how
            elif isinstance(arg, ast.Name) and arg.id in nested:
                yield nested[arg.id], node, how

    def _check_function(self, index: "RepoIndex", module: "ModuleInfo", frames: DataFrames,
                        fn: "FunctionInfo") -> Iterator[Finding]:
        driver = _Driver(index, frames, fn)
        seen: set[tuple[int, int]] = set()
        for closure, at, how in self._closures(index, module, frames, fn):
            local = _local_names(closure)
            for node in walk_tree(closure):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in driver.names \
                        and node.id not in local:
                    key = (at.lineno, at.col_offset)
                    if key not in seen:
                        seen.add(key)
                        yield self.finding(fn, at, (
                            f"`{node.id}` ({driver.names[node.id]}) is used inside code run on executors ({how}): "
                            "driver objects cannot be used there; join or broadcast the data instead"))
                    break
