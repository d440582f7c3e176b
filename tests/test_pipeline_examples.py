"""``rootfix fix`` on every example case: report.json follows the contract, names the case's component,
has timings per stage; every case is fixed (exit 0), at case.yaml's root cause, and the applied fix passes the
hidden acceptance test with the repo's own tests."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, example_cases, make_git_repo
from rootfix.discover import build_index, discover_components, resolve_component

CASES = example_cases()
CONTRACT = {"status", "component", "root_cause", "suspects", "fix", "tests_added", "validation", "similar", "timings"}
STAGES = ("intake_s", "discover_s", "baseline_s", "reproduce_s", "localize_s")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """case -> (exit code, report.json, repo, stdout+stderr); each case run once, on demand."""
    cache: dict[str, tuple[int, dict, Path, str]] = {}

    def run(case: str):
        if case not in cache:
            base = tmp_path_factory.mktemp(case)
            repo = make_git_repo(EXAMPLES / "cases" / case / "repo", base / "repo")
            bug = base / "bug.yaml"
            shutil.copy(EXAMPLES / "cases" / case / "bug.yaml", bug)
            out = base / "out"
            proc = subprocess.run([sys.executable, "-m", "rootfix", "fix", str(bug), "--repo", str(repo),
                                   "--python", sys.executable, "--apply", "--out", str(out)],
                                  capture_output=True, text=True, timeout=1200)
            data = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else {}
            cache[case] = (proc.returncode, data, repo, proc.stdout + proc.stderr)
        return cache[case]

    return run


@pytest.mark.parametrize("case", CASES)
def test_fix_example_case(case: str, runs) -> None:
    rc, data, repo, log = runs(case)
    assert CONTRACT <= set(data), log[-2000:]
    # every example case is fixed (README: 6/6); a case falling back to no_fix (exit 1) is a regression
    assert rc == 0 and data["status"] == "fixed", log[-3000:]

    # the component is the one the report names, as discovery resolves it (on the code before --apply)
    bug = yaml.safe_load((EXAMPLES / "cases" / case / "bug.yaml").read_text())
    expected = resolve_component(discover_components(build_index(EXAMPLES / "cases" / case / "repo")), bug["component_type"], bug["component_name"])
    comp = data["component"]
    assert comp["type"] == bug["component_type"]
    assert (comp["name"], comp["file"], comp["symbol"], comp["line"]) == (
        expected.name, expected.file, expected.symbol, expected.line)

    # timings per stage
    assert data["timings"]["total_s"] > 0
    for stage in STAGES:
        assert stage in data["timings"], data["timings"]

    # paths are repo-relative
    for s in data["suspects"]:
        assert not Path(s["file"]).is_absolute() and set(s) == {"file", "symbol", "score", "evidence"}
    if data["root_cause"] is not None:
        assert not Path(data["root_cause"]["file"]).is_absolute()
    assert set(data["validation"]) == {"reproduction", "baseline", "after", "regressions"}

    # the fix: applied, validated, and the hidden acceptance test passes with the repo's own tests
    assert data["fix"]["strategy"] and data["fix"]["diff"]
    assert data["validation"]["regressions"] == []
    meta = yaml.safe_load((EXAMPLES / "cases" / case / "case.yaml").read_text())
    assert data["root_cause"]["file"] == meta["root_cause"]["file"]
    assert data["root_cause"]["symbol"].split(".")[-1] == meta["root_cause"]["symbol"].split(".")[-1]
    shutil.copy(EXAMPLES / "cases" / case / "hidden_test.py", repo / "tests" / "test_example_case.py")
    t = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=repo,
                       capture_output=True, text=True, timeout=900)
    assert t.returncode == 0, t.stdout[-3000:]
