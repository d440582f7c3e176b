"""Django ORM / database use in a piece of code, directly or through project functions it calls."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rootfix.rules.spark._lib.executors import walk_code
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
DB_NAMES = frozenset({"django.db.connection", "django.db.connections", "django.db.transaction"})
DB_CALLS = frozenset({"django.db.connection.cursor", "django.db.transaction.atomic"})
CLOSERS = frozenset({"django.db.connection.close", "django.db.close_old_connections",
                     "django.db.connections.close_all"})


def _model_like(index: "RepoIndex", module: "ModuleInfo", base: ast.expr) -> bool:
    """``Customer`` / ``models.Customer`` / ``get_user_model()``: not ``bucket.objects`` (boto3) or other lowercase
    objects with an ``objects`` attribute."""
    if isinstance(base, ast.Call):
        return (index.resolve(module, base.func) or "").endswith("get_user_model")
    name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else ""
    return name[:1].isupper() or name == "model"


def _direct(index: "RepoIndex", module: "ModuleInfo", node: ast.AST) -> ast.AST | None:
    for sub in walk_code(node) if not isinstance(node, ast.Lambda) else walk_tree(node.body):
        if isinstance(sub, ast.Attribute) and sub.attr in MANAGERS and _model_like(index, module, sub.value):
            return sub
        if isinstance(sub, (ast.Name, ast.Attribute)) and not (isinstance(sub, ast.Name) and sub.id in ("self",)):
            dotted = index.resolve(module, sub) or ""
            if dotted in DB_NAMES or dotted.rpartition(".")[0] in DB_NAMES:
                return sub  # ``connection.cursor`` before its ``connection``: the parent is visited first
    return None


def orm_use(index: "RepoIndex", module: "ModuleInfo", node: ast.AST, class_name: str | None = None,
            max_depth: int = 3) -> tuple[str, "FunctionInfo | None"] | None:
    """``(what, via)`` when ``node`` (a function or lambda) uses the ORM or a Django connection: ``what`` is the
    expression (``Product.objects``), ``via`` the project function it is in when reached through a call."""
    hit = _direct(index, module, node)
    if hit is not None:
        return ast.unparse(hit), None
    body = walk_tree(node.body) if isinstance(node, ast.Lambda) else walk_code(node)
    for sub in body:
        if isinstance(sub, ast.Call):
            callee = index.resolve_call(module, sub, class_name)
            if callee is None or callee.node is node:
                continue
            for reached, _ in index.reachable(callee, max_depth - 1):
                hit = _direct(index, index.module_of(reached), reached.node)
                if hit is not None:
                    return ast.unparse(hit), reached
    return None


def _closes(index: "RepoIndex", module: "ModuleInfo", call: ast.Call, depth: int = 2) -> bool:
    """``call`` closes Django's connections: a closer itself, or a project helper that calls one
    (``close_connections()`` wrapping ``connections.close_all()``)."""
    if (index.resolve(module, call.func) or "") in CLOSERS:
        return True
    if depth <= 0:
        return False
    target = index.resolve_call(module, call, None)
    if target is None:
        return False
    tmod = index.module_of(target)
    return any(isinstance(sub, ast.Call) and _closes(index, tmod, sub, depth - 1) for sub in walk_code(target.node))


def sets_up_and_closes(index: "RepoIndex", module: "ModuleInfo", node: ast.AST) -> bool:
    """Per-partition Django setup done right: the function closes its connection in a ``finally``."""
    if isinstance(node, ast.Lambda):
        return False
    for sub in walk_code(node):
        if isinstance(sub, ast.Try):
            for stmt in sub.finalbody:
                for call in walk_tree(stmt):
                    if isinstance(call, ast.Call) and _closes(index, module, call):
                        return True
    return False


def _calls_setup(index: "RepoIndex", fn: "FunctionInfo") -> bool:
    module = index.module_of(fn)
    return any(isinstance(sub, ast.Call) and (index.resolve(module, sub.func) or "") == "django.setup"
               for sub in walk_code(fn.node))


def _no_required_params(fn: "FunctionInfo") -> bool:
    a = fn.node.args
    return len(a.posonlyargs) + len(a.args) == len(a.defaults) and all(d is not None for d in a.kw_defaults)


def worker_helpers(index: "RepoIndex") -> tuple["FunctionInfo | None", "FunctionInfo | None"]:
    """The project's own per-executor Django helpers: ``(setup, close)``: a module-level function taking no
    argument that calls ``django.setup()``, and one that closes the connections (the pair the project's correct
    partition functions call). ``(None, None)`` when the project has no setup helper: how its executors find
    their settings is then unknown."""
    from rootfix.project.model import is_test_file

    setups, closers = [], []
    for fn in index.functions.values():
        if fn.class_name or is_test_file(fn.file) or not _no_required_params(fn):
            continue
        if _calls_setup(index, fn):
            setups.append(fn)
        elif any(isinstance(sub, ast.Call) and (index.resolve(index.module_of(fn), sub.func) or "") in CLOSERS
                 for sub in walk_code(fn.node)):
            closers.append(fn)
    if not setups:
        return None, None
    # the helpers of one module (``spark_django.setup_django`` / ``spark_django.close_connections``) go together
    setup = min(setups, key=lambda f: (f.file, f.line))
    closer = min(closers, key=lambda f: (f.file != setup.file, f.file, f.line), default=None)
    return setup, closer
