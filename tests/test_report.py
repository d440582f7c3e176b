"""report/: report.json contract, summary.md, written outputs and fix.diff that git applies."""
from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

from conftest import make_git_repo
from rootfix.report import render_summary, to_report_json, write_outputs
from rootfix.report.diff import diff_size, patch_diff
from rootfix.report.progress import PlainProgress, make_progress, silent
from rootfix.types import (
    BugReport, Candidate, Component, ExceptionRecord, FileChange, Finding, FixOutcome, Frame, ParsedError, Patch,
    Reproduction, StageTiming, Suspect, Verdict,
)
from rootfix.types import TestOutcome as Outcome
from rootfix.types import TestRun as Run

CMD = "loans/management/commands/send_overdue_notices.py"
#: the command of the ex-cli-args case, cut to what the report needs: --dry-run stored as `dry_run`,
#: read by handle() as `dryrun` (this module does not need ../shared)
COMMAND = """\
from django.core.management.base import BaseCommand

from loans.notices import send_notices


class Command(BaseCommand):
    help = "Email every patron with overdue items; use --dry-run to preview who would be notified."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list who would be notified, send nothing")

    def handle(self, *args, branch=None, min_days=1, as_of=None, limit=None, dryrun=False, **options):
        report = send_notices(as_of=as_of, branch_code=branch, min_days=min_days, limit=limit, dry_run=dryrun)
        self.stdout.write(f"notified {report.patrons} patron(s)")
"""
TEST = "tests/test_rootfix_send_overdue_notices.py"

CONTRACT_KEYS = {"status", "component", "root_cause", "suspects", "fix", "tests_added", "validation", "similar",
                 "timings"}


def _report() -> BugReport:
    return BugReport(component_type="cli-tool", component_name="manage.py send_overdue_notices",
                     bug_description="--dry-run sends the emails anyway", expected_behavior="nothing is sent",
                     actual_behavior="emails are sent", source="bug.yaml")


def _run(passed: int, failed: int, flaky: tuple[str, ...] = ()) -> Run:
    outs = [Outcome(f"tests/test_x.py::test_p{i}", "passed") for i in range(passed)]
    outs += [Outcome(f"tests/test_x.py::test_f{i}", "failed", message="AssertionError") for i in range(failed)]
    return Run(command=("python", "-m", "pytest"), returncode=1 if failed else 0, outcomes=tuple(outs),
                   duration=1.5, flaky=flaky)


def _candidate(repo_file: Path) -> Candidate:
    old = repo_file.read_text()
    new = old.replace("dryrun=False", "dry_run=False").replace("dry_run=dryrun", "dry_run=dry_run")
    assert new != old
    test_src = "def test_dry_run_sends_nothing():\n    assert True\n"
    finding = Finding(code="CMD101", rule="option-key-without-dest", message="handle() takes `dryrun`, but the "
                      "option --dry-run is stored as `dry_run`: the flag is silently ignored", file=CMD, line=23,
                      symbol="Command.handle", bug_class="C1", fixable=True, fix_safety="safe",
                      related=((CMD, 21, "--dry-run declared here"),))
    return Candidate(strategy="rule:CMD101", patch=Patch((FileChange(CMD, old, new), FileChange(TEST, None, test_src)),
                                                          tests_added=(TEST,)),
                     explanation="Rename the keyword to the option's dest.", finding=finding,
                     regression_tests=(f"{TEST}::test_dry_run_sends_nothing",))


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    (src / CMD).parent.mkdir(parents=True)
    (src / CMD).write_text(COMMAND)
    return make_git_repo(src, tmp_path_factory.mktemp("r") / "repo")


@pytest.fixture(scope="module")
def fixed(repo: Path) -> FixOutcome:
    cand = _candidate(repo / CMD)
    comp = Component(type="cli-tool", flavor="management-command", name="send_overdue_notices", aliases=(),
                     file=CMD, symbol="Command.handle", line=23)
    verdict = Verdict(accepted=True, reason="reproduction flips, regression test passes, no new failures",
                      reproduction="failed->passed", regression_failed_before=True, regression_passed_after=True,
                      baseline=_run(10, 1, flaky=("tests/test_x.py::test_p3",)), after=_run(12, 0))
    pe = ParsedError(exceptions=(ExceptionRecord("loans.models.Loan.DoesNotExist", "x", frames=(
        Frame(path=f"/srv/{CMD}", line=23, function="handle", repo_path=CMD, is_project=True),)),),
        kind="python-traceback")
    similar = Finding(code="CMD101", rule="option-key-without-dest", message="same", file="catalog/x.py", line=7,
                      symbol="Command.handle")
    return FixOutcome(
        status="fixed", report=_report(), component=comp, parsed_error=pe,
        reproduction=Reproduction(kind="generated", targets=(f"{TEST}::test_dry_run_sends_nothing",), reproduced=True),
        suspects=(Suspect(str(repo / CMD), "Command.handle", 23, 0.93, ("rule CMD101", "text: dry, run")),
                  Suspect("loans/notices.py", "send_notices", 40, 0.41, ("text: notice",))),
        findings=(cand.finding,), root_cause=cand.finding, candidate=cand, verdict=verdict,
        rejected=((Candidate("llm:test", Patch((FileChange(CMD, "a", "b"),))), Verdict(False, "reproduction still "
                   "fails | twice", reproduction="failed->failed")),),
        similar=(similar,), repo=str(repo),
        timings=(StageTiming("intake", 0.01), StageTiming("discover", 0.2), StageTiming("validate", 3.0),
                 StageTiming("total", 3.5)),
    )


@pytest.fixture(scope="module")
def no_fix() -> FixOutcome:
    return FixOutcome(status="no_fix", report=_report(), component=None,
                      suspects=(Suspect(CMD, "Command.handle", 23, 0.5, ("text: dry, run",)),),
                      root_cause=Suspect(CMD, "Command.handle", 23, 0.5, ("text: dry, run",)),
                      verdict=Verdict(False, "no candidate", baseline=_run(3, 0)),
                      message="no rule matched", timings=(StageTiming("intake", 0.5), StageTiming("localize", 1.0)))


def test_report_json_contract_fixed(fixed: FixOutcome) -> None:
    data = to_report_json(fixed)
    assert CONTRACT_KEYS <= set(data)
    json.dumps(data)  # serializable
    assert data["status"] == "fixed"
    assert data["component"] == {"type": "cli-tool", "name": "send_overdue_notices", "file": CMD,
                                 "symbol": "Command.handle", "line": 23}
    rc = data["root_cause"]
    assert (rc["file"], rc["symbol"], rc["line"], rc["bug_class"], rc["rule"]) == (CMD, "Command.handle", 23, "C1",
                                                                                    "CMD101")
    assert "dry_run" in rc["explanation"]
    # absolute suspect path made repo-relative
    assert data["suspects"][0] == {"file": CMD, "symbol": "Command.handle", "score": 0.93,
                                   "evidence": ["rule CMD101", "text: dry, run"]}
    assert data["fix"]["strategy"] == "rule:CMD101"
    assert data["fix"]["files"] == [CMD]
    assert "-    def handle(self, *args, branch=None, min_days=1, as_of=None, limit=None, dryrun=False" \
        in data["fix"]["diff"]
    assert data["tests_added"] == [TEST]
    assert data["validation"] == {"reproduction": "failed->passed", "baseline": {"passed": 10, "failed": 1},
                                  "after": {"passed": 12, "failed": 0}, "regressions": []}
    assert data["similar"] == [{"file": "catalog/x.py", "line": 7, "rule": "CMD101"}]
    assert data["timings"] == {"total_s": 3.5, "intake_s": 0.01, "discover_s": 0.2, "validate_s": 3.0}
    assert data["rejected"][0]["reason"].startswith("reproduction still fails")


def test_report_json_no_fix_names_suspect_but_no_fix(no_fix: FixOutcome) -> None:
    data = to_report_json(no_fix)
    assert CONTRACT_KEYS <= set(data)
    assert data["status"] == "no_fix"
    assert data["fix"] is None and data["tests_added"] == []
    assert data["root_cause"]["file"] == CMD and data["root_cause"]["symbol"] == "Command.handle"
    assert data["root_cause"]["rule"] is None
    assert data["component"]["type"] == "cli-tool" and data["component"]["file"] is None
    assert data["validation"]["after"] is None
    assert data["validation"]["baseline"] == {"passed": 3, "failed": 0}
    assert data["timings"]["total_s"] == 1.5


def test_fix_diff_applies_with_git(fixed: FixOutcome, repo: Path, tmp_path: Path) -> None:
    diff = tmp_path / "fix.diff"
    diff.write_text(patch_diff(fixed.candidate.patch))
    subprocess.run(["git", "apply", "--check", str(diff)], cwd=repo, check=True)
    assert diff_size(fixed.candidate.patch) == 4  # two lines changed, the test file not counted


def test_diff_without_trailing_newline_applies(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "a.py").write_text("x = 1\ny = 2")
    patch = Patch((FileChange("a.py", "x = 1\ny = 2", "x = 1\ny = 3"),))
    (tmp_path / "p.diff").write_text(patch_diff(patch))
    subprocess.run(["git", "apply", "p.diff"], cwd=tmp_path, check=True)
    assert (tmp_path / "a.py").read_text() == "x = 1\ny = 3"


def test_summary_sections(fixed: FixOutcome, no_fix: FixOutcome) -> None:
    md = render_summary(fixed)
    for heading in ("# rootfix: manage.py send_overdue_notices", "## Component", "## Root cause",
                    "## Changes and why", "## Side effects and considerations", "## Deployment notes",
                    "## Test results", "## Similar bugs elsewhere"):
        assert heading in md
    assert "```diff" in md and "+    def handle(self" in md
    assert "cron" in md  # cli-tool deployment notes
    assert "10 passed, 1 failed, 1 flaky" in md and "12 passed, 0 failed" in md
    assert "failed->passed" in md
    assert "reproduction still fails \\| twice" in md  # table cell escaped
    assert "`catalog/x.py:7`" in md
    md2 = render_summary(no_fix)
    assert "No validated fix" in md2 and "## Changes and why" not in md2 and "## Deployment notes" not in md2
    assert "not confirmed" in md2


@pytest.mark.parametrize("ctype,word", [("background-worker", "drain"), ("scheduled-job", "beat"),
                                        ("pyspark-job", "partitions")])
def test_deployment_notes_per_component(fixed: FixOutcome, ctype: str, word: str) -> None:
    from dataclasses import replace

    comp = replace(fixed.component, type=ctype)
    assert word in render_summary(replace(fixed, component=comp))


def test_write_outputs(fixed: FixOutcome, no_fix: FixOutcome, tmp_path: Path) -> None:
    written = write_outputs(fixed, tmp_path / "out")
    out = tmp_path / "out"
    assert json.loads((out / "report.json").read_text())["status"] == "fixed"
    assert (out / "summary.md").read_text().startswith("# rootfix")
    assert (out / "fix.diff").read_text() == patch_diff(fixed.candidate.patch)
    assert (out / TEST).read_text().startswith("def test_dry_run")
    assert set(written) == {"report.json", "summary.md", "fix.diff", TEST}
    # a later run without a fix removes the stale fix.diff
    write_outputs(no_fix, out)
    assert not (out / "fix.diff").exists()
    assert json.loads((out / "report.json").read_text())["status"] == "no_fix"


def test_plain_progress_lines() -> None:
    buf = io.StringIO()
    p = PlainProgress(buf)
    p("discover", "indexing")
    p("discover", "done: 12 components")
    lines = buf.getvalue().splitlines()
    assert lines[0].startswith("[discover") and lines[0].endswith("indexing")
    assert lines[1].endswith("12 components")


def test_make_progress_modes() -> None:
    cb, close = make_progress("json")
    assert cb is silent
    buf = io.StringIO()  # not a TTY -> plain lines
    cb, close = make_progress("text", buf)
    cb("fix", "done: 2 candidates")
    close()
    assert "2 candidates" in buf.getvalue()


def test_rich_progress_on_terminal() -> None:
    from rootfix.report.progress import RichProgress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    buf = Tty()
    cb, close = make_progress("text", buf)
    assert isinstance(cb, RichProgress)
    cb("validate", "2 candidates")
    cb("validate", "done: accepted rule:CMD101")
    close()
    assert "accepted rule:CMD101" in buf.getvalue()


def test_diff_new_and_deleted_files_apply(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "gone.py").write_text("a = 1\n")
    patch = Patch((FileChange("gone.py", "a = 1\n", "", deleted=True), FileChange("pkg/new.py", None, "b = 2\n")))
    (tmp_path / "p.diff").write_text(patch_diff(patch))
    subprocess.run(["git", "apply", "p.diff"], cwd=tmp_path, check=True)
    assert not (tmp_path / "gone.py").exists() and (tmp_path / "pkg/new.py").read_text() == "b = 2\n"
