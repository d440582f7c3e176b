"""JOB101: ``get_or_create`` / ``update_or_create`` looks a row up by a value that changes on every run."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.rules.base import CheckContext, DirectTest, Example, ProjectTestCalls, Rule
from rootfix.rules.job._common import node_span, preferred_quote
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

GET_OR_CREATE = frozenset({"get_or_create", "update_or_create", "aget_or_create", "aupdate_or_create"})
#: Calls whose value is new on every run: instants ...
CLOCKS = frozenset({
    "django.utils.timezone.now", "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today",
    "time.time", "time.time_ns", "time.monotonic", "time.perf_counter",
})
#: ... and random identifiers.
RANDOM = frozenset({
    "uuid.uuid1", "uuid.uuid4", "secrets.token_hex", "secrets.token_urlsafe", "secrets.token_bytes",
    "os.urandom", "random.random", "random.randint",
})
#: Methods that turn an instant into a bucket (a day, an hour): a legitimate idempotency key.
BUCKETING = frozenset({"date", "replace", "timetuple", "isocalendar", "toordinal", "weekday", "isoweekday"})
#: Keyword arguments of get_or_create that are not lookups.
NOT_LOOKUPS = frozenset({"defaults", "create_defaults"})
DJANGO_LOOKUPS = frozenset({"exact", "iexact"})


class _Volatility:
    """Which expressions of one function hold a value that differs on every run."""

    def __init__(self, index: "RepoIndex", module: "ModuleInfo", fn: ast.AST, depth: int = 0) -> None:
        self.index, self.module = index, module
        self.names: dict[str, str] = {}  # local name -> what makes it volatile
        if depth < 3:  # a parameter the project's callers fill with a run timestamp (run_at=timezone.now())
            self.names.update(_volatile_parameters(index, fn, depth))
        assigns: list[tuple[str, ast.expr]] = []
        for node in walk_tree(fn):
            if isinstance(node, ast.Assign):
                assigns += [(t.id, node.value) for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name) and node.value:
                assigns.append((node.target.id, node.value))
            elif isinstance(node, ast.NamedExpr):
                assigns.append((node.target.id, node.value))
        changed = True
        while changed:  # names assigned from volatile names (window_start = now + LEAD) are volatile too
            changed = False
            for name, value in assigns:
                why = self.why(value)
                if why and name not in self.names:
                    self.names[name] = why
                    changed = True

    def why(self, node: ast.expr) -> str | None:
        """A short description of the volatile source of ``node``'s value, or None."""
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.Call):
            target = self.index.resolve(self.module, node.func) or ""
            if target in CLOCKS or target in RANDOM:
                return f"{target.rsplit('.', 2)[-2] if target.count('.') > 1 else ''}.{target.rsplit('.', 1)[-1]}()".lstrip(".")
            if isinstance(node.func, ast.Attribute):
                if node.func.attr in BUCKETING:
                    return None
                if node.func.attr in ("isoformat", "timestamp", "strftime", "hex"):
                    return self.why(node.func.value)
            if target in ("str", "int", "float", "repr") and len(node.args) == 1:
                return self.why(node.args[0])
            return None
        if isinstance(node, ast.Attribute):
            if node.attr in ("hex", "int", "bytes", "urn"):
                return self.why(node.value)
            return None
        if isinstance(node, ast.BinOp):
            return self.why(node.left) or self.why(node.right)
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):  # uuid4().hex[:8]
            return self.why(node.value)
        if isinstance(node, ast.BoolOp):
            return next((w for w in map(self.why, node.values) if w), None)
        if isinstance(node, ast.IfExp):
            return self.why(node.body) or self.why(node.orelse)
        if isinstance(node, ast.JoinedStr):
            return next((self.why(v.value) for v in node.values
                         if isinstance(v, ast.FormattedValue) and self.why(v.value)), None)
        return None


def _volatile_parameters(index: "RepoIndex", fn: ast.AST, depth: int) -> dict[str, str]:
    """Parameters of ``fn`` that a project caller (not a test) passes a value new on every run."""
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return {}
    info = next((f for f in index.functions.values() if f.node is fn), None)
    if info is None:
        return {}
    positional = [a.arg for a in [*fn.args.posonlyargs, *fn.args.args]]
    if info.class_name and positional and not any(
            isinstance(d, ast.Name) and d.id == "staticmethod" for d in fn.decorator_list):
        positional = positional[1:]  # self / cls
    params = set(positional) | {a.arg for a in fn.args.kwonlyargs}
    out: dict[str, str] = {}
    for caller, call in index.callers(info):
        if "/tests/" in f"/{caller.file}" or caller.node.name.startswith("test"):
            continue
        passed: list[tuple[str, ast.expr]] = []
        for i, arg in enumerate(call.args):
            if isinstance(arg, ast.Starred):
                break
            if i < len(positional):
                passed.append((positional[i], arg))
        passed += [(kw.arg, kw.value) for kw in call.keywords if kw.arg in params]
        if not passed:
            continue
        vol = _Volatility(index, index.module_of(caller), caller.node, depth + 1)
        for name, expr in passed:
            why = vol.why(expr)
            if why and name not in out:
                out[name] = f"{why} passed by {caller.symbol}"
    return out


def volatile_lookups(index: "RepoIndex", module: "ModuleInfo", fn: ast.AST) -> Iterable[tuple[ast.Call, list[tuple[ast.keyword, str]]]]:
    """``(call, [(keyword, why), ...])`` for each get_or_create-like call with volatile lookup kwargs."""
    vol = None
    for node in walk_tree(fn):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in GET_OR_CREATE):
            continue
        vol = vol or _Volatility(index, module, fn)
        bad = []
        for kw in node.keywords:
            if kw.arg is None or kw.arg in NOT_LOOKUPS:
                continue
            why = vol.why(kw.value)
            if why:
                bad.append((kw, why))
        stable = [k for k in node.keywords if k.arg and k.arg not in NOT_LOOKUPS and all(k is not b for b, _ in bad)]
        # with no stable lookup left, moving the value into defaults would not be a fix: leave it alone
        if bad and (stable or any(k.arg is None for k in node.keywords)):
            yield node, bad


class VolatileLookup(Rule):
    """`get_or_create` looks up a row by a value that is new on every run.

    ## What it does
    Finds `get_or_create()` / `update_or_create()` calls whose lookup keyword arguments (everything
    but `defaults`) include a value that differs on every run: `timezone.now()`, `datetime.now()`,
    `datetime.utcnow()`, `time.time()`, `uuid4()`, `secrets.token_hex()`, or a local name bound to one
    (including a `now` parameter filled with `now = now or timezone.now()`, and values computed from it).

    A run stamp (a value computed once per run, then used in every lookup) in code only developer commands run
    (their name or `help` says they make test, sample or demo data) is not reported: such a command makes a
    fresh set of rows on purpose each time.

    ## Why is this bad?
    A scheduled job uses `get_or_create` as its done-marker: the row says "this was already sent".
    The lookup runs with *every* keyword except `defaults`, so with a timestamp among them the next
    run (the hourly tick, a tick that fires twice, a manual re-run) never finds the row it created:
    it creates another one and repeats the side effect (a second SMS, a second charge).

    ## Example
    ```python
    reminder, created = Reminder.objects.get_or_create(
        appointment=appointment,
        kind=Reminder.Kind.DAY_BEFORE,
        sent_at=now,
    )
    if created:
        gateway.send(patient.mobile, text)
    ```

    ## Use instead
    ```python
    reminder, created = Reminder.objects.get_or_create(
        appointment=appointment,
        kind=Reminder.Kind.DAY_BEFORE,
        defaults={"sent_at": now},
    )
    ```
    Values that only describe the new row belong in `defaults`: they are written on create and
    never take part in the lookup. A day bucket (`now.date()`, `timezone.localdate()`) is a fine key.

    ## Fix safety
    Safe: the volatile keywords move into `defaults` (merged into an existing `defaults` dict), so
    the row is still created with the same values. For `update_or_create` the values are now also
    written on update, which is what a "last run" timestamp means. If the database holds duplicate
    rows already, `get_or_create` raises `MultipleObjectsReturned` until they are cleaned up.
    """

    code = "JOB101"
    name = "volatile-get-or-create-lookup"
    bug_class = "S1"
    component_types = ("scheduled-job", "cli-tool", "background-worker")
    fix_safety = "safe"

    VALID = (
        Example(
            path="appointments/jobs.py",
            code=(
                "import secrets\n\n"
                "from django.utils import timezone\n\n"
                "from .models import Reminder, SurveyInvite\n\n\n"
                "def send_follow_up_surveys(appointments, now=None):\n"
                "    now = now or timezone.now()\n"
                "    for appointment in appointments:\n"
                "        invite, created = SurveyInvite.objects.get_or_create(\n"
                "            appointment=appointment,\n"
                "            defaults={'token': secrets.token_hex(8), 'sent_at': now},\n"
                "        )\n"
            ),
        ),
        Example(  # a day bucket is the idempotency key on purpose
            path="billing/management/commands/close_day.py",
            code=(
                "from django.core.management.base import BaseCommand\n"
                "from django.utils import timezone\n\n"
                "from billing.models import DailyClose\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        now = timezone.now()\n"
                "        close, _ = DailyClose.objects.update_or_create(\n"
                "            day=now.date(), defaults={'closed_at': now},\n"
                "        )\n"
                "        DailyClose.objects.get_or_create(day=timezone.localdate())\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="appointments/jobs.py",
            code=(
                "import logging\n\n"
                "from django.utils import timezone\n\n"
                "from .models import Reminder\n\n"
                "logger = logging.getLogger(__name__)\n\n\n"
                "def send_appointment_reminders(upcoming, gateway, now=None):\n"
                "    now = now or timezone.now()\n"
                "    for appointment in upcoming:\n"
                "        reminder, created = Reminder.objects.get_or_create(\n"
                "            appointment=appointment,\n"
                "            kind=Reminder.Kind.DAY_BEFORE,\n"
                "            sent_at=now,\n"
                "        )\n"
                "        if created:\n"
                "            gateway.send(appointment.patient.mobile, 'See you tomorrow')\n"
            ),
            fixed=(
                "import logging\n\n"
                "from django.utils import timezone\n\n"
                "from .models import Reminder\n\n"
                "logger = logging.getLogger(__name__)\n\n\n"
                "def send_appointment_reminders(upcoming, gateway, now=None):\n"
                "    now = now or timezone.now()\n"
                "    for appointment in upcoming:\n"
                "        reminder, created = Reminder.objects.get_or_create(\n"
                "            appointment=appointment,\n"
                "            kind=Reminder.Kind.DAY_BEFORE,\n"
                "            defaults={'sent_at': now},\n"
                "        )\n"
                "        if created:\n"
                "            gateway.send(appointment.patient.mobile, 'See you tomorrow')\n"
            ),
        ),
        Example(
            path="invoicing/tasks.py",
            code=(
                "import uuid\n"
                "from datetime import datetime as dt\n\n"
                "from celery import shared_task\n\n"
                "from invoicing.models import Invoice, PaymentRun\n\n\n"
                "@shared_task\n"
                "def charge_open_invoices(account_id):\n"
                "    started = dt.utcnow()\n"
                "    for invoice in Invoice.objects.filter(account_id=account_id, paid=False):\n"
                "        run, created = PaymentRun.objects.get_or_create(\n"
                "            invoice=invoice, run_id=str(uuid.uuid4()), started_at=started,\n"
                "            defaults={\"amount\": invoice.total})\n"
            ),
            fixed=(
                "import uuid\n"
                "from datetime import datetime as dt\n\n"
                "from celery import shared_task\n\n"
                "from invoicing.models import Invoice, PaymentRun\n\n\n"
                "@shared_task\n"
                "def charge_open_invoices(account_id):\n"
                "    started = dt.utcnow()\n"
                "    for invoice in Invoice.objects.filter(account_id=account_id, paid=False):\n"
                "        run, created = PaymentRun.objects.get_or_create(\n"
                "            invoice=invoice, defaults={\"amount\": invoice.total, \"run_id\": str(uuid.uuid4()), "
                "\"started_at\": started})\n"
            ),
        ),
        Example(  # the run timestamp comes from the caller
            path="metering/snapshots.py",
            code=(
                "from django.utils import timezone\n\n"
                "from .models import Meter, UsageSnapshot\n\n\n"
                "def record_snapshot(meter, day, run_at):\n"
                "    return UsageSnapshot.objects.update_or_create(\n"
                "        meter=meter, day=day, computed_at=run_at, defaults={'kwh': 0})\n\n\n"
                "def build_snapshots(day, run_at=None):\n"
                "    run_at = run_at or timezone.now()\n"
                "    for meter in Meter.objects.all():\n"
                "        record_snapshot(meter, day, run_at)\n"
            ),
            fixed=(
                "from django.utils import timezone\n\n"
                "from .models import Meter, UsageSnapshot\n\n\n"
                "def record_snapshot(meter, day, run_at):\n"
                "    return UsageSnapshot.objects.update_or_create(\n"
                "        meter=meter, day=day, defaults={'kwh': 0, 'computed_at': run_at})\n\n\n"
                "def build_snapshots(day, run_at=None):\n"
                "    run_at = run_at or timezone.now()\n"
                "    for meter in Meter.objects.all():\n"
                "        record_snapshot(meter, day, run_at)\n"
            ),
        ),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            module = ctx.index.module_of(fn)
            if fn.node.name.startswith("test") or "/tests/" in f"/{fn.file}":
                continue
            developer = None
            for call, bad in volatile_lookups(ctx.index, module, fn.node):
                if _nested_def(fn.node, call):
                    continue
                if not any(_evaluated_per_call(ctx.index, module, kw.value) for kw, _ in bad):
                    # a run stamp (computed once per run): a developer command that makes sample data makes a
                    # fresh set on purpose each time it runs
                    developer = ctx.project.developer_only(fn) if developer is None else developer
                    if developer:
                        continue
                names = ", ".join(f"`{kw.arg}` ({why})" for kw, why in bad)
                yield self.finding(fn, call, (
                    f"{call.func.attr}() looks the row up by {names}, a value that is new on every run: "
                    "a re-run never finds the row it created and repeats the work; move it into defaults="))

    # ------------------------------------------------------------------ fix
    def _target(self, index: "RepoIndex", finding: Finding) -> tuple["ModuleInfo", "FunctionInfo", ast.Call, list] | None:
        module = index.by_path.get(finding.file)
        fn = index.enclosing_function(finding.file, finding.line)
        if module is None or fn is None:
            return None
        for call, bad in volatile_lookups(index, module, fn.node):
            if call.lineno == finding.line and call.col_offset == finding.col:
                return module, fn, call, bad
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None:
            return None
        module, _, call, bad = target
        start, end = node_span(module.source, call)
        segment = module.source[start:end]
        expr = cst.parse_expression(segment)
        if not isinstance(expr, cst.Call):
            return None
        new_expr = _move_to_defaults(expr, {kw.arg for kw, _ in bad}, preferred_quote(module.source))
        if new_expr is None:
            return None
        new_segment = cst.Module([]).code_for_node(new_expr)
        new = module.source[:start] + new_segment + module.source[end:]
        cst.parse_module(new)  # never hand out a patch that does not parse
        return Patch(changes=(FileChange(finding.file, module.source, new),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Re-run the job the way production does, inside the project's own tests that run it.

        Every project test that reaches the job function becomes a scenario: the test runs as it is
        (with its fixtures); the job's calls are recorded with ``sys.setprofile``; then the job is called
        again with the same arguments, datetimes a minute later (the next tick, a manual re-run), and no
        row of the model must gain a duplicate under the lookup's stable keys.
        """
        target = self._target(index, finding)
        if target is None:
            return None
        module, fn, call, bad = target
        volatile = {kw.arg for kw, _ in bad}
        keys = []
        for kw in call.keywords:
            if kw.arg and kw.arg not in NOT_LOOKUPS and kw.arg not in volatile:
                parts = kw.arg.split("__")
                keys.append("__".join(parts[:-1]) if len(parts) > 1 and parts[-1] in DJANGO_LOOKUPS else kw.arg)
        first_line = fn.node.decorator_list[0].lineno if fn.node.decorator_list else fn.node.lineno
        job_path = _module_dotted(fn.module)
        return DirectTest(fn.symbol, fn.file, ("job101_rerun_finds_its_rows",), dict(
            job=fn.symbol, call=call.func.attr, volatile=", ".join(sorted(volatile)),
            job_module_repr=repr(job_path), job_symbol_repr=repr(fn.symbol), job_file_repr=repr(fn.file),
            job_name_repr=repr(fn.node.name), job_line_repr=repr(first_line), keys_repr=repr(tuple(keys))),
            calls=ProjectTestCalls(fn, "_rerun_finds_its_rows", infix="rerun_after", limit=6, marks=False))


def _evaluated_per_call(index: "RepoIndex", module: "ModuleInfo", value: ast.expr) -> bool:
    """The lookup value calls the clock or the random source itself (``target_start=timezone.now()``): it is new
    on every call, so even one run never finds the row it created a moment ago."""
    return any(isinstance(n, ast.Call) and (index.resolve(module, n.func) or "") in CLOCKS | RANDOM
               for n in walk_tree(value))


def _module_dotted(module: str) -> str:
    return module[4:] if module.startswith("src.") else module


def _nested_def(fn: ast.AST, call: ast.Call) -> bool:
    """True when ``call`` sits in a function nested inside ``fn`` (it is checked as its own function)."""
    for node in walk_tree(fn):
        if node is not fn and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            if any(sub is call for sub in walk_tree(node)):
                return True
    return False


def _comma() -> cst.Comma:
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def _move_to_defaults(call: cst.Call, names: set[str], quote: str) -> cst.Call | None:
    """``call`` with the keyword arguments ``names`` moved into its ``defaults`` dict."""
    moved = [a for a in call.args if a.keyword is not None and a.keyword.value in names]
    if not moved:
        return None
    added = [cst.DictElement(cst.SimpleString(f"{quote}{a.keyword.value}{quote}"), a.value) for a in moved]
    existing = next((a for a in call.args if a.keyword is not None and a.keyword.value == "defaults"), None)
    if existing is None:
        value: cst.BaseExpression = cst.Dict([e.with_changes(comma=_comma()) for e in added[:-1]] + added[-1:])
        carrier = moved[0]  # `defaults=` takes the place of the first moved keyword
    elif isinstance(existing.value, cst.Dict):
        old = list(existing.value.elements)
        trailing = old[-1].comma if old else cst.MaybeSentinel.DEFAULT
        elements = [e.with_changes(comma=_comma()) for e in [*old, *added]]
        elements[-1] = elements[-1].with_changes(comma=trailing)
        value, carrier = existing.value.with_changes(elements=elements), existing
    else:  # defaults=some_mapping -> defaults={**some_mapping, "key": value}
        value = cst.Dict([cst.StarredDictElement(existing.value, comma=_comma()),
                          *[e.with_changes(comma=_comma()) for e in added[:-1]], added[-1]])
        carrier = existing
    new_args = []
    for arg in call.args:
        if arg is carrier:
            new_args.append(arg.with_changes(keyword=cst.Name("defaults"), value=value))
        elif not any(arg is m for m in moved):
            new_args.append(arg)
    if new_args and call.args[-1] is not carrier and any(call.args[-1] is m for m in moved):
        # the old last argument went away: the new last one takes its comma (or lack of one)
        new_args[-1] = new_args[-1].with_changes(comma=call.args[-1].comma)
    return call.with_changes(args=new_args)
