"""JOB302: a job's lock has no expiry, so a process killed while holding it blocks every later run."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.job._common import project_settings
from rootfix.rules.job._lib.blocks import is_test_code
from rootfix.rules.job._lib.locks import CACHE_LIKE, lock_taken
from rootfix.types import Finding
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

DJANGO_CACHE = "django.core.cache.cache"
DJANGO_CACHES = "django.core.cache.caches"
#: redis-py's SET options that give the key an expiry (or keep the one it has)
REDIS_EXPIRY = frozenset({"ex", "px", "exat", "pxat", "keepttl"})
_SETTINGS = ("proj/settings.py", "SECRET_KEY = 'x'\nCACHES = {'default': {'BACKEND': "
             "'django.core.cache.backends.redis.RedisCache', 'LOCATION': 'redis://', 'TIMEOUT': None}}\n")


def _kw(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _is_none(expr: ast.expr | None) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is None


def _django_alias(index: "RepoIndex", module: "ModuleInfo", owner: ast.expr) -> str | None:
    """The cache alias ``owner`` is (``cache`` -> "default", ``caches["locks"]`` -> "locks"); None when it is
    not Django's cache framework."""
    if index.resolve(module, owner) == DJANGO_CACHE:
        return "default"
    if isinstance(owner, ast.Subscript) and index.resolve(module, owner.value) == DJANGO_CACHES \
            and isinstance(owner.slice, ast.Constant) and isinstance(owner.slice.value, str):
        return owner.slice.value
    return None


def _default_never_expires(settings: dict[str, object], alias: str) -> bool:
    """``CACHES[alias]["TIMEOUT"]`` is None: Django's "no timeout" default (BaseCache: TIMEOUT defaults to
    300 seconds when absent, None means the key never expires)."""
    caches = settings.get("CACHES")
    conf = caches.get(alias) if isinstance(caches, dict) else None
    return isinstance(conf, dict) and "TIMEOUT" in conf and conf["TIMEOUT"] is None


def endless_locks(index: "RepoIndex", fn: "FunctionInfo", settings: dict[str, object]) -> Iterable[tuple[ast.Call, str]]:
    """``(call, why)`` for each lock ``fn`` takes that never expires on its own."""
    module = index.module_of(fn)
    calls = [n for n in walk_tree(fn.node) if isinstance(n, ast.Call)]
    expired = {(ast.unparse(c.func.value), ast.unparse(c.args[0])) for c in calls
               if isinstance(c.func, ast.Attribute) and c.func.attr in ("expire", "pexpire", "expireat", "touch")
               and c.args}
    for call in calls:
        func = call.func
        if not isinstance(func, ast.Attribute):
            continue
        if func.attr == "lock" and CACHE_LIKE.search(ast.unparse(func.value)) \
                and _django_alias(index, module, func.value) is None:
            # redis-py / django-redis: lock(name, timeout=None, ...) never expires without a timeout
            timeout = _kw(call, "timeout") if _kw(call, "timeout") is not None else (
                call.args[1] if len(call.args) > 1 else None)
            if timeout is None or _is_none(timeout):
                yield call, f"`{ast.unparse(func)}()` without a timeout never expires"
            continue
        lock = lock_taken(call)
        if lock is None or lock.kind != "cache" or not call.args:
            continue
        alias = _django_alias(index, module, func.value)
        if alias is not None:
            if func.attr not in ("add", "set"):
                continue
            timeout = call.args[2] if len(call.args) > 2 else _kw(call, "timeout")
            if _is_none(timeout):
                yield call, f"`{lock.what}` with timeout=None never expires"
            elif timeout is None and _default_never_expires(settings, alias):
                yield call, (f"`{lock.what}` has no timeout and CACHES[{alias!r}]['TIMEOUT'] is None: the key "
                             "never expires")
            continue
        key = (ast.unparse(func.value), ast.unparse(call.args[0]))
        if key in expired:
            continue  # r.setnx(key, 1); r.expire(key, 600)
        if func.attr == "setnx":
            yield call, f"`{lock.what}` sets no expiry (and nothing calls expire() on the key)"
        elif func.attr == "set" and len(call.args) < 3 and not any(k.arg in REDIS_EXPIRY for k in call.keywords):
            yield call, f"`{lock.what}` without ex=/px= never expires"


class LockWithoutExpiry(Rule):
    """Job lock that never expires on its own.

    ## What it does
    Finds locks a scheduled job (or command) takes that have no expiry: `cache.add(key, ...)` /
    `cache.set(LOCK_KEY, ...)` with `timeout=None`, or with no timeout when the cache's `CACHES[...]["TIMEOUT"]`
    is `None`; redis `set(key, value, nx=True)` without `ex=`/`px=`; `setnx(key, ...)` with no `expire()`
    of the key; `redis.lock(name)` / django-redis `cache.lock(name)` without a `timeout`.

    ## Why is this bad?
    A lock released in `finally` is still held forever when the process never reaches the `finally`: the
    worker is killed by the OOM killer or a deploy (`SIGKILL`), the host reboots, the container is
    rescheduled. With no expiry the key stays, every later run sees the job "already running" and skips,
    and the job silently stops until someone deletes the key by hand. (Django's cache default timeout is
    300 seconds; `TIMEOUT: None` in `CACHES`, or `timeout=None`, means "never expire".)

    ## Example
    ```python
    def nightly_billing():
        if not cache.add("lock:billing", "1", timeout=None):
            return
        try:
            run_billing()
        finally:
            cache.delete("lock:billing")
    ```

    ## Use instead
    ```python
    def nightly_billing():
        if not cache.add("lock:billing", "1", timeout=2 * 60 * 60):  # longer than the job ever runs
            return
        try:
            run_billing()
        finally:
            cache.delete("lock:billing")
    ```
    or take the rows with `select_for_update(skip_locked=True)`, which the database releases when the
    connection dies.

    ## Fix safety
    No automatic fix: the expiry must be longer than the longest run (or two runs overlap) and shorter than
    the schedule's interval (or a crash skips runs), which only the job's owner knows.
    """

    code = "JOB302"
    name = "lock-without-expiry"
    bug_class = "S3"
    component_types = ("scheduled-job", "cli-tool")
    fix_safety = None

    VALID = (
        Example(
            path="billing/jobs.py",
            files=(_SETTINGS,),
            code=(
                "import redis\n"
                "from django.core.cache import cache\n\n"
                "r = redis.Redis()\n\n\n"
                "def nightly_billing():\n"
                "    if not cache.add('lock:billing', '1', timeout=7200):\n"
                "        return\n"
                "    try:\n"
                "        pass\n"
                "    finally:\n"
                "        cache.delete('lock:billing')\n\n\n"
                "def hourly_sync():\n"
                "    if not r.set('lock:sync', '1', nx=True, ex=3600):\n"
                "        return\n"
                "    with r.lock('lock:export', timeout=600):\n"
                "        pass\n"
                "    if r.setnx('lock:push', 1):\n"
                "        r.expire('lock:push', 600)\n"
            ),
        ),
        Example(  # the cache's default timeout (300 s when CACHES says nothing) expires the key
            path="billing/jobs.py",
            code=(
                "from django.core.cache import cache\n\n\n"
                "def nightly_billing():\n"
                "    if not cache.add('lock:billing', '1'):\n"
                "        return\n"
                "    cache.delete('lock:billing')\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="billing/jobs.py",
            code=(
                "from django.core.cache import cache\n\n\n"
                "def nightly_billing():\n"
                "    if not cache.add('lock:billing', '1', timeout=None):\n"
                "        return\n"
                "    try:\n"
                "        pass\n"
                "    finally:\n"
                "        cache.delete('lock:billing')\n"
            ),
        ),
        Example(  # no timeout, and the project's cache never expires keys
            path="billing/jobs.py",
            files=(_SETTINGS,),
            code=(
                "from django.core.cache import cache\n\n\n"
                "def nightly_billing():\n"
                "    if not cache.add('lock:billing', '1'):\n"
                "        return\n"
                "    try:\n"
                "        pass\n"
                "    finally:\n"
                "        cache.delete('lock:billing')\n"
            ),
        ),
        Example(  # redis: SET NX without EX, SETNX, a lock without timeout
            path="billing/jobs.py",
            code=(
                "import redis\n\n"
                "r = redis.Redis()\n\n\n"
                "def hourly_sync():\n"
                "    if not r.set('lock:sync', '1', nx=True):\n"
                "        return\n"
                "    r.setnx('lock:push', 1)\n"
                "    with r.lock('lock:export'):\n"
                "        pass\n"
            ),
            count=3,
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        settings = ctx.settings or project_settings(ctx.index)
        for fn in ctx.functions():
            if is_test_code(fn.file, fn.node.name):
                continue
            for call, why in endless_locks(ctx.index, fn, settings):
                yield self.finding(fn, call, (
                    f"{why}: if the process is killed while it holds the lock (OOM, deploy, reboot) the key "
                    "stays and every later run skips; give it an expiry longer than the job's longest run"))
