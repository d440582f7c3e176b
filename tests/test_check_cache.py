"""The check cache on real projects, the rules' pre-filters, and ``--diff-against`` / the pre-commit hook.

* A warm run (nothing changed, or files only touched) returns exactly the findings of a cold run, on the
  fixture projects under ``tests/fixtures`` and ``tests/data``; after a real edit the run is a miss and its
  findings are those of an uncached run of the edited project.
* Every rule's ``requires`` pre-filter lets its INVALID examples through (a declaration that would hide a
  finding fails here).
* The hook in ``.pre-commit-hooks.yaml`` runs, as pre-commit would run it, on a scratch git repository.
"""
from __future__ import annotations

import dataclasses
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rootfix.check.engine import CheckResult, run_check
from rootfix.config import Config
from rootfix.rules.base import load_all_rules

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIXTURES = sorted(p for p in (HERE / "fixtures").iterdir() if p.is_dir())
DATA = sorted(p for p in (HERE / "data" / "wrk_projects").iterdir() if p.is_dir())[:2] + \
    sorted(p for p in (HERE / "data" / "job_projects").iterdir() if p.is_dir())[:1]


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ROOTFIX_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def _facts(r: CheckResult) -> tuple:
    """What a user sees of a run: findings (every field the cache keeps), E999 notes, counts, internal errors."""
    return ([{k: v for k, v in dataclasses.asdict(f).items() if k != "payload"} for f in r.findings],
            sorted(r.errors), r.files, r.lines, sorted(r.internal_errors), r.rules)


def _check(root: Path, **kw) -> CheckResult:
    return run_check([root], root=root, select="ALL", config=Config(), **kw)


@pytest.mark.parametrize("project", FIXTURES + DATA, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_warm_and_touched_runs_equal_the_cold_run(project, tmp_path):
    root = tmp_path / project.name
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("__pycache__", ".venv", "*.pyc"))
    cold = _check(root)
    assert not cold.from_cache
    warm = _check(root)
    assert warm.from_cache and _facts(warm) == _facts(cold)
    # every file touched, contents the same: still a hit, by content hash, with the same findings
    py = sorted(root.rglob("*.py"))
    for f in py:
        st = f.stat()
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    touched = _check(root)
    assert touched.from_cache and _facts(touched) == _facts(cold)
    # a real edit: a miss, and the findings of an uncached run of the edited project
    target = next(f for f in py if f.stat().st_size > 0)
    target.write_text(target.read_text(encoding="utf-8") + "\n\ndef _rootfix_cache_probe():\n    return 1\n",
                      encoding="utf-8")
    edited = _check(root)
    assert not edited.from_cache
    assert _facts(edited) == _facts(_check(root, use_cache=False))


def test_touched_entry_is_rewritten_so_the_next_run_only_stats(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(FIXTURES[0], root, ignore=shutil.ignore_patterns("__pycache__", ".venv", "*.pyc"))
    _check(root)
    entry = next(Path(os.environ["ROOTFIX_CACHE_DIR"]).rglob("*.json"))
    f = next(p for p in sorted(root.rglob("*.py")) if p.stat().st_size > 0)
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 7_000_000_000))
    assert _check(root).from_cache
    stored = {path: (size, mtime, sha) for path, size, mtime, sha in json.loads(entry.read_text())["files"]}
    assert stored[str(f)][1] == f.stat().st_mtime_ns and stored[str(f)][2]


def test_every_prefilter_passes_the_rules_invalid_examples():
    declared = {code: cls for code, cls in load_all_rules().items() if cls.requires}
    for code, cls in declared.items():
        for ex in cls.INVALID:
            text = "\n".join(ex.all_files().values())
            assert any(s in text for s in cls.requires), (code, ex.path, cls.requires)


# --------------------------------------------------------------------------- --diff-against and the hook
def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True,
                   capture_output=True)


def _hook() -> list[str]:
    """The entry of the rootfix-check hook, as pre-commit runs it (``pass_filenames: false``)."""
    yaml = pytest.importorskip("yaml")
    (hook,) = [h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "rootfix-check"]
    assert hook["pass_filenames"] is False and hook["language"] == "python"
    entry = shlex.split(hook["entry"])
    assert entry[0] == "rootfix"
    return [sys.executable, "-m", "rootfix", *entry[1:]]


def _run_hook(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_hook(), cwd=repo, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")})


def test_pre_commit_hook_reports_only_changed_lines(tmp_path):
    example = load_all_rules()["WRK301"].INVALID[0]
    files = example.all_files()
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "manage.py").write_text("import os\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "skeleton")
    for rel, text in files.items():
        p = repo / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    # the bug arrives in new files (untracked, then staged): reported
    done = _run_hook(repo)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "WRK301" in done.stdout and example.path in done.stdout
    _git(repo, "add", "-A")
    assert "WRK301" in _run_hook(repo).stdout
    # committed: nothing changed since HEAD, nothing reported (the analysis still sees the bug)
    _git(repo, "commit", "-qm", "the bug")
    done = _run_hook(repo)
    assert done.returncode == 0 and "WRK301" not in done.stdout, done.stdout + done.stderr
    everything = subprocess.run([sys.executable, "-m", "rootfix", "check"], cwd=repo, capture_output=True,
                                text=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert "WRK301" in everything.stdout
    # an edit elsewhere in the buggy file leaves the finding's lines alone: still nothing
    bug = repo / example.path
    bug.write_text(bug.read_text() + "\n\nAFTERWARDS = 1\n")
    _git(repo, "add", "-A")
    done = _run_hook(repo)
    assert done.returncode == 0 and "WRK301" not in done.stdout, done.stdout + done.stderr


def test_diff_against_a_bad_revision_is_a_usage_error(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "a.py").write_text("x = 1\n")
    _git(repo, "init", "-q")
    done = subprocess.run([sys.executable, "-m", "rootfix", "check", "--diff-against", "no-such-ref"], cwd=repo,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert done.returncode == 2 and "--diff-against" in done.stderr and "Traceback" not in done.stderr
