"""SPK202: ``coalesce(1)`` / ``repartition(1)`` right before writing a frame nothing proves small."""
from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.spark._dataframes import DataFrames
from rootfix.rules.spark._lib import edits, oracles
from rootfix.rules.spark._lib.bounded import is_bounded
from rootfix.rules.spark._lib.executors import is_rdd, module_body, spark_functions
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

SINGLE = frozenset({"coalesce", "repartition"})
RDD_WRITES = frozenset({"saveAsTextFile", "saveAsPickleFile", "saveAsSequenceFile", "saveAsHadoopFile",
                        "saveAsNewAPIHadoopFile"})


def _one(node: ast.Call) -> bool:
    return len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.Constant) \
        and node.args[0].value == 1


def _tail(node: ast.Call, parents: dict[int, ast.AST]) -> tuple[ast.expr, ast.AST | None]:
    """``(the expression after the steps that keep one partition, its parent)`` for ``x.coalesce(1)``."""
    expr: ast.expr = node
    parent = parents.get(id(node))
    while isinstance(parent, ast.Attribute) and parent.attr == "sortWithinPartitions":
        call = parents.get(id(parent))
        if not isinstance(call, ast.Call):
            break
        expr, parent = call, parents.get(id(call))
    return expr, parent


def _writes_param(index: "RepoIndex", fn: "FunctionInfo", call: ast.Call, position: int) -> bool:
    """The project function ``call`` calls writes what it is handed at ``position`` (``write_csv(df, path)``:
    ``df.write...``)."""
    target = index.resolve_call(index.module_of(fn), call, fn.class_name)
    if target is None:
        return False
    params = [a.arg for a in target.node.args.args if a.arg not in ("self", "cls")]
    if position >= len(params):
        return False
    name = params[position]
    return any(isinstance(n, ast.Attribute) and n.attr in ("write", "writeTo", *RDD_WRITES)
               and isinstance(n.value, ast.Name) and n.value.id == name for n in walk_tree(target.node))


def _written(index: "RepoIndex", fn: "FunctionInfo", node: ast.Call, parents: dict[int, ast.AST]) -> bool:
    """``node`` (``x.coalesce(1)``) is the receiver of ``.write`` / ``.writeTo`` / ``.saveAsTextFile(...)``,
    possibly after steps that keep one partition (``sortWithinPartitions``, ``.write.mode(...).option(...)``), or
    is bound to a name that is written so, or handed to a project function that writes it."""
    expr, parent = _tail(node, parents)
    if isinstance(parent, ast.Attribute) and (parent.attr in ("write", "writeTo") or parent.attr in RDD_WRITES):
        return True
    if isinstance(parent, ast.Call) and expr in parent.args:
        return _writes_param(index, fn, parent, parent.args.index(expr))
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
        name = parent.targets[0].id
        for n in walk_tree(fn.node):
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == name \
                    and (n.attr in ("write", "writeTo") or n.attr in RDD_WRITES):
                return True
            if isinstance(n, ast.Call) and any(isinstance(a, ast.Name) and a.id == name for a in n.args):
                position = next(i for i, a in enumerate(n.args) if isinstance(a, ast.Name) and a.id == name)
                if _writes_param(index, fn, n, position):
                    return True
    return False


#: grouping keys that make an aggregation as long as its input: a row per minute, per event, per id
FINE_KEYS = re.compile(r"(^|_)(minute|minutes|second|seconds|hour|time|timestamp|ts|at|id|uuid)$")


def _keys(index: "RepoIndex", module, args: list[ast.expr]) -> list[str]:
    out: list[str] = []
    for arg in args:
        if isinstance(arg, ast.Starred):
            arg = arg.value
        if isinstance(arg, ast.Name) and arg.id in module.assignments:
            arg = module.assignments[arg.id]
        if isinstance(arg, (ast.Tuple, ast.List)):
            out += [e.value for e in arg.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            out.append(arg.value)
        elif isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr in ("col", "window"):
            out += ["time" if arg.func.attr == "window" else str(getattr(arg.args[0], "value", "")) if arg.args else ""]
    return out


def _fine_grained(index: "RepoIndex", fn: "FunctionInfo", expr: ast.expr, depth: int = 0) -> bool:
    """``expr`` is an aggregation grouped by a fine key (``groupBy("gate", "minute")``): as many rows as the
    input has minutes, not a summary - followed through local names and, for a parameter, the callers'
    arguments."""
    if depth > 3:
        return False
    module = index.module_of(fn)
    for node in walk_tree(expr):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("groupBy",
                                                                                                     "groupby"):
            if any(FINE_KEYS.search(k) for k in _keys(index, module, node.args)):
                return True
        elif isinstance(node, ast.Call):  # a project function that builds the frame (``gate_minute_flow(scans)``)
            target = index.resolve_call(module, node, fn.class_name)
            if target is not None and any(_fine_grained(index, target, r.value, depth + 1) for r in walk_tree(
                    target.node) if isinstance(r, ast.Return) and r.value is not None):
                return True
    names = {n.id for n in walk_tree(expr) if isinstance(n, ast.Name)}
    for name in names:
        if name in DataFrames.params(fn):
            position = DataFrames.params(fn).index(name) - (1 if fn.class_name else 0)
            for caller, call in index.callers(fn):
                if 0 <= position < len(call.args) and _fine_grained(index, caller, call.args[position], depth + 1):
                    return True
        else:
            if any(_fine_grained(index, fn, v, depth + 1) for v in DataFrames.assignments(fn, name)):
                return True
    return False


def single_partition_writes(index: "RepoIndex", frames: DataFrames, fn: "FunctionInfo") -> Iterator[ast.Call]:
    parents = {id(child): node for node in walk_tree(fn.node) for child in ast.iter_child_nodes(node)}
    for node in walk_tree(fn.node):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SINGLE
                and _one(node) and _written(index, fn, node, parents)):
            continue
        receiver = node.func.value
        if not (frames.is_df(fn, receiver) or is_rdd(frames, fn, receiver)):
            continue
        if is_bounded(index, frames, fn, receiver) and not _fine_grained(index, fn, receiver):
            continue  # a summary, a limited sample: one file is what was wanted, and it is small
        yield node


class SinglePartitionWrite(Rule):
    """`coalesce(1)` / `repartition(1)` before writing a frame that is not proven small.

    ## What it does
    Finds `df.coalesce(1).write...`, `df.repartition(1).write...` and `rdd.coalesce(1).saveAsTextFile(...)` in
    Spark jobs, their helpers and `spark-submit` scripts, unless the frame is bounded (aggregated, limited,
    built from driver data).

    ## Why is this bad?
    One partition means one task: the whole output goes through a single executor core, its memory and its
    local disk. `coalesce(1)` is worse than it looks: it is not a shuffle, so Spark pulls the single partition
    up the plan and the *upstream* work (joins, UDFs, parsing) runs in that one task too. Jobs that took
    minutes take hours as data grows, or the task dies with `OutOfMemoryError` / "No space left on device".

    ## Example
    ```python
    events.where("day = '2024-05-01'").coalesce(1).write.mode("overwrite").parquet(out)
    ```

    ## Use instead
    ```python
    events.where("day = '2024-05-01'").write.mode("overwrite").parquet(out)  # or .repartition(32)
    ```
    and let readers read the folder; if one file is really required, aggregate first (a summary is small).

    ## Fix safety
    Unsafe: `coalesce(1).sortWithinPartitions(*cols)` (one sorted file) becomes `orderBy(*cols)`, a sort across
    partitions whose part files, read in name order, give the same order; a bare `coalesce(1)` /
    `repartition(1)` is dropped. Consumers that expect exactly one file (an SFTP drop, a `part-00000` path)
    break, which the project's own tests should show; the right partition count depends on the data.
    """

    code = "SPK202"
    name = "single-partition-write"
    bug_class = "P2"
    component_types = ("pyspark-job",)
    #: Spark code wherever it runs: a job a command hands a session built elsewhere is no pyspark-job component
    scope = "all"
    fix_safety = "unsafe"

    VALID = (
        Example(  # an aggregated summary written as one file; a plain write; repartition(32)
            path="shop/jobs/daily.py",
            code=(
                "from pyspark.sql import SparkSession, functions as F\n\n\n"
                "def daily(spark, out):\n"
                "    orders = spark.read.parquet('s3://b/orders')\n"
                "    summary = orders.groupBy('day').agg(F.sum('total').alias('total'))\n"
                "    summary.coalesce(1).write.mode('overwrite').csv(out + '/summary', header=True)\n"
                "    orders.write.mode('overwrite').parquet(out + '/orders')\n"
                "    orders.repartition(32).write.parquet(out + '/by32')\n"
                "    sample = orders.limit(100).coalesce(1)\n"
                "    return sample.count()\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="shop/jobs/export.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def export(spark, day, out):\n"
                "    events = spark.read.json('s3://b/events/')\n"
                "    events.where(events.day == day).coalesce(1).write.mode('overwrite').parquet(out)\n"
            ),
            fixed=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def export(spark, day, out):\n"
                "    events = spark.read.json('s3://b/events/')\n"
                "    events.where(events.day == day).write.mode('overwrite').parquet(out)\n"
            ),
        ),
        Example(  # a write helper handed a per-minute aggregation: one sorted file, built in one task
            path="gates/exports.py",
            files=(("gates/__init__.py", ""), ("gates/flow.py", (
                "from pyspark.sql import SparkSession, functions as F\n\n"
                "from gates.exports import write_sorted\n\n"
                "KEYS = ['gate', 'minute']\n\n\n"
                "def run(spark, out):\n"
                "    scans = spark.read.parquet('s3://b/scans')\n"
                "    flow = scans.withColumn('minute', F.date_trunc('minute', 'at')).groupBy(*KEYS).agg(F.count('*'))\n"
                "    write_sorted(flow, out, KEYS)\n"))),
            code=(
                "def write_csv(df, path):\n"
                "    df.write.mode('overwrite').csv(path, header=True)\n\n\n"
                "def write_sorted(df, path, order_by):\n"
                "    ordered = df.coalesce(1).sortWithinPartitions(*order_by)\n"
                "    write_csv(ordered, path)\n"
            ),
            fixed=(
                "def write_csv(df, path):\n"
                "    df.write.mode('overwrite').csv(path, header=True)\n\n\n"
                "def write_sorted(df, path, order_by):\n"
                "    ordered = df.orderBy(*order_by)\n"
                "    write_csv(ordered, path)\n"
            ),
        ),
        Example(  # RDD saved as text; repartition(1) after a sort within partitions
            path="jobs/dump.py",
            code=(
                "from pyspark import SparkContext\n\n"
                "sc = SparkContext.getOrCreate()\n"
                "lines = sc.textFile('s3://b/raw/*.log').filter(lambda l: 'ERROR' in l)\n"
                "lines.repartition(1).saveAsTextFile('s3://b/errors')\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        frames = DataFrames(ctx.index)
        for fn in spark_functions(ctx):
            for call in single_partition_writes(ctx.index, frames, fn):
                yield self.finding(fn, call.func, (
                    f"{call.func.attr}(1) before a write of a frame nothing bounds: the whole output (and, for "
                    "coalesce, the work before it) runs in one task; write the partitions, or aggregate first"),
                    file=fn.file)

    def _found(self, index: "RepoIndex", finding: Finding):
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        fn = index.enclosing_function(finding.file, finding.line) or module_body(module)
        for call in single_partition_writes(index, DataFrames(index), fn):
            if (call.func.lineno, call.func.col_offset) == (finding.line, finding.col):
                return fn, call
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        found = self._found(index, finding)
        if found is None:
            return None
        fn, call = found
        source = index.by_path[finding.file].source
        parents = {id(child): node for node in walk_tree(fn.node) for child in ast.iter_child_nodes(node)}
        expr, _ = _tail(call, parents)
        receiver = ast.get_source_segment(source, call.func.value)
        if expr is call:
            text = receiver  # the single partition dropped
        elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
                and expr.func.attr == "sortWithinPartitions" and expr.func.value is call:
            args = ", ".join(ast.get_source_segment(source, a) for a in [*expr.args, *expr.keywords])
            text = f"{receiver}.orderBy({args})"  # one sorted file -> a sort across the partitions
        else:
            return None
        new = edits.apply(source, [(*edits.span(source, expr), text)])
        return Patch(changes=(FileChange(finding.file, source, new),)) if new else None

    def regression(self, index: "RepoIndex", finding: Finding):
        """The project's tests that run the function, replayed with its frames in several partitions and no
        merging of shuffle partitions: what it writes must still be written by more than one task."""
        found = self._found(index, finding)
        if found is None or not found[0].symbol:
            return None
        return oracles.owner_replay(
            index, found[0], ("spk202_written_in_parallel_head", "spk202_written_in_parallel"),
            "_written_in_parallel", "writes_in_parallel")
