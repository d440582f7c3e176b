"""Module-level values computed once at import from the clock, read by job code that a long-running
scheduler process runs again and again. Pure functions over ``ast``."""
from __future__ import annotations

import ast
from typing import Callable, Iterator

from rootfix.rules.job._lib.blocks import walk_no_defs

CLOCKS = frozenset({
    "django.utils.timezone.now", "django.utils.timezone.localdate", "django.utils.timezone.localtime",
    "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today", "datetime.date.today",
    "time.time", "time.localtime", "time.gmtime", "arrow.now", "arrow.utcnow", "pendulum.now", "pendulum.today",
})

Resolver = Callable[[ast.expr], "str | None"]


def clock_call(expr: ast.expr, resolve: Resolver) -> ast.Call | None:
    """The first clock call in ``expr`` (not inside a lambda or comprehension-free def)."""
    for node in walk_no_defs(expr):
        if isinstance(node, ast.Call) and (resolve(node.func) or "") in CLOCKS:
            return node
    return None


def import_time_clocks(assignments: dict[str, ast.expr], resolve: Resolver) -> dict[str, ast.Call]:
    """Module-level names whose value is computed from the clock at import: ``TODAY = date.today()``."""
    out = {}
    for name, expr in assignments.items():
        if isinstance(expr, (ast.Lambda,)):
            continue
        call = clock_call(expr, resolve)
        if call is not None:
            out[name] = call
    return out


def local_names(fn: ast.AST) -> set[str]:
    """Names bound in ``fn`` (parameters, assignments, loop targets, imports), nested defs excluded."""
    args = fn.args  # type: ignore[attr-defined]
    out = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    out |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    for node in walk_no_defs(fn.body):  # type: ignore[attr-defined]
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            out.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
    return out


def globals_declared(fn: ast.AST) -> set[str]:
    return {n for node in walk_no_defs(fn.body) if isinstance(node, (ast.Global, ast.Nonlocal))  # type: ignore[attr-defined]
            for n in node.names}


def reads(fn: ast.AST, names: set[str]) -> Iterator[ast.Name]:
    """Loads of module-level ``names`` in ``fn``'s body (not shadowed by a local), in source order."""
    local = local_names(fn) - globals_declared(fn)
    found = [n for n in walk_no_defs(fn.body)  # type: ignore[attr-defined]
             if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in names and n.id not in local]
    yield from sorted(found, key=lambda n: (n.lineno, n.col_offset))
