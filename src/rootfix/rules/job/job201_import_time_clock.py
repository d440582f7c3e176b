"""JOB201: a job reads a module-level value computed from the clock once, at import."""
from __future__ import annotations

import ast
import dataclasses
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.job._lib.blocks import is_test_code
from rootfix.rules.job._common import node_span
from rootfix.rules.job._lib.job_test import dotted_module, entry_call
from rootfix.rules.job._lib.stale import clock_call, import_time_clocks, local_names, reads
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

_CLASS_CLOCKS = frozenset({"datetime.date", "datetime.datetime"})


class ImportTimeClock(Rule):
    """A job reads a module-level value computed from the clock once, when the module was imported.

    ## What it does
    Finds module-level names whose value comes from the clock - `TODAY = date.today()`,
    `NOW = timezone.now()`, `CUTOFF = timezone.now() - timedelta(days=30)`, `STARTED = time.time()` - read by
    job code (directly, or imported from another module), and parameter defaults of job code computed from the
    clock (`def count_due(now=timezone.now())`), which Python evaluates once, when the `def` runs at import
    (reported without a fix).

    ## Why is this bad?
    The value is computed once per process. A scheduler (`celery beat` workers, APScheduler, a
    `run_scheduler` loop, a long-lived worker) imports the module once and runs the job for weeks: every run
    after the first day still uses the day the process started. Reports are cut for the wrong day, expiry
    never moves forward, "today's" reminders are the ones from the deploy day. Tests pass, because each test
    run imports the module fresh.

    ## Example
    ```python
    TODAY = date.today()

    def expire_trials():
        Trial.objects.filter(ends_on__lt=TODAY).update(active=False)
    ```

    ## Use instead
    ```python
    def expire_trials():
        today = date.today()
        Trial.objects.filter(ends_on__lt=today).update(active=False)
    ```

    ## Fix safety
    Unsafe: the fix computes the value at the start of the job function (same expression, a lowercase
    local) and leaves the module-level name for other readers. Helpers that still read the module-level
    name are reported separately; until they are fixed too they see a different instant than the job.
    Only offered when the value is defined in the job's own module.
    """

    code = "JOB201"
    name = "import-time-clock"
    bug_class = "S2"
    component_types = ("scheduled-job", "cli-tool", "background-worker")
    fix_safety = "unsafe"

    VALID = (
        Example(path="trials/jobs.py", code=(
            "from datetime import date\n\nfrom trials.models import Trial\n\n\n"
            "def expire_trials():\n"
            "    today = date.today()\n"
            "    Trial.objects.filter(ends_on__lt=today).update(active=False)\n")),
        Example(path="trials/jobs.py", code=(  # a constant, not the clock
            "from datetime import timedelta\n\nfrom django.utils import timezone\n\nfrom trials.models import Trial\n\n"
            "GRACE = timedelta(days=3)\n\n\n"
            "def expire_trials():\n"
            "    Trial.objects.filter(ends_at__lt=timezone.now() - GRACE).update(active=False)\n")),
        Example(path="trials/jobs.py", code=(  # the name is shadowed by a local of the same name
            "from datetime import date\n\nfrom trials.models import Trial\n\nTODAY = date.today()\n\n\n"
            "def expire_trials():\n"
            "    TODAY = date.today()\n"
            "    Trial.objects.filter(ends_on__lt=TODAY).update(active=False)\n")),
        Example(path="trials/jobs.py", code=(  # a default computed per call by a lambda
            "from django.utils import timezone\n\nfrom trials.models import Trial\n\nnow = lambda: timezone.now()\n\n\n"
            "def expire_trials():\n"
            "    Trial.objects.filter(ends_at__lt=now()).update(active=False)\n")),
        # a management command run by cron: each run is a new `manage.py` process that imports the module
        Example(path="ops/management/commands/rotate_logs.py", code=(
            "import time\n\nfrom django.core.management.base import BaseCommand\n\nfrom ops import logs\n\n"
            "STARTED = time.time()\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        logs.rotate(older_than=STARTED - 86400)\n")),
    )
    INVALID = (
        Example(path="trials/jobs.py", code=(
            "from datetime import date\n\nfrom trials.models import Trial\n\nTODAY = date.today()\n\n\n"
            "def expire_trials():\n"
            "    \"\"\"Nightly.\"\"\"\n"
            "    Trial.objects.filter(ends_on__lt=TODAY).update(active=False)\n"),
            fixed=(
            "from datetime import date\n\nfrom trials.models import Trial\n\nTODAY = date.today()\n\n\n"
            "def expire_trials():\n"
            "    \"\"\"Nightly.\"\"\"\n"
            "    today = date.today()\n"
            "    Trial.objects.filter(ends_on__lt=today).update(active=False)\n")),
        Example(path="reports/tasks.py", code=(  # timezone.now() arithmetic, celery task, two reads
            "from datetime import timedelta\n\nfrom celery import shared_task\nfrom django.utils import timezone\n\n"
            "from reports.models import Event\n\n"
            "CUTOFF = timezone.now() - timedelta(days=30)\n\n\n"
            "@shared_task\n"
            "def purge_events():\n"
            "    old = Event.objects.filter(created_at__lt=CUTOFF)\n"
            "    print(f'purging events before {CUTOFF}')\n"
            "    old.delete()\n"),
            fixed=(
            "from datetime import timedelta\n\nfrom celery import shared_task\nfrom django.utils import timezone\n\n"
            "from reports.models import Event\n\n"
            "CUTOFF = timezone.now() - timedelta(days=30)\n\n\n"
            "@shared_task\n"
            "def purge_events():\n"
            "    cutoff = timezone.now() - timedelta(days=30)\n"
            "    old = Event.objects.filter(created_at__lt=cutoff)\n"
            "    print(f'purging events before {cutoff}')\n"
            "    old.delete()\n")),
        Example(path="reports/jobs.py", code=(  # imported from a constants module, APScheduler: reported only
            "from apscheduler.schedulers.blocking import BlockingScheduler\n\n"
            "from reports.constants import RUN_DAY\nfrom reports.models import Sale\n\n"
            "sched = BlockingScheduler()\n\n\n"
            "@sched.scheduled_job('cron', hour=1)\n"
            "def daily_sales():\n"
            "    return Sale.objects.filter(day=RUN_DAY).count()\n"),
            files=(("reports/constants.py", "import datetime\n\nRUN_DAY = datetime.date.today()\n"),)),
        # the same command, also run by a celery task through call_command(): the worker imports it once
        Example(path="ops/management/commands/rotate_logs.py", files=(
            ("ops/tasks.py", "from celery import shared_task\nfrom django.core.management import call_command\n\n\n"
                             "@shared_task\ndef rotate_logs_task():\n    call_command(\"rotate_logs\")\n"),),
            code=(
            "import time\n\nfrom django.core.management.base import BaseCommand\n\nfrom ops import logs\n\n"
            "STARTED = time.time()\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        logs.rotate(older_than=STARTED - 86400)\n"),
            fixed=(
            "import time\n\nfrom django.core.management.base import BaseCommand\n\nfrom ops import logs\n\n"
            "STARTED = time.time()\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        started = time.time()\n"
            "        logs.rotate(older_than=started - 86400)\n")),
    )

    # ------------------------------------------------------------------ detection
    def _stale(self, index: "RepoIndex", module: "ModuleInfo") -> dict[str, tuple["ModuleInfo", str, ast.Call]]:
        """Names visible in ``module`` bound to import-time clock values: local name -> (defining module,
        name there, the clock call)."""
        out = {}
        for name, call in import_time_clocks(module.assignments, lambda e: index.resolve(module, e)).items():
            out[name] = (module, name, call)
        for local, dotted in module.imports.items():
            mod_name, _, attr = dotted.rpartition(".")
            other = index.modules.get(mod_name)
            if other is not None and attr in other.assignments:
                found = import_time_clocks({attr: other.assignments[attr]}, lambda e: index.resolve(other, e))
                if attr in found:
                    out[local] = (other, attr, found[attr])
        return out

    def _hits(self, index: "RepoIndex", fn: "FunctionInfo") -> list[tuple[ast.Name, "ModuleInfo", str, ast.Call]]:
        module = index.module_of(fn)
        memo = self.__dict__.setdefault("_memo", {})
        key = (id(index), module.path)
        if key not in memo:
            memo[key] = self._stale(index, module)
        stale = memo[key]
        if not stale:
            return []
        return [(n, *stale[n.id]) for n in reads(fn.node, set(stale))]

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if is_test_code(fn.file, fn.node.name):
                continue
            seen: set[str] = set()
            for name, where, attr, call in self._hits(ctx.index, fn):
                if name.id in seen or _imported_per_run(ctx.index, where):
                    continue
                seen.add(name.id)
                yield self.finding(fn, name, (
                    f"`{name.id}` is computed once from `{ast.unparse(call.func)}()` when {where.module} is imported: "
                    "a long-running scheduler process reuses that value on every run; compute it inside the job"))
            yield from self._clock_defaults(ctx, fn)

    def _clock_defaults(self, ctx: CheckContext, fn: "FunctionInfo") -> Iterable[Finding]:
        """``def due(now=timezone.now())``: a default is evaluated once, when the ``def`` runs at import."""
        module = ctx.index.module_of(fn)
        args = fn.node.args
        params = [*args.posonlyargs, *args.args]
        pairs = list(zip(params[len(params) - len(args.defaults):], args.defaults))
        pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
        for param, default in pairs:
            call = clock_call(default, lambda e: ctx.index.resolve(module, e))
            if call is not None:
                yield dataclasses.replace(self.finding(fn, default, (
                    f"the default of `{param.arg}` is computed once from `{ast.unparse(call.func)}()` when "
                    f"{fn.symbol}() is defined at import: every call without `{param.arg}` reuses that instant; "
                    f"default to None and compute it inside the function")), fixable=False)

    # ------------------------------------------------------------------ fix
    def _target(self, index: "RepoIndex", finding: Finding):
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        for name, where, attr, call in self._hits(index, fn):
            if name.lineno == finding.line and name.col_offset == finding.col:
                return fn, name, where, attr, call
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None:
            return None
        fn, name, where, attr, _ = target
        module = index.module_of(fn)
        if where is not module or attr != name.id:
            return None  # defined in another module: its imports would have to come along
        local = name.id.lower()
        expr = where.assignments[attr]
        if local == name.id or local in local_names(fn.node) or local in where.assignments \
                or local in where.imports or local in where.functions:
            return None
        source = module.source
        edits = []
        for n in reads(fn.node, {name.id}):
            start, end = node_span(source, n)
            edits.append((start, end, local))
        body = fn.node.body
        first = body[1] if (len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                            and isinstance(body[0].value.value, str)) else body[0]
        lines = source.splitlines(keepends=True)
        at = sum(len(l) for l in lines[:first.lineno - 1])
        indent = lines[first.lineno - 1][: len(lines[first.lineno - 1]) - len(lines[first.lineno - 1].lstrip())]
        e_start, e_end = node_span(source, expr)
        edits.append((at, at, f"{indent}{local} = {source[e_start:e_end]}\n"))
        new = source
        for start, end, text in sorted(edits, reverse=True):
            new = new[:start] + text + new[end:]
        cst.parse_module(new)
        return Patch(changes=(FileChange(finding.file, source, new),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Run the job long after its module was imported: it must read the clock during the run."""
        target = self._target(index, finding)
        if target is None:
            return None
        fn, name, where, attr, call = target
        module = index.module_of(fn)
        entry = entry_call(index, fn)
        if entry is None or where is not module or not isinstance(call.func, ast.Attribute) \
                or not isinstance(call.func.value, ast.Name):
            return None
        root = call.func.value.id
        root_dotted = index.resolve(module, call.func.value) or ""
        mod = dotted_module(module.module)
        if root_dotted in _CLASS_CLOCKS:
            patch = (f"        original = pkgutil.resolve_name({mod + '.' + root!r})\n"
                     "        recording = type('_Recording', (original,), {\n"
                     f"            {call.func.attr!r}: classmethod(lambda cls, *a, **k: (calls.append(1), "
                     f"getattr(original, {call.func.attr!r})(*a, **k))[1])}})\n"
                     f"        patcher = mock.patch({mod + '.' + root!r}, recording)\n")
        elif "." not in root_dotted or root_dotted in ("django.utils.timezone",):
            target_name = f"{mod}.{root}.{call.func.attr}"
            patch = (f"        original = pkgutil.resolve_name({target_name!r})\n"
                     f"        patcher = mock.patch({target_name!r}, lambda *a, **k: (calls.append(1), "
                     "original(*a, **k))[1])\n")
        else:
            return None
        return DirectTest(fn.symbol, fn.file, ("job201_reads_clock_per_run",), dict(
            name=name.id, clock=ast.unparse(call.func), module=module.module, entry_imports=entry[0], run=entry[1],
            fn_name=fn.node.name, patch=patch))


def _imported_per_run(index: "RepoIndex", where: "ModuleInfo") -> bool:
    """The value's module is a management command that only ``manage.py <name>`` imports: each run (cron, a
    deploy step) is a new process, so import time is run time. Not so when the command loops for long in one
    process (a ``while`` loop), or project code imports the module or runs it with ``call_command("<name>")``
    (a worker or a scheduler that imports it once)."""
    from rootfix.project.model import is_test_file

    parts = where.path.split("/")
    if len(parts) < 3 or parts[-3:-1] != ["management", "commands"]:
        return False
    name = parts[-1].removesuffix(".py")
    if any(isinstance(n, ast.While) for n in walk_tree(where.tree)):
        return False
    for other in index.modules.values():
        if other is where or is_test_file(other.path):
            continue
        if any(d == where.module or d.startswith(where.module + ".") for d in other.imports.values()):
            return False
        if f"call_command(\"{name}\"" in other.source or f"call_command('{name}'" in other.source:
            return False
    return True
