"""JOB401: a calendar day cut at UTC midnight in a project whose TIME_ZONE is not UTC."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.job._common import (
    add_timezone_import as _add_import,
    byte_to_char as _byte_to_char,
    django_timezone_name as _django_timezone_name,
    project_settings,
)
from rootfix.types import FileChange, Finding, Patch
from rootfix.rules.job._lib.utc import _is_utc, local_project_timezone
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex

TIME_LITERALS = ("datetime.time.min", "datetime.time.max")

SETTINGS = (
    "TIME_ZONE = 'America/Chicago'\n"
    "USE_TZ = True\n"
)


def _combine(index: "RepoIndex", module: "ModuleInfo", node: ast.expr) -> ast.Call | None:
    """``node`` when it is ``datetime.combine(day, some_time)`` (without tzinfo)."""
    if (isinstance(node, ast.Call) and (index.resolve(module, node.func) or "") == "datetime.datetime.combine"
            and len(node.args) == 2 and not node.keywords):
        return node
    return None


def utc_day_start(index: "RepoIndex", module: "ModuleInfo", node: ast.AST) -> ast.Call | None:
    """The ``combine`` call of an expression that pins a date's start to UTC, else None.

    ``datetime.combine(d, t).replace(tzinfo=UTC)``, ``datetime.combine(d, t, tzinfo=UTC)``,
    ``make_aware(datetime.combine(d, t), UTC)`` and ``UTC.localize(datetime.combine(d, t))``.
    """
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if (isinstance(func, ast.Attribute) and func.attr == "replace" and len(node.keywords) == 1
            and node.keywords[0].arg == "tzinfo" and _is_utc(index, module, node.keywords[0].value)):
        return _combine(index, module, func.value)
    dotted = index.resolve(module, func) or ""
    if dotted == "datetime.datetime.combine" and len(node.args) == 2:
        tz = [kw.value for kw in node.keywords if kw.arg == "tzinfo"]
        if tz and _is_utc(index, module, tz[0]):
            return node
    if dotted == "django.utils.timezone.make_aware" and len(node.args) == 2 and _is_utc(index, module, node.args[1]):
        return _combine(index, module, node.args[0])
    if isinstance(func, ast.Attribute) and func.attr == "localize" and node.args and _is_utc(index, module, func.value):
        return _combine(index, module, node.args[0])
    return None


class UtcDayBounds(Rule):
    """Calendar day cut at UTC midnight instead of local midnight.

    ## What it does
    Finds day boundaries built as UTC midnight — `datetime.combine(day, time.min)` made aware
    with a UTC tzinfo (`.replace(tzinfo=timezone.utc)`, `tzinfo=`, `make_aware(..., utc)`,
    `pytz.utc.localize`) — in a project with `USE_TZ = True` whose `TIME_ZONE` is not UTC.

    ## Why is this bad?
    Users, reports and payroll think in the project's local days. A "day" that starts at UTC
    midnight starts at 18:00 or 19:00 the previous evening in America/Chicago (and moves with
    daylight saving time): evening work is booked on the next day and daily figures never
    match what happened on that calendar day. Servers running in UTC hide it in development.

    ## Example
    ```python
    def day_bounds(day):
        start = datetime.combine(day, time.min).replace(tzinfo=dt_timezone.utc)
        return start, start + timedelta(days=1)
    ```

    ## Use instead
    ```python
    from django.utils import timezone

    def day_bounds(day):
        start = timezone.make_aware(datetime.combine(day, time.min))
        return start, start + timedelta(days=1)
    ```
    `make_aware` uses the current time zone (settings.TIME_ZONE in jobs and commands); adding a
    day to an aware local datetime keeps local midnight across DST changes.

    ## Fix safety
    Unsafe: the window moves to local time. That is the point of the fix, but stored results
    computed with the old bounds (summaries, reports) need a rebuild.
    """

    code = "JOB401"
    name = "utc-day-bounds"
    bug_class = "S4"
    component_types = ("scheduled-job", "cli-tool", "background-worker")
    fix_safety = "unsafe"

    VALID = (
        Example(
            path="fleet/summaries.py",
            files=(("fleetops/settings.py", SETTINGS),),
            code=(
                "from datetime import datetime, time, timedelta\n\n"
                "from django.utils import timezone\n\n\n"
                "def day_bounds(day):\n"
                "    start = timezone.make_aware(datetime.combine(day, time.min))\n"
                "    return start, start + timedelta(days=1)\n"
            ),
        ),
        Example(
            path="billing/periods.py",
            files=(("shop/settings.py", "TIME_ZONE = 'UTC'\nUSE_TZ = True\n"),),
            code=(
                "from datetime import datetime, time, timezone\n\n\n"
                "def period_start(day):\n"
                "    return datetime.combine(day, time.min).replace(tzinfo=timezone.utc)\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="telemetry/summaries.py",
            files=(("fleetops/settings.py", SETTINGS),),
            code=(
                "import logging\n"
                "from datetime import date, datetime, time, timedelta, timezone as dt_timezone\n\n"
                "logger = logging.getLogger(__name__)\n\n\n"
                "def day_bounds(day):\n"
                "    \"\"\"Start and end of ``day``.\"\"\"\n"
                "    start = datetime.combine(day, time.min).replace(tzinfo=dt_timezone.utc)\n"
                "    return start, start + timedelta(days=1)\n"
            ),
            fixed=(
                "import logging\n"
                "from datetime import date, datetime, time, timedelta, timezone as dt_timezone\n\n"
                "from django.utils import timezone\n\n"
                "logger = logging.getLogger(__name__)\n\n\n"
                "def day_bounds(day):\n"
                "    \"\"\"Start and end of ``day``.\"\"\"\n"
                "    start = timezone.make_aware(datetime.combine(day, time.min))\n"
                "    return start, start + timedelta(days=1)\n"
            ),
        ),
        Example(
            path="reports/daily.py",
            files=(("config/settings/base.py", "TIME_ZONE = 'Europe/Berlin'\nUSE_TZ = True\n"),),
            code=(
                "import datetime as dt\n\n"
                "from django.utils.timezone import make_aware\n\n\n"
                "def orders_of_day(day):\n"
                "    start = dt.datetime.combine(day, dt.time.min, tzinfo=dt.timezone.utc)\n"
                "    end = make_aware(dt.datetime.combine(day, dt.time.max), dt.timezone.utc)\n"
                "    return Order.objects.filter(created_at__range=(start, end))\n"
            ),
            count=2,
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        tz = local_project_timezone(ctx.settings or project_settings(ctx.index), ctx.index)
        if tz is None:
            return
        for fn in ctx.functions():
            module = ctx.index.module_of(fn)
            for node in walk_tree(fn.node):
                if isinstance(node, ast.Call) and utc_day_start(ctx.index, module, node) is not None:
                    yield self.finding(fn, node, (
                        f"day boundary at UTC midnight, but TIME_ZONE is {tz!r}: the day is cut at the wrong "
                        "local hour (and moves with DST); use timezone.make_aware(datetime.combine(...))"))

    # ------------------------------------------------------------------ fix
    def _target(self, index: "RepoIndex", finding: Finding) -> tuple["ModuleInfo", ast.Call, ast.Call] | None:
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        for node in walk_tree(module.tree):
            if isinstance(node, ast.Call) and node.lineno == finding.line and node.col_offset == finding.col:
                combine = utc_day_start(index, module, node)
                if combine is not None:
                    return module, node, combine
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None:
            return None
        module, outer, combine = target
        direct = next((local for local, target in module.imports.items()
                       if target == "django.utils.timezone.make_aware"), None)
        tz_name = _django_timezone_name(index, module)
        seg = ast.get_source_segment(module.source, combine)
        if seg is None:
            return None
        if combine is outer:  # datetime.combine(d, t, tzinfo=UTC): drop the tzinfo argument
            seg = f"{ast.get_source_segment(module.source, combine.func)}({', '.join(ast.get_source_segment(module.source, a) or '' for a in combine.args)})"
        replacement = f"{direct}({seg})" if direct else f"{tz_name}.make_aware({seg})"
        lines = module.source.splitlines(keepends=True)
        start = sum(len(l) for l in lines[: outer.lineno - 1]) + _byte_to_char(lines[outer.lineno - 1], outer.col_offset)
        end = sum(len(l) for l in lines[: outer.end_lineno - 1]) + _byte_to_char(lines[outer.end_lineno - 1], outer.end_col_offset)
        new = module.source[:start] + replacement + module.source[end:]
        if not direct and index.resolve(module, ast.Name(tz_name)) != "django.utils.timezone":
            new = _add_import(new, tz_name, frozenset(m.split(".")[0] for m in index.modules))
        cst.parse_module(new)  # never hand out a patch that does not parse
        return Patch(changes=(FileChange(finding.file, module.source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        target = self._target(index, finding)
        fn = index.enclosing_function(finding.file, finding.line)
        if target is None or fn is None:
            return None
        from rootfix.project.values import in_manager_class

        # a QuerySet / Manager method (``on_day(self, day)``): the bounds it filters on are checked
        manager = fn.class_name is not None and "." not in fn.class_name and in_manager_class(index, fn)
        if fn.class_name and not manager:
            return None
        module, _, combine = target
        args = fn.node.args
        params = args.args[1:] if manager else args.args
        required = len(params) - len(args.defaults)
        day_arg = combine.args[0]
        if (required != 1 or args.kwonlyargs and any(d is None for d in args.kw_defaults)
                or not isinstance(day_arg, ast.Name) or day_arg.id != params[0].arg):
            return None
        time_src = _time_expr(index, module, combine.args[1])
        if time_src is None:
            return None
        if manager:
            return DirectTest(fn.symbol, finding.file, ("job401_local_midnight_queryset",), dict(
                time=time_src, class_name=fn.class_name, method=fn.node.name))
        return DirectTest(fn.symbol, finding.file, ("job401_local_midnight",), dict(
            time=time_src, class_name="".join(p.title() for p in fn.symbol.split("_"))))


def _time_expr(index: "RepoIndex", module: "ModuleInfo", node: ast.expr) -> str | None:
    dotted = index.resolve(module, node) or ""
    if dotted in TIME_LITERALS:
        return "time." + dotted.rsplit(".", 1)[1]
    if isinstance(node, ast.Call) and (index.resolve(module, node.func) or "") == "datetime.time":
        if all(isinstance(a, ast.Constant) for a in node.args) and not node.keywords:
            return "time(" + ", ".join(repr(a.value) for a in node.args) + ")"
    return None
