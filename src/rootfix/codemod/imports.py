"""Adding an import the way the project's isort / ruff would have written it.

:func:`add_from_import` puts ``from module import name`` into the file's existing import block:

* in its section -- ``__future__``, standard library, third party, first party (the project's own top-level
  packages and ``known-first-party`` of ``[tool.ruff.lint.isort]`` / ``[tool.isort]``), local (relative) --
  in isort order (``import x`` lines before ``from x import y`` lines, modules compared case-insensitively);
* a section the file does not have yet gets its own block, separated by one blank line;
* an existing ``from module import ...`` is extended, unless the file writes one name per line
  (``force-single-line``: two ``from`` lines of one module, each naming one thing), then a line of its own is
  added.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Iterable

from rootfix.discover.parse import parse_tree

SECTIONS = ("future", "stdlib", "thirdparty", "firstparty", "local")


def section_of(module: str, level: int, first_party: Iterable[str]) -> str:
    if level:
        return "local"
    top = module.split(".")[0]
    if top == "__future__":
        return "future"
    if top in sys.stdlib_module_names:
        return "stdlib"
    if top in set(first_party):
        return "firstparty"
    return "thirdparty"


def known_first_party(root: Path) -> set[str]:
    """``known-first-party`` from ruff's or isort's configuration in ``pyproject.toml`` / ``ruff.toml``."""
    import tomllib

    out: set[str] = set()
    for name in ("pyproject.toml", "ruff.toml", ".ruff.toml"):
        f = root / name
        if not f.is_file():
            continue
        try:
            data = tomllib.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        tool = data.get("tool", {}) if name == "pyproject.toml" else {"ruff": data}
        ruff = tool.get("ruff", {}) if isinstance(tool, dict) else {}
        for cfg in (ruff.get("lint", {}).get("isort", {}) if isinstance(ruff.get("lint"), dict) else {},
                    ruff.get("isort", {}), tool.get("isort", {}) if isinstance(tool, dict) else {}):
            if isinstance(cfg, dict):
                out.update(str(x) for x in cfg.get("known-first-party", cfg.get("known_first_party", [])) or [])
    return out


def _sort_key(stmt: ast.stmt) -> tuple[int, str, str]:
    if isinstance(stmt, ast.Import):
        return (0, stmt.names[0].name.lower(), "")
    assert isinstance(stmt, ast.ImportFrom)
    return (1, ("." * stmt.level + (stmt.module or "")).lower(), stmt.names[0].name.lower())


def add_from_import(source: str, module: str, name: str, alias: str | None = None,
                    first_party: Iterable[str] = ()) -> str:
    """``source`` with ``from module import name [as alias]`` added in the project's import style."""
    tree = parse_tree(source)
    first_party = set(first_party)
    local = alias or name
    block: list[ast.stmt] = []
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            block.append(stmt)
        elif not block and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue  # the module docstring
        elif block:
            break
        else:
            break
    for stmt in block:
        if isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module == module and any(
                a.name == name and (a.asname or a.name) == local for a in stmt.names):
            return source
    lines = source.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    text = f"from {module} import {name}" + (f" as {alias}" if alias else "") + "\n"
    froms = [s for s in block if isinstance(s, ast.ImportFrom)]
    seen_mods = [(s.level, s.module) for s in froms]
    one_per_line = len(seen_mods) != len(set(seen_mods)) and all(len(s.names) == 1 for s in froms)
    # extend `from module import a` when the file groups names
    for stmt in froms:
        if stmt.level or stmt.module != module or one_per_line or any(a.name == "*" for a in stmt.names):
            continue
        seg = "".join(lines[stmt.lineno - 1:stmt.end_lineno])
        if "(" in seg or "\\" in seg or ";" in seg or "#" in seg:
            continue  # parenthesized / continued / commented: add a line of its own instead
        names = [(a.name, a.asname) for a in stmt.names] + [(name, alias)]
        if [n for n, _ in names[:-1]] == sorted((n for n, _ in names[:-1]), key=str.lower):
            names.sort(key=lambda na: na[0].lower())
        indent = re.match(r"\s*", lines[stmt.lineno - 1]).group()  # type: ignore[union-attr]
        joined = ", ".join(n + (f" as {a}" if a else "") for n, a in names)
        lines[stmt.lineno - 1:stmt.end_lineno] = [f"{indent}from {module} import {joined}\n"]
        return "".join(lines)
    if not first_party:
        first_party = _guess_first_party(block, lines, module)
    section = section_of(module, 0, first_party)
    rank = SECTIONS.index(section)
    key = (1, module.lower(), name.lower())
    same = [s for s in block if section_of(_mod(s), getattr(s, "level", 0), first_party) == section]
    if same:
        after = [s for s in same if _sort_key(s) <= key]
        if after:
            at = after[-1].end_lineno or after[-1].lineno
            lines.insert(at, text)
        else:
            lines.insert(_start(same[0]) - 1, text)
        return "".join(lines)
    earlier = [s for s in block if SECTIONS.index(section_of(_mod(s), getattr(s, "level", 0), first_party)) < rank]
    later = [s for s in block if SECTIONS.index(section_of(_mod(s), getattr(s, "level", 0), first_party)) > rank]
    if earlier:
        at = earlier[-1].end_lineno or earlier[-1].lineno
        lines.insert(at, "\n" + text)
    elif later:
        lines.insert(_start(later[0]) - 1, text + "\n")
    else:
        at = 0
        if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant):
            at = tree.body[0].end_lineno or 1
            lines.insert(at, "\n" + text)
        else:
            lines.insert(0, text + ("\n" if lines and lines[0].strip() else ""))
    return "".join(lines)


def _guess_first_party(block: list[ast.stmt], lines: list[str], module: str) -> set[str]:
    """Without the project's package list: the last blank-line-separated group of absolute, non-stdlib imports
    is first party when there are two or more such groups (isort's third party, then first party)."""
    groups: list[list[ast.stmt]] = []
    prev_end = None
    for stmt in block:
        gap = prev_end is not None and any(not lines[i].strip() for i in range(prev_end, stmt.lineno - 1))
        if not groups or gap:
            groups.append([])
        groups[-1].append(stmt)
        prev_end = stmt.end_lineno or stmt.lineno
    third = [g for g in groups if all(section_of(_mod(s), getattr(s, "level", 0), ()) == "thirdparty" for s in g)]
    if len(third) < 2:
        return set()
    tops = {_mod(s).split(".")[0] for s in third[-1]}
    return tops - {module.split(".")[0]}


def _mod(stmt: ast.stmt) -> str:
    if isinstance(stmt, ast.Import):
        return stmt.names[0].name
    return getattr(stmt, "module", None) or ""


def _start(stmt: ast.stmt) -> int:
    return stmt.lineno
