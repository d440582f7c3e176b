"""Isolation: worktrees and snapshots, cleanup on errors and signals, diffs, parallel candidates."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, git, make_git_repo
from rootfix.errors import UsageError
from rootfix.types import Candidate, FileChange, Patch, Reproduction
from rootfix.validate.verdict import get_baseline, validate_candidates
from rootfix.validate.worktree import apply_diff, apply_patch, isolated_checkout

PY = sys.executable
ROOT = Path(__file__).resolve().parents[1]


def tree_state(repo: Path) -> tuple[dict[str, str], str, str, str]:
    """Hashes of every file outside .git, `git status`, the branches and the stash list."""
    hashes = {}
    for p in sorted(repo.rglob("*")):
        if ".git" in p.relative_to(repo).parts or not p.is_file():
            continue
        hashes[p.relative_to(repo).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return (hashes, git(repo, "status", "--porcelain", "--untracked-files=all"),
            git(repo, "for-each-ref"), git(repo, "stash", "list"))


def worktrees(repo: Path) -> list[str]:
    return [line for line in git(repo, "worktree", "list", "--porcelain").splitlines() if line.startswith("worktree ")]


@pytest.fixture
def small_repo(tmp_path):
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "pkg" / "__init__.py").write_text("")
    (src / "pkg" / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    (src / "tests").mkdir()
    (src / "tests" / "test_calc.py").write_text("from pkg.calc import add\n\ndef test_add():\n    assert add(2, 2) == 4\n")
    (src / "tests" / "test_other.py").write_text("def test_other():\n    assert True\n")
    (src / "pytest.ini").write_text("[pytest]\npythonpath = .\n")
    (src / ".gitignore").write_text("secret.txt\n")
    return make_git_repo(src, tmp_path / "repo")


def test_clean_repo_gets_a_worktree_of_head(small_repo):
    before = tree_state(small_repo)
    with isolated_checkout(small_repo) as wt:
        assert wt != small_repo and (wt / "pkg" / "calc.py").is_file()
        assert len(worktrees(small_repo)) == 2
        (wt / "pkg" / "calc.py").write_text("changed in the worktree\n")
    assert not wt.exists()
    assert len(worktrees(small_repo)) == 1
    assert not (small_repo / ".git" / "worktrees").exists() or not any((small_repo / ".git" / "worktrees").iterdir())
    assert tree_state(small_repo) == before


def test_dirty_repo_is_snapshotted(small_repo):
    (small_repo / "pkg" / "calc.py").write_text("def add(a, b):\n    return a + b\n")  # uncommitted fix
    (small_repo / "pkg" / "extra.py").write_text("X = 1\n")  # untracked
    (small_repo / "secret.txt").write_text("ignored\n")  # ignored: not copied
    (small_repo / ".venv" / "lib").mkdir(parents=True)
    (small_repo / ".venv" / "lib" / "big.py").write_text("")
    git(small_repo, "stash", "list")
    before = tree_state(small_repo)
    with isolated_checkout(small_repo) as wt:
        assert "a + b" in (wt / "pkg" / "calc.py").read_text()
        assert (wt / "pkg" / "extra.py").is_file()
        assert not (wt / "secret.txt").exists() and not (wt / ".venv").exists()
        assert len(worktrees(small_repo)) == 1  # a snapshot, not a worktree of the user's repo
        assert git(wt, "status", "--porcelain") == ""
    assert not wt.exists()
    assert tree_state(small_repo) == before


def test_not_a_git_repo_is_snapshotted(tmp_path):
    plain = tmp_path / "plain"
    (plain / "node_modules").mkdir(parents=True)
    (plain / "node_modules" / "x.js").write_text("")
    (plain / "a.py").write_text("A = 1\n")
    with isolated_checkout(plain) as wt:
        assert (wt / "a.py").read_text() == "A = 1\n" and not (wt / "node_modules").exists()
    assert not wt.exists() and not (plain / ".git").exists()


def test_cleanup_on_exception_and_keyboard_interrupt(small_repo):
    for exc in (RuntimeError("boom"), KeyboardInterrupt()):
        with pytest.raises(type(exc)):
            with isolated_checkout(small_repo) as wt:
                raise exc
        assert not wt.exists()
        assert len(worktrees(small_repo)) == 1


def test_apply_diff_and_patch(small_repo):
    diff = textwrap.dedent("""\
        diff --git a/pkg/calc.py b/pkg/calc.py
        --- a/pkg/calc.py
        +++ b/pkg/calc.py
        @@ -1,2 +1,2 @@
         def add(a, b):
        -    return a - b
        +    return a + b
        diff --git a/tests/test_new.py b/tests/test_new.py
        new file mode 100644
        --- /dev/null
        +++ b/tests/test_new.py
        @@ -0,0 +1,2 @@
        +def test_new():
        +    pass
        diff --git a/tests/test_other.py b/tests/test_other.py
        deleted file mode 100644
        --- a/tests/test_other.py
        +++ /dev/null
        @@ -1,2 +0,0 @@
        -def test_other():
        -    assert True
        """)
    with isolated_checkout(small_repo) as wt:
        patch = apply_diff(wt, diff)
    by_path = {c.path: c for c in patch.changes}
    assert by_path["pkg/calc.py"].new.endswith("return a + b\n") and by_path["pkg/calc.py"].old.endswith("a - b\n")
    assert by_path["tests/test_new.py"].old is None
    assert by_path["tests/test_other.py"].deleted
    assert patch.tests_added == ("tests/test_new.py",)
    with isolated_checkout(small_repo) as wt:
        apply_patch(wt, patch)
        assert "a + b" in (wt / "pkg" / "calc.py").read_text()
        assert (wt / "tests" / "test_new.py").is_file() and not (wt / "tests" / "test_other.py").exists()
    assert "a - b" in (small_repo / "pkg" / "calc.py").read_text()


def test_diff_that_does_not_apply_names_the_file(small_repo):
    stale = textwrap.dedent("""\
        --- a/pkg/calc.py
        +++ b/pkg/calc.py
        @@ -1,2 +1,2 @@
         def add(a, b):
        -    return a * b
        +    return a + b
        """)
    with isolated_checkout(small_repo) as wt:
        with pytest.raises(UsageError, match="patch does not apply: pkg/calc.py"):
            apply_diff(wt, stale)
        with pytest.raises(UsageError, match="valid unified diff|empty"):
            apply_diff(wt, "this is not a diff\n")
        with pytest.raises(UsageError, match="outside the repository"):
            apply_patch(wt, Patch((FileChange("../escape.py", None, "x"),)))


@pytest.mark.slow
def test_candidates_validated_in_parallel(small_repo):
    def cand(name: str, body: str) -> Candidate:
        old = (small_repo / "pkg" / "calc.py").read_text()
        return Candidate(strategy=name, patch=Patch((FileChange("pkg/calc.py", old, body),)))

    baseline = get_baseline(small_repo, PY, timeout=60)
    repro = Reproduction(kind="failing-tests", targets=("tests/test_calc.py::test_add",), reproduced=True)
    verdicts = validate_candidates(small_repo, PY, [
        cand("good", "def add(a, b):\n    return a + b\n"),
        cand("noop", "def add(a, b):\n    return a - b  # same bug\n"),
        cand("syntax", "def add(a, b) return\n"),
    ], repro, timeout=60, jobs=2, baseline=baseline)
    assert [v.accepted for v in verdicts] == [True, False, False]
    assert verdicts[0].reproduction == "failed->passed"
    assert verdicts[1].reason == "does not fix the reproduction: tests/test_calc.py::test_add still fails"
    assert verdicts[2].reason.startswith("does not fix the reproduction")
    assert len(worktrees(small_repo)) == 1


# --------------------------------------------------------------------------- interrupting `rootfix validate`
CASE = EXAMPLES / "cases" / "ex-bw-retry"


def _interrupt_run(tmp_path: Path, sig: int, *, dirty: bool) -> None:
    repo = make_git_repo(CASE / "repo", tmp_path / "repo")
    marker = tmp_path / "running.pid"
    # a test that announces itself and then runs for a long time: the signal arrives mid-run
    (repo / "tests" / "test_zz_slow.py").write_text(textwrap.dedent(f"""\
        import os, time

        def test_slow():
            with open({str(marker)!r}, "w") as fh:
                fh.write(str(os.getpid()))
            time.sleep(120)
        """))
    git(repo, "add", "-A")
    git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "slow test")
    if dirty:
        (repo / "README.md").write_text((repo / "README.md").read_text() + "\nlocal edit\n")
        (repo / "notes.txt").write_text("untracked\n")
    git(repo, "stash", "list")
    before = tree_state(repo)
    bug = yaml.safe_load((CASE / "bug.yaml").read_text())
    (tmp_path / "bug.yaml").write_text(yaml.safe_dump(bug))
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = dict(os.environ, TMPDIR=str(tmpdir), PYTHONPATH=str(ROOT / "src"))
    # rootfix must see the signal as it would from a terminal: a shell that starts this suite in the background
    # (no job control: CI runners, `cmd &`) hands it SIGINT ignored, and an ignored SIGINT is inherited
    proc = subprocess.Popen([PY, "-m", "rootfix", "validate", str(CASE / "reference.diff"), str(tmp_path / "bug.yaml"),
                             "--repo", str(repo), "--python", PY], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert marker.exists(), proc.communicate(timeout=30)
        test_pid = int(marker.read_text() or 0)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0, out + err
    assert "interrupted" in err, err
    assert "Traceback" not in err
    # the project's test process is gone, no worktree or temp dir is left, the user's tree is as it was
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(test_pid, 0)
            if open(f"/proc/{test_pid}/stat").read().split(")")[-1].split()[0] == "Z":
                break
        except (ProcessLookupError, FileNotFoundError):
            break
        time.sleep(0.1)
    else:
        pytest.fail("the project's test process survived the interrupt")
    assert len(worktrees(repo)) == 1
    assert list(tmpdir.iterdir()) == []
    assert tree_state(repo) == before


@pytest.mark.slow
def test_sigint_during_a_run_leaves_nothing_behind(tmp_path, examples_dir):
    _interrupt_run(tmp_path, signal.SIGINT, dirty=False)


@pytest.mark.slow
def test_sigterm_during_a_run_of_a_dirty_tree_leaves_nothing_behind(tmp_path, examples_dir):
    _interrupt_run(tmp_path, signal.SIGTERM, dirty=True)
