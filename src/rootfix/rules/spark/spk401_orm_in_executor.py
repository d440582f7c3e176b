"""SPK401: Django ORM / database connection used in code that runs on Spark executors."""
from __future__ import annotations

from typing import Iterable

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.spark._dataframes import DataFrames
from rootfix.rules.spark._lib.executors import PER_PARTITION, closures, spark_functions
from rootfix.rules.spark._lib.orm import orm_use, sets_up_and_closes
from rootfix.types import Finding

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
    No automatic fix: moving the query to the driver changes the job's shape (what to fetch, how to join it),
    and per-partition setup depends on how executors get the project's settings and database access.
    """

    code = "SPK401"
    name = "orm-in-executor"
    bug_class = "P4"
    component_types = ("pyspark-job",)
    #: every finding is in (or called from) a module importing pyspark
    requires = ("pyspark",)
    fix_safety = None

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
