"""JOB402: naive ``datetime.now()`` / ``utcnow()`` / ``date.today()`` in a project that stores aware datetimes."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.job._common import (
    add_timezone_import,
    django_timezone_name,
    is_test_module,
    node_span,
    project_settings,
)
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex

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

    ## Fix safety
    Unsafe: the value becomes aware (UTC for `timezone.now()`), so code formatting it or reading
    `.hour` sees UTC instead of the server's local time, and mixing it with other naive datetimes
    raises `TypeError`. Review the uses of the value.
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
            path="reports/management/commands/send_daily_report.py",
            files=(("config/settings/base.py", SETTINGS),),
            code=(
                "from datetime import date, datetime as dt\n\n"
                "from django.core.management.base import BaseCommand\n"
                "from django.utils import timezone\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        day = date.today()\n"
                "        started = dt.now()\n"
                "        self.stdout.write(f'{day} {started} {timezone.now()}')\n"
            ),
            fixed=(
                "from datetime import date, datetime as dt\n\n"
                "from django.core.management.base import BaseCommand\n"
                "from django.utils import timezone\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        day = timezone.localdate()\n"
                "        started = timezone.now()\n"
                "        self.stdout.write(f'{day} {started} {timezone.now()}')\n"
            ),
            count=2,
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        settings = ctx.settings or project_settings(ctx.index)
        if settings.get("USE_TZ") is not True:
            return
        for fn in ctx.functions():
            if is_test_module(fn.file) or "/tests/" in f"/{fn.file}" or "settings" in fn.file.rsplit("/", 1)[-1]:
                continue
            module = ctx.index.module_of(fn)
            for node in ast.walk(fn.node):
                replacement = naive_call(ctx.index, module, node)
                if replacement:
                    what = ast.unparse(node.func)
                    yield self.finding(fn, node, (
                        f"{what}() is naive (the server's clock) but USE_TZ = True: compared with stored aware "
                        f"datetimes it is hours off around midnight and DST; use timezone.{replacement}()"))

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        node = next((n for n in ast.walk(module.tree) if isinstance(n, ast.Call) and n.lineno == finding.line
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
