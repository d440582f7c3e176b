"""SPK401: Django ORM / database connection used in code that runs on Spark executors."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.spark._dataframes import DataFrames
from rootfix.rules.spark._lib import edits, oracles
from rootfix.rules.spark._lib.executors import PER_PARTITION, Closure, closures, local_names, spark_functions
from rootfix.rules.spark._lib.orm import MANAGERS, orm_use, sets_up_and_closes, worker_helpers
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.rules.base import SourceTest
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex


@dataclass(frozen=True)
class Lookup:
    """``Model.objects.get(<key>=<expr>).<field>`` in executor code: one row of a table read per Spark row."""

    node: ast.Attribute
    model: str  # dotted, resolved
    model_src: str  # as spelt in the module
    key: str
    field: str
    value: ast.expr  # the per-row key expression


def single_lookup(index: "RepoIndex", module: "ModuleInfo", closure: ast.AST) -> Lookup | None:
    """The one ORM use of ``closure`` when it is a by-key lookup of one field whose key comes from the row."""
    managers = [n for n in walk_tree(closure) if isinstance(n, ast.Attribute) and n.attr in MANAGERS]
    if len(managers) != 1:
        return None
    local = local_names(closure)
    for node in walk_tree(closure):
        if not (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load)
                and isinstance(node.value, ast.Call) and not node.value.args and len(node.value.keywords) == 1):
            continue
        get = node.value.func
        if not (isinstance(get, ast.Attribute) and get.attr == "get" and get.value is managers[0]):
            continue
        model_expr = managers[0].value
        model = index.resolve(module, model_expr) if isinstance(model_expr, (ast.Name, ast.Attribute)) else None
        key = node.value.keywords[0]
        if model is None or index.lookup_class(model) is None or key.arg is None or "__" in key.arg:
            return None
        # the key must come from the row: names the closure binds (its parameters, loop variables)
        if not all(n.id in local for n in walk_tree(key.value) if isinstance(n, ast.Name)):
            return None
        return Lookup(node, model, ast.unparse(model_expr), key.arg, node.attr, key.value)
    return None

_MODELS = (("shop/__init__.py", ""), ("shop/models.py", (
    "from django.db import models\n\n\n"
    "class Customer(models.Model):\n"
    "    name = models.CharField(max_length=100)\n"
    "    tier = models.CharField(max_length=10)\n"
)))
_HELPER = ("shop/pricing.py", (
    "from shop.models import Customer\n\n\n"
    "def tier_of(customer_id):\n"
    "    return Customer.objects.only('tier').get(pk=customer_id).tier\n"
))


class OrmInExecutor(Rule):
    """Django ORM or database connection used inside code that runs on Spark executors.

    ## What it does
    Finds lambdas and functions passed to `rdd.map/flatMap/filter/foreach/foreachPartition/mapPartitions/...`,
    `DataFrame.foreach/foreachPartition/mapInPandas`, or wrapped by `udf`/`pandas_udf`/`spark.udf.register`,
    that use a Django model manager (`Customer.objects...`), `connection.cursor()`, `connections[...]` or
    `transaction` — directly, or through project helpers they call (in any module). Per-partition functions
    that close their connection in a `finally` (`connection.close()`, `close_old_connections()`) are accepted.

    ## Why is this bad?
    The function is pickled and run in executor processes, not in the driver where Django was set up:
    there `django.setup()` never ran (`AppRegistryNotReady` / `ImproperlyConfigured`), or, where the executor
    imports the settings, every row opens its own query (one round trip per row, thousands of connections
    from all executors at once) and connections are never closed (`too many connections` on the database).
    In local mode it "works" because driver and executors share one process, so tests pass.

    ## Example
    ```python
    @F.udf("string")
    def tier(customer_id):
        return Customer.objects.get(pk=customer_id).tier

    orders.withColumn("tier", tier("customer_id"))
    ```

    ## Use instead
    Query once on the driver and join (or broadcast) the data:
    ```python
    tiers = spark.createDataFrame(list(Customer.objects.values_list("id", "tier")), ["customer_id", "tier"])
    orders.join(tiers, "customer_id", "left")
    ```
    or, when the work must run on executors, do it per partition with Django set up and the connection
    closed in a `finally`.

    ## Fix safety
    Unsafe, and offered only for a by-key lookup of one field (`Model.objects.get(pk=row.x).name`), the only ORM
    use of a function or lambda defined in the job function, when the job has its SparkSession or SparkContext
    at hand: the table is read once on the driver into a dict, broadcast, and the lookup becomes
    `name_by_pk.value[row.x]`. The whole `(key, field)` column now sits in driver and executor memory, it is read
    when the job starts rather than while rows are processed, and a missing key raises `KeyError` instead of
    `DoesNotExist`.
    A module-level function handed to `foreachPartition`/`mapPartitions` (writes, filters, raw cursors) gets the
    project's own per-worker setup when the project has one (a function taking no argument that calls
    `django.setup()`, and one closing the connections): the setup call first, the body in `try`/`finally` with the
    close (`django.db.connections.close_all()` when the project has no closing helper). Its test starts a fresh interpreter, as a Spark worker is, and runs the function on an empty partition.
    Other ORM use (lambdas, functions nested in the job, projects without such helpers) gets no fix.
    """

    code = "SPK401"
    name = "orm-in-executor"
    bug_class = "P4"
    component_types = ("pyspark-job",)
    #: Spark code wherever it runs: a job a command hands a session built elsewhere is no pyspark-job component
    scope = "all"
    #: every finding is in (or called from) a module importing pyspark
    requires = ("pyspark",)
    fix_safety = "unsafe"

    VALID = (
        Example(  # queried once on the driver, joined as data
            path="shop/jobs/tiers.py", files=_MODELS,
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from shop.models import Customer\n\n\n"
                "def add_tiers(spark, orders):\n"
                "    tiers = spark.createDataFrame(list(Customer.objects.values_list('id', 'tier')), ['customer_id', 'tier'])\n"
                "    return orders.join(tiers, 'customer_id', 'left')\n"
            ),
        ),
        Example(  # per-partition setup, connection closed in finally
            path="shop/jobs/sync.py", files=_MODELS,
            code=(
                "import django\n"
                "from django.db import connection\n"
                "from pyspark.sql import SparkSession\n\n\n"
                "def save_partition(rows):\n"
                "    django.setup()\n"
                "    from shop.models import Customer\n"
                "    try:\n"
                "        Customer.objects.bulk_create([Customer(name=r.name, tier=r.tier) for r in rows])\n"
                "    finally:\n"
                "        connection.close()\n\n\n"
                "def sync(spark):\n"
                "    spark.read.parquet('s3://b/customers').foreachPartition(save_partition)\n"
            ),
        ),
        Example(  # pandas Series.map after toPandas runs on the driver
            path="shop/jobs/report.py", files=_MODELS,
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from shop.models import Customer\n\n\n"
                "def report(spark):\n"
                "    frame = spark.table('orders').groupBy('customer_id').count().toPandas()\n"
                "    frame['name'] = frame['customer_id'].map(lambda i: Customer.objects.get(pk=i).name)\n"
                "    return frame\n"
            ),
        ),
        Example(  # ORM in a driver loop over a bounded, collected frame
            path="shop/jobs/flag.py", files=_MODELS,
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from shop.models import Customer\n\n\n"
                "def flag(spark):\n"
                "    for row in spark.table('fraud_scores').where('score > 0.9').limit(500).collect():\n"
                "        Customer.objects.filter(pk=row.customer_id).update(tier='review')\n"
            ),
        ),
        Example(  # boto3's bucket.objects is not a Django manager
            path="shop/jobs/s3_sizes.py",
            code=(
                "import boto3\n"
                "from pyspark.sql import SparkSession\n\n\n"
                "def sizes(spark, prefixes):\n"
                "    def size(prefix):\n"
                "        bucket = boto3.resource('s3').Bucket('raw')\n"
                "        return sum(o.size for o in bucket.objects.filter(Prefix=prefix))\n"
                "    return spark.sparkContext.parallelize(prefixes).map(size).collect()\n"
            ),
        ),
        Example(  # executor code without the ORM
            path="shop/jobs/clean.py",
            code=(
                "from pyspark.sql import functions as F\n\n\n"
                "@F.udf('string')\n"
                "def normalize(email):\n"
                "    return email.strip().lower() if email else None\n\n\n"
                "def clean(spark):\n"
                "    return spark.sparkContext.textFile('in.txt').map(lambda l: l.split(','))\n"
            ),
        ),
    )
    INVALID = (
        Example(  # @udf with a manager call
            path="shop/jobs/tiers.py", files=_MODELS,
            code=(
                "from pyspark.sql import SparkSession, functions as F\n\n"
                "from shop.models import Customer\n\n\n"
                "@F.udf('string')\n"
                "def tier(customer_id):\n"
                "    return Customer.objects.get(pk=customer_id).tier\n\n\n"
                "def add_tiers(orders):\n"
                "    return orders.withColumn('tier', tier('customer_id'))\n"
            ),
        ),
        Example(  # rdd.map lambda through a helper in another module
            path="shop/jobs/enrich.py", files=(*_MODELS, _HELPER),
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from shop.pricing import tier_of\n\n\n"
                "def enrich(spark):\n"
                "    orders = spark.read.parquet('s3://b/orders')\n"
                "    return orders.rdd.map(lambda o: (o.id, tier_of(o.customer_id)))\n"
            ),
        ),
        Example(  # foreachPartition with a raw cursor, never closed
            path="shop/jobs/export.py",
            code=(
                "from django.db import connection\n"
                "from pyspark.sql import SparkSession\n\n\n"
                "def write_rows(rows):\n"
                "    with connection.cursor() as cur:\n"
                "        for r in rows:\n"
                "            cur.execute('INSERT INTO totals VALUES (%s, %s)', [r.day, r.total])\n\n\n"
                "def export(spark):\n"
                "    spark.table('daily_totals').foreachPartition(write_rows)\n"
            ),
        ),
        Example(  # a management command that starts a session; nested foreach function, F.udf(...) of a helper
            path="shop/management/commands/score_customers.py", files=(*_MODELS, _HELPER),
            code=(
                "from django.core.management.base import BaseCommand\n"
                "from pyspark.sql import SparkSession, functions as F\n\n"
                "from shop.models import Customer\n"
                "from shop.pricing import tier_of\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        spark = SparkSession.builder.appName('score').getOrCreate()\n"
                "        scores = spark.read.parquet('s3://b/scores')\n"
                "        tier_udf = F.udf(tier_of, 'string')\n"
                "        scores = scores.withColumn('tier', tier_udf('customer_id'))\n\n"
                "        def store(row):\n"
                "            Customer.objects.filter(pk=row.customer_id).update(tier=row.tier)\n\n"
                "        scores.foreach(store)\n"
            ),
            count=2,
        ),
        Example(  # spark.udf.register of a helper; functools.partial in foreachPartition; transaction.atomic
            path="shop/jobs/sql_udfs.py", files=(*_MODELS, _HELPER),
            code=(
                "import functools\n\n"
                "from django.db import transaction\n"
                "from pyspark.sql import SparkSession\n\n"
                "from shop.pricing import tier_of\n\n\n"
                "def save(rows, batch):\n"
                "    with transaction.atomic():\n"
                "        for r in rows:\n"
                "            pass\n\n\n"
                "def run(spark):\n"
                "    spark.udf.register('tier_of', tier_of, 'string')\n"
                "    frame = spark.sql('SELECT id, tier_of(customer_id) AS tier FROM orders')\n"
                "    frame.rdd.foreachPartition(functools.partial(save, batch=500))\n"
            ),
            count=2,
        ),
        Example(  # mapPartitions generator querying per partition without closing its connection
            path="shop/jobs/lookup.py", files=_MODELS,
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from shop.models import Customer\n\n\n"
                "def lookup(rows):\n"
                "    for r in rows:\n"
                "        yield r.id, Customer.objects.filter(pk=r.customer_id).exists()\n\n\n"
                "def run(spark):\n"
                "    return spark.table('orders').rdd.mapPartitions(lookup).toDF(['id', 'known'])\n"
            ),
        ),
        Example(  # spark-submit script: module-level code, pandas_udf, sc.parallelize
            path="jobs/nightly_counts.py", files=_MODELS,
            code=(
                "import django\n"
                "django.setup()\n\n"
                "import pandas as pd\n"
                "from pyspark import SparkContext\n"
                "from pyspark.sql import SparkSession\n"
                "from pyspark.sql.functions import pandas_udf\n\n"
                "from shop.models import Customer\n\n\n"
                "@pandas_udf('long')\n"
                "def order_counts(ids: pd.Series) -> pd.Series:\n"
                "    return ids.map(lambda i: Customer.objects.filter(pk=i).count())\n\n\n"
                "spark = SparkSession.builder.getOrCreate()\n"
                "sc = spark.sparkContext\n"
                "names = sc.parallelize(range(100)).map(lambda i: Customer.objects.get(pk=i).name).collect()\n"
            ),
            count=2,
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        frames = DataFrames(index)
        seen: set[tuple[str, int, int]] = set()
        for fn in spark_functions(ctx):
            module = index.module_of(fn)
            for closure in closures(index, frames, fn):
                where = closure.target or fn
                wmod = index.module_of(where)
                use = orm_use(index, wmod, closure.node, where.class_name)
                if use is None:
                    continue
                if closure.how in PER_PARTITION and sets_up_and_closes(index, wmod, closure.node):
                    continue
                key = (fn.file, closure.at.lineno, closure.at.col_offset)
                if key in seen:
                    continue
                seen.add(key)
                what, via = use
                through = f" (through {via.qualname})" if via is not None else ""
                yield self.finding(fn, closure.at, (
                    f"`{what}`{through} runs on Spark executors ({closure.how}): Django is not set up there and "
                    "every row opens its own query and connection; query once on the driver and join or "
                    "broadcast the data"), file=module.path,
                    related=[(via.file, via.line, "ORM use")] if via is not None else ())

    # ------------------------------------------------------------------ fix
    def _target(self, index: "RepoIndex", finding: Finding) -> tuple["FunctionInfo", Closure, Lookup] | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None or not fn.symbol:
            return None
        module = index.module_of(fn)
        for closure in closures(index, DataFrames(index), fn):
            if (closure.at.lineno, closure.at.col_offset) != (finding.line, finding.col) or closure.target:
                continue
            lookup = single_lookup(index, module, closure.node)
            return (fn, closure, lookup) if lookup is not None else None
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None:
            return self._set_up_in_worker(index, finding)
        fn, closure, lookup = target
        module = index.module_of(fn)
        sc = edits.spark_context(index, module, fn)
        # the statement of the job function that defines (or holds) the executor code: the read goes before it
        stmt = next((st for st in fn.node.body if any(n is closure.node for n in walk_tree(st))), None)
        if sc is None or stmt is None or "." in sc and sc.split(".")[0] not in DataFrames.params(fn) \
                and sc.split(".")[0] not in local_names(fn.node):
            return None
        src = module.source
        var, n = f"{lookup.field}_by_{lookup.key}", 2
        while var in src:
            var, n = f"{lookup.field}_by_{lookup.key}_{n}", n + 1
        start, _ = edits.line_span(src, stmt.lineno)
        indent = src[start:start + stmt.col_offset]
        read = (f"{indent}# read once on the driver: executor processes have no Django set up (and would query per row)\n"
                f"{indent}{var} = {sc}.broadcast(dict({lookup.model_src}.objects.values_list("
                f'"{lookup.key}", "{lookup.field}")))\n')
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            read += "\n"  # a nested definition keeps its blank line above
        s, e = edits.span(src, lookup.node)
        vs, ve = edits.span(src, lookup.value)
        new = edits.apply(src, [(start, start, read), (s, e, f"{var}.value[{src[vs:ve]}]")])
        return Patch(changes=(FileChange(finding.file, src, new),)) if new else None

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> "SourceTest | DirectTest | None":
        """Rows keyed by instances made in the test database go through the job on Spark; their looked-up values
        must come out (``rules/spark/_lib/oracles.py``)."""
        target = self._target(index, finding)
        if target is None:
            return self._fresh_worker_test(index, finding)
        fn, closure, lookup = target
        call = closure.at if isinstance(closure.at, ast.Call) else next(
            (n for n in walk_tree(fn.node) if isinstance(n, ast.Call) and closure.at in n.args), None)
        if call is None or not isinstance(closure.node, (ast.FunctionDef, ast.Lambda)) or not closure.node.args.args:
            return None
        row = closure.node.args.args[0].arg
        value = lookup.value
        if not (isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id == row):
            return None
        return oracles.as_spec(finding.symbol, oracles.orm_lookup_test(
            index, self.code, fn, closure.node, call, lookup.model, value.attr, lookup.field))

    # ------------------------------------------------------------------ per-worker setup (a partition function)
    def _partition_function(self, index: "RepoIndex", finding: Finding) -> "FunctionInfo | None":
        """The project function handed to ``foreachPartition``/``mapPartitions`` at the finding (defined at module
        level, so a worker imports it by name), when it uses the ORM and does not set Django up itself."""
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        for closure in closures(index, DataFrames(index), fn):
            if (closure.at.lineno, closure.at.col_offset) != (finding.line, finding.col):
                continue
            target = closure.target
            if closure.how not in PER_PARTITION or target is None or target.class_name \
                    or not isinstance(target.node, ast.FunctionDef) or not target.node.args.args:
                return None
            return target
        return None

    def _set_up_in_worker(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        """``setup()`` first in the partition function, its body in ``try``/``finally: close()``, with the
        project's own helpers (those its correct partition functions call)."""
        target = self._partition_function(index, finding)
        setup, close = worker_helpers(index)
        if target is None or setup is None:
            return None
        module = index.module_of(target)
        src = module.source
        body = target.node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]
        if not body:
            return None
        lines = src.splitlines(keepends=True)
        first, last = body[0].lineno - 1, target.node.end_lineno or body[-1].end_lineno
        if any(isinstance(n, ast.Constant) and isinstance(n.value, str) and n.lineno != n.end_lineno
               for st in body for n in walk_tree(st)):
            return None  # re-indenting would change a multi-line string
        indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
        unit = indent[: len(indent) - (target.node.col_offset or 0)] or "    "
        text = f"{indent}{setup.node.name}()\n"
        inner = "".join(unit + line if line.strip() else line for line in lines[first:last])
        if close is not None:
            text += f"{indent}try:\n{inner}{indent}finally:\n{indent}{unit}{close.node.name}()\n"
        else:
            # no closing helper: close this worker's connections as Django does at the end of a request
            # (imported after the setup, as the partition module must not touch Django before it)
            text += (f"{indent}from django.db import connections\n\n{indent}try:\n{inner}{indent}finally:\n"
                     f"{indent}{unit}connections.close_all()\n")
        new = "".join(lines[:first]) + text + "".join(lines[last:])
        import libcst as cst

        from rootfix.codemod import add_import

        tree = cst.parse_module(new)
        for helper in (setup, close):
            if helper is not None and helper.module != module.module:
                tree, local = add_import(tree, helper.module, helper.node.name, first_party=index.first_party)
                if local != helper.node.name:
                    return None
        new = tree.code
        try:
            ast.parse(new)
        except SyntaxError:
            return None
        return Patch(changes=(FileChange(module.path, src, new),))

    def _fresh_worker_test(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """A fresh interpreter (as a Spark Python worker is: the job's module imported by name, Django not set up)
        runs the partition function on an empty partition: it must not fail."""
        target = self._partition_function(index, finding)
        if target is None:
            return None
        params = dict(target_module_repr=repr(target.module), target_name_repr=repr(target.node.name))
        return DirectTest(target.symbol, target.file, ("spk401_runs_in_a_fresh_worker",), params)
