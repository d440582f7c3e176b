"""JOB202: a job fills and reads a module-level container, carrying state from one run to the next."""
from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.rules.base import CheckContext, DirectTest, Example, ProjectTestCalls, Rule
from rootfix.rules.job._common import node_span
from rootfix.rules.job._lib.blocks import TERMINATORS, is_test_code, walk_no_defs
from rootfix.rules.job._lib.job_test import dotted_module
from rootfix.rules.job._lib.module_state import module_containers, uses
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex


class ModuleStateAcrossRuns(Rule):
    """A job fills and reads a module-level dict/set: the next run in the same process starts with it.

    ## What it does
    Finds module-level containers (`_RATES = {}`, `_SEEN = set()`, `defaultdict(list)`) that a job function
    both writes (`X[k] = v`, `.add()`, `.update()`, `.setdefault()`) and reads (`k in X`, `X[k]`, `X.get()`),
    when nothing resets them (`.clear()`, `del`, reassignment under `global`). Methods and registration helpers
    (`register_*`) are left alone: they keep process-wide state on purpose.
    Only code that runs in a process outliving one run is looked at (a worker, an in-process scheduler, a
    command that loops): a job cron, a Kubernetes CronJob or django-crontab starts as `manage.py X`, and a
    one-off command, get a fresh process each time, so nothing is carried over.

    ## Why is this bad?
    A scheduler process (beat's worker, APScheduler, a `run_scheduler` loop) runs the job again and again in
    one interpreter. A cache filled by the first run serves its values to every later run: prices, rates and
    settings changed since are never seen. A "seen" set skips on the second run what the first run handled -
    until the process restarts, when it forgets everything and repeats it all. Tests run each job once in a
    fresh process and never notice.

    ## Example
    ```python
    _RATES = {}

    def convert_payouts():
        for payout in Payout.objects.filter(converted=False):
            if payout.currency not in _RATES:
                _RATES[payout.currency] = fx.rate(payout.currency)
            payout.amount_eur = payout.amount * _RATES[payout.currency]
            payout.save()
    ```

    ## Use instead
    ```python
    def convert_payouts():
        _RATES = {}
        for payout in Payout.objects.filter(converted=False):
            ...
    ```
    (a cache per run). A "seen" set is a done-marker: persist it (a column, a table) instead.

    ## Fix safety
    Unsafe: the fix builds the container afresh at the start of each run (and drops the module-level one),
    which is only offered for caches read for their values, used by that one job function alone, that no
    other project code calls. Membership sets that skip work ("seen") are reported without a fix: rebuilding
    them per run would repeat the work on every run; they need a persistent marker.
    """

    code = "JOB202"
    name = "module-state-across-runs"
    bug_class = "S2"
    component_types = ("scheduled-job", "cli-tool")
    scope = "long-lived"  # state carries over only where the process outlives a run
    fix_safety = "unsafe"

    VALID = (
        Example(path="payouts/jobs.py", code=(  # a cache per run
            "from payouts import fx\nfrom payouts.models import Payout\n\n\n"
            "def convert_payouts():\n"
            "    rates = {}\n"
            "    for payout in Payout.objects.filter(converted=False):\n"
            "        if payout.currency not in rates:\n"
            "            rates[payout.currency] = fx.rate(payout.currency)\n"
            "        payout.amount_eur = payout.amount * rates[payout.currency]\n"
            "        payout.save()\n")),
        Example(path="payouts/jobs.py", code=(  # cleared at the start of each run
            "from payouts import fx\nfrom payouts.models import Payout\n\n_RATES = {}\n\n\n"
            "def convert_payouts():\n"
            "    _RATES.clear()\n"
            "    for payout in Payout.objects.filter(converted=False):\n"
            "        if payout.currency not in _RATES:\n"
            "            _RATES[payout.currency] = fx.rate(payout.currency)\n"
            "        payout.amount_eur = payout.amount * _RATES[payout.currency]\n"
            "        payout.save()\n")),
        Example(path="ops/registry.py", code=(  # a registry filled at import, only read by the job
            "JOBS = {}\n\n\n"
            "def register(func):\n"
            "    JOBS[func.__name__] = func\n"
            "    return func\n\n\n"
            "def run_all():\n"
            "    for name in sorted(JOBS):\n"
            "        JOBS[name]()\n")),
        Example(path="payouts/jobs.py", code=(  # reassigned under global at the start of each run
            "from payouts import fx\n\n_RATES = {}\n\n\n"
            "def refresh():\n"
            "    global _RATES\n"
            "    _RATES = {}\n"
            "    if 'EUR' not in _RATES:\n"
            "        _RATES['EUR'] = fx.rate('EUR')\n")),
    )
    INVALID = (
        Example(path="payouts/jobs.py", code=(
            "from payouts import fx\nfrom payouts.models import Payout\n\n_RATES = {}\n\n\n"
            "def convert_payouts():\n"
            "    for payout in Payout.objects.filter(converted=False):\n"
            "        if payout.currency not in _RATES:\n"
            "            _RATES[payout.currency] = fx.rate(payout.currency)\n"
            "        payout.amount_eur = payout.amount * _RATES[payout.currency]\n"
            "        payout.save()\n"),
            fixed=(
            "from payouts import fx\nfrom payouts.models import Payout\n\n\n"
            "def convert_payouts():\n"
            "    _RATES = {}\n"
            "    for payout in Payout.objects.filter(converted=False):\n"
            "        if payout.currency not in _RATES:\n"
            "            _RATES[payout.currency] = fx.rate(payout.currency)\n"
            "        payout.amount_eur = payout.amount * _RATES[payout.currency]\n"
            "        payout.save()\n")),
        Example(path="alerts/tasks.py", code=(  # a "seen" set in a celery beat task: reported, no fix
            "from celery import shared_task\n\nfrom alerts import pager\nfrom alerts.models import Incident\n\n"
            "_PAGED = set()\n\n\n"
            "@shared_task\n"
            "def page_open_incidents():\n"
            "    for incident in Incident.objects.filter(open=True):\n"
            "        if incident.pk in _PAGED:\n"
            "            continue\n"
            "        pager.page(incident.pk)\n"
            "        _PAGED.add(incident.pk)\n")),
        Example(path="catalog/cron.py", code=(  # setdefault cache with defaultdict, django-crontab, helper module
            "from collections import defaultdict\n\nfrom catalog import feeds\n\n"
            "_BY_VENDOR = defaultdict(list)\n\n\n"
            "def rebuild_vendor_feeds():\n"
            "    for item in feeds.items():\n"
            "        _BY_VENDOR[item.vendor].append(item)\n"
            "    for vendor, items in _BY_VENDOR.items():\n"
            "        feeds.publish(vendor, items)\n"),
            files=(("shop/settings.py", "CRONJOBS = [('0 * * * *', 'catalog.cron.rebuild_vendor_feeds')]\n"),),
            fixed=(
            "from collections import defaultdict\n\nfrom catalog import feeds\n\n\n"
            "def rebuild_vendor_feeds():\n"
            "    _BY_VENDOR = defaultdict(list)\n"
            "    for item in feeds.items():\n"
            "        _BY_VENDOR[item.vendor].append(item)\n"
            "    for vendor, items in _BY_VENDOR.items():\n"
            "        feeds.publish(vendor, items)\n")),
        Example(path="monitoring/jobs.py", code=(  # APScheduler, a settings cache loaded on the first run
            "from apscheduler.schedulers.blocking import BlockingScheduler\n\n"
            "from monitoring import monitors, pager\nfrom monitoring.models import Threshold\n\n"
            "sched = BlockingScheduler()\n_THRESHOLDS = {}\n\n\n"
            "@sched.scheduled_job('interval', minutes=1)\n"
            "def poll_thresholds():\n"
            "    if not _THRESHOLDS:\n"
            "        _THRESHOLDS.update(Threshold.objects.values_list('name', 'value'))\n"
            "    for alert in monitors.check(_THRESHOLDS):\n"
            "        pager.page(alert)\n"),
            fixed=(
            "from apscheduler.schedulers.blocking import BlockingScheduler\n\n"
            "from monitoring import monitors, pager\nfrom monitoring.models import Threshold\n\n"
            "sched = BlockingScheduler()\n\n\n"
            "@sched.scheduled_job('interval', minutes=1)\n"
            "def poll_thresholds():\n"
            "    _THRESHOLDS = {}\n"
            "    if not _THRESHOLDS:\n"
            "        _THRESHOLDS.update(Threshold.objects.values_list('name', 'value'))\n"
            "    for alert in monitors.check(_THRESHOLDS):\n"
            "        pager.page(alert)\n")),
    )

    # ------------------------------------------------------------------ detection
    def _hits(self, index: "RepoIndex", module: "ModuleInfo"):
        """``(name, module-level stmt, fn, first read, seen-set?)`` for each job function filling and reading."""
        containers = dict(module_containers(module.tree))
        if not containers:
            return
        fns = list(module.functions.values())
        importers = [(m, local) for m, local, attr in _importers(index).get(module.module, ()) if attr in containers]
        for name, stmt in containers.items():
            per_fn = {f.qualname: uses(f.node, name) for f in fns}
            for m, local in importers:
                if m.imports[local].rsplit(".", 1)[1] == name:
                    for f in m.functions.values():
                        per_fn[f.qualname] = uses(f.node, local)
            if any(reset for _, _, reset in per_fn.values()):
                continue
            for f in fns:
                writes, reads, _ = per_fn[f.qualname]
                # a job is a function; methods (a cache's own __init__) and registration helpers
                # (register_converter) keep process-wide state on purpose
                if f.class_name is not None or re.search(r"(^|_)(register|registry|add)(_|$)", f.node.name):
                    continue
                if writes and reads:
                    first = min(reads, key=lambda n: (n.lineno, n.col_offset))
                    yield name, stmt, f, first, _skips(f.node, name), per_fn

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for module in ctx.index.by_path.values():
            if is_test_code(module.path):
                continue
            for name, _, fn, first, seen, _ in self._hits(ctx.index, module):
                if not ctx.in_scope(fn):
                    continue
                what = ("skips what an earlier run handled (until the process restarts, when it forgets and "
                        "repeats everything): persist the marker" if seen else
                        "serves an earlier run's values to every later run: build it inside the job")
                yield self.finding(fn, first, (
                    f"`{name}` is a module-level container that {fn.symbol} fills and reads: in a long-running "
                    f"scheduler process the next run starts with this run's contents and {what}"))

    def _target(self, index: "RepoIndex", finding: Finding):
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        for hit in self._hits(index, module):
            if hit[3].lineno == finding.line and hit[3].col_offset == finding.col:
                return module, hit
        return None

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None:
            return None
        module, (name, stmt, fn, _, seen, per_fn) = target
        users = [q for q, (w, r, _) in per_fn.items() if w or r]
        callers = [c for c, _ in index.callers(fn) if "/tests/" not in f"/{c.file}" and not c.node.name.startswith("test")
                   and not c.file.rsplit("/", 1)[-1].startswith("test")]
        if seen or users != [fn.qualname] or callers or _mentioned_elsewhere(module, name, fn.node, stmt):
            return None
        source = module.source
        lines = source.splitlines(keepends=True)
        body = fn.node.body
        first = body[1] if (len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                            and isinstance(body[0].value.value, str)) else body[0]
        indent = lines[first.lineno - 1][: len(lines[first.lineno - 1]) - len(lines[first.lineno - 1].lstrip())]
        v_start, v_end = node_span(source, stmt.value)
        init = f"{indent}{name} = {source[v_start:v_end]}\n"
        new_lines = lines[: first.lineno - 1] + [init] + lines[first.lineno - 1:]
        # drop the module-level statement (before the function, so its line numbers are unchanged)
        start, end = stmt.lineno - 1, stmt.end_lineno
        if end < len(new_lines) and not new_lines[end].strip():
            while start > 0 and not new_lines[start - 1].strip():
                start -= 1  # the blank lines above go with it: the ones below separate what follows
        del new_lines[start:end]
        new = "".join(new_lines)
        cst.parse_module(new)
        return Patch(changes=(FileChange(finding.file, source, new),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Replay each project test that runs the job: the run must leave no state in the module."""
        target = self._target(index, finding)
        if target is None:
            return None
        module, (name, _, fn, _, seen, _) = target
        if seen:
            return None
        return DirectTest(fn.symbol, fn.file, ("job202_no_state_between_runs",), dict(
            name=name, module_repr=repr(dotted_module(module.module)), name_repr=repr(name)),
            calls=ProjectTestCalls(fn, "_run_leaves_no_state"))


_IMPORTERS: dict[int, tuple[object, dict[str, list]]] = {}


def _importers(index: "RepoIndex") -> dict[str, list]:
    """module -> [(importing module, local name, imported attribute)], built once per index."""
    cached = _IMPORTERS.get(id(index))
    if cached is not None and cached[0] is index:
        return cached[1]
    out: dict[str, list] = {}
    for m in index.by_path.values():
        for local, target in m.imports.items():
            mod, _, attr = target.rpartition(".")
            if mod:
                out.setdefault(mod, []).append((m, local, attr))
    _IMPORTERS.clear()  # one index at a time: do not keep old ones alive
    _IMPORTERS[id(index)] = (index, out)
    return out


def _skips(fn: ast.AST, name: str) -> bool:
    """``if x in NAME: continue`` - membership used to skip work: a "seen" set."""
    for node in walk_no_defs(fn.body):  # type: ignore[attr-defined]
        if isinstance(node, ast.If) and isinstance(node.body[-1], TERMINATORS) and any(
                isinstance(c, ast.Compare) and any(isinstance(x, ast.Name) and x.id == name for x in c.comparators)
                for c in walk_tree(node.test)):
            return True
    return False


def _mentioned_elsewhere(module: "ModuleInfo", name: str, fn: ast.AST, stmt: ast.stmt) -> bool:
    """``name`` appears in the module outside ``fn`` and its own definition (``__all__``, other statements)."""
    inside = {id(n) for n in walk_tree(fn)} | {id(n) for n in walk_tree(stmt)}
    for node in walk_tree(module.tree):
        if id(node) in inside:
            continue
        if (isinstance(node, ast.Name) and node.id == name) or (
                isinstance(node, ast.Constant) and node.value == name):
            return True
    return False
