"""JOB204 / WRK603 (per-instance state declared on the class), proven by behaviour: before the fix a second
instance starts with what the first one loaded, after it each instance starts empty (a real interpreter
running the module as written and as fixed). Plus the quiet twins a class that shares on purpose makes, and
which of the two rules reports a class (the components that build it)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rootfix.check.testing import check_findings, check_noop, check_transformed, dedent, run_rule

CALENDAR = dedent('''
    from collections import defaultdict


    class _Rows:
        """Stands in for a model manager: the closures still running on ``start``."""

        def filter(self, last_day__gte):
            return [(7, 1, 3)] if last_day__gte <= 3 else []


    class Closure:
        objects = _Rows()


    class DeliveryCalendar:
        _closures = defaultdict(list)

        def __init__(self, start):
            self.start = start
            self._loaded = False

        def _load(self):
            if not self._loaded:
                for customer, first, last in Closure.objects.filter(last_day__gte=self.start):
                    self._closures[customer].append((first, last))
                self._loaded = True

        def is_closed(self, customer, day):
            self._load()
            return any(first <= day <= last for first, last in self._closures.get(customer, ()))


    def plan(start, customer, day):
        return DeliveryCalendar(start).is_closed(customer, day)
''')

PROBE = ("from planning.calendar import plan\n"
         "plan(1, 7, 2)\n"  # the first run loads customer 7's closure (days 1-3)
         "print(plan(5, 7, 2))\n")  # a later run, after it ended: nothing loaded, so not closed


def _run(root: Path) -> str:
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_fix_gives_each_instance_its_own_state(tmp_path: Path) -> None:
    files = {"planning/__init__.py": "", "planning/calendar.py": CALENDAR}
    check_findings("JOB204", files, path="planning/calendar.py", count=1, root=tmp_path / "found", all_code=True)
    fixed = check_transformed("JOB204", files, path="planning/calendar.py", root=tmp_path / "fixed", all_code=True,
                              expected=CALENDAR.replace("    _closures = defaultdict(list)\n\n", "").replace(
                                  "        self.start = start\n",
                                  "        self._closures = defaultdict(list)\n        self.start = start\n", 1))
    for name, source in (("before", CALENDAR), ("after", fixed)):
        (tmp_path / name / "planning").mkdir(parents=True)
        (tmp_path / name / "planning" / "__init__.py").write_text("")
        (tmp_path / name / "planning" / "calendar.py").write_text(source)
    assert _run(tmp_path / "before") == "True"  # the second run is served the first run's closure
    assert _run(tmp_path / "after") == "False"


def test_sharing_on_purpose_is_quiet(tmp_path: Path) -> None:
    quiet = dedent('''
        class Registry:
            _jobs = {}

            def register(self, name, fn):
                self._jobs[name] = fn.objects.all()

            @classmethod
            def all(cls):
                return dict(cls._jobs)


        class Limits:
            DEFAULTS = {"max": 3}

            def bump(self):
                self.DEFAULTS["max"] += 1


        class Cache:
            _rows = {}

            def put(self, key, value):
                self._rows[key] = value.objects.all()


        CACHE = Cache()  # one instance for the process: its state is the process's on purpose


        class Pools:
            _pools = {}

            def __init__(self, url):
                self.url = url

            def pool(self):
                return self._pools.setdefault(self.url, object())


        def remember(key, value):
            Pools(key).pool()
            CACHE.put(key, value)
            Registry().register(key, value)
            Limits().bump()
    ''')
    check_noop("JOB204", {"ops/__init__.py": "", "ops/state.py": quiet}, root=tmp_path, all_code=True)


TASKS = dedent('''
    from celery import shared_task

    from auctions.ladders import LadderIndex


    @shared_task
    def settle(sale_id):
        return len(LadderIndex(sale_id).load())
''')
LADDERS = dedent('''
    from auctions.models import Bid


    class LadderIndex:
        _ladders: dict = {}

        def __init__(self, sale_id):
            self.sale_id = sale_id

        def load(self):
            for bid in Bid.objects.filter(sale_id=self.sale_id):
                self._ladders.setdefault(self.sale_id, []).append(bid)
            return self._ladders.get(self.sale_id, [])
''')


def test_a_class_only_workers_build_is_wrk603(tmp_path: Path) -> None:
    files = {"auctions/__init__.py": "", "auctions/tasks.py": TASKS, "auctions/ladders.py": LADDERS,
             "auctions/models.py": "from django.db import models\n\n\nclass Bid(models.Model):\n"
                                   "    sale_id = models.IntegerField()\n",
             "manage.py": "import django\n"}
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    codes = {(f.code, f.file, f.line) for f in run_rule("WRK603", tmp_path).findings}
    codes |= {(f.code, f.file, f.line) for f in run_rule("JOB204", tmp_path).findings}
    assert codes == {("WRK603", "auctions/ladders.py", 5)}


def test_no_fix_when_a_subclass_skips_the_base_init(tmp_path: Path) -> None:
    """A subclass whose ``__init__`` never calls ``super().__init__()`` would lose the attribute the fix moves
    into the base class's ``__init__``: reported, not fixed."""
    sub = CALENDAR + dedent('''


        class HolidayCalendar(DeliveryCalendar):
            def __init__(self, start):
                self.start = start
                self._loaded = False
    ''')
    files = {"planning/__init__.py": "", "planning/calendar.py": sub}
    findings = check_findings("JOB204", files, path="planning/calendar.py", count=1, root=tmp_path, all_code=True)
    assert not findings[0].fixable
