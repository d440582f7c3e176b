"""The command (CMD1xx-CMD5xx) rules on the pantry fixture project: every planted bug is found exactly,
every correct twin stays quiet, and each fix is proven by running the real command with call_command
(a behaviour test rootfix never sees) before and after the fix."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rule_behaviour import fix_and_prove, pytest_run

from rootfix.regress import regression_test
from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

load_all_rules()
PROJECTS = Path(__file__).parent / "data" / "cmd_projects"
NEW_CODES = ("CMD102", "CMD103", "CMD201", "CMD202", "CMD301", "CMD302", "CMD401", "CMD402", "CMD403", "CMD501", "CMD502")

#: the planted bugs as (code, file, symbol, line)
PLANTED = {
    ("CMD102", "stock/management/commands/send_expiry_alerts.py", "Command.add_arguments", 10),
    ("CMD103", "stock/management/commands/purge_alert_log.py", "Command.add_arguments", 14),
    ("CMD301", "stock/management/commands/import_donations.py", "Command.handle", 19),
    ("CMD302", "stock/management/commands/load_agencies.py", "Command.handle", 19),
    # C4: the import's unknown SKU (CMD403; no reject path in the loop: an unsafe CommandError fix only),
    # date and quantity conversions (CMD401, detection only)
    ("CMD403", "stock/management/commands/import_donations.py", "Command.handle", 20),
    ("CMD401", "stock/management/commands/import_donations.py", "Command.handle", 21),
    ("CMD401", "stock/management/commands/import_donations.py", "Command.handle", 22),
    ("CMD501", "stock/management/commands/donation_report.py", "Command.handle", 18),
    # exit on a non-interactive condition; the exits after the y/n prompt and on Ctrl-C are its quiet twins
    ("CMD402", "stock/management/commands/reset_donations.py", "Command.handle", 18),
    # a daemon loop polling the database between sleeps that catches a round's error and goes on; its quiet
    # twins: purge_old_donations (a chunked purge that ends when no row is left) and watch_low_stock (a
    # database error ends the process, which its supervisor restarts)
    ("CMD201", "stock/management/commands/watch_expiring_items.py", "Command.handle", 17),
    # (watch_low_stock, which lets a database error end the process, is quiet too)
}
#: behaviour test (tests/data/cmd_projects/behaviour) that fails on each planted bug
BEHAVIOUR = {
    "CMD102": "test_cmd102_notify_false_sends_no_email",
    "CMD103": "test_cmd103_purge_can_run_for_real",
    "CMD301": "test_cmd301_failed_import_leaves_nothing_behind",
    "CMD501": "test_cmd501_last_day_is_included",
}


def _findings(root: Path) -> set[tuple[str, str, str, int]]:
    index = RepoIndex.build(root)
    out = set()
    for code in NEW_CODES:
        out |= {(f.code, f.file, f.symbol, f.line) for f in REGISTRY[code]().check(CheckContext(index))}
    return out


def test_pantry_findings_are_exactly_the_planted_bugs() -> None:
    expected = set(PLANTED)
    assert _findings(PROJECTS / "pantry") == expected


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(BEHAVIOUR))
def test_fix_is_proven_by_running_the_command(code, project_repo) -> None:
    repo = project_repo("pantry", base=PROJECTS)
    behaviour = repo / "tests" / "test_pantry_behaviour.py"
    shutil.copy(PROJECTS / "behaviour" / "test_pantry_behaviour.py", behaviour)
    node = f"tests/test_pantry_behaviour.py::{BEHAVIOUR[code]}"
    failed_before, out = pytest_run(repo, node)
    assert failed_before != 0, f"the behaviour test passes on the buggy command:\n{out}"
    behaviour.unlink()  # rootfix never sees it
    file = next(p[1] for p in PLANTED if p[0] == code)
    result = fix_and_prove(repo, code, file=file)
    assert result.test_failed_before and result.test_passed_after and result.suite_passed_after, result.output
    shutil.copy(PROJECTS / "behaviour" / "test_pantry_behaviour.py", behaviour)
    passed_after, out = pytest_run(repo, node)
    assert passed_after == 0, f"the command still misbehaves after the {code} fix:\n{out}"


# --------------------------------------------------------------------------- clinicq: TestCase, manage.py test
CLINICQ_PLANTED = {
    ("CMD102", "clinic/cli.py", "add_export_options", 6),
    ("CMD301", "clinic/importing.py", "AppointmentImporter.run", 16),
    ("CMD501", "clinic/reports.py", "visits_between", 10),
    # not planted, but real: an unknown MRN in the feed aborts the import in the per-row helper (no fix: the
    # loop has no way of rejecting a row)
    ("CMD403", "clinic/importing.py", "AppointmentImporter._store", 21),
}
CLINICQ_BEHAVIOUR = {
    "CMD102": "test_cmd102_include_cancelled_false",
    "CMD301": "test_cmd301_failed_feed_imports_nothing",
    "CMD501": "test_cmd501_last_day_counts",
}


def _manage_test(repo: Path, *labels: str) -> tuple[int, str]:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "manage.py", "test", "-v", "1", *labels], cwd=repo,
                          capture_output=True, text=True, timeout=600)
    return proc.returncode, proc.stdout[-3000:] + proc.stderr[-3000:]


def test_clinicq_findings_are_exactly_the_planted_bugs() -> None:
    assert _findings(PROJECTS / "clinicq") == CLINICQ_PLANTED


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(CLINICQ_BEHAVIOUR))
def test_fix_is_proven_on_a_testcase_project(code, project_repo) -> None:
    """Regression tests in the project's TestCase style, run by `manage.py test`."""
    repo = project_repo("clinicq", base=PROJECTS)
    behaviour = repo / "clinic" / "test_behaviour.py"
    label = f"clinic.test_behaviour.BehaviourTests.{CLINICQ_BEHAVIOUR[code]}"
    shutil.copy(PROJECTS / "behaviour" / "test_clinicq_behaviour.py", behaviour)
    failed_before, out = _manage_test(repo, label)
    assert failed_before != 0, out
    behaviour.unlink()
    load_all_rules()
    rule = REGISTRY[code]()
    index = RepoIndex.build(repo)
    file = next(p[1] for p in CLINICQ_PLANTED if p[0] == code)
    finding = next(f for f in rule.check(CheckContext(index)) if f.file == file)
    test = regression_test(rule, index, finding)
    patch = rule.fix(index, finding)
    assert test is not None and patch is not None
    test_path, source = test
    assert ("TestCase" in source or "setUp" in source) and test_path.startswith("clinic/"), (test_path, source)
    (repo / test_path).write_text(source)
    test_label = test_path[:-3].replace("/", ".")
    reg_before, out = _manage_test(repo, test_label)
    assert reg_before != 0, f"the regression test passes on the buggy code:\n{source}\n{out}"
    for change in patch.changes:
        (repo / change.path).write_text(change.new)
    reg_after, out = _manage_test(repo, test_label)
    assert reg_after == 0, f"the regression test fails with the fix:\n{source}\n{out}"
    suite, out = _manage_test(repo)
    assert suite == 0, out
    shutil.copy(PROJECTS / "behaviour" / "test_clinicq_behaviour.py", behaviour)
    passed_after, out = _manage_test(repo, label)
    assert passed_after == 0, f"the command still misbehaves after the {code} fix:\n{out}"


@pytest.mark.slow
def test_cmd501_without_a_project_test_runs_the_command_itself(project_repo) -> None:
    """No project test runs donation_report: the regression test runs the command with its date options
    set to a month's first and last day, the date-bound probe installed; it fails before, passes after."""
    src = project_repo("pantry", base=PROJECTS)
    tests = src / "tests" / "test_commands.py"
    text = tests.read_text()
    tests.write_text(text[:text.index("def test_donation_report")] + text[text.index("def test_volunteer_hours"):])
    result = fix_and_prove(src, "CMD501")
    assert "call_command('donation_report', *['--since', '2024-05-01', '--until', '2024-05-31']" in \
        (src / result.test_path).read_text()
    assert result.test_failed_before and result.test_passed_after and result.suite_passed_after, result.output


# --------------------------------------------------------------------------- rootfix fix, end to end
#: bug report -> (the rule whose fix must be validated, the behaviour test that must pass after --apply)
BUG_REPORTS = {
    "pantry-expiry-alerts.yaml": ("CMD102", "test_cmd102_notify_false_sends_no_email"),
    "pantry-purge-alert-log.yaml": ("CMD103", "test_cmd103_purge_can_run_for_real"),
    "pantry-import-donations.yaml": ("CMD301", "test_cmd301_failed_import_leaves_nothing_behind"),
    "pantry-donation-report.yaml": ("CMD501", "test_cmd501_last_day_is_included"),
}


@pytest.mark.slow
@pytest.mark.parametrize("bug", sorted(BUG_REPORTS))
def test_rootfix_fix_validates_and_applies_the_command_fix(bug, project_repo, tmp_path) -> None:
    import json
    import subprocess
    import sys

    code, behaviour_test = BUG_REPORTS[bug]
    repo = project_repo("pantry", base=PROJECTS)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "rootfix", "fix", str(PROJECTS / "bugs" / bug), "--repo", str(repo),
                           "--python", sys.executable, "--apply", "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    report = json.loads((out / "report.json").read_text())
    assert report["status"] == "fixed" and report["fix"]["strategy"] == f"rule:{code}", report
    shutil.copy(PROJECTS / "behaviour" / "test_pantry_behaviour.py", repo / "tests" / "test_pantry_behaviour.py")
    code_, output = pytest_run(repo, f"tests/test_pantry_behaviour.py::{behaviour_test}")
    assert code_ == 0, output
