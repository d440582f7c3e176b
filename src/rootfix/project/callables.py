"""The project functions a "function argument" stands for, the way schedulers and queues receive them.

``scheduler.add_job(func, ...)``, ``app.add_periodic_task(10, func.s())``, ``queue.enqueue(func)``: the first
argument is rarely a plain name in real projects. It is a wrapper call (``add_job(with_fresh_db(job), ...)``),
or a loop variable over the project's own job table::

    JOBS = {"release_holds": (release_holds_job, "interval", {"minutes": 5}), ...}   # schedule.py

    for name, (func, trigger, args) in JOBS.items():                                # run_scheduler.py
        scheduler.add_job(_with_fresh_connection(func), trigger, id=name, **args)

:func:`callables_of` follows both forms back to the functions, with the table key as the job's name.
Pure and ``ast`` only: discovery and the project model's scope use the same answer.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

#: How many wrapper calls deep ``with_retry(with_db(job))`` is unwrapped.
_WRAP_DEPTH = 3


def function_ref(index: "RepoIndex", module: "ModuleInfo", node: ast.expr) -> "FunctionInfo | None":
    """The project function an argument names: ``f``, ``mod.f`` or a string ``"pkg.mod.f"`` / ``"pkg.mod:f"``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return index.lookup_function(node.value.replace(":", "."))
    if isinstance(node, (ast.Name, ast.Attribute)):
        dotted = index.resolve(module, node)
        return index.lookup_function(dotted) if dotted else None
    return None


def _table(index: "RepoIndex", module: "ModuleInfo", node: ast.expr) -> tuple["ModuleInfo", ast.expr] | None:
    """The module-level dict/list literal ``node`` names (``JOBS``, ``schedule.JOBS``) or a project function
    returns (``job_specs()``), with its module."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("items", "values"):
        node = node.func.value
    if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
        # ``for job_id, func, trigger in job_specs():`` a project function returning the table literal
        maker = function_ref(index, module, node.func)
        returns = [r.value for r in walk_tree(maker.node) if isinstance(r, ast.Return)] if maker is not None else []
        if len(returns) == 1 and isinstance(returns[0], (ast.Dict, ast.List, ast.Tuple)):
            return index.module_of(maker), returns[0]
        return None
    if not isinstance(node, (ast.Name, ast.Attribute)):
        return None
    if isinstance(node, ast.Name) and node.id in module.assignments:
        value = _literal_table(module.assignments[node.id])
        return (module, value) if value is not None else None
    dotted = index.resolve(module, node)
    if not dotted or "." not in dotted:
        return None
    owner, _, attr = dotted.rpartition(".")
    info = index.modules.get(owner)
    value = _literal_table(info.assignments.get(attr)) if info is not None else None
    return (info, value) if info is not None and value is not None else None


def _literal_table(value: ast.expr | None) -> ast.expr | None:
    """A dict/list/tuple literal; for ``{job.name: job for job in (A, B)}`` the literal the entries come from."""
    if isinstance(value, (ast.Dict, ast.List, ast.Tuple)):
        return value
    if isinstance(value, (ast.DictComp, ast.ListComp, ast.SetComp)) and len(value.generators) == 1:
        gen = value.generators[0]
        element = value.value if isinstance(value, ast.DictComp) else value.elt
        if isinstance(gen.iter, (ast.List, ast.Tuple)) and isinstance(gen.target, ast.Name) \
                and isinstance(element, ast.Name) and element.id == gen.target.id and not gen.ifs:
            return gen.iter
    return None


def _loop_binding(fn: "FunctionInfo", name: str) -> tuple[ast.For, tuple[int, ...]] | None:
    """The ``for`` loop of ``fn`` that binds ``name``, and where in its target: ``for name, (func, t) in ...``
    binds ``func`` at (1, 0)."""

    def find(target: ast.expr, path: tuple[int, ...]) -> tuple[int, ...] | None:
        if isinstance(target, ast.Name):
            return path if target.id == name else None
        if isinstance(target, (ast.Tuple, ast.List)):
            for i, elt in enumerate(target.elts):
                hit = find(elt, (*path, i))
                if hit is not None:
                    return hit
        return None

    for node in walk_tree(fn.node):
        if isinstance(node, (ast.For, ast.AsyncFor)):
            path = find(node.target, ())
            if path is not None:
                return node, path
    return None


def _pick(value: ast.expr, path: tuple[int, ...]) -> ast.expr | None:
    for i in path:
        if not isinstance(value, (ast.Tuple, ast.List)) or i >= len(value.elts):
            return None
        value = value.elts[i]
    return value


def _table_entries(loop: ast.For, table: ast.expr, path: tuple[int, ...]) -> Iterator[tuple[str | None, ast.expr]]:
    """(key, the expression bound at ``path``) for every entry of the table the loop iterates."""
    call = loop.iter.func.attr if isinstance(loop.iter, ast.Call) and isinstance(loop.iter.func, ast.Attribute) \
        else None
    if isinstance(table, ast.Dict):
        for k, v in zip(table.keys, table.values):
            key = k.value if isinstance(k, ast.Constant) and isinstance(k.value, str) else None
            if call == "items":  # for key, value in D.items(): path[0] is 0 (the key) or 1 (the value)
                picked = _pick(v, path[1:]) if path and path[0] == 1 else None
            elif call == "values":
                picked = _pick(v, path)
            else:  # for key in D: the keys are names, not the jobs
                picked = None
            if picked is not None:
                yield key, picked
    else:
        for elt in table.elts:  # type: ignore[union-attr]
            picked = _pick(elt, path)
            if picked is not None:
                key = None
                if isinstance(elt, (ast.Tuple, ast.List)) and elt.elts and isinstance(elt.elts[0], ast.Constant) \
                        and isinstance(elt.elts[0].value, str):
                    key = elt.elts[0].value
                yield key, picked


def callables_of(index: "RepoIndex", module: "ModuleInfo", node: ast.expr | None,
                 within: "FunctionInfo | None" = None) -> list[tuple[str | None, "FunctionInfo"]]:
    """(name or None, function) for each project function ``node`` stands for: a reference or dotted
    string, through project wrapper calls, and through a loop variable over a job table."""
    if node is None:
        return []
    return list(_callables(index, module, node, within, _WRAP_DEPTH))


def _callables(index: "RepoIndex", module: "ModuleInfo", node: ast.expr, within: "FunctionInfo | None",
               depth: int) -> Iterator[tuple[str | None, "FunctionInfo"]]:
    if isinstance(node, ast.Call) and depth > 0:
        wrapper = function_ref(index, module, node.func) if isinstance(node.func, (ast.Name, ast.Attribute)) else None
        if wrapper is not None:  # with_fresh_db(job): the job runs inside the project's wrapper
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                yield from _callables(index, module, arg, within, depth - 1)
        return
    if isinstance(node, ast.Name) and within is not None and node.id not in module.assignments:
        bound = _loop_binding(within, node.id)
        if bound is not None:
            loop, path = bound
            found = _table(index, module, loop.iter)
            if found is not None:
                tmodule, table = found
                for key, expr in _table_entries(loop, table, path):
                    fn = function_ref(index, tmodule, expr)
                    if fn is not None:
                        yield key, fn
            return
    fn = function_ref(index, module, node)
    if fn is not None:
        entries = dispatch_entries(index, fn)
        if entries:  # run_job(name) -> JOBS[name](): the scheduler runs the jobs of the table
            yield from entries
            return
        yield None, fn


def dispatch_entries(index: "RepoIndex", fn: "FunctionInfo") -> list[tuple[str | None, "FunctionInfo"]]:
    """(key, function) for each entry of the table ``fn`` dispatches through by one of its parameters
    (``def run_job(name): return JOBS[name]()``); empty when it does not."""
    params = {a.arg for a in [*fn.node.args.posonlyargs, *fn.node.args.args, *fn.node.args.kwonlyargs]}
    module = index.module_of(fn)
    for node in walk_tree(fn.node):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Subscript)
                and isinstance(node.func.slice, ast.Name) and node.func.slice.id in params):
            continue
        found = _table(index, module, node.func.value)
        if found is None or not isinstance(found[1], ast.Dict):
            continue
        owner, table = found
        out = []
        for k, v in zip(table.keys, table.values):
            target = function_ref(index, owner, v) if v is not None else None
            if target is not None:
                out.append((k.value if isinstance(k, ast.Constant) and isinstance(k.value, str) else None, target))
        if out:
            return out
    return []


def dispatched(index: "RepoIndex", module: "ModuleInfo", call: ast.Call) -> list["FunctionInfo"]:
    """The project functions a call through a dispatch table may run: ``JOBS[name]()``,
    ``HANDLERS.get(kind)(...)`` where the table is a module-level dict / list literal of function references
    (``JOBS = {"sheet": build_sheet, ...}``): every function the table holds."""
    return table_functions(index, module, call.func)


def _table_values(index: "RepoIndex", module: "ModuleInfo", lookup: ast.expr) -> tuple["ModuleInfo", list[ast.expr]] | None:
    """The entries of the dispatch table ``lookup`` reads (``JOBS[name]``, ``JOBS.get(name)``), with its module;
    an entry that is a tuple counts as its items."""
    if isinstance(lookup, ast.Subscript):
        table_expr = lookup.value
    elif isinstance(lookup, ast.Call) and isinstance(lookup.func, ast.Attribute) and lookup.func.attr == "get":
        table_expr = lookup.func.value
    else:
        return None
    found = _table(index, module, table_expr)
    if found is None:
        return None
    owner, table = found
    values = table.values if isinstance(table, ast.Dict) else table.elts
    items = [item for value in values if value is not None
             for item in (value.elts if isinstance(value, (ast.Tuple, ast.List)) else [value])]
    return owner, items


def table_classes(index: "RepoIndex", module: "ModuleInfo", lookup: ast.expr) -> list[tuple["ModuleInfo", ast.ClassDef]]:
    """The project classes a dispatch table holds (``JOBS = {"curtailment": CurtailmentJob}``)."""
    found = _table_values(index, module, lookup)
    if found is None:
        return []
    owner, items = found
    out = []
    for item in items:
        dotted = index.resolve(owner, item) if isinstance(item, (ast.Name, ast.Attribute)) else None
        cls = index.lookup_class(dotted) if dotted else None
        if cls is not None:
            out.append(cls)
    return out


def table_functions(index: "RepoIndex", module: "ModuleInfo", lookup: ast.expr) -> list["FunctionInfo"]:
    """Every project function a lookup in a dispatch table may give: ``JOBS[name]``, ``JOBS.get(name)``;
    an entry may be a tuple of functions (``REPORTS = {"genre": (run_genre, save_genre)}``)."""
    found = _table_values(index, module, lookup)
    if found is None:
        return []
    owner, items = found
    return [target for item in items if (target := function_ref(index, owner, item)) is not None]


def passed_argument(fn: "FunctionInfo", call: ast.Call, param: str) -> ast.expr | None:
    """The expression ``call`` passes for ``fn``'s parameter ``param``: by keyword, or by position (a method's
    callers do not pass ``self``/``cls``; a staticmethod's pass every parameter). None when the call passes
    none, or a ``*args`` before it hides which one it is."""
    for kw in call.keywords:
        if kw.arg == param:
            return kw.value
    positional = [a.arg for a in [*fn.node.args.posonlyargs, *fn.node.args.args]]
    if fn.class_name and positional and positional[0] in ("self", "cls"):
        positional = positional[1:]
    pos = positional.index(param) if param in positional else -1
    if pos < 0 or pos >= len(call.args) or any(isinstance(a, ast.Starred) for a in call.args[:pos + 1]):
        return None
    return call.args[pos]
