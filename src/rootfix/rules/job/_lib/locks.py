"""Locks a scheduled job takes and gives back: cache keys, ``.acquire()`` / ``.release()``, flag
columns and rows, lock files. Pure functions over ``ast``."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from rootfix.rules.job._lib.blocks import (
    Pair,
    blocks,
    bound_names,
    calls_in,
    can_fail,
    is_guard,
    leaves,
    protected_elsewhere,
    walk_no_defs,
)

LOCKISH = re.compile(r"lock|running|in_progress|inprogress|busy|mutex|semaphore|processing", re.I)
CACHE_LIKE = re.compile(r"(^|\.|_)(cache|caches\[.*\]|redis\w*|r|conn|client)$", re.I)
FILE_RELEASE = frozenset({"os.remove", "os.unlink", "os.rmdir", "shutil.rmtree"})


@dataclass(frozen=True)
class Lock:
    kind: str  # cache | acquire | flag | attr | file
    key: tuple[str, ...]
    what: str


def _text(node: ast.AST) -> str:
    return ast.unparse(node)


def _path_key(node: ast.expr) -> str:
    """``Path(LOCK_FILE)`` and ``LOCK_FILE`` name the same file."""
    if isinstance(node, ast.Call) and _text(node.func).split(".")[-1] in ("Path", "PurePath") and len(node.args) == 1:
        return _path_key(node.args[0])
    return _text(node)


def _truthy(node: ast.expr) -> bool | None:
    if isinstance(node, ast.Constant):
        return bool(node.value)
    return None


def lock_taken(call: ast.Call) -> Lock | None:
    """The lock ``call`` takes, if it is a lock acquisition."""
    func = call.func
    if isinstance(func, ast.Attribute):
        owner, attr = _text(func.value), func.attr
        if attr in ("add", "setnx") and call.args and CACHE_LIKE.search(owner):
            return Lock("cache", (owner, _text(call.args[0])), f"{owner}.{attr}({_text(call.args[0])}, ...)")
        if attr == "set" and call.args and CACHE_LIKE.search(owner):
            nx = any(k.arg == "nx" and _truthy(k.value) for k in call.keywords)
            if nx or LOCKISH.search(_text(call.args[0])):
                return Lock("cache", (owner, _text(call.args[0])), f"{owner}.set({_text(call.args[0])}, ...)")
        if attr == "acquire":
            return Lock("acquire", (owner,), f"{owner}.acquire()")
        if attr == "update":
            for kw in call.keywords:
                if kw.arg and LOCKISH.search(kw.arg) and _truthy(kw.value):
                    return Lock("flag", (kw.arg,), f"{_text(func)}({kw.arg}={_text(kw.value)})")
        if attr == "touch":
            return Lock("file", (_path_key(func.value),), f"{_text(func)}()") if LOCKISH.search(_text(func.value)) \
                else None
    name = _text(func)
    if name in ("open", "os.open", "io.open") and call.args:
        target = _path_key(call.args[0])
        mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg in ("mode", "flags")), None)
        exclusive = mode is not None and ("'x" in _text(mode) or '"x' in _text(mode) or "O_EXCL" in _text(mode))
        if exclusive or (LOCKISH.search(target) and mode is not None and re.search(r"[wxa]|O_CREAT", _text(mode))):
            return Lock("file", (target,), f"{name}({target}, ...)")
    if name in ("os.mkdir", "os.makedirs") and call.args and LOCKISH.search(_text(call.args[0])):
        return Lock("file", (_path_key(call.args[0]),), f"{name}({_text(call.args[0])})")
    return None


def _attr_flag(stmt: ast.stmt, value: bool) -> tuple[str, str] | None:
    """``obj.locked = True`` -> ``("obj", "locked")``."""
    if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Attribute)
            and LOCKISH.search(stmt.targets[0].attr) and _truthy(stmt.value) is value):
        return _text(stmt.targets[0].value), stmt.targets[0].attr
    return None


def _saves(stmt: ast.stmt, owner: str) -> bool:
    return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
            and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr == "save"
            and _text(stmt.value.func.value) == owner)


#: The body of the project function a call runs (``self._release_lock()`` -> its ``def``), or None.
Helpers = Callable[[ast.Call], "ast.FunctionDef | ast.AsyncFunctionDef | None"]


def releases(stmt: ast.stmt, lock: Lock, helpers: Helpers | None = None) -> bool:
    """True when ``stmt`` gives ``lock`` back (itself, or through a project helper it calls)."""
    if lock.kind == "attr":
        return _attr_flag(stmt, False) == lock.key
    if isinstance(stmt, ast.If) and not stmt.orelse and isinstance(stmt.test, ast.Name):
        # `if acquired: cache.delete(key)`: given back whenever it was taken (an `if` that also does other
        # work or leaves, `if flip is None: lock.release(); return`, is an early exit, not the release)
        return all(releases(s, lock, helpers) for s in stmt.body)
    if isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
        return False
    for call in (n for n in walk_no_defs(stmt) if isinstance(n, ast.Call)):
        func = call.func
        if lock.kind == "cache" and isinstance(func, ast.Attribute) and func.attr == "delete" and call.args:
            if (_text(func.value), _text(call.args[0])) == lock.key:
                return True
        elif lock.kind == "acquire" and isinstance(func, ast.Attribute) and func.attr == "release":
            if (_text(func.value),) == lock.key:
                return True
        elif lock.kind == "flag" and isinstance(func, ast.Attribute) and func.attr == "update":
            if any(kw.arg == lock.key[0] and _truthy(kw.value) is False for kw in call.keywords):
                return True
        elif lock.kind == "file":
            name = _text(func)
            if name in FILE_RELEASE and call.args and (_path_key(call.args[0]),) == lock.key:
                return True
            if isinstance(func, ast.Attribute) and func.attr in ("unlink", "rmdir") and \
                    (_path_key(func.value),) == lock.key:
                return True
        body = helpers(call) if helpers is not None else None
        if body is not None and any(isinstance(s, ast.stmt) and releases(s, lock) for s in walk_no_defs(body)):
            return True
    return False


def _acquisitions(stmt: ast.stmt, helpers: Helpers | None = None) -> list[Lock]:
    found = [lk for c in calls_in(stmt) if (lk := lock_taken(c)) is not None]
    for call in calls_in(stmt) if helpers is not None else ():
        # ``if not self._acquire_lock(): return``: a project helper that takes a lock and keeps it
        body = helpers(call)
        if body is None:
            continue
        for lk in (lk for c in walk_no_defs(body) if isinstance(c, ast.Call) and (lk := lock_taken(c)) is not None):
            if not any(isinstance(s, ast.stmt) and releases(s, lk) for s in walk_no_defs(body)):
                found.append(Lock(lk.kind, lk.key, f"{ast.unparse(call.func)}() ({lk.what})"))
    flag = _attr_flag(stmt, True)
    if flag:
        found.append(Lock("attr", flag, f"{flag[0]}.{flag[1]} = True"))
    return found


def _release_span(body: list[ast.stmt], j: int, lock: Lock) -> int:
    """End (exclusive) of the release: ``obj.locked = False`` takes the ``obj.save()`` after it along."""
    if lock.kind == "attr" and j + 1 < len(body) and _saves(body[j + 1], lock.key[0]):
        return j + 2
    return j + 1


def _pair_in(body: list[ast.stmt], acquire: ast.stmt, start: int, lock: Lock, fixable: bool,
             helpers: Helpers | None = None) -> Pair | None:
    if lock.kind == "attr" and start < len(body) and _saves(body[start], lock.key[0]):
        start += 1
    for j in range(start, len(body)):
        if releases(body[j], lock, helpers):
            work = body[start:j]
            if not work or not can_fail(work) or protected_elsewhere(work, lambda s: releases(s, lock, helpers)):
                return None
            return Pair(tuple(body), acquire, start, j, _release_span(body, j, lock), lock.what, lock.kind, fixable)
    return None


def unreleased_locks(fn: ast.AST, helpers: Helpers | None = None) -> Iterator[tuple[Pair, Lock]]:
    """Locks ``fn`` takes and releases only when the work between succeeds (``helpers``: the project functions
    its calls run, so that a lock taken in ``self._acquire_lock()`` and given back in ``self._release_lock()``
    is seen)."""
    for body in blocks(fn):
        for i, stmt in enumerate(body):
            for lock in _acquisitions(stmt, helpers):
                if isinstance(stmt, ast.If) and not leaves(stmt):
                    # if cache.add(KEY, ...): work(); cache.delete(KEY)
                    pair = _pair_in(stmt.body, stmt, 0, lock, True, helpers)
                elif isinstance(stmt, ast.While):
                    continue  # spinning until acquired: the release is found on the stmt after the loop
                else:
                    start = i + 1
                    names = bound_names(stmt)
                    if start < len(body) and names and is_guard(body[start], names):
                        start += 1
                    pair = _pair_in(body, stmt, start, lock, not isinstance(stmt, (ast.With, ast.AsyncWith)), helpers)
                if pair is not None:
                    yield pair, lock
                    break
            if isinstance(stmt, (ast.With, ast.AsyncWith)):
                # with transaction.atomic(): ... job.running = True; job.save()  -> released after the with
                for inner in stmt.body:
                    for lock in _acquisitions(inner):
                        if any(releases(s, lock) for s in stmt.body):
                            continue
                        pair = _pair_in(body, inner, i + 1, lock, True)
                        if pair is not None:
                            yield pair, lock
