"""The project's own tests that reach a function, called from a generated test: each pytest test function
(module level) that calls the function, directly or through project code, becomes a scenario the generated
test runs with the same fixtures and marks, inside the rule's check (``DirectTest.calls``)."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rootfix.project.model import is_test_module
from rootfix.project.paths import module_name

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex
    from rootfix.rules.base import ProjectTestCalls

MARKS = '''

def _marks(module, test):
    marks = getattr(module, "pytestmark", [])
    marks = list(marks) if isinstance(marks, (list, tuple)) else [marks]
    # the test's own marks first: pytest takes the closest (``django_db(transaction=True)`` over the module's)
    return list(getattr(test, "pytestmark", [])) + marks


def _copy(test):
    """The test as a new function object, so that marks set here do not change the project's own test."""
    import types

    clone = types.FunctionType(test.__code__, test.__globals__, test.__name__, test.__defaults__, test.__closure__)
    clone.__kwdefaults__ = test.__kwdefaults__
    clone.__dict__.update(test.__dict__)
    return clone
'''


def import_name(index: "RepoIndex", path: str) -> str:
    """The dotted name under which pytest imports the module at ``path`` (rootdir-relative).

    A test module in a package (``tests/__init__.py``) is ``tests.test_x``; one in a plain folder is
    imported by its basename (pytest's default ``prepend`` import mode puts the folder on sys.path).
    """
    parts = path[:-3].split("/")
    first = len(parts) - 1
    while first > 0 and "/".join(parts[:first]) + "/__init__.py" in index.by_path:
        first -= 1
    if first == len(parts) - 1 and parts[:1] != ["src"]:
        return parts[-1] if len(parts) > 1 else module_name(path)
    return ".".join(parts[first:]) if first > 0 else module_name(path)


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


def _called(index: "RepoIndex", calls: "ProjectTestCalls") -> list[tuple[str, "FunctionInfo"]]:
    """``(import name, test function)`` of the project tests ``calls`` names: those reaching its target, or
    the pytest functions running its command by name."""
    if calls.command is None:
        return [(import_name(index, t.file), t) for t in tests_reaching(index, calls.target.qualname,
                                                                        limit=calls.limit)]
    from rootfix.regress.scenario import command_scenarios

    found = [s for s in command_scenarios(index, calls.command) if s.style == "pytest"][:calls.limit]
    return [(s.module, index.by_path[s.path].functions[s.name]) for s in found]


def project_test_calls(index: "RepoIndex", calls: "ProjectTestCalls") -> tuple[str, str, str] | None:
    """``(imports, test functions, folder of the first test)`` calling ``calls.check(lambda: <project
    test>(fixtures))`` for each project test ``calls`` names (reaching ``calls.target``, or running
    ``calls.command`` by name; the ``_marks`` helper first when ``calls.marks``); None when there is none."""
    fn = calls.target
    tests = _called(index, calls)
    if not tests:
        return None
    imports: dict[str, list[str]] = {}
    wrappers = []
    for dotted, test in tests:
        if dotted not in imports:
            imports[dotted] = [f"_scenario{len(imports)}", *fixture_names(index.by_path[test.file])]
        alias = imports[dotted][0]
        args = test.node.args
        params = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
        name = f"test_{fn.node.name}_{calls.infix}_{test.node.name.removeprefix('test_')}"[:120]
        wrappers.append(
            f"def {name}({', '.join(params)}):\n"
            f"    {calls.check}(lambda: {alias}.{test.node.name}({', '.join(f'{p}={p}' for p in params)}))\n\n\n"
            f"{name}.pytestmark = _marks({alias}, {alias}.{test.node.name})\n")
    lines = []
    for dotted, (alias, *fixtures) in imports.items():
        lines.append(f"import {dotted} as {alias}")
        if fixtures:
            lines.append(f"from {dotted} import {', '.join(fixtures)}  # noqa: F401  (fixtures)")
    return ("\n".join(lines), (MARKS + "\n\n" if calls.marks else "") + "\n\n".join(wrappers),
            tests[0][1].file.rpartition("/")[0])
