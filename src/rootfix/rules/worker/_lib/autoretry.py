"""``autoretry_for`` in the W1 rules: the types a task retries on, and the handlers (in the task or a helper
it calls, or in a project decorator's wrapper) that swallow them before Celery sees them (WRK101, WRK104)."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rootfix.rules.worker import _w1common as w1
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex


_TOO_BROAD = frozenset({"Exception", "BaseException"})


def _autoretry(index: "RepoIndex", task: w1.TaskInfo) -> list[tuple[str, str]]:
    """(canonical, as imported) dotted names of the task's ``autoretry_for`` types, minus catch-alls."""
    from rootfix.project import exceptions as X

    expr = task.option("autoretry_for")
    if expr is None:
        return []
    module = index.module_of(task.fn)
    elts = expr.elts if isinstance(expr, (ast.Tuple, ast.List, ast.Set)) else [expr]
    out = []
    for e in elts:
        raw = index.resolve(module, e) or ""
        if raw and X.canonical(raw) not in _TOO_BROAD:
            out.append((X.canonical(raw), raw))
    return out


def _tries(fn_node: ast.AST) -> list[ast.Try]:
    return [n for n in w1._walk_no_defs(fn_node.body) if isinstance(n, (ast.Try, getattr(ast, "TryStar", ast.Try)))]


def autoretry_swallows(index: "RepoIndex") -> list[tuple["FunctionInfo", ast.ExceptHandler, w1.TaskInfo, list[str]]]:
    """Handlers in a task (or a helper it calls) that catch an ``autoretry_for`` type — exactly, through a
    base class, a project exception above it, or a bare ``except`` — and do not re-raise: Celery's
    autoretry never sees the error. Returns ``(function, handler, task, [raw dotted types caught])``."""
    from rootfix.project import exceptions as X

    cache = index.__dict__.setdefault("_rootfix_w1_autoretry", {})
    if "list" in cache:
        return cache["list"]
    out = []
    for task in w1.worker_tasks(index).values():
        if task.framework != "celery":
            continue
        excs = _autoretry(index, task)
        retry_on = [e for e in _retried_in_handlers(index, task) if e not in excs]
        if not excs and not retry_on:
            continue
        for fn, _depth in index.reachable(task.fn, 2):
            if fn.qualname == task.fn.qualname:
                wanted = excs
            else:  # a helper must also let through what the task's own `except X: raise self.retry()` needs
                wanted = excs + retry_on
            if not wanted:
                continue
            module = index.module_of(fn)
            for try_node in _tries(fn.node):
                if not any(isinstance(n, ast.Call) for s in try_node.body for n in walk_tree(s)):
                    continue
                for handler in try_node.handlers:
                    caught = [raw for canon, raw in wanted if X.handler_catches(index, module, handler, canon)
                              and _may_raise(index, fn, try_node.body, canon)]
                    if not caught:
                        if any(X.handler_catches(index, module, handler, canon) for canon, _raw in wanted):
                            break  # the first handler that catches it, around code that cannot raise it
                        continue
                    # only the first handler that catches counts; raising anything (the same error, or a
                    # translation such as `raise BankTimeout(...) from exc`) lets the task fail or retry
                    if not w1.raises_anything(handler) and not w1.reraises(handler):
                        out.append((fn, handler, task, caught))
                    break
    cache["list"] = out
    return out


def _retried_in_handlers(index: "RepoIndex", task: w1.TaskInfo) -> list[tuple[str, str]]:
    """(canonical, raw) types of the task's own handlers that retry (``except X: raise self.retry(...)``)."""
    from rootfix.project import exceptions as X

    module = index.module_of(task.fn)
    names = {task.self_name} if task.self_name else set()
    out = []
    for try_node in _tries(task.fn.node):
        for handler in try_node.handlers:
            if handler.type is None or not any(
                    isinstance(n, ast.Call) and w1.is_retry_call(index, module, n, names)
                    for n in w1._walk_no_defs(handler.body)):
                continue
            elts = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
            for e in elts:
                raw = index.resolve(module, e) or ""
                if raw and X.canonical(raw) not in _TOO_BROAD:
                    out.append((X.canonical(raw), raw))
    return out


def wrapper_swallows(index: "RepoIndex") -> list[tuple["FunctionInfo", ast.ExceptHandler, w1.TaskInfo]]:
    """Project decorators applied to a retrying task (``self.retry`` or ``autoretry_for``) whose wrapper calls
    the wrapped function inside a ``try`` with a broad handler that does not re-raise: the Retry (or the
    error autoretry needs) never reaches Celery."""
    from rootfix.project import exceptions as X

    out = []
    for task in w1.worker_tasks(index).values():
        if task.framework != "celery" or task.decorator is None:
            continue
        autoretry = _autoretry(index, task)
        retry_sites = bool(w1.retry_sites(index, task, task.fn.node.body))
        if not (autoretry or retry_sites):
            continue
        module = index.module_of(task.fn)
        for deco in task.fn.node.decorator_list:
            if deco is task.decorator:
                continue
            target = deco.func if isinstance(deco, ast.Call) else deco
            deco_fn = index.lookup_function(index.resolve(module, target) or "")
            if deco_fn is None:
                continue
            deco_module = index.module_of(deco_fn)
            params = {a.arg for a in deco_fn.node.args.args}
            for nested in walk_tree(deco_fn.node):
                if not isinstance(nested, (ast.FunctionDef, ast.AsyncFunctionDef)) or nested is deco_fn.node:
                    continue
                # the wrapped function: a parameter of the decorator (or of a decorator factory's inner)
                wrapped = params | {a.arg for n in walk_tree(deco_fn.node) if isinstance(n, ast.FunctionDef)
                                    and n is not nested for a in n.args.args}
                for try_node in _tries(nested):
                    calls_wrapped = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                                        and n.func.id in wrapped for s in try_node.body for n in walk_tree(s))
                    if not calls_wrapped:
                        continue
                    if retry_sites:
                        handler = next((h for h in try_node.handlers if w1.catches_retry(index, deco_module, h)),
                                       None)
                        if handler is not None and w1.is_broad(index, deco_module, handler) \
                                and not w1.reraises(handler):
                            out.append((deco_fn, handler, task))
                        continue
                    for canon, _raw in autoretry:  # autoretry only: the error itself must get through
                        handler = next((h for h in try_node.handlers
                                        if X.handler_catches(index, deco_module, h, canon)), None)
                        if handler is not None and not w1.raises_anything(handler):
                            out.append((deco_fn, handler, task))
                            break
    return out


#: Libraries whose errors only their own calls raise: root of the exception's module -> the call prefixes.
_RAISED_BY = {"requests": ("requests.",), "httpx": ("httpx.",), "botocore": ("botocore.", "boto3."),
              "boto3": ("boto3.", "botocore."), "redis": ("redis.", "django_redis."),
              "urllib3": ("urllib3.", "requests.")}


def _may_raise(index: "RepoIndex", fn: "FunctionInfo", stmts: list[ast.stmt], exc: str) -> bool:
    """``stmts`` can raise ``exc``. For a network library's own error (``requests.RequestException``...) that
    needs a call into the library: directly, through a project function (three calls deep), on a client
    object made by the library (``session = requests.Session()``), or on an injected client (a parameter or
    an attribute of ``self``). Any other error (a project or built-in class): any call can raise it."""
    prefixes = _RAISED_BY.get(exc.split(".", 1)[0])
    if prefixes is None:
        return any(isinstance(n, ast.Call) for s in stmts for n in walk_tree(s))
    module = index.module_of(fn)
    params = {a.arg for a in [*fn.node.args.posonlyargs, *fn.node.args.args, *fn.node.args.kwonlyargs]}
    clients = {t.id for n in w1._walk_no_defs(fn.node.body) if isinstance(n, ast.Assign)
               and isinstance(n.value, ast.Call) and (index.resolve(module, n.value.func) or "").startswith(prefixes)
               for t in n.targets if isinstance(t, ast.Name)}

    def library_call(mod, call: ast.Call) -> bool:
        return (index.resolve(mod, call.func) or "").startswith(prefixes)

    for node in w1._walk_no_defs(stmts):
        if not isinstance(node, ast.Call):
            continue
        if library_call(module, node):
            return True
        callee = index.resolve_call(module, node, fn.class_name)
        if callee is not None:
            if any(library_call(index.module_of(f), n) for f, _d in index.reachable(callee, 3)
                   for n in w1._walk_no_defs(f.node.body) if isinstance(n, ast.Call)):
                return True
            continue
        if isinstance(node.func, ast.Attribute):
            root = node.func.value
            while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
                root = root.func if isinstance(root, ast.Call) else root.value
            if isinstance(root, ast.Name) and root.id != "self" and root.id in clients | params:
                return True
            if isinstance(root, ast.Name) and root.id == "self" and isinstance(node.func.value, ast.Attribute) \
                    and index.resolve_call(module, node, fn.class_name) is None:
                return True  # self.client.post(...): an injected client
    return False
