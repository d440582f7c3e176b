"""`rootfix validate` on the example cases: reference fixes accepted, wrong patches rejected for the right reason.

Real git repos, real pytest runs of each case project in worktrees (Spark included): marked slow, except
bad input, which is refused before any run.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, example_cases, git, make_git_repo
from rootfix.cli import main

# the Spark case's validation path (two Spark suite runs, ~1 min) is covered by its end-to-end fix in
# test_pipeline_examples.py; its reference diff is not validated a second time here
CASES = [c for c in example_cases(having="reference.diff") if not (isinstance(c, str) and c.startswith("ex-ps-"))]
PY = sys.executable



def case_repo(case: Path, dest: Path, *, commit_hidden: bool = True) -> Path:
    """The case's repo as a committed git repo, with the acceptance test committed as tests/test_example_case.py."""
    repo = make_git_repo(case / "repo", dest)
    if commit_hidden:
        shutil.copy(case / "hidden_test.py", repo / "tests" / "test_example_case.py")
        git(repo, "add", "-A")
        git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "acceptance test")
    return repo


def bug_yaml(case: Path, dest: Path, **extra: str) -> Path:
    data = yaml.safe_load((case / "bug.yaml").read_text())
    data.update(extra)
    dest.write_text(yaml.safe_dump(data, sort_keys=False))
    return dest


def make_diff(repo: Path, out: Path, *, base_diff: Path | None = None,
              edits: dict[str, tuple[str, str]] | None = None, new_files: dict[str, str] | None = None) -> Path:
    """A git diff against ``repo``'s HEAD, built in a scratch clone (the repo itself is left alone)."""
    scratch = out.parent / (out.stem + "-scratch")
    subprocess.run(["git", "clone", "-q", str(repo), str(scratch)], check=True)
    if base_diff is not None:
        subprocess.run(["git", "apply", str(base_diff)], cwd=scratch, check=True)
    for rel, (old, new) in (edits or {}).items():
        p = scratch / rel
        text = p.read_text()
        assert old in text, f"{old!r} not in {rel}"
        p.write_text(text.replace(old, new, 1))
    for rel, text in (new_files or {}).items():
        (scratch / rel).parent.mkdir(parents=True, exist_ok=True)
        (scratch / rel).write_text(text)
    subprocess.run(["git", "add", "-A"], cwd=scratch, check=True)
    diff = subprocess.run(["git", "diff", "--cached"], cwd=scratch, check=True, capture_output=True, text=True).stdout
    shutil.rmtree(scratch)
    out.write_text(diff)
    return out


def run_cli(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def worktrees(repo: Path) -> list[str]:
    return [line for line in git(repo, "worktree", "list", "--porcelain").splitlines() if line.startswith("worktree ")]


# --------------------------------------------------------------------------- every case's reference fix
@pytest.mark.parametrize("case_id", CASES)
@pytest.mark.slow
def test_reference_fix_is_valid(case_id, examples_dir, target_python, tmp_path, capsys):
    case = examples_dir / "cases" / case_id
    repo = case_repo(case, tmp_path / "repo")
    status_before = git(repo, "status", "--porcelain")
    bug = bug_yaml(case, tmp_path / "bug.yaml", reproduce="tests/test_example_case.py")

    code, out, err = run_cli(["validate", str(case / "reference.diff"), str(bug), "--repo", str(repo),
                              "--python", target_python, "--format", "json"], capsys)

    assert code == 0, out + err
    result = json.loads(out)
    assert result["status"] == "valid"
    assert result["validation"]["reproduction"] == "failed->passed"
    assert result["validation"]["regressions"] == []
    assert result["validation"]["after"]["failed"] == 0
    assert result["validation"]["baseline"]["failed"] >= 1
    # validation happened elsewhere: the user's tree still has the bug, and no worktree is left
    assert git(repo, "status", "--porcelain") == status_before
    assert subprocess.run(["git", "apply", "--check", str(case / "reference.diff")], cwd=repo).returncode == 0
    assert len(worktrees(repo)) == 1


# --------------------------------------------------------------------------- wrong patches (one shared repo)
CLI_CASE = EXAMPLES / "cases" / "ex-cli-args"


@pytest.fixture(scope="module")
def cli_case(tmp_path_factory, examples_dir):
    """ex-cli-args with the acceptance test committed; all wrong patches share its baseline run (in-process cache)."""
    if not CLI_CASE.is_dir():
        pytest.fail(f"example case not found at {CLI_CASE}")
    base = tmp_path_factory.mktemp("cli-case")
    repo = case_repo(CLI_CASE, base / "repo")
    bug = bug_yaml(CLI_CASE, base / "bug.yaml", reproduce="tests/test_example_case.py")
    return repo, bug, base


@pytest.mark.slow
def test_patch_that_breaks_another_test_is_rejected(cli_case, capsys):
    repo, bug, base = cli_case
    patch = make_diff(repo, base / "breaks.diff", base_diff=CLI_CASE / "reference.diff",
                      edits={"loans/fines.py": ("return min(_rate() * days, _cap())", "return (_rate() * days)")})
    code, out, err = run_cli(["validate", str(patch), str(bug), "--repo", str(repo), "--python", PY], capsys)
    assert code == 1, out + err
    assert "REJECTED: breaks tests/test_fines.py::test_fine_is_capped" in out
    assert len(worktrees(repo)) == 1


@pytest.mark.slow
def test_patch_that_does_not_fix_the_reproduction_is_rejected(cli_case, capsys):
    repo, bug, base = cli_case
    path = "loans/management/commands/send_overdue_notices.py"
    first = (repo / path).read_text().splitlines()[0]
    patch = make_diff(repo, base / "comment.diff", edits={path: (first, "# harmless comment\n" + first)})
    code, out, err = run_cli(["validate", str(patch), str(bug), "--repo", str(repo), "--python", PY], capsys)
    assert code == 1, out + err
    assert "REJECTED: does not fix the reproduction: tests/test_example_case.py still fails" in out
    assert "failed->failed" in out


@pytest.mark.slow
def test_patch_that_edits_the_acceptance_test_is_rejected(cli_case, capsys):
    repo, bug, base = cli_case
    text = (repo / "tests" / "test_example_case.py").read_text()
    patch = make_diff(repo, base / "cheat.diff",
                      edits={"tests/test_example_case.py": (text, "def test_nothing():\n    pass\n")})
    code, out, err = run_cli(["validate", str(patch), str(bug), "--repo", str(repo), "--python", PY], capsys)
    assert code == 1, out + err
    assert "REJECTED: edits existing test tests/test_example_case.py" in out


@pytest.mark.slow
def test_deleting_the_acceptance_test_is_rejected(cli_case, capsys):
    repo, bug, base = cli_case
    scratch_diff = base / "delete.diff"
    scratch_diff.write_text(git(repo, "diff", "HEAD~1", "HEAD", "-R", "--", "tests/test_example_case.py"))
    code, out, err = run_cli(["validate", str(scratch_diff), str(bug), "--repo", str(repo), "--python", PY], capsys)
    assert code == 1, out + err
    assert "REJECTED: deletes existing test tests/test_example_case.py" in out


@pytest.mark.slow
def test_new_regression_test_alone_shows_the_fix(tmp_path, capsys, examples_dir):
    """No `reproduce` key, acceptance test not committed: the patch adds it, and it must flip."""
    repo = case_repo(CLI_CASE, tmp_path / "repo", commit_hidden=False)
    bug = bug_yaml(CLI_CASE, tmp_path / "bug.yaml")
    hidden = (CLI_CASE / "hidden_test.py").read_text()
    good = make_diff(repo, tmp_path / "good.diff", base_diff=CLI_CASE / "reference.diff",
                     new_files={"tests/test_dry_run.py": hidden})
    code, out, err = run_cli(["validate", str(good), str(bug), "--repo", str(repo), "--python", PY], capsys)
    assert code == 0, out + err
    assert "regression test tests/test_dry_run.py failed->passed" in out

    # the same test without the fix: it fails with the patch too
    bad = make_diff(repo, tmp_path / "bad.diff", new_files={"tests/test_dry_run.py": hidden})
    code, out, err = run_cli(["validate", str(bad), str(bug), "--repo", str(repo), "--python", PY], capsys)
    assert code == 1, out + err
    assert "REJECTED: regression test tests/test_dry_run.py fails with the fix" in out

    # a test that passes on the old code proves nothing
    trivial = make_diff(repo, tmp_path / "trivial.diff", base_diff=CLI_CASE / "reference.diff",
                        new_files={"tests/test_trivial.py": "def test_ok():\n    assert True\n"})
    code, out, err = run_cli(["validate", str(trivial), str(bug), "--repo", str(repo), "--python", PY], capsys)
    assert code == 1, out + err
    assert "tests/test_trivial.py passes without the fix" in out


# --------------------------------------------------------------------------- bad input: exit 2
def test_bad_input_exits_2(cli_case, tmp_path, capsys):
    repo, bug, base = cli_case
    code, out, err = run_cli(["validate", str(tmp_path / "missing.diff"), str(bug), "--repo", str(repo)], capsys)
    assert code == 2 and "no such patch file" in err

    stale = tmp_path / "stale.diff"
    stale.write_text((CLI_CASE / "reference.diff").read_text().replace("dryrun=False", "dry_run_x=False"))
    code, out, err = run_cli(["validate", str(stale), str(bug), "--repo", str(repo), "--python", PY], capsys)
    assert code == 2
    assert "patch does not apply: loans/management/commands/send_overdue_notices.py" in err
    assert len(err.strip().splitlines()) == 1

    bad_report = tmp_path / "bad.yaml"
    bad_report.write_text("component_type: nope\n")
    code, out, err = run_cli(["validate", str(CLI_CASE / "reference.diff"), str(bad_report), "--repo", str(repo)],
                             capsys)
    assert code == 2 and err.startswith("rootfix: error:")

    code, out, err = run_cli(["validate", str(CLI_CASE / "reference.diff"), str(bug), "--repo", str(repo),
                              "--python", str(tmp_path / "no-python")], capsys)
    assert code == 2 and "--python" in err
    assert len(worktrees(repo)) == 1
