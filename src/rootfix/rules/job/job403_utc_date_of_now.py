"""JOB403: the calendar date of an aware UTC instant (``timezone.now().date()``) in a non-UTC project."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.project.paths import module_name
from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.job._common import (
    add_timezone_import,
    django_timezone_name,
    is_test_module,
    node_span,
    project_settings,
)
from rootfix.rules.job._lib.utc import _is_utc, local_project_timezone
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

SETTINGS = "TIME_ZONE = 'Asia/Tokyo'\nUSE_TZ = True\n"


def _utc_now(index: "RepoIndex", module: "ModuleInfo", node: ast.expr) -> bool:
    """``node`` is a call giving the current instant in UTC: ``timezone.now()`` (aware UTC when
    USE_TZ), ``datetime.now(timezone.utc)``, ``datetime.now(tz=UTC)``, ``datetime.utcnow()``."""
    if not isinstance(node, ast.Call):
        return False
    target = index.resolve(module, node.func) or ""
    if target == "django.utils.timezone.now":
        return not node.args and not node.keywords
    if target == "datetime.datetime.utcnow":
        return True
    if target == "datetime.datetime.now":
        tz = node.args[:1] + [kw.value for kw in node.keywords if kw.arg == "tz"]
        return len(tz) == 1 and _is_utc(index, module, tz[0])
    return False


class _UtcNames:
    """Local names of one function bound to the current UTC instant (``now = now or timezone.now()``)."""

    def __init__(self, index: "RepoIndex", module: "ModuleInfo", fn: ast.AST) -> None:
        self.index, self.module = index, module
        self.names: set[str] = set()
        for node in walk_tree(fn):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                if self.is_utc_now(node.value):
                    self.names.add(node.targets[0].id)

    def is_utc_now(self, node: ast.expr) -> bool:
        if _utc_now(self.index, self.module, node):
            return True
        if isinstance(node, ast.Name):
            return node.id in self.names
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):  # now or timezone.now()
            return any(self.is_utc_now(v) for v in node.values[1:])
        if isinstance(node, ast.IfExp):
            return self.is_utc_now(node.body) or self.is_utc_now(node.orelse)
        return False


def utc_dates(index: "RepoIndex", module: "ModuleInfo", fn: ast.AST) -> Iterable[ast.Call]:
    """``X.date()`` calls of ``fn`` whose ``X`` is the current UTC instant."""
    names = None
    for node in walk_tree(fn):
        if (isinstance(node, ast.Call) and not node.args and not node.keywords
                and isinstance(node.func, ast.Attribute) and node.func.attr == "date"):
            names = names or _UtcNames(index, module, fn)
            if names.is_utc_now(node.func.value):
                yield node


class UtcDateOfNow(Rule):
    """Today's date taken from a UTC instant in a project whose TIME_ZONE is not UTC.

    ## What it does
    Finds `.date()` of the current instant — `timezone.now().date()`, `datetime.now(timezone.utc).date()`,
    `datetime.utcnow().date()`, or of a local name bound to one (`now = now or timezone.now()`) — in a
    project with `USE_TZ = True` and a `TIME_ZONE` other than UTC.

    ## Why is this bad?
    With `USE_TZ` `timezone.now()` is in UTC, so its `.date()` is the UTC date: it turns over at
    UTC midnight, not at the project's. A nightly job run shortly after local midnight in Asia/Tokyo
    (or shortly before it in America/Chicago) takes "today" from the wrong day and processes the
    day before yesterday (or the wrong "yesterday"); the same job run during office hours is right.

    ## Example
    ```python
    def day_to_close(now=None):
        now = now or timezone.now()
        return now.date() - timedelta(days=1)
    ```

    ## Use instead
    ```python
    def day_to_close(now=None):
        now = now or timezone.now()
        return timezone.localdate(now) - timedelta(days=1)
    ```
    `timezone.localdate()` is today in the current time zone (settings.TIME_ZONE in jobs and
    commands); `timezone.localdate(value)` converts an aware instant first.

    ## Fix safety
    Unsafe: the date moves to the local calendar. That is the point, but rows keyed by the old
    (UTC) dates may need a rebuild.
    """

    code = "JOB403"
    name = "utc-date-of-now"
    bug_class = "S4"
    component_types = ("scheduled-job", "cli-tool", "background-worker")
    fix_safety = "unsafe"

    VALID = (
        Example(
            path="takings/closing.py",
            files=(("shop/settings.py", SETTINGS),),
            code=(
                "from datetime import timedelta\n\n"
                "from django.utils import timezone\n\n\n"
                "def day_to_close(now=None):\n"
                "    now = now or timezone.now()\n"
                "    return timezone.localdate(now) - timedelta(days=1), timezone.localtime(now).date()\n"
            ),
        ),
        Example(  # TIME_ZONE = UTC: the UTC date is the local date
            path="takings/closing.py",
            files=(("shop/settings.py", "TIME_ZONE = 'UTC'\nUSE_TZ = True\n"),),
            code=(
                "from django.utils import timezone\n\n\n"
                "def today():\n"
                "    return timezone.now().date()\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="takings/closing.py",
            files=(("shop/settings.py", SETTINGS),),
            code=(
                "from datetime import timedelta\n\n"
                "from django.utils import timezone\n\n\n"
                "def day_to_close(now=None):\n"
                "    now = now or timezone.now()\n"
                "    return now.date() - timedelta(days=1)\n"
            ),
            fixed=(
                "from datetime import timedelta\n\n"
                "from django.utils import timezone\n\n\n"
                "def day_to_close(now=None):\n"
                "    now = now or timezone.now()\n"
                "    return timezone.localdate(now) - timedelta(days=1)\n"
            ),
        ),
        Example(
            path="reports/management/commands/daily_report.py",
            files=(("config/settings.py", "TIME_ZONE = 'America/Chicago'\nUSE_TZ = True\n"),),
            code=(
                "from datetime import datetime, timezone as dt_timezone\n\n"
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        day = datetime.now(dt_timezone.utc).date()\n"
                "        self.stdout.write(str(day))\n"
            ),
            fixed=(
                "from datetime import datetime, timezone as dt_timezone\n\n"
                "from django.core.management.base import BaseCommand\n"
                "from django.utils import timezone\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        day = timezone.localdate()\n"
                "        self.stdout.write(str(day))\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        tz = local_project_timezone(ctx.settings or project_settings(ctx.index), ctx.index)
        if tz is None:
            return
        for fn in ctx.functions():
            if is_test_module(fn.file) or "/tests/" in f"/{fn.file}":
                continue
            module = ctx.index.module_of(fn)
            for node in utc_dates(ctx.index, module, fn.node):
                yield self.finding(fn, node, (
                    f"{ast.unparse(node)} is the UTC date, but TIME_ZONE is {tz!r}: it turns over at UTC midnight, "
                    "so runs near local midnight take the wrong day; use timezone.localdate()"))

    # ------------------------------------------------------------------ fix
    def _target(self, index: "RepoIndex", finding: Finding) -> tuple["ModuleInfo", "FunctionInfo", ast.Call] | None:
        module = index.by_path.get(finding.file)
        fn = index.enclosing_function(finding.file, finding.line)
        if module is None or fn is None:
            return None
        for node in utc_dates(index, module, fn.node):
            if node.lineno == finding.line and node.col_offset == finding.col:
                return module, fn, node
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None:
            return None
        module, _, node = target
        tz_name = django_timezone_name(index, module)
        receiver = node.func.value
        if isinstance(receiver, ast.Name):  # an aware instant held in a name: convert it
            replacement = f"{tz_name}.localdate({receiver.id})"
        else:  # the current instant itself: today in TIME_ZONE
            replacement = f"{tz_name}.localdate()"
        start, end = node_span(module.source, node)
        new = module.source[:start] + replacement + module.source[end:]
        if index.resolve(module, ast.Name(tz_name)) != "django.utils.timezone":
            new = add_timezone_import(new, tz_name, frozenset(m.split(".")[0] for m in index.modules))
        cst.parse_module(new)  # never hand out a patch that does not parse
        return Patch(changes=(FileChange(finding.file, module.source, new),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Call the function at two instants of the same local day — one where the UTC date is another
        day (just after local midnight east of UTC, just before it west of UTC) and one where it is
        the same — with ``timezone.now`` frozen; the dates it returns must agree."""
        target = self._target(index, finding)
        if target is None:  # the test uses pytest's monkeypatch: a pytest-style template only
            return None
        module, fn, node = target
        if fn.class_name or fn.node.name.startswith("_") and fn.node.name != "__call__":
            return None
        args = fn.node.args
        params = [a.arg for a in [*args.posonlyargs, *args.args]]
        required = params[: len(params) - len(args.defaults)]
        if any(d is None for d in args.kw_defaults) or args.vararg is not None and required:
            return None
        receiver = node.func.value
        call = f"{fn.node.name}()"
        if required:
            # the only required parameter may be the instant the date is taken of
            if len(required) != 1 or not (isinstance(receiver, ast.Name) and receiver.id == required[0]):
                return None
            call = f"{fn.node.name}(instant)"
        now_aliases = sorted(local for local, dotted in module.imports.items()
                             if dotted == "django.utils.timezone.now")
        patch_lines = "".join(f"    monkeypatch.setattr(_job_module, \"{a}\", lambda: instant)\n" for a in now_aliases)
        return DirectTest(fn.symbol, finding.file, ("job403_local_date",), dict(
            module_import=f"import {module_name(finding.file)} as _job_module\n" if now_aliases else "",
            name=fn.node.name, patch_lines=patch_lines, call=call))
