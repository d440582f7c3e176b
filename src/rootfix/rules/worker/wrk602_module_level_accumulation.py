"""WRK602: a module-level dict/list/set that task code grows and nothing ever clears."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.worker import _w1common as w1
from rootfix.types import Finding
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex

GROW = frozenset({"append", "extend", "add", "update", "setdefault", "insert", "appendleft", "extendleft"})
SHRINK = frozenset({"clear", "pop", "popitem", "remove", "discard", "popleft"})
CONTAINERS = frozenset({"dict", "list", "set", "collections.defaultdict", "collections.OrderedDict",
                        "collections.Counter", "collections.deque", "defaultdict", "OrderedDict", "Counter", "deque"})

_FILES = (
    ("pricing/__init__.py", ""),
    ("pricing/models.py", '''from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    price = models.DecimalField(max_digits=10, decimal_places=2)
'''),
)

_BUGGY = '''import logging

from celery import shared_task

from pricing.models import Product

logger = logging.getLogger(__name__)

_PRICE_CACHE = {}


def _price(sku):
    if sku not in _PRICE_CACHE:
        _PRICE_CACHE[sku] = Product.objects.get(sku=sku).price
    return _PRICE_CACHE[sku]


@shared_task
def quote_cart(skus):
    return str(sum(_price(sku) for sku in skus))
'''


class ModuleLevelAccumulation(Rule):
    """Task code grows a module-level dict/list/set that is never cleared: memory grows per task run.

    ## What it does
    Finds module-level containers (``_CACHE = {}``, ``SEEN = set()``, ``defaultdict(list)``, ...) that
    tasks or the project code they call grow (``X[k] = v``, ``.append``, ``.add``, ``.update``,
    ``.setdefault``, ``+=``), when no code anywhere in the project shrinks or resets them (``.clear()``,
    ``.pop()``, ``del X[k]``, reassignment under ``global``, a ``len(X)`` bound check).

    ## Why is this bad?
    A worker process runs thousands of tasks; module globals live as long as the process. A "cache"
    keyed by user, SKU or URL only grows, and the worker's memory with it until it is OOM-killed (or
    ``worker_max_tasks_per_child`` hides the leak). Such caches also serve stale data: a price changed in
    the database is never seen again by that worker.

    ## Example
    ```python
    _PRICE_CACHE = {}

    def _price(sku):
        if sku not in _PRICE_CACHE:
            _PRICE_CACHE[sku] = Product.objects.get(sku=sku).price
        return _PRICE_CACHE[sku]
    ```

    ## Use instead
    ```python
    def quote_cart(skus):
        prices = dict(Product.objects.filter(sku__in=skus).values_list("sku", "price"))
    ```
    or a bounded cache (``functools.lru_cache(maxsize=...)``, Django's cache framework with a timeout).

    ## Fix safety
    No automatic fix: whether the data may be cached at all (staleness), per task or per process, and
    how large the bound should be are design decisions. (Converting to ``lru_cache`` is only mechanical
    for a single memoised function and still changes staleness.)
    """

    code = "WRK602"
    name = "module-level-accumulation"
    bug_class = "W6"
    component_types = ("background-worker", "scheduled-job")
    fix_safety = None

    VALID = (
        # bounded: cleared at the start of every run
        Example(_BUGGY.replace("def quote_cart(skus):\n", "def quote_cart(skus):\n    _PRICE_CACHE.clear()\n"),
                path="pricing/tasks.py", files=_FILES),
        # size-checked
        Example(_BUGGY.replace("    if sku not in _PRICE_CACHE:\n",
                               "    if len(_PRICE_CACHE) > 10_000:\n        _PRICE_CACHE.popitem()\n"
                               "    if sku not in _PRICE_CACHE:\n"), path="pricing/tasks.py", files=_FILES),
        # a local container with the same name shadows the global
        Example('''from celery import shared_task

from pricing.models import Product

seen = set()


@shared_task
def dedupe(skus):
    seen = set()
    for sku in skus:
        seen.add(sku)
    return Product.objects.filter(sku__in=seen).count()
''', path="pricing/tasks.py", files=_FILES),
    )
    INVALID = (
        Example(_BUGGY, path="pricing/tasks.py", files=_FILES),
        # grown from another module through an import
        Example('''from celery import shared_task

from pricing.registry import FAILED_SKUS


@shared_task
def import_feed(rows):
    for row in rows:
        if not row.get("price"):
            FAILED_SKUS.append(row["sku"])
''', path="pricing/tasks.py", files=(*_FILES, ("pricing/registry.py", "FAILED_SKUS = []\n"))),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        shrunk = _shrunk_globals(index)
        reported: set[str] = set()
        for fn, _task in w1.worker_functions(index).values():
            if not ctx.in_scope(fn):
                continue
            module = index.module_of(fn)
            local = _local_names(fn.node)
            for node in w1._walk_no_defs(fn.node.body):
                name_node = _grown(node)
                if name_node is None or name_node.id in local:
                    continue
                dotted = _global_container(index, module, name_node)
                if dotted is None or dotted in shrunk or dotted in reported:
                    continue
                reported.add(dotted)
                yield self.finding(
                    fn, node,
                    f"`{name_node.id}` ({dotted}) is a module-level container that worker code grows here and "
                    f"nothing ever clears: it lives as long as the worker process")


def _grown(node: ast.AST) -> ast.Name | None:
    if isinstance(node, ast.Assign):
        for t in node.targets:
            if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name):
                return t.value
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Subscript) and isinstance(node.target.value, ast.Name):
        return node.target.value
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and isinstance(node.op, (ast.Add, ast.BitOr)):
        return node.target
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in GROW \
            and isinstance(node.func.value, ast.Name):
        return node.func.value
    return None


def _local_names(fn: ast.AST) -> set[str]:
    globals_: set[str] = set()
    out: set[str] = set()
    for node in walk_tree(fn):
        if isinstance(node, ast.Global):
            globals_.update(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.add(node.id)
        elif isinstance(node, ast.arg):
            out.add(node.arg)
    return out - globals_


def _global_container(index: "RepoIndex", module: "ModuleInfo", name: ast.Name) -> str | None:
    dotted = index.resolve(module, name) or ""
    mod, _, attr = dotted.rpartition(".")
    info = index.modules.get(mod)
    if info is None:
        return None
    value = info.assignments.get(attr)
    if isinstance(value, (ast.Dict, ast.List, ast.Set)) or (
            isinstance(value, ast.Call) and (index.resolve(info, value.func) or "") in CONTAINERS):
        return f"{mod}.{attr}"
    return None


def _shrunk_globals(index: "RepoIndex") -> set[str]:
    """Module containers that some code of the project shrinks, resets or bounds."""
    out: set[str] = set()
    for info in index.modules.values():
        globals_in: dict[int, set[str]] = {}
        for node in walk_tree(info.tree):
            names: list[ast.expr] = []
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SHRINK:
                names.append(node.func.value)
            elif isinstance(node, ast.Delete):
                names.extend(t.value for t in node.targets if isinstance(t, ast.Subscript))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and node.args:
                names.append(node.args[0])
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                declared = {n for g in walk_tree(node) if isinstance(g, ast.Global) for n in g.names}
                for sub in walk_tree(node):
                    if isinstance(sub, ast.Assign):
                        for t in sub.targets:
                            if isinstance(t, ast.Name) and t.id in declared:
                                names.append(t)
            for n in names:
                if isinstance(n, (ast.Name, ast.Attribute)):
                    dotted = index.resolve(info, n)
                    if dotted:
                        out.add(dotted)
        del globals_in
    return out
