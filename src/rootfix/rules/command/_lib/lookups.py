"""Lookups keyed by a value of an input row, and the loop's own "reject and continue" path (pure ``ast``).

Shared by the C4 rules: which ``.get()`` in a loop over input rows raises ``DoesNotExist`` for an unknown
value, whether a handler covers it, and how the loop already records a bad row it skips.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Iterator

from rootfix.rules.command._lib.writes import Resolver, is_rows, row_bindings, walk_no_defs
from rootfix.discover.walk import walk_tree

#: handlers that cover a failed lookup
MISS_HANDLERS = frozenset({"DoesNotExist", "ObjectDoesNotExist", "Exception", "BaseException", "Http404",
                           "LookupError"})
#: calls whose result is not a row value but an object fetched with one (its own lookup is reported)
_FETCHES = frozenset({"get", "first", "last", "get_or_create", "update_or_create", "create", "get_object_or_404"})


@dataclass(frozen=True)
class Lookup:
    """One ``.get()`` keyed by a row value."""

    loop: ast.For | ast.AsyncFor
    call: ast.Call
    stmt: ast.stmt  # the statement holding the call, directly in the loop (not in a nested loop)
    model: str | None  # ``Item`` for ``Item.objects.get`` / ``get_object_or_404(Item, ...)``; None: related manager
    field: str  # the keyword the row value is passed as
    value: ast.expr  # the row value
    shortcut: bool  # ``get_object_or_404`` (raises ``Http404``)


@dataclass(frozen=True)
class Reject:
    """How the loop records a row it skips: ``errors.append(...)`` / ``self.stderr.write(...)`` then ``continue``,
    or a handler at the end of the loop that counts the row (``except BookingError: skipped += 1``)."""

    call: ast.Call | None
    message: ast.expr | None  # the string argument naming the problem, if any
    stmts: tuple[ast.stmt, ...] = ()  # a counting handler's statements, repeated as they are
    bound: str | None = None  # the ``except ... as NAME`` name the copied statements read, to bind again


def _parents(root: ast.AST) -> dict[int, ast.AST]:
    out: dict[int, ast.AST] = {}
    for node in walk_tree(root):
        for child in ast.iter_child_nodes(node):
            out[id(child)] = node
    return out


def _row_vars(loop: ast.For | ast.AsyncFor) -> set[str]:
    """The loop's target names and the names assigned from them in its body (not objects fetched with them)."""
    names = {n.id for n in walk_tree(loop.target) if isinstance(n, ast.Name)}
    changed = True
    while changed:
        changed = False
        for sub in walk_no_defs(ast.Module(body=loop.body, type_ignores=[])):
            if not isinstance(sub, (ast.Assign, ast.AnnAssign)) or sub.value is None:
                continue
            value = sub.value
            if isinstance(value, ast.Call) and (isinstance(value.func, ast.Attribute) and value.func.attr in _FETCHES
                                                or isinstance(value.func, ast.Name) and value.func.id in _FETCHES):
                continue
            if any(isinstance(n, ast.Name) and n.id in names for n in walk_tree(value)):
                targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
                new = {n.id for t in targets for n in walk_tree(t) if isinstance(n, ast.Name)} - names
                if new:
                    names |= new
                    changed = True
    return names


def _model_of_get(func: ast.Attribute) -> str | None:
    """``Item`` for ``Item.objects.get`` / ``Item.objects.filter(...).get``; None for a related manager."""
    expr: ast.expr = func.value
    while True:
        if isinstance(expr, ast.Call):
            expr = expr.func
        elif isinstance(expr, ast.Attribute):
            if expr.attr in ("objects", "_default_manager", "_base_manager") and isinstance(expr.value, ast.Name):
                return expr.value.id if expr.value.id[:1].isupper() else None
            expr = expr.value
        else:
            return None


_QUERYSET_METHODS = frozenset({"filter", "exclude", "all", "select_related", "prefetch_related", "only", "defer",
                               "order_by", "using", "annotate"})
_NOT_MANAGERS = re.compile(r"(session|client|http|api|requests|cache|redis|config|settings|environ|response|"
                           r"params|headers|cookies|meta|kwargs|options|data)$", re.I)


def _related_manager(receiver: ast.expr, resolve: Resolver) -> bool:
    """``supplier.prices`` / ``order.line_set`` / ``x.items.filter(...)``: a related manager or queryset, not an
    HTTP client, a cache or an imported module."""
    expr = receiver
    while isinstance(expr, (ast.Call, ast.Attribute)):
        if isinstance(expr, ast.Call):
            if isinstance(expr.func, ast.Attribute) and expr.func.attr in _QUERYSET_METHODS:
                return True
            expr = expr.func
        else:
            if expr.attr.endswith("_set"):
                return True
            expr = expr.value
    if not isinstance(receiver, ast.Attribute) or _NOT_MANAGERS.search(receiver.attr):
        return False
    root = receiver.value  # a local object (not ``self``, not a module-level client or an import)
    if not isinstance(root, ast.Name) or root.id == "self":
        return False
    dotted = resolve(root)  # a local resolves to itself (or nothing); an import to its dotted path
    return dotted is None or "." not in dotted


def _handler_names(handler: ast.ExceptHandler) -> list[str]:
    if handler.type is None:
        return ["BaseException"]
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return [n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else "" for n in names]


def covered(fn: ast.AST, node: ast.AST) -> bool:
    """``node`` sits in the body of a ``try`` of ``fn`` whose handlers catch a failed lookup."""
    for sub in walk_no_defs(fn):
        if isinstance(sub, ast.Try) and any(node is n for stmt in sub.body for n in walk_tree(stmt)):
            if any(set(_handler_names(h)) & MISS_HANDLERS for h in sub.handlers):
                return True
    return False


def _checked_first(loop: ast.For | ast.AsyncFor, value: ast.expr) -> bool:
    """The loop checks the value exists before the lookup: ``if not X.objects.filter(k=v).exists(): continue``."""
    text = ast.unparse(value)
    for sub in walk_no_defs(ast.Module(body=loop.body, type_ignores=[])):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr in ("exists", "count"):
            inner = sub.func.value
            if isinstance(inner, ast.Call) and any(ast.unparse(k.value) == text for k in inner.keywords):
                return True
    return False


def row_lookups(fn: ast.FunctionDef | ast.AsyncFunctionDef, resolve: Resolver) -> Iterator[Lookup]:
    """``.get()`` / ``get_object_or_404()`` calls keyed by a value of the rows a loop of ``fn`` walks, with no
    handler for the miss."""
    rows = row_bindings(fn, resolve)
    parents = _parents(fn)
    for loop in walk_no_defs(fn):
        if not isinstance(loop, (ast.For, ast.AsyncFor)) or not is_rows(loop.iter, rows, resolve):
            continue
        row_vars = _row_vars(loop)
        for call in walk_no_defs(ast.Module(body=loop.body, type_ignores=[])):
            if not isinstance(call, ast.Call):
                continue
            shortcut = (resolve(call.func) or "").endswith("get_object_or_404") or (
                isinstance(call.func, ast.Name) and call.func.id == "get_object_or_404")
            if shortcut:
                if not call.args or not isinstance(call.args[0], ast.Name):
                    continue
                model: str | None = call.args[0].id
            elif isinstance(call.func, ast.Attribute) and call.func.attr == "get" and not call.args \
                    and call.keywords and not (isinstance(call.func.value, ast.Name)
                                               and call.func.value.id in row_vars):
                # keyword-only ``.get(code=...)``: a queryset / manager (``dict.get`` takes positional keys)
                model = _model_of_get(call.func)
                if model is None and not _related_manager(call.func.value, resolve):
                    continue  # ``requests.get(url=...)``, ``self.session.get(...)``, ``cache.get(key=...)``
            else:
                continue
            keyed = [k for k in call.keywords if k.arg and any(isinstance(n, ast.Name) and n.id in row_vars
                                                              for n in walk_tree(k.value))]
            if not keyed or covered(fn, call) or _checked_first(loop, keyed[0].value):
                continue
            # the statement directly in this loop (a nested loop's ``continue`` would be another loop's)
            node: ast.AST = call
            nested = False
            while parents.get(id(node)) is not loop:
                node = parents[id(node)]
                if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
                    nested = True
                    break
            if nested:
                continue
            stmt = call
            walker: ast.AST = call
            while not isinstance(walker, ast.stmt):
                walker = parents[id(walker)]
            stmt = walker
            yield Lookup(loop, call, stmt, model, keyed[0].arg or "", keyed[0].value, shortcut)


def _reads(node: ast.AST, name: str | None) -> bool:
    return name is not None and any(isinstance(n, ast.Name) and n.id == name for n in walk_tree(node))


def reject_path(loop: ast.For | ast.AsyncFor) -> Reject | None:
    """The loop's own way of skipping a bad row: a block ending in ``continue`` right after a call that
    records it (``report.rejected.append(...)``, ``errors.append(...)``, ``self.stderr.write(...)``,
    ``logger.warning(...)``)."""
    blocks: list[tuple[list[ast.stmt], str | None]] = []
    for sub in walk_no_defs(ast.Module(body=loop.body, type_ignores=[])):
        if isinstance(sub, (ast.For, ast.AsyncFor, ast.While)):
            continue
        if isinstance(sub, ast.If):
            blocks += [(sub.body, None), (sub.orelse, None)]
        elif isinstance(sub, ast.Try):
            blocks += [(h.body, h.name) for h in sub.handlers]
    found: list[Reject] = []
    for block, name in sorted(blocks, key=lambda b: b[0][0].lineno if b[0] else 0):
        if len(block) >= 2 and isinstance(block[-1], ast.Continue) and isinstance(block[-2], ast.Expr) \
                and isinstance(block[-2].value, ast.Call) and isinstance(block[-2].value.func, ast.Attribute) \
                and block[-2].value.func.attr in ("append", "write", "warning", "warn", "error", "info",
                                                   "exception", "add", "record", "reject", "skip"):
            call = block[-2].value
            message = next((n for n in walk_tree(call) if isinstance(n, ast.JoinedStr)
                            or isinstance(n, ast.Constant) and isinstance(n.value, str)), None)
            found.append(Reject(call, message, bound=name if _reads(call, name) else None))
    # a reject that states its own message reads best for a missing value (``str(exc)`` of a handler
    # for another error would say nothing of which value was missing)
    if found:
        return next((r for r in found if r.message is not None and r.bound is None), found[0])
    last = loop.body[-1] if loop.body else None
    if isinstance(last, ast.Try) and not last.finalbody:
        for handler in last.handlers:
            body = handler.body
            if body and all(isinstance(st, ast.AugAssign) and isinstance(st.target, ast.Name)
                            or isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) for st in body) \
                    and any(isinstance(st, ast.AugAssign) for st in body):
                name = handler.name
                return Reject(None, None, tuple(body), bound=name if any(_reads(st, name) for st in body) else None)
    return None
