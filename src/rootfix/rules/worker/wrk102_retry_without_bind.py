"""WRK102: ``self.retry()`` in a Celery task declared without ``bind=True``."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.rules.base import CheckContext, Example, Rule, TaskReplay
from rootfix.rules.worker import _w1common as w1
from rootfix.rules.worker._lib.retry import bind_task, transient_replay
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

_FILES = (
    ("crm/__init__.py", ""),
    ("crm/models.py", '''from django.db import models


class Contact(models.Model):
    email = models.EmailField(unique=True)
    synced_at = models.DateTimeField(null=True)
'''),
    ("crm/client.py", '''import requests


def push_contact(contact):
    resp = requests.put(f"https://crm.example.com/contacts/{contact.pk}", json={"email": contact.email}, timeout=10)
    resp.raise_for_status()
'''),
)

_BUGGY = '''import logging

import requests
from celery import shared_task
from django.utils import timezone

from crm.client import push_contact
from crm.models import Contact

logger = logging.getLogger(__name__)


@shared_task(max_retries=4, default_retry_delay=60)
def sync_contact(contact_id):
    contact = Contact.objects.get(pk=contact_id)
    try:
        push_contact(contact)
    except requests.RequestException as exc:
        logger.warning("CRM push of contact %s failed: %s", contact.pk, exc)
        raise self.retry(exc=exc)
    contact.synced_at = timezone.now()
    contact.save(update_fields=["synced_at"])
'''

_FIXED = _BUGGY.replace("@shared_task(max_retries=4", "@shared_task(bind=True, max_retries=4").replace(
    "def sync_contact(contact_id):", "def sync_contact(self, contact_id):")

_BUGGY_BARE = '''from celery import shared_task
from requests import RequestException

from crm.client import push_contact
from crm.models import Contact


@shared_task
def sync_contact(self, contact_id):
    contact = Contact.objects.get(pk=contact_id)
    try:
        push_contact(contact)
    except RequestException as exc:
        raise self.retry(exc=exc, countdown=30)
'''

_FIXED_BARE = _BUGGY_BARE.replace("@shared_task\n", "@shared_task(bind=True)\n")


class RetryWithoutBind(Rule):
    """``self.retry()`` in a task that is not bound (no ``bind=True``): ``self`` is not the task.

    ## What it does
    Finds Celery tasks declared with ``@shared_task`` / ``@app.task`` (any alias) without ``bind=True``
    whose body calls ``self.retry(...)``.

    ## Why is this bad?
    Only a bound task receives the task instance as its first argument. Without ``bind=True``,
    ``self`` is either an undefined name (``NameError`` exactly when the transient error happens, so the
    task fails instead of retrying) or the task's first real argument (``AttributeError: 'int' object
    has no attribute 'retry'``). The retry path is usually untested, so this ships.

    ## Example
    ```python
    @shared_task(max_retries=4)
    def sync_contact(contact_id):
        try:
            push_contact(Contact.objects.get(pk=contact_id))
        except requests.RequestException as exc:
            raise self.retry(exc=exc)
    ```

    ## Use instead
    ```python
    @shared_task(bind=True, max_retries=4)
    def sync_contact(self, contact_id):
        ...
    ```

    ## Fix safety
    Safe: ``bind=True`` is added to the decorator and ``self`` as the first parameter when it is missing.
    Callers are unchanged: ``.delay()`` / ``.apply_async()`` / direct calls do not pass the bound
    instance. (A function that already had ``self`` as an ordinary first parameter was broken for
    every caller that did not pass an extra argument.)
    """

    code = "WRK102"
    name = "retry-without-bind"
    bug_class = "W1"
    component_types = ("background-worker", "scheduled-job")
    fix_safety = "safe"

    VALID = (
        Example(_FIXED, path="crm/tasks.py", files=_FILES),
        # retrying through the task object itself works without bind
        Example(_BUGGY.replace("raise self.retry(exc=exc)", "raise sync_contact.retry(exc=exc)"),
                path="crm/tasks.py", files=_FILES),
        # a Task subclass: self is the task
        Example('''from celery import Task

from crm.client import push_contact
from crm.models import Contact


class SyncContact(Task):
    max_retries = 3

    def run(self, contact_id):
        try:
            push_contact(Contact.objects.get(pk=contact_id))
        except ConnectionError as exc:
            raise self.retry(exc=exc)
''', path="crm/tasks.py", files=_FILES),
    )
    INVALID = (
        Example(_BUGGY, path="crm/tasks.py", files=_FILES, fixed=_FIXED),
        Example(_BUGGY_BARE, path="crm/tasks.py", files=_FILES, fixed=_FIXED_BARE),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        for task in w1.worker_tasks(index).values():
            if task.framework != "celery" or task.kind != "decorator" or task.bound or not ctx.in_scope(task.fn):
                continue
            params = [a.arg for a in task.fn.node.args.posonlyargs + task.fn.node.args.args]
            for node in w1._walk_no_defs(task.fn.node.body):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "retry"
                        and isinstance(node.func.value, ast.Name) and node.func.value.id == "self"):
                    what = ("`self` is the task's first argument" if params[:1] == ["self"]
                            else "`self` is not defined there (NameError)")
                    yield self.finding(
                        task.fn, node,
                        f"task {task.fn.symbol} calls self.retry() but is not declared with bind=True: {what}, "
                        f"so the retry itself fails")
                    break

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        fn = index.enclosing_function(finding.file, finding.line)
        task = w1.worker_tasks(index).get(fn.qualname) if fn else None
        if task is None:
            return None
        source = index.module_of(task.fn).source
        new = bind_task(cst.parse_module(source), task).code
        if new == source:
            return None
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> TaskReplay | None:
        fn = index.enclosing_function(finding.file, finding.line)
        task = w1.worker_tasks(index).get(fn.qualname) if fn else None
        if task is None:
            return None
        call = next((n for n in walk_tree(task.fn.node) if isinstance(n, ast.Call) and n.lineno == finding.line
                     and n.col_offset == finding.col), None)
        return transient_replay(index, task, call, rule=self.name,
                                doc="When the guarded call fails with the error the task retries on, the task must "
                                    "ask Celery to retry (or re-raise), not fail with NameError/AttributeError.")


