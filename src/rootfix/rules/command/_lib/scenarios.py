"""Which management command runs a function (its ``Replay.command``: ``rootfix.regress`` then also replays the
project tests that run that command by name), and the ``related`` location of its ``handle()``."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rootfix.project import values as V
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex
    from rootfix.rules.base import DirectTest, FirstOf


def command_of(index: "RepoIndex", fn: "FunctionInfo") -> str | None:
    """The management command whose module holds ``fn``, or that calls it (one or two calls away)."""
    from rootfix.rules.command._lib.arguments import command_name, is_command_module

    if is_command_module(fn.file):
        return command_name(fn.file)
    subcommands = _click_subcommands(index)
    if fn.qualname in subcommands:
        return subcommands[fn.qualname]
    frontier, seen = [fn], {fn.qualname}
    for _ in range(2):
        nxt = []
        for f in frontier:
            for caller, _call in V.call_sites(index, f):
                if is_command_module(caller.file):
                    return command_name(caller.file)
                if caller.qualname in subcommands:
                    return subcommands[caller.qualname]
                if caller.qualname not in seen:
                    seen.add(caller.qualname)
                    nxt.append(caller)
        frontier = nxt
    if fn.class_name:  # ``Importer().run(path)``, ``importer = Importer(); importer.run(path)``: no static edge
        for path, info in sorted(index.by_path.items()):
            if not is_command_module(path):
                continue
            names = {n.id for n in walk_tree(info.tree) if isinstance(n, ast.Name)}
            attrs = {n.attr for n in walk_tree(info.tree) if isinstance(n, ast.Attribute)}
            if fn.class_name in names and fn.node.name in attrs \
                    and (info.imports.get(fn.class_name, "").endswith(f".{fn.class_name}")
                         or fn.class_name in info.classes):
                return command_name(path)
    return None


def _click_subcommands(index: "RepoIndex") -> dict[str, str]:
    """qualname of each click / typer command a management command runs -> how it is run by name
    (``"stores move"``: the management command, then the sub-command)."""
    from rootfix.project.model import Project

    project = Project.of(index)
    management = {c.name for c in project.commands if c.flavor == "management-command"}
    out: dict[str, str] = {}
    for comp in project.commands:
        if not comp.flavor.endswith("-command") or comp.flavor == "management-command":
            continue
        fn = project.component_function(comp)
        by_name = next((n for n in (comp.name, *comp.aliases) if " " in n and n.split()[0] in management), None)
        if fn is not None and by_name:
            out[fn.qualname] = by_name
    return out


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


def replay_with_unknown_value(index: "RepoIndex", fn: "FunctionInfo", template: str, params: dict[str, str],
                              check: str) -> "DirectTest | FirstOf":
    """The project's tests of ``fn`` replayed under ``check`` (a function of ``template``): those that call it,
    else (no static call edge reaches a command a test runs by name) those that run its command."""
    from rootfix.rules.base import DirectTest, FirstOf, ProjectTestCalls

    direct = DirectTest(fn.symbol, fn.file, (template,), params, calls=ProjectTestCalls(fn, check, beside=True))
    command = command_of(index, fn)
    if command is None:
        return direct
    by_name = DirectTest(fn.symbol, fn.file, (template,), params, calls=ProjectTestCalls(
        fn, check, infix="with_an_unknown_value_in", command=command, beside=True))
    return FirstOf((direct, by_name))
