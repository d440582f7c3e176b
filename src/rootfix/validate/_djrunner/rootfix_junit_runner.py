"""Per-test outcomes from the project's *own* Django test runner (runs inside the project's interpreter).

Used as ``manage.py test --testrunner=rootfix_junit_runner.JUnitXMLRunner`` with this folder on
PYTHONPATH. ``JUnitXMLRunner`` is not a runner of its own: it is the project's configured runner
(``ROOTFIX_BASE_TESTRUNNER``, i.e. the ``--testrunner`` the project's command gave, else
``settings.TEST_RUNNER``, else Django's ``DiscoverRunner``), returned unchanged, so the project's
set-up (mail backends, fixtures, databases it prepares) is kept. Outcomes are recorded by hooking
``unittest.TestResult`` itself, which every result class (the runner's own, ``--parallel``'s replay
in the parent, xmlrunner's...) reaches through ``super()``:

- each finished test is appended at once, one JSON line, to ``ROOTFIX_JUNIT_XML + ".jsonl"`` (a
  killed run keeps what ran);
- at exit the same records are written as JUnit XML to ``ROOTFIX_JUNIT_XML``;
- with ``ROOTFIX_TEST_TIMEOUT`` set, a test running longer is interrupted (SIGALRM) and recorded with
  a ``rootfix: test timed out`` error, which rootfix reads as a timeout, not a failure; the run goes on.

Depends on Django and the stdlib only.
"""
import atexit
import json
import os
import signal
import threading
import time
import traceback
import unittest
import xml.etree.ElementTree as ET

_RECORDS = []
_STARTED = {}
_INSTALLED = []
#: the process that writes (``--parallel`` workers report to the parent, which replays their events)
_MAIN_PID_ENV = "ROOTFIX_RUNNER_PID"


def _path():
    return os.environ.get("ROOTFIX_JUNIT_XML") or ""


def _nodeid(test):
    try:
        return test.id()
    except Exception:  # an _ErrorHolder or an odd test object
        return str(test)


def _record(test, outcome, message=""):
    if str(os.getpid()) != os.environ.get(_MAIN_PID_ENV):
        return
    nodeid = _nodeid(test)
    start = _STARTED.pop(nodeid, None)
    duration = time.monotonic() - start if start is not None else 0.0
    rec = (nodeid, outcome, duration, message)
    _RECORDS.append(rec)
    path = _path()
    if path:
        with open(path + ".jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"nodeid": nodeid, "outcome": outcome, "duration": round(duration, 3),
                                 "message": message[-8000:]}) + "\n")


class RootfixTestTimeout(Exception):
    """Raised in a test that ran longer than ROOTFIX_TEST_TIMEOUT seconds (recorded as a timeout)."""


def _per_test_timeout():
    try:
        return float(os.environ.get("ROOTFIX_TEST_TIMEOUT") or 0)
    except ValueError:
        return 0.0


def _arm():
    """Interrupt a test that hangs, so the run goes on (main thread of the main process only)."""
    limit = _per_test_timeout()
    if limit <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread() \
            or str(os.getpid()) != os.environ.get(_MAIN_PID_ENV):
        return

    def on_alarm(signum, frame):
        raise RootfixTestTimeout("rootfix: test timed out after %gs" % limit)

    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)


def _disarm():
    if _per_test_timeout() > 0 and hasattr(signal, "setitimer") \
            and threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)


def _fmt(err):
    try:
        return "".join(traceback.format_exception(*err))
    except Exception:
        return repr(err)


def _install():
    """Wrap unittest.TestResult's hooks once: record, then do what they did."""
    if _INSTALLED:
        return
    _INSTALLED.append(True)
    os.environ[_MAIN_PID_ENV] = str(os.getpid())
    TR = unittest.TestResult
    orig = {name: getattr(TR, name) for name in (
        "startTest", "addSuccess", "addFailure", "addError", "addSkip", "addExpectedFailure",
        "addUnexpectedSuccess", "addSubTest")}

    orig_stop = TR.stopTest

    def startTest(self, test):
        _STARTED[_nodeid(test)] = time.monotonic()
        _arm()
        return orig["startTest"](self, test)

    def stopTest(self, test):
        _disarm()
        return orig_stop(self, test)

    def addSuccess(self, test):
        _record(test, "passed")
        return orig["addSuccess"](self, test)

    def addFailure(self, test, err):
        _record(test, "failure", _fmt(err))
        return orig["addFailure"](self, test, err)

    def addError(self, test, err):
        # errors in setUpClass/setUpModule arrive with an _ErrorHolder "test"
        _record(test, "error", _fmt(err))
        return orig["addError"](self, test, err)

    def addSkip(self, test, reason):
        _record(test, "skipped", str(reason))
        return orig["addSkip"](self, test, reason)

    def addExpectedFailure(self, test, err):
        _record(test, "passed")
        return orig["addExpectedFailure"](self, test, err)

    def addUnexpectedSuccess(self, test):
        _record(test, "failure", "unexpected success")
        return orig["addUnexpectedSuccess"](self, test)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            kind = "failure" if issubclass(err[0], test.failureException) else "error"
            _record(test, kind, _fmt(err))
        return orig["addSubTest"](self, test, subtest, err)

    TR.stopTest = stopTest
    for name, fn in (("startTest", startTest), ("addSuccess", addSuccess), ("addFailure", addFailure),
                     ("addError", addError), ("addSkip", addSkip), ("addExpectedFailure", addExpectedFailure),
                     ("addUnexpectedSuccess", addUnexpectedSuccess), ("addSubTest", addSubTest)):
        setattr(TR, name, fn)
    path = _path()
    if path:
        try:
            os.unlink(path + ".jsonl")
        except FileNotFoundError:
            pass
    atexit.register(_write_xml)


def _write_xml():
    path = _path()
    if not path or str(os.getpid()) != os.environ.get(_MAIN_PID_ENV):
        return
    suite = ET.Element("testsuite", name="django", tests=str(len(_RECORDS)))
    for nodeid, outcome, duration, message in _RECORDS:
        tc = ET.SubElement(suite, "testcase", nodeid=nodeid, classname=nodeid.rpartition(".")[0],
                           name=nodeid.rpartition(".")[2], time="%.3f" % duration)
        if outcome in ("failure", "error"):
            el = ET.SubElement(tc, outcome, message=(message.strip().splitlines() or [""])[-1][:500])
            el.text = message
        elif outcome == "skipped":
            ET.SubElement(tc, "skipped", message=message)
    root = ET.Element("testsuites")
    root.append(suite)
    tmp = path + ".tmp"
    ET.ElementTree(root).write(tmp, encoding="utf-8", xml_declaration=True)
    os.replace(tmp, path)


def base_runner_path():
    """The runner the project runs its tests with."""
    explicit = os.environ.get("ROOTFIX_BASE_TESTRUNNER", "").strip()
    if explicit:
        return explicit
    from django.conf import settings

    return getattr(settings, "TEST_RUNNER", "") or "django.test.runner.DiscoverRunner"


def __getattr__(name):
    # PEP 562: Django's get_runner() does getattr(module, "JUnitXMLRunner") after settings are set up
    if name != "JUnitXMLRunner":
        raise AttributeError(name)
    from django.utils.module_loading import import_string

    path = base_runner_path()
    if path == __name__ + ".JUnitXMLRunner":
        path = "django.test.runner.DiscoverRunner"
    base = import_string(path)
    _install()
    return base
