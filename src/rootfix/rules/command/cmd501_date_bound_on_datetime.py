"""CMD501: a ``date`` used as the upper bound of a ``DateTimeField`` lookup (the last day is dropped)."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.project import values as V
from rootfix.rules.base import CheckContext, Example, Replay, Rule
from rootfix.rules.command._lib.arguments import argparse_arguments, command_name, is_command_module
from rootfix.rules.command._lib.models import field_kind, model_fields, model_of
from rootfix.rules.command._lib.oracles import date_bounds, date_command_line, date_direct_test
from rootfix.rules.command._lib.scenarios import command_handle_related, command_of
from rootfix.rules.command._lib.testgen import command_test
from rootfix.rules.command._lib.writes import walk_no_defs
from rootfix.rules.job._common import node_span
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

#: callables that return a ``datetime.date`` (not a datetime)
DATE_FUNCS = frozenset({
    "datetime.date", "datetime.date.fromisoformat", "datetime.date.today", "datetime.date.fromordinal",
    "datetime.date.fromtimestamp", "django.utils.timezone.localdate", "django.utils.dateparse.parse_date",
})
UPPER = ("lte", "range")
QUERY_CALLS = frozenset({"filter", "exclude", "get", "Q", "aggregate_filter", "count_filter"})


class _Dates:
    """Which expressions of one function are ``date`` values."""

    def __init__(self, index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo", depth: int = 0) -> None:
        self.index, self.module, self.fn, self.depth = index, module, fn, depth
        self.options = _date_options(index, module, fn)
        self.names: dict[str, str] = {}
        params = {a.arg for a in [*fn.node.args.args, *fn.node.args.kwonlyargs]}
        self.names.update({p: f"option `{p}`" for p in params & self.options})
        if depth < 2:
            self.names.update({p: why for p, why in self._date_parameters().items() if p not in self.names})
        assigns = [(t.id, n.value) for n in walk_no_defs(fn.node) if isinstance(n, ast.Assign)
                   for t in n.targets if isinstance(t, ast.Name)]
        for _ in range(3):
            for name, value in assigns:
                why = self.why(value)
                if why and name not in self.names:
                    self.names[name] = why

    def _date_parameters(self) -> dict[str, str]:
        """Parameters of a shared query function (module level) that a project caller passes a date:
        ``scans_in_period(since, until)`` called from a command whose ``--until`` is a date."""
        fn = self.fn
        positional = [a.arg for a in [*fn.node.args.posonlyargs, *fn.node.args.args]]
        if fn.class_name is not None:
            if not V.in_manager_class(self.index, fn):
                return {}
            positional = positional[1:]  # a custom QuerySet / Manager method: its callers pass the rest
        wanted = set(positional) | {a.arg for a in fn.node.args.kwonlyargs}
        out: dict[str, str] = {}
        for caller, call in V.call_sites(self.index, fn):
            if "/tests/" in f"/{caller.file}" or caller.node.name.startswith("test") or caller.qualname == fn.qualname:
                continue
            passed = {positional[i]: arg for i, arg in enumerate(call.args[:len(positional)])
                      if not isinstance(arg, ast.Starred)}
            passed.update({kw.arg: kw.value for kw in call.keywords if kw.arg in wanted})
            if not passed:
                continue
            dates = _Dates(self.index, self.index.module_of(caller), caller, self.depth + 1)
            for name, arg in passed.items():
                why = name not in out and dates.why(arg)
                if why:
                    out[name] = f"parameter `{name}` ({why} from {caller.symbol})"
        return out

    def why(self, expr: ast.expr) -> str | None:
        if isinstance(expr, ast.Name):
            return self.names.get(expr.id)
        if isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant) and expr.slice.value in self.options:
            return f"option `{expr.slice.value}` (a date)"
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Sub)):
            return self.why(expr.left)
        if isinstance(expr, ast.IfExp):
            return self.why(expr.body) or self.why(expr.orelse)
        if isinstance(expr, ast.BoolOp):
            return next((w for w in map(self.why, expr.values) if w), None)
        if not isinstance(expr, ast.Call):
            return None
        func = expr.func
        if isinstance(func, ast.Attribute) and func.attr == "get" and expr.args \
                and isinstance(expr.args[0], ast.Constant) and expr.args[0].value in self.options:
            return f"option `{expr.args[0].value}` (a date)"
        if isinstance(func, ast.Attribute) and func.attr == "date" and not expr.args:
            return f"`{ast.unparse(expr)[:40]}`"
        target = self.index.resolve(self.module, func) or ""
        if target in DATE_FUNCS:
            return f"`{ast.unparse(expr)[:40]}`"
        callee = self.index.resolve_call(self.module, expr, self.fn.class_name)
        if callee is not None and callee.qualname != self.fn.qualname and _returns_date(self.index, callee):
            return f"{callee.symbol}() (returns a date)"
        return None


def _returns_date(index: "RepoIndex", fn: "FunctionInfo") -> bool:
    module = index.module_of(fn)
    returns = [n.value for n in walk_no_defs(fn.node) if isinstance(n, ast.Return) and n.value is not None]
    if not returns:
        return False
    for value in returns:
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "date" \
                and not value.args:
            continue
        if isinstance(value, ast.Call) and (index.resolve(module, value.func) or "") in DATE_FUNCS:
            continue
        return False
    return True


def _date_options(index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo") -> set[str]:
    """Dests of the command's argparse options whose ``type=`` returns a date."""
    if not is_command_module(module.path) or "Command" not in module.classes:
        return set()
    out = set()
    for arg in argparse_arguments(module.classes["Command"]):
        typ = arg.keyword("type")
        if typ is None or arg.dest is None:
            continue
        target = index.resolve(module, typ) or ""
        callee = index.lookup_function(target)
        if target in DATE_FUNCS or (callee is not None and _returns_date(index, callee)):
            out.add(arg.dest)
        elif isinstance(typ, ast.Lambda) and isinstance(typ.body, ast.Call) and isinstance(typ.body.func, ast.Attribute) \
                and typ.body.func.attr == "date":
            out.add(arg.dest)
    return out


def date_upper_bounds(index: "RepoIndex", fn: "FunctionInfo", fields: dict) -> Iterator[tuple[ast.keyword, str, str]]:
    """``(keyword, field path, why the bound is a date)`` for each DateTimeField upper bound given a date."""
    module = index.module_of(fn)
    dates = None
    for call in walk_no_defs(fn.node):
        if not isinstance(call, ast.Call):
            continue
        name = call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id \
            if isinstance(call.func, ast.Name) else ""
        if name not in QUERY_CALLS:
            continue
        for kw in call.keywords:
            if not kw.arg or "__" not in kw.arg:
                continue
            *path, lookup = kw.arg.split("__")
            if lookup not in UPPER or "date" in path:
                continue
            model = model_of(index, module, call.func.value) if isinstance(call.func, ast.Attribute) else None
            if field_kind(fields, model, path) != "DateTimeField":
                continue
            dates = dates or _Dates(index, module, fn)
            bound = kw.value
            if lookup == "range":
                if not (isinstance(bound, (ast.Tuple, ast.List)) and len(bound.elts) == 2):
                    continue
                bound = bound.elts[1]
            why = dates.why(bound)
            if why and not _end_of_window(fn.node, bound):
                yield kw, "__".join(path), why


def _end_of_window(fn: ast.AST, bound: ast.expr) -> bool:
    """The bound is built as the start plus a span (``end = start + timedelta(days=1)``): the end of a window
    whose last day is meant to be left out, not an inclusive "until" date."""
    while isinstance(bound, ast.Call) and isinstance(bound.func, ast.Attribute) and not bound.args:
        bound = bound.func.value  # end.date()
    if not isinstance(bound, ast.Name):
        return False

    def span(e: ast.expr) -> bool:
        return isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add) and any(
            isinstance(x, ast.Call) and (ast.unparse(x.func).endswith("timedelta")
                                         or ast.unparse(x.func).endswith("relativedelta"))
            for x in (e.left, e.right))

    return any(isinstance(n, ast.Assign) and span(n.value)
               and any(isinstance(t, ast.Name) and t.id == bound.id for t in n.targets)
               for n in walk_no_defs(fn))


class DateBoundOnDatetime(Rule):
    """A `date` as the upper bound of a `DateTimeField` lookup.

    ## What it does
    Finds `filter()` / `exclude()` / `Q()` lookups `<field>__lte=<date>` and `<field>__range=(start, <date>)`
    where the field is a `DateTimeField` of the model (looked up in the project's models) and the bound is a
    `date`: `date.fromisoformat(...)`, `strptime(...).date()`, `timezone.localdate()`, a command option
    declared with `type=date.fromisoformat`, or a helper that returns one.

    ## Why is this bad?
    Django turns the date into a datetime at midnight *at the start* of that day. `received_at__lte=
    date(2024, 5, 31)` therefore means "up to 2024-05-31 00:00", and every row of May 31st after midnight is
    left out: a monthly report "from the 1st to the 31st, inclusive" silently misses its last day.

    ## Example
    ```python
    parser.add_argument("--until", type=date.fromisoformat)
    ...
    Donation.objects.filter(received_at__lte=options["until"])
    ```

    ## Use instead
    ```python
    Donation.objects.filter(received_at__date__lte=options["until"])
    ```
    (or `received_at__lt=<the next day's start>` to keep an index on the column usable).

    ## Fix safety
    Safe: the lookup compares the field's date in the current time zone (`__date__lte`, `__date__range`),
    which includes the whole last day, as the date bound says. Rows of that day that were left out before
    are now included, which is the point. On large tables the `__date` transform can keep the database
    from using an index on the column.
    """

    code = "CMD501"
    name = "date-bound-on-datetime"
    bug_class = "C5"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "safe"

    _MODELS = ("pantry/models.py",
               "from django.db import models\n\n\n"
               "class Donation(models.Model):\n"
               "    received_at = models.DateTimeField()\n"
               "    expires_on = models.DateField()\n"
               "    quantity = models.IntegerField()\n")

    VALID = (
        Example(  # the same shared function called with datetimes: nothing to say
            path="pantry/queries.py",
            files=(_MODELS, ("pantry/management/commands/donation_export.py", (
                "from datetime import datetime\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from pantry.queries import donations_between\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--since', type=datetime.fromisoformat)\n"
                "        parser.add_argument('--until', type=datetime.fromisoformat)\n\n"
                "    def handle(self, *args, since, until, **options):\n"
                "        return str(donations_between(since, end=until).count())\n"))),
            code=(
                "from pantry.models import Donation\n\n\n"
                "def donations_between(start, end):\n"
                "    return Donation.objects.filter(received_at__gte=start, received_at__lte=end)\n"
            ),
        ),
        Example(
            path="pantry/management/commands/report.py",
            files=(_MODELS,),
            code=(
                "from datetime import date, datetime, timedelta\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from pantry.models import Donation\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--until', type=date.fromisoformat)\n\n"
                "    def handle(self, *args, **options):\n"
                "        until = options['until']\n"
                "        a = Donation.objects.filter(received_at__date__lte=until)\n"
                "        b = Donation.objects.filter(received_at__lt=until + timedelta(days=1))\n"
                "        c = Donation.objects.filter(expires_on__lte=until)\n"
                "        d = Donation.objects.filter(received_at__lte=datetime.now())\n"
                "        return a, b, c, d\n"
            ),
        ),
    )
    INVALID = (
        Example(  # a shared query function: the date arrives as a parameter from a command's date option
            path="pantry/queries.py",
            files=(_MODELS, ("pantry/management/commands/donation_export.py", (
                "from datetime import date\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from pantry.queries import donations_between\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--since', type=date.fromisoformat)\n"
                "        parser.add_argument('--until', type=date.fromisoformat)\n\n"
                "    def handle(self, *args, since, until, **options):\n"
                "        return str(donations_between(since, end=until).count())\n"))),
            code=(
                "from pantry.models import Donation\n\n\n"
                "def donations_between(start, end):\n"
                "    return Donation.objects.filter(received_at__gte=start, received_at__lte=end)\n"
            ),
            fixed=(
                "from pantry.models import Donation\n\n\n"
                "def donations_between(start, end):\n"
                "    return Donation.objects.filter(received_at__gte=start, received_at__date__lte=end)\n"
            ),
        ),
        Example(
            path="pantry/management/commands/donation_report.py",
            files=(_MODELS,),
            code=(
                "from datetime import date\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from pantry.models import Donation\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--since', type=date.fromisoformat)\n"
                "        parser.add_argument('--until', type=date.fromisoformat)\n\n"
                "    def handle(self, *args, **options):\n"
                "        return Donation.objects.filter(received_at__gte=options['since'],\n"
                "                                       received_at__lte=options['until']).count()\n"
            ),
            fixed=(
                "from datetime import date\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from pantry.models import Donation\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--since', type=date.fromisoformat)\n"
                "        parser.add_argument('--until', type=date.fromisoformat)\n\n"
                "    def handle(self, *args, **options):\n"
                "        return Donation.objects.filter(received_at__gte=options['since'],\n"
                "                                       received_at__date__lte=options['until']).count()\n"
            ),
        ),
        Example(  # a service function: strptime(...).date(), __range, a queryset built elsewhere, Q()
            path="pantry/reports.py",
            files=(_MODELS,),
            code=(
                "from datetime import datetime\n\n"
                "from django.db.models import Q\n\n"
                "from pantry.models import Donation\n\n\n"
                "def month_totals(first, last, qs=None):\n"
                "    end = datetime.strptime(last, '%d.%m.%Y').date()\n"
                "    start = datetime.strptime(first, '%d.%m.%Y').date()\n"
                "    qs = qs or Donation.objects.all()\n"
                "    rows = Donation.objects.filter(received_at__range=(start, end))\n"
                "    late = qs.filter(Q(received_at__lte=end) | Q(quantity=0))\n"
                "    return rows, late\n"
            ),
            count=2,
        ),
        Example(  # the bound comes from a helper returning a date; timezone.localdate()
            path="pantry/management/commands/close_month.py",
            files=(_MODELS,),
            code=(
                "from django.core.management.base import BaseCommand\n"
                "from django.utils import timezone\n\n"
                "from pantry.models import Donation\n\n\n"
                "def month_end(day):\n"
                "    return day.replace(day=28).date()\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        today = timezone.localdate()\n"
                "        Donation.objects.filter(received_at__lte=today).delete()\n"
                "        return Donation.objects.exclude(received_at__lte=month_end(timezone.now()))\n"
            ),
            count=2,
        ),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        fields = None
        for fn in ctx.functions():
            if "/tests/" in f"/{fn.file}" or "/migrations/" in f"/{fn.file}" or fn.node.name.startswith("test"):
                continue
            source = ctx.index.module_of(fn).source
            if "__lte" not in source and "__range" not in source:
                continue
            fields = fields if fields is not None else model_fields(ctx.index)
            for kw, path, why in date_upper_bounds(ctx.index, fn, fields):
                yield self.finding(fn, kw.value, (
                    f"`{kw.arg}` compares the DateTimeField `{path}` with {why}: the date means midnight at the "
                    f"start of that day, so the rest of the last day is left out; use `{path}__date__"
                    f"{kw.arg.rsplit('__', 1)[1]}`"), related=command_handle_related(ctx.index, fn))

    # ------------------------------------------------------------------ fix
    def _keyword(self, index: "RepoIndex", finding: Finding) -> tuple["FunctionInfo", ast.keyword] | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        for kw, _, _ in date_upper_bounds(index, fn, model_fields(index)):
            if kw.value.lineno == finding.line and kw.value.col_offset == finding.col:
                return fn, kw
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        found = self._keyword(index, finding)
        if found is None:
            return None
        _, kw = found
        source = index.by_path[finding.file].source
        start, _ = node_span(source, kw)
        if not source.startswith(kw.arg, start):
            return None
        head, _, lookup = kw.arg.rpartition("__")
        new = source[:start] + f"{head}__date__{lookup}" + source[start + len(kw.arg):]
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> Replay | None:
        """Replay the project's tests that run this query, with every `lte` / `range` lookup on a
        DateTimeField checked for a bare date bound."""
        found = self._keyword(index, finding)
        if found is None:
            return None
        fn, _ = found
        command = command_of(index, fn)
        replay = Replay(fn.symbol, (fn,), date_bounds(), command=command or "")
        if command is None:
            return replay
        # no project test runs it: run the command itself, its date arguments set to a month's last day
        cmod = next((m for p, m in index.by_path.items() if is_command_module(p) and command_name(p) == command), None)
        if cmod is None or "Command" not in cmod.classes:
            return replay
        handle = cmod.functions.get("Command.handle")
        argv = date_command_line(index, cmod, _date_options(index, cmod, handle) if handle else set())
        if argv is None:
            return replay
        helpers, check = date_direct_test(command, argv)
        return Replay(fn.symbol, (fn,), date_bounds(), command=command, otherwise=command_test(
            command, cmod.path,
            doc=(f"Regression test (rootfix {self.code}): `{command} {' '.join(argv)}` includes the whole last day.\n\n"
                 "A date upper bound on a DateTimeField means midnight at the start of that day."),
            imports=["from io import StringIO", "", "from django.core.management import call_command"],
            helpers=helpers, check=check, test_name=f"test_{command}_includes_the_last_day", db=True))
