"""SPK301: collect() / toPandas() of a DataFrame or RDD that nothing bounds."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.spark._dataframes import DataFrames
from rootfix.rules.spark._lib import edits, oracles
from rootfix.rules.spark._lib.bounded import is_bounded
from rootfix.rules.spark._lib.executors import is_rdd, module_body, spark_functions
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.rules.base import SourceTest
    from rootfix.discover.index import FunctionInfo, RepoIndex

TO_DRIVER = frozenset({"collect", "toPandas"})


def _root(node: ast.expr) -> ast.expr:
    while isinstance(node, (ast.Call, ast.Attribute, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def _from_own_session(node: ast.expr) -> bool:
    """``self.spark.table(...)``: a job class's session, not a DataFrame class's own ``self``."""
    while isinstance(node, (ast.Call, ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            return "spark" in node.attr.lower()
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def driver_pulls(index: "RepoIndex", frames: DataFrames, fn: "FunctionInfo") -> Iterator[ast.Call]:
    """``x.collect()`` / ``x.toPandas()`` calls in ``fn`` on a DataFrame or RDD that is not proven small."""
    for node in walk_tree(fn.node):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TO_DRIVER
                and not node.args and not node.keywords):
            continue
        receiver = node.func.value
        root = _root(receiver)
        if isinstance(root, ast.Name) and root.id in ("self", "cls") and not _from_own_session(receiver):
            continue  # a DataFrame-like class's own method (library code), not a job
        if not (is_rdd(frames, fn, receiver) or node.func.attr == "toPandas" and frames.is_df(fn, receiver)):
            continue
        if is_bounded(index, frames, fn, receiver):
            continue
        yield node


def _only_iterated(fn: "FunctionInfo", call: ast.Call) -> bool:
    """The collected list is only looped over once: ``for r in x.collect()`` or ``rows = x.collect()`` whose
    single use is the iterable of a ``for`` / generator expression."""
    # a list/set/dict comprehension would hold every row again (as whatever it builds): only loops and
    # generator expressions consume the rows one at a time
    iters = {id(n.iter) for n in walk_tree(fn.node) if isinstance(n, ast.For)}
    iters |= {id(g.iter) for n in walk_tree(fn.node) if isinstance(n, ast.GeneratorExp) for g in n.generators}
    if id(call) in iters:
        return True
    for node in walk_tree(fn.node):
        if isinstance(node, ast.Assign) and node.value is call and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            stores = [n for n in walk_tree(fn.node) if isinstance(n, ast.Name) and n.id == name
                      and not isinstance(n.ctx, ast.Load)]
            loads = [n for n in walk_tree(fn.node) if isinstance(n, ast.Name) and n.id == name
                     and isinstance(n.ctx, ast.Load)]
            return len(stores) == 1 and len(loads) == 1 and id(loads[0]) in iters
    return False


class CollectUnbounded(Rule):
    """`collect()` / `toPandas()` of a frame nothing proves small.

    ## What it does
    Finds `collect()` and `toPandas()` on DataFrames and RDDs (in job functions, helpers they call, `spark-submit`
    script bodies, management commands that start a session) when nothing before it bounds the result: no
    `limit(n)`, no aggregation (`agg`, `groupBy(...).agg/count/sum`, `reduceByKey`, `countByValue`), no
    `distinct()` over a `select` of a few columns, no SQL with `LIMIT`/`GROUP BY`, and not a frame built from
    driver data (`createDataFrame`, `parallelize`). Frames handed in as parameters count as small only when every
    caller passes a small one.

    ## Why is this bad?
    `collect()` copies every row into the driver's memory at once (as Python objects: several times the size on
    disk); `toPandas()` does the same into a pandas frame. It works on the test data and on the first months of
    production, then the driver dies with `OutOfMemoryError` / `Total size of serialized results ... is bigger
    than spark.driver.maxResultSize` / a killed container once the table grows.

    ## Example
    ```python
    def export_orders(spark, out):
        orders = spark.table("orders").where("status = 'paid'")
        for row in orders.collect():
            out.write(f"{row.id},{row.total}\\n")
    ```

    ## Use instead
    ```python
    def export_orders(spark, out):
        orders = spark.table("orders").where("status = 'paid'")
        for row in orders.toLocalIterator():
            out.write(f"{row.id},{row.total}\\n")
    ```
    or keep the work distributed (`orders.write.csv(...)`), or aggregate / `limit` before collecting.

    ## Fix safety
    Unsafe, offered only when the collected rows are just looped over (`for row in df.collect()`, or a variable
    used once as a loop's or generator expression's iterable; a list comprehension would hold every row again):
    `collect()` becomes `toLocalIterator()`, which brings one partition at a time. It runs one job per partition (slower, and an uncached input is recomputed), holds
    the largest partition in memory, and the loop now runs while Spark jobs do. `toPandas()` gets no fix.
    """

    code = "SPK301"
    name = "collect-unbounded"
    bug_class = "P3"
    component_types = ("pyspark-job",)
    #: Spark code wherever it runs: a job a command hands a session built elsewhere is no pyspark-job component
    scope = "all"
    #: every finding is in (or called from) a module importing pyspark
    requires = ("pyspark",)
    fix_safety = "unsafe"

    VALID = (
        Example(  # a name rebound to a join of itself: the read is the earlier (aggregated) value
            path="shop/jobs/hist.py",
            code=(
                "from pyspark.sql import SparkSession, functions as F\n\n\n"
                "def histogram(spark, sdf, columns):\n"
                "    counts = sdf.groupby('group_id', 'bucket').agg(F.count('*').alias('count'))\n"
                "    bins = spark.range(len(columns)).select(F.col('id').alias('group_id'))\n"
                "    counts = bins.join(counts, ['group_id'], 'left').coalesce(1)\n"
                "    return counts.toPandas()\n"
            ),
        ),
        Example(  # limited, aggregated, global agg, distinct of one column
            path="shop/jobs/stats.py",
            code=(
                "from pyspark.sql import SparkSession, functions as F\n\n\n"
                "def stats(spark):\n"
                "    orders = spark.table('orders')\n"
                "    sample = orders.orderBy('created').limit(20).collect()\n"
                "    per_day = orders.groupBy('day').agg(F.sum('total').alias('total')).collect()\n"
                "    latest = orders.agg(F.max('created')).collect()[0][0]\n"
                "    countries = [r.country for r in orders.select('country').distinct().collect()]\n"
                "    by_status = orders.groupBy('status').count().toPandas()\n"
                "    return sample, per_day, latest, countries, by_status\n"
            ),
        ),
        Example(  # RDD aggregated; SQL with GROUP BY; frame built from driver data
            path="shop/jobs/words.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def words(spark, rows):\n"
                "    sc = spark.sparkContext\n"
                "    counts = sc.textFile('s3://b/log').flatMap(lambda l: l.split()).map(lambda w: (w, 1))\n"
                "    top = counts.reduceByKey(lambda a, b: a + b).collect()\n"
                "    daily = spark.sql('SELECT day, count(*) AS n FROM events GROUP BY day').toPandas()\n"
                "    local = spark.createDataFrame(rows).collect()\n"
                "    return top, daily, local\n"
            ),
        ),
        Example(  # a helper whose callers only pass aggregated frames
            path="shop/jobs/summary.py",
            files=(("shop/jobs/_io.py", "def to_rows(frame):\n    return frame.collect()\n"),),
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from shop.jobs._io import to_rows\n\n\n"
                "def summary(spark):\n"
                "    return to_rows(spark.table('orders').groupBy('day').count())\n"
            ),
        ),
        Example(  # not Spark: a Django queryset, a pandas frame
            path="shop/jobs/local.py",
            code=(
                "import pandas as pd\n"
                "from pyspark.sql import SparkSession\n\n\n"
                "def local(path):\n"
                "    frame = pd.read_csv(path)\n"
                "    return frame.to_dict('records')\n"
            ),
        ),
    )
    INVALID = (
        Example(  # for ... in df.collect(): toLocalIterator fix
            path="shop/jobs/export.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def export_orders(spark, out):\n"
                "    orders = spark.table('orders').where(\"status = 'paid'\")\n"
                "    for row in orders.collect():\n"
                "        out.write(f'{row.id},{row.total}\\n')\n"
            ),
            fixed=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def export_orders(spark, out):\n"
                "    orders = spark.table('orders').where(\"status = 'paid'\")\n"
                "    for row in orders.toLocalIterator():\n"
                "        out.write(f'{row.id},{row.total}\\n')\n"
            ),
        ),
        Example(  # RDD collect assigned, then only iterated by a generator expression: fix
            path="shop/jobs/emails.py",
            code=(
                "from pyspark import SparkContext\n\n\n"
                "def addresses(sc):\n"
                "    lines = sc.textFile('s3://b/users.csv').map(lambda l: l.split(','))\n"
                "    rows = lines.collect()\n"
                "    return sum(1 for r in rows if r[2].lower().endswith('.nl'))\n"
            ),
            fixed=(
                "from pyspark import SparkContext\n\n\n"
                "def addresses(sc):\n"
                "    lines = sc.textFile('s3://b/users.csv').map(lambda l: l.split(','))\n"
                "    rows = lines.toLocalIterator()\n"
                "    return sum(1 for r in rows if r[2].lower().endswith('.nl'))\n"
            ),
        ),
        Example(  # toPandas of a joined frame in a management command (no fix); a helper's collect
            path="shop/management/commands/customer_report.py",
            files=(("shop/jobs/__init__.py", ""),
                   ("shop/jobs/_io.py", "def to_rows(frame):\n    return frame.collect()\n")),
            code=(
                "from django.core.management.base import BaseCommand\n"
                "from pyspark.sql import SparkSession\n\n"
                "from shop.jobs._io import to_rows\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        spark = SparkSession.builder.appName('report').getOrCreate()\n"
                "        orders = spark.read.parquet('s3://b/orders')\n"
                "        customers = spark.read.parquet('s3://b/customers')\n"
                "        report = orders.join(customers, 'customer_id').toPandas()\n"
                "        report.to_csv(options['out'])\n"
                "        self.stdout.write(str(len(to_rows(orders.select('id', 'total')))))\n"
            ),
        ),
        Example(  # the helper in a module without pyspark imports, called with an unbounded frame
            path="shop/jobs/_io.py",
            code="def to_rows(frame):\n    return frame.collect()\n",
            files=(("shop/__init__.py", ""), ("shop/jobs/__init__.py", ""),
                   ("shop/jobs/nightly.py", (
                       "from pyspark.sql import SparkSession\n\n"
                       "from shop.jobs._io import to_rows\n\n\n"
                       "def nightly(spark):\n"
                       "    return len(to_rows(spark.read.parquet('s3://b/orders').select('id', 'total')))\n"))),
        ),
        Example(  # toPandas of a whole table in a helper; an RDD's collect inside list()
            path="shop/jobs/frames.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def load(spark, name):\n"
                "    return spark.table(name).toPandas()\n\n\n"
                "def keys(spark):\n"
                "    return sorted(spark.table('orders').rdd.map(lambda r: r.id).collect())\n"
            ),
            count=2,
        ),
        Example(  # spark-submit script body; the collected list is indexed, so no fix
            path="jobs/dump_events.py",
            code=(
                "import json\n\n"
                "from pyspark.sql import SparkSession\n\n"
                "spark = SparkSession.builder.appName('dump').getOrCreate()\n"
                "events = spark.read.json('s3://b/events/')\n"
                "rows = events.select('id', 'kind', 'payload').collect()\n"
                "print(len(rows), rows[0])\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        frames = DataFrames(ctx.index)
        for fn in spark_functions(ctx):
            for call in driver_pulls(ctx.index, frames, fn):
                what = "RDD" if not frames.is_df(fn, call.func.value) else "DataFrame"
                yield self.finding(fn, call, (
                    f"`.{call.func.attr}()` brings the whole {what} to the driver and nothing before it bounds its "
                    "size (no limit, no aggregation): the driver runs out of memory as the data grows; keep it "
                    "distributed, aggregate or limit first, or iterate with toLocalIterator()"), file=fn.file)

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        fn = index.enclosing_function(finding.file, finding.line) or module_body(module)
        for call in driver_pulls(index, DataFrames(index), fn):
            if (call.lineno, call.col_offset) != (finding.line, finding.col):
                continue
            if call.func.attr != "collect" or not _only_iterated(fn, call):
                return None
            src = module.source
            _, end = edits.span(src, call)
            start = end - len("collect()")
            if src[start:end] != "collect()":
                return None
            new = edits.apply(src, [(start, end, "toLocalIterator()")])
            return Patch(changes=(FileChange(finding.file, src, new),)) if new else None
        return None

    def regression(self, index: "RepoIndex", finding: Finding) -> "SourceTest | None":
        """A frame of several MB in many partitions goes through the job while the driver's Python memory is
        watched (``rules/spark/_lib/oracles.py``): a collect() holds all of it at once."""
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None or not fn.symbol:
            return None
        for call in driver_pulls(index, DataFrames(index), fn):
            if (call.lineno, call.col_offset) == (finding.line, finding.col):
                return oracles.as_spec(finding.symbol, oracles.collect_memory_test(index, self.code, fn, call))
        return None
