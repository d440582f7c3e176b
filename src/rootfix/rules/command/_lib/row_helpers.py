"""Lookups one call away from the loop over input rows: the per-row helper (pure functions over the index).

An import loop often hands each row to a helper (``_process_row(row, ...)``) inside ``try: ... except RowError``,
and the helper looks the row's code up through a service function (``find_open_loan(barcode)``, whose
``qs.get(...)`` raises ``Loan.DoesNotExist`` on a miss). The miss is not the ``RowError`` the loop rejects, so it
escapes the loop and aborts the whole run, exactly as a ``.get()`` in the loop body does.

:func:`helper_lookups` finds them: in a function called from a row loop with a row value, a ``.get()`` keyed by
that value, or a call with it of a project function that returns a ``.get()`` it does not handle; and the
exception class the caller's loop rejects rows with, when it catches one of the project's own around the call.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from rootfix.rules.command._lib.lookups import _handler_names, _model_of_get, _row_vars, covered
from rootfix.rules.command._lib.writes import is_rows, row_bindings, walk_no_defs
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex


@dataclass(frozen=True)
class HelperLookup:
    """A lookup that misses for an unknown row value, in a helper the row loop calls."""

    call: ast.Call  # the ``.get()``, or the call of the function that does it
    stmt: ast.stmt  # the helper's statement holding ``call``, directly in its body
    model: str | None  # the model whose ``DoesNotExist`` escapes (its name as the helper can spell it)
    value: ast.expr  # the row value the lookup is keyed by
    field: str  # the keyword or parameter it is passed as
    #: the exception the caller's loop rejects a row with (a project class, as the helper's module names it)
    reject_with: str | None


def _derived(fn: ast.FunctionDef | ast.AsyncFunctionDef, params: set[str]) -> set[str]:
    """``params`` and the locals computed from them (``barcode = row.get(...).strip()``)."""
    names = set(params)
    changed = True
    while changed:
        changed = False
        for sub in walk_no_defs(fn):
            if isinstance(sub, ast.Assign) and any(isinstance(n, ast.Name) and n.id in names for n in walk_tree(sub.value)):
                new = {t.id for t in sub.targets if isinstance(t, ast.Name)} - names
                if new and not (isinstance(sub.value, ast.Call) and isinstance(sub.value.func, ast.Attribute)
                                and sub.value.func.attr == "get" and not sub.value.args and sub.value.keywords):
                    names |= new
                    changed = True
    return names


def _raises_miss(index: "RepoIndex", target: "FunctionInfo") -> tuple[str, str] | None:
    """``(model, parameter)`` when ``target`` returns ``<queryset>.get(<field>=<its parameter>)`` without
    handling the miss (``find_open_loan(barcode)``: ``return qs.get(item_barcode=normalize(barcode))``)."""
    node = target.node
    params = {a.arg for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]} - {"self", "cls"}
    querysets: dict[str, str] = {}
    for sub in walk_no_defs(node):  # qs = Loan.objects...; qs = qs.filter(...)
        if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name) \
                and isinstance(sub.value, ast.Call) and isinstance(sub.value.func, ast.Attribute):
            model = _model_of_get(sub.value.func) or _chain_model(sub.value.func, querysets)
            if model:
                querysets.setdefault(sub.targets[0].id, model)
    for sub in walk_no_defs(node):
        if not isinstance(sub, ast.Return) or not isinstance(sub.value, ast.Call):
            continue
        call = sub.value
        if not (isinstance(call.func, ast.Attribute) and call.func.attr == "get" and not call.args and call.keywords):
            continue
        model = _model_of_get(call.func) or _chain_model(call.func, querysets)
        keyed = next((p for k in call.keywords for p in params
                      if any(isinstance(n, ast.Name) and n.id == p for n in walk_tree(k.value))), None)
        if model and keyed and not covered(node, call):
            return model, keyed
    return None


def _chain_model(func: ast.Attribute, querysets: dict[str, str]) -> str | None:
    expr: ast.expr = func.value
    while isinstance(expr, (ast.Call, ast.Attribute)):
        expr = expr.func if isinstance(expr, ast.Call) else expr.value
    return querysets.get(expr.id) if isinstance(expr, ast.Name) else None


def _statement_in(fn: ast.AST, node: ast.AST) -> ast.stmt | None:
    """The statement of ``fn``'s own body (not in a loop, ``try`` or nested block) that holds ``node``."""
    for stmt in getattr(fn, "body", []):
        if any(n is node for n in walk_tree(stmt)):
            return stmt if not isinstance(stmt, (ast.For, ast.While, ast.If, ast.With, ast.Try)) else None
    return None


def _row_callers(index: "RepoIndex", fn: "FunctionInfo") -> Iterator[tuple["FunctionInfo", ast.Call, ast.For, set[str]]]:
    """``(caller, call, loop, params)``: ``fn`` called in a loop over input rows with row values, ``params``
    the parameters of ``fn`` they are passed as."""
    node = fn.node
    positional = [a.arg for a in [*node.args.posonlyargs, *node.args.args]]
    if fn.class_name and positional and positional[0] in ("self", "cls"):
        positional = positional[1:]
    for caller, call in index.callers(fn):
        for loop, row_vars in _row_loops(index, caller):
            if not any(n is call for n in walk_tree(loop)):
                continue
            passed = [(positional[i], a) for i, a in enumerate(call.args) if i < len(positional)
                      and not isinstance(a, ast.Starred)] + [(k.arg, k.value) for k in call.keywords if k.arg]
            params = {p for p, a in passed if any(isinstance(n, ast.Name) and n.id in row_vars for n in walk_tree(a))}
            if params:
                yield caller, call, loop, params


def _row_loops(index: "RepoIndex", fn: "FunctionInfo") -> list[tuple[ast.For, set[str]]]:
    """The loops of ``fn`` over input rows, each with its row variables (once per function of the index)."""
    cache = index.__dict__.setdefault("_rootfix_row_loops", {})
    if fn.qualname not in cache:
        module = index.module_of(fn)
        resolve = lambda expr: index.resolve(module, expr)  # noqa: E731
        rows = row_bindings(fn.node, resolve)
        cache[fn.qualname] = [(loop, _row_vars(loop)) for loop in walk_no_defs(fn.node)
                              if isinstance(loop, (ast.For, ast.AsyncFor)) and is_rows(loop.iter, rows, resolve)]
    return cache[fn.qualname]


def _rejects_with(index: "RepoIndex", caller: "FunctionInfo", call: ast.Call, loop: ast.For,
                  helper_module: "ModuleInfo") -> str | None:
    """The project exception the loop's ``try`` around ``call`` turns into a rejected row (its handler records
    it and goes on), as ``helper_module`` names it; None when there is none or a handler already catches a miss."""
    module = index.module_of(caller)
    for sub in walk_no_defs(ast.Module(body=loop.body, type_ignores=[])):
        if not isinstance(sub, ast.Try) or not any(n is call for st in sub.body for n in walk_tree(st)):
            continue
        for handler in sub.handlers:
            if not isinstance(handler.type, ast.Name):
                continue
            body = handler.body
            if not (body and isinstance(body[-1], ast.Continue)):
                continue
            dotted = index.resolve(module, handler.type) or ""
            if index.lookup_class(dotted) is None:
                continue  # a built-in or a library's error: raising it would say nothing of the row
            cls_name = dotted.rsplit(".", 1)[-1]
            local = next((name for name, target in helper_module.imports.items() if target == dotted), None)
            if local is None and cls_name in helper_module.classes:
                local = cls_name
            return local
    return None


def _misses(index: "RepoIndex", target: "FunctionInfo") -> tuple[str, str] | None:
    """:func:`_raises_miss`, once per function of the index."""
    cache = index.__dict__.setdefault("_rootfix_raises_miss", {})
    if target.qualname not in cache:
        cache[target.qualname] = _raises_miss(index, target)
    return cache[target.qualname]


def _returning_get(index: "RepoIndex") -> frozenset[str]:
    """Names of the project functions that return a ``.get(<keyword>=...)`` (cheap: return statements only)."""
    cache = index.__dict__.get("_rootfix_returning_get")
    if cache is None:
        names = set()
        for f in index.functions.values():
            if ".get(" not in index.module_of(f).source:
                continue
            for sub in walk_tree(f.node):
                if isinstance(sub, ast.Return) and isinstance(sub.value, ast.Call) \
                        and isinstance(sub.value.func, ast.Attribute) and sub.value.func.attr == "get" \
                        and not sub.value.args and sub.value.keywords:
                    names.add(f.node.name)
                    break
        cache = index.__dict__["_rootfix_returning_get"] = frozenset(names)
    return cache


def _candidates(index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo") -> bool:
    """``fn`` has a lookup keyed by something it is handed at all (cheap: no caller looked at yet)."""
    node = fn.node
    params = {a.arg for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]} - {"self", "cls"}
    if not params:
        return False
    for sub in walk_no_defs(node):
        if not isinstance(sub, ast.Call):
            continue
        if isinstance(sub.func, ast.Attribute) and sub.func.attr == "get" and not sub.args and sub.keywords:
            return True
        name = sub.func.id if isinstance(sub.func, ast.Name) else sub.func.attr \
            if isinstance(sub.func, ast.Attribute) else None
        if sub.args and name in _returning_get(index):
            target = index.resolve_call(module, sub, fn.class_name)
            if target is not None and target.qualname != fn.qualname and _misses(index, target) is not None:
                return True
    return False


def helper_lookups(index: "RepoIndex", fn: "FunctionInfo") -> list[HelperLookup]:
    """The lookups of ``fn`` that miss for an unknown value of the row its caller's loop hands it."""
    out: list[HelperLookup] = []
    module = index.module_of(fn)
    if not _candidates(index, module, fn):
        return out
    for caller, call_site, loop, params in _row_callers(index, fn):
        if covered(caller.node, call_site):
            continue  # the loop handles a miss around the helper
        names = _derived(fn.node, params)
        for sub in walk_no_defs(fn.node):
            if not isinstance(sub, ast.Call) or covered(fn.node, sub):
                continue
            found: tuple[str | None, ast.expr, str] | None = None
            if isinstance(sub.func, ast.Attribute) and sub.func.attr == "get" and not sub.args and sub.keywords:
                model = _model_of_get(sub.func)
                keyed = next((k for k in sub.keywords if k.arg and any(
                    isinstance(n, ast.Name) and n.id in names for n in walk_tree(k.value))), None)
                if model and keyed:
                    found = (model, keyed.value, keyed.arg or "")
            else:
                target = index.resolve_call(module, sub, fn.class_name)
                miss = _misses(index, target) if target is not None and target.qualname != fn.qualname else None
                arg = next((a for a in sub.args if any(isinstance(n, ast.Name) and n.id in names
                                                       for n in walk_tree(a))), None)
                if miss is not None and arg is not None:
                    model = miss[0] if miss[0] in module.imports or miss[0] in module.classes else None
                    found = (model, arg, miss[1])
            if found is None:
                continue
            stmt = _statement_in(fn.node, sub)
            if stmt is None:
                continue
            out.append(HelperLookup(sub, stmt, found[0], found[1], found[2],
                                    _rejects_with(index, caller, call_site, loop, module)))
        break  # one caller's loop says how rows are handled
    return out
