"""A Django test runner that also writes JUnit XML (for rootfix; runs inside the project's interpreter).

Used as ``manage.py test --testrunner=rootfix_junit_runner.JUnitXMLRunner`` with this folder on
PYTHONPATH and ``ROOTFIX_JUNIT_XML`` naming the report file. Depends on Django and the stdlib only.
"""
import os
import time
import traceback
import unittest
import xml.etree.ElementTree as ET

from django.test.runner import DiscoverRunner


class _RecordingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rootfix_records = []
        self._started = {}

    def startTest(self, test):
        self._started[test.id()] = time.monotonic()
        super().startTest(test)

    def _record(self, test, outcome, message=""):
        start = self._started.pop(test.id(), None)
        duration = time.monotonic() - start if start is not None else 0.0
        self.rootfix_records.append((test.id(), outcome, duration, message))

    def _fmt(self, err):
        return "".join(traceback.format_exception(*err))

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, "failure", self._fmt(err))

    def addError(self, test, err):
        super().addError(test, err)
        # errors in setUpClass/setUpModule arrive with a _ErrorHolder "test"
        self._record(test, "error", self._fmt(err))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, "skipped", reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record(test, "passed")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record(test, "failure", "unexpected success")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            kind = "failure" if issubclass(err[0], test.failureException) else "error"
            self._record(test, kind, self._fmt(err))


def _write(records, path):
    suite = ET.Element("testsuite", name="django", tests=str(len(records)))
    for nodeid, outcome, duration, message in records:
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


class JUnitXMLRunner(DiscoverRunner):
    def get_resultclass(self):
        return _RecordingResult

    def get_test_runner_kwargs(self):
        kwargs = super().get_test_runner_kwargs()
        kwargs["resultclass"] = _RecordingResult
        return kwargs

    def run_suite(self, suite, **kwargs):
        result = super().run_suite(suite, **kwargs)
        path = os.environ.get("ROOTFIX_JUNIT_XML")
        if path:
            _write(getattr(result, "rootfix_records", []), path)
        return result
