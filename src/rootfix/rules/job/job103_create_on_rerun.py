"""JOB103: a job ``create()``s rows that have a natural key, so a rerun duplicates them (or crashes)."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.rules.base import CheckContext, DirectTest, Example, ProjectTestCalls, Rule
from rootfix.rules.job._lib.blocks import is_test_code
from rootfix.rules.job._common import node_span, preferred_quote
from rootfix.rules.job._lib.blocks import walk_no_defs
from rootfix.rules.job._lib.job_test import entry_call
from rootfix.rules.job._lib.markers import loop_source, queryset_model
from rootfix.rules.job._lib.natural_keys import checks_existence, natural_key, unique_sets
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

_MODELS = (
    "from django.db import models\n\n\n"
    "class Customer(models.Model):\n    name = models.CharField(max_length=50)\n\n\n"
    "class Invoice(models.Model):\n"
    "    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)\n"
    "    period = models.CharField(max_length=7)\n"
    "    total_cents = models.IntegerField()\n")


class CreateOnRerun(Rule):
    """A job `create()`s rows that have a natural key: a rerun creates them again (or crashes on the first).

    ## What it does
    Finds `Model.objects.create(...)` in job code where the row has a natural key - a `unique=True` field,
    `unique_together` or a `UniqueConstraint` whose fields are all given, or, inside a loop over rows, the
    fields filled from the row (`customer=customer`) plus key-like fields (`period`, `day`, `kind`) - and the
    job never looks the row up first (`exists()`, `get_or_create`) nor catches `IntegrityError`.

    Code only developer commands run (their name or `help` says they make test, sample or demo data) is not
    reported: such a command creates new rows on purpose each time.

    ## Why is this bad?
    Scheduled jobs run again: the next tick, a beat that fires twice after a deploy, an operator re-running
    a failed night. Without a unique constraint every rerun adds a second invoice for the same customer and
    period; with one, the rerun raises `IntegrityError` at the first row already done and the rest of the
    rows are never processed.

    ## Example
    ```python
    def bill_customers(period):
        for customer in Customer.objects.filter(active=True):
            Invoice.objects.create(customer=customer, period=period, total_cents=usage(customer, period))
    ```

    ## Use instead
    ```python
    def bill_customers(period):
        for customer in Customer.objects.filter(active=True):
            Invoice.objects.get_or_create(customer=customer, period=period,
                                          defaults={"total_cents": usage(customer, period)})
    ```

    ## Fix safety
    Unsafe: the fix turns `create()` into `get_or_create()` with the natural key as the lookup and the other
    values in `defaults`; an existing row is kept as it is (its other values are not updated), and a row
    with the same key created by other code is reused. Not offered when the created object is used for a
    side effect afterwards (that side effect would still repeat).
    """

    code = "JOB103"
    name = "create-on-rerun"
    bug_class = "S1"
    component_types = ("scheduled-job", "cli-tool")
    fix_safety = "unsafe"

    VALID = (
        Example(path="billing/jobs.py", files=(("billing/models.py", _MODELS),), code=(
            "from billing.models import Customer, Invoice\n\n\n"
            "def bill_customers(period):\n"
            "    for customer in Customer.objects.all():\n"
            "        Invoice.objects.get_or_create(customer=customer, period=period, defaults={'total_cents': 0})\n")),
        Example(path="billing/jobs.py", files=(("billing/models.py", _MODELS),), code=(  # checked first
            "from billing.models import Customer, Invoice\n\n\n"
            "def bill_customers(period):\n"
            "    for customer in Customer.objects.all():\n"
            "        if Invoice.objects.filter(customer=customer, period=period).exists():\n"
            "            continue\n"
            "        Invoice.objects.create(customer=customer, period=period, total_cents=0)\n")),
        Example(path="billing/jobs.py", files=(("billing/models.py", (  # an append-only log: no natural key
            "from django.db import models\n\n\nclass RunLog(models.Model):\n"
            "    started_at = models.DateTimeField()\n    rows = models.IntegerField()\n")),), code=(
            "from django.utils import timezone\n\nfrom billing.models import RunLog\n\n\n"
            "def record_run(rows):\n"
            "    RunLog.objects.create(started_at=timezone.now(), rows=rows)\n")),
        Example(path="billing/jobs.py", files=(("billing/models.py", _MODELS + (
            "\n\nclass Export(models.Model):\n    number = models.CharField(max_length=20, unique=True)\n")),), code=(
            "from django.db import IntegrityError\n\nfrom billing.models import Export\n\n\n"
            "def export(number):\n"
            "    try:\n"
            "        Export.objects.create(number=number)\n"
            "    except IntegrityError:\n"
            "        pass\n")),
    )
    INVALID = (
        Example(path="billing/jobs.py", files=(("billing/models.py", _MODELS),), code=(
            "from billing.models import Customer, Invoice\nfrom billing.usage import usage\n\n\n"
            "def bill_customers(period):\n"
            "    for customer in Customer.objects.all():\n"
            "        Invoice.objects.create(customer=customer, period=period, total_cents=usage(customer))\n"),
            fixed=(
            "from billing.models import Customer, Invoice\nfrom billing.usage import usage\n\n\n"
            "def bill_customers(period):\n"
            "    for customer in Customer.objects.all():\n"
            "        Invoice.objects.get_or_create(customer=customer, period=period, "
            "defaults={\"total_cents\": usage(customer)})\n")),
        Example(path="stats/tasks.py", files=(("stats/models.py", (  # unique_together, celery beat, rerun crashes
            "from django.db import models\n\n\nclass DailyStat(models.Model):\n"
            "    day = models.DateField()\n    metric = models.CharField(max_length=20)\n"
            "    value = models.IntegerField()\n\n"
            "    class Meta:\n        unique_together = [('day', 'metric')]\n")),), code=(
            "from celery import shared_task\nfrom django.utils import timezone\n\n"
            "from stats.models import DailyStat\nfrom stats import compute\n\n\n"
            "@shared_task\n"
            "def snapshot_metrics():\n"
            "    day = timezone.localdate()\n"
            "    for metric in ('orders', 'signups'):\n"
            "        DailyStat.objects.create(day=day, metric=metric, value=compute.value(metric, day))\n"),
            fixed=(
            "from celery import shared_task\nfrom django.utils import timezone\n\n"
            "from stats.models import DailyStat\nfrom stats import compute\n\n\n"
            "@shared_task\n"
            "def snapshot_metrics():\n"
            "    day = timezone.localdate()\n"
            "    for metric in ('orders', 'signups'):\n"
            "        DailyStat.objects.get_or_create(day=day, metric=metric, "
            "defaults={'value': compute.value(metric, day)})\n")),
        Example(path="loyalty/management/commands/grant_points.py", files=(("loyalty/models.py", (
            "from django.db import models\n\n\nclass Grant(models.Model):\n"
            "    order = models.OneToOneField('shop.Order', on_delete=models.CASCADE)\n"
            "    points = models.IntegerField()\n")),), code=(  # OneToOne key, command, assigned and then mailed
            "from django.core.management.base import BaseCommand\n\n"
            "from loyalty.models import Grant\nfrom loyalty import mail\nfrom shop.models import Order\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        for order in Order.objects.filter(status='paid'):\n"
            "            grant = Grant.objects.create(order=order, points=order.total // 100)\n"
            "            mail.send_points(grant)\n")),  # reported; no fix: the mail would still be resent
        Example(path="payments/management/commands/import_transactions.py", files=(("payments/models.py", (
            "from django.db import models\n\n\nclass Payment(models.Model):\n"
            "    external_id = models.CharField(max_length=40, unique=True)\n"
            "    amount_cents = models.IntegerField()\n")),), code=(  # unique field, rows from an API, command
            "from django.core.management.base import BaseCommand\n\n"
            "from payments import psp\nfrom payments.models import Payment\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        for tx in psp.transactions(since=options.get('since')):\n"
            "            Payment.objects.create(external_id=tx['id'], amount_cents=tx['amount'])\n"),
            fixed=(
            "from django.core.management.base import BaseCommand\n\n"
            "from payments import psp\nfrom payments.models import Payment\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        for tx in psp.transactions(since=options.get('since')):\n"
            "            Payment.objects.get_or_create(external_id=tx['id'], defaults={'amount_cents': tx['amount']})\n")),
    )

    # ------------------------------------------------------------------ detection
    def _hits(self, index: "RepoIndex", fn: "FunctionInfo"):
        module = index.module_of(fn)
        loops: dict[int, ast.For] = {}
        for loop in walk_no_defs(fn.node.body):
            if isinstance(loop, (ast.For, ast.AsyncFor)) and isinstance(loop.target, ast.Name):
                for n in walk_no_defs(loop.body):
                    loops[id(n)] = loop  # innermost wins: inner loops are walked later
        for call in walk_no_defs(fn.node.body):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "create"
                    and isinstance(call.func.value, ast.Attribute) and call.func.value.attr == "objects"):
                continue
            loop = loops.get(id(call))
            if call.args or any(k.arg is None for k in call.keywords):
                continue
            model = index.resolve(module, call.func.value.value) or ""
            cls = index.lookup_class(model)
            if cls is None or checks_existence(fn.node, ast.unparse(call.func.value)) or (
                    loop is not None and _moves_row(loop)):
                continue
            unique = unique_sets(cls[1])
            over_rows = loop is not None and queryset_model(index, module, loop_source(fn.node, loop)) is not None
            keys = natural_key(call.keywords, unique, loop.target.id if over_rows else None)
            constrained = any(u and u <= set(keys) for u in unique)
            if loop is None and not constrained:
                continue  # a single create() outside a loop counts only when it fills a unique key: the rerun fails
            if keys and (len(keys) < len(call.keywords) or constrained) and not _fresh_parent(fn.node, call, keys) \
                    and (loop is None or not _only_missing(fn.node, loop)):
                yield call, model, keys, constrained

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if is_test_code(fn.file, fn.node.name):
                continue
            hits = list(self._hits(ctx.index, fn))
            if hits and ctx.project.developer_only(fn):
                continue  # a developer command making sample data: each run is meant to create new rows
            for call, model, keys, constrained in hits:
                name = model.rsplit(".", 1)[-1]
                what = (f"a rerun raises IntegrityError on the first ({', '.join(keys)}) already created and the "
                        "remaining rows are never processed" if constrained else
                        f"a rerun creates a second {name} for the same ({', '.join(keys)})")
                yield self.finding(fn, call, f"`{name}.objects.create()` in a job: {what}; use get_or_create()")

    def _target(self, index: "RepoIndex", finding: Finding):
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        for hit in self._hits(index, fn):
            if hit[0].lineno == finding.line and hit[0].col_offset == finding.col:
                return (fn, *hit)
        return None

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None:
            return None
        fn, call, _, keys, _ = target
        stmt = next((s for s in walk_no_defs(fn.node.body) if isinstance(s, ast.stmt)
                     and not isinstance(s, (ast.For, ast.If, ast.With, ast.While, ast.Try, ast.AsyncFor))
                     and any(n is call for n in walk_tree(s))), None)
        if not (isinstance(stmt, ast.Expr) and stmt.value is call):
            return None  # the created object is used afterwards: get_or_create alone would not stop repeats
        module = index.by_path[finding.file]
        source = module.source
        start, end = node_span(source, call)
        expr = cst.parse_expression(source[start:end])
        assert isinstance(expr, cst.Call)
        quote = preferred_quote(source)
        kept = [a for a in expr.args if a.keyword is not None and a.keyword.value in keys]
        moved = [a for a in expr.args if a.keyword is not None and a.keyword.value not in keys]
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        elements = [cst.DictElement(cst.SimpleString(f"{quote}{a.keyword.value}{quote}"), a.value,
                                    comma=comma if i < len(moved) - 1 else cst.MaybeSentinel.DEFAULT)
                    for i, a in enumerate(moved)]
        defaults = cst.Arg(keyword=cst.Name("defaults"), value=cst.Dict(elements),
                           equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                                 whitespace_after=cst.SimpleWhitespace("")),
                           comma=expr.args[-1].comma)
        if moved:
            args = [a.with_changes(comma=comma) for a in kept] + [defaults]
        else:  # every keyword is the key: no defaults to carry
            args = [a.with_changes(comma=comma) for a in kept[:-1]] + [kept[-1].with_changes(comma=expr.args[-1].comma)]
        new_call = expr.with_changes(func=expr.func.with_changes(attr=cst.Name("get_or_create")), args=args)
        new = source[:start] + cst.Module([]).code_for_node(new_call) + source[end:]
        cst.parse_module(new)
        return Patch(changes=(FileChange(finding.file, source, new),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Replay each project test that runs the job, then run it again: no new rows, no IntegrityError."""
        target = self._target(index, finding)
        if target is None:
            return None
        fn, call, model, keys, _ = target
        entry = entry_call(index, fn)
        if entry is None:
            return None
        name = model.rsplit(".", 1)[-1]
        dotted = model[4:] if model.startswith("src.") else model
        return DirectTest(fn.symbol, fn.file, ("job103_rerun_creates_nothing",), dict(
            name=name, keys=", ".join(keys), entry_imports=entry[0], model_repr=repr(dotted), run=entry[1]),
            calls=ProjectTestCalls(fn, "_rerun_creates_nothing"))


def _moves_row(loop: ast.For) -> bool:
    """The loop writes the row it handles (``.update()``, ``row.save()``, ``row.x = ...``): the job's filter
    stops matching it, so a rerun does not reach it again."""
    var = loop.target.id  # type: ignore[attr-defined]
    for node in walk_no_defs(loop.body):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr in ("update", "delete", "bulk_update")
                or (node.func.attr == "save" and isinstance(node.func.value, ast.Name) and node.func.value.id == var)):
            return True
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
                                                and t.value.id == var for t in node.targets):
            return True
    return False


def _fresh_parent(fn: ast.AST, call: ast.Call, keys: tuple[str, ...]) -> bool:
    """A key field is a row the same call of the job has just created (``app = App.objects.create(...)``;
    ``AppExtension.objects.create(app=app, ...)``): a rerun creates a new parent, so the key never repeats."""
    fresh = {t.id for n in walk_no_defs(fn.body) if isinstance(n, ast.Assign)  # type: ignore[attr-defined]
             and isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Attribute)
             and n.value.func.attr == "create" and n.value is not call
             for t in n.targets if isinstance(t, ast.Name)}
    return any(k.arg in keys and isinstance(k.value, ast.Name) and k.value.id in fresh for k in call.keywords)


def _only_missing(fn: ast.AST, loop: ast.For) -> bool:
    """The loop runs over a set difference (``added = in_module - in_db``; ``wanted.difference(existing)``):
    it creates only what is not there yet, so a rerun creates nothing twice."""
    def difference(e: ast.expr) -> bool:
        return (isinstance(e, ast.BinOp) and isinstance(e.op, ast.Sub)) or (
            isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "difference")

    it = loop.iter
    while isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id in ("sorted", "list") \
            and it.args:
        it = it.args[0]
    if difference(it):
        return True
    if isinstance(it, ast.Name):
        return any(isinstance(n, ast.Assign) and difference(n.value)
                   and any(isinstance(t, ast.Name) and t.id == it.id for t in n.targets)
                   for n in walk_no_defs(fn.body))  # type: ignore[attr-defined]
    return False
