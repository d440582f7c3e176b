"""Regression tests that replay the project's own tests of a job, then run the job once more: the
run-twice oracle of the S1/S2 rules. Each project test (pytest function, module level) that reaches the
job becomes a scenario; the generated test calls it with the same fixtures and marks, then reruns the job."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rootfix.rules.job._common import fixture_names, import_name, tests_reaching

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex


MARKS = '''

def _marks(module, test):
    marks = getattr(module, "pytestmark", [])
    marks = list(marks) if isinstance(marks, (list, tuple)) else [marks]
    return marks + list(getattr(test, "pytestmark", []))
'''


def scenario_tests(index: "RepoIndex", fn: "FunctionInfo", check: str, *, limit: int = 4) -> tuple[str, str] | None:
    """``(imports, test functions)`` calling ``check(lambda: <project test>(fixtures))`` for each project
    test reaching ``fn``; None when no project test does."""
    tests = tests_reaching(index, fn.qualname, limit=limit)
    if not tests:
        return None
    imports: dict[str, list[str]] = {}
    wrappers = []
    for test in tests:
        dotted = import_name(index, test.file)
        if dotted not in imports:
            imports[dotted] = [f"_scenario{len(imports)}", *fixture_names(index.by_path[test.file])]
        alias = imports[dotted][0]
        args = test.node.args
        params = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
        name = f"test_{fn.node.name}_again_after_{test.node.name.removeprefix('test_')}"[:120]
        wrappers.append(
            f"def {name}({', '.join(params)}):\n"
            f"    {check}(lambda: {alias}.{test.node.name}({', '.join(f'{p}={p}' for p in params)}))\n\n\n"
            f"{name}.pytestmark = _marks({alias}, {alias}.{test.node.name})\n")
    lines = []
    for dotted, (alias, *fixtures) in imports.items():
        lines.append(f"import {dotted} as {alias}")
        if fixtures:
            lines.append(f"from {dotted} import {', '.join(fixtures)}  # noqa: F401  (fixtures)")
    return "\n".join(lines), MARKS + "\n\n" + "\n\n".join(wrappers)
