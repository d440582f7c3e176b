"""``--apply``: write a validated fix into the user's tree, only if nothing changed since validation.

Each file the patch touches must still hash to what it was when the fix was validated (a new file
must still be absent) and must have no uncommitted changes in git. Every write is atomic (a temp
file in the same folder, fsync, ``os.replace``), keeping the file's mode.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from rootfix.atomic import write_atomic
from rootfix.errors import UsageError
from rootfix.types import Patch
from rootfix.validate.worktree import _git, _safe_rel, git_toplevel

#: The fingerprint of a file that does not exist.
ABSENT = "absent"


def _hash_file(path: Path) -> str:
    if not path.is_file():
        return ABSENT
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def fingerprint(repo: str | os.PathLike[str], patch: Patch) -> tuple[tuple[str, str], ...]:
    """(path, sha256 of the file's current content, or ``"absent"``) for every file the patch changes."""
    root = Path(repo)
    return tuple((c.path, _hash_file(root / _safe_rel(c.path))) for c in patch.changes)


def _uncommitted(root: Path, paths: list[str]) -> set[str]:
    top = git_toplevel(root)
    if top is None:
        return set()
    rels = [(root / p).resolve().relative_to(top).as_posix() for p in paths]
    r = _git(top, "status", "--porcelain", "-z", "--untracked-files=all", "--", *rels, check=False)
    dirty: set[str] = set()
    entries = r.stdout.split("\0")
    i = 0
    while i < len(entries):
        e = entries[i]
        i += 1
        if len(e) < 4:
            continue
        code, path = e[:2], e[3:]
        if code[0] in "RC":
            i += 1  # the rename's source path follows
        full = (top / path).resolve()
        for p in paths:
            if (root / p).resolve() == full:
                dirty.add(p)
    return dirty


def _atomic_write(target: Path, text: str) -> None:
    write_atomic(target, text.encode("utf-8", "surrogateescape"))


def apply_validated(repo: str | os.PathLike[str], patch: Patch, fingerprints) -> None:
    """Write ``patch`` into the user's tree if every file is unchanged since validation, else UsageError."""
    root = Path(repo).resolve()
    recorded = dict(fingerprints)
    paths = [c.path for c in patch.changes]
    for c in patch.changes:
        _safe_rel(c.path)
        if c.path not in recorded:
            raise UsageError(f"refusing to apply: {c.path} was not fingerprinted at validation")
        now = _hash_file(root / c.path)
        if now != recorded[c.path]:
            if recorded[c.path] == ABSENT:
                raise UsageError(f"refusing to apply: {c.path} was created since validation")
            raise UsageError(f"refusing to apply: {c.path} changed since validation")
    dirty = _uncommitted(root, paths)
    if dirty:
        raise UsageError(f"refusing to apply: {sorted(dirty)[0]} has uncommitted changes")
    for c in patch.changes:
        target = root / c.path
        if c.deleted:
            if target.exists():
                target.unlink()
            continue
        _atomic_write(target, c.new)
