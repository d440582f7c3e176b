"""WRK103: ``self.retry(...)`` called as a statement instead of ``raise self.retry(...)``."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix import codemod
from rootfix.rules.base import CheckContext, Example, Rule, TaskReplay
from rootfix.rules.worker import _w1common as w1
from rootfix.rules.worker._lib.retry import transient_replay
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

_FILES = (
    ("shipping/__init__.py", ""),
    ("shipping/models.py", '''from django.db import models


class Shipment(models.Model):
    tracking_number = models.CharField(max_length=40)
    status = models.CharField(max_length=20, default="created")
'''),
    ("shipping/carrier.py", '''import httpx


def fetch_status(tracking_number):
    resp = httpx.get(f"https://api.carrier.example/track/{tracking_number}", timeout=5)
    resp.raise_for_status()
    return resp.json()["status"]
'''),
)

_BUGGY = '''import logging

import httpx
from celery import shared_task

from shipping.carrier import fetch_status
from shipping.models import Shipment

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=300)
def refresh_tracking(self, shipment_id):
    shipment = Shipment.objects.get(pk=shipment_id)
    try:
        status = fetch_status(shipment.tracking_number)
    except httpx.TransportError as exc:
        logger.warning("carrier API unreachable for shipment %s", shipment.pk)
        self.retry(exc=exc)
    shipment.status = status
    shipment.save(update_fields=["status"])
'''

_FIXED = _BUGGY.replace("        self.retry(exc=exc)\n", "        raise self.retry(exc=exc)\n")


class RetryNotRaised(Rule):
    """``self.retry(...)`` used as a statement: not ``raise``d (nor returned).

    ## What it does
    Finds ``self.retry(...)`` / ``<task>.retry(...)`` calls in Celery tasks that stand alone as an
    expression statement (without ``throw=False``).

    ## Why is this bad?
    Celery's documented idiom is ``raise self.retry(...)``. ``retry()`` raises ``Retry`` itself, so the
    statement form works only as long as ``retry`` really raises; the code after it reads as reachable
    (``status`` above looks assigned on every path, linters and type checkers agree) and is run as soon as
    ``retry`` returns: with ``throw=False`` added later, with ``retry`` patched in tests, or when a
    subclass overrides it - then the task continues with half-initialised state (``UnboundLocalError``,
    saving a stale status) and reports success.

    ## Example
    ```python
    try:
        status = fetch_status(shipment.tracking_number)
    except httpx.TransportError as exc:
        self.retry(exc=exc)
    shipment.status = status
    ```

    ## Use instead
    ```python
    except httpx.TransportError as exc:
        raise self.retry(exc=exc)
    ```

    ## Fix safety
    Safe: ``retry()`` raises anyway; the fix makes the ``raise`` explicit, so nothing after it runs.
    """

    code = "WRK103"
    name = "retry-not-raised"
    bug_class = "W1"
    component_types = ("background-worker", "scheduled-job")
    fix_safety = "safe"

    VALID = (
        Example(_FIXED, path="shipping/tasks.py", files=_FILES),
        Example(_BUGGY.replace("        self.retry(exc=exc)\n", "        return self.retry(exc=exc)\n"),
                path="shipping/tasks.py", files=_FILES),
        # throw=False: deliberately not raising
        Example(_BUGGY.replace("        self.retry(exc=exc)\n",
                               "        self.retry(exc=exc, throw=False)\n        return None\n"),
                path="shipping/tasks.py", files=_FILES),
        # retry() of something that is not a task (a urllib3 Retry policy object)
        Example('''from celery import shared_task
from urllib3.util import Retry

POLICY = Retry(total=3)


@shared_task
def warm_cache():
    policy = POLICY.new()
    policy.retry()
''', path="shipping/tasks.py", files=_FILES),
    )
    INVALID = (
        Example(_BUGGY, path="shipping/tasks.py", files=_FILES, fixed=_FIXED),
        Example(_BUGGY.replace("@shared_task(bind=True, max_retries=5, default_retry_delay=300)\n"
                               "def refresh_tracking(self, shipment_id):",
                               "@shared_task(max_retries=5)\ndef refresh_tracking(shipment_id):").replace(
            "        self.retry(exc=exc)\n", "        refresh_tracking.retry(exc=exc)\n"),
            path="shipping/tasks.py", files=_FILES,
            fixed=_BUGGY.replace("@shared_task(bind=True, max_retries=5, default_retry_delay=300)\n"
                                 "def refresh_tracking(self, shipment_id):",
                                 "@shared_task(max_retries=5)\ndef refresh_tracking(shipment_id):").replace(
                "        self.retry(exc=exc)\n", "        raise refresh_tracking.retry(exc=exc)\n")),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        seen: set[tuple[str, int]] = set()
        for fn, task in w1.worker_functions(index).values():
            if task.framework != "celery" or not ctx.in_scope(fn):
                continue
            module = index.module_of(fn)
            names: set[str] = set()
            if fn.qualname == task.fn.qualname and task.self_name:
                names.add(task.self_name)
            elif fn.class_name is not None and ((task.kind == "class" and fn.class_name == task.fn.class_name)
                                                or w1.is_task_method(index, fn)):
                args = fn.node.args.posonlyargs + fn.node.args.args
                names.update(a.arg for a in args[:1])
            for node in w1._walk_no_defs(fn.node.body):
                if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
                        and w1.is_retry_call(index, module, node.value, names):
                    key = (fn.file, node.lineno)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield self.finding(
                        fn, node,
                        f"`{ast.unparse(node.value)}` is called as a statement: write `raise "
                        f"{ast.unparse(node.value.func)}(...)` so nothing after it runs when it returns")

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        info = index.by_path.get(finding.file)
        if info is None:
            return None
        module, expr = codemod.find_at(cst.parse_module(info.source), finding.line, cst.Expr,
                                       where=lambda n: isinstance(n.value, cst.Call))
        if expr is None:
            return None
        new = codemod.replace_node(module, expr, lambda n: cst.Raise(exc=n.value)).code  # type: ignore[attr-defined]
        return Patch(changes=(FileChange(finding.file, info.source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> TaskReplay | None:
        fn = index.enclosing_function(finding.file, finding.line)
        task = w1.worker_tasks(index).get(fn.qualname) if fn else None
        if task is None:
            return None
        stmt = next((n for n in walk_tree(task.fn.node) if isinstance(n, ast.Expr) and n.lineno == finding.line), None)
        # retry() is made to return its Retry instead of raising it (what throw=False does): the task
        # must still stop there.
        return transient_replay(
            index, task, stmt, rule=self.name,
            doc="When retry() returns instead of raising (throw=False, an override, a test double), the task must "
                "still stop at the retry instead of running on.",
            extra_with=', mock.patch.object(task, "retry", lambda *a, **k: Retry("rootfix: retry scheduled"))',
            check=("    assert isinstance(outcome, Retry), (\n"
                   "        f\"the task ran on after asking for a retry and returned {outcome!r}\")"))
