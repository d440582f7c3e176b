"""A pytest plugin (``-p rootfix_pytest_outcomes``) appending each test's outcome as it happens.

One JSON line per finished test to ``ROOTFIX_JUNIT_XML + ".jsonl"``, so a run killed by a timeout
still tells what ran; the JUnit XML pytest writes at the end stays the complete report. With
``ROOTFIX_TEST_TIMEOUT`` set, a test call running longer is interrupted (unless the project configures
pytest-timeout itself) and reported with a ``rootfix: test timed out`` error: a timeout, not a failure.
Only under xdist's controller (or without xdist): workers' reports reach it too.
"""
import json
import os
import signal
import threading

import pytest


class RootfixTestTimeout(Exception):
    """Raised in a test that ran longer than ROOTFIX_TEST_TIMEOUT seconds (recorded as a timeout)."""


def _limit(item):
    try:
        limit = float(os.environ.get("ROOTFIX_TEST_TIMEOUT") or 0)
    except ValueError:
        return 0.0
    # the project's own pytest-timeout settings win
    try:
        if item.config.getoption("timeout", None) or item.get_closest_marker("timeout"):
            return 0.0
    except Exception:
        pass
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return 0.0
    return limit


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    limit = _limit(item)
    if limit > 0:
        def on_alarm(signum, frame):
            raise RootfixTestTimeout("rootfix: test timed out after %gs" % limit)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        if limit > 0:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _path():
    p = os.environ.get("ROOTFIX_JUNIT_XML")
    return p + ".jsonl" if p else ""


def pytest_runtest_logreport(report):
    path = _path()
    if not path or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    outcome = None
    if report.when == "call":
        outcome = {"passed": "passed", "failed": "failure", "skipped": "skipped"}.get(report.outcome)
        if getattr(report, "wasxfail", None) is not None:
            outcome = "passed"
    elif report.outcome == "failed":  # setup / teardown errors
        outcome = "error"
    elif report.when == "setup" and report.outcome == "skipped":
        outcome = "skipped"
    if outcome is None:
        return
    message = ""
    if report.failed or report.skipped:
        try:
            message = str(report.longreprtext)[-8000:]
        except Exception:
            message = ""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"nodeid": report.nodeid, "outcome": outcome,
                             "duration": round(getattr(report, "duration", 0.0), 3), "message": message}) + "\n")


def pytest_collectreport(report):
    path = _path()
    if not path or not report.failed or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"nodeid": report.nodeid, "outcome": "error", "duration": 0.0,
                             "message": str(report.longreprtext)[-8000:]}) + "\n")
