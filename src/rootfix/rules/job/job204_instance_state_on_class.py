"""JOB204: per-instance state declared on the class, so every run's instance shares it."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.job._lib.class_state import findings, left_behind_test, patch
from rootfix.types import Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

_MODELS = ("planning/models.py", "from django.db import models\n\n\nclass Closure(models.Model):\n"
           "    customer_id = models.IntegerField()\n    first_day = models.DateField()\n"
           "    last_day = models.DateField()\n")


class InstanceStateOnClass(Rule):
    """A container the instances fill is declared on the class: every instance shares one.

    ## What it does
    Finds a mutable container assigned in a class body (`_closures = defaultdict(list)`,
    `_rows: dict[int, list[Row]] = {}`, `_seen = set()`) that the class's methods fill through `self`
    (`self._closures[key].append(...)`, `self._rows[k] = ...`, `self._seen.add(...)`) and never replace with
    one of the instance's own (`self._rows = {}`), in a class that code builds per run (`Calendar(start)`
    inside a function). A class that shares on purpose (it writes `cls._x` / `ClassName._x`, or it is built
    once at module level) is not reported.
    Only code that runs in a process outliving one run is looked at (a worker, an in-process scheduler, a
    command that loops): a job cron, a Kubernetes CronJob or django-crontab starts as `manage.py X`, and a
    one-off command, get a fresh process each time, so nothing is carried over.

    ## Why is this bad?
    The class body runs once, so there is one container for the whole process, and `self._x[k] = v` puts
    into it. A scheduler process (APScheduler, celery beat's worker, a `run_scheduler` loop) builds a fresh
    instance each run and expects a fresh cache, but the new instance starts with every earlier run's rows:
    a closure shortened or deleted in the admin stays in force until the process restarts, and the process
    holds more rows with every run. A one-off run from a shell gives the right answer, so it is hard to see.

    ## Example
    ```python
    class DeliveryCalendar:
        _closures = defaultdict(list)

        def __init__(self, start):
            self.start = start

        def load(self):
            for c in Closure.objects.filter(last_day__gte=self.start):
                self._closures[c.customer_id].append((c.first_day, c.last_day))
    ```

    ## Use instead
    ```python
    class DeliveryCalendar:
        def __init__(self, start):
            self.start = start
            self._closures = defaultdict(list)
    ```

    ## Fix safety
    Safe: the fix builds the same container in `__init__` (`self._closures = defaultdict(list)`, first thing
    after the docstring and `super().__init__()`) and drops the class-body one (an annotation stays as the
    declaration). Each instance then starts empty, as its own `_loaded`-style flags already assume; nothing
    outside the class read the shared one (that is a condition of the finding). A class with no `__init__` of
    its own gets one before its first method (`def __init__(self)`, or one that hands its arguments on to the
    base class's); no fix for a decorated class (a dataclass writes its own).
    """

    code = "JOB204"
    name = "instance-state-on-class"
    bug_class = "S2"
    component_types = ("scheduled-job", "cli-tool")
    scope = "long-lived"  # state carries over only where the process outlives a run
    fix_safety = "safe"

    VALID = (
        Example(
            path="planning/calendar.py",
            files=(_MODELS,),
            code=(
                "from collections import defaultdict\n\n"
                "from planning.models import Closure\n\n\n"
                "class DeliveryCalendar:\n"
                "    WEEKDAYS = {0, 1, 2, 3, 4}\n\n"
                "    def __init__(self, start):\n"
                "        self.start = start\n"
                "        self._closures = defaultdict(list)\n\n"
                "    def load(self):\n"
                "        for c in Closure.objects.filter(last_day__gte=self.start):\n"
                "            self._closures[c.customer_id].append((c.first_day, c.last_day))\n\n\n"
                "class Registry:\n"
                "    _jobs = {}\n\n"
                "    @classmethod\n"
                "    def register(cls, name, fn):\n"
                "        cls._jobs[name] = fn\n\n\n"
                "def plan(start):\n"
                "    DeliveryCalendar(start).load()\n"
            ),
        ),
    )
    INVALID = (
        Example(  # no __init__ of its own: the fix writes one
            path="planning/lookup.py",
            files=(_MODELS, ("planning/jobs.py", "from planning.lookup import Closures\n\n\n"
                                                 "def plan_run(customer_id):\n"
                                                 "    return Closures().for_customer(customer_id)\n")),
            code=(
                "from planning.models import Closure\n\n\n"
                "class Closures:\n"
                "    \"\"\"Closures per customer, looked up once per run.\"\"\"\n\n"
                "    _by_customer: dict[int, list[Closure]] = {}\n\n"
                "    def for_customer(self, customer_id):\n"
                "        if customer_id not in self._by_customer:\n"
                "            self._by_customer[customer_id] = list(Closure.objects.filter(customer_id=customer_id))\n"
                "        return self._by_customer[customer_id]\n"
            ),
            fixed=(
                "from planning.models import Closure\n\n\n"
                "class Closures:\n"
                "    \"\"\"Closures per customer, looked up once per run.\"\"\"\n\n"
                "    _by_customer: dict[int, list[Closure]]\n\n"
                "    def __init__(self):\n"
                "        self._by_customer = {}\n\n"
                "    def for_customer(self, customer_id):\n"
                "        if customer_id not in self._by_customer:\n"
                "            self._by_customer[customer_id] = list(Closure.objects.filter(customer_id=customer_id))\n"
                "        return self._by_customer[customer_id]\n"
            ),
        ),
        Example(
            path="planning/calendar.py",
            files=(_MODELS,),
            code=(
                "from collections import defaultdict\n\n"
                "from planning.models import Closure\n\n\n"
                "class DeliveryCalendar:\n"
                "    # customer id -> [(first_day, last_day)]\n"
                "    _closures = defaultdict(list)\n\n"
                "    def __init__(self, start):\n"
                "        \"\"\"A calendar for one planning run.\"\"\"\n"
                "        self.start = start\n\n"
                "    def load(self):\n"
                "        for c in Closure.objects.filter(last_day__gte=self.start):\n"
                "            self._closures[c.customer_id].append((c.first_day, c.last_day))\n\n\n"
                "def plan(start):\n"
                "    DeliveryCalendar(start).load()\n"
            ),
            fixed=(
                "from collections import defaultdict\n\n"
                "from planning.models import Closure\n\n\n"
                "class DeliveryCalendar:\n"
                "    def __init__(self, start):\n"
                "        \"\"\"A calendar for one planning run.\"\"\"\n"
                "        # customer id -> [(first_day, last_day)]\n"
                "        self._closures = defaultdict(list)\n"
                "        self.start = start\n\n"
                "    def load(self):\n"
                "        for c in Closure.objects.filter(last_day__gte=self.start):\n"
                "            self._closures[c.customer_id].append((c.first_day, c.last_day))\n\n\n"
                "def plan(start):\n"
                "    DeliveryCalendar(start).load()\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        return findings(self, ctx, ("background-worker",), primary=True, says=(
            "each run's new instance starts with the rows of every earlier run in the process (stale data, memory that only grows)"))

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        return patch(index, finding)

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Replay each project test that fills the container with the class's shared one emptied first:
        afterwards it must still be empty (each instance filled its own)."""
        return left_behind_test(index, finding)
