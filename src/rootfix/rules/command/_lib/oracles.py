"""Command oracles installed into replayed project tests (see :mod:`rootfix.regress.scenario`).

``all_or_nothing(module, symbol)``: the first time a test runs the target (a command's ``handle`` or the
helper that loops over the rows), it is first run once more as a *trial* inside a savepoint, with a
failure injected at its second database write; the database must be exactly as before the trial
(nothing half-written). The trial is rolled back and the real run proceeds, so the replayed test keeps
its own assertions. A test in which the target never reaches a second write proves nothing and fails.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rootfix.rules.base import Invariant

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex

_HELPERS = '''
_TARGET = ({module!r}, {symbol!r})


class _Injected(Exception):
    """The failure rootfix injects half-way through the rows."""


class _Rollback(Exception):
    pass


def _snapshot():
    from django.apps import apps

    return {{m._meta.label: list(m._default_manager.order_by("pk").values_list())
             for m in apps.get_models() if m._meta.managed and not m._meta.proxy}}


class _FailAtSecondWrite:
    def __init__(self):
        self.writes, self.fired, self.saved = 0, False, []

    def __enter__(self):
        from django.db.models import Model
        from django.db.models.query import QuerySet

        for owner, name in ((Model, "save_base"), (Model, "delete"), (QuerySet, "bulk_create"),
                            (QuerySet, "bulk_update"), (QuerySet, "update"), (QuerySet, "delete")):
            original = owner.__dict__[name]
            self.saved.append((owner, name, original))
            setattr(owner, name, self._wrap(original))
        return self

    def _wrap(self, original):
        def write(*args, **kwargs):
            self.writes += 1
            if self.writes == 2:
                self.fired = True
                raise _Injected("rootfix: failure injected at the second write")
            return original(*args, **kwargs)
        return write

    def __exit__(self, *exc):
        for owner, name, original in reversed(self.saved):
            setattr(owner, name, original)


def _copy(obj):
    import copy

    try:
        return copy.deepcopy(obj)
    except Exception:
        return copy.copy(obj)


def _positions(values):
    marks = []
    for value in values:
        try:
            if callable(getattr(value, "seekable", None)) and value.seekable():
                marks.append((value, value.tell()))
        except Exception:  # a stream that cannot tell (or is closed): left as it is
            pass
    return marks


class _AllOrNothing:
    def __init__(self):
        self.fired, self.partial, self.undo = False, [], []

    def install(self):
        import importlib
        import sys

        module = importlib.import_module(_TARGET[0])
        owner, _, name = _TARGET[1].rpartition(".")
        holder = getattr(module, owner) if owner else module
        original = holder.__dict__[name] if owner else getattr(module, name)
        probe = self

        def run(*args, **kwargs):
            if not probe.fired:
                # the trial runs on a copy of the instance: counters it bumps must not leak into the real run
                trial_args = (_copy(args[0]), *args[1:]) if owner and args else args
                # ... and input it reads (an open file, a stream) is rewound for the real run
                marks = _positions((*args, *kwargs.values()))
                probe.trial(original, trial_args, kwargs)
                for stream, position in marks:
                    stream.seek(position)
            return original(*args, **kwargs)

        run.__wrapped__ = original
        places = [holder] if owner else [m for m in list(sys.modules.values())
                                          if getattr(m, "__dict__", {{}}).get(name) is original]
        for place in places:
            attr = name if owner else name
            self.undo.append((place, attr, original))
            setattr(place, attr, run)

    def trial(self, original, args, kwargs):
        from django.db import transaction

        injector = _FailAtSecondWrite()
        try:
            with transaction.atomic():
                before = _snapshot()
                try:
                    with injector:
                        original(*args, **kwargs)
                except Exception:
                    pass
                if injector.fired:
                    self.fired = True
                    after = _snapshot()
                    changed = sorted(label for label in before if before[label] != after.get(label))
                    if changed:
                        self.partial.append(changed)
                raise _Rollback
        except _Rollback:
            pass

    def uninstall(self):
        for place, attr, original in reversed(self.undo):
            setattr(place, attr, original)

    def problems(self):
        if self.partial:
            return (f"a failure half-way through {{_TARGET[1]}} left rows written in "
                    f"{{', '.join(self.partial[0])}}: the run is not all-or-nothing")
        # a scenario that never reaches a second write (a file rejected at its header) shows nothing either
        # way; the regression test then passes on the old code too, and the verdict rejects it for that
        return None
'''


def all_or_nothing(module: str, symbol: str) -> Invariant:
    return Invariant(
        name="AllOrNothing",
        imports=(),
        helpers=_HELPERS.format(module=module, symbol=symbol), database_first=True,
        pytest_fixture='''
@pytest.fixture(autouse=True)
def _all_or_nothing(request):
    """A failure half-way through the rows must leave the database as it was."""
    _database_first(request)
    probe = _AllOrNothing()
    probe.install()
    try:
        yield probe
    finally:
        probe.uninstall()
    problem = probe.problems()
    if problem:
        pytest.fail(problem, pytrace=False)
''',
        unittest_setup='''
probe = _AllOrNothing()
probe.install()

def _check():
    probe.uninstall()
    problem = probe.problems()
    if problem:
        self.fail(problem)

self.addCleanup(_check)
''',
        doc="a failure half-way through the input rows leaves nothing written (CMD301)",
    )


_DATE_HELPERS = '''
class _DateBounds:
    """Records every `lte` / `range` lookup on a DateTimeField whose upper bound is a bare date."""

    def __init__(self):
        self.reached, self.violations, self.undo = 0, [], []

    def install(self):
        from django.db.models import lookups

        for cls in (lookups.LessThanOrEqual, lookups.Range):
            original = cls.__dict__.get("get_prep_lookup") or cls.get_prep_lookup
            self.undo.append((cls, "get_prep_lookup", cls.__dict__.get("get_prep_lookup")))
            setattr(cls, "get_prep_lookup", self._wrap(original))

    def _wrap(self, original):
        import datetime

        from django.db import models

        probe = self

        def get_prep_lookup(lookup):
            field = getattr(lookup.lhs, "output_field", None)
            inner = getattr(getattr(lookup.lhs, "lhs", None), "output_field", None)
            if isinstance(field, models.DateTimeField) or isinstance(inner, models.DateTimeField):
                probe.reached += 1
            if isinstance(field, models.DateTimeField):
                bound = lookup.rhs[1] if lookup.lookup_name == "range" and isinstance(lookup.rhs, (list, tuple)) \\
                    else lookup.rhs
                if isinstance(bound, datetime.date) and not isinstance(bound, datetime.datetime):
                    name = getattr(getattr(lookup.lhs, "target", None), "name", "?")
                    probe.violations.append(f"{name}__{lookup.lookup_name} bounded by the date {bound}")
            return original(lookup)

        return get_prep_lookup

    def uninstall(self):
        for cls, name, original in reversed(self.undo):
            if original is None:
                delattr(cls, name)
            else:
                setattr(cls, name, original)

    def problems(self):
        if self.violations:
            return ("a DateTimeField is cut at midnight by a date upper bound, dropping the rest of the last "
                    "day: " + "; ".join(dict.fromkeys(self.violations)))
        if not self.reached:
            return "the scenario never ran an upper-bound lookup on a DateTimeField"
        return None
'''


def date_bounds() -> Invariant:
    return Invariant(
        name="WholeLastDay",
        imports=(),
        helpers=_DATE_HELPERS,
        pytest_fixture='''
@pytest.fixture(autouse=True)
def _date_bounds_include_the_last_day():
    """No DateTimeField may be bounded above by a bare date (it would mean midnight at the day's start)."""
    probe = _DateBounds()
    probe.install()
    try:
        yield probe
    finally:
        probe.uninstall()
    if not probe.reached:
        # a replayed test that never queries a DateTimeField by range (an option error) proves nothing
        pytest.skip("this scenario runs no upper-bound lookup on a DateTimeField")
    problem = probe.problems()
    if problem:
        pytest.fail(problem, pytrace=False)
''',
        unittest_setup='''
probe = _DateBounds()
probe.install()

def _check():
    probe.uninstall()
    if not probe.reached:
        self.skipTest("this scenario runs no upper-bound lookup on a DateTimeField")
    problem = probe.problems()
    if problem:
        self.fail(problem)

self.addCleanup(_check)
''',
        doc="a date upper bound on a DateTimeField includes the whole last day (CMD501)",
    )


DATE_HINTS = ("since", "until", "start", "end", "first", "last", "from", "to", "date", "day", "before", "after",
              "month", "period")


def date_command_line(index: "RepoIndex", module: "ModuleInfo", date_dests: set[str]) -> list[str] | None:
    """Arguments for running a command whose date options are filled with the last day of a month (the
    lower bounds with its first day); None when a required argument cannot be filled."""
    from rootfix.rules.command._lib.arguments import argparse_arguments

    if "Command" not in module.classes:
        return None
    argv: list[str] = []
    for arg in argparse_arguments(module.classes["Command"]):
        dest = arg.dest or ""
        words = dest.lower().split("_")
        lower = any(w in ("since", "start", "first", "from", "after") for w in words)
        value = "2024-05-01" if lower else "2024-05-31"
        datey = dest in date_dests or any(w in DATE_HINTS for w in words)
        if not arg.is_option:
            if arg.literal("nargs") in ("?", "*") or arg.keyword("default") is not None:
                continue
            if not datey:
                return None
            argv.append(value)
        elif datey and arg.literal("action") in (None, "store"):
            argv += [arg.display, value]
        elif arg.literal("required") is True:
            return None
    return argv


def date_direct_test(command: str, argv: list[str]) -> tuple[str, str]:
    """(helpers, check) of a test running ``command argv`` with the date-bound probe installed."""
    check = (
        "def _check():\n"
        "    probe = _DateBounds()\n"
        "    probe.install()\n"
        "    try:\n"
        f"        call_command({command!r}, *{argv!r}, stdout=StringIO())\n"
        "    finally:\n"
        "        probe.uninstall()\n"
        "    problem = probe.problems()\n"
        "    assert problem is None, problem\n"
    )
    return _DATE_HELPERS, check
