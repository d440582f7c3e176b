"""SPK201: ``groupByKey()`` followed by a per-key sum/count/max/min, where ``reduceByKey`` suffices."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.spark._lib import edits
from rootfix.rules.spark._lib.executors import module_body, spark_functions
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

REDUCERS = frozenset({"sum", "len", "max", "min"})
#: what ``reduceByKey`` gets for each reducer (``len`` first maps every value to 1)
REDUCE_WITH = {"sum": "lambda a, b: a + b", "len": "lambda a, b: a + b", "max": "max", "min": "min"}


@dataclass(frozen=True)
class GroupThenReduce:
    call: ast.Call  # the mapValues / map call whose receiver is ``<rdd>.groupByKey(...)``
    group: ast.Call  # the groupByKey call
    reducer: str  # sum | len | max | min


def _builtin(module: "ModuleInfo", fn: "FunctionInfo", name: str) -> bool:
    """``name`` is the builtin: not imported, defined or assigned in the module or the function."""
    if name in module.imports or name in module.functions or name in module.assignments:
        return False
    return not any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
                   for n in walk_tree(fn.node))


def _reducer_of(values: ast.expr, expr: ast.expr) -> str | None:
    """``sum(values)`` / ``len(values)`` / ``len(list(values))`` -> the reducer's name."""
    if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in REDUCERS
            and len(expr.args) == 1 and not expr.keywords):
        return None
    arg = expr.args[0]
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in ("list", "tuple") \
            and len(arg.args) == 1 and not arg.keywords:
        arg = arg.args[0]
    return expr.func.id if ast.dump(arg) == ast.dump(values) else None


def _reducer(module: "ModuleInfo", fn: "FunctionInfo", how: str, func: ast.expr) -> str | None:
    if how == "mapValues":
        if isinstance(func, ast.Name) and func.id in REDUCERS:
            return func.id if _builtin(module, fn, func.id) else None
        if isinstance(func, ast.Lambda) and len(func.args.args) == 1 and not func.args.vararg:
            found = _reducer_of(ast.Name(func.args.args[0].arg, ast.Load()), func.body)
            return found if found and _builtin(module, fn, found) else None
        return None
    # map(lambda kv: (kv[0], sum(kv[1])))
    if not (isinstance(func, ast.Lambda) and len(func.args.args) == 1 and isinstance(func.body, ast.Tuple)
            and len(func.body.elts) == 2):
        return None
    kv = func.args.args[0].arg
    key, value = func.body.elts

    def item(node: ast.expr, i: int) -> bool:
        return isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == kv \
            and isinstance(node.slice, ast.Constant) and node.slice.value == i

    if not item(key, 0):
        return None
    inner = value
    if not (isinstance(inner, ast.Call) and inner.args):
        return None
    arg = inner.args[0]
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in ("list", "tuple") and arg.args:
        arg = arg.args[0]
    if not item(arg, 1):
        return None
    found = _reducer_of(arg, inner)
    return found if found and _builtin(module, fn, found) else None


def group_then_reduce(index: "RepoIndex", fn: "FunctionInfo") -> Iterator[GroupThenReduce]:
    module = index.by_path.get(fn.file) or index.module_of(fn)
    for node in walk_tree(fn.node):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("mapValues", "map") and len(node.args) == 1 and not node.keywords):
            continue
        group = node.func.value
        if not (isinstance(group, ast.Call) and isinstance(group.func, ast.Attribute)
                and group.func.attr == "groupByKey"):
            continue
        reducer = _reducer(module, fn, node.func.attr, node.args[0])
        if reducer is not None:
            yield GroupThenReduce(node, group, reducer)


class GroupByKeyReduce(Rule):
    """`groupByKey()` only to sum, count, or take the max/min of each key's values.

    ## What it does
    Finds `rdd.groupByKey().mapValues(sum)` (also `len`, `max`, `min`, a lambda calling one of them on the values,
    or `.map(lambda kv: (kv[0], sum(kv[1])))`) in Spark jobs, their helpers and `spark-submit` scripts.

    ## Why is this bad?
    `groupByKey` ships every value of a key across the network and materializes them all in one executor's
    memory before the sum runs. A hot key (one customer, one depot, `None`) makes one task hold millions of
    values: the stage crawls or the executor dies with `OutOfMemoryError` while the others sit idle.
    `reduceByKey` combines values on each partition first (a map-side combine), so only one partial result per
    key and partition is shuffled.

    ## Example
    ```python
    totals = payments.rdd.map(lambda p: (p.merchant_id, p.amount)).groupByKey().mapValues(sum)
    ```

    ## Use instead
    ```python
    totals = payments.rdd.map(lambda p: (p.merchant_id, p.amount)).reduceByKey(lambda a, b: a + b)
    ```

    ## Fix safety
    Unsafe: `sum` becomes `reduceByKey(lambda a, b: a + b)`, `len` becomes `mapValues(lambda _: 1)` and the
    same reduce, `max`/`min` become `reduceByKey(max)` / `reduceByKey(min)`; `groupByKey`'s partitioning
    arguments are kept. For integers the result is the same; floating-point sums are added in another order
    (last-digit differences), and values `sum()` rejects (strings, lists) are now concatenated instead of
    raising.
    """

    code = "SPK201"
    name = "group-by-key-reduce"
    bug_class = "P2"
    component_types = ("pyspark-job",)
    #: Spark code wherever it runs: a job a command hands a session built elsewhere is no pyspark-job component
    scope = "all"
    fix_safety = "unsafe"

    VALID = (
        Example(  # reduceByKey, and groupByKey whose values are really needed together
            path="shop/jobs/totals.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def totals(spark):\n"
                "    pairs = spark.table('payments').rdd.map(lambda p: (p.merchant_id, p.amount))\n"
                "    by_merchant = pairs.reduceByKey(lambda a, b: a + b)\n"
                "    sessions = pairs.groupByKey().mapValues(sorted)\n"
                "    medians = pairs.groupByKey().mapValues(lambda vs: sorted(vs)[len(vs) // 2])\n"
                "    return by_merchant, sessions, medians\n"
            ),
        ),
        Example(  # a project function called sum is not the builtin
            path="shop/jobs/money.py",
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from shop.money import sum\n\n\n"
                "def totals(spark):\n"
                "    pairs = spark.table('payments').rdd.map(lambda p: (p.merchant_id, p.amount))\n"
                "    return pairs.groupByKey().mapValues(sum)\n"
            ),
            files=(("shop/money.py", "def sum(values):\n    return round(__builtins__['sum'](values), 2)\n"),),
        ),
    )
    INVALID = (
        Example(
            path="shop/jobs/totals.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def totals(spark):\n"
                "    pairs = spark.table('payments').rdd.map(lambda p: (p.merchant_id, p.amount))\n"
                "    return pairs.groupByKey().mapValues(sum)\n"
            ),
            fixed=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def totals(spark):\n"
                "    pairs = spark.table('payments').rdd.map(lambda p: (p.merchant_id, p.amount))\n"
                "    return pairs.reduceByKey(lambda a, b: a + b)\n"
            ),
        ),
        Example(  # count per key through a lambda, with a partition count kept
            path="shop/jobs/visits.py",
            code=(
                "from pyspark import SparkContext\n\n\n"
                "def visits(sc, path):\n"
                "    hits = sc.textFile(path).map(lambda line: (line.split(',')[0], 1))\n"
                "    return hits.groupByKey(64).mapValues(lambda vs: len(list(vs))).collectAsMap()\n"
            ),
            fixed=(
                "from pyspark import SparkContext\n\n\n"
                "def visits(sc, path):\n"
                "    hits = sc.textFile(path).map(lambda line: (line.split(',')[0], 1))\n"
                "    return hits.mapValues(lambda _: 1).reduceByKey(lambda a, b: a + b, 64).collectAsMap()\n"
            ),
        ),
        Example(  # spark-submit script: map over (key, values) pairs
            path="jobs/latest.py",
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "spark = SparkSession.builder.getOrCreate()\n"
                "seen = spark.read.parquet('s3://b/logins').rdd.map(lambda r: (r.user_id, r.at))\n"
                "latest = seen.groupByKey().map(lambda kv: (kv[0], max(kv[1])))\n"
                "latest.toDF(['user_id', 'last_login']).write.parquet('s3://b/last_login')\n"
            ),
            fixed=(
                "from pyspark.sql import SparkSession\n\n"
                "spark = SparkSession.builder.getOrCreate()\n"
                "seen = spark.read.parquet('s3://b/logins').rdd.map(lambda r: (r.user_id, r.at))\n"
                "latest = seen.reduceByKey(max)\n"
                "latest.toDF(['user_id', 'last_login']).write.parquet('s3://b/last_login')\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in spark_functions(ctx):
            for found in group_then_reduce(ctx.index, fn):
                yield self.finding(fn, found.group.func, (
                    f"groupByKey() then {found.reducer}() of each key's values: every value is shuffled and held in "
                    "one task's memory (a hot key runs out of memory); reduceByKey combines on each partition "
                    "first"), file=fn.file)

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        fn = index.enclosing_function(finding.file, finding.line) or module_body(module)
        for found in group_then_reduce(index, fn):
            attr = found.group.func
            if (attr.lineno, attr.col_offset) != (finding.line, finding.col):
                continue
            src = module.source
            _, end = edits.span(src, found.call)
            _, receiver_end = edits.span(src, attr.value)
            start = src.index("groupByKey", receiver_end)
            args = [src[slice(*edits.span(src, a))] for a in found.group.args]
            args += [f"{k.arg}={src[slice(*edits.span(src, k.value))]}" for k in found.group.keywords]
            reduce_args = ", ".join([REDUCE_WITH[found.reducer], *args])
            text = f"reduceByKey({reduce_args})"
            if found.reducer == "len":
                text = f"mapValues(lambda _: 1).{text}"
            new = edits.apply(src, [(start, end, text)])
            return Patch(changes=(FileChange(finding.file, src, new),)) if new else None
        return None
