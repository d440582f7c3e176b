"""Fixes in the project's format: its line length, and its own formatter run on the lines a fix changed.

:func:`restyle` runs the formatter the project configures -- ``ruff format`` when ``[tool.ruff]`` /
``ruff.toml`` exists, else ``black`` when ``[tool.black]`` does -- on the changed line ranges only
(``ruff format --range``, ``black --line-ranges``), from the project's virtualenv or ``PATH``, reading the file
from stdin: nothing on disk is touched and no project code runs. Without a formatter, or when it fails, the
fix is kept as the codemod wrote it.
"""
from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

from rootfix.discover.parse import parse_tree
from rootfix.project.style import _toml, line_length  # noqa: F401 - line_length: part of this module's API


def _tool(root: Path, name: str) -> str | None:
    for venv in (".venv", "venv"):
        exe = root / venv / "bin" / name
        if exe.is_file():
            return str(exe)
    return shutil.which(name)


def formatter(root: Path) -> tuple[str, str] | None:
    """(``ruff`` | ``black``, executable) of the formatter the project configures and has, else None."""
    py = _toml(root / "pyproject.toml")
    tool = py.get("tool", {}) if isinstance(py.get("tool"), dict) else {}
    if "ruff" in tool or (root / "ruff.toml").is_file() or (root / ".ruff.toml").is_file():
        exe = _tool(root, "ruff")
        if exe:
            return "ruff", exe
    if "black" in tool:
        exe = _tool(root, "black")
        if exe:
            return "black", exe
    return None


def config_dir(root: Path, path: str) -> Path:
    """The folder of the configuration nearest to ``path`` (``pyproject.toml`` / ``ruff.toml``), up to ``root``:
    a monorepo's ``apps/api/pyproject.toml`` rules its files."""
    folder = (root / path).parent
    while True:
        if any((folder / n).is_file() for n in ("pyproject.toml", "ruff.toml", ".ruff.toml")):
            return folder
        if folder == root or root not in folder.parents:
            return root
        folder = folder.parent


def changed_lines(old: str, new: str) -> tuple[int, int] | None:
    """1-based first and last line of ``new`` that differ from ``old``."""
    a, b = old.splitlines(), new.splitlines()
    spans = [(j1, j2) for tag, _i1, _i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
             if tag in ("replace", "insert") and j2 > j1]
    if not spans:
        return None
    return spans[0][0] + 1, spans[-1][1]


def restyle(root: Path, path: str, old: str | None, new: str, timeout: float = 20.0) -> str:
    """``new`` with the changed lines formatted by the project's formatter (see the module docstring)."""
    if old is None or not path.endswith(".py"):
        return new
    found = formatter(config_dir(root, path)) or formatter(root)
    span = changed_lines(old, new)
    if found is None or span is None:
        return new
    kind, exe = found
    first, last = span
    if kind == "ruff":
        cmd = [exe, "format", "--stdin-filename", path, "--range", f"{first}:1-{last + 1}:1", "-"]
    else:
        cmd = [exe, "-q", "--stdin-filename", path, "--line-ranges", f"{first}-{last}", "-"]
    try:
        done = subprocess.run(cmd, input=new, capture_output=True, text=True, cwd=root, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return new
    if done.returncode != 0 or not done.stdout:
        return new
    try:
        parse_tree(done.stdout)
    except (SyntaxError, ValueError):
        return new
    return done.stdout
