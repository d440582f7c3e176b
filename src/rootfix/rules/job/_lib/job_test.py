"""Regression tests that run a scheduled job directly, the way its scheduler does, with a failure
injected into its work: the job-level oracle of the S3/S5 rules (no project test has to reach the job).

The test is a ``django.test.TestCase`` (pytest-django and ``manage.py test`` both run it); its text is the
template ``rootfix/regress/templates/job_failing_work.py.tmpl`` plus the rule's own part.
"""
from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from rootfix.rules.job._lib.blocks import walk_no_defs

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

#: calls that are not "the work" a failure is injected into
NOT_WORK = re.compile(r"(^|\.)(logger|log|logging|LOGGER|log_\w*|print|len|range|str|int|float|list|dict|set|tuple|"
                      r"sorted|min|max|sum|isinstance|getattr|hasattr|enumerate|zip|os|shutil|tempfile|time|"
                      r"timezone|datetime|date|json|csv|io|open|Path|pathlib|settings|transaction|connection|"
                      r"close_old_connections)(\.|$)")


def dotted_module(module: str) -> str:
    return module[4:] if module.startswith("src.") else module


def _required(args: ast.arguments, skip_first: bool) -> int:
    positional = [*args.posonlyargs, *args.args][1 if skip_first else 0:]
    required = len(positional) - len(args.defaults)
    required += sum(1 for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is None)
    return max(required, 0)


def _command_name(fn: "FunctionInfo") -> str | None:
    m = re.search(r"(?:^|/)management/commands/([A-Za-z_]\w*)\.py$", fn.file)
    if m and fn.class_name == "Command" and fn.node.name == "handle":
        return m.group(1)
    return None


def direct_call(index: "RepoIndex", fn: "FunctionInfo") -> tuple[str, str] | None:
    """``(imports, expression)`` that runs ``fn`` with no arguments, as a scheduler would, or None."""
    mod = dotted_module(fn.module)
    command = _command_name(fn)
    if command:
        return "from django.core.management import call_command\n", f"call_command({command!r})"
    if fn.class_name is None:
        if _required(fn.node.args, False) == 0:
            decl = index.task_decl(fn)
            # a huey task called is enqueued (its error kept in the result); call_local runs it here
            run = ".call_local()" if decl is not None and decl.framework == "huey" else "()"
            return f"import {mod} as _job_module\n", f"_job_module.{fn.node.name}{run}"
        return None
    if "." in fn.class_name:
        return None
    cls = index.by_path[fn.file].classes.get(fn.class_name) if fn.file in index.by_path else None
    if cls is None:
        return None
    static = any(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod") for d in fn.node.decorator_list)
    if _required(fn.node.args, not static or any(
            isinstance(d, ast.Name) and d.id == "classmethod" for d in fn.node.decorator_list)) != 0:
        return None
    init = next((s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
    if init is not None and _required(init.args, True) != 0:
        return None
    owner = f"_job_module.{fn.class_name}" + ("" if static else "()")
    return f"import {mod} as _job_module\n", f"{owner}.{fn.node.name}()"


def entry_call(index: "RepoIndex", fn: "FunctionInfo", depth: int = 2) -> tuple[str, str, "FunctionInfo"] | None:
    """How a test runs the job that reaches ``fn``: ``fn`` itself when it takes no arguments, else the
    nearest project caller (not a test) that does. ``(imports, expression, entry function)``."""
    seen = {fn.qualname}
    frontier = [fn]
    for _ in range(depth + 1):
        nxt = []
        for f in frontier:
            call = direct_call(index, f)
            if call:
                return call[0], call[1], f
            for caller, _ in index.callers(f):
                if caller.qualname not in seen and "/tests/" not in f"/{caller.file}" \
                        and not caller.node.name.startswith("test"):
                    seen.add(caller.qualname)
                    nxt.append(caller)
        frontier = nxt
    return None


def patch_target(module: "ModuleInfo", call: ast.Call, class_name: str | None) -> str | None:
    """A ``mock.patch`` target for the callable of ``call`` as ``module`` sees it."""
    parts: list[str] = []
    node = call.func
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    mod = dotted_module(module.module)
    if node.id in ("self", "cls"):
        return f"{mod}.{class_name}.{parts[0]}" if class_name and len(parts) == 1 else None
    if node.id in module.imports or node.id in module.functions or node.id in module.classes \
            or node.id in module.assignments:
        return ".".join([mod, node.id, *parts])
    return None


def _unconditional_calls(stmts: list[ast.stmt]) -> list[ast.Call]:
    """Calls every run makes: simple statements, headers of compound ones, ``with``/``try`` bodies
    (not loop or ``if`` bodies, which an empty table or a false condition skips)."""
    from rootfix.rules.job._lib.blocks import calls_in

    out: list[ast.Call] = []
    for stmt in stmts:
        out += calls_in(stmt)
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            out += _unconditional_calls(stmt.body)
        elif isinstance(stmt, ast.Try):
            out += _unconditional_calls(stmt.body)
    return out


def work_call(module: "ModuleInfo", stmts: list[ast.stmt], class_name: str | None,
              skip: tuple[str, ...] = ()) -> tuple[ast.Call, str] | None:
    """The call of the job's work (not logging, not stdlib plumbing) a test makes fail: the first one
    every run makes, else the first one at all."""
    every = _unconditional_calls(stmts)
    nested = sorted((n for n in walk_no_defs(list(stmts)) if isinstance(n, ast.Call)),
                    key=lambda c: (c.lineno, c.col_offset))
    for calls in (sorted(every, key=lambda c: (c.lineno, c.col_offset)), nested):
        for call in calls:
            text = ast.unparse(call.func)
            if NOT_WORK.search(text) or any(text.startswith(s) for s in skip):
                continue
            target = patch_target(module, call, class_name)
            if target:
                return call, target
    return None
