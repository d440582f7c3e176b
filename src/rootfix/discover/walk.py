"""Walks of a syntax tree, computed once per function and reused by every rule.

Forty rules each walk every function of the project, several times; re-walking the tree was most
of a cold ``check``'s time (``ast.iter_child_nodes`` alone was half of it on Django). The walks
of a *scope* (a module, class, function or lambda) are kept on the node itself, so they live
exactly as long as the tree; walks of smaller nodes (a statement, an expression) are not kept,
because a list per node would cost memory quadratic in the nesting depth.

Each function yields the nodes in the same order as the generator it replaces; callers must not
mutate the lists they get.
"""
from __future__ import annotations

import ast
from typing import Iterable, Iterator

_SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
#: statements whose walks are kept too: rules walk loops and their bodies again and again
_BLOCKS = (ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Try)
_KEPT = _SCOPES + _BLOCKS
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_DEFS_AND_LAMBDA = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def walk_tree(node: ast.AST) -> Iterable[ast.AST]:
    """``ast.walk(node)``: every node under ``node``, itself first, breadth first."""
    if not isinstance(node, _KEPT):
        return ast.walk(node)
    cached = node.__dict__.get("_rootfix_walk")
    if cached is None:
        cached = node._rootfix_walk = tuple(ast.walk(node))  # type: ignore[attr-defined]
    return cached


def _body_walk(node: ast.AST, stop: tuple[type, ...]) -> Iterator[ast.AST]:
    """Nodes under ``node`` (not itself), depth first from the last child; nodes of a ``stop``
    type are yielded but not entered."""
    return _depth_first(list(ast.iter_child_nodes(node)), stop)


def _depth_first(stack: list[ast.AST], stop: tuple[type, ...]) -> Iterator[ast.AST]:
    while stack:
        sub = stack.pop()
        yield sub
        if not isinstance(sub, stop):
            stack.extend(ast.iter_child_nodes(sub))


def walk_body(fn: ast.AST) -> Iterable[ast.AST]:
    """Every node inside ``fn`` (not ``fn``), not entering nested functions or classes; lambdas are entered."""
    return _cached(fn, "_rootfix_body", _DEFS)


def walk_no_defs(node: ast.AST) -> Iterable[ast.AST]:
    """Every node inside ``node`` (not ``node``); nested functions, lambdas and classes are yielded, not entered."""
    return _cached(node, "_rootfix_no_defs", _DEFS_AND_LAMBDA)


def _cached(node: ast.AST, key: str, stop: tuple[type, ...]) -> Iterable[ast.AST]:
    if not isinstance(node, _KEPT):
        return _body_walk(node, stop)
    cached = node.__dict__.get(key)
    if cached is None:
        cached = tuple(_body_walk(node, stop))
        setattr(node, key, cached)
    return cached


def walk_inside(nodes: list[ast.AST] | ast.AST) -> Iterator[ast.AST]:
    """``nodes`` and every node under them, depth first from the last, never yielding or entering
    a nested function, lambda or class under a root (a root that is one is walked)."""
    roots = list(nodes) if isinstance(nodes, list) else [nodes]
    for root in reversed(roots):
        yield root
        yield from _no_def_children(root)


def _no_def_children(root: ast.AST) -> Iterable[ast.AST]:
    if isinstance(root, _KEPT):
        cached = root.__dict__.get("_rootfix_inside")
        if cached is None:
            cached = root._rootfix_inside = tuple(_inside(root))  # type: ignore[attr-defined]
        return cached
    return _inside(root)


def _inside(root: ast.AST) -> Iterator[ast.AST]:
    stack = [c for c in ast.iter_child_nodes(root) if not isinstance(c, _DEFS_AND_LAMBDA)]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, _DEFS_AND_LAMBDA))


def walk_own(node: ast.AST) -> Iterable[ast.AST]:
    """The nodes of a function's body (not its arguments or decorators; a lambda's expression), depth
    first from the last; nested functions, lambdas and classes are yielded, not entered."""
    if not isinstance(node, _SCOPES):
        return _own(node)
    cached = node.__dict__.get("_rootfix_own")
    if cached is None:
        cached = node._rootfix_own = tuple(_own(node))  # type: ignore[attr-defined]
    return cached


def _own(node: ast.AST) -> Iterator[ast.AST]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        stack: list[ast.AST] = list(node.body)
    elif isinstance(node, ast.Lambda):
        stack = [node.body]
    else:
        stack = list(ast.iter_child_nodes(node))
    return _depth_first(stack, _DEFS_AND_LAMBDA)
