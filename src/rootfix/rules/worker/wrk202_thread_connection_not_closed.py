"""WRK202: a thread started in task code uses the ORM and never closes its DB connection."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

import libcst as cst

from rootfix import codemod
from rootfix.rules.base import CheckContext, Example, Rule, TaskReplay
from rootfix.rules.worker import _w1common as w1
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

THREAD = frozenset({"threading.Thread"})
EXECUTORS = frozenset({"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.thread.ThreadPoolExecutor",
                       "multiprocessing.pool.ThreadPool", "multiprocessing.dummy.Pool"})
PARTIAL = frozenset({"functools.partial"})
#: Calls that close the calling thread's connection(s).
CLOSERS = frozenset({"django.db.close_old_connections", "django.db.connection.close",
                     "django.db.connections.close_all"})
DB_NAMES = ("django.db.connection", "django.db.connections", "django.db.transaction")

_FILES = (
    ("catalog/__init__.py", ""),
    ("catalog/models.py", '''from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    price_cents = models.IntegerField()
    competitor_price_cents = models.IntegerField(null=True)
'''),
    ("catalog/pricing.py", '''import requests


def fetch_competitor_price(sku):
    resp = requests.get(f"https://prices.example.com/v2/{sku}", timeout=5)
    resp.raise_for_status()
    return resp.json()["price_cents"]
'''),
)

_BUGGY = '''import logging
from concurrent.futures import ThreadPoolExecutor

from celery import shared_task

from catalog.models import Product
from catalog.pricing import fetch_competitor_price

logger = logging.getLogger(__name__)


def _refresh_one(product_id):
    product = Product.objects.get(pk=product_id)
    product.competitor_price_cents = fetch_competitor_price(product.sku)
    product.save(update_fields=["competitor_price_cents"])


@shared_task
def refresh_competitor_prices(product_ids):
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(_refresh_one, product_ids))
    logger.info("refreshed %d competitor prices", len(product_ids))
'''

_FIXED = '''import logging
from concurrent.futures import ThreadPoolExecutor

from celery import shared_task
from django.db import connection

from catalog.models import Product
from catalog.pricing import fetch_competitor_price

logger = logging.getLogger(__name__)


def _refresh_one(product_id):
    try:
        product = Product.objects.get(pk=product_id)
        product.competitor_price_cents = fetch_competitor_price(product.sku)
        product.save(update_fields=["competitor_price_cents"])
    finally:
        connection.close()


@shared_task
def refresh_competitor_prices(product_ids):
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(_refresh_one, product_ids))
    logger.info("refreshed %d competitor prices", len(product_ids))
'''

_BUGGY_THREAD = '''import threading

from django.db import transaction
from rq.decorators import job

from catalog.models import Product


def _reprice(products, factor):
    """Apply a price change to a batch."""
    with transaction.atomic():
        for product in products:
            Product.objects.filter(pk=product.pk).update(price_cents=int(product.price_cents * factor))


@job("pricing")
def apply_price_change(factor):
    batch = list(Product.objects.filter(competitor_price_cents__isnull=False)[:1000])
    worker = threading.Thread(target=_reprice, args=(batch, factor), daemon=True)
    worker.start()
    worker.join()
'''

_FIXED_THREAD = '''import threading

from django.db import connection, transaction
from rq.decorators import job

from catalog.models import Product


def _reprice(products, factor):
    """Apply a price change to a batch."""
    try:
        with transaction.atomic():
            for product in products:
                Product.objects.filter(pk=product.pk).update(price_cents=int(product.price_cents * factor))
    finally:
        connection.close()


@job("pricing")
def apply_price_change(factor):
    batch = list(Product.objects.filter(competitor_price_cents__isnull=False)[:1000])
    worker = threading.Thread(target=_reprice, args=(batch, factor), daemon=True)
    worker.start()
    worker.join()
'''


class ThreadConnectionNotClosed(Rule):
    """A thread or thread pool started in task code runs ORM code that never closes its DB connection.

    ## What it does
    Finds ``threading.Thread(target=f)``, ``ThreadPoolExecutor().submit(f, ...)`` / ``.map(f, ...)``
    (also ``functools.partial(f, ...)`` and ``ThreadPool`` / ``multiprocessing.dummy.Pool``) in Celery/RQ
    tasks and the project code they call, where ``f`` is a project function that uses the ORM (a model
    manager, ``.save()`` / ``.delete()``, ``django.db.connection`` / ``connections`` / ``transaction``),
    directly or in the project functions it calls, and does not call ``close_old_connections()``,
    ``connection.close()`` or ``connections.close_all()`` in a ``finally``.

    ## Why is this bad?
    Django's connections are per thread and closed only by the request cycle's signals. A worker thread
    that touched the ORM leaves its connection open when it ends: nothing closes it until garbage
    collection gets to it, which for a thread pool's reused threads is never. A task that fans out to a
    pool of 8 threads holds up to 8 extra connections per run and worker process, and a busy queue
    exhausts ``max_connections`` ("FATAL: sorry, too many clients already") for every service on the
    database.

    ## Example
    ```python
    def _refresh_one(product_id):
        product = Product.objects.get(pk=product_id)
        ...

    @shared_task
    def refresh_competitor_prices(product_ids):
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(_refresh_one, product_ids))
    ```

    ## Use instead
    ```python
    def _refresh_one(product_id):
        try:
            product = Product.objects.get(pk=product_id)
            ...
        finally:
            connection.close()
    ```

    ## Fix safety
    Unsafe: the thread target's body (after its docstring) is wrapped in ``try: ... finally:
    connection.close()`` (``from django.db import connection`` is added, or the existing import reused).
    When the same function is also called directly in the main thread - inside ``atomic()`` or a Django
    ``TestCase`` - that close ends the caller's connection and breaks its transaction; move the close
    into a thread-only wrapper in that case. Targets that are not project functions (lambdas, methods
    of objects) are reported without a fix.

    The regression test replays the project's tests that run the task and records every DB connection
    opened in a thread other than the test's own; it asserts each was closed by the time the task
    returned (it is skipped when no replayed test opens one).
    """

    code = "WRK202"
    name = "thread-connection-not-closed"
    bug_class = "W2"
    component_types = ("background-worker", "scheduled-job")
    fix_safety = "unsafe"

    VALID = (
        Example(_FIXED, path="catalog/tasks.py", files=_FILES),
        Example(_FIXED_THREAD, path="catalog/tasks.py", files=_FILES),
        # close_old_connections in a finally; a thread that does no DB work; a process pool
        Example('''from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from celery import shared_task
from django.db import close_old_connections

from catalog.models import Product
from catalog.pricing import fetch_competitor_price


def _refresh_one(product_id):
    close_old_connections()
    try:
        product = Product.objects.get(pk=product_id)
        product.competitor_price_cents = fetch_competitor_price(product.sku)
        product.save(update_fields=["competitor_price_cents"])
    finally:
        close_old_connections()


def _fetch(sku):
    return fetch_competitor_price(sku)


@shared_task
def refresh_competitor_prices(product_ids):
    skus = list(Product.objects.filter(pk__in=product_ids).values_list("sku", flat=True))
    with ThreadPoolExecutor(max_workers=8) as pool:
        prices = list(pool.map(_fetch, skus))
        for product_id in product_ids:
            pool.submit(_refresh_one, product_id)
    with ProcessPoolExecutor() as procs:
        procs.map(len, skus)
    return prices
''', path="catalog/tasks.py", files=_FILES),
        # not worker code: a management command's thread is another rule's business
        Example('''import threading

from catalog.models import Product


def _touch():
    Product.objects.update(competitor_price_cents=None)


def reset_prices():
    threading.Thread(target=_touch).start()
''', path="catalog/maintenance.py", files=_FILES),
    )
    INVALID = (
        Example(_BUGGY, path="catalog/tasks.py", files=_FILES, fixed=_FIXED),
        Example(_BUGGY_THREAD, path="catalog/tasks.py", files=_FILES, fixed=_FIXED_THREAD),
        # the target lives in another module and reaches the ORM through a helper; submit with partial
        Example('''from concurrent import futures
from functools import partial

from celery import shared_task

from catalog.sync import sync_product


@shared_task
def sync_catalog(product_ids, source):
    with futures.ThreadPoolExecutor(max_workers=4) as pool:
        jobs = [pool.submit(partial(sync_product, source=source), pk) for pk in product_ids]
    return sum(job.result() for job in jobs)
''', path="catalog/tasks.py", files=(*_FILES, ("catalog/sync.py", '''from catalog.models import Product
from catalog.pricing import fetch_competitor_price


def _store(product, price):
    product.competitor_price_cents = price
    product.save(update_fields=["competitor_price_cents"])
    return 1


def sync_product(pk, source):
    product = Product.objects.get(pk=pk)
    return _store(product, fetch_competitor_price(product.sku))
'''))),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        reported: set[str] = set()
        for fn, _task in w1.worker_functions(index).values():
            if not ctx.in_scope(fn):
                continue
            module = index.module_of(fn)
            for call, how, target_expr in spawns(index, module, fn):
                target = resolve_target(index, module, fn, target_expr)
                if target is None or target.qualname in reported:
                    continue
                orm = orm_use(index, target)
                if orm is None or closes_in_finally(index, target):
                    continue
                reported.add(target.qualname)
                yield self.finding(
                    fn, call,
                    f"{how} runs {target.symbol}() in another thread; it uses the ORM ({orm}) but never closes "
                    f"that thread's DB connection in a `finally`: every run leaks a connection",
                    related=((target.file, target.line, f"thread target {target.symbol}"),))

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target_of(index, finding)
        if target is None:
            return None
        info = index.module_of(target)
        module = cst.parse_module(info.source)
        local = {m.split(".")[0] for m in index.modules}
        module, conn = codemod.import_in_group(module, "django.db", "connection", local)
        shift = len(module.code.splitlines()) - len(info.source.splitlines())
        module, fdef = codemod.function_at(module, target.node.lineno + shift, target.node.name)
        if fdef is None or not isinstance(fdef.body, cst.IndentedBlock):
            return None

        def change(node: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(node, cst.FunctionDef)
            body = list(node.body.body)  # type: ignore[union-attr]
            keep = []
            if body and _is_docstring(body[0]):
                keep, body = body[:1], body[1:]
            if not body:
                return node
            first = body[0]
            leading = getattr(first, "leading_lines", ())
            body[0] = first.with_changes(leading_lines=())  # type: ignore[union-attr]
            try_node = cst.Try(
                body=cst.IndentedBlock(body=body),
                finalbody=cst.Finally(body=cst.IndentedBlock(body=[cst.parse_statement(f"{conn}.close()\n")])),
                leading_lines=leading)
            return node.with_changes(body=node.body.with_changes(body=[*keep, try_node]))

        module = codemod.replace_node(module, fdef, change)
        return Patch(changes=(FileChange(target.file, info.source, module.code),))

    def regression(self, index: "RepoIndex", finding: Finding) -> TaskReplay | None:
        fn = index.enclosing_function(finding.file, finding.line)
        entry = w1.worker_functions(index).get(fn.qualname) if fn else None
        target = self._target_of(index, finding)
        if entry is None or target is None:
            return None
        check = ("    if not _THREAD_CONNECTIONS:\n"
                 f"        pytest.skip(\"this scenario opens no DB connection in a thread started by {fn.symbol}\")\n"
                 "    leaked = [name for name, wrapper in _THREAD_CONNECTIONS if not _closed(wrapper)]\n"
                 "    assert not leaked, (\n"
                 f"        f\"the DB connection(s) opened in thread(s) {{leaked}} running {target.symbol}() were left \"\n"
                 "        \"open when the task returned: close them in a `finally` of the thread's function\")\n")
        return TaskReplay(
            fn.symbol, entry[1], "watch", rule=self.name,
            doc=f"A thread started by the task to run {target.symbol}() must close the DB connection it opened.",
            watched="recording the DB connections opened in other threads", setup_template="wrk202_watch_thread_connections", check=check)

    @staticmethod
    def _target_of(index: "RepoIndex", finding: Finding) -> "FunctionInfo | None":
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        module = index.module_of(fn)
        for call, _how, expr in spawns(index, module, fn):
            if call.lineno == finding.line and call.col_offset == finding.col:
                return resolve_target(index, module, fn, expr)
        return None


def _is_docstring(stmt: cst.BaseStatement) -> bool:
    return (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Expr)
            and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


def _executor_names(index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo") -> set[str]:
    """Local names bound to a thread pool: ``with ThreadPoolExecutor() as pool`` / ``pool = ThreadPool(4)``."""
    out: set[str] = set()
    for node in w1._walk_no_defs(fn.node.body):
        if isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name) \
                and _is_executor(index, module, node.context_expr):
            out.add(node.optional_vars.id)
        elif isinstance(node, ast.Assign) and _is_executor(index, module, node.value):
            out.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return out


def _is_executor(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr) -> bool:
    return isinstance(expr, ast.Call) and (index.resolve(module, expr.func) or "") in EXECUTORS


def spawns(index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo") -> Iterator[tuple[ast.Call, str, ast.expr]]:
    """``(call, description, target expression)`` for every thread / thread-pool start in ``fn``."""
    pools = _executor_names(index, module, fn)
    calls = sorted((n for n in w1._walk_no_defs(fn.node.body) if isinstance(n, ast.Call)),
                   key=lambda c: (c.lineno, c.col_offset))
    for call in calls:
        func = call.func
        if (index.resolve(module, func) or "") in THREAD:
            target = next((kw.value for kw in call.keywords if kw.arg == "target"), None)
            if target is None and len(call.args) >= 2:
                target = call.args[1]
            if target is not None:
                yield call, "threading.Thread(target=...)", target
            continue
        if isinstance(func, ast.Attribute) and func.attr in ("submit", "map", "imap", "imap_unordered",
                                                             "apply_async", "starmap") and call.args:
            base = func.value
            if (isinstance(base, ast.Name) and base.id in pools) or _is_executor(index, module, base):
                yield call, f"the thread pool's .{func.attr}()", call.args[0]


def resolve_target(index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo",
                   expr: ast.expr) -> "FunctionInfo | None":
    """The project function a thread target refers to (through ``functools.partial``)."""
    if isinstance(expr, ast.Call) and (index.resolve(module, expr.func) or "") in PARTIAL and expr.args:
        expr = expr.args[0]
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id in ("self", "cls") \
            and fn.class_name:
        return module.functions.get(f"{fn.class_name}.{expr.attr}")
    if not isinstance(expr, (ast.Name, ast.Attribute)):
        return None
    dotted = index.resolve(module, expr)
    return index.lookup_function(dotted) if dotted else None


def orm_use(index: "RepoIndex", target: "FunctionInfo", max_depth: int = 2) -> str | None:
    """How ``target`` (or a project function it calls) uses the ORM, e.g. ``Product.objects``; None if it does not."""
    for fn, _depth in index.reachable(target, max_depth):
        module = index.module_of(fn)
        for node in w1._walk_no_defs(fn.node.body):
            if isinstance(node, ast.Attribute) and node.attr in ("objects", "_default_manager"):
                return ast.unparse(node)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("save", "delete", "refresh_from_db") and not node.args:
                return f"{ast.unparse(node.func)}()"
            if isinstance(node, (ast.Name, ast.Attribute)):
                dotted = index.resolve(module, node) or ""
                if dotted in DB_NAMES:
                    return ast.unparse(node)
    return None


def closes_in_finally(index: "RepoIndex", target: "FunctionInfo") -> bool:
    """``target`` closes its thread's connection in a ``finally`` of its own body."""
    module = index.module_of(target)
    for node in w1._walk_no_defs(target.node.body):
        if isinstance(node, ast.Try):
            for sub in w1._walk_no_defs(node.finalbody):
                if isinstance(sub, ast.Call) and (index.resolve(module, sub.func) or "") in CLOSERS:
                    return True
    return False
