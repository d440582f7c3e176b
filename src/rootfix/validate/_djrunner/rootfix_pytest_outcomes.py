"""A pytest plugin (``-p rootfix_pytest_outcomes``) appending each test's outcome as it happens.

One JSON line per finished test to ``ROOTFIX_JUNIT_XML + ".jsonl"``, so a run killed by a timeout
still tells what ran; the JUnit XML pytest writes at the end stays the complete report.
Only under xdist's controller (or without xdist): workers' reports reach it too.
"""
import json
import os


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
