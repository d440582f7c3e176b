"""JOB405: the UTC offset of the moment the job runs applied to the wall times of other days."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, DirectTest, Example, ProjectTestCalls, Rule
from rootfix.rules.job._common import django_timezone_name, is_test_module, node_span
from rootfix.rules.job._lib.blocks import walk_no_defs
from rootfix.rules.job._lib.job_test import dotted_module
from rootfix.rules.job._lib.utc import _is_utc
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

#: calls giving the current instant (whose ``.utcoffset()`` is today's offset)
NOW = frozenset({"django.utils.timezone.localtime", "django.utils.timezone.now", "datetime.datetime.now"})
#: calls building a naive wall time
WALL = frozenset({"datetime.datetime.combine", "datetime.datetime"})

_SETTINGS = ("proj/settings.py", "TIME_ZONE = 'Europe/Amsterdam'\nUSE_TZ = True\n")
_BUGGY = '''from datetime import datetime, time, timezone as dt_timezone

from django.utils import timezone


def opening_times(days):
    offset = timezone.localtime().utcoffset()
    return [(datetime.combine(day, time(6, 30)) - offset).replace(tzinfo=dt_timezone.utc) for day in days]
'''
_FIXED = '''from datetime import datetime, time, timezone as dt_timezone

from django.utils import timezone


def opening_times(days):
    return [timezone.make_aware(datetime.combine(day, time(6, 30))).astimezone(dt_timezone.utc) for day in days]
'''


class OffsetOfNowForOtherDays(Rule):
    """Today's UTC offset applied to the wall times of other days.

    ## What it does
    Finds a naive wall time (`datetime.combine(day, time(6, 30))`, `datetime(y, m, d, h)`) turned into an instant
    by subtracting an offset taken from the current moment (`offset = timezone.localtime().utcoffset()`,
    `datetime.now(tz).utcoffset()`) and labelling the result UTC (`.replace(tzinfo=timezone.utc)`).

    ## Why is this bad?
    The offset is the one of the moment the job runs, not of the day being built. A nightly job that builds
    next week's opening times, slots or reminders uses this week's offset for every day: after a daylight-saving
    change inside that week every time is an hour off (the 06:30 early swim shows as 05:30), and only the
    days built after the next run are right again. Tests that freeze the clock in the same season as the
    days they build never see it.

    ## Example
    ```python
    offset = timezone.localtime().utcoffset()
    starts = (datetime.combine(day, time(6, 30)) - offset).replace(tzinfo=dt_timezone.utc)
    ```

    ## Use instead
    ```python
    starts = timezone.make_aware(datetime.combine(day, time(6, 30))).astimezone(dt_timezone.utc)
    ```

    ## Fix safety
    Safe: `timezone.make_aware` gives each wall time the current time zone's offset *on its own day* (the
    time zone `localtime()` used); `.astimezone(<the same UTC>)` keeps the value in UTC as before, so code reading
    `.hour` of it sees what it saw on days without a change. The offset variable is dropped when nothing else
    reads it. A wall time that falls into the hour skipped or repeated by the change is resolved by the time
    zone (zoneinfo's `fold=0`) instead of being an hour off.
    """

    code = "JOB405"
    name = "offset-of-now-for-other-days"
    bug_class = "S4"
    component_types = ("scheduled-job", "cli-tool", "background-worker")
    fix_safety = "safe"

    VALID = (
        Example(_FIXED, path="pool/slots.py", files=(_SETTINGS,)),
        Example(  # the offset of the day itself
            path="pool/slots.py", files=(_SETTINGS,),
            code=(
                "from datetime import datetime, time, timezone as dt_timezone\n\n"
                "from django.utils import timezone\n\n\n"
                "def opening_time(day):\n"
                "    local = timezone.make_aware(datetime.combine(day, time(6, 30)))\n"
                "    offset = local.utcoffset()\n"
                "    return (local.replace(tzinfo=None) - offset).replace(tzinfo=dt_timezone.utc)\n"
            ),
        ),
    )
    INVALID = (
        Example(_BUGGY, path="pool/slots.py", files=(_SETTINGS,), fixed=_FIXED),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if is_test_module(fn.file) or fn.node.name.startswith("test"):
                continue
            for hit in _offset_uses(ctx.index, ctx.index.module_of(fn), fn):
                yield self.finding(fn, hit[0], (
                    f"`{ast.unparse(hit[1])[:50]}` applies the UTC offset of the moment the job runs to a wall time "
                    "of another day: across a daylight-saving change every time built for the days after it is an "
                    "hour off; use timezone.make_aware(...) for each day"))

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        module = index.by_path.get(finding.file)
        fn = index.enclosing_function(finding.file, finding.line)
        if module is None or fn is None:
            return None
        hits = [h for h in _offset_uses(index, module, fn)]
        hit = next((h for h in hits if (h[0].lineno, h[0].col_offset) == (finding.line, finding.col)), None)
        if hit is None:
            return None
        offset_name = hit[2]
        # every use of the same offset variable in the function at once, then the variable itself
        todo = [h for h in hits if h[2] == offset_name] if offset_name is not None else [hit]
        src = module.source
        tz = django_timezone_name(index, module)
        if tz not in module.imports:
            return None  # the module spells Django's timezone another way: left to a person
        new = src
        for whole, wall, _name, utc in sorted(todo, key=lambda h: (h[0].lineno, h[0].col_offset), reverse=True):
            start, end = node_span(src, whole)
            wall_src = src[slice(*node_span(src, wall))]
            utc_src = src[slice(*node_span(src, utc))]
            new = new[:start] + f"{tz}.make_aware({wall_src}).astimezone({utc_src})" + new[end:]
        if offset_name is not None:
            tree = ast.parse(new)
            inner = next((n for n in walk_tree(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                          and n.lineno == fn.node.lineno), None)
            if inner is not None and not any(isinstance(n, ast.Name) and n.id == offset_name
                                             and isinstance(n.ctx, ast.Load) for n in walk_tree(inner)):
                assign = next((n for n in inner.body if isinstance(n, ast.Assign) and len(n.targets) == 1
                               and isinstance(n.targets[0], ast.Name) and n.targets[0].id == offset_name), None)
                if assign is not None and assign.lineno == assign.end_lineno:
                    lines = new.splitlines(keepends=True)
                    del lines[assign.lineno - 1]
                    new = "".join(lines)
        ast.parse(new)
        return Patch(changes=(FileChange(finding.file, src, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Replay the project's tests of the function with today's offset reported an hour away (the other
        side of a daylight-saving change): the times it builds, and the project's assertions on them, must not
        move."""
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        module = index.module_of(fn)
        names = sorted(local for local, dotted in module.imports.items() if dotted == "django.utils.timezone.localtime")
        return DirectTest(fn.symbol, fn.file, ("job405_times_independent_of_todays_offset",), dict(
            target_module_repr=repr(dotted_module(module.module)), localtime_names_repr=repr(names)),
            calls=ProjectTestCalls(fn, "_times_independent_of_todays_offset", infix="with_another_offset",
                                   beside=True))


def _now_offset(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr) -> bool:
    """``<now>.utcoffset()``: ``timezone.localtime().utcoffset()``, ``datetime.now(tz).utcoffset()``."""
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "utcoffset" \
        and not expr.args and isinstance(expr.func.value, ast.Call) \
        and (index.resolve(module, expr.func.value.func) or "") in NOW and not (
            (index.resolve(module, expr.func.value.func) or "").endswith("localtime") and expr.func.value.args)


def _offset_uses(index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo"
                 ) -> Iterator[tuple[ast.Call, ast.expr, str | None, ast.expr]]:
    """``(whole .replace(...) call, the wall-time expression, the offset's variable or None, the UTC expression)``."""
    offsets = {t.id for n in walk_no_defs(fn.node) if isinstance(n, ast.Assign) and _now_offset(index, module, n.value)
               for t in n.targets if isinstance(t, ast.Name)}
    for node in walk_no_defs(fn.node):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "replace"
                and not node.args and len(node.keywords) == 1 and node.keywords[0].arg == "tzinfo"):
            continue
        inner, utc = node.func.value, node.keywords[0].value
        if not (isinstance(inner, ast.BinOp) and isinstance(inner.op, ast.Sub)) or not _is_utc(index, module, utc):
            continue
        wall, off = inner.left, inner.right
        if not (isinstance(wall, ast.Call) and (index.resolve(module, wall.func) or "") in WALL
                and not any(k.arg == "tzinfo" for k in wall.keywords)):
            continue
        if isinstance(off, ast.Name) and off.id in offsets:
            yield node, wall, off.id, utc
        elif _now_offset(index, module, off):
            yield node, wall, None, utc
