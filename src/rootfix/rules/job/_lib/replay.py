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


#: Generated-test helper: the arguments of the last call a scenario made to the job, so the rerun runs it
#: the way the project's test did (``send_reminders(now=NOW)`` reruns with the same ``now``, not today's).
#: Read with a profile hook on the job's code object: works whatever name the test imported it under.
CALLED_WITH = '''

def _called_with(func, scenario):
    """Run ``scenario``; ``(args, kwargs)`` of its last call to ``func`` (None when it made none)."""
    import inspect
    import sys

    code = getattr(inspect.unwrap(func), "__code__", None)
    seen = []

    def profile(frame, event, arg):
        if event == "call" and frame.f_code is code:
            seen.append(dict(frame.f_locals))

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        scenario()
    finally:
        sys.setprofile(previous)
    if code is None or not seen:
        return None
    loc, n = seen[-1], code.co_argcount + code.co_kwonlyargcount
    names = code.co_varnames[:n]
    args = [loc[name] for name in names[:code.co_posonlyargcount]]
    kwargs = {name: loc[name] for name in names[code.co_posonlyargcount:]}
    if code.co_flags & inspect.CO_VARARGS:
        args += list(loc[code.co_varnames[n]])
        n += 1
    if code.co_flags & inspect.CO_VARKEYWORDS:
        kwargs.update(loc[code.co_varnames[n]])
    return args, kwargs
'''


def module_function_entry(expression: str) -> str | None:
    """``_job_module.name`` when the job's entry expression calls a module-level function, else None."""
    import re

    m = re.fullmatch(r"(_job_module\.[A-Za-z_]\w*)\(\)", expression)
    return m.group(1) if m else None


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
