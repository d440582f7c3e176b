"""The Spark fixes proven on a real project (tests/fixtures/parcelhub) in a local Spark session.

SPK301 (collect of an unbounded frame), SPK401 (ORM lookup on executors) and SPK602 (a driver counter mutated in
``foreach``; a dict a service class fills in ``foreach``, its test a replay of the project's own; a partition
function without the project's per-worker Django setup, its test a fresh worker interpreter) each write a
regression test and a fix. Two runs of the project's suite (one Spark session each, shared by all its tests)
prove all five: before the fixes every regression test fails and every other test passes; after them the whole
suite passes.
"""
from __future__ import annotations

import sys

import pytest
from rule_behaviour import SuiteRun, suite_run

from rootfix.discover.index import RepoIndex
from rootfix.regress import regression_test
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules
from rootfix.validate.runner import SPARK_JVM_OPTIONS

BUGS = {
    "SPK301": ("parcels/jobs/export_scans.py", "write_scan_lines"),
    "SPK401": ("parcels/jobs/depot_report.py", "with_depot_names"),
    "SPK401-worker": ("parcels/jobs/stats_sink.py", "store"),
    "SPK602": ("parcels/jobs/scan_stats.py", "count_failed_deliveries"),
    "SPK602-service": ("parcels/audit.py", "MisrouteAudit.check"),
}


def _failed(run: SuiteRun, path: str) -> bool:
    got = run.of(path)
    return bool(got) and any(v.outcome in ("failed", "error") for v in got.values()) \
        and not any(k.startswith("::") for k in got)  # an import error proves nothing


@pytest.fixture(scope="module")
def proven(tmp_path_factory):
    from conftest import FIXTURES, make_git_repo

    repo = make_git_repo(FIXTURES / "parcelhub", tmp_path_factory.mktemp("spk") / "parcelhub")
    load_all_rules()
    index = RepoIndex.build(repo)
    tests, patches, found = {}, {}, {}
    for code, where in BUGS.items():
        rule = REGISTRY[code.split("-")[0]]()
        findings = list(rule.check(CheckContext(index)))
        found[code] = [(f.file, f.symbol) for f in findings]
        finding = next((f for f in findings if (f.file, f.symbol) == where), None)
        assert finding is not None, f"{code} found nothing at {where}: {found[code]}"
        test = regression_test(rule, index, finding)
        patch = rule.fix(index, finding)
        assert test is not None, f"{code} wrote no regression test"
        assert patch is not None, f"{code} has no fix"
        tests[code], patches[code] = test, patch
    for path, source in tests.values():
        (repo / path).write_text(source)
    with pytest.MonkeyPatch.context() as env:
        # the JVM options the validation runner gives the project's test processes (validate/runner.py)
        env.setenv("JDK_JAVA_OPTIONS", SPARK_JVM_OPTIONS)
        # executors run this interpreter (with Django installed, as a deployment's would), not whatever
        # python3 is first on PATH: the ORM job must fail for want of django.setup(), not of Django
        env.setenv("PYSPARK_PYTHON", sys.executable)
        before = suite_run(repo)
        for patch in patches.values():
            for change in patch.changes:
                (repo / change.path).write_text(change.new)
        after = suite_run(repo)
    return repo, found, tests, before, after


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(BUGS))
def test_spark_fix_proven(proven, code: str) -> None:
    repo, found, tests, before, after = proven
    # each rule finds exactly the seeded bugs of its code
    assert sorted(found[code]) == sorted(w for c, w in BUGS.items() if c.split("-")[0] == code.split("-")[0]), found[code]
    path = tests[code][0]
    assert _failed(before, path), f"{code}'s regression test did not fail on the bug:\n{before.output}"
    # it failed for the bug's reason: the oracle's assertion, or (ORM on executors) Django not set up there
    reasons = ("AppRegistryNotReady", "ImproperlyConfigured") if code.startswith("SPK401") else ("AssertionError",)
    assert all(any(r in v.message for r in reasons) for v in before.of(path).values()
               if v.outcome in ("failed", "error")), before.output
    assert before.others_ok(*(p for p, _ in tests.values())), before.output
    got = after.of(path)
    assert got and all(v.outcome == "passed" for v in got.values()), after.output
    assert after.returncode == 0, after.output
