"""Offset pagers: loops that fetch a queryset page by page at a growing offset (pure functions over ``ast``).

A pager is either inline (``Model.objects.filter(...)[offset:offset + size]`` in the loop that processes
the rows) or a helper that is handed the queryset (``def iter_batches(queryset, size)``), which its callers
filter and then change.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from rootfix.rules.command._lib.writes import walk_no_defs

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo

ORDERED_BY_PK = ("pk", "id")


@dataclass(frozen=True)
class Pager:
    """``page`` slices ``source`` from ``offset`` on; the loop bumps ``offset`` by ``step``."""

    loop: ast.stmt
    page: ast.Subscript
    offset: str
    step: ast.expr


def bump(loop: ast.AST, name: str) -> ast.stmt | None:
    """``name += n`` (or ``name = name + n``) inside the loop."""
    for sub in walk_no_defs(loop):
        if isinstance(sub, ast.AugAssign) and isinstance(sub.target, ast.Name) and sub.target.id == name \
                and isinstance(sub.op, ast.Add):
            return sub
        if isinstance(sub, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in sub.targets) \
                and isinstance(sub.value, ast.BinOp) and isinstance(sub.value.op, ast.Add) \
                and isinstance(sub.value.left, ast.Name) and sub.value.left.id == name:
            return sub
    return None


def _step(stmt: ast.stmt) -> ast.expr:
    return stmt.value if isinstance(stmt, ast.AugAssign) else stmt.value.right  # type: ignore[attr-defined]


def range_offset(loop: ast.AST, name: str) -> bool:
    """``for name in range(0, total, size)``."""
    return (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and loop.target.id == name
            and isinstance(loop.iter, ast.Call) and isinstance(loop.iter.func, ast.Name)
            and loop.iter.func.id == "range" and len(loop.iter.args) == 3)


def offset_pages(fn: "FunctionInfo") -> Iterator[Pager]:
    """Every ``X[offset:...]`` in a loop of ``fn`` whose ``offset`` the loop bumps (or takes from a range)."""
    for loop in walk_no_defs(fn.node):
        if not isinstance(loop, (ast.While, ast.For)):
            continue
        for sub in walk_no_defs(loop):
            if not (isinstance(sub, ast.Subscript) and isinstance(sub.slice, ast.Slice)
                    and isinstance(sub.slice.lower, ast.Name)):
                continue
            name = sub.slice.lower.id
            bumped = bump(loop, name)
            if bumped is not None:
                yield Pager(loop, sub, name, _step(bumped))
            elif range_offset(loop, name):
                yield Pager(loop, sub, name, loop.iter.args[2])  # type: ignore[union-attr]


def derived_from(fn: "FunctionInfo", param: str) -> set[str]:
    """``param`` and the local names bound from it (``queryset = queryset.order_by("pk")``, ``qs = queryset.filter()``)."""
    names = {param}
    for sub in walk_no_defs(fn.node):
        if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
            root = sub.value
            while isinstance(root, (ast.Call, ast.Attribute)):
                root = root.func if isinstance(root, ast.Call) else root.value
            if isinstance(root, ast.Name) and root.id in names:
                names.add(sub.targets[0].id)
    return names


def handed_pager(fn: "FunctionInfo") -> tuple[Pager, str] | None:
    """The pager of a helper that pages through a queryset it is handed: ``(pager, parameter)``."""
    args = fn.node.args
    params = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs] if a.arg not in ("self", "cls")]
    for pager in offset_pages(fn):
        source = pager.page.value
        if not isinstance(source, ast.Name):
            continue
        for param in params:
            if source.id in derived_from(fn, param):
                return pager, param
    return None


def ordered_by_pk(fn: "FunctionInfo", source: ast.expr) -> bool:
    """The sliced queryset is ordered by primary key (``.order_by("pk")`` in its chain or its binding)."""
    chains = [source]
    if isinstance(source, ast.Name):
        chains += [s.value for s in walk_no_defs(fn.node) if isinstance(s, ast.Assign)
                   and any(isinstance(t, ast.Name) and t.id == source.id for t in s.targets)]
    for chain in chains:
        for node in ast.walk(chain):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "order_by" \
                    and len(node.args) == 1 and isinstance(node.args[0], ast.Constant) \
                    and node.args[0].value in ORDERED_BY_PK:
                return True
    return False


def keyset_edits(fn: "FunctionInfo", pager: Pager) -> list[tuple[ast.AST, str]] | None:
    """Source edits turning the offset pager into keyset pagination (``pk__gt`` the last row's pk), or None
    when that is not a faithful rewrite: the rows must be ordered by pk, fetched as a list the loop can take
    the last row of, the offset set once to 0 before the loop and used for nothing else, the queryset a name."""
    # a queryset bound to a name (a helper's parameter, ``pending = ...``): a chain written in the slice
    # would have to be spelled twice
    if not isinstance(pager.loop, ast.While) or not isinstance(pager.page.value, ast.Name) \
            or not ordered_by_pk(fn, pager.page.value):
        return None
    upper = pager.page.slice.upper  # type: ignore[union-attr]
    if pager.page.slice.step is not None or not (  # type: ignore[union-attr]
            isinstance(upper, ast.BinOp) and isinstance(upper.op, ast.Add) and isinstance(upper.left, ast.Name)
            and upper.left.id == pager.offset and ast.dump(upper.right) == ast.dump(pager.step)):
        return None
    uses = [n for n in walk_no_defs(fn.node) if isinstance(n, ast.Name) and n.id == pager.offset]
    inits = [s for s in fn.node.body if isinstance(s, ast.Assign) and len(s.targets) == 1
             and isinstance(s.targets[0], ast.Name) and s.targets[0].id == pager.offset
             and isinstance(s.value, ast.Constant) and s.value.value == 0]
    bumped = bump(pager.loop, pager.offset)
    # init, slice start, slice end, the bump (``offset = offset + size`` names it twice)
    if len(inits) != 1 or bumped is None or len(uses) != (4 if isinstance(bumped, ast.AugAssign) else 5):
        return None
    holder = next((s for s in walk_no_defs(pager.loop) if isinstance(s, ast.Assign) and len(s.targets) == 1
                   and isinstance(s.targets[0], ast.Name) and isinstance(s.value, ast.Call)
                   and isinstance(s.value.func, ast.Name) and s.value.func.id == "list"
                   and len(s.value.args) == 1 and s.value.args[0] is pager.page), None)
    if holder is None:
        return None
    page = holder.targets[0].id  # type: ignore[union-attr]
    source, step = ast.unparse(pager.page.value), ast.unparse(pager.step)
    return [
        (inits[0], "last_pk = None"),
        (pager.page, f"({source} if last_pk is None else {source}.filter(pk__gt=last_pk))[:{step}]"),
        (bumped, f"last_pk = {page}[-1].pk"),
    ]
