"""The database transaction a call runs in: the project model's transaction facts.

A node of a function is *in a transaction* when (innermost first):

* it is inside ``with atomic(...)`` (any alias: ``transaction.atomic``, ``from django.db.transaction import
  atomic as tx``) or inside ``with <project context manager>()`` whose body yields inside ``atomic()``
  (a ``@contextmanager`` wrapper, any module);
* its function is decorated ``@atomic`` / ``@atomic(using=...)`` or with a project decorator whose wrapper
  calls the wrapped function inside ``atomic()``;
* its function is called (not deferred) from a node that is in a transaction — followed through callers;
* its function is a view and ``ATOMIC_REQUESTS`` is on;
* its function receives ``m2m_changed`` / ``pre_delete`` / ``post_delete`` (Django sends them inside its own
  ``atomic`` block), or ``pre_save`` / ``post_save`` sent by ``get_or_create`` / ``update_or_create`` (both
  open ``atomic``) — but a ``pre_save`` / ``post_save`` receiver fired by ``.save()`` / ``.create()`` is in a
  transaction **only when that call is**: ``Model.save_base`` sends ``post_save`` after its own
  ``atomic``/``mark_for_rollback_on_error`` block has exited (django/db/models/base.py).

Each scope carries ``using``: the source text of the ``using=`` of the ``atomic`` that opened it (None for the
default database), so that a fix can defer with ``on_commit(..., using=...)`` on the same connection.

Pure functions over the :class:`~rootfix.discover.index.RepoIndex`, cached per index.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

ATOMIC = "django.db.transaction.atomic"
#: Signals Django always sends inside its own atomic block.
ALWAYS_IN_TX = frozenset({"m2m_changed", "pre_delete", "post_delete"})
#: Saving calls that open their own atomic block around the save (so its signals are in a transaction).
ATOMIC_SAVERS = frozenset({"get_or_create", "update_or_create"})
SAVERS = frozenset({"save", "create"}) | ATOMIC_SAVERS
MAX_DEPTH = 4

Hop = tuple[str, int, str]


@dataclass(frozen=True)
class Scope:
    """An open transaction around some code: where it is opened, why, and the hops down to the code."""

    file: str
    line: int
    why: str  # "transaction opened in place_order", "view pay runs in the request transaction ..."
    using: str | None = None  # source text of atomic(using=...), None: the default database
    hops: tuple[Hop, ...] = ()  # (file, line, "a calls b inside the transaction") from the scope to the code

    @property
    def related(self) -> tuple[Hop, ...]:
        return ((self.file, self.line, self.why), *self.hops)

    def via(self, hop: Hop) -> "Scope":
        return Scope(self.file, self.line, self.why, self.using, (*self.hops, hop))


def _cache(index: "RepoIndex", name: str) -> dict:
    return index.__dict__.setdefault(f"_rootfix_project_tx_{name}", {})


def _text(node: ast.expr, source: str | None) -> str:
    """The expression as written (quotes kept), else unparsed."""
    return (ast.get_source_segment(source, node) if source else None) or ast.unparse(node)


def _using(call: ast.expr, source: str | None = None) -> str | None:
    if isinstance(call, ast.Call):
        for kw in call.keywords:
            if kw.arg == "using":
                return _text(kw.value, source)
        if call.args and not isinstance(call.args[0], ast.Lambda):  # atomic("replica")
            arg = call.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                return _text(arg, source)
    return None


def is_atomic(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr) -> bool:
    target = expr.func if isinstance(expr, ast.Call) else expr
    return (index.resolve(module, target) or "") == ATOMIC


def atomic_wrappers(index: "RepoIndex") -> dict[str, tuple[str, str | None]]:
    """Project functions that open a transaction for the code they wrap: qualname -> (kind, using).

    kind ``"cm"``: a generator (``@contextmanager``) whose ``yield`` is inside ``with atomic()``;
    kind ``"decorator"``: a function whose nested wrapper calls the decorated function inside ``atomic()``,
    or returns ``atomic(fn)``.
    """
    cache = _cache(index, "wrappers")
    if "map" in cache:
        return cache["map"]
    out: dict[str, tuple[str, str | None]] = {}
    for fn in index.functions.values():
        module = index.module_of(fn)
        params = {a.arg for a in fn.node.args.args}
        for node in walk_tree(fn.node):
            if isinstance(node, (ast.With, ast.AsyncWith)):
                items = [i.context_expr for i in node.items if is_atomic(index, module, i.context_expr)]
                if not items:
                    continue
                inner = [n for s in node.body for n in walk_tree(s)]
                if any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in inner):
                    out[fn.qualname] = ("cm", _using(items[0], module.source))
                elif any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in params
                         for n in inner) and any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                                                 for n in walk_tree(fn.node) if n is not fn.node):
                    out[fn.qualname] = ("decorator", _using(items[0], module.source))
            elif (isinstance(node, ast.Return) and isinstance(node.value, ast.Call)
                  and is_atomic(index, module, node.value.func) and node.value.args
                  and isinstance(node.value.args[0], ast.Name) and node.value.args[0].id in params):
                out[fn.qualname] = ("decorator", None)
    cache["map"] = out
    return out


def _wrapper_of(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr, kind: str) -> tuple[bool, str | None]:
    target = expr.func if isinstance(expr, ast.Call) else expr
    dotted = index.resolve(module, target) or ""
    fn = index.lookup_function(dotted) if dotted else None
    found = atomic_wrappers(index).get(fn.qualname) if fn is not None else None
    if found is None or found[0] != kind:
        return False, None
    using = found[1]
    params = [a.arg for a in fn.node.args.args]
    kwonly = [a.arg for a in fn.node.args.kwonlyargs]
    if using in params or using in kwonly:  # atomic(using=using): the wrapper's parameter, as the call passes it
        passed = None
        if isinstance(expr, ast.Call):
            passed = next((k.value for k in expr.keywords if k.arg == using), None)
            if passed is None and using in params and params.index(using) < len(expr.args):
                passed = expr.args[params.index(using)]
        if passed is None and using in params:
            defaults = fn.node.args.defaults
            j = params.index(using) - (len(params) - len(defaults))
            passed = defaults[j] if 0 <= j < len(defaults) else None
        elif passed is None:  # a keyword-only parameter: its default, if any
            passed = fn.node.args.kw_defaults[kwonly.index(using)]
        if passed is None or (isinstance(passed, ast.Constant) and passed.value is None):
            return True, None
        in_caller = isinstance(expr, ast.Call) and any(passed is a for a in (*expr.args, *(k.value for k in
                                                                                          expr.keywords)))
        return True, _text(passed, module.source if in_caller else index.module_of(fn).source)
    return True, using


def local_scope(index: "RepoIndex", fn: "FunctionInfo", node: ast.AST) -> Scope | None:
    """The transaction opened *in* ``fn`` around ``node``: a ``with`` block or a decorator of ``fn``."""
    from rootfix.rules.worker._enqueue import FunctionFacts

    facts = FunctionFacts.of(index, fn)
    module = facts.module
    for anc in facts.ancestors(node):
        if isinstance(anc, (ast.With, ast.AsyncWith)):
            for item in anc.items:
                expr = item.context_expr
                if is_atomic(index, module, expr):
                    return Scope(fn.file, anc.lineno, f"transaction opened in {fn.symbol}", _using(expr, module.source))
                ok, using = _wrapper_of(index, module, expr, "cm")
                if ok:
                    return Scope(fn.file, anc.lineno, f"transaction opened in {fn.symbol} "
                                 f"(by {ast.unparse(expr.func if isinstance(expr, ast.Call) else expr)})", using)
    for deco in fn.node.decorator_list:
        if is_atomic(index, module, deco):
            return Scope(fn.file, fn.line, f"transaction opened in {fn.symbol}", _using(deco, module.source))
        ok, using = _wrapper_of(index, module, deco, "decorator")
        if ok:
            return Scope(fn.file, fn.line, f"transaction opened in {fn.symbol} (by @{ast.unparse(deco)})", using)
    return None


def _deferred(index: "RepoIndex", fn: "FunctionInfo", node: ast.AST) -> bool:
    from rootfix.rules.worker._enqueue import FunctionFacts

    return FunctionFacts.of(index, fn).deferred(node)


def scope_at(index: "RepoIndex", fn: "FunctionInfo", node: ast.AST) -> Scope | None:
    """The transaction ``node`` of ``fn`` runs in, innermost first, or None when it runs in autocommit."""
    found = local_scope(index, fn, node)
    if found is not None:
        return found
    scopes = function_scopes(index, fn)
    return scopes[0] if scopes else None


def function_scopes(index: "RepoIndex", fn: "FunctionInfo", depth: int = MAX_DEPTH,
                    _seen: frozenset[str] = frozenset()) -> list[Scope]:
    """The transactions the whole body of ``fn`` can run in, opened outside it (callers, views, signals)."""
    cache = _cache(index, "fn")
    key = (fn.qualname, depth)
    if key in cache:
        return cache[key]
    out: list[Scope] = []
    if depth > 0 and fn.qualname not in _seen:
        seen = _seen | {fn.qualname}
        from rootfix.rules.worker import _enqueue as E

        if index.task_decl(fn) is None:
            from rootfix.project.values import method_callers

            # the static call graph, and methods called on what the ORM returns (``order.mark_resulted()``)
            for caller, call in [*index.callers(fn), *method_callers(index, fn)]:
                if E.is_test_code(caller.file) or _deferred(index, caller, call):
                    continue
                hop = (caller.file, call.lineno, f"{caller.symbol} calls {fn.symbol} inside the transaction")
                local = local_scope(index, caller, call)
                if local is not None:
                    out.append(local.via(hop))
                    continue
                for s in function_scopes(index, caller, depth - 1, seen):
                    out.append(s.via(hop))
        if fn.qualname in _atomic_views(index):
            out.append(Scope(fn.file, fn.line, f"view {fn.symbol} runs in the request transaction (ATOMIC_REQUESTS)"))
        for signal, triggers in receiver_triggers(index).get(fn.qualname, {}).items():
            if signal in ALWAYS_IN_TX:
                out.append(Scope(fn.file, fn.line, f"{fn.symbol} receives {signal}, sent inside the saving "
                                 "transaction"))
                continue
            for saver, call, method in triggers:
                why = f"{fn.symbol} receives {signal}, sent inside the saving transaction"
                if method in ATOMIC_SAVERS:
                    out.append(Scope(saver.file, call.lineno, f"{why} ({method}() opens one)"))
                    continue
                hop = (saver.file, call.lineno, f"{saver.symbol} saves inside the transaction, firing {signal}")
                local = local_scope(index, saver, call)
                outer = [local] if local is not None else function_scopes(index, saver, depth - 1, seen)
                for s in outer[:1]:
                    out.append(Scope(fn.file, fn.line, why, s.using, (*s.related, hop)))
    cache[key] = out
    return out


def _atomic_views(index: "RepoIndex") -> set[str]:
    cache = _cache(index, "views")
    if "set" not in cache:
        from rootfix.rules.worker import _enqueue as E

        settings = {**E.static_settings(index), **(index.__dict__.get("_rootfix_settings") or {})}
        cache["set"] = {fn.qualname for fn in E.views(index)} if E.atomic_requests(index, settings) else set()
    return cache["set"]


def receiver_triggers(index: "RepoIndex") -> dict[str, dict[str, list[tuple["FunctionInfo", ast.Call, str]]]]:
    """receiver qualname -> signal name -> the saving calls that fire it ``(function, call, method)``.

    Delete / m2m receivers get an entry with no calls (Django's own transaction is enough)."""
    cache = _cache(index, "triggers")
    if "map" in cache:
        return cache["map"]
    from rootfix.discover.index import walk_body
    from rootfix.rules.worker import _enqueue as E

    by_sender = E.receivers_by_sender(index)
    signals = {q: s for q, (_, s) in E.signal_receivers(index).items()}
    out: dict[str, dict[str, list]] = {}
    for qualname, signal in signals.items():
        out.setdefault(qualname, {}).setdefault(signal, [])
    for fn in index.functions.values():
        if E.is_test_code(fn.file):
            continue
        module = index.module_of(fn)
        models_of: dict[str, str] = {}

        def model_of(expr: ast.expr) -> str | None:
            while isinstance(expr, (ast.Call, ast.Attribute, ast.Subscript)):
                expr = expr.func if isinstance(expr, ast.Call) else expr.value
            if isinstance(expr, ast.Name):
                if expr.id == "self" and fn.class_name:
                    return f"{fn.module}.{fn.class_name}"
                return models_of.get(expr.id) or index.resolve(module, expr) or None
            return None

        nodes = sorted((n for n in walk_body(fn.node) if isinstance(n, (ast.Assign, ast.Call))),
                       key=lambda n: (n.lineno, n.col_offset))
        for node in nodes:
            if isinstance(node, ast.Assign):
                model = model_of(node.value)
                for t in node.targets:
                    if isinstance(t, ast.Name) and model:
                        models_of[t.id] = model
                continue
            if not (isinstance(node.func, ast.Attribute) and node.func.attr in SAVERS):
                continue
            if node.func.attr == "save" and isinstance(node.func.value, ast.Call) and isinstance(
                    node.func.value.func, ast.Name) and node.func.value.func.id == "super":
                model = f"{fn.module}.{fn.class_name}" if fn.class_name else None
            else:
                model = model_of(node.func.value)
            candidates = by_sender.get(model or "\0", []) + by_sender.get("", [])
            recv = node.func.value
            if not by_sender.get(model or "\0") and isinstance(recv, ast.Name) and index.lookup_class(
                    model or "") is None:
                # an instance whose class cannot be told (a parameter): a sender named like the variable
                name = recv.id.lower().replace("_", "")
                candidates += [r for key, rs in by_sender.items() if key and name.endswith(
                    key.rsplit(".", 1)[-1].lower()) for r in rs]
            for receiver in candidates:
                signal = signals.get(receiver.qualname)
                if signal in ("pre_save", "post_save"):
                    out[receiver.qualname][signal].append((fn, node, node.func.attr))
    cache["map"] = out
    return out


__all__ = ["Scope", "atomic_wrappers", "function_scopes", "local_scope", "receiver_triggers", "scope_at"]


#: Calls that write rows (on a queryset, a manager or an instance).
WRITES = frozenset({"save", "create", "bulk_create", "update", "bulk_update", "delete", "get_or_create",
                    "update_or_create", "add", "remove", "clear", "set", "execute", "executemany"})


def _uses_alias(node: ast.AST) -> bool:
    return any((isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("using", "db_manager"))
               or (isinstance(n, ast.keyword) and n.arg == "using") for n in walk_tree(node))


def reads_only_on_its_alias(index: "RepoIndex", fn: "FunctionInfo", scope: Scope) -> bool:
    """``scope`` is ``atomic(using=<another database>)`` opened in ``fn`` (a read replica held for consistent
    reads) and nothing in the block, or in the project code it calls, writes on a named database: no write
    ``.using(...)`` / ``using=`` / ``db_manager(...)``, no ``save()`` / ``delete()`` of an instance read
    ``.using(...)``. Writes without a database go to the router's default, outside this transaction, so there
    is no commit for an enqueue in it to wait for."""
    if scope.using is None or scope.using.strip("'\"") == "default" or scope.hops or scope.file != fn.file:
        return False
    block = next((n for n in walk_tree(fn.node) if isinstance(n, (ast.With, ast.AsyncWith))
                  and n.lineno == scope.line), None)
    if block is None:
        return False

    def writes(stmts: list[ast.stmt]) -> bool:
        from_alias = {t.id for s in stmts for n in walk_tree(s) if isinstance(n, ast.Assign) and _uses_alias(n.value)
                      for t in n.targets if isinstance(t, ast.Name)}
        for s in stmts:
            for n in walk_tree(s):
                if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in WRITES):
                    continue
                if _uses_alias(n):
                    return True
                root = n.func.value
                if isinstance(root, ast.Name) and root.id in from_alias:
                    return True
        return False

    if writes(block.body):
        return False
    module = index.module_of(fn)
    calls = [n for s in block.body for n in walk_tree(s) if isinstance(n, ast.Call)]
    for call in calls:
        callee = index.resolve_call(module, call, fn.class_name)
        if callee is None:
            continue
        for reached, _d in index.reachable(callee, 2):
            if writes(reached.node.body):
                return False
    return True
