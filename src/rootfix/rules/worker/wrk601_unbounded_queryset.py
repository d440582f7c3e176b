"""WRK601: an unbounded queryset of model instances loaded whole in a task."""
from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix import codemod
from rootfix.rules.base import CheckContext, Example, Rule, TaskReplay
from rootfix.rules.worker import _w1common as w1
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex
    from rootfix.project.values import Scope, Value

CHUNK = 2000
#: Methods after which the queryset no longer yields cached model instances (or is bounded / not iterated).
NOT_INSTANCES = frozenset({"iterator", "values", "values_list", "count", "exists", "aggregate", "first", "last",
                           "get", "in_bulk", "delete", "update", "none", "earliest", "latest", "explain",
                           "get_or_create", "update_or_create", "create", "bulk_create", "bulk_update"})
QS_METHODS = frozenset({"all", "filter", "exclude", "order_by", "select_related", "prefetch_related", "only",
                        "defer", "using", "annotate", "distinct", "reverse", "select_for_update", "alias", "extra"})
RANGE = ("__lt", "__lte", "__gt", "__gte", "__isnull")
MANAGERS = ("objects", "_default_manager", "_base_manager")

_FILES = (
    ("accounts/__init__.py", ""),
    ("accounts/models.py", '''from django.db import models


class Customer(models.Model):
    email = models.EmailField()
    is_active = models.BooleanField(default=True)
    last_login = models.DateTimeField(null=True)
    score = models.IntegerField(default=0)
'''),
)

_BUGGY = '''import logging

from celery import shared_task

from accounts.models import Customer

logger = logging.getLogger(__name__)


@shared_task
def recompute_scores():
    updated = 0
    for customer in Customer.objects.all():
        customer.score = len(customer.email)
        customer.save(update_fields=["score"])
        updated += 1
    logger.info("rescored %d customers", updated)
    return updated
'''

_FIXED = _BUGGY.replace("in Customer.objects.all():", "in Customer.objects.all().iterator(chunk_size=2000):")


class UnboundedQuerysetInTask(Rule):
    """A task loads a whole table's model instances into memory at once.

    ## What it does
    Finds, in tasks and the project code they reach (helpers in other modules, service objects'
    methods, model methods, functions nested in the task), ``for x in <queryset>``, ``list(<queryset>)``,
    comprehensions, ``len(<queryset>)`` and truth tests (``if qs:``, ``not qs``, ``bool(qs)``) of a
    queryset that is *unbounded*: rooted at a model manager (``Model.objects``, a custom manager or
    queryset method), not sliced, not ``.iterator()``, not ``values()``/``values_list()`` (for loops
    and lists), and not narrowed by an equality filter - only ``.all()`` or one-sided range lookups
    (``created__lt=cutoff``, the backlog that grows with the table), alone or beside a boolean flag
    (``due__lt=day, exempt=False``) or an ``exclude()`` (neither bounds what remains). The queryset may come from a
    variable or a helper's return value (``rootfix.project.values``); the message names the task the
    code runs in. Querysets of a related manager (``order.lines.all()``) and ones narrowed by an
    equality or boolean filter are left alone: the rule cannot know table sizes and prefers silence
    to noise. A window bounded on both sides (``filter(at__gte=since, at__lt=until)``) is reported only in a
    loop that yields each row on: a generator promises its caller rows one at a time, and the window's width is
    the caller's (a year of check-ins), so the result cache defeats the streaming it offers.

    A loop that works off a backlog is not reported: each row it handles leaves the set it was selected by
    (`filter(is_active=True)`, and the loop, or a function it hands the row to, sets `is_active = False`).

    ## Why is this bad?
    Iterating a queryset fills its result cache: every row becomes a model instance kept alive until
    the loop ends. On a table that grows (customers, pings, old records to purge), a nightly task that
    once took 50 MB takes gigabytes, gets OOM-killed by the container, and Celery redelivers it to the
    next worker (``acks_late``), which dies the same way.

    ## Example
    ```python
    for customer in Customer.objects.all():
        customer.score = compute(customer)
        customer.save(update_fields=["score"])
    ```

    ## Use instead
    ```python
    for customer in Customer.objects.all().iterator(chunk_size=2000):
        ...
    ```

    ## Fix safety
    ``len(qs)`` becomes ``qs.count()`` and a truth test ``qs.exists()`` (the database counts).
    ``.iterator(chunk_size=2000)`` is added at the loop. ``items = list(<queryset>)`` is fixed when the
    list is only tested, counted and iterated once afterwards (``if not items`` -> ``.exists()``,
    ``len(items)`` -> ``.count()``, the loop streams); other ``list()`` uses and comprehensions keep the
    whole result anyway and need a redesign. Safe when the loop is the only
    evaluation of the queryset; unsafe when the same queryset variable is evaluated again (it is then
    queried twice) or uses ``prefetch_related`` (prefetching then happens per chunk, Django >= 4.1).
    On PostgreSQL behind PgBouncer in transaction mode, ``iterator()`` needs
    ``DISABLE_SERVER_SIDE_CURSORS = True``.

    The regression test replays the project's tests that run the task and watches how the loop of the
    finding evaluates its queryset: filling the result cache (``QuerySet._fetch_all``) from that loop
    fails, streaming it (``QuerySet.iterator``) passes. It is skipped when no replayed test reaches the
    loop, and none is written for ``list()`` / comprehension findings (no fix) or when no project test
    runs the task.
    """

    code = "WRK601"
    name = "unbounded-queryset-in-task"
    bug_class = "W6"
    component_types = ("background-worker", "scheduled-job")
    fix_safety = "safe"

    VALID = (
        Example(_FIXED, path="accounts/tasks.py", files=_FILES),
        # bounded: sliced batch, values_list of ids, narrowed by an equality filter
        Example('''from celery import shared_task

from accounts.models import Customer


@shared_task
def rescore_batch(start_id):
    for customer in Customer.objects.filter(pk__gte=start_id).order_by("pk")[:500]:
        customer.save()
    ids = list(Customer.objects.values_list("pk", flat=True))
    for customer in Customer.objects.filter(email="vip@example.com"):
        customer.save()
    return ids
''', path="accounts/tasks.py", files=_FILES),
        # a backlog the loop works off: each row handled leaves the filter (through a helper)
        Example('''from celery import shared_task

from accounts.models import Customer
from accounts.services import deactivate


@shared_task
def deactivate_lapsed():
    for customer in Customer.objects.filter(is_active=True, last_login__lt="2020-01-01"):
        deactivate(customer)
''', path="accounts/tasks.py", files=(*_FILES, ("accounts/services.py", '''def deactivate(customer):
    customer.is_active = False
    customer.save(update_fields=["is_active"])
'''))),
        # not a task: a management command is another component
        Example('''from accounts.models import Customer


def export_all():
    return [c.email for c in Customer.objects.all()]
''', path="accounts/exports.py", files=_FILES),
    )
    INVALID = (
        Example(_BUGGY, path="accounts/tasks.py", files=_FILES, fixed=_FIXED),
        # through a helper the task calls, with the queryset in a variable, and a list() of the backlog
        Example('''from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from accounts.models import Customer


def _dormant_customers(now):
    return list(Customer.objects.filter(last_login__lt=now - timedelta(days=365)))


@shared_task
def deactivate_dormant():
    cutoff = timezone.now() - timedelta(days=365)
    stale = Customer.objects.filter(last_login__lt=cutoff).select_related()
    for customer in stale:
        customer.is_active = False
        customer.save(update_fields=["is_active"])
    return len(_dormant_customers(timezone.now()))
''', path="accounts/tasks.py", files=_FILES, count=2),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        worker = w1.worker_code(index)
        todo: list[tuple["FunctionInfo", str]] = []
        for fn, task in worker.values():
            if not ctx.in_scope(fn) and fn.qualname not in w1.worker_functions(index):
                if ctx.scope is not None and task.fn.qualname not in ctx.scope:
                    continue
            todo.append((fn, "" if task.fn.qualname == fn.qualname else f" (runs in task {task.fn.symbol})"))
        # a management command that cron, beat or a k8s CronJob runs is a scheduled job too: its loops run
        # unattended over a table that keeps growing (only the scheduled ones: a one-off admin command is
        # run by a person who watches it)
        for qualname in sorted(_scheduled_command_code(ctx) - set(worker)):
            fn = index.functions.get(qualname)
            if fn is not None:
                todo.append((fn, " (runs in a scheduled management command)"))
        for fn, where in todo:
            for site in sites(index, fn):
                kind, expr, value, node = site
                model = (value.model or "?").rsplit(".", 1)[-1]
                text = ast.unparse(expr)
                if kind == "len":
                    message = (f"len() of every {model} row (`{text}`) loads the whole table into memory to count "
                               f"it{where}: use .count()")
                elif kind == "bool":
                    message = (f"testing `{text}` for truth loads every {model} row into memory{where}: "
                               f"use .exists()")
                else:
                    message = (f"{'iterating' if kind == 'for' else 'building a list of'} every {model} "
                               f"(`{text}`) loads the whole table into memory{where}: "
                               + (f"use .iterator(chunk_size={CHUNK})" if kind == "for" else "process it in chunks"))
                finding = self.finding(fn, expr, message)
                if kind == "list" and _list_plan(index, fn, node) is not None:
                    finding = replace(finding, message=(
                        f"building a list of every {model} (`{text}`) loads the whole table into memory{where}: "
                        f"stream it (.iterator(chunk_size={CHUNK})) and ask the database for its size (.count())"))
                    # one query becomes several (exists/count/iterator): rows changing in between can make the
                    # count differ from the rows processed, so this rewrite is never applied without asking
                    finding = replace(finding, fix_safety="unsafe")
                elif kind in ("list", "comprehension"):
                    finding = replace(finding, fixable=False, fix_safety=None)
                elif kind == "for" and (value.prefetch or _evaluated_elsewhere(fn, expr, node)):
                    finding = replace(finding, fix_safety="unsafe")
                yield finding

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        if not finding.fixable:
            return None
        info = index.by_path.get(finding.file)
        fn = index.enclosing_function(finding.file, finding.line)
        if info is None or fn is None:
            return None
        site = next((s for s in sites(index, fn) if s[1].lineno == finding.line
                     and s[1].col_offset == finding.col), None)
        if site is None or site[0] == "comprehension":
            return None
        kind = site[0]
        if kind == "list":
            plan = _list_plan(index, fn, site[3])
            if plan is None:
                return None
            assign, uses = plan
            name = assign.targets[0].id  # type: ignore[union-attr]
            edits: list[tuple[ast.AST, str]] = [(site[3], ast.get_source_segment(info.source, site[1]) or "")]
            for use, node in uses:
                edits.append((node, {"len": f"{name}.count()", "bool": f"{name}.exists()",
                                     "for": f"{name}.iterator(chunk_size={CHUNK})"}[use]))
            new = _edit_source(info.source, edits)
            try:
                ast.parse(new)
            except SyntaxError:
                return None
            return Patch(changes=(FileChange(finding.file, info.source, new),))
        tree = cst.parse_module(info.source)
        if kind == "for":
            module, target = codemod.find_at(tree, finding.line, cst.For, where=lambda n: True)
            if target is None:
                return None

            def change(node: cst.CSTNode) -> cst.CSTNode:
                assert isinstance(node, cst.For)
                it = node.iter
                new_iter = cst.Call(
                    func=cst.Attribute(value=it, attr=cst.Name("iterator")),
                    args=[cst.Arg(keyword=cst.Name("chunk_size"), value=cst.Integer(str(CHUNK)),
                                  equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                                        whitespace_after=cst.SimpleWhitespace("")))])
                return node.with_changes(iter=new_iter)
        elif kind == "len":
            col = site[3].col_offset
            module, target = codemod.find_at(
                tree, site[3].lineno, cst.Call, col=col,
                where=lambda n: isinstance(n.func, cst.Name) and n.func.value == "len")
            if target is None:
                return None

            def change(node: cst.CSTNode) -> cst.CSTNode:
                assert isinstance(node, cst.Call)
                return cst.Call(func=cst.Attribute(value=_parenthesized(node.args[0].value), attr=cst.Name("count")))
        else:  # truthiness: `if qs:` / `not qs` / `bool(qs)`
            node = site[3]
            whole = isinstance(node, ast.Call)  # bool(qs): the call becomes qs.exists()
            text = ast.get_source_segment(info.source, node if whole else site[1])
            anchor = node if whole else site[1]
            module, target = codemod.find_at(
                tree, anchor.lineno, cst.BaseExpression, col=anchor.col_offset,
                where=lambda n: cst.Module([]).code_for_node(n).strip("()") == (text or "").strip("()"))
            if target is None:
                return None

            def change(node: cst.CSTNode) -> cst.CSTNode:
                value = node.args[0].value if whole else node  # type: ignore[attr-defined]
                return cst.Call(func=cst.Attribute(value=_parenthesized(value), attr=cst.Name("exists")))
        new = codemod.replace_node(module, target, change).code
        if new == info.source:
            return None
        return Patch(changes=(FileChange(finding.file, info.source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> TaskReplay | None:
        if not finding.fixable:
            return None
        fn = index.enclosing_function(finding.file, finding.line)
        entry = w1.worker_code(index).get(fn.qualname) if fn else None
        if fn is None or entry is None:
            return None
        site = next((x for x in sites(index, fn) if x[1].lineno == finding.line and x[1].col_offset == finding.col),
                    None)
        if site is None or site[0] == "comprehension":
            return None
        plan = _list_plan(index, fn, site[3]) if site[0] == "list" else None
        if site[0] == "list" and plan is None:
            return None
        from rootfix.project import values as V

        node = site[3]
        code_node = V.scope_at(index, fn, node).node  # the loop may be in a function nested in fn
        if not isinstance(code_node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        start = min([code_node.lineno, *(d.lineno for d in code_node.decorator_list)])  # = co_firstlineno
        head = node.iter if isinstance(node, (ast.For, ast.AsyncFor)) else site[1]
        first, last = min(node.lineno, head.lineno), head.end_lineno or head.lineno
        if plan is not None:  # from the list() to the loop's header: the fix counts, tests and streams there
            first = plan[0].lineno
            last = max([last, *((n.end_lineno or n.lineno) for _, n in plan[1] if _ == "for")])
        it = ast.unparse(site[1])
        setup = dict(file_repr=repr(fn.file), function_repr=repr(code_node.name), first=str(first - start),
                     last=str(last - start))
        check = (f"    if not _FETCHED and not _STREAMED:\n"
                 f"        pytest.skip(\"this scenario does not reach the loop over `{it}` in {fn.symbol}\")\n"
                 f"    assert not _FETCHED, (\n"
                 f"        f\"the loop over `{it}` in {fn.symbol} loads every {{_FETCHED[0]}} into memory at once \"\n"
                 f"        \"(QuerySet result cache): stream it (.iterator(chunk_size=...)), or ask the database \"\n"
                 f"        \"(.count(), .exists())\")\n")
        return TaskReplay(
            fn.symbol, entry[1], "watch", rule=self.name, generate=True,
            doc="A task's loop over a table that grows must stream the rows (QuerySet.iterator), not load them "
                "all into the queryset's result cache.",
            watched=f"watching how the loop over `{it}` in {fn.symbol} evaluates its queryset",
            setup_template="wrk601_watch_queryset_loop", setup_params=setup, check=check)




def _parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(node, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def sites(index: "RepoIndex", fn: "FunctionInfo") -> list[tuple[str, ast.expr, "Value", ast.AST]]:
    """Where ``fn`` (or a function / lambda nested in it) loads a whole table: ``(kind, expression,
    queryset value, the loop / call / test node)`` with kind ``for`` | ``comprehension`` | ``list`` |
    ``len`` | ``bool``. The queryset may come from anywhere: a manager chain, a variable, a helper in
    another module, a custom manager method (:mod:`rootfix.project.values`)."""
    from rootfix.project import values as V

    cache = index.__dict__.setdefault("_rootfix_w6_sites", {})
    if fn.qualname in cache:
        return cache[fn.qualname]
    out = []
    for scope in V.scopes(index, fn):
        for node in V.own_nodes(scope):
            found = _site(node)
            if found is None:
                continue
            kind, expr = found
            value = V.value_of(index, fn, expr, getattr(expr, "lineno", None), scope)
            if value is None or not value.is_queryset:
                continue
            if not value.unbounded and not (kind == "for" and _streams(node) and _windowed(scope, expr)):
                continue
            if kind in ("for", "comprehension", "list") and not value.instances:
                continue
            if kind == "for" and _keeps_every_row(node):
                continue
            if kind == "for" and _drains_its_filter(index, fn, scope, expr, node):
                continue
            out.append((kind, expr, value, node))
    out.sort(key=lambda s: (s[1].lineno, s[1].col_offset))
    cache[fn.qualname] = out
    return out


def _streams(loop: ast.AST) -> bool:
    """The loop yields each row on (a generator handing rows out one at a time): it promises streaming, so
    whatever the window's width, the caller expects not to hold every row at once."""
    return isinstance(loop, (ast.For, ast.AsyncFor)) and any(
        isinstance(n, (ast.Yield, ast.YieldFrom)) for b in loop.body for n in walk_tree(b))


def _windowed(scope: "Scope", expr: ast.expr) -> bool:
    """``expr`` (or the local it names) is a manager chain narrowed only by range lookups: a window of time or
    ids whose width the caller decides (``filter(at__gte=since, at__lt=until)``), not an equality filter."""
    if isinstance(expr, ast.Name):
        bound = scope.binding(expr.id, expr.lineno)
        if bound is None or bound[2] != "value" or not isinstance(bound[3], ast.expr):
            return False
        expr = bound[3]
    ranged = False
    node = expr
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("filter", "exclude"):
            if node.args or any(k.arg is None or not k.arg.endswith(RANGE) for k in node.keywords):
                return False
            ranged = ranged or bool(node.keywords)
        elif node.func.attr in ("iterator", "values", "values_list", "__getitem__"):
            return False
        node = node.func.value
    return ranged and isinstance(node, ast.Attribute) and node.attr in ("objects", "_default_manager")


def _keeps_every_row(loop: ast.AST) -> bool:
    """The loop appends every row it gets to a list that outlives it (``to_update.append(row)`` for a
    ``bulk_update`` after the loop): memory holds every row anyway, so streaming would not bound it."""
    if not isinstance(loop, (ast.For, ast.AsyncFor)) or not isinstance(loop.target, ast.Name):
        return False
    row = loop.target.id
    for stmt in loop.body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) \
                and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr == "append" \
                and len(stmt.value.args) == 1 and isinstance(stmt.value.args[0], ast.Name) \
                and stmt.value.args[0].id == row:
            return True  # unconditionally, at the loop's top level: every row is kept
    return False


def _filter_constants(index: "RepoIndex", fn: "FunctionInfo", scope: "Scope", expr: ast.expr,
                      depth: int = 2) -> dict[str, object]:
    """``{field: constant}`` of the equality filters that select ``expr``'s rows (``filter(is_preorder=True)``),
    through a local and a project helper that returns the queryset."""
    if isinstance(expr, ast.Name):
        bound = scope.binding(expr.id, expr.lineno)
        if bound is None or bound[2] != "value" or not isinstance(bound[3], ast.expr):
            return {}
        expr = bound[3]
    out: dict[str, object] = {}
    node = expr
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "filter":
            out.update({k.arg: k.value.value for k in node.keywords
                        if k.arg and "__" not in k.arg and isinstance(k.value, ast.Constant)})
        node = node.func.value
    if not out and isinstance(expr, ast.Call) and depth > 0:
        target = index.resolve_call(index.module_of(fn), expr, fn.class_name)
        if target is not None:
            from rootfix.project import values as V

            for ret in (n for n in walk_tree(target.node) if isinstance(n, ast.Return) and n.value is not None):
                return _filter_constants(index, target, V.Scope(index, target, target.node), ret.value, depth - 1)
    return out


def _drains_its_filter(index: "RepoIndex", fn: "FunctionInfo", scope: "Scope", expr: ast.expr,
                       loop: ast.AST) -> bool:
    """Each row the loop handles leaves the set it was selected by: the loop (or a project function it hands the
    row to, two calls deep) sets a filtered field to another value (``variant.is_preorder = False`` for
    ``filter(is_preorder=True)``). The set is a backlog a run works off, not a table that only grows."""
    if not isinstance(loop, (ast.For, ast.AsyncFor)) or not isinstance(loop.target, ast.Name):
        return False
    wanted = _filter_constants(index, fn, scope, expr)
    if not wanted:
        return False

    def sets_other(node: ast.AST, row: str, depth: int, owner: "FunctionInfo") -> bool:
        for sub in walk_tree(node):
            if isinstance(sub, ast.Assign) and isinstance(sub.value, ast.Constant):
                for t in sub.targets:
                    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == row \
                            and t.attr in wanted and sub.value.value != wanted[t.attr]:
                        return True
            if depth > 0 and isinstance(sub, ast.Call):
                for i, arg in enumerate(sub.args):
                    if not (isinstance(arg, ast.Name) and arg.id == row):
                        continue
                    target = index.resolve_call(index.module_of(owner), sub, owner.class_name)
                    params = [a.arg for a in target.node.args.args] if target is not None else []
                    if target is not None and target.class_name and params[:1] in (["self"], ["cls"]):
                        params = params[1:]
                    if target is not None and i < len(params) \
                            and sets_other(target.node, params[i], depth - 1, target):
                        return True
        return False

    return any(sets_other(stmt, loop.target.id, 2, fn) for stmt in loop.body)


def _site(node: ast.AST) -> tuple[str, ast.expr] | None:
    found = _iteration(node)
    if found is not None:
        return found
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 1:
        if node.func.id == "len":
            return "len", node.args[0]
        if node.func.id == "bool":
            return "bool", node.args[0]
    if isinstance(node, (ast.If, ast.While, ast.IfExp)):
        test = node.test
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            test = test.operand
        if isinstance(test, (ast.Name, ast.Call, ast.Attribute)) and not (
                isinstance(test, ast.Call) and isinstance(test.func, ast.Name)):
            return "bool", test
    return None


def _assignments(fn: "FunctionInfo") -> dict[str, list[ast.expr]]:
    out: dict[str, list[ast.expr]] = {}
    for node in w1._walk_no_defs(fn.node.body):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    out.setdefault(t.id, []).append(node.value)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and isinstance(node.target, ast.Name):
            out.setdefault(node.target.id, []).append(node.value or node.target)
        elif isinstance(node, (ast.For, ast.AsyncFor)) and isinstance(node.target, ast.Name):
            out.setdefault(node.target.id, []).append(node.iter)
    return out


def _iteration(node: ast.AST) -> tuple[str, ast.expr] | None:
    if isinstance(node, (ast.For, ast.AsyncFor)):
        return "for", node.iter
    if isinstance(node, ast.comprehension):
        return "comprehension", node.iter
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("list", "tuple", "sorted") \
            and len(node.args) == 1:
        return "list", node.args[0]
    return None


def unbounded(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr) -> tuple[str, bool] | None:
    """``(model name, uses prefetch_related)`` when ``expr`` is an unbounded queryset of model instances."""
    methods: list[ast.Call] = []
    node = expr
    while True:
        if isinstance(node, ast.Subscript):
            return None  # sliced
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in NOT_INSTANCES:
                return None
            if node.func.attr not in QS_METHODS:
                return None
            methods.append(node)
            node = node.func.value
            continue
        break
    if not (isinstance(node, ast.Attribute) and node.attr in MANAGERS):
        return None
    model = node.value
    if not isinstance(model, (ast.Name, ast.Attribute)):
        return None
    dotted = index.resolve(module, model) or ""
    if index.lookup_class(dotted) is None and not dotted[:1].isupper() and "." not in dotted:
        return None
    sides: dict[str, set[str]] = {}
    for call in methods:
        if call.func.attr not in ("filter", "exclude"):  # type: ignore[union-attr]
            continue
        if call.args:
            return None  # Q objects: assume they narrow
        for kw in call.keywords:
            if kw.arg is None:
                return None
            if not kw.arg.endswith(RANGE):
                return None  # an equality / membership filter narrows the set
            field, _, op = kw.arg.rpartition("__")
            sides.setdefault(field, set()).add("lo" if op in ("gt", "gte") else "hi" if op in ("lt", "lte") else op)
    if any({"lo", "hi"} <= s for s in sides.values()):
        return None  # a window, bounded on both sides
    prefetch = any(c.func.attr == "prefetch_related" for c in methods)  # type: ignore[union-attr]
    name = model.id if isinstance(model, ast.Name) else model.attr
    return name, prefetch


def _evaluated_elsewhere(fn: "FunctionInfo", expr: ast.AST, site: ast.AST) -> bool:
    if not isinstance(expr, ast.Name):
        return False
    var = expr.id
    loads = [n for n in w1._walk_no_defs(fn.node.body) if isinstance(n, ast.Name) and n.id == var
             and isinstance(n.ctx, ast.Load)]
    own = getattr(site, "iter", None)
    return any(n is not own for n in loads)


def _list_into_variable(scope_node: ast.AST, call: ast.AST) -> tuple[ast.Assign, list[tuple[str, ast.AST]]] | None:
    """``name = list(<queryset>)`` whose only later uses are ``len(name)``, truth tests of ``name`` and one
    ``for x in name`` loop: ``(the assignment, [(kind, node)])`` with kind ``len`` (the len() call),
    ``bool`` (the tested Name) or ``for`` (the iterated Name). Then the list is not needed: the loop can
    stream, the database can count and test. None for any other use (indexing, passing it on, a second
    loop, a nested function seeing it, a reassignment)."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "list"):
        return None
    body = getattr(scope_node, "body", None)
    if not isinstance(body, list):
        return None
    assign = next((n for n in walk_tree(scope_node) if isinstance(n, ast.Assign) and n.value is call), None)
    if assign is None or len(assign.targets) != 1 or not isinstance(assign.targets[0], ast.Name):
        return None
    name = assign.targets[0].id
    parents: dict[int, ast.AST] = {}
    for parent in walk_tree(scope_node):
        for child in ast.iter_child_nodes(parent):
            parents[id(child)] = parent
    uses: list[tuple[str, ast.AST]] = []
    for node in walk_tree(scope_node):
        if not (isinstance(node, ast.Name) and node.id == name) or node is assign.targets[0]:
            continue
        if not isinstance(node.ctx, ast.Load) or (node.lineno, node.col_offset) < (assign.lineno, assign.col_offset):
            return None
        up = parents.get(id(node))
        inner = up
        while inner is not None and inner is not scope_node:
            if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
                                  ast.comprehension)):
                return None
            inner = parents.get(id(inner))
        if isinstance(up, ast.Call) and isinstance(up.func, ast.Name) and up.func.id == "len" and up.args == [node]:
            uses.append(("len", up))
        elif isinstance(up, (ast.If, ast.While, ast.IfExp)) and up.test is node:
            uses.append(("bool", node))
        elif isinstance(up, ast.UnaryOp) and isinstance(up.op, ast.Not) and isinstance(
                parents.get(id(up)), (ast.If, ast.While, ast.IfExp)) and parents[id(up)].test is up:
            uses.append(("bool", node))
        elif isinstance(up, ast.For) and up.iter is node:
            uses.append(("for", node))
        else:
            return None
    if sum(kind == "for" for kind, _ in uses) != 1:
        return None
    return assign, uses


def _edit_source(source: str, edits: list[tuple[ast.AST, str]]) -> str:
    """Replace each node's source span (ast positions: UTF-8 byte columns) with the text, right to left."""
    lines = source.splitlines(keepends=True)
    data = [line.encode() for line in lines]
    for node, text in sorted(edits, key=lambda e: (e[0].lineno, e[0].col_offset), reverse=True):
        first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
        head, tail = data[first][:node.col_offset], data[last][node.end_col_offset:]
        data[first:last + 1] = [head + text.encode() + tail]
    return b"".join(data).decode()


def _list_plan(index: "RepoIndex", fn: "FunctionInfo", call: ast.AST):
    from rootfix.project import values as V

    return _list_into_variable(V.scope_at(index, fn, call).node, call)


def _scheduled_command_code(ctx: CheckContext) -> set[str]:
    """Qualnames of the code a scheduled management command's ``handle`` reaches."""
    cache = ctx.index.__dict__.setdefault("_rootfix_w6_sched_cmd", {})
    if "reach" not in cache:
        reach: set[str] = set()
        names = {c.target or c.name for c in ctx.project.schedules}
        for cmd in ctx.project.commands:
            if cmd.name in names or set(cmd.aliases) & names:
                start = ctx.project.component_function(cmd)
                if start is not None:
                    reach |= {f.qualname for f, _d in ctx.index.reachable(start, 3)}
        cache["reach"] = reach
    return cache["reach"]
