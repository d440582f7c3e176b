"""JOB402: naive ``datetime.now()`` / ``utcnow()`` / ``date.today()`` in a project that stores aware datetimes."""
from __future__ import annotations

import ast
import dataclasses
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.job._common import (
    add_timezone_import,
    django_timezone_name,
    is_test_module,
    node_span,
    project_settings,
    use_tz,
)
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

#: naive call -> the django.utils.timezone function that replaces it
NAIVE = {
    "datetime.datetime.now": "now",
    "datetime.datetime.utcnow": "now",
    "datetime.datetime.today": "now",
    "datetime.date.today": "localdate",
}
SETTINGS = "TIME_ZONE = 'Europe/Berlin'\nUSE_TZ = True\n"


def naive_call(index: "RepoIndex", module: "ModuleInfo", node: ast.AST) -> str | None:
    """The replacement (``now`` / ``localdate``) when ``node`` is a naive clock call, else None."""
    if not isinstance(node, ast.Call) or node.keywords or node.args:
        return None  # datetime.now(tz) / now(tz=...) is aware
    return NAIVE.get(index.resolve(module, node.func) or "")


# --------------------------------------------------------------------------- what the value is used for
#: Reading these gives a label or an epoch; the naive value is fine for them.
_LABEL_ATTRS = frozenset({"strftime", "isoformat", "ctime", "timestamp", "isoweekday", "weekday", "isocalendar",
                          "year", "month", "day", "hour", "minute", "second", "microsecond", "toordinal"})
#: Calls whose arguments are only shown or logged.
_OUTPUT_FUNCS = frozenset({"print", "str", "repr", "format", "len"})
_OUTPUT_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "write",
                             "format", "success", "notice", "echo", "secho", "set_description", "add_row"})
_ORM_METHODS = frozenset({"filter", "exclude", "get", "create", "update", "get_or_create", "update_or_create",
                          "bulk_update", "annotate", "alias", "Q", "aggregate", "order_by", "values", "extra",
                          "get_queryset", "all", "first", "last", "count", "exists", "delete", "save"})
_TIMELIKE = ("created", "modified", "updated", "_at", "_on", "date", "time", "last_", "expire", "deadline", "due",
             "start", "end", "until", "since", "when")

HARMFUL, HARMLESS, AWARE, NOFIX = "harmful", "harmless", "aware", "nofix"
#: the value is used as a calendar date (``.date()``, a ``DateField``, a ``__date`` lookup): wrong only on days
#: when the server's date differs from the date in ``TIME_ZONE``
DATE = "date"
_DATE_NAMES = ("date", "_on", "day")


class _Uses:
    """How a naive clock value flows through one function: to the database / aware values (a bug), or only
    to labels, epochs, elapsed-time arithmetic with other naive values (not a bug)."""

    def __init__(self, index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo") -> None:
        self.index, self.module, self.fn = index, module, fn
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in walk_tree(fn.node):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.naive_names = self._naive_names()

    def _naive_names(self) -> set[str]:
        """Local names and ``self.x`` attributes bound to a naive clock value (or one shifted by a timedelta)."""
        out: set[str] = set()
        fns = [self.fn.node]
        if self.fn.class_name:  # self.started = datetime.now() in another method of the class
            fns += [f.node for f in self.module.functions.values() if f.class_name == self.fn.class_name]
        for _round in range(2):
            for root in fns:
                for node in walk_tree(root):
                    if isinstance(node, ast.Assign) and self.is_naive(node.value, out):
                        for t in node.targets:
                            key = self._key(t)
                            if key:
                                out.add(key)
        return out

    @staticmethod
    def _key(t: ast.AST) -> str | None:
        if isinstance(t, ast.Name):
            return t.id
        if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
            return f"self.{t.attr}"
        return None

    def is_naive(self, expr: ast.AST, names: set[str] | None = None) -> bool:
        names = self.naive_names if names is None else names
        if naive_call(self.index, self.module, expr):
            return True
        if isinstance(expr, ast.Call) and not any(k.arg in ("tzinfo", "tz") for k in expr.keywords):
            # strptime / fromtimestamp / combine / datetime(...) without a zone are naive too
            dotted = self.index.resolve(self.module, expr.func) or ""
            if dotted in ("datetime.datetime.strptime", "datetime.datetime.combine") or (
                    dotted in ("datetime.datetime.fromtimestamp", "datetime.date.fromtimestamp")
                    and len(expr.args) == 1) or (dotted == "datetime.datetime" and len(expr.args) < 8):
                return True
        key = self._key(expr)
        if key is not None and key in names:
            return True
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Sub)):
            return (self.is_naive(expr.left, names) and self.is_delta(expr.right)) or (
                isinstance(expr.op, ast.Add) and self.is_naive(expr.right, names) and self.is_delta(expr.left))
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in (
                "date", "replace") and not any(k.arg == "tzinfo" for k in expr.keywords):
            return self.is_naive(expr.func.value, names)
        return False

    def is_delta(self, expr: ast.AST) -> bool:
        if isinstance(expr, ast.Call):
            dotted = self.index.resolve(self.module, expr.func) or ""
            return dotted.split(".")[-1] in ("timedelta", "relativedelta")
        if isinstance(expr, (ast.Name, ast.Attribute)):
            name = expr.id if isinstance(expr, ast.Name) else expr.attr
            low = name.lower()
            return any(w in low for w in ("delta", "interval", "period", "duration", "offset", "ttl", "timeout",
                                          "days", "hours", "minutes", "seconds", "window", "age", "grace"))
        return False

    def _timelike(self, expr: ast.AST) -> bool:
        name = expr.attr if isinstance(expr, ast.Attribute) else expr.id if isinstance(expr, ast.Name) else ""
        return any(w in name.lower() for w in _TIMELIKE)

    # ------------------------------------------------------------------ the walk up from a value
    def of(self, node: ast.AST, depth: int = 0) -> set[str]:
        """Tags for how the value of ``node`` is used (HARMFUL / HARMLESS / AWARE, NOFIX when changing the value
        to an aware one could break a use)."""
        if depth > 6:
            return {NOFIX}
        p = self.parents.get(node)
        if p is None:
            return {NOFIX}
        if isinstance(p, ast.Attribute) and p.value is node:
            gp = self.parents.get(p)
            call = gp if isinstance(gp, ast.Call) and gp.func is p else None
            if p.attr == "replace" and call is not None and any(k.arg == "tzinfo" for k in call.keywords):
                return {AWARE}
            if p.attr in ("astimezone", "localize"):
                return {AWARE}
            if p.attr in ("timetuple", "utctimetuple"):
                return {HARMLESS, NOFIX}  # time.mktime(now.timetuple()): an aware value would shift the epoch
            if p.attr in _LABEL_ATTRS:
                return {HARMLESS} if p.attr in ("strftime", "isoformat", "ctime", "timestamp") else {HARMLESS, NOFIX}
            if p.attr == "date" and call is not None:
                return self.of(call, depth + 1) | {DATE}
            if p.attr == "replace" and call is not None:
                return self.of(call, depth + 1)
            return {NOFIX}
        if isinstance(p, (ast.FormattedValue, ast.JoinedStr)):
            return {HARMLESS}
        if isinstance(p, ast.BinOp):
            other = p.right if p.left is node else p.left
            if self.is_delta(other) and isinstance(p.op, (ast.Add, ast.Sub)):
                return self.of(p, depth + 1)
            if self.is_naive(other):
                return {HARMLESS, NOFIX}  # elapsed time between two naive readings
            if isinstance(p.op, ast.Sub) and (self._timelike(other) or isinstance(other, ast.Attribute)):
                # now - obj.created_at: naive minus a stored value; whether that one is aware is not known here,
                # so the fix could be the one that makes the subtraction raise
                return {HARMFUL, NOFIX}
            if isinstance(p.op, ast.Mod):
                return {HARMLESS}
            return {NOFIX}
        if isinstance(p, ast.Compare):
            others = [o for o in [p.left, *p.comparators] if o is not node]
            if all(self.is_naive(o) for o in others):
                return {HARMLESS, NOFIX}
            if any(isinstance(o, ast.Constant) and o.value is None for o in others):
                return {HARMLESS}
            return {HARMFUL, NOFIX}  # compared with another value: reported, but its awareness is unknown
        if isinstance(p, ast.keyword):
            call = self.parents.get(p)
            return self._call_use(call, node, keyword=p.arg, depth=depth) if isinstance(call, ast.Call) else {NOFIX}
        if isinstance(p, ast.Call) and node in p.args:
            return self._call_use(p, node, keyword=None, depth=depth)
        if isinstance(p, (ast.Tuple, ast.List)):
            up = self.of(p, depth + 1)
            return up if HARMFUL in up else up | {NOFIX}
        if isinstance(p, (ast.Assign, ast.AnnAssign)) and p.value is node:
            targets = p.targets if isinstance(p, ast.Assign) else [p.target]
            tags: set[str] = set()
            for t in targets:
                if isinstance(t, ast.Name):
                    tags |= self._name_uses(t.id, p, depth)
                elif isinstance(t, ast.Attribute) and not (isinstance(t.value, ast.Name) and t.value.id == "self"):
                    tags |= {HARMFUL}  # job.last_run = datetime.now(): stored on a (model) instance
                else:
                    tags |= {NOFIX}
            return tags or {NOFIX}
        if isinstance(p, ast.IfExp):
            return self.of(p, depth + 1)
        if isinstance(p, ast.Return) and p.value is node:
            # a helper returning the value (def cutoff(): return datetime.now() - ...): its callers' uses
            tags = set()
            for caller, call in self.index.callers(self.fn):
                if caller.qualname != self.fn.qualname:
                    tags |= _Uses(self.index, self.index.module_of(caller), caller).of(call, depth + 1)
            return tags or {NOFIX}
        return {NOFIX}

    def _call_use(self, call: ast.Call, node: ast.AST, *, keyword: str | None, depth: int) -> set[str]:
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in _OUTPUT_FUNCS or (isinstance(func, ast.Attribute) and name in _OUTPUT_METHODS):
            return {HARMLESS}
        if name in ("make_aware", "localize", "astimezone"):
            return {AWARE}
        if name in ("mktime",):
            return {HARMLESS, NOFIX}
        dotted = self.index.resolve(self.module, func) or ""
        if keyword is not None and (name in _ORM_METHODS or "__" in keyword or ".objects." in f"{dotted}."
                                    or (name[:1].isupper() and name not in ("Path",))):
            field = keyword.split("__")[0]
            if "__date" in keyword or self._date_field(dotted, field) or field.endswith(_DATE_NAMES):
                return {HARMFUL, DATE}
            return {HARMFUL}  # a lookup / model field value
        if keyword is None and name == "Q":
            return {HARMFUL}
        return {NOFIX}

    def _date_field(self, dotted: str, field: str) -> bool:
        """``Model(field=...)`` where the project model declares ``field = models.DateField(...)``."""
        found = self.index.lookup_class(dotted) if dotted else None
        if found is None:
            return False
        for stmt in found[1].body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == field for t in stmt.targets) \
                    and isinstance(stmt.value, ast.Call):
                f = stmt.value.func
                return (f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")) == "DateField"
        return False

    def _name_uses(self, name: str, assign: ast.AST, depth: int) -> set[str]:
        tags: set[str] = set()
        after = getattr(assign, "lineno", 0)
        for node in walk_tree(self.fn.node):
            if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load) \
                    and node.lineno >= after:
                tags |= self.of(node, depth + 1)
        return tags or {HARMLESS}  # never read: nothing to break


def _local_days_differ(index: "RepoIndex", settings: dict[str, object]) -> bool:
    """Whether ``TIME_ZONE`` is a local zone (not UTC): a literal other than UTC, or no ``TIME_ZONE`` at all
    (Django's default is America/Chicago). One read from the environment is not known: False."""
    tz = settings.get("TIME_ZONE")
    if isinstance(tz, str):
        return tz.upper() not in ("UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z")
    declared = any("TIME_ZONE" in m.assignments for p, m in index.by_path.items()
                   if p.rsplit("/", 1)[-1].startswith("settings") or "/settings/" in p)
    return not declared


class NaiveNow(Rule):
    """Naive current time in a project with `USE_TZ = True`.

    ## What it does
    Finds `datetime.now()`, `datetime.utcnow()`, `datetime.today()` and `date.today()` (any import
    style) in scheduled jobs and commands of a project whose settings say `USE_TZ = True`.

    ## Why is this bad?
    With `USE_TZ` the database holds aware UTC datetimes. A naive `datetime.now()` is the *server's*
    wall clock: compared with aware values Django warns and interprets it in `TIME_ZONE`, `utcnow()`
    is read as local time (hours off), and `date.today()` turns over at the server's midnight, not
    the project's. Jobs then pick the wrong window, skip or repeat work around midnight and DST.

    ## Example
    ```python
    def expire_trials():
        cutoff = datetime.utcnow() - timedelta(days=14)
        Trial.objects.filter(started_at__lt=cutoff).update(active=False)
    ```

    ## Use instead
    ```python
    from django.utils import timezone

    def expire_trials():
        cutoff = timezone.now() - timedelta(days=14)
        Trial.objects.filter(started_at__lt=cutoff).update(active=False)
    ```
    `date.today()` becomes `timezone.localdate()` (today in `TIME_ZONE`).

    Every use of the value is followed through the function: only a value that reaches stored datetimes (a
    queryset lookup or `Q`, a model field or constructor keyword, `obj.field = now`, a comparison with or a
    subtraction of another value) is reported. Used only for elapsed time against another naive reading,
    epochs (`.timestamp()`, `mktime(.timetuple())`), labels (`strftime`, f-strings, logging), or made aware
    (`.astimezone()`, `.replace(tzinfo=...)`, `make_aware`), it is not. `USE_TZ` read from the environment
    counts as on unless its default is off; no `USE_TZ` at all is on from Django 5.0. A value used as a calendar
    date (`date.today()`, `.date()`, a `DateField`, a `__date` lookup) is reported only when `TIME_ZONE` is a local
    zone: with `TIME_ZONE = "UTC"` the server's date is the project's date on servers that run on UTC.

    ## Fix safety
    Unsafe: the value becomes aware (UTC for `timezone.now()`), so code formatting it sees UTC instead of
    the server's local time. No fix is offered when any use of the value needs it naive (elapsed time
    against another naive reading, `.timetuple()`, `.hour`, an unknown callee): there the aware value would
    raise `TypeError` or shift the result.
    """

    code = "JOB402"
    name = "naive-now"
    bug_class = "S4"
    component_types = ("scheduled-job", "cli-tool")
    fix_safety = "unsafe"

    VALID = (
        Example(
            path="trials/jobs.py",
            files=(("saas/settings.py", SETTINGS),),
            code=(
                "from datetime import datetime, timedelta, timezone as dt_timezone\n\n"
                "from django.utils import timezone\n\n\n"
                "def expire_trials():\n"
                "    cutoff = timezone.now() - timedelta(days=14)\n"
                "    stamp = datetime.now(dt_timezone.utc)\n"
                "    return cutoff, stamp, timezone.localdate()\n"
            ),
        ),
        Example(  # labels, epochs, elapsed time, made aware: the naive value never meets a stored one
            path="ops/management/commands/export_audit.py",
            files=(("ops_site/settings.py", SETTINGS),),
            code=(
                "import time\n"
                "from datetime import date, datetime, timezone as dt_timezone\n\n"
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        started = datetime.now()\n"
                "        name = f'audit-{date.today():%Y%m%d}.csv'\n"
                "        stamp = datetime.now().strftime('%H:%M')\n"
                "        epoch = int(time.mktime(datetime.now().timetuple()))\n"
                "        local = datetime.now().astimezone()\n"
                "        aware = datetime.utcnow().replace(tzinfo=dt_timezone.utc)\n"
                "        self.stdout.write(f'{name} {stamp} {epoch} {local} {aware}')\n"
                "        self.stdout.write(f'took {datetime.now() - started}')\n"
            ),
        ),
        Example(  # USE_TZ = False: naive local time is the project's convention
            path="legacy/jobs.py",
            files=(("legacy_site/settings.py", "USE_TZ = False\n"),),
            code=(
                "from datetime import date, datetime\n\n\n"
                "def nightly():\n"
                "    return datetime.now(), date.today()\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="trials/jobs.py",
            files=(("saas/settings.py", SETTINGS),),
            code=(
                "import datetime\n\n"
                "from trials.models import Trial\n\n\n"
                "def expire_trials():\n"
                "    cutoff = datetime.datetime.utcnow() - datetime.timedelta(days=14)\n"
                "    return Trial.objects.filter(started_at__lt=cutoff).update(active=False)\n"
            ),
            fixed=(
                "import datetime\n\n"
                "from django.utils import timezone\n\n"
                "from trials.models import Trial\n\n\n"
                "def expire_trials():\n"
                "    cutoff = timezone.now() - datetime.timedelta(days=14)\n"
                "    return Trial.objects.filter(started_at__lt=cutoff).update(active=False)\n"
            ),
        ),
        Example(
            path="reports/management/commands/close_day.py",
            files=(("config/settings/base.py", SETTINGS),),
            code=(
                "from datetime import date, datetime as dt\n\n"
                "from django.core.management.base import BaseCommand\n"
                "from django.utils import timezone\n\n"
                "from reports.models import Entry, Run\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        day = date.today()\n"
                "        run = Run.objects.get(pk=1)\n"
                "        run.finished_at = dt.now()\n"
                "        run.save()\n"
                "        return Entry.objects.filter(booked_on=day).count()\n"
            ),
            fixed=(
                "from datetime import date, datetime as dt\n\n"
                "from django.core.management.base import BaseCommand\n"
                "from django.utils import timezone\n\n"
                "from reports.models import Entry, Run\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        day = timezone.localdate()\n"
                "        run = Run.objects.get(pk=1)\n"
                "        run.finished_at = timezone.now()\n"
                "        run.save()\n"
                "        return Entry.objects.filter(booked_on=day).count()\n"
            ),
            count=2,
        ),
        Example(  # USE_TZ from the environment (default on) is not "off"; the value is also used for
            # elapsed time against another naive reading, so no fix is offered (it would subtract naive from aware)
            path="billing/jobs.py",
            files=(("billing_site/settings.py", "import environ\n\nenv = environ.Env()\n"
                                                  "USE_TZ = env.bool('USE_TZ', default=True)\n"),),
            code=(
                "from datetime import datetime, timedelta\n\n"
                "from billing.models import Invoice\n\n\n"
                "def close_overdue(started):\n"
                "    now = datetime.now()\n"
                "    Invoice.objects.filter(due_at__lt=now - timedelta(days=30)).update(state='overdue')\n"
                "    return now - started\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        settings = ctx.settings or project_settings(ctx.index)
        if not use_tz(ctx.index, settings):
            return
        local_days = _local_days_differ(ctx.index, settings)
        for fn in ctx.functions():
            if is_test_module(fn.file) or "/tests/" in f"/{fn.file}" or "settings" in fn.file.rsplit("/", 1)[-1]:
                continue
            module = ctx.index.module_of(fn)
            uses: _Uses | None = None
            for node in walk_tree(fn.node):
                replacement = naive_call(ctx.index, module, node)
                if not replacement:
                    continue
                uses = uses or _Uses(ctx.index, module, fn)
                tags = uses.of(node)
                if HARMFUL not in tags or AWARE in tags:
                    continue  # labels, epochs, elapsed time, made aware: the naive value is never mixed
                if (replacement == "localdate" or DATE in tags) and not local_days:
                    continue  # a calendar date in a project whose TIME_ZONE is UTC (or unknown): no other day
                what = ast.unparse(node.func)
                finding = self.finding(fn, node, (
                    f"{what}() is naive (the server's clock) but USE_TZ is on: it reaches stored aware "
                    f"datetimes (a lookup, a model field or a comparison), hours off around midnight and DST; "
                    f"use timezone.{replacement}()"))
                if NOFIX in tags:  # another use needs the naive value: an aware one would raise TypeError there
                    finding = dataclasses.replace(finding, fixable=False)
                yield finding

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        module = index.by_path.get(finding.file)
        if module is None or not finding.fixable:
            return None
        node = next((n for n in walk_tree(module.tree) if isinstance(n, ast.Call) and n.lineno == finding.line
                     and n.col_offset == finding.col), None)
        replacement = naive_call(index, module, node) if node is not None else None
        if replacement is None:
            return None
        tz_name = django_timezone_name(index, module)
        start, end = node_span(module.source, node)
        new = module.source[:start] + f"{tz_name}.{replacement}()" + module.source[end:]
        if index.resolve(module, ast.Name(tz_name)) != "django.utils.timezone":
            new = add_timezone_import(new, tz_name, frozenset(m.split(".")[0] for m in index.modules))
        cst.parse_module(new)
        return Patch(changes=(FileChange(finding.file, module.source, new),))
