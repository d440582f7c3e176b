"""Merging the fixes of one ``check --fix`` pass: every rule's patch becomes line hunks; a patch is taken only
when it was made for the file's current contents and none of its hunks overlaps one already taken (the
findings it would have fixed are found again on the next pass)."""
from __future__ import annotations

import difflib
from pathlib import Path

from rootfix.types import Finding, Patch

Hunk = tuple[int, int, list[str]]


def _hunks(old: str, new: str) -> list[Hunk]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(i1, i2, b[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


def _overlaps(x: Hunk, y: Hunk) -> bool:
    (a1, a2, _), (b1, b2, _) = x, y
    if a1 == a2 or b1 == b2:  # an insertion conflicts with anything at or around its point
        return a1 <= b2 and b1 <= a2
    return a1 < b2 and b1 < a2


def _apply_hunks(old: str, hunks: list[Hunk]) -> str:
    lines = old.splitlines(keepends=True)
    for i1, i2, repl in sorted(hunks, key=lambda h: (h[0], h[1]), reverse=True):
        lines[i1:i2] = repl
    return "".join(lines)


def merge_patches(patches: list[tuple[Finding, Patch]], current: dict[str, str | None], root: Path
           ) -> tuple[dict[str, str], int]:
    """Non-overlapping patches merged per file: path -> new content, and how many findings they fix."""
    accepted: dict[str, list[Hunk]] = {}
    created: dict[str, str] = {}
    fixed = 0
    for _finding, patch in patches:
        plan: dict[str, list[Hunk]] = {}
        ok = True
        for ch in patch.changes:
            if ch.old is None:
                if ch.path in created or current.get(ch.path) is not None or (root / ch.path).exists():
                    ok = False
                    break
                continue
            cur = current.get(ch.path)
            if cur is None:
                cur = _read_text(root / ch.path)
                current[ch.path] = cur
            if cur is None or ch.old != cur:  # the patch was made for other contents
                ok = False
                break
            hunks = _hunks(ch.old, ch.new)
            if any(_overlaps(h, g) for h in hunks for g in accepted.get(ch.path, []) + plan.get(ch.path, [])):
                ok = False
                break
            plan.setdefault(ch.path, []).extend(hunks)
        if not ok:
            continue
        for path, hunks in plan.items():
            accepted.setdefault(path, []).extend(hunks)
        for ch in patch.changes:
            if ch.old is None:
                created[ch.path] = ch.new
        fixed += 1
    out = {path: _apply_hunks(current[path] or "", hunks) for path, hunks in accepted.items()}
    out.update(created)
    return out, fixed


def _read_text(p: Path) -> str | None:
    try:
        return p.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


__all__ = ["merge_patches"]
