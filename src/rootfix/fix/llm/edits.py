"""Aider-style SEARCH/REPLACE edit blocks: parsing, and applying them to a repo's files.

The model answers with blocks like::

    orders/services.py
    ```python
    <<<<<<< SEARCH
    exact existing lines
    =======
    replacement lines
    >>>>>>> REPLACE
    ```

An empty SEARCH creates a new file (a regression test). A SEARCH text must occur exactly once in
its file (after the earlier blocks of the same answer were applied), or the edit is rejected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from rootfix.types import FileChange, Patch

_SEARCH = re.compile(r"^\s*<{5,9} ?SEARCH\b.*$")
_DIVIDER = re.compile(r"^\s*={5,9}\s*$")
_REPLACE = re.compile(r"^\s*>{5,9} ?REPLACE\b.*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


class EditError(Exception):
    """An answer's edits cannot be used (one-line reason)."""


@dataclass(frozen=True)
class Edit:
    path: str
    search: str
    replace: str


def _clean_path(line: str) -> str:
    s = line.strip()
    s = re.sub(r"^(#+|\*\*|file(name)?:|path:)\s*", "", s, flags=re.I).strip()
    s = s.strip("`*: \t")
    return s


def _looks_like_path(s: str) -> bool:
    return bool(s) and " " not in s and ("." in s or "/" in s)


def parse_edits(text: str) -> list[Edit]:
    """Every SEARCH/REPLACE block of an answer, with the file path named before it."""
    lines = text.splitlines()
    edits: list[Edit] = []
    current_path: str | None = None
    i = 0
    while i < len(lines):
        if not _SEARCH.match(lines[i]):
            i += 1
            continue
        # the path: the closest line above that looks like a path (skipping fences)
        j = i - 1
        path = None
        while j >= 0 and i - j <= 3:
            cand = lines[j]
            if _FENCE.match(cand):
                inline = _clean_path(_FENCE.sub("", cand))
                if _looks_like_path(inline) and not inline.isidentifier():
                    path = inline
                    break
                j -= 1
                continue
            if cand.strip():
                c = _clean_path(cand)
                if _looks_like_path(c):
                    path = c
                break
            j -= 1
        path = path or current_path
        if path is None:
            raise EditError(f"edit block at line {i + 1} names no file")
        search: list[str] = []
        k = i + 1
        while k < len(lines) and not _DIVIDER.match(lines[k]):
            search.append(lines[k])
            k += 1
        if k >= len(lines):
            raise EditError(f"edit block for {path} has no ======= divider")
        repl: list[str] = []
        k += 1
        while k < len(lines) and not _REPLACE.match(lines[k]):
            repl.append(lines[k])
            k += 1
        if k >= len(lines):
            raise EditError(f"edit block for {path} has no >>>>>>> REPLACE end")
        edits.append(Edit(path, "\n".join(search) + ("\n" if search else ""),
                          "\n".join(repl) + ("\n" if repl else "")))
        current_path = path
        i = k + 1
    return edits


def _safe(path: str) -> str:
    p = PurePosixPath(path.replace("\\", "/"))
    if p.is_absolute() or ".." in p.parts or not p.parts or p.parts[0] == ".git":
        raise EditError(f"edit path {path!r} is outside the repository")
    s = str(p)
    return s[2:] if s.startswith("./") else s


def apply_edits(repo: Path, edits: list[Edit]) -> tuple[Patch, tuple[str, ...]]:
    """The whole-file patch the edits make, and the new files they create.

    Raises :class:`EditError` when a SEARCH text is not found exactly once, a file does not exist
    (for a non-empty SEARCH), or a new file would replace an existing one.
    """
    if not edits:
        raise EditError("the answer contains no SEARCH/REPLACE edit")
    old: dict[str, str | None] = {}
    new: dict[str, str] = {}
    for e in edits:
        path = _safe(e.path)
        if path not in new:
            f = repo / path
            if f.is_file():
                text = f.read_text(encoding="utf-8")
                old[path], new[path] = text, text
            else:
                old[path], new[path] = None, ""
        content = new[path]
        if not e.search.strip():
            if old[path] is not None or content:
                if old[path] is not None:
                    raise EditError(f"{path}: an empty SEARCH would overwrite an existing file")
            new[path] = content + e.replace
            continue
        if old[path] is None and not content:
            raise EditError(f"{path}: no such file")
        count = content.count(e.search)
        if count != 1:
            first = next((ln for ln in e.search.splitlines() if ln.strip()), "").strip()
            raise EditError(f"{path}: SEARCH text found {count} times, not exactly once (starting {first[:60]!r})")
        new[path] = content.replace(e.search, e.replace, 1)
    changes = tuple(FileChange(p, old[p], new[p]) for p in new if old[p] != new[p])
    created = tuple(p for p in new if old[p] is None)
    if not changes:
        raise EditError("the edits change nothing")
    return Patch(changes), created
