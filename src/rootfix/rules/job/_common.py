"""Helpers shared by the scheduled-job rules (JOB1xx-JOB5xx): settings, imports, source offsets."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rootfix.project.model import Project, is_test_module  # noqa: F401  (JOB402 imports it from here)
from rootfix.discover.parse import parse_tree
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from pathlib import Path

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
    """Add ``from django.utils import timezone [as name]`` where the project's isort/ruff would put it
    (:func:`rootfix.codemod.imports.add_from_import`; ``project``: the project's top-level packages)."""
    from rootfix.codemod.imports import add_from_import

    return add_from_import(source, "django.utils", "timezone", None if name == "timezone" else name, project)


def project_settings(index: "RepoIndex") -> dict[str, object]:
    """The project's settings (:attr:`rootfix.project.model.Project.settings`)."""
    return Project.of(index).settings


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
    for node in walk_tree(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and hasattr(node, "col_offset"):
            seg = ast.get_source_segment(source, node) or ""
            single += seg.startswith("'")
            double += seg.startswith('"')
    return "'" if single > double else '"'


# --------------------------------------------------------------------------- USE_TZ
_TRUE_STRINGS = frozenset({"1", "true", "yes", "on", "t", "y"})


def _env_default(expr: ast.expr) -> bool | None:
    """``env.bool("USE_TZ", default=True)``, ``os.environ.get("USE_TZ", "True") == "True"``,
    ``config("USE_TZ", default=True, cast=bool)``: the default it falls back to, None when unknown."""
    if isinstance(expr, ast.Compare) and len(expr.comparators) == 1 and isinstance(expr.left, ast.Call):
        inner = _env_default_raw(expr.left)
        other = expr.comparators[0]
        if inner is not None and isinstance(other, ast.Constant) and isinstance(expr.ops[0], (ast.Eq, ast.NotEq)):
            same = str(inner).lower() == str(other.value).lower()
            return same if isinstance(expr.ops[0], ast.Eq) else not same
        if isinstance(other, (ast.List, ast.Tuple, ast.Set)) and isinstance(expr.ops[0], ast.In) and inner is not None:
            return any(isinstance(e, ast.Constant) and str(e.value).lower() == str(inner).lower() for e in other.elts)
        return None
    if isinstance(expr, ast.Call):
        raw = _env_default_raw(expr)
        if raw is None:
            return None
        return raw if isinstance(raw, bool) else str(raw).strip().lower() in _TRUE_STRINGS
    return None


def _env_default_raw(call: ast.Call) -> object:
    # str(...) / bool(...) / strtobool(...) around the lookup
    if isinstance(call.func, ast.Name) and call.func.id in ("str", "bool", "strtobool", "int") and call.args \
            and isinstance(call.args[0], ast.Call):
        return _env_default_raw(call.args[0])
    if isinstance(call.func, ast.Attribute) and call.func.attr in ("lower", "strip") and isinstance(
            call.func.value, ast.Call):
        return _env_default_raw(call.func.value)
    for kw in call.keywords:
        if kw.arg == "default" and isinstance(kw.value, ast.Constant):
            return kw.value.value
    if len(call.args) >= 2 and isinstance(call.args[1], ast.Constant):
        return call.args[1].value
    return None


def django_major(root: "Path") -> int | None:
    """Django's major version from the project's lock files or requirements (``Django==5.1``,
    ``django>=5.0``, a lock entry), None when it cannot be told."""
    import re
    from pathlib import Path

    root = Path(root)
    patterns = [
        (re.compile(r'(?ims)^\s*name\s*=\s*"django"\s*\n\s*version\s*=\s*"(\d+)\.'), ("poetry.lock", "uv.lock",
                                                                                     "pdm.lock")),
        (re.compile(r'(?im)^\s*"?django"?\s*(?:\[[^\]]*\])?\s*(?:==|~=|>=|===)\s*"?(\d+)\.'),
         ("requirements.txt", "requirements/base.txt", "requirements/prod.txt", "requirements/production.txt",
          "requirements/common.txt", "requirements/pip.txt", "requirements/requirements.txt", "requirements.in",
          "Pipfile", "setup.cfg", "setup.py")),
        (re.compile(r'(?i)"django\s*(?:\[[^\]]*\])?\s*(?:==|~=|>=|===)\s*(\d+)\.'), ("pyproject.toml",)),
    ]
    for rx, names in patterns:
        for name in names:
            for f in sorted(root.glob(name)) + sorted(root.glob(f"*/{name}")):
                try:
                    m = rx.search(f.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    continue
                if m:
                    return int(m.group(1))
    return None


def use_tz(index: "RepoIndex", settings: dict[str, object]) -> bool:
    """Whether the project runs with ``USE_TZ`` on.

    A literal in the settings decides; a value read from the environment counts as on unless its default is
    off (``env.bool("USE_TZ", default=False)``); no ``USE_TZ`` at all is Django's default: on since 5.0, off
    before (and off when the Django version cannot be told)."""
    value = settings.get("USE_TZ")
    if isinstance(value, bool):
        return value
    exprs = [m.assignments["USE_TZ"] for p, m in sorted(index.by_path.items())
             if "USE_TZ" in m.assignments and (p.rsplit("/", 1)[-1].startswith("settings") or "/settings/" in p)
             and not p.endswith("global_settings.py")]
    if exprs:
        for expr in exprs:
            default = _env_default(expr)
            if default is False:
                return False
        return True
    major = django_major(index.root)
    return major is not None and major >= 5
