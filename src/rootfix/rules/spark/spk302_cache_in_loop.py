"""SPK302: a frame cached on every pass of a loop and never unpersisted."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.spark._dataframes import DataFrames
from rootfix.rules.spark._lib import edits, oracles
from rootfix.rules.spark._lib.executors import is_rdd, module_body, spark_functions
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex
    from rootfix.rules.base import DirectTest

CACHING = frozenset({"cache", "persist"})
RELEASING = frozenset({"unpersist", "clearCache", "uncacheTable"})


@dataclass(frozen=True)
class CachedInLoop:
    #: the loop, or the function itself when each call of it is a pass (its callers call it in a loop)
    loop: ast.For | ast.While | ast.FunctionDef | ast.AsyncFunctionDef
    assign: ast.Assign  # ``x = <frame>...cache()`` directly in the loop body
    call: ast.Call  # the cache()/persist() call
    name: str


def _uses(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in walk_tree(node))


def _holds(expr: ast.AST | None, name: str) -> bool:
    """``expr`` is the frame itself or a container of it (``x``, ``(day, x)``), not a value computed from it
    (``x.count()``)."""
    if isinstance(expr, ast.Name):
        return expr.id == name
    if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
        return any(_holds(e, name) for e in expr.elts)
    if isinstance(expr, ast.Dict):
        return any(_holds(v, name) for v in expr.values)
    return False


def _called_in_loop(frames: DataFrames, fn: "FunctionInfo") -> bool:
    """Some caller calls ``fn`` inside a loop: each call is one pass (``for cycle in cycles: self.reconcile(cycle)``)."""
    for caller, call in frames.index.callers(fn):
        for loop in walk_tree(caller.node):
            if isinstance(loop, (ast.For, ast.While)) and any(n is call for s in loop.body for n in walk_tree(s)):
                return True
    return False


def cached_in_loops(frames: DataFrames, fn: "FunctionInfo") -> Iterator[CachedInLoop]:
    if any(isinstance(n, ast.Attribute) and n.attr in RELEASING for n in walk_tree(fn.node)):
        return  # the function releases something: it manages its cache (precision over recall)
    loops: list[ast.AST] = [n for n in walk_tree(fn.node) if isinstance(n, (ast.For, ast.While))]
    if fn.symbol and isinstance(fn.node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _called_in_loop(frames, fn):
        loops.append(fn.node)
    for loop in loops:
        for stmt in loop.body:
            if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                    and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute)
                    and stmt.value.func.attr in CACHING):
                continue
            receiver = stmt.value.func.value
            if not (frames.is_df(fn, receiver) or is_rdd(frames, fn, receiver)):
                continue
            name = stmt.targets[0].id
            escapes = any(isinstance(n, (ast.Return, ast.Yield, ast.YieldFrom)) and _holds(n.value, name)
                          for n in walk_tree(fn.node))
            stored = any(isinstance(n, ast.Assign) and any(not isinstance(t, ast.Name) for t in n.targets)
                         and _holds(n.value, name) for n in walk_tree(loop))
            appended = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                           and n.func.attr in ("append", "add", "extend", "setdefault")
                           and any(_holds(a, name) for a in n.args) for n in walk_tree(loop))
            if escapes or stored or appended:
                continue  # kept for later: whoever holds it decides when to release it
            yield CachedInLoop(loop, stmt, stmt.value, name)


_RECONCILER = (
    "from pyspark import StorageLevel\n"
    "from pyspark.sql import functions as F\n\n\n"
    "class Reconciler:\n"
    "    def __init__(self, readings):\n"
    "        self.readings = readings\n\n"
    "    def cycle(self, serials):\n"
    "        rows = self.readings.filter(F.col('serial').isin(serials)).persist(StorageLevel.DISK_ONLY)\n"
)


class CacheInLoop(Rule):
    """A frame cached on every pass of a loop and never unpersisted.

    ## What it does
    Finds `x = <frame>.cache()` / `.persist(...)` directly in the body of a `for`/`while` loop of a Spark job
    (per day, per tenant, per file...) when the function never calls `unpersist()` (or `spark.catalog.clearCache()`)
    and `x` is not returned or kept for later. A function that caches at its top level and that a caller calls
    in a loop (`for cycle in cycles: self.reconcile_cycle(cycle)`) is such a pass too.

    ## Why is this bad?
    A cached frame stays in executor memory (and, for `MEMORY_AND_DISK`, on local disk) until the application
    ends or it is unpersisted. Each pass caches a new one: after a few hundred tenants or a backfill over a year
    of days the executors spend their time evicting blocks, spill to disk, and fail with `OutOfMemoryError` or
    "No space left on device" — in the management command or long-lived session that runs the loop.

    ## Example
    ```python
    for day in days:
        events = spark.read.parquet(f"{lake}/{day}").cache()
        write_summary(events.groupBy("kind").count(), day)
        write_errors(events.where("level = 'ERROR'"), day)
    ```

    ## Use instead
    ```python
    for day in days:
        events = spark.read.parquet(f"{lake}/{day}").cache()
        write_summary(events.groupBy("kind").count(), day)
        write_errors(events.where("level = 'ERROR'"), day)
        events.unpersist()
    ```

    ## Fix safety
    Safe: `x.unpersist()` is added after the last statement of the loop body (or of the function) that uses `x`
    or a frame built from it. Unpersisting never
    changes results (Spark recomputes from the lineage when a released block is needed again); at worst a frame
    derived from `x` and computed after the loop recomputes `x`.
    """

    code = "SPK302"
    name = "cache-in-loop"
    bug_class = "P3"
    component_types = ("pyspark-job",)
    #: Spark code wherever it runs: a job a command hands a session built elsewhere is no pyspark-job component
    scope = "all"
    fix_safety = "safe"

    VALID = (
        Example(  # unpersisted at the end of the pass; cached once outside the loop; kept in a list
            path="shop/jobs/daily.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def daily(spark, days, out):\n"
                "    for day in days:\n"
                "        events = spark.read.parquet(f's3://b/events/{day}').cache()\n"
                "        events.groupBy('kind').count().write.parquet(f'{out}/{day}')\n"
                "        events.unpersist()\n\n\n"
                "def once(spark, days, out):\n"
                "    events = spark.read.parquet('s3://b/events').cache()\n"
                "    for day in days:\n"
                "        events.where(events.day == day).write.parquet(f'{out}/{day}')\n\n\n"
                "def keep(spark, days):\n"
                "    frames = []\n"
                "    for day in days:\n"
                "        frame = spark.read.parquet(f's3://b/events/{day}').cache()\n"
                "        frames.append(frame)\n"
                "    return frames\n"
            ),
        ),
        Example(  # a pass of its caller's loop that releases its frame; a function cached once, called once
            path="billing/reconcile.py",
            code=_RECONCILER + (
                "        try:\n"
                "            return rows.groupBy('serial').count().collect()\n"
                "        finally:\n"
                "            rows.unpersist()\n\n"
                "    def run(self, cycles):\n"
                "        return [self.cycle(c) for c in cycles]\n\n"
                "    def summary(self):\n"
                "        frame = self.readings.filter(F.col('kwh') > 0).cache()\n"
                "        return frame.count()\n\n\n"
                "def report(readings):\n"
                "    return Reconciler(readings).summary()\n"
            ),
        ),
    )
    INVALID = (
        Example(  # the function is the pass: its caller calls it once per cycle
            path="billing/reconcile.py",
            code=_RECONCILER + (
                "        counts = rows.groupBy('serial').count()\n"
                "        by_serial = {r['serial']: r['count'] for r in counts.collect()}\n"
                "        return by_serial\n\n"
                "    def run(self, cycles):\n"
                "        results = []\n"
                "        for serials in cycles:\n"
                "            results.append(self.cycle(serials))\n"
                "        return results\n"
            ),
            fixed=_RECONCILER + (
                "        counts = rows.groupBy('serial').count()\n"
                "        by_serial = {r['serial']: r['count'] for r in counts.collect()}\n"
                "        rows.unpersist()\n"
                "        return by_serial\n\n"
                "    def run(self, cycles):\n"
                "        results = []\n"
                "        for serials in cycles:\n"
                "            results.append(self.cycle(serials))\n"
                "        return results\n"
            ),
        ),
        Example(
            path="shop/jobs/daily.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def daily(spark, days, out):\n"
                "    for day in days:\n"
                "        events = spark.read.parquet(f's3://b/events/{day}').cache()\n"
                "        events.groupBy('kind').count().write.parquet(f'{out}/{day}/kinds')\n"
                "        events.where(\"level = 'ERROR'\").write.parquet(f'{out}/{day}/errors')\n"
                "    return len(days)\n"
            ),
            fixed=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def daily(spark, days, out):\n"
                "    for day in days:\n"
                "        events = spark.read.parquet(f's3://b/events/{day}').cache()\n"
                "        events.groupBy('kind').count().write.parquet(f'{out}/{day}/kinds')\n"
                "        events.where(\"level = 'ERROR'\").write.parquet(f'{out}/{day}/errors')\n"
                "        events.unpersist()\n"
                "    return len(days)\n"
            ),
        ),
        Example(  # management command: persist per tenant, RDD of a DataFrame
            path="shop/management/commands/tenant_stats.py",
            code=(
                "from django.core.management.base import BaseCommand\n"
                "from pyspark import StorageLevel\n"
                "from pyspark.sql import SparkSession\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        spark = SparkSession.builder.getOrCreate()\n"
                "        for tenant in options['tenants']:\n"
                "            orders = spark.table(f'{tenant}.orders').persist(StorageLevel.MEMORY_AND_DISK)\n"
                "            self.stdout.write(f'{tenant}: {orders.count()} orders')\n"
            ),
            fixed=(
                "from django.core.management.base import BaseCommand\n"
                "from pyspark import StorageLevel\n"
                "from pyspark.sql import SparkSession\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        spark = SparkSession.builder.getOrCreate()\n"
                "        for tenant in options['tenants']:\n"
                "            orders = spark.table(f'{tenant}.orders').persist(StorageLevel.MEMORY_AND_DISK)\n"
                "            self.stdout.write(f'{tenant}: {orders.count()} orders')\n"
                "            orders.unpersist()\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        frames = DataFrames(ctx.index)
        for fn in spark_functions(ctx):
            for found in cached_in_loops(frames, fn):
                where = "the loop" if isinstance(found.loop, (ast.For, ast.While)) else (
                    f"the loop that calls {fn.symbol}()")
                yield self.finding(fn, found.call.func, (
                    f"`{found.name}` is cached on every pass of {where} and never unpersisted: cached blocks pile "
                    "up in executor memory and disk until the application ends; call "
                    f"`{found.name}.unpersist()` when the pass is done"), file=fn.file)

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        fn = index.enclosing_function(finding.file, finding.line) or module_body(module)
        for found in cached_in_loops(DataFrames(index), fn):
            if (found.call.func.lineno, found.call.func.col_offset) != (finding.line, finding.col):
                continue
            body = found.loop.body
            # frames built from it (``stats = usage(x).join(...)``) are computed when *they* are used: the
            # release goes after the last statement that uses any of them
            derived = {found.name}
            for stmt in body:
                if isinstance(stmt, ast.Assign) and any(_uses(stmt.value, d) for d in derived):
                    derived |= {n.id for t in stmt.targets for n in walk_tree(t) if isinstance(n, ast.Name)}
            users = [s for s in body if any(_uses(s, d) for d in derived)]
            before_return = not isinstance(found.loop, (ast.For, ast.While)) and users[-1] is body[-1] \
                and isinstance(body[-1], ast.Return) and len(users) > 1
            if before_return:  # ``return by_serial``: released before the function hands its result back
                users = users[:-1]
            last = max(users, key=lambda s: s.lineno)
            if isinstance(found.loop, (ast.For, ast.While)):
                early = [n for n in walk_tree(found.loop) if isinstance(n, (ast.Break, ast.Continue, ast.Return))]
            else:  # the function is the pass: a return after the release is its end, not an early exit
                early = [n for n in walk_tree(found.loop) if isinstance(n, ast.Return)
                         and n.lineno <= (last.end_lineno or last.lineno)]
            if early:
                return None  # a pass can end early: the release would be skipped on that path
            src = module.source
            if before_return:
                start, _ = edits.line_span(src, body[-1].lineno)
                indent = src[start:start + body[-1].col_offset]
                new = edits.apply(src, [(start, start, f"{indent}{found.name}.unpersist()\n")])
                return Patch(changes=(FileChange(finding.file, src, new),)) if new else None
            _, end = edits.line_span(src, last.end_lineno or last.lineno)
            start, _ = edits.line_span(src, last.lineno)
            indent = src[start:start + last.col_offset]
            new = edits.apply(src, [(end, end, f"{indent}{found.name}.unpersist()\n")])
            return Patch(changes=(FileChange(finding.file, src, new),)) if new else None
        return None

    def regression(self, index: "RepoIndex", finding: Finding) -> "DirectTest | None":
        """The project's tests that run the function, replayed: each call must return with no more RDDs
        persisted than it started with."""
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        return oracles.owner_replay(
            index, fn, ("spk302_cache_released_head", "spk302_cache_released"),
            "_nothing_left_cached", "leaves_nothing_cached")
