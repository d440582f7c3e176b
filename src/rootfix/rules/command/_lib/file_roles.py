"""What a file a command opens is for, read statically (pure functions over ``ast`` and the checkout): the
facts that decide whether a relative path or a missing encoding can hurt.

* A **bare file name** (``open("permissions.json", "w")``) in a command a person runs is the command-line
  convention: the file is put in, or taken from, the directory the operator runs it in (``git format-patch``,
  ``pg_dump -f``). Under a scheduler the directory is not theirs, so the same name is a bug there.
* A command that reads the project's **test data** (``Path("unittests/scans") / name``) or **regenerates files
  committed in the source tree** (``templates/snippets/*.html``) is a developer tool run from the checkout.
* Text written only as ``json.dump`` / ``json.dumps`` output (``ensure_ascii`` left on) or ASCII literals is
  ASCII whatever the locale, and so is a file the project itself writes that way when it is read back.
* The author silenced the same check of another linter (pylint's ``unspecified-encoding``, ruff's ``PLW1514``).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Callable, Iterable

from rootfix.rules.command._lib.files import FileOpen, local_bindings
from rootfix.rules.command._lib.writes import walk_no_defs
from rootfix.discover.walk import walk_tree

Resolver = Callable[[ast.expr], "str | None"]

#: first components of a relative path that name the project's test data
TEST_TREES = frozenset({"tests", "test", "unittests", "testdata", "test_data", "testing"})
_SILENCED = re.compile(r"#\s*(?:pylint:\s*disable[^#\n]*unspecified-encoding|noqa:[\w, ]*PLW1514)")


def is_bare_name(literal: str) -> bool:
    """``"permissions.json"``, ``"report-..."``: a file name with no directory in it."""
    return "/" not in literal and "\\" not in literal and literal not in (".", "..")


def reads_test_data(literal: str) -> bool:
    """The relative path starts in a test-data tree (``unittests/scans/x.json``)."""
    first = literal.replace("\\", "/").split("/", 1)[0]
    return first.lower() in TEST_TREES


def regenerates_source(literal: str, root: Path) -> bool:
    """The relative path writes into a directory of the checkout that already holds committed files (a code
    or template generator run from the project root), not an output directory of its own."""
    directory = literal.replace("\\", "/").rsplit("/", 1)[0] if "/" in literal else ""
    if not directory or directory.startswith("."):
        return False
    found = root / directory
    try:
        return found.is_dir() and any(p.is_file() and not p.name.startswith(".") for p in found.iterdir())
    except OSError:
        return False


def _ascii_expr(expr: ast.expr, resolve: Resolver) -> bool:
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, str) and expr.value.isascii()
    if isinstance(expr, ast.Call) and (resolve(expr.func) or "") == "json.dumps":
        return _ensure_ascii(expr)
    return False


def _ensure_ascii(call: ast.Call) -> bool:
    for kw in call.keywords:
        if kw.arg == "ensure_ascii":
            return isinstance(kw.value, ast.Constant) and kw.value.value is True
        if kw.arg is None:
            return False  # **kwargs may turn it off
    return True


def _handle_name(fn: ast.AST, call: ast.Call) -> tuple[str, list[ast.stmt]] | None:
    """``with open(...) as fh:`` -> ("fh", the with body)."""
    for node in walk_no_defs(fn):
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.context_expr is call and isinstance(item.optional_vars, ast.Name):
                    return item.optional_vars.id, node.body
    return None


def ascii_only_write(fn: ast.AST, opened: FileOpen, resolve: Resolver) -> bool:
    """Everything written through ``opened`` is ASCII: ``json.dump(obj, fh)`` / ``fh.write(json.dumps(obj))``
    / ASCII literals with ``ensure_ascii`` on, or ``path.write_text(json.dumps(obj))``."""
    call = opened.call
    if isinstance(call.func, ast.Attribute) and call.func.attr == "write_text":
        return bool(call.args) and _ascii_expr(call.args[0], resolve)
    found = _handle_name(fn, call)
    if found is None:
        return False
    name, body = found
    uses = 0
    for stmt in body:
        for node in walk_tree(stmt):
            if isinstance(node, ast.Name) and node.id == name:
                uses += 1
            if not isinstance(node, ast.Call):
                continue
            if (resolve(node.func) or "") == "json.dump" and len(node.args) >= 2 \
                    and isinstance(node.args[1], ast.Name) and node.args[1].id == name:
                if not _ensure_ascii(node):
                    return False
                uses -= 1
            elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id == name and node.func.attr == "write":
                if len(node.args) != 1 or not _ascii_expr(node.args[0], resolve):
                    return False
                uses -= 1
    return uses == 0  # the handle is used for nothing else (csv.writer(fh), a helper given fh...)


def path_key(expr: ast.expr | None, names: dict[str, ast.expr], depth: int = 0) -> str | None:
    """The file name a path expression ends in, when it is a literal: ``index_dir / ".settings.json"``,
    ``os.path.join(d, "state.json")``, a local name bound to one -> ``".settings.json"`` / ``"state.json"``."""
    if expr is None or depth > 4:
        return None
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str) and expr.value:
        return expr.value.replace("\\", "/").rsplit("/", 1)[-1] or None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
        return path_key(expr.right, names, depth + 1)
    if isinstance(expr, ast.Name) and expr.id in names:
        return path_key(names[expr.id], {k: v for k, v in names.items() if k != expr.id}, depth + 1)
    if isinstance(expr, ast.Call) and expr.args:
        return path_key(expr.args[-1], names, depth + 1)
    return None


def written_ascii_by(writers: Iterable[tuple[ast.AST, FileOpen]], key: str, resolve: Resolver) -> bool:
    """Some of ``writers`` (function, write-mode open) write the file named ``key``, all with ASCII-only
    content: a read of that file decodes the same under any locale."""
    seen = False
    for fn, opened in writers:
        if path_key(opened.path, local_bindings(fn)) != key:
            continue
        if not ascii_only_write(fn, opened, resolve):
            return False
        seen = True
    return seen


def check_silenced(lines: list[str], fn: ast.AST, line: int) -> bool:
    """pylint's ``unspecified-encoding`` (or ruff's ``PLW1514``) is disabled for ``line``: on the line itself,
    by ``disable-next`` on the line before, or by an own-line ``disable`` earlier in the function or at module
    level (pylint's scoping)."""
    first = getattr(fn, "lineno", line)
    for number in range(line, 0, -1):
        text = lines[number - 1] if number <= len(lines) else ""
        if not _SILENCED.search(text):
            continue
        if number == line:
            return True
        if not text.lstrip().startswith("#"):
            continue  # a trailing comment silences its own line only
        if "disable-next" in text:
            if number == line - 1:
                return True
        elif number >= first or not text[:1].isspace():
            return True
    return False
