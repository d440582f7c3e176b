"""JOB301: a job's lock is released only when the job succeeds."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.job._lib.blocks import is_test_code
from rootfix.rules.job._lib.finally_wrap import wrap_in_finally
from rootfix.rules.job._lib.job_test import entry_call, work_call
from rootfix.rules.job._lib.locks import Lock, unreleased_locks
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex
    from rootfix.rules.job._lib.blocks import Pair

_KINDS = {"cache": "cache key", "acquire": "lock", "flag": "lock flag", "attr": "lock flag", "file": "lock file"}


_IMPORTER = (
    "import os\n\nfrom depot import logs\n\n\n"
    "class Importer:\n"
    "    lock_path = '/srv/share/incoming/.import.lock'\n\n"
    "    def _acquire_lock(self):\n"
    "        try:\n"
    "            fd = os.open(self.lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)\n"
    "        except FileExistsError:\n"
    "            return False\n"
    "        os.close(fd)\n"
    "        return True\n\n"
    "    def _release_lock(self):\n"
    "        os.unlink(self.lock_path)\n\n"
    "    def run(self):\n"
    "        if not self._acquire_lock():\n"
    "            return None\n"
)


def _helpers(index: "RepoIndex", fn: "FunctionInfo"):
    """The project function a call of ``fn`` runs, for locks taken and given back by helpers
    (``self._acquire_lock()`` ... ``self._release_lock()``); only functions of the same module, whose
    ``self`` and module names mean the same objects as in ``fn``."""
    module = index.module_of(fn)

    def body(call: ast.Call):
        target = index.resolve_call(module, call, fn.class_name)
        return target.node if target is not None and target.file == fn.file and target is not fn else None

    return body


class LockReleasedOnSuccessOnly(Rule):
    """A lock the job takes is released only when the job gets to the end.

    ## What it does
    Finds a lock taken by a job - `cache.add(key, ...)`, `cache.set(LOCK_KEY, ...)`, `redis.set(key, nx=True)`,
    `lock.acquire()`, a flag column set with `.update(locked=True)` or `obj.running = True; obj.save()`,
    a lock file created with `open(path, "x")` / `Path(...).touch()` - whose release (`cache.delete(key)`,
    `lock.release()`, `.update(locked=False)`, `os.remove(path)`) sits on the straight-line path after the
    work, not in a `finally`.

    ## Why is this bad?
    The first time the work raises (a timeout, a bad row, a deploy restarting the worker mid-run) the
    release never runs. The lock stays, and every later run sees it and skips: the job silently stops
    until someone deletes the key (or it expires). An early `return` between the two does the same.

    ## Example
    ```python
    @shared_task
    def sync_inventory():
        if not cache.add("sync-inventory-lock", "1", timeout=3600):
            return
        for sku in Sku.objects.filter(active=True):
            warehouse.push(sku)
        cache.delete("sync-inventory-lock")
    ```

    ## Use instead
    ```python
    @shared_task
    def sync_inventory():
        if not cache.add("sync-inventory-lock", "1", timeout=3600):
            return
        try:
            for sku in Sku.objects.filter(active=True):
                warehouse.push(sku)
        finally:
            cache.delete("sync-inventory-lock")
    ```

    ## Fix safety
    Safe: the release call already exists; the fix moves it into a `finally` around the work, so it
    also runs when the work raises or returns early. Nothing changes on the success path.
    """

    code = "JOB301"
    name = "lock-released-on-success-only"
    bug_class = "S3"
    reported_error_is_trigger = True
    component_types = ("scheduled-job", "cli-tool")
    fix_safety = "safe"

    VALID = (
        Example(  # an early exit gives the seat back; on the main path a worker thread releases it
            path="alerts/management/commands/sendalerts.py",
            code=(
                "import threading\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from alerts.models import Flip\n\n\n"
                "class Command(BaseCommand):\n"
                "    seats = threading.BoundedSemaphore(4)\n\n"
                "    def process_one_flip(self):\n"
                "        if not self.seats.acquire(timeout=1):\n"
                "            return False\n"
                "        flip = Flip.objects.filter(processed=None).first()\n"
                "        if flip is None:\n"
                "            self.seats.release()\n"
                "            return False\n"
                "        self.pool.submit(self.notify, flip)\n"
                "        return True\n"
            ),
        ),
        Example(path="inventory/tasks.py", code=(
            "from celery import shared_task\nfrom django.core.cache import cache\n\n"
            "from inventory import warehouse\n\n\n"
            "@shared_task\n"
            "def sync_inventory():\n"
            "    if not cache.add('sync-lock', '1', timeout=3600):\n"
            "        return\n"
            "    try:\n"
            "        warehouse.push_all()\n"
            "    finally:\n"
            "        cache.delete('sync-lock')\n")),
        Example(path="ops/jobs.py", code=(  # the lock is a context manager
            "import redis\n\nfrom ops import feeds\n\nr = redis.Redis()\n\n\n"
            "def refresh_feeds():\n"
            "    with r.lock('feeds', timeout=600, blocking_timeout=0):\n"
            "        feeds.refresh()\n")),
        Example(path="ops/jobs.py", code=(  # released in the handler, which re-raises
            "from ops.models import JobState\nfrom ops import ledger\n\n\n"
            "def close_books():\n"
            "    JobState.objects.filter(name='books').update(locked=True)\n"
            "    try:\n"
            "        ledger.close()\n"
            "    except Exception:\n"
            "        JobState.objects.filter(name='books').update(locked=False)\n"
            "        raise\n"
            "    JobState.objects.filter(name='books').update(locked=False)\n")),
        Example(path="ops/jobs.py", code=(  # a cache write that is not a lock
            "from django.core.cache import cache\nfrom ops import stats\n\n\n"
            "def refresh_stats():\n"
            "    cache.set('stats', stats.compute())\n"
            "    stats.publish()\n"
            "    cache.delete('stats')\n")),
        Example(path="ops/jobs.py", code=(  # the work cannot raise past the release: it swallows and logs
            "import logging\n\nfrom django.core.cache import cache\nfrom ops import stats\n\n"
            "log = logging.getLogger(__name__)\n\n\n"
            "def refresh_stats():\n"
            "    if not cache.add('stats-lock', 1, 600):\n"
            "        return\n"
            "    try:\n"
            "        stats.publish()\n"
            "    except Exception:\n"
            "        log.exception('stats failed')\n"
            "    cache.delete('stats-lock')\n")),
    )
    INVALID = (
        Example(  # the lock is taken and given back by the class's own helper methods (an O_EXCL lock file)
            path="depot/importer.py",
            code=_IMPORTER + (
                "        for path in logs.pending():\n"
                "            logs.load(path)\n"
                "        self._release_lock()\n"
            ),
            fixed=_IMPORTER + (
                "        try:\n"
                "            for path in logs.pending():\n"
                "                logs.load(path)\n"
                "        finally:\n"
                "            self._release_lock()\n"
            ),
        ),
        Example(  # the caller decides what "not acquired" means; the release is conditional on the take
            path="rinks/locking.py",
            code=(
                "from contextlib import contextmanager\n\n"
                "from django.core.cache import cache\n\n\n"
                "@contextmanager\n"
                "def exclusive(name, timeout=600):\n"
                "    acquired = cache.add('joblock:' + name, '1', timeout)\n"
                "    yield acquired\n"
                "    if acquired:\n"
                "        cache.delete('joblock:' + name)\n"
            ),
            fixed=(
                "from contextlib import contextmanager\n\n"
                "from django.core.cache import cache\n\n\n"
                "@contextmanager\n"
                "def exclusive(name, timeout=600):\n"
                "    acquired = cache.add('joblock:' + name, '1', timeout)\n"
                "    try:\n"
                "        yield acquired\n"
                "    finally:\n"
                "        if acquired:\n"
                "            cache.delete('joblock:' + name)\n"
            ),
        ),
        Example(  # a context manager: the with block's error is thrown in at the yield
            path="sync/locks.py",
            code=(
                "from contextlib import contextmanager\n\n"
                "from django.core.cache import cache\n\n\n"
                "@contextmanager\n"
                "def job_lock(name):\n"
                "    key = f'lock:{name}'\n"
                "    if not cache.add(key, 1, timeout=3600):\n"
                "        yield False\n"
                "        return\n"
                "    yield True\n"
                "    cache.delete(key)\n"
            ),
            fixed=(
                "from contextlib import contextmanager\n\n"
                "from django.core.cache import cache\n\n\n"
                "@contextmanager\n"
                "def job_lock(name):\n"
                "    key = f'lock:{name}'\n"
                "    if not cache.add(key, 1, timeout=3600):\n"
                "        yield False\n"
                "        return\n"
                "    try:\n"
                "        yield True\n"
                "    finally:\n"
                "        cache.delete(key)\n"
            ),
        ),
        Example(path="inventory/tasks.py", code=(
            "from celery import shared_task\nfrom django.core.cache import cache\n\n"
            "from inventory import warehouse\n\n\n"
            "@shared_task\n"
            "def sync_inventory():\n"
            "    if not cache.add('sync-lock', '1', timeout=3600):\n"
            "        return\n"
            "    warehouse.push_all()  # slow\n"
            "    cache.delete('sync-lock')\n"),
            fixed=(
            "from celery import shared_task\nfrom django.core.cache import cache\n\n"
            "from inventory import warehouse\n\n\n"
            "@shared_task\n"
            "def sync_inventory():\n"
            "    if not cache.add('sync-lock', '1', timeout=3600):\n"
            "        return\n"
            "    try:\n"
            "        warehouse.push_all()  # slow\n"
            "    finally:\n"
            "        cache.delete('sync-lock')\n")),
        Example(path="ops/jobs.py", code=(  # redis lock, acquire()/release(), APScheduler
            "import redis\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n\n"
            "from ops import feeds\n\nr = redis.Redis()\nsched = BlockingScheduler()\n\n\n"
            "@sched.scheduled_job('interval', minutes=5)\n"
            "def refresh_feeds():\n"
            "    lock = r.lock('feeds', timeout=600)\n"
            "    if not lock.acquire(blocking=False):\n"
            "        return\n"
            "    feeds.refresh()\n"
            "    lock.release()\n"),
            fixed=(
            "import redis\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n\n"
            "from ops import feeds\n\nr = redis.Redis()\nsched = BlockingScheduler()\n\n\n"
            "@sched.scheduled_job('interval', minutes=5)\n"
            "def refresh_feeds():\n"
            "    lock = r.lock('feeds', timeout=600)\n"
            "    if not lock.acquire(blocking=False):\n"
            "        return\n"
            "    try:\n"
            "        feeds.refresh()\n"
            "    finally:\n"
            "        lock.release()\n")),
        Example(path="billing/management/commands/close_books.py", code=(  # DB flag row, command run by cron
            "from django.core.management.base import BaseCommand\n\n"
            "from billing.models import JobState\nfrom billing import ledger\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        taken = JobState.objects.filter(name='books', locked=False).update(locked=True)\n"
            "        if not taken:\n"
            "            return\n"
            "        for period in ledger.open_periods():\n"
            "            ledger.close(period)\n"
            "        JobState.objects.filter(name='books').update(locked=False)\n"),
            files=(("crontab", "0 2 * * * cd /srv/app && python manage.py close_books\n"),),
            fixed=(
            "from django.core.management.base import BaseCommand\n\n"
            "from billing.models import JobState\nfrom billing import ledger\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        taken = JobState.objects.filter(name='books', locked=False).update(locked=True)\n"
            "        if not taken:\n"
            "            return\n"
            "        try:\n"
            "            for period in ledger.open_periods():\n"
            "                ledger.close(period)\n"
            "        finally:\n"
            "            JobState.objects.filter(name='books').update(locked=False)\n")),
        Example(path="reports/jobs.py", code=(  # select_for_update row with a flag attribute, service class
            "from django.db import transaction\n\n"
            "from reports.models import Job\nfrom reports import render\n\n\n"
            "class NightlyReport:\n"
            "    def run(self):\n"
            "        with transaction.atomic():\n"
            "            job = Job.objects.select_for_update().get(name='nightly')\n"
            "            if job.running:\n"
            "                return\n"
            "            job.running = True\n"
            "            job.save(update_fields=['running'])\n"
            "        render.all_reports()\n"
            "        job.running = False\n"
            "        job.save(update_fields=['running'])\n"),
            files=(("reports/celery.py", (
                "from celery import Celery\n\nfrom reports.jobs import NightlyReport\n\napp = Celery('reports')\n\n\n"
                "@app.task\ndef nightly():\n    NightlyReport().run()\n\n\n"
                "app.conf.beat_schedule = {'nightly': {'task': 'reports.celery.nightly', 'schedule': 86400}}\n")),),
            fixed=(
            "from django.db import transaction\n\n"
            "from reports.models import Job\nfrom reports import render\n\n\n"
            "class NightlyReport:\n"
            "    def run(self):\n"
            "        with transaction.atomic():\n"
            "            job = Job.objects.select_for_update().get(name='nightly')\n"
            "            if job.running:\n"
            "                return\n"
            "            job.running = True\n"
            "            job.save(update_fields=['running'])\n"
            "        try:\n"
            "            render.all_reports()\n"
            "        finally:\n"
            "            job.running = False\n"
            "            job.save(update_fields=['running'])\n")),
        Example(path="exports/cron.py", code=(  # lock file, django-crontab
            "import os\n\nfrom exports import feed\n\nLOCK_FILE = '/tmp/export.lock'\n\n\n"
            "def export_feed():\n"
            "    if os.path.exists(LOCK_FILE):\n"
            "        return\n"
            "    open(LOCK_FILE, 'w').close()\n"
            "    feed.write()\n"
            "    os.remove(LOCK_FILE)\n"),
            files=(("shop/settings.py", "CRONJOBS = [('*/10 * * * *', 'exports.cron.export_feed')]\n"),),
            fixed=(
            "import os\n\nfrom exports import feed\n\nLOCK_FILE = '/tmp/export.lock'\n\n\n"
            "def export_feed():\n"
            "    if os.path.exists(LOCK_FILE):\n"
            "        return\n"
            "    open(LOCK_FILE, 'w').close()\n"
            "    try:\n"
            "        feed.write()\n"
            "    finally:\n"
            "        os.remove(LOCK_FILE)\n")),
        Example(path="search/tasks.py", code=(  # the work inside `if cache.add(...)`, redis nx, huey-style task
            "from django.core.cache import cache\nfrom django_redis import get_redis_connection\n\n"
            "from search import index\n\n\n"
            "def rebuild_index():\n"
            "    if cache.add('search:rebuild', 1, 600):\n"
            "        index.rebuild()\n"
            "        cache.delete('search:rebuild')\n\n\n"
            "def refresh_synonyms():\n"
            "    r = get_redis_connection()\n"
            "    if not r.set('search:synonyms', 1, nx=True, ex=300):\n"
            "        return\n"
            "    index.load_synonyms()\n"
            "    r.delete('search:synonyms')\n"),
            count=2,
            fixed=(
            "from django.core.cache import cache\nfrom django_redis import get_redis_connection\n\n"
            "from search import index\n\n\n"
            "def rebuild_index():\n"
            "    if cache.add('search:rebuild', 1, 600):\n"
            "        try:\n"
            "            index.rebuild()\n"
            "        finally:\n"
            "            cache.delete('search:rebuild')\n\n\n"
            "def refresh_synonyms():\n"
            "    r = get_redis_connection()\n"
            "    if not r.set('search:synonyms', 1, nx=True, ex=300):\n"
            "        return\n"
            "    try:\n"
            "        index.load_synonyms()\n"
            "    finally:\n"
            "        r.delete('search:synonyms')\n")),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if is_test_code(fn.file, fn.node.name):
                continue
            for pair, lock in unreleased_locks(fn.node, _helpers(ctx.index, fn)):
                release = pair.release_stmt
                yield self.finding(fn, pair.acquire_stmt, (
                    f"the {_KINDS[lock.kind]} taken by `{lock.what}` is released (line {release.lineno}) only when "
                    "the work before it succeeds: if it raises or returns early the lock stays and every later run "
                    "skips; release it in `finally`"))

    def _target(self, index: "RepoIndex", finding: Finding) -> tuple["FunctionInfo", "Pair", Lock] | None:
        fn = index.function_of(finding.file, finding.symbol, finding.line)
        if fn is None:
            return None
        for pair, lock in unreleased_locks(fn.node, _helpers(index, fn)):
            if pair.acquire_stmt.lineno == finding.line:
                return fn, pair, lock
        return None

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None or not target[1].fixable:
            return None
        _, pair, _ = target
        module = index.by_path[finding.file]
        new = wrap_in_finally(module.source, pair.work[0].lineno, pair.release_stmt.lineno,
                              pair.body[pair.end - 1].lineno)
        return Patch(changes=(FileChange(finding.file, module.source, new),)) if new else None

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Run the job with its work failing, then again: the second run must do the work."""
        target = self._target(index, finding)
        if target is None:
            return None
        fn, pair, lock = target
        module = index.module_of(fn)
        entry = entry_call(index, fn)
        work = work_call(module, pair.work, fn.class_name, skip=(lock.key[0],) if lock.kind == "cache" else ())
        if (entry is None or work is None) and ".<locals>." in fn.symbol:
            # a decorator's wrapper: its work is the wrapped job, so the test runs a job it decorates and
            # makes that job's own work fail
            for job in index.decorated_by(fn):
                entry = entry_call(index, job)
                work = work_call(index.module_of(job), job.node.body, job.class_name)
                if entry is not None and work is not None:
                    break
        if (entry is None or work is None) and any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in pair.work
                                                   for n in walk_tree(n)):
            # a context manager holding the lock around a ``with`` block: the work is what a job does in it
            for job, block in _with_blocks(index, fn):
                entry = entry_call(index, job)
                work = work_call(index.module_of(job), block, job.class_name)
                if entry is not None and work is not None:
                    break
        if entry is None or work is None:
            return None
        imports, run, _ = entry
        call, patch = work
        reset = ""
        if lock.kind == "cache":
            reset = ("        from django.core.cache import caches\n\n"
                     "        for cache in caches.all():\n            cache.clear()\n")
        elif lock.kind == "file" and lock.key[0] in module.assignments:
            imports += f"import {module.module} as _lock_module\n"
            reset = (f"        import os\n\n        path = str(_lock_module.{lock.key[0]})\n"
                     "        if os.path.exists(path):\n            os.remove(path)\n")
        return DirectTest(fn.symbol, fn.file, ("job_failing_work", "job301_runs_after_failed_run"), dict(
            title=f"`{fn.symbol}` runs again after a run that failed.",
            doc=(f"The lock taken by `{lock.what}` was released only when the work succeeded; a run that raised\n"
                 "left it taken and every later run skipped. The test makes the job's work fail once, then runs\n"
                 "the job again and checks that it does its work."),
            imports=imports.strip(), work_repr=repr(patch), work_text=ast.unparse(call.func), run=run,
            reset=reset or "        pass\n", name=fn.node.name,
            released_repr=repr('`' + lock.what + '` was never released (release it in `finally`)')))


def _with_blocks(index: "RepoIndex", fn: "FunctionInfo") -> list[tuple["FunctionInfo", list[ast.stmt]]]:
    """``(caller, body)`` of each ``with fn(...):`` block in project code (a context manager's users)."""
    out = []
    for caller, call in index.callers(fn):
        if is_test_code(caller.file, caller.node.name):
            continue
        for node in walk_tree(caller.node):
            if isinstance(node, (ast.With, ast.AsyncWith)) and any(item.context_expr is call for item in node.items):
                out.append((caller, node.body))
    return out
