"""Isolation: every run of the project's code happens in a throw-away checkout.

``isolated_checkout(repo)`` yields a fresh ``git worktree add --detach`` of HEAD in a temporary
directory. When the repo is not a git repo, or has uncommitted or untracked changes (which the
user expects to be tested, and which a worktree of HEAD would miss), the working tree is first
copied (respecting .gitignore) into a temporary git repo, and that copy is used instead.

The user's files, index, branches and stash are never touched; the only trace a worktree leaves in
the user's ``.git`` is its bookkeeping entry, which is removed again (``worktree remove --force``
and ``prune``) on success, on exceptions, on Ctrl-C and on SIGTERM.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path, PurePosixPath
from typing import Iterator

from rootfix.errors import UsageError
from rootfix.project.model import is_test_file
from rootfix.types import FileChange, Patch

#: Never copied into a snapshot (environments, caches, dependencies).
SNAPSHOT_EXCLUDE = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", ".pytest_cache",
                              ".mypy_cache", ".ruff_cache", ".tox", ".nox", ".rootfix-cache"})
TEMP_PREFIX = "rootfix-wt-"

_GIT_ID = ["-c", "user.name=rootfix", "-c", "user.email=rootfix@localhost", "-c", "commit.gpgsign=false",
           "-c", "core.hooksPath=/dev/null", "-c", "core.autocrlf=false"]


def _git(cwd: Path | str, *args: str, check: bool = True, input: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    # a GIT_DIR / GIT_INDEX_FILE inherited from a hook would point git at the user's repo
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        env.pop(key, None)
    return subprocess.run(["git", *_GIT_ID, *args], cwd=str(cwd), check=check, capture_output=True,
                          text=True, input=input, env=env, stdin=None if input is not None else subprocess.DEVNULL)


def git_toplevel(path: Path | str) -> Path | None:
    """The root of the git work tree holding ``path``, or None when it is not in one (or git is missing)."""
    try:
        r = _git(path, "rev-parse", "--show-toplevel", check=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if r.returncode != 0 or not r.stdout.strip():
        return None
    return Path(r.stdout.strip()).resolve()


def _has_head(top: Path) -> bool:
    return _git(top, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode == 0


def is_dirty(top: Path) -> bool:
    """Uncommitted changes or untracked (not ignored) files."""
    r = _git(top, "status", "--porcelain", "--untracked-files=all", check=False)
    return r.returncode != 0 or bool(r.stdout.strip())


# --------------------------------------------------------------------------- signals
class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised so that every ``finally`` (worktree cleanup, killing test processes) runs."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise _Terminated(f"signal {signum}")


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """While active (main thread only), SIGTERM raises instead of killing the process outright."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except (ValueError, OSError):  # pragma: no cover - no signals here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Cleanup must finish: hold Ctrl-C / SIGTERM while it runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: object) -> None:
        received.append(signum)

    old_int = signal.signal(signal.SIGINT, hold)
    old_term = signal.signal(signal.SIGTERM, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGTERM, old_term)
    if received:
        raise KeyboardInterrupt(f"signal {received[0]} during cleanup")


# --------------------------------------------------------------------------- snapshots
def _snapshot_files(root: Path) -> list[str]:
    """Repo-relative POSIX paths to copy: tracked + untracked-not-ignored in git, else a walk."""
    top = git_toplevel(root)
    files: list[str] = []
    if top is not None and top == root.resolve():
        r = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", check=False)
        if r.returncode == 0:
            seen = set()
            for rel in r.stdout.split("\0"):
                if not rel or rel in seen:
                    continue
                seen.add(rel)
                parts = PurePosixPath(rel).parts
                if any(p in SNAPSHOT_EXCLUDE for p in parts):
                    continue
                p = root / rel
                if p.is_symlink() or p.is_file():  # deleted-but-tracked files are skipped
                    files.append(rel)
            return files
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SNAPSHOT_EXCLUDE]
        for name in filenames:
            if name.endswith((".pyc", ".pyo")):
                continue
            full = Path(dirpath) / name
            files.append(full.relative_to(root).as_posix())
    return files


def _make_snapshot(root: Path, dest: Path) -> None:
    dest.mkdir(parents=True)
    for rel in _snapshot_files(root):
        src = root / rel
        out = dest / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), out)
        else:
            shutil.copy2(src, out)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A", "-f")
    _git(dest, "commit", "-q", "--allow-empty", "--no-verify", "-m", "rootfix snapshot of the working tree")


# --------------------------------------------------------------------------- checkouts
@contextlib.contextmanager
def isolated_checkout(repo: str | os.PathLike[str]) -> Iterator[Path]:
    """A fresh checkout of ``repo`` (HEAD, or a snapshot of a dirty / non-git tree) in a temp dir.

    Yields the directory that corresponds to ``repo`` inside the checkout. Always removed again.
    """
    root = Path(repo).resolve()
    if not root.is_dir():
        raise UsageError(f"{repo}: no such directory")
    tmp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    top = git_toplevel(root)
    worktree_of: Path | None = None
    checkout = tmp / "checkout"
    try:
        with sigterm_raises():
            if top is not None and _has_head(top) and not is_dirty(top):
                worktree_of = top
                _git(top, "worktree", "add", "--detach", "-q", str(checkout), "HEAD")
                sub = root.relative_to(top)
            else:
                _make_snapshot(root, checkout)
                sub = Path()
            yield (checkout / sub)
    finally:
        with _signals_deferred():
            if worktree_of is not None:
                _git(worktree_of, "worktree", "remove", "--force", str(checkout), check=False)
                _git(worktree_of, "worktree", "prune", check=False)
            shutil.rmtree(tmp, ignore_errors=True)
            if worktree_of is not None:
                # `remove` fails when the tree is already gone; prune then drops the entry
                _git(worktree_of, "worktree", "prune", check=False)


# --------------------------------------------------------------------------- patches
def _safe_rel(path: str) -> PurePosixPath:
    p = PurePosixPath(path.replace("\\", "/"))
    if p.is_absolute() or ".." in p.parts or not p.parts or p.parts[0] == ".git":
        raise UsageError(f"patch path {path!r} is outside the repository")
    return p


def apply_patch(worktree: str | os.PathLike[str], patch: Patch) -> None:
    """Write the patch's whole-file changes into a checkout (a deleted file is removed)."""
    root = Path(worktree)
    for change in patch.changes:
        target = root / _safe_rel(change.path)
        if change.deleted:
            if target.exists() or target.is_symlink():
                target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fh.write(change.new)


_DIFF_FILE = re.compile(r"^(?:\+\+\+|---) (?:[ab]/)?(\S+)", re.M)


def _diff_paths(diff_text: str) -> list[str]:
    """Paths named in a unified diff (both sides, /dev/null dropped), in order."""
    seen: list[str] = []
    for m in re.finditer(r"^diff --git a/(\S+) b/(\S+)", diff_text, re.M):
        for p in m.groups():
            if p not in seen:
                seen.append(p)
    for m in _DIFF_FILE.finditer(diff_text):
        p = m.group(1)
        if p != "/dev/null" and p not in seen:
            seen.append(p)
    return seen


def _apply_error(stderr: str, paths: list[str]) -> str:
    m = re.search(r"error: patch failed: ([^:\n]+):(\d+)", stderr)
    if m:
        return f"patch does not apply: {m.group(1)} (hunk at line {m.group(2)} does not match)"
    m = re.search(r"error: ([^:\n]+): (does not exist in index|No such file or directory|already exists in working directory|does not match index)", stderr)
    if m:
        return f"patch does not apply: {m.group(1)}: {m.group(2).lower()}"
    m = re.search(r"error: (?:corrupt patch|No valid patches|patch fragment without header)[^\n]*", stderr)
    if m or not paths:
        return f"patch is not a valid unified diff ({(m.group(0) if m else 'no file headers').removeprefix('error: ')})"
    first = stderr.strip().splitlines()[0] if stderr.strip() else "git apply failed"
    return f"patch does not apply: {paths[0]}: {first.removeprefix('error: ')}"


def _read(path: Path) -> str | None:
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8", errors="surrogateescape")


def _looks_like_test(path: str) -> bool:
    return path.endswith(".py") and is_test_file(path)


def apply_diff(worktree: str | os.PathLike[str], diff_text: str) -> Patch:
    """Apply a unified diff in a checkout with ``git apply``; return it as whole-file changes.

    A diff that does not apply is a UsageError naming the file. New test files (``test_*.py``,
    ``*_test.py``, or under ``tests/``) are listed in ``Patch.tests_added``.
    """
    root = Path(worktree)
    if not diff_text.strip():
        raise UsageError("patch is empty")
    if not diff_text.endswith("\n"):
        diff_text += "\n"
    paths = _diff_paths(diff_text)
    for p in paths:
        _safe_rel(p)
    # paths in the diff are relative to the repo, which may be a subfolder of the checkout's git root
    top = git_toplevel(root) or root
    directory = root.resolve().relative_to(top.resolve()).as_posix() if top != root else ""
    extra = [f"--directory={directory}"] if directory and directory != "." else []
    before = {p: _read(root / p) for p in paths}
    fd, diff_file = tempfile.mkstemp(prefix="rootfix-", suffix=".diff")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="") as fh:
            fh.write(diff_text)
        check = _git(top, "apply", "--check", "--whitespace=nowarn", *extra, diff_file, check=False)
        if check.returncode != 0:
            raise UsageError(_apply_error(check.stderr, paths))
        numstat = _git(top, "apply", "--numstat", "-z", *extra, diff_file, check=False)
        r = _git(top, "apply", "--whitespace=nowarn", *extra, diff_file, check=False)
        if r.returncode != 0:
            raise UsageError(_apply_error(r.stderr, paths))
    finally:
        os.unlink(diff_file)
    touched = list(paths)
    for item in numstat.stdout.split("\0"):
        rel = item.split("\t")[-1] if item else ""
        if rel and rel not in touched:
            touched.append(rel)
    changes: list[FileChange] = []
    tests_added: list[str] = []
    for rel in touched:
        old = before.get(rel, None) if rel in before else None
        new = _read(root / rel)
        if old == new:
            continue
        if new is None:
            changes.append(_deletion(rel, old or ""))
            continue
        changes.append(FileChange(rel, old, new))
        if old is None and _looks_like_test(rel):
            tests_added.append(rel)
    if not changes:
        raise UsageError("patch changes nothing")
    return Patch(tuple(changes), tuple(tests_added))


def _deletion(path: str, old: str) -> FileChange:
    return FileChange(path, old, "", deleted=True)
