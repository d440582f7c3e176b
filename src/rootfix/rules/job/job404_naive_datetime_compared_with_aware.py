"""JOB404: a naive datetime built by the job is compared with (or subtracted from) an aware one."""
from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.job._common import (
    add_timezone_import, django_timezone_name, node_span, project_settings, use_tz,
)
from rootfix.rules.job._lib.blocks import is_test_code
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

_SETTINGS = ("proj/settings.py", "USE_TZ = True\nTIME_ZONE = 'Europe/Berlin'\n")
_MODELS = ("shop/models.py", "from django.db import models\n\n\nclass Order(models.Model):\n"
           "    placed_at = models.DateTimeField()\n    paid_at = models.DateTimeField(null=True)\n")
#: Django functions returning aware datetimes under USE_TZ
AWARE_CALLS = frozenset({"django.utils.timezone.now", "django.utils.timezone.localtime",
                         "django.utils.timezone.make_aware"})
_DATETIME_FIELD = re.compile(r"\bDateTimeField\(")


def datetime_fields(index: "RepoIndex") -> frozenset[str]:
    """Names of the ``DateTimeField`` s the project's models declare (their values are aware under USE_TZ)."""
    out = set()
    for module in index.modules.values():
        if "DateTimeField(" not in module.source:
            continue
        for node in walk_tree(module.tree):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
                            and isinstance(stmt.targets[0], ast.Name) and isinstance(stmt.value, ast.Call) \
                            and _DATETIME_FIELD.search(ast.unparse(stmt.value.func) + "("):
                        out.add(stmt.targets[0].id)
    return frozenset(out)


def naive_construction(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr) -> ast.Call | None:
    """``datetime.combine(d, t)`` / ``datetime.strptime(s, fmt)`` (no ``%z``) / ``datetime(y, m, d, ...)``
    without a tzinfo: a naive datetime."""
    if not isinstance(expr, ast.Call) or any(k.arg == "tzinfo" for k in expr.keywords):
        return None
    dotted = index.resolve(module, expr.func) or ""
    if dotted == "datetime.datetime.combine" and len(expr.args) == 2:
        return expr
    if dotted == "datetime.datetime.strptime" and len(expr.args) == 2:
        fmt = expr.args[1]
        if isinstance(fmt, ast.Constant) and isinstance(fmt.value, str) and "%z" not in fmt.value \
                and "%Z" not in fmt.value:
            return expr
    if dotted == "datetime.datetime" and 3 <= len(expr.args) < 8:
        return expr
    return None


def _is_delta(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr) -> bool:
    return isinstance(expr, ast.Call) and (index.resolve(module, expr.func) or "").split(".")[-1] in (
        "timedelta", "relativedelta")


class _Flow:
    """Naive values of one function: the constructions, and local names bound once to one (or to one
    shifted by a timedelta)."""

    def __init__(self, index: "RepoIndex", module: "ModuleInfo", fn: ast.AST) -> None:
        self.index, self.module = index, module
        bound: dict[str, list[ast.expr]] = {}
        for node in walk_tree(fn):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                bound.setdefault(node.targets[0].id, []).append(node.value)
            elif isinstance(node, (ast.AugAssign, ast.For)) and isinstance(node.target, ast.Name):
                bound.setdefault(node.target.id, []).extend([node, node])
        self.names: dict[str, ast.Call] = {}
        for _ in range(2):
            for name, values in bound.items():
                if len(values) == 1 and isinstance(values[0], ast.expr):
                    origin = self.origin(values[0])
                    if origin is not None:
                        self.names[name] = origin

    def origin(self, expr: ast.expr) -> ast.Call | None:
        """The naive construction ``expr``'s value comes from, if any."""
        found = naive_construction(self.index, self.module, expr)
        if found is not None:
            return found
        if isinstance(expr, ast.Name):
            return self.names.get(expr.id)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Sub)) \
                and _is_delta(self.index, self.module, expr.right):
            return self.origin(expr.left)
        return None


def _aware(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr, fields: frozenset[str]) -> str | None:
    """A description of ``expr`` when it is an aware datetime: a model DateTimeField read from an instance,
    ``timezone.now()`` / ``localtime()``."""
    if isinstance(expr, ast.Attribute) and expr.attr in fields and not isinstance(expr.value, ast.Call):
        return f"`{ast.unparse(expr)}` (a DateTimeField)"
    if isinstance(expr, ast.Call) and (index.resolve(module, expr.func) or "") in AWARE_CALLS:
        return f"`{ast.unparse(expr)}`"
    return None


def mixed_comparisons(index: "RepoIndex", fn: "FunctionInfo", fields: frozenset[str]) -> Iterator[tuple[ast.Call, str]]:
    """``(naive construction, what it meets)`` for each comparison / subtraction of a naive value with an
    aware one in ``fn``."""
    module = index.module_of(fn)
    flow = _Flow(index, module, fn.node)
    seen: set[int] = set()
    for node in walk_tree(fn.node):
        pairs: list[tuple[ast.expr, ast.expr]] = []
        if isinstance(node, ast.Compare) and not any(isinstance(op, (ast.Is, ast.IsNot, ast.In, ast.NotIn))
                                                     for op in node.ops):
            operands = [node.left, *node.comparators]
            pairs = [(a, b) for a in operands for b in operands if a is not b]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub):
            pairs = [(node.left, node.right), (node.right, node.left)]
        for naive, other in pairs:
            origin = flow.origin(naive)
            aware = _aware(index, module, other, fields) if origin is not None else None
            if origin is not None and aware is not None and id(origin) not in seen:
                seen.add(id(origin))
                yield origin, aware


class NaiveDatetimeComparedWithAware(Rule):
    """Naive datetime compared with an aware one under `USE_TZ`.

    ## What it does
    In a project with `USE_TZ = True`, finds datetimes a job or command builds without a time zone -
    `datetime.combine(day, time.min)`, `datetime.strptime(text, "%Y-%m-%d %H:%M")` (no `%z`),
    `datetime(2024, 1, 31)` - that are compared with (`<`, `>=`, `==`, ...) or subtracted from an aware
    datetime: a model's `DateTimeField` read from an instance (`order.placed_at`), `timezone.now()` or
    `timezone.localtime()`. The value is followed through local names and `± timedelta`.

    ## Why is this bad?
    Under `USE_TZ` Django stores and returns aware datetimes. In a queryset Django still accepts a naive
    value (it warns and reads it in `TIME_ZONE`), but in Python a naive and an aware datetime cannot be
    compared or subtracted: the job stops with `TypeError: can't compare offset-naive and offset-aware
    datetimes` at the first row, typically only on the rows that reach that branch.

    ## Example
    ```python
    start = datetime.combine(day, time.min)
    for order in Order.objects.filter(placed_at__date=day):
        if order.paid_at and order.paid_at < start:
            ...
    ```

    ## Use instead
    ```python
    start = timezone.make_aware(datetime.combine(day, time.min))
    ```
    `make_aware` reads the wall time in the current time zone (`TIME_ZONE` in a job), which is how Django
    interprets the naive value in a queryset too.

    ## Fix safety
    Safe: the naive construction is wrapped in `timezone.make_aware(...)`, the interpretation Django already
    gives a naive value in a query; the comparison that raised `TypeError` now runs. Other uses of the same
    value (passed to a lookup) get the same instant Django computed before, without the warning.
    """

    code = "JOB404"
    name = "naive-datetime-compared-with-aware"
    bug_class = "S4"
    component_types = ("scheduled-job", "cli-tool")
    fix_safety = "safe"

    VALID = (
        Example(
            path="shop/jobs.py",
            files=(_SETTINGS, _MODELS),
            code=(
                "from datetime import datetime, time\n\n"
                "from django.utils import timezone\n\n"
                "from shop.models import Order\n\n\n"
                "def late_payments(day):\n"
                "    start = timezone.make_aware(datetime.combine(day, time.min))\n"
                "    naive_start = datetime.combine(day, time.min)\n"
                "    label = datetime.strptime('2024-01-31', '%Y-%m-%d')\n"
                "    for order in Order.objects.filter(placed_at__gte=naive_start):\n"
                "        if order.paid_at and order.paid_at < start:\n"
                "            yield order, label.strftime('%d.%m.')\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="shop/jobs.py",
            files=(_SETTINGS, _MODELS),
            code=(
                "from datetime import datetime, time\n\n"
                "from shop.models import Order\n\n\n"
                "def late_payments(day):\n"
                "    start = datetime.combine(day, time.min)\n"
                "    for order in Order.objects.filter(placed_at__date=day):\n"
                "        if order.paid_at and order.paid_at < start:\n"
                "            yield order\n"
            ),
            fixed=(
                "from datetime import datetime, time\n\n"
                "from django.utils import timezone\n\n"
                "from shop.models import Order\n\n\n"
                "def late_payments(day):\n"
                "    start = timezone.make_aware(datetime.combine(day, time.min))\n"
                "    for order in Order.objects.filter(placed_at__date=day):\n"
                "        if order.paid_at and order.paid_at < start:\n"
                "            yield order\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        settings = ctx.settings or project_settings(ctx.index)
        if not use_tz(ctx.index, settings):
            return
        fields = datetime_fields(ctx.index)
        for fn in ctx.functions():
            if is_test_code(fn.file, fn.node.name):
                continue
            for naive, aware in mixed_comparisons(ctx.index, fn, fields):
                yield self.finding(fn, naive, (
                    f"`{ast.unparse(naive)[:50]}` is a naive datetime, compared with or subtracted from the aware "
                    f"{aware}: under USE_TZ that raises TypeError (can't compare offset-naive and offset-aware "
                    "datetimes); make it aware with timezone.make_aware()"))

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        module = index.by_path[finding.file]
        for naive, _ in mixed_comparisons(index, fn, datetime_fields(index)):
            if naive.lineno != finding.line or naive.col_offset != finding.col:
                continue
            source = module.source
            tz = django_timezone_name(index, module)
            start, end = node_span(source, naive)
            new = f"{source[:start]}{tz}.make_aware({source[start:end]}){source[end:]}"
            if tz not in module.imports:
                new = add_timezone_import(new, tz, frozenset(m.split(".")[0] for m in index.modules))
            return Patch(changes=(FileChange(finding.file, source, new),))
        return None
