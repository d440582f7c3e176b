"""Project tests that run a management command, for scenario replay.

:func:`rootfix.regress.scenario.find_scenarios` follows ``call_command("name")`` with a literal name; project
tests often go through a helper (``run("import_donations", path)`` calling ``call_command(*args)``).
Here a test counts when it names the command in a string literal and its module calls ``call_command``.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rootfix.regress.layout import regression_test_path
from rootfix.regress.scenario import (
    Invariant, Scenario, _import_name, _unittest_class, find_scenarios, is_test_module, replay_module,
)

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex


def command_scenarios(index: "RepoIndex", command: str) -> list[Scenario]:
    out = []
    for path in sorted(index.by_path):
        info = index.by_path[path]
        if not is_test_module(path) or "call_command" not in info.source:
            continue
        for symbol, fn in info.functions.items():
            if not symbol.split(".")[-1].startswith("test"):
                continue
            if not any(isinstance(n, ast.Constant) and n.value == command for n in ast.walk(fn.node)):
                continue
            if fn.class_name:
                style = "unittest" if _unittest_class(index, info, info.classes[fn.class_name]) else "pytest-class"
                if style == "pytest-class" and not fn.class_name.startswith("Test"):
                    continue
            else:
                style = "pytest"
            out.append(Scenario(path, _import_name(index, info), symbol, style, 1))
    return out


def command_replay(index: "RepoIndex", targets: list["FunctionInfo"], command: str | None, invariant: Invariant,
                   *, code: str, symbol: str) -> tuple[str, str] | None:
    """Like :func:`rootfix.regress.scenario.replay_test`, also counting tests that run ``command`` by name."""
    scenarios = find_scenarios(index, targets)
    if command:
        known = {(s.path, s.name) for s in scenarios}
        scenarios += [s for s in command_scenarios(index, command) if (s.path, s.name) not in known]
    if not scenarios:
        return None
    folder = scenarios[0].path.rpartition("/")[0]
    scenarios = [s for s in scenarios if s.path.rpartition("/")[0] == folder][:12]
    name = regression_test_path(index, code, symbol).rpartition("/")[2]
    path = f"{folder}/{name}" if folder else name
    return path, replay_module(index, scenarios, invariant, path)


def command_of(index: "RepoIndex", fn: "FunctionInfo") -> str | None:
    """The management command whose module holds ``fn``, or that calls it (one or two calls away)."""
    from rootfix.rules.command._lib.arguments import command_name, is_command_module

    if is_command_module(fn.file):
        return command_name(fn.file)
    frontier, seen = [fn], {fn.qualname}
    for _ in range(2):
        nxt = []
        for f in frontier:
            for caller, _call in index.callers(f):
                if is_command_module(caller.file):
                    return command_name(caller.file)
                if caller.qualname not in seen:
                    seen.add(caller.qualname)
                    nxt.append(caller)
        frontier = nxt
    if fn.class_name:  # ``Importer().run(path)``, ``importer = Importer(); importer.run(path)``: no static edge
        for path, info in sorted(index.by_path.items()):
            if not is_command_module(path):
                continue
            names = {n.id for n in ast.walk(info.tree) if isinstance(n, ast.Name)}
            attrs = {n.attr for n in ast.walk(info.tree) if isinstance(n, ast.Attribute)}
            if fn.class_name in names and fn.node.name in attrs \
                    and (info.imports.get(fn.class_name, "").endswith(f".{fn.class_name}")
                         or fn.class_name in info.classes):
                return command_name(path)
    return None


def command_handle_related(index: "RepoIndex", fn: "FunctionInfo") -> tuple[tuple[str, int, str], ...]:
    """``related`` for a finding in ``fn``: the ``handle()`` of the command that runs it, when ``fn`` is not
    in a command module (a service the command instantiates inline is not a static call edge)."""
    from rootfix.rules.command._lib.arguments import command_name, is_command_module

    if is_command_module(fn.file):
        return ()
    name = command_of(index, fn)
    for path, info in index.by_path.items():
        if name and is_command_module(path) and command_name(path) == name and "Command.handle" in info.functions:
            return ((path, info.functions["Command.handle"].line, f"runs in the `{name}` command"),)
    return ()
