"""Where and in which style a project keeps its tests, so generated tests fit in.

(``module_name`` is :func:`rootfix.project.paths.module_name`, re-exported.)
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rootfix.project.model import is_test_module
from rootfix.project.paths import module_name

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex


def _test_modules(index: "RepoIndex") -> list[str]:
    """Modules that hold tests (``test_settings.py`` and the like are named so but hold none)."""
    out = []
    for path, info in index.by_path.items():
        if not is_test_module(path):
            continue
        if any(name.split(".")[-1].startswith("test") for name in info.functions):
            out.append(path)
    return out


def tests_dir(index: "RepoIndex") -> str:
    """The folder holding most of the project's test modules (default ``tests``)."""
    counts: dict[str, int] = {}
    for path in _test_modules(index):
        folder = path.rpartition("/")[0]
        counts[folder] = counts.get(folder, 0) + 1
    if not counts:
        return "tests"
    return max(counts.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]


def uses_pytest_style(index: "RepoIndex") -> bool:
    """True when the project's tests are plain pytest functions rather than Django ``TestCase`` classes."""
    functions = classes = 0
    for path in _test_modules(index):
        info = index.by_path[path]
        functions += sum(1 for name in info.functions if name.startswith("test") and "." not in name)
        classes += sum(1 for name in info.functions if "." in name and name.split(".")[1].startswith("test"))
    return functions >= classes


def regression_test_path(index: "RepoIndex", code: str, symbol: str, folder: str | None = None) -> str:
    """A new, unused test module path: ``<tests>/test_rootfix_<code>_<symbol>.py`` (``<folder>/...`` when
    given)."""
    symbol = symbol.replace(".<locals>.", ".")  # single_instance.<locals>.wrapper -> single_instance_wrapper
    slug = re.sub(r"[^a-z0-9]+", "_", f"{code}_{symbol}".lower()).strip("_")
    folder = tests_dir(index) if folder is None else folder
    base = f"{folder}/test_rootfix_{slug}" if folder else f"test_rootfix_{slug}"
    path, n = f"{base}.py", 2
    while path in index.by_path or (index.root / path).exists():
        path, n = f"{base}_{n}.py", n + 1
    return path


__all__ = ["module_name", "regression_test_path", "tests_dir", "uses_pytest_style"]
