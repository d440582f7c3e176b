"""SPK501: model instances, querysets, clients or locks broadcast to executors or captured by executor code."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.project.style import line_length
from rootfix.project import values as V
from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.spark._dataframes import DataFrames
from rootfix.rules.spark._lib import edits, oracles
from rootfix.rules.spark._lib.executors import closures, local_names, module_body, spark_functions
from rootfix.rules.spark._lib.orm import MANAGERS
from rootfix.rules.spark._lib.snapshot import SNAPSHOT, broadcast_rows, columns_only, read_columns
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.index import walk_body
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex
    from rootfix.rules.base import SourceTest

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
        # ``rows = X.objects.filter(...)`` then ``rows = rows.filter(...)``: narrowing keeps what it is
        kinds = {classify(index, module, fn, v, depth + 1) for v in values if not _rooted_in(v, node.id)}
        if values and len(kinds) == 1 and None not in kinds:
            return kinds.pop()
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
    return _returned(index, module, fn, node, depth)


def _rooted_in(expr: ast.expr, name: str) -> bool:
    """``name.filter(...).order_by(...)``: a chain of calls on ``name`` itself."""
    while isinstance(expr, (ast.Call, ast.Attribute)):
        expr = expr.func if isinstance(expr, ast.Call) else expr.value
    return isinstance(expr, ast.Name) and expr.id == name


def _returned(index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo", call: ast.Call, depth: int) -> str | None:
    """What a project function returns, when it cannot travel: ``TariffBook.load(day)`` returning
    ``cls(day, list(tariffs))`` is an object holding the model instances it was built from."""
    target = index.resolve_call(module, call, fn.class_name)
    if target is None or target is fn:
        return None
    tmodule = index.module_of(target)
    for ret in (n.value for n in walk_body(target.node) if isinstance(n, ast.Return) and n.value is not None):
        kind = classify(index, tmodule, target, ret, depth + 1)
        if kind:
            return kind
        if isinstance(ret, ast.Call) and isinstance(ret.func, ast.Name) and ret.func.id in (
                "cls", target.class_name or "cls"):
            for arg in [*ret.args, *(k.value for k in ret.keywords)]:
                inner = classify(index, tmodule, target, arg, depth + 1)
                if inner:
                    what = "model instances" if inner in ("a queryset", "a model instance") else inner
                    return f"an object holding {what}"
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
    for node in walk_tree(fn.node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "broadcast" \
                and len(node.args) == 1 and _is_context(fn, node.func.value):
            kind = classify(index, module, fn, node.args[0])
            if kind:
                yield node, kind, "broadcast"
    for closure in closures(index, frames, fn):
        if closure.target is not None or closure.node is fn.node:
            continue  # a function of its own: its free names are module globals, not the driver's locals
        local = local_names(closure.node)
        for name in sorted({n.id for n in walk_tree(closure.node) if isinstance(n, ast.Name)
                            and isinstance(n.ctx, ast.Load) and n.id not in local}):
            values = DataFrames.assignments(fn, name)
            if len(values) != 1:
                continue
            kind = classify(index, module, fn, values[0])
            if kind:
                yield closure.at, kind, f"captured by {closure.how}() code as `{name}`"
                break


_TARIFF_MODELS = (("windops/__init__.py", ""), ("windops/models.py", (
    "from django.db import models\n\n\n"
    "class Tariff(models.Model):\n"
    "    farm_id = models.IntegerField()\n"
    "    rate = models.DecimalField(max_digits=8, decimal_places=4)\n")))


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
    Unsafe, and offered only for model rows broadcast from a comprehension (`{r.key: r for r in rows}`,
    `[r for r in rows]`) when everything the project reads of the broadcast's elements is a column of the
    model (`species.common_name`, `room.building_id`; no relation, method or property, and the element not
    passed on): each row becomes `SimpleNamespace(**{f.attname: getattr(r, f.attname) for f in
    r._meta.concrete_fields})`, a plain snapshot the readers use unchanged. Reading a related object, a method
    or a property gets no fix: which plain values the executors need then depends on the code that reads the
    broadcast. Clients, locks and querysets get no fix.
    """

    code = "SPK501"
    name = "unpicklable-broadcast"
    bug_class = "P5"
    component_types = ("pyspark-job",)
    #: Spark code wherever it runs: a job a command hands a session built elsewhere is no pyspark-job component
    scope = "all"
    fix_safety = "unsafe"

    VALID = (
        Example(  # the factory builds a plain dict from the rows on the driver: that travels
            path="windops/spark/curtailment.py",
            files=(*_TARIFF_MODELS, ("windops/pricing.py", (
                    "from windops.models import Tariff\n\n\n"
                    "def tariff_rates():\n"
                    "    return {t.farm_id: float(t.rate) for t in Tariff.objects.all()}\n"))),
            code=(
                "from windops.pricing import tariff_rates\n\n\n"
                "class CurtailmentJob:\n"
                "    def __init__(self, spark):\n"
                "        self.spark = spark\n\n"
                "    def tariffs(self):\n"
                "        return self.spark.sparkContext.broadcast(tariff_rates())\n"
            ),
        ),
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
        Example(  # an object a factory builds from model rows (in another module), broadcast by a job class
            path="windops/spark/curtailment.py",
            files=(*_TARIFF_MODELS, ("windops/pricing.py", (
                    "from windops.models import Tariff\n\n\n"
                    "class TariffBook:\n"
                    "    def __init__(self, tariffs):\n"
                    "        self.by_farm = {t.farm_id: t for t in tariffs}\n\n"
                    "    @classmethod\n"
                    "    def load(cls, farm=None):\n"
                    "        tariffs = Tariff.objects.order_by('pk')\n"
                    "        if farm is not None:\n"
                    "            tariffs = tariffs.filter(farm_id=farm)\n"
                    "        return cls(list(tariffs))\n"))),
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from windops.pricing import TariffBook\n\n\n"
                "class CurtailmentJob:\n"
                "    def __init__(self, spark):\n"
                "        self.spark = spark\n\n"
                "    def tariffs(self):\n"
                "        return self.spark.sparkContext.broadcast(TariffBook.load())\n"
            ),
        ),
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

    INVALID = INVALID + (
        Example(  # model rows broadcast by key, the UDF reading columns only: each becomes a plain snapshot
            path="wildlife/jobs/lookups.py",
            files=(("wildlife/__init__.py", ""), ("wildlife/models.py", (
                "from django.db import models\n\n\n"
                "class Species(models.Model):\n"
                "    label = models.CharField(max_length=40, unique=True)\n"
                "    common_name = models.CharField(max_length=80)\n"
                "    min_confidence = models.DecimalField(max_digits=3, decimal_places=2)\n")),
                ("wildlife/jobs/match.py", (
                    "from pyspark.sql import functions as F\n\n\n"
                    "def matcher(species_bc):\n"
                    "    def match(label, confidence):\n"
                    "        species = species_bc.value.get(label)\n"
                    "        if species is None or confidence < float(species.min_confidence):\n"
                    "            return None\n"
                    "        return species.common_name\n\n"
                    "    return F.udf(match, 'string')\n"))),
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from wildlife.models import Species\n\n\n"
                "def species_lookup(spark):\n"
                "    species = {s.label: s for s in Species.objects.all()}\n"
                "    return spark.sparkContext.broadcast(species)\n"
            ),
            fixed=(
                "from types import SimpleNamespace\n\n"
                "from pyspark.sql import SparkSession\n\n"
                "from wildlife.models import Species\n\n\n"
                "def species_lookup(spark):\n"
                "    species = {\n"
                "        s.label: SimpleNamespace(**{f.attname: getattr(s, f.attname) for f in s._meta.concrete_fields})\n"
                "        for s in Species.objects.all()\n"
                "    }\n"
                "    return spark.sparkContext.broadcast(species)\n"
            ),
        ),
        Example(  # the executors read a related row of each element: reported, no fix
            path="hotel/refdata.py",
            files=(("hotel/__init__.py", ""), ("hotel/models.py", (
                "from django.db import models\n\n\n"
                "class RoomType(models.Model):\n"
                "    credits = models.IntegerField()\n\n\n"
                "class Room(models.Model):\n"
                "    number = models.CharField(max_length=8)\n"
                "    room_type = models.ForeignKey(RoomType, on_delete=models.CASCADE)\n")),
                ("hotel/credits.py", (
                    "from pyspark.sql import functions as F\n\n\n"
                    "def rating(catalog):\n"
                    "    def rate(number):\n"
                    "        room = catalog.value.get(number)\n"
                    "        return None if room is None else room.room_type.credits\n\n"
                    "    return F.udf(rate, 'int')\n"))),
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from hotel.models import Room\n\n\n"
                "def room_catalog(spark):\n"
                "    return spark.sparkContext.broadcast({r.number: r for r in Room.objects.select_related('room_type')})\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        frames = DataFrames(ctx.index)
        for fn in spark_functions(ctx):
            for node, kind, how in shipped(ctx.index, frames, fn):
                verb = "are" if kind.endswith("s") and not kind.startswith(("a ", "an ")) else "is"
                yield self.finding(fn, node, (
                    f"{kind} {verb} {how}: it is pickled to executor processes, where it cannot be unpickled or "
                    "is no longer connected to anything; ship plain values, create clients per partition"),
                    file=fn.file)

    # ------------------------------------------------------------------ fix
    def _broadcast(self, index: "RepoIndex", finding: Finding):
        """``(owner, rows)``: the function and the comprehension of model rows the finding's broadcast ships."""
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        owner = index.enclosing_function(finding.file, finding.line) or module_body(module)
        for node in walk_tree(owner.node):
            if isinstance(node, ast.Call) and (node.lineno, node.col_offset) == (finding.line, finding.col) \
                    and isinstance(node.func, ast.Attribute) and node.func.attr == "broadcast" and node.args:
                rows = broadcast_rows(index, owner, node.args[0])
                if rows is not None and columns_only(index, rows.model):
                    return owner, rows
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        """Each broadcast row becomes a plain snapshot of its columns (see Fix safety)."""
        found = self._broadcast(index, finding)
        if found is None:
            return None
        owner, rows = found
        from rootfix.codemod.imports import add_from_import

        source = index.by_path[finding.file].source
        if "SimpleNamespace" in source and "from types import SimpleNamespace" not in source:
            return None  # the name means something else here
        snapshot = SNAPSHOT.format(v=rows.element.id)
        start, end = edits.span(source, rows.element)
        new = edits.apply(source, [(start, end, snapshot)])
        if new is None:
            return None
        comp = rows.comprehension
        line = new.splitlines()[comp.lineno - 1]
        if comp.lineno == comp.end_lineno and len(line) > (line_length(index.root) or 99):
            # one element per line, as black would lay the comprehension out
            indent = line[: len(line) - len(line.lstrip())]
            part = lambda node: ast.get_source_segment(source, node)  # noqa: E731
            gen = comp.generators[0]
            head = f"{part(comp.key)}: {snapshot}" if isinstance(comp, ast.DictComp) else snapshot
            loop = f"for {part(gen.target)} in {part(gen.iter)}" + "".join(f" if {part(c)}" for c in gen.ifs)
            opening, closing = ("{", "}") if isinstance(comp, ast.DictComp) else ("[", "]")
            start, end = edits.span(source, comp)
            new = edits.apply(source, [(start, end, f"{opening}\n{indent}    {head}\n{indent}    {loop}\n{indent}{closing}")])
            if new is None:
                return None
        new = add_from_import(new, "types", "SimpleNamespace", first_party=index.first_party)
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> "SourceTest | None":
        """Rows made in the test database, the broadcast built, and an executor reads its elements' columns."""
        found = self._broadcast(index, finding)
        if found is None:
            return None
        owner, rows = found
        return oracles.as_spec(finding.symbol, oracles.broadcast_rows_test(
            index, self.code, owner, rows.model, read_columns(index, rows.model)))
