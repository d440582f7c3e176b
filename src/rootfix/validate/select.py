"""Which of the project's tests to run for one bug: the ones that can reach the component.

A real project's suite (thousands of tests, minutes to hours) is not run whole for one bug. The
tests selected are the test modules that

- import a module of the component's reach (the component's own file, the code it calls, the
  suspects), directly or through up to :data:`IMPORT_DEPTH` project modules (the project model's
  import graph, read statically: nothing is run);
- live in the same app (package) as the component; or
- are named after it (``test_<symbol>.py``, ``test_<module>.py``).

A small suite (at most :data:`SMALL_SUITE_FILES` test modules) is run whole: selection would save
little and could miss a test. So is every suite when asked (``--full-suite``) or when the selection
would cover most of it anyway. Selected modules become pytest paths or ``manage.py test`` labels.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Iterable, Sequence
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex
    from rootfix.types import Component, RelatedCode

#: A suite with at most this many test modules is run whole.
SMALL_SUITE_FILES = 40
#: A selection covering more than this share of the test modules runs the whole suite instead.
MOST = 0.7
#: Project modules an import may pass through between a test module and the reach.
IMPORT_DEPTH = 2


@dataclass(frozen=True)
class Selection:
    """The tests to run: ``targets`` (pytest paths or Django labels), empty for the whole suite."""

    targets: tuple[str, ...]
    selected: int  # test modules selected
    total: int  # test modules in the suite
    reason: str
    #: The selected test files (repo-relative), whatever the command's label format.
    paths: tuple[str, ...] = ()

    @property
    def whole(self) -> bool:
        return not self.targets

    def describe(self) -> str:
        if self.whole:
            return f"whole suite ({self.total} test module(s)): {self.reason}"
        return f"{self.selected} of {self.total} test modules selected ({self.reason})"


def is_test_module(path: str) -> bool:
    """A module holding tests (not conftest, not migrations, not fixtures' helpers)."""
    p = PurePosixPath(path)
    name = p.name
    if not name.endswith(".py") or "migrations" in p.parts or name in ("conftest.py", "__init__.py"):
        return False
    return name.startswith("test_") or name.endswith("_test.py") or name in ("tests.py", "test.py") or (
        name.startswith("tests") and p.parent.name in ("tests", "test"))


def _imported_modules(index: "RepoIndex", info: "ModuleInfo") -> set[str]:
    """The project modules ``info`` imports (``import a.b``, ``from a import b``, relative imports)."""
    out: set[str] = set()
    package = info.module if info.is_package else info.module.rpartition(".")[0]

    def add(dotted: str) -> None:
        # the longest prefix that is a project module: a.b.func -> a.b
        parts = dotted.split(".")
        for i in range(len(parts), 0, -1):
            cand = ".".join(parts[:i])
            if cand in index.modules:
                out.add(cand)
                return

    for node in walk_tree(info.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = package.split(".") if package else []
                if node.level > 1:
                    pkg = pkg[: len(pkg) - (node.level - 1)]
                base = ".".join([*pkg, base] if base else pkg)
            for alias in node.names:
                add(f"{base}.{alias.name}" if base else alias.name)
            if base:
                add(base)
    out.discard(info.module)
    return out


def _app_dir(path: str) -> str:
    """The package directory an app's code lives in (``apps/inventory`` for ``apps/inventory/tasks.py``)."""
    parts = list(PurePosixPath(path).parts[:-1])
    # an app's tests/ or management/commands/ belong to the app
    for stop in ("tests", "test", "management"):
        if stop in parts:
            parts = parts[: parts.index(stop)]
    return "/".join(parts)


def _label(index: "RepoIndex", path: str, kind: str) -> str:
    if kind == "django":
        info = index.by_path.get(path)
        if info is not None:
            return info.module
        return path[:-3].replace("/", ".")
    return path


def select_tests(index: "RepoIndex", reach_files: Iterable[str], *, kind: str = "pytest",
                 names: Sequence[str] = (), full: bool = False,
                 small: int = SMALL_SUITE_FILES) -> Selection:
    """The tests related to the code in ``reach_files`` (repo-relative), as a :class:`Selection`.

    ``kind`` is the test command's kind (``pytest`` / ``django`` / ``other``); ``names`` are the
    component's names (a test module named after one is selected). ``other`` commands (a
    ``runtests.py``, a shell line) take no targets: their suite always runs whole.
    """
    tests = sorted(p for p in index.by_path if is_test_module(p))
    total = len(tests)
    if full:
        return Selection((), total, total, "asked for (--full-suite)")
    if kind not in ("pytest", "django"):
        return Selection((), total, total, "the test command takes no test selection")
    if total <= small:
        return Selection((), total, total, f"small suite: at most {small} test modules")
    reach = {p for p in reach_files if p in index.by_path and not is_test_module(p)}
    targets = {index.by_path[p].module for p in reach}
    # modules that reach the targets through up to IMPORT_DEPTH imports
    imports = {m: _imported_modules(index, info) for m, info in index.modules.items()}
    reaching = set(targets)
    frontier = set(targets)
    for _ in range(IMPORT_DEPTH):
        frontier = {m for m, imp in imports.items()
                    if m not in reaching and imp & frontier and not is_test_module(index.modules[m].path)}
        reaching |= frontier
    apps = {_app_dir(p) for p in reach if _app_dir(p)}
    short = {n.replace(":", ".").rsplit(".", 1)[-1].lower() for n in names if n}
    short |= {PurePosixPath(p).stem.lower() for p in reach}
    short = {s for s in short if len(s) > 3 and s not in ("tasks", "models", "views", "utils", "handle", "command",
                                                          "__init__", "signals", "admin", "apps", "jobs")}
    chosen: list[str] = []
    why = {"imports": 0, "app": 0, "name": 0}
    for path in tests:
        info = index.by_path[path]
        if imports.get(info.module, set()) & reaching:
            why["imports"] += 1
        elif _app_dir(path) in apps:
            why["app"] += 1
        elif any(s in PurePosixPath(path).stem.lower() for s in short):
            why["name"] += 1
        else:
            continue
        chosen.append(path)
    if not chosen:
        return Selection((), total, total, "no test module imports the component's code: running all")
    if len(chosen) > MOST * total:
        return Selection((), total, total, f"{len(chosen)} test modules reach the component: most of the suite")
    parts = [f"{n} {w}" for w, n in (("importing its code", why["imports"]), ("in its app", why["app"]),
                                     ("named after it", why["name"])) if n]
    return Selection(tuple(_label(index, p, kind) for p in chosen), len(chosen), total, ", ".join(parts),
                     tuple(chosen))


def tests_for_component(index: "RepoIndex", component: "Component", related: "RelatedCode | None",
                        test_command: Sequence[str], *, full: bool = False) -> Selection:
    """The tests to run for one component: :func:`select_tests` over the files of the code it runs
    (:meth:`rootfix.project.model.Project.reach`), its own file and where it is declared. The whole suite
    with ``full`` or ``ROOTFIX_FULL_SUITE=1``."""
    import os

    from rootfix.project.model import Project
    from rootfix.validate.runner import command_kind

    reach = {fn.file for fn in Project.of(index).reach(component, related).values()} | {component.file}
    if component.declared_in:
        reach.add(component.declared_in)
    full = full or os.environ.get("ROOTFIX_FULL_SUITE", "") not in ("", "0")
    return select_tests(index, reach, kind=command_kind(test_command),
                        names=(component.name, *component.aliases, component.symbol), full=full)


__all__ = ["SMALL_SUITE_FILES", "Selection", "is_test_module", "select_tests", "tests_for_component"]
