"""Module-level containers a job both fills and reads: state carried from one run to the next in a
long-running process. Pure functions over ``ast``."""
from __future__ import annotations

import ast
from typing import Iterator

from rootfix.rules.job._lib.blocks import walk_no_defs

CONTAINER_CALLS = frozenset({"dict", "set", "list", "defaultdict", "OrderedDict", "Counter", "deque",
                             "collections.defaultdict", "collections.OrderedDict", "collections.Counter",
                             "collections.deque"})
WRITE_METHODS = frozenset({"add", "append", "update", "setdefault", "extend", "insert", "appendleft"})
RESET_METHODS = frozenset({"clear", "pop", "popitem", "remove", "discard", "popleft"})


def is_container(expr: ast.expr) -> bool:
    if isinstance(expr, (ast.Dict, ast.Set, ast.List)) and not getattr(expr, "keys", getattr(expr, "elts", None)):
        return True
    return isinstance(expr, ast.Call) and ast.unparse(expr.func) in CONTAINER_CALLS


def uses(fn: ast.AST, name: str) -> tuple[list[ast.AST], list[ast.AST], bool]:
    """``(writes, reads, resets)`` of module-level ``name`` in ``fn``."""
    writes: list[ast.AST] = []
    reads: list[ast.AST] = []
    reset = False
    local = {n.id for n in walk_no_defs(fn.body) if isinstance(n, ast.Name)  # type: ignore[attr-defined]
             and isinstance(n.ctx, ast.Store)}
    declared_global = any(isinstance(n, ast.Global) and name in n.names for n in walk_no_defs(fn.body))  # type: ignore[attr-defined]
    if name in local and not declared_global:
        return [], [], False  # a local of the same name shadows it
    if declared_global and name in local:
        reset = True  # reassigned under `global`: the job resets it itself
    for node in walk_no_defs(fn.body):  # type: ignore[attr-defined]
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == name:
            (writes if isinstance(node.ctx, ast.Store) else reads).append(node)
            if isinstance(node.ctx, ast.Del):
                reset = True
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == name:
            if node.func.attr in WRITE_METHODS:
                writes.append(node)
                if node.func.attr == "setdefault":
                    reads.append(node)
            elif node.func.attr in RESET_METHODS:
                reset = True
            else:
                reads.append(node)  # .get(), .items(), .keys()
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in WRITE_METHODS and isinstance(node.func.value, ast.Subscript) \
                and isinstance(node.func.value.value, ast.Name) and node.func.value.value.id == name:
            writes.append(node)  # X[k].append(v) on a defaultdict
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            writes.append(node)
        elif isinstance(node, ast.Compare) and any(isinstance(c, ast.Name) and c.id == name for c in node.comparators):
            reads.append(node)
        elif isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, ast.Name) and node.iter.id == name:
            reads.append(node)
        elif isinstance(node, (ast.If, ast.While)) and _truthiness_of(node.test, name):
            reads.append(node)
    return writes, reads, reset


def _truthiness_of(test: ast.expr, name: str) -> bool:
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    return isinstance(test, ast.Name) and test.id == name


def module_containers(tree: ast.Module) -> Iterator[tuple[str, ast.Assign]]:
    """Module-level ``NAME = {}`` / ``set()`` / ``defaultdict(...)`` statements."""
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and is_container(stmt.value):
            yield stmt.targets[0].id, stmt
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None \
                and is_container(stmt.value):
            yield stmt.target.id, stmt  # type: ignore[misc]
