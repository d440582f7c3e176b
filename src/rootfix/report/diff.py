"""Unified diffs (``git apply``-able) from whole-file :class:`~rootfix.types.FileChange` s."""
from __future__ import annotations

import difflib

from rootfix.types import FileChange, Patch

_NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        # git marks a last line without newline; difflib needs the marker on its own line.
        lines[-1] = lines[-1] + "\n" + _NO_NEWLINE
    return lines


def change_diff(change: FileChange, context: int = 3) -> str:
    """The git-style unified diff of one file change ('' when nothing changed)."""
    old = change.old
    deleted = bool(getattr(change, "deleted", False))
    if old is not None and old == change.new and not deleted:
        return ""
    path = change.path
    head = [f"diff --git a/{path} b/{path}\n"]
    fromfile, tofile = f"a/{path}", f"b/{path}"
    if old is None:
        head.append("new file mode 100644\n")
        fromfile = "/dev/null"
    if deleted:
        head.append("deleted file mode 100644\n")
        tofile = "/dev/null"
    new = "" if deleted else change.new
    body = list(difflib.unified_diff(_lines(old or ""), _lines(new), fromfile=fromfile,
                                     tofile=tofile, n=context))
    if not body:
        return ""
    # difflib puts "\ No newline" inside a line; split those back into separate lines.
    out: list[str] = []
    for line in body:
        if _NO_NEWLINE in line and not line.startswith("\\"):
            first, _, _rest = line.partition("\n")
            out.append(first + "\n")
            out.append(_NO_NEWLINE)
        else:
            out.append(line)
    return "".join(head + out)


def patch_diff(patch: Patch, context: int = 3) -> str:
    """The unified diff of a whole patch, files in the patch's order."""
    return "".join(change_diff(c, context) for c in patch.changes)


def diff_stats(patch: Patch) -> tuple[int, int]:
    """(lines added, lines removed) of a patch."""
    added = removed = 0
    for line in patch_diff(patch, context=0).splitlines():
        if line.startswith("+") and not line.startswith("+++"):
            added += 1
        elif line.startswith("-") and not line.startswith("---"):
            removed += 1
    return added, removed


def diff_size(patch: Patch) -> int:
    """Changed lines of a patch, excluding added test files (for "smallest fix first")."""
    code_only = Patch(tuple(c for c in patch.changes if c.path not in patch.tests_added))
    a, r = diff_stats(code_only)
    return a + r
