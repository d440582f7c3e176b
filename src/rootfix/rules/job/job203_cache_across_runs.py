"""JOB203: a class attribute, a module-level instance or an ``lru_cache`` keeps database rows across runs."""
from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.rules.base import CheckContext, DirectTest, Example, ProjectTestCalls, Rule
from rootfix.rules.job._lib.blocks import is_test_code, walk_no_defs
from rootfix.rules.job._lib.job_test import dotted_module
from rootfix.rules.job._lib.process_cache import (
    Cache, loops_forever, resets, class_caches, clears_cache, instance_caches, long_running_entries, lru_caches,
    cached_model, rebuilt, uses_of,
)
from rootfix.types import FileChange, Finding, Patch, Related

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex


class CacheAcrossRuns(Rule):
    """Rows loaded once per process (a class attribute, a module-level instance, an `lru_cache`) in a job a
    long-running scheduler runs again and again.

    ## What it does
    In code a long-running process runs many times (celery beat tasks, APScheduler jobs, a project's own
    scheduler registry, a management command that loops and sleeps), finds
    - a class attribute used as a cache: `_table = None` on the class, filled from the database on first use
      (`cls._table = {...Model.objects...}`, `Targets._cache.update(...)`), never reset;
    - an instance built once at module level (`_planner = Planner()`) whose `__init__` loads rows;
    - `functools.lru_cache` / `functools.cache` on a function with no parameters that reads the database,
    with nothing in the job resetting it (`.clear()`, `cache_clear()`, rebuilding the instance).

    ## Why is this bad?
    The scheduler process lives for days. The first run loads the rows and every later run is served the
    same copy: thresholds, price tables and routing targets changed in the admin are never seen until the
    process restarts. Tests run the job once in a fresh process and never notice. Jobs started in a fresh
    process per run (crontab, Kubernetes CronJob, django-crontab) are left alone.

    ## Example
    ```python
    class Targets:
        _table = None

        @classmethod
        def all(cls):
            if cls._table is None:
                cls._table = {t.code: t.url for t in Target.objects.all()}
            return cls._table

    @app.task
    def push_updates():
        for code, url in Targets.all().items():
            ...
    ```

    ## Use instead
    ```python
    @app.task
    def push_updates():
        Targets._table = None  # rebuilt per run
        for code, url in Targets.all().items():
            ...
    ```

    ## Fix safety
    Safe for a class attribute and an `lru_cache`: the job resets the cache at the start of each run
    (`Owner._attr = <its initial value>`, `load.cache_clear()`), so each run loads the rows once, as the first
    run did. Unsafe for a module-level instance (it is rebuilt at the start of each run: other state it keeps
    is rebuilt too). No fix when the reset cannot be written in the job's own module or several jobs share it.
    """

    code = "JOB203"
    name = "cache-across-runs"
    bug_class = "S2"
    component_types = ("scheduled-job", "cli-tool")
    fix_safety = "safe"
    scope = "all"

    _MODELS = ("routing/models.py", "from django.db import models\n\n\nclass Target(models.Model):\n"
               "    code = models.CharField(max_length=10)\n    url = models.URLField()\n")
    _SETTINGS = ("proj/settings.py", "CELERY_BEAT_SCHEDULE = {'push': {'task': 'routing.tasks.push_updates',"
                                     " 'schedule': 60.0}}\n")
    VALID = (
        Example(path="routing/tasks.py", files=(_MODELS, _SETTINGS), code=(  # reset at the start of each run
            "from celery import shared_task\n\nfrom routing import client\nfrom routing.models import Target\n\n\n"
            "class Targets:\n"
            "    _table = None\n\n"
            "    @classmethod\n"
            "    def all(cls):\n"
            "        if cls._table is None:\n"
            "            cls._table = {t.code: t.url for t in Target.objects.all()}\n"
            "        return cls._table\n\n\n"
            "@shared_task\n"
            "def push_updates():\n"
            "    Targets._table = None\n"
            "    for code, url in Targets.all().items():\n"
            "        client.push(url, code)\n")),
        Example(path="routing/tasks.py", files=(_MODELS, _SETTINGS), code=(  # lru_cache of a pure function
            "from functools import lru_cache\n\nfrom celery import shared_task\n\nfrom routing import client\n\n\n"
            "@lru_cache\n"
            "def regions():\n"
            "    return tuple(sorted(['eu', 'us', 'ap']))\n\n\n"
            "@shared_task\n"
            "def push_updates():\n"
            "    for region in regions():\n"
            "        client.push(region, 'all')\n")),
    )
    INVALID = (
        Example(path="routing/tasks.py", files=(_MODELS, _SETTINGS), code=(
            "from celery import shared_task\n\nfrom routing import client\nfrom routing.models import Target\n\n\n"
            "class Targets:\n"
            "    _table = None\n\n"
            "    @classmethod\n"
            "    def all(cls):\n"
            "        if cls._table is None:\n"
            "            cls._table = {t.code: t.url for t in Target.objects.all()}\n"
            "        return cls._table\n\n\n"
            "@shared_task\n"
            "def push_updates():\n"
            "    for code, url in Targets.all().items():\n"
            "        client.push(url, code)\n"),
            fixed=(
            "from celery import shared_task\n\nfrom routing import client\nfrom routing.models import Target\n\n\n"
            "class Targets:\n"
            "    _table = None\n\n"
            "    @classmethod\n"
            "    def all(cls):\n"
            "        if cls._table is None:\n"
            "            cls._table = {t.code: t.url for t in Target.objects.all()}\n"
            "        return cls._table\n\n\n"
            "@shared_task\n"
            "def push_updates():\n"
            "    Targets._table = None  # rootfix JOB203: rebuilt per run\n"
            "    for code, url in Targets.all().items():\n"
            "        client.push(url, code)\n")),
        Example(path="routing/tasks.py", files=(_MODELS, _SETTINGS), code=(
            "from functools import lru_cache\n\nfrom celery import shared_task\n\n"
            "from routing import client\nfrom routing.models import Target\n\n\n"
            "@lru_cache(maxsize=None)\n"
            "def targets():\n"
            "    return list(Target.objects.values_list('code', 'url'))\n\n\n"
            "@shared_task\n"
            "def push_updates():\n"
            "    for code, url in targets():\n"
            "        client.push(url, code)\n"),
            fixed=(
            "from functools import lru_cache\n\nfrom celery import shared_task\n\n"
            "from routing import client\nfrom routing.models import Target\n\n\n"
            "@lru_cache(maxsize=None)\n"
            "def targets():\n"
            "    return list(Target.objects.values_list('code', 'url'))\n\n\n"
            "@shared_task\n"
            "def push_updates():\n"
            "    targets.cache_clear()  # rootfix JOB203: rebuilt per run\n"
            "    for code, url in targets():\n"
            "        client.push(url, code)\n")),
    )

    # ------------------------------------------------------------------ detection
    def _caches(self, index: "RepoIndex", entries: dict[str, list["FunctionInfo"]]) -> list[tuple[Cache, list]]:
        out: list[tuple[Cache, list]] = []
        reach_memo: dict[str, list[FunctionInfo]] = {}

        def reach(jobs: list["FunctionInfo"]) -> list["FunctionInfo"]:
            found: dict[str, FunctionInfo] = {}
            for job in jobs:
                if job.qualname not in reach_memo:
                    reach_memo[job.qualname] = [f for f, _ in index.reachable(job, 4)]
                found.update((f.qualname, f) for f in reach_memo[job.qualname])
            return list(found.values())

        for path in sorted(index.by_path):
            module = index.by_path[path]
            if is_test_code(path) or "/migrations/" in f"/{path}":
                continue
            for cache in class_caches(index, module):
                jobs = entries.get(cache.fn.qualname)
                if not jobs:
                    continue
                cname, attr = cache.name.split(".")
                if any(resets(f.node, {cname}, attr, index, index.module_of(f)) for f in reach(jobs)):
                    continue
                out.append((cache, jobs))
            for name, stmt, _cls in instance_caches(index, module):
                for fn in module.functions.values():
                    jobs = entries.get(fn.qualname)
                    used = uses_of(fn.node, name) if jobs else []
                    if used and not any(rebuilt(f.node, name) for f in reach(jobs)):
                        initial = ast.get_source_segment(module.source, stmt.value) or ast.unparse(stmt.value)
                        out.append((Cache("module-instance", name, fn, used[0], name, initial, module), jobs))
                        break
            for fn, deco in lru_caches(index, module):
                jobs = entries.get(fn.qualname)
                if jobs and not any(clears_cache(f.node, fn.node.name) for f in reach(jobs)):
                    out.append((Cache("lru-cache", fn.node.name, fn, deco, fn.node.name, "", module), jobs))
        return out

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        entries = long_running_entries(ctx.project)
        if not entries:
            return
        for cache, jobs in self._caches(ctx.index, entries):
            what = {
                "class-attribute": f"the class attribute `{cache.name}` is filled from the database once",
                "module-instance": f"`{cache.name}` is built once at import and its `__init__` loads rows",
                "lru-cache": f"`{cache.name}()` reads the database under a cache with no per-run argument",
            }[cache.kind]
            finding = self.finding(cache.fn, cache.node, (
                f"{what} and never reset: {jobs[0].symbol} runs again and again in one long-running scheduler "
                "process, and every run after the first is served the first run's rows"),
                related=[Related(j.file, j.line, f"the job that runs it: {j.symbol}") for j in jobs[:3]])
            if self._reset(ctx.index, cache, jobs) is None:
                finding = replace(finding, fixable=False, fix_safety=None)
            elif cache.kind == "module-instance":
                finding = replace(finding, fix_safety="unsafe")
            yield finding

    # ------------------------------------------------------------------ fix
    def _reset(self, index: "RepoIndex", cache: Cache, jobs: list["FunctionInfo"]) -> tuple["FunctionInfo", list[str]] | None:
        """``(job, statements)`` that reset ``cache`` at the start of each run of ``job``."""
        if len(jobs) != 1:
            return None
        job = jobs[0]
        job_module = index.module_of(job)
        if cache.kind == "module-instance":
            if job_module is not cache.module:
                return None
            return job, [f"global {cache.name}", f"{cache.name} = {cache.initial}"]
        if job_module is cache.module:
            local = cache.owner
        else:
            dotted = f"{cache.module.module}.{cache.owner}"
            local = next((k for k, v in job_module.imports.items() if v == dotted), None)
            if local is None:
                return None
        if cache.kind == "class-attribute":
            return job, [f"{local}.{cache.name.split('.')[1]} = {cache.initial}"]
        return job, [f"{local}.cache_clear()"]

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        entries = long_running_entries(_project(index))
        target = next(((c, jobs) for c, jobs in self._caches(index, entries)
                       if c.fn.file == finding.file and getattr(c.node, "lineno", 0) == finding.line
                       and getattr(c.node, "col_offset", 0) == finding.col), None)
        if target is None:
            return None
        reset = self._reset(index, *target)
        if reset is None:
            return None
        job, statements = reset
        module = index.module_of(job)
        body = job.node.body
        loop = next((n for n in walk_no_defs(job.node) if isinstance(n, ast.While)), None) \
            if loops_forever(job.node) else None
        if loop is not None:
            body = loop.body  # a command that loops: each iteration is a run
        first = body[1] if (len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                            and isinstance(body[0].value.value, str)) else body[0]
        lines = module.source.splitlines(keepends=True)
        line = lines[first.lineno - 1]
        indent = line[: len(line) - len(line.lstrip())]
        added = [f"{indent}{s}\n" for s in statements]
        added[-1] = added[-1][:-1] + f"  # rootfix {self.code}: rebuilt per run\n"
        new = "".join(lines[: first.lineno - 1] + added + lines[first.lineno - 1:])
        cst.parse_module(new)
        return Patch(changes=(FileChange(job.file, module.source, new),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Replay each project test of the job (the first run), then run the job again in the same process:
        the second run must read the cached table again instead of being served the first run's rows."""
        entries = long_running_entries(_project(index))
        target = next(((c, jobs) for c, jobs in self._caches(index, entries)
                       if c.fn.file == finding.file and getattr(c.node, "lineno", 0) == finding.line
                       and getattr(c.node, "col_offset", 0) == finding.col), None)
        if target is None or len(target[1]) != 1 or target[1][0].class_name:
            return None
        cache, (job,) = target
        model = cached_model(index, cache)
        if not model:
            return None
        return DirectTest(job.symbol, job.file, (
            "job203_second_run_reads_again_head", "job_called_with", "job203_second_run_reads_again_check"), dict(
            cache=cache.name, job_module_repr=repr(dotted_module(job.module)), job_name_repr=repr(job.node.name),
            model_repr=repr(tuple(model.rsplit(".", 1)))),
            calls=ProjectTestCalls(job, "_second_run_reads_again", beside=True))


def _project(index: "RepoIndex"):
    from rootfix.project.model import Project

    return Project.of(index)
