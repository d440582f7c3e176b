"""SPK202: ``coalesce(1)`` / ``repartition(1)`` right before writing a frame nothing proves small."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.spark._dataframes import DataFrames
from rootfix.rules.spark._lib.bounded import is_bounded
from rootfix.rules.spark._lib.executors import is_rdd, spark_functions
from rootfix.types import Finding

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

SINGLE = frozenset({"coalesce", "repartition"})
RDD_WRITES = frozenset({"saveAsTextFile", "saveAsPickleFile", "saveAsSequenceFile", "saveAsHadoopFile",
                        "saveAsNewAPIHadoopFile"})


def _one(node: ast.Call) -> bool:
    return len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.Constant) \
        and node.args[0].value == 1


def _written(node: ast.Call, parents: dict[int, ast.AST]) -> bool:
    """``node`` (``x.coalesce(1)``) is the receiver of ``.write`` / ``.writeTo`` / ``.saveAsTextFile(...)``,
    possibly after steps that keep one partition (``sortWithinPartitions``, ``.write.mode(...).option(...)``)."""
    parent = parents.get(id(node))
    while isinstance(parent, ast.Attribute) and parent.attr == "sortWithinPartitions":
        call = parents.get(id(parent))
        parent = parents.get(id(call)) if isinstance(call, ast.Call) else None
    return isinstance(parent, ast.Attribute) and (parent.attr in ("write", "writeTo") or parent.attr in RDD_WRITES)


def single_partition_writes(index: "RepoIndex", frames: DataFrames, fn: "FunctionInfo") -> Iterator[ast.Call]:
    parents = {id(child): node for node in ast.walk(fn.node) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(fn.node):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SINGLE
                and _one(node) and _written(node, parents)):
            continue
        receiver = node.func.value
        if not (frames.is_df(fn, receiver) or is_rdd(frames, fn, receiver)):
            continue
        if is_bounded(index, frames, fn, receiver):
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
    No automatic fix: consumers that expect exactly one file (an SFTP drop, a `part-00000` path) would break,
    and the right partition count depends on the data.
    """

    code = "SPK202"
    name = "single-partition-write"
    bug_class = "P2"
    component_types = ("pyspark-job",)
    fix_safety = None

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
