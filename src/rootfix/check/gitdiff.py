"""``rootfix check --diff-against REF``: the lines changed since a git revision.

The whole project is still analysed (a finding in a changed line can come from an unchanged file: a task's
options, a caller's transaction); only the report is narrowed to findings that touch a changed line. Changed
means what ``git diff REF`` shows for the work tree (committed since REF, staged, unstaged), plus every line of
an untracked file that git does not ignore. A finding touches the change when any line from its ``line`` to
its ``end_line`` changed.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from rootfix.errors import UsageError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class Changes:
    """Root-relative POSIX path -> changed line numbers (of the work tree's version); ``whole``: new files."""

    lines: dict[str, frozenset[int]]
    whole: frozenset[str]

    def touches(self, path: str, line: int, end_line: int | None = None) -> bool:
        if path in self.whole:
            return True
        changed = self.lines.get(path)
        if not changed:
            return False
        end = max(line, end_line or line)
        return any(line <= n <= end for n in changed)

    def files(self) -> set[str]:
        return {*self.lines, *self.whole}


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True,
                              text=True, encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise UsageError("--diff-against needs git, which is not on PATH") from None
    if done.returncode != 0:
        msg = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise UsageError(f"--diff-against: git {args[0]}: {msg}")
    return done.stdout


def changed_lines(root: Path, ref: str) -> Changes:
    """What changed under ``root`` since ``ref``; raises UsageError outside a git work tree or for a bad ref."""
    if ref.startswith("-"):
        raise UsageError(f"--diff-against: {ref!r} is not a git revision")
    _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    # --relative: paths relative to the root (the project may sit below the git root), and only below it
    out = _git(root, "diff", "--no-color", "--no-ext-diff", "--no-renames", "--relative", "-U0", ref, "--", ".")
    lines: dict[str, set[int]] = {}
    whole: set[str] = set()
    current: str | None = None
    for text in out.splitlines():
        if text.startswith("+++ "):
            target = text[4:]
            current = None if target == "/dev/null" else target[2:] if target.startswith("b/") else target
            if current is not None:
                lines.setdefault(current, set())
        elif current is not None and text.startswith("@@"):
            m = _HUNK.match(text)
            if m:
                start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
                lines[current].update(range(start, start + count))
    for rel in _git(root, "ls-files", "--others", "--exclude-standard", "--", ".").splitlines():
        if rel:
            whole.add(rel)
    return Changes({p: frozenset(v) for p, v in lines.items()}, frozenset(whole))
