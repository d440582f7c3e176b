"""pipeline.run_fix / apply_outcome on real projects: the bundled sample end to end, unknown components,
never claiming a fix without an accepted verdict, and --apply refusing a file changed since validation."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, make_git_repo
from rootfix.errors import UsageError
from rootfix.intake.report import load_report
from rootfix.pipeline import apply_outcome, run_fix
from rootfix.report import to_report_json

CLI_CASE = EXAMPLES / "cases" / "ex-cli-args"
DEMO = Path(__file__).resolve().parents[1] / "src" / "rootfix" / "demo"


@pytest.fixture(scope="module")
def cli_outcome(tmp_path_factory, examples_dir):
    repo = make_git_repo(CLI_CASE / "repo", tmp_path_factory.mktemp("p") / "repo")
    seen: list[tuple[str, str]] = []
    outcome = run_fix(load_report(str(CLI_CASE / "bug.yaml")), repo, python=sys.executable, timeout=600,
                      progress=lambda stage, msg: seen.append((stage, msg)))
    return outcome, repo, seen


@pytest.mark.slow
def test_run_fix_rule_candidate_validated(cli_outcome) -> None:
    outcome, repo, seen = cli_outcome
    assert outcome.status == "fixed" and outcome.verdict is not None and outcome.verdict.accepted
    assert outcome.candidate.strategy.startswith("rule:")
    assert (outcome.root_cause.file, outcome.root_cause.symbol) == (
        "loans/management/commands/send_overdue_notices.py", "Command.handle")
    stages = [t.stage for t in outcome.timings]
    for s in ("intake", "discover", "baseline", "reproduce", "localize", "fix", "validate", "similar", "total"):
        assert s in stages
    # every stage reported its result to the progress callback
    done = {stage for stage, msg in seen if msg.startswith("done: ")}
    assert {"intake", "discover", "baseline", "reproduce", "localize", "fix", "validate"} <= done
    # nothing was written to the user's tree
    assert subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout == ""


@pytest.mark.slow
def test_apply_refuses_changed_file_then_applies(cli_outcome, tmp_path) -> None:
    outcome, repo, _ = cli_outcome
    target = repo / "loans/management/commands/send_overdue_notices.py"
    original = target.read_text()
    target.write_text(original + "\n# edited after validation\n")
    with pytest.raises(UsageError, match="changed since validation"):
        apply_outcome(outcome)
    assert target.read_text().endswith("# edited after validation\n")  # untouched
    target.write_text(original)
    applied = apply_outcome(outcome)
    assert applied.applied and "dry_run=False" in target.read_text()
    for path in outcome.candidate.patch.tests_added:
        assert (repo / path).exists()
    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=repo, check=True)
    for path in outcome.candidate.patch.tests_added:
        (repo / path).unlink()


def test_unknown_component_is_usage_error(tmp_path, examples_dir) -> None:
    repo = make_git_repo(CLI_CASE / "repo", tmp_path / "repo")
    report = load_report(None, {"component_type": "cli-tool", "component_name": "send_overdue_notises_xyz",
                                "bug_description": "b", "expected_behavior": "e", "actual_behavior": "a"})
    with pytest.raises(UsageError):
        run_fix(report, repo, python=sys.executable)


def test_cli_fix_bad_input_exit_2(tmp_path, examples_dir) -> None:
    repo = make_git_repo(CLI_CASE / "repo", tmp_path / "repo")
    for extra in (["--llm", "http://127.0.0.1:9/v1"], ["--model", "m"], ["--timeout", "0"]):
        p = subprocess.run([sys.executable, "-m", "rootfix", "fix", str(CLI_CASE / "bug.yaml"), "--repo", str(repo),
                            *extra], capture_output=True, text=True)
        assert p.returncode == 2 and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr, p.stderr
    p = subprocess.run([sys.executable, "-m", "rootfix", "fix", str(tmp_path / "missing.yaml"), "--repo", str(repo)],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "Traceback" not in p.stderr


@pytest.mark.slow
def test_no_fix_is_never_claimed_fixed(tmp_path, examples_dir) -> None:
    """With no strategy able to propose a candidate (only the LLM backend, and no --llm endpoint), the run on
    ex-sj-duplicates ends no_fix (exit 1), names a suspect, and --apply writes nothing. (JOB101 fixes this case
    when the rules run: tests/test_pipeline_examples.py.)"""
    case = examples_dir / "cases" / "ex-sj-duplicates"
    repo = make_git_repo(case / "repo", tmp_path / "repo")
    env = {**os.environ, "ROOTFIX_STRATEGIES": "llm"}
    p = subprocess.run([sys.executable, "-m", "rootfix", "fix", str(case / "bug.yaml"), "--repo", str(repo),
                        "--python", sys.executable, "--format", "json", "--apply"],
                       capture_output=True, text=True, timeout=900, env=env)
    data = json.loads(p.stdout)
    assert p.returncode == 1 and data["status"] == "no_fix", p.stdout[-2000:] + p.stderr[-2000:]
    assert data["fix"] is None and data["tests_added"] == []
    assert data["root_cause"]["file"] == "appointments/jobs.py"  # through the beat task's one-line delegate
    assert subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True,
                          text=True).stdout == ""  # --apply wrote nothing


@pytest.mark.slow
def test_demo_end_to_end(tmp_path) -> None:
    """rootfix demo on the bundled sample (W3 bug): fixed, reports written, the sample left untouched."""
    assert (DEMO / "sample").is_dir() and (DEMO / "sample_bug.yaml").is_file()
    p = subprocess.run([sys.executable, "-m", "rootfix", "demo", "--dir", str(tmp_path / "d"),
                        "--python", sys.executable], capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    out = tmp_path / "d" / "rootfix-out"
    data = json.loads((out / "report.json").read_text())
    assert data["status"] == "fixed" and data["root_cause"]["bug_class"] == "W3"
    assert (out / "summary.md").is_file() and (out / "fix.diff").is_file()
    assert "Components" in p.stdout and "Candidates and verdicts" in p.stdout
    assert str(out / "summary.md") in p.stdout
    # the bundled sample is never modified
    assert not (DEMO / "sample" / "rootfix-out").exists()


def test_demo_dir_must_be_empty(tmp_path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "f").write_text("keep")
    p = subprocess.run([sys.executable, "-m", "rootfix", "demo", "--dir", str(tmp_path / "x")],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "not an empty folder" in p.stderr
    assert (tmp_path / "x" / "f").read_text() == "keep"
