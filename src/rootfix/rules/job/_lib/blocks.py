"""Statement blocks of a function, and the acquire ... release pairs found in them.

A *pair* is a statement that takes something (a lock, a temp file) and a later statement of the
same block that gives it back. When the release sits on the straight-line path only, any exception
(or early ``return``) between the two leaves the resource taken.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Callable, Iterator
from rootfix.discover import walk
from rootfix.discover.walk import walk_tree

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
TERMINATORS = (ast.Return, ast.Raise, ast.Continue, ast.Break)


def walk_no_defs(nodes: list[ast.AST] | ast.AST) -> Iterator[ast.AST]:
    """Every node under ``nodes`` without entering nested functions, lambdas or classes."""
    return walk.walk_inside(nodes)


def blocks(fn: ast.AST) -> Iterator[list[ast.stmt]]:
    """Every statement list in ``fn`` (its body, loop/if/with/try bodies), nested defs excluded."""
    todo: list[list[ast.stmt]] = [fn.body]  # type: ignore[attr-defined]
    while todo:
        body = todo.pop(0)
        yield body
        for stmt in body:
            if isinstance(stmt, DEFS):
                continue
            for name in ("body", "orelse", "finalbody"):
                sub = getattr(stmt, name, None)
                if isinstance(sub, list) and sub and isinstance(sub[0], ast.stmt):
                    todo.append(sub)
            for handler in getattr(stmt, "handlers", []) or []:
                todo.append(handler.body)
            for case in getattr(stmt, "cases", []) or []:
                todo.append(case.body)


def calls_in(stmt: ast.AST) -> list[ast.Call]:
    """Calls in ``stmt`` in source order (for an ``if``/``with``/loop: only its header, not its body)."""
    if isinstance(stmt, ast.If) or isinstance(stmt, ast.While):
        roots: list[ast.AST] = [stmt.test]
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        roots = [i.context_expr for i in stmt.items]
    elif isinstance(stmt, (ast.For, ast.AsyncFor)):
        roots = [stmt.iter]
    elif isinstance(stmt, ast.Try):
        roots = []
    else:
        roots = [stmt]
    found = [n for r in roots for n in walk_no_defs(r) if isinstance(n, ast.Call)]
    return sorted(found, key=lambda c: (c.lineno, c.col_offset))


def bound_names(stmt: ast.stmt) -> set[str]:
    """Names a statement binds (assignment targets, ``with ... as``, walrus)."""
    out: set[str] = set()
    targets: list[ast.AST] = []
    if isinstance(stmt, ast.Assign):
        targets = list(stmt.targets)
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        targets = [stmt.target]
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        targets = [i.optional_vars for i in stmt.items if i.optional_vars is not None]
    for t in targets:
        out |= {n.id for n in walk_tree(t) if isinstance(n, ast.Name)}
    for node in walk_no_defs(stmt if not isinstance(stmt, (ast.If, ast.While)) else stmt.test):
        if isinstance(node, ast.NamedExpr):
            out.add(node.target.id)
    return out


def is_guard(stmt: ast.stmt, names: set[str]) -> bool:
    """``if not acquired: return`` - an ``if`` on the acquisition's result whose body leaves."""
    if not isinstance(stmt, ast.If) or stmt.orelse:
        return False
    used = {n.id for n in walk_tree(stmt.test) if isinstance(n, ast.Name)}
    return bool(used & names) and isinstance(stmt.body[-1], TERMINATORS)


def leaves(stmt: ast.stmt) -> bool:
    """``if`` statement whose body ends by leaving the function (the acquisition failed: nothing to release)."""
    return isinstance(stmt, ast.If) and not stmt.orelse and isinstance(stmt.body[-1], TERMINATORS)


def broad_handler(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = [handler.type] if not isinstance(handler.type, ast.Tuple) else list(handler.type.elts)
    return any((isinstance(n, ast.Name) and n.id in ("Exception", "BaseException"))
               or (isinstance(n, ast.Attribute) and n.attr in ("Exception", "BaseException")) for n in names)


def reraises(body: list[ast.stmt]) -> bool:
    return any(isinstance(n, ast.Raise) for n in walk_no_defs(body))


@dataclass(frozen=True)
class Pair:
    """``acquire_stmt`` takes the resource; ``body[start:release]`` is the work between;
    ``body[release:end]`` gives it back (on the straight-line path only)."""

    body: tuple[ast.stmt, ...]
    acquire_stmt: ast.stmt  # in ``body``, or the ``if`` whose body ``body`` is
    start: int
    release: int
    end: int
    what: str  # "cache.add(LOCK_KEY, ...)" - for messages
    kind: str  # rule-specific: "cache", "acquire", "flag", "file", "tempfile", "tempdir"
    #: the acquisition is a plain statement (the try can start right after it): a fix is possible
    fixable: bool = True

    @property
    def release_stmt(self) -> ast.stmt:
        return self.body[self.release]

    @property
    def work(self) -> list[ast.stmt]:
        return list(self.body[self.start:self.release])


def protected_elsewhere(work: list[ast.stmt], is_release: Callable[[ast.stmt], bool]) -> bool:
    """True when the work cannot leave with an exception that skips the release: it all sits in a
    ``try`` whose broad handler swallows the error, or that releases in a handler or ``finally``."""
    for stmt in work:
        if isinstance(stmt, ast.Try):
            if any(is_release(s) for s in stmt.finalbody):
                return True
            for h in stmt.handlers:
                if any(is_release(s) for s in h.body):
                    return True
            if len(work) == 1 and any(broad_handler(h) and not reraises(h.body) for h in stmt.handlers):
                return True
    return False


def can_fail(work: list[ast.stmt]) -> bool:
    """The work calls something (which can raise) or can return early. A ``yield`` can fail too: a context
    manager's generator gets the ``with`` body's exception thrown in there, and a consumer that stops early
    closes the generator there."""
    return any(isinstance(n, (ast.Call, ast.Return, ast.Raise, ast.Await, ast.Yield, ast.YieldFrom))
               for n in walk_no_defs(work))


def is_test_code(path: str, function_name: str = "") -> bool:
    """Test modules (``tests/``, ``test_*.py``, ``tests.py``, ``conftest.py``) and test functions."""
    name = path.rsplit("/", 1)[-1]
    return ("/tests/" in f"/{path}" or name.startswith("test") or name == "conftest.py"
            or name.endswith("_test.py") or function_name.startswith("test"))
