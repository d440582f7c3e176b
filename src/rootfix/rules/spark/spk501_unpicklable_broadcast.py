"""SPK501: model instances, querysets, clients or locks broadcast to executors or captured by executor code."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.project import values as V
from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.spark._dataframes import DataFrames
from rootfix.rules.spark._lib.executors import closures, local_names, spark_functions
from rootfix.rules.spark._lib.orm import MANAGERS
from rootfix.types import Finding

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

#: Constructors of objects that hold a socket, a file handle or a lock: they do not survive pickling, or
#: arrive on executors as a copy bound to nothing.
CLIENTS = {
    "threading.Lock": "a lock", "threading.RLock": "a lock", "threading.Semaphore": "a lock",
    "multiprocessing.Lock": "a lock", "redis.Redis": "a Redis client", "redis.StrictRedis": "a Redis client",
    "redis.Redis.from_url": "a Redis client", "redis.from_url": "a Redis client",
    "boto3.client": "a boto3 client", "boto3.resource": "a boto3 resource", "boto3.session.Session": "a boto3 session",
    "requests.Session": "an HTTP session", "requests.sessions.Session": "an HTTP session",
    "httpx.Client": "an HTTP client", "psycopg2.connect": "a database connection",
    "sqlite3.connect": "a database connection", "pymysql.connect": "a database connection",
    "django.db.connection": "the Django database connection",
    "django.db.connections": "the Django database connections",
    "smtplib.SMTP": "an SMTP connection", "open": "an open file",
}
#: QuerySet methods that return model instances (or a queryset) rather than plain values.
INSTANCE_METHODS = frozenset({"get", "first", "last", "latest", "earliest", "create", "get_or_create",
                              "in_bulk"})
PLAIN_METHODS = frozenset({"values", "values_list", "count", "exists", "aggregate", "iterator_values"})


def _manager_chain(node: ast.expr) -> list[str] | None:
    """``Customer.objects.filter(...).first()`` -> ``["filter", "first"]``; None when not a manager chain."""
    methods: list[str] = []
    cur = node
    while isinstance(cur, (ast.Call, ast.Attribute)):
        if isinstance(cur, ast.Call):
            cur = cur.func
            continue
        if cur.attr in MANAGERS:
            base = cur.value
            name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else ""
            return list(reversed(methods)) if name[:1].isupper() else None
        methods.append(cur.attr)
        cur = cur.value
    return None


def classify(index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo", node: ast.expr,
             depth: int = 0) -> str | None:
    """What ``node`` is when it cannot travel to executors: ``a queryset``, ``a model instance``, ``a lock``..."""
    if depth > 4:
        return None
    if isinstance(node, ast.Name):
        values = DataFrames.assignments(fn, node.id)
        if len(values) == 1:
            return classify(index, module, fn, values[0], depth + 1)
        dotted = index.resolve(module, node) or ""
        return CLIENTS.get(dotted) if dotted.startswith("django.db.") else None
    if isinstance(node, ast.Attribute) and (index.resolve(module, node) or "") in CLIENTS:
        return CLIENTS[index.resolve(module, node) or ""]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        kinds = [classify(index, module, fn, e, depth + 1) for e in node.elts]
        return next((k for k in kinds if k), None)
    if isinstance(node, ast.Dict):
        kinds = [classify(index, module, fn, v, depth + 1) for v in node.values if v is not None]
        return next((k for k in kinds if k), None)
    if isinstance(node, (ast.DictComp, ast.ListComp, ast.SetComp, ast.GeneratorExp)):
        # {room.number: room for room in rooms}: the comprehension's values are rows the ORM returned
        value = node.value if isinstance(node, ast.DictComp) else node.elt
        got = V.value_of(index, fn, value, node.lineno)
        return "model instances" if got is not None and got.is_instance else None
    if not isinstance(node, ast.Call):
        return None
    if isinstance(node.func, ast.Name) and node.func.id in ("list", "tuple", "set") and node.args:
        inner = classify(index, module, fn, node.args[0], depth + 1)
        return "model instances" if inner == "a queryset" else inner
    chain = _manager_chain(node)
    if chain is not None:
        if any(m in PLAIN_METHODS for m in chain):
            return None
        if chain and chain[-1] in INSTANCE_METHODS:
            return "a model instance"
        return "a queryset"
    dotted = index.resolve(module, node.func) or ""
    if dotted in CLIENTS:
        return CLIENTS[dotted]
    cls = index.lookup_class(dotted) if dotted else None
    if cls is not None and any("Model" in ast.unparse(b) for b in cls[1].bases):
        return "a model instance"
    return None


def _is_context(fn: "FunctionInfo", node: ast.expr) -> bool:
    """``sc`` / ``spark.sparkContext`` / a name bound to one (not ``pyspark.sql.functions.broadcast``)."""
    if isinstance(node, ast.Attribute):
        return node.attr == "sparkContext"
    if isinstance(node, ast.Name):
        if node.id in ("sc", "spark_context"):
            return True
        return any(isinstance(v, ast.Attribute) and v.attr == "sparkContext" or (
            isinstance(v, ast.Call) and "SparkContext" in ast.unparse(v.func)) for v in DataFrames.assignments(fn, node.id))
    return False


def shipped(index: "RepoIndex", frames: DataFrames, fn: "FunctionInfo") -> Iterator[tuple[ast.AST, str, str]]:
    """``(node, kind, how)``: what ``fn`` broadcasts or lets executor code capture that cannot travel."""
    module = index.module_of(fn)
    for node in ast.walk(fn.node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "broadcast" \
                and len(node.args) == 1 and _is_context(fn, node.func.value):
            kind = classify(index, module, fn, node.args[0])
            if kind:
                yield node, kind, "broadcast"
    for closure in closures(index, frames, fn):
        if closure.target is not None or closure.node is fn.node:
            continue  # a function of its own: its free names are module globals, not the driver's locals
        local = local_names(closure.node)
        for name in sorted({n.id for n in ast.walk(closure.node) if isinstance(n, ast.Name)
                            and isinstance(n.ctx, ast.Load) and n.id not in local}):
            values = DataFrames.assignments(fn, name)
            if len(values) != 1:
                continue
            kind = classify(index, module, fn, values[0])
            if kind:
                yield closure.at, kind, f"captured by {closure.how}() code as `{name}`"
                break


class UnpicklableBroadcast(Rule):
    """Model instances, querysets, clients or locks shipped to executors.

    ## What it does
    Finds `sc.broadcast(x)` and executor code (`map`/`foreach`/UDF functions and lambdas defined in the job)
    capturing a driver variable, when `x` is a Django model instance or queryset (`Customer.objects.get(...)`,
    `Order.objects.filter(...)`, `list(...)` of one), a client or connection (`redis.Redis(...)`,
    `boto3.client(...)`, `requests.Session()`, `django.db.connection`), a lock, or an open file.

    ## Why is this bad?
    Broadcasts and closures are pickled on the driver and unpickled in executor processes. A lock or a socket
    cannot be pickled (`TypeError: cannot pickle '_thread.lock' object` when the job starts); a boto3 or Redis
    client arrives as a copy tied to the driver's connection pool. Model instances and querysets pickle, but
    unpickling them needs Django set up in the executor (`AppRegistryNotReady`), and a queryset is evaluated
    on the driver into a full list of instances first: the whole table in driver and executor memory.

    ## Example
    ```python
    tiers = Customer.objects.filter(active=True)
    lookup = spark.sparkContext.broadcast(tiers)
    ```

    ## Use instead
    ```python
    lookup = spark.sparkContext.broadcast(dict(Customer.objects.filter(active=True).values_list("id", "tier")))
    ```
    Broadcast plain values; create clients inside `mapPartitions`/`foreachPartition`, once per partition.

    ## Fix safety
    No automatic fix: which plain values the executors need (which fields, keyed how) depends on the code that
    reads the broadcast.
    """

    code = "SPK501"
    name = "unpicklable-broadcast"
    bug_class = "P5"
    component_types = ("pyspark-job",)
    fix_safety = None

    VALID = (
        Example(  # plain values broadcast; a join hint; a client created per partition
            path="shop/jobs/tiers.py",
            files=(("shop/__init__.py", ""), ("shop/models.py", (
                "from django.db import models\n\n\n"
                "class Customer(models.Model):\n"
                "    tier = models.CharField(max_length=10)\n"))),
            code=(
                "import redis\n"
                "from pyspark.sql import SparkSession, functions as F\n\n"
                "from shop.models import Customer\n\n\n"
                "def push(rows):\n"
                "    client = redis.Redis()\n"
                "    for r in rows:\n"
                "        client.set(r.id, r.tier)\n\n\n"
                "def tiers(spark, orders, small):\n"
                "    lookup = spark.sparkContext.broadcast(dict(Customer.objects.values_list('id', 'tier')))\n"
                "    names = list(Customer.objects.values('id', 'tier'))\n"
                "    enriched = orders.rdd.map(lambda o: (o.id, lookup.value.get(o.customer_id), len(names)))\n"
                "    orders.foreachPartition(push)\n"
                "    return orders.join(F.broadcast(small), 'customer_id'), enriched\n"
            ),
        ),
    )
    INVALID = (
        Example(  # a queryset broadcast
            path="shop/jobs/tiers.py",
            files=(("shop/__init__.py", ""), ("shop/models.py", (
                "from django.db import models\n\n\n"
                "class Customer(models.Model):\n"
                "    tier = models.CharField(max_length=10)\n"))),
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from shop.models import Customer\n\n\n"
                "def tiers(spark, orders):\n"
                "    customers = Customer.objects.filter(tier='gold')\n"
                "    gold = spark.sparkContext.broadcast(customers)\n"
                "    return orders.rdd.filter(lambda o: o.customer_id in {c.pk for c in gold.value})\n"
            ),
        ),
        Example(  # a Redis client captured by a foreach function; a lock broadcast (spark-submit script)
            path="jobs/push.py",
            code=(
                "import threading\n\n"
                "import redis\n"
                "from pyspark import SparkContext\n\n\n"
                "def main():\n"
                "    sc = SparkContext.getOrCreate()\n"
                "    client = redis.Redis(host='cache')\n"
                "    guard = sc.broadcast(threading.Lock())\n\n"
                "    def push(line):\n"
                "        client.incr(line.split(',')[0])\n\n"
                "    sc.textFile('s3://b/hits').foreach(push)\n"
            ),
            count=2,
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        frames = DataFrames(ctx.index)
        for fn in spark_functions(ctx):
            for node, kind, how in shipped(ctx.index, frames, fn):
                verb = "are" if kind.endswith("s") and not kind.startswith("a ") else "is"
                yield self.finding(fn, node, (
                    f"{kind} {verb} {how}: it is pickled to executor processes, where it cannot be unpickled or "
                    "is no longer connected to anything; ship plain values, create clients per partition"),
                    file=fn.file)
