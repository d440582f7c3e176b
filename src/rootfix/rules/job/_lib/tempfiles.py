"""Temporary files and directories a job creates and removes. Pure functions over ``ast`` (the caller
resolves call targets through the index)."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from rootfix.rules.job._lib.blocks import Pair, blocks, can_fail, protected_elsewhere, walk_no_defs
from rootfix.discover.walk import walk_tree

CREATORS = {"tempfile.mkstemp": "file", "tempfile.mkdtemp": "dir", "tempfile.NamedTemporaryFile": "file",
            "tempfile.mktemp": "file"}
REMOVERS = frozenset({"os.remove", "os.unlink", "os.rmdir", "shutil.rmtree"})
CLEANUP_HELPER = re.compile(r"clean|remove|delete|purge|unlink|rmtree|discard", re.I)

Resolver = Callable[[ast.expr], "str | None"]


@dataclass(frozen=True)
class Temp:
    kind: str  # file | dir
    names: frozenset[str]  # local names that hold the path (or the NamedTemporaryFile object)
    what: str  # the creating call, for messages
    create: ast.Call
    attr: str | None = None  # stored straight on the object (``self.<attr> = mkdtemp()``): the object owns it


def _creation(stmt: ast.stmt, resolve: Resolver) -> Temp | None:
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        items = [(i.context_expr, i.optional_vars) for i in stmt.items]
    elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        items = [(stmt.value, stmt.targets[0])]
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        items = [(stmt.value, stmt.target)]
    else:
        return None
    for value, target in items:
        call = value
        # Path(tempfile.mkdtemp()) / str(...)
        while isinstance(call, ast.Call) and len(call.args) == 1 and not resolve(call.func) in CREATORS:
            call = call.args[0]
        if not isinstance(call, ast.Call):
            continue
        dotted = resolve(call.func)
        if dotted not in CREATORS:
            continue
        if dotted == "tempfile.NamedTemporaryFile" and not any(
                k.arg == "delete" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in call.keywords):
            continue  # deleted on close
        if target is None:
            continue
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
            return Temp(CREATORS[dotted], frozenset(), f"{ast.unparse(call.func)}(...)", call, target.attr)
        if isinstance(target, ast.Tuple) and len(target.elts) == 2 and dotted == "tempfile.mkstemp":
            target = target.elts[1]
        names = frozenset(n.id for n in walk_tree(target) if isinstance(n, ast.Name))
        if names:
            return Temp(CREATORS[dotted], names, f"{ast.unparse(call.func)}(...)", call)
    return None


def _path_of(expr: ast.expr, names: frozenset[str]) -> bool:
    """``path``, ``tmp.name``, ``Path(path)``, ``str(path)`` for a name in ``names``."""
    if isinstance(expr, ast.Name):
        return expr.id in names
    if isinstance(expr, ast.Attribute) and expr.attr == "name":
        return _path_of(expr.value, names)
    if isinstance(expr, ast.Call) and len(expr.args) == 1 and isinstance(expr.func, ast.Name) \
            and expr.func.id in ("Path", "str", "PurePath"):
        return _path_of(expr.args[0], names)
    return False


def removes(stmt: ast.stmt, temp: Temp, resolve: Resolver) -> bool:
    if isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
        return False
    for call in (n for n in walk_no_defs(stmt) if isinstance(n, ast.Call)):
        dotted = resolve(call.func) or ""
        if dotted in REMOVERS and call.args and _path_of(call.args[0], temp.names):
            return True
        if isinstance(call.func, ast.Attribute) and call.func.attr in ("unlink", "rmdir") \
                and _path_of(call.func.value, temp.names):
            return True
    return False


def _aliases(body: list[ast.stmt], start: int, temp: Temp) -> Temp:
    """``path = tmp.name`` after the creation: ``path`` holds the temp path too."""
    names = set(temp.names)
    for stmt in body[start:]:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and _path_of(stmt.value, frozenset(names)):
            names.add(stmt.targets[0].id)
    return Temp(temp.kind, frozenset(names), temp.what, temp.create, temp.attr)


#: Calls that put work on a queue (a Celery signature or send, an RQ enqueue): what they carry is the task's.
ENQUEUES = frozenset({"s", "si", "signature", "delay", "apply_async", "send_task", "enqueue", "enqueue_in",
                      "enqueue_at", "enqueue_call"})


def _handed_to_task(fn: ast.AST, temp: Temp) -> bool:
    """The path goes into a task's payload, directly or inside an object built from it
    (``doc = ConsumableDocument(original_file=path)``; ``consume.s(input_doc=doc)``): the task owns the file
    now (a consumer that removes it when done), so the function must not remove it."""
    carriers = set(temp.names)
    for node in walk_no_defs(fn.body):  # type: ignore[attr-defined]
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and any(
                _path_of(a, temp.names) for a in [*node.value.args, *(k.value for k in node.value.keywords)]):
            carriers |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    frozen = frozenset(carriers)
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ENQUEUES
               and any(_path_of(a, frozen) for a in [*n.args, *(k.value for k in n.keywords)])
               for n in walk_no_defs(fn.body))  # type: ignore[attr-defined]


def removes_attr(cls: ast.ClassDef, attr: str, resolve: Resolver) -> bool:
    """A method of ``cls`` (``__exit__``, ``cleanup``, ``close``...) removes ``self.<attr>`` or hands it to a
    cleanup helper."""
    def names_attr(e: ast.expr) -> bool:
        while isinstance(e, ast.Call) and len(e.args) == 1 and isinstance(e.func, ast.Name):
            e = e.args[0]
        return isinstance(e, ast.Attribute) and e.attr == attr and isinstance(e.value, ast.Name) \
            and e.value.id == "self"

    for call in (n for n in walk_tree(cls) if isinstance(n, ast.Call)):
        dotted = resolve(call.func) or ""
        if (dotted in REMOVERS or CLEANUP_HELPER.search(ast.unparse(call.func))) and call.args \
                and names_attr(call.args[0]):
            return True
        if isinstance(call.func, ast.Attribute) and call.func.attr in ("unlink", "rmdir", "cleanup") \
                and names_attr(call.func.value):
            return True
    return False


def _is_alias(stmt: ast.stmt, temp: Temp) -> bool:
    return (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id in temp.names and _path_of(stmt.value, temp.names))


def escapes(fn: ast.AST, temp: Temp, resolve: Resolver) -> bool:
    """The path leaves the function (returned, stored, handed to a cleanup helper or a task): its removal is
    elsewhere."""
    if _handed_to_task(fn, temp):
        return True
    for node in walk_no_defs(fn.body):  # type: ignore[attr-defined]
        if isinstance(node, (ast.Return, ast.Yield, ast.YieldFrom)) and node.value is not None \
                and any(isinstance(n, ast.Name) and n.id in temp.names for n in walk_tree(node.value)):
            return True
        if isinstance(node, ast.Assign) and any(not isinstance(t, ast.Name) for t in node.targets) \
                and any(isinstance(n, ast.Name) and n.id in temp.names for n in walk_tree(node.value)):
            return True
        if isinstance(node, ast.Call) and CLEANUP_HELPER.search(ast.unparse(node.func)) \
                and any(_path_of(a, temp.names) for a in node.args):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "append", "add", "register", "callback", "enter_context") \
                and any(_path_of(a, temp.names) for a in node.args):
            return True
    return False


def temp_leaks(fn: ast.AST, resolve: Resolver, owner: ast.ClassDef | None = None
               ) -> Iterator[tuple[ast.stmt, Temp, Pair | None]]:
    """Temp files/dirs created in ``fn`` that are left behind when the job fails.

    Yields ``(creating statement, temp, pair)``; ``pair`` is None when the function never removes it.
    ``owner``: the class of a method; a temp stored on ``self`` is its to remove (``__exit__``, ``cleanup()``)
    and is reported only when no method of it does.
    """
    for body in blocks(fn):
        for i, stmt in enumerate(body):
            temp = _creation(stmt, resolve)
            if temp is None:
                continue
            if temp.attr is not None:
                if owner is not None and not removes_attr(owner, temp.attr, resolve):
                    yield stmt, temp, None
                continue
            temp = _aliases(body, i + 1, temp)
            if any(removes(s, temp, resolve) for s in walk_no_defs(fn.body) if isinstance(s, ast.stmt)):  # type: ignore[attr-defined]
                # `path = Path(name)` right after the creation names the temp path: it stays before the
                # work (a removal in `finally` must be able to use it)
                start = i + 1
                while start < len(body) and _is_alias(body[start], temp):
                    start += 1
                for j in range(start, len(body)):
                    if removes(body[j], temp, resolve):
                        work = body[start:j]
                        if work and can_fail(work) and not protected_elsewhere(
                                work, lambda s: removes(s, temp, resolve)):
                            yield stmt, temp, Pair(tuple(body), stmt, start, j, j + 1, temp.what, temp.kind,
                                                   not isinstance(stmt, (ast.With, ast.AsyncWith)))
                        break
            elif not escapes(fn, temp, resolve):
                yield stmt, temp, None
