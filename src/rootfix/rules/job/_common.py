"""Helpers shared by the scheduled-job rules (JOB1xx-JOB5xx): settings, imports, source offsets."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rootfix.discover.parse import parse_tree

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex


def byte_to_char(line: str, col: int) -> int:
    return len(line.encode("utf-8")[:col].decode("utf-8", "replace"))


def bound_names(module: "ModuleInfo") -> set[str]:
    return set(module.imports) | set(module.functions) | set(module.classes) | set(module.assignments)


def django_timezone_name(index: "RepoIndex", module: "ModuleInfo") -> str:
    """The name under which the module has (or will import) ``django.utils.timezone``."""
    for local, target in module.imports.items():
        if target == "django.utils.timezone":
            return local
    return "timezone" if "timezone" not in bound_names(module) else "dj_timezone"


def add_timezone_import(source: str, name: str, project: frozenset[str] = frozenset()) -> str:
    """Add ``from django.utils import timezone [as name]`` after the module's last top-level import."""
    tree = parse_tree(source)
    line = f"from django.utils import timezone{'' if name == 'timezone' else ' as ' + name}\n"
    imports = []
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            imports.append(stmt)
        elif imports or not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            break
    # beside the other django imports, else before the project's own (relative) imports
    django = [i for i in imports if isinstance(i, ast.ImportFrom) and (i.module or "").startswith("django")]
    local = [i for i in imports if isinstance(i, ast.ImportFrom)
             and (i.level or (i.module or "").split(".")[0] in project)]
    lines = source.splitlines(keepends=True)
    if django:
        at = django[-1].end_lineno
    elif local:
        at = local[0].lineno - 1
        line += "\n"
    else:
        at = imports[-1].end_lineno if imports else 0
    return "".join(lines[:at]) + line + "".join(lines[at:])


def project_settings(index: "RepoIndex") -> dict[str, object]:
    """Literal top-level assignments of the project's settings modules (``settings.py`` /
    ``settings/*.py``), production settings first so test overrides do not mask them."""
    values: dict[str, object] = {}
    paths = sorted((p for p in index.by_path
                    # django/conf/global_settings.py holds Django's defaults, not a project's choices
                    if (p.endswith("settings.py") or "/settings/" in p) and not p.endswith("global_settings.py")),
                   key=lambda p: ("test" in p.rsplit("/", 1)[-1], p))
    for path in paths:
        module = index.by_path[path]
        for name, expr in module.assignments.items():
            if name.isupper() and name not in values:
                try:
                    values[name] = ast.literal_eval(expr)
                except (ValueError, SyntaxError, TypeError):
                    continue
    return values


def node_span(source: str, node: ast.AST) -> tuple[int, int]:
    """Character offsets ``[start, end)`` of ``node`` in ``source`` (ast columns are UTF-8 bytes)."""
    lines = source.splitlines(keepends=True)
    start = sum(len(l) for l in lines[: node.lineno - 1]) + byte_to_char(lines[node.lineno - 1], node.col_offset)
    end = (sum(len(l) for l in lines[: node.end_lineno - 1])
           + byte_to_char(lines[node.end_lineno - 1], node.end_col_offset))
    return start, end


def preferred_quote(source: str) -> str:
    """The string quote the module mostly uses (``"`` unless single quotes dominate)."""
    tree = parse_tree(source)
    single = double = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and hasattr(node, "col_offset"):
            seg = ast.get_source_segment(source, node) or ""
            single += seg.startswith("'")
            double += seg.startswith('"')
    return "'" if single > double else '"'


def import_name(index: "RepoIndex", path: str) -> str:
    """The dotted name under which pytest imports the module at ``path`` (rootdir-relative).

    A test module in a package (``tests/__init__.py``) is ``tests.test_x``; one in a plain folder is
    imported by its basename (pytest's default ``prepend`` import mode puts the folder on sys.path).
    """
    from rootfix.fix.project_tests import module_name

    parts = path[:-3].split("/")
    first = len(parts) - 1
    while first > 0 and "/".join(parts[:first]) + "/__init__.py" in index.by_path:
        first -= 1
    if first == len(parts) - 1 and parts[:1] != ["src"]:
        return parts[-1] if len(parts) > 1 else module_name(path)
    return ".".join(parts[first:]) if first > 0 else module_name(path)


def is_test_module(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return (name.startswith("test_") or name.endswith("_test.py")) and name.endswith(".py")


def fixture_names(module: "ModuleInfo") -> list[str]:
    """Module-level functions of a test module decorated as pytest fixtures."""
    out = []
    for stmt in module.tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for deco in stmt.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                text = ast.unparse(target)
                if text.endswith("fixture"):
                    out.append(stmt.name)
                    break
    return out


def tests_reaching(index: "RepoIndex", target: str, *, depth: int = 3, limit: int = 6) -> list:
    """Project test functions (pytest style, module level) that call ``target`` (a function qualname)
    directly or through project code up to ``depth`` calls away, nearest first."""
    entries = {target: 0}
    frontier = [target]
    for d in range(1, depth + 1):
        nxt = []
        for fn in index.functions.values():
            if fn.qualname in entries or is_test_module(fn.file):
                continue
            if any(callee.qualname in frontier for callee, _ in index.callees(fn)):
                entries[fn.qualname] = d
                nxt.append(fn.qualname)
        frontier = nxt
    found = []
    for fn in index.functions.values():
        if not is_test_module(fn.file) or fn.class_name or not fn.symbol.startswith("test"):
            continue
        reach = [entries[c.qualname] for c, _ in index.callees(fn) if c.qualname in entries]
        if reach:
            found.append((min(reach), fn.file, fn.line, fn))
    found.sort(key=lambda t: t[:3])
    return [t[3] for t in found[:limit]]
