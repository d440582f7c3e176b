"""Shared detection helpers of the W3/W4/W5 rules: task enqueues, transactions, signals, views, settings.

Everything here reads the standard ``ast`` through the :class:`~rootfix.discover.index.RepoIndex`;
nothing imports or runs the project's code.

* :func:`enqueue_of` tells whether a call publishes a background job (Celery ``.delay()``,
  ``.apply_async()``, ``.s(...).delay()``, ``send_task()``; RQ ``queue.enqueue*()``,
  ``django_rq.enqueue()``, ``@job`` functions' ``.delay()``) and which project task it targets;
* :class:`FunctionFacts` knows, for every node of a function, the enclosing ``atomic()`` block and
  whether the node is deferred by ``transaction.on_commit(...)``;
* :func:`effective_enqueues` follows project helpers: the enqueues a call runs *now*, not deferred;
* :func:`signal_receivers`, :func:`views`, :func:`static_settings` find the other W3 contexts.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from rootfix.discover.index import FunctionInfo, ModuleInfo, walk_body
from rootfix.project.model import Project, is_settings_path, settings_order
from rootfix.project.model import is_task_class as _is_task_class
from rootfix.project.model import is_test_file as is_test_code  # noqa: F401 -- used as E.is_test_code
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

ATOMIC = "django.db.transaction.atomic"
NON_ATOMIC_REQUESTS = "django.db.transaction.non_atomic_requests"
#: Model signals that fire inside the saving code's transaction.
TX_SIGNALS = frozenset(
    f"django.db.models.signals.{s}" for s in ("post_save", "pre_save", "m2m_changed", "post_delete", "pre_delete")
)
RQ_METHODS = {"enqueue": 0, "enqueue_call": 0, "enqueue_in": 1, "enqueue_at": 1}


@dataclass(frozen=True)
class TaskRef:
    """The project task an enqueue targets (a decorated function or a Task subclass)."""

    framework: str  # "celery" | "rq"
    label: str  # as written at the call site, e.g. "print_kitchen_ticket"
    fn: FunctionInfo | None = None  # the task body (function, or Task.run)
    class_name: str | None = None


@dataclass(frozen=True)
class Enqueue:
    """One call that publishes a background job."""

    call: ast.Call
    kind: str  # delay | apply_async | send_task | enqueue | enqueue_call | enqueue_in | enqueue_at
    task: TaskRef
    #: Positional / keyword argument expressions the task receives, when they can be told.
    args: tuple[ast.expr, ...] = ()
    kwargs: tuple[tuple[str, ast.expr], ...] = ()

    def describe(self) -> str:
        if self.kind in ("delay", "apply_async", "send", "send_with_options", "schedule"):
            return f"{self.task.label}.{self.kind}()"
        if self.kind == "call":
            return f"{self.task.label}()"
        if self.kind == "dispatch":
            return f"{ast.unparse(self.call.func)}({self.task.label}, ...)"
        return f"{self.kind}({self.task.label})"


# --------------------------------------------------------------------------- names
def _dotted(index: "RepoIndex", module: ModuleInfo, expr: ast.expr) -> str:
    return index.resolve(module, expr) or ""


def is_atomic(index: "RepoIndex", module: ModuleInfo, expr: ast.expr) -> bool:
    """``transaction.atomic``, ``transaction.atomic(using=...)``, ``atomic()`` under any import alias."""
    target = expr.func if isinstance(expr, ast.Call) else expr
    return _dotted(index, module, target) == ATOMIC


def is_on_commit(index: "RepoIndex", module: ModuleInfo, call: ast.Call) -> bool:
    """``transaction.on_commit(...)``, ``on_commit(...)``, ``connection.on_commit(...)``."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "on_commit":
        return True
    return _dotted(index, module, func).endswith("on_commit")


def task_of(index: "RepoIndex", module: ModuleInfo, expr: ast.expr) -> TaskRef | None:
    """The project task an expression denotes: a ``@shared_task``/``@app.task``/``@job`` function,
    a Task subclass or an instance of one."""
    label = ast.unparse(expr)
    if isinstance(expr, ast.Call):  # ChargeTask()
        expr = expr.func
    dotted = _dotted(index, module, expr)
    if not dotted:
        return None
    fn = index.lookup_function(dotted)
    if fn is not None:
        decl = index.task_decl(fn)
        if decl is not None:
            return TaskRef(decl.framework, label, fn)
        return None
    found = index.lookup_class(dotted)
    if found is not None and _is_task_class(index, found[0], found[1]):
        info, node = found
        return TaskRef("celery", label, info.functions.get(f"{node.name}.run"), node.name)
    return None


def _task_by_name(index: "RepoIndex", name: str) -> FunctionInfo | None:
    """A task by its registered name: ``name=`` of the decorator, else ``module.function``."""
    fn = index.lookup_function(name)
    if fn is not None and index.task_decl(fn):
        return fn
    for fn in index.functions.values():
        decl = index.task_decl(fn)
        if decl is not None and decl.option_value("name") == name:
            return fn
    return None


def enqueue_of(index: "RepoIndex", module: ModuleInfo, call: ast.Call) -> Enqueue | None:
    """The job ``call`` publishes, or None when it publishes nothing (as far as can be told)."""
    found = _basic_enqueue(index, module, call)
    if found is not None:
        return found
    from rootfix.project.enqueue import extra_enqueue

    return extra_enqueue(index, module, call)


def _basic_enqueue(index: "RepoIndex", module: ModuleInfo, call: ast.Call) -> Enqueue | None:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return None
    attr = func.attr
    if attr in ("delay", "apply_async"):
        recv = func.value
        sig_args: list[ast.expr] = []
        sig_kwargs: list[tuple[str, ast.expr]] = []
        if (isinstance(recv, ast.Call) and isinstance(recv.func, ast.Attribute)
                and recv.func.attr in ("s", "si", "signature")):
            sig_args = list(recv.args) if recv.func.attr != "signature" else []
            sig_kwargs = [(k.arg, k.value) for k in recv.keywords if k.arg] if recv.func.attr != "signature" else []
            recv = recv.func.value
        task = task_of(index, module, recv)
        if task is None and isinstance(recv, ast.Call):
            canvas = _dotted(index, module, recv.func)
            if canvas.startswith("celery.") and canvas.rsplit(".", 1)[-1] in ("group", "chain", "chord", "signature"):
                task = TaskRef("celery", ast.unparse(recv.func))  # group(...).delay(): a canvas of tasks
                sig_args = []
        if task is None:
            return None
        if attr == "delay":
            args = [*sig_args, *call.args]
            kwargs = [*sig_kwargs, *((k.arg, k.value) for k in call.keywords if k.arg)]
        else:
            kw = {k.arg: k.value for k in call.keywords if k.arg}
            args_node = kw.get("args") or (call.args[0] if call.args else None)
            kwargs_node = kw.get("kwargs") or (call.args[1] if len(call.args) > 1 else None)
            args = [*sig_args, *(args_node.elts if isinstance(args_node, (ast.List, ast.Tuple)) else [])]
            kwargs = list(sig_kwargs)
            if isinstance(kwargs_node, ast.Dict):
                kwargs += [(k.value, v) for k, v in zip(kwargs_node.keys, kwargs_node.values)
                           if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        return Enqueue(call, attr, task, tuple(args), tuple(kwargs))
    if attr == "send_task" and (call.args or any(k.arg == "name" for k in call.keywords)):
        name_node = call.args[0] if call.args else next(k.value for k in call.keywords if k.arg == "name")
        name = name_node.value if isinstance(name_node, ast.Constant) and isinstance(name_node.value, str) else ""
        fn = _task_by_name(index, name) if name else None
        label = name or ast.unparse(name_node)
        kw = {k.arg: k.value for k in call.keywords if k.arg}
        args_node = kw.get("args") or (call.args[1] if len(call.args) > 1 else None)
        args = tuple(args_node.elts) if isinstance(args_node, (ast.List, ast.Tuple)) else ()
        return Enqueue(call, attr, TaskRef("celery", label, fn), args)
    if attr in RQ_METHODS:
        pos = RQ_METHODS[attr]
        recv_dotted = _dotted(index, module, func.value)
        kw = {k.arg: k.value for k in call.keywords if k.arg}
        target = kw.get("func") or kw.get("f") or (call.args[pos] if len(call.args) > pos else None)
        if target is None:
            return None
        fn = None
        if isinstance(target, ast.Constant) and isinstance(target.value, str):
            fn = index.lookup_function(target.value)
            label = target.value
        else:
            dotted = _dotted(index, module, target)
            fn = index.lookup_function(dotted) if dotted else None
            label = ast.unparse(target)
        rq_receiver = recv_dotted.split(".")[0] in ("rq", "django_rq") or any(
            v.split(".")[0] in ("rq", "django_rq") for v in module.imports.values())
        if fn is None and not rq_receiver:
            return None
        if fn is None and not (isinstance(target, ast.Constant) and "." in str(target.value)):
            return None
        if attr == "enqueue_call":
            args_node = kw.get("args")
            args = tuple(args_node.elts) if isinstance(args_node, (ast.List, ast.Tuple)) else ()
            kwargs_node = kw.get("kwargs")
            kwargs = tuple((k.value, v) for k, v in zip(kwargs_node.keys, kwargs_node.values)
                           if isinstance(k, ast.Constant)) if isinstance(kwargs_node, ast.Dict) else ()
        else:
            args = tuple(call.args[pos + 1:])
            kwargs = tuple((k.arg, k.value) for k in call.keywords
                           if k.arg and k.arg not in ("job_id", "job_timeout", "result_ttl", "ttl", "depends_on",
                                                      "at_front", "meta", "description", "retry", "on_success",
                                                      "on_failure", "failure_ttl", "timeout", "func", "f"))
        return Enqueue(call, attr, TaskRef("rq", label, fn), args, kwargs)
    return None


def publishes_project_task(enq: Enqueue) -> bool:
    """The enqueue targets a task (or RQ job function) defined in the project: a background-worker
    component. Rules about *publishing* a task (W3, W5) check such call sites wherever they are,
    because the component that breaks is the task, not the code around the call."""
    return enq.task.fn is not None


# --------------------------------------------------------------------------- per-function facts
@dataclass
class FunctionFacts:
    """Parents, atomic blocks and on_commit deferral for the nodes of one function."""

    index: "RepoIndex"
    fn: FunctionInfo
    module: ModuleInfo
    parents: dict[int, ast.AST] = field(default_factory=dict)

    @classmethod
    def of(cls, index: "RepoIndex", fn: FunctionInfo) -> "FunctionFacts":
        cache = index.__dict__.setdefault("_rootfix_w3_facts", {})
        found = cache.get(fn.qualname)
        if found is None:
            found = cls(index, fn, index.module_of(fn))
            for node in walk_tree(fn.node):
                for child in ast.iter_child_nodes(node):
                    found.parents[id(child)] = node
            cache[fn.qualname] = found
        return found

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        cur = self.parents.get(id(node))
        while cur is not None and cur is not self.fn.node:
            yield cur
            cur = self.parents.get(id(cur))

    def atomic_block(self, node: ast.AST) -> ast.AST | None:
        """The innermost ``with atomic()`` around ``node``, or the ``@atomic`` decorator of the function."""
        for anc in self.ancestors(node):
            if isinstance(anc, (ast.With, ast.AsyncWith)) and any(
                    is_atomic(self.index, self.module, item.context_expr) for item in anc.items):
                return anc
        for deco in self.fn.node.decorator_list:
            if is_atomic(self.index, self.module, deco):
                return deco
        return None

    def deferred(self, node: ast.AST) -> bool:
        """True when ``node`` does not run now: inside a lambda (passed to ``on_commit`` or kept
        for later) or inside the arguments of an ``on_commit(...)`` call."""
        for anc in self.ancestors(node):
            if isinstance(anc, ast.Lambda):
                return True
            if isinstance(anc, ast.Call) and is_on_commit(self.index, self.module, anc):
                return True
        return False

    def deferred_within(self, node: ast.AST, top: ast.AST) -> bool:
        """Like :meth:`deferred`, but only looking at the ancestors below ``top`` (a nested function or
        lambda whose call runs now): an ``on_commit`` or a further lambda inside it defers."""
        for anc in self.ancestors(node):
            if anc is top:
                return False
            if isinstance(anc, ast.Lambda):
                return True
            if isinstance(anc, ast.Call) and is_on_commit(self.index, self.module, anc):
                return True
        return False

    def calls(self) -> Iterator[ast.Call]:
        """The calls of the function body that run now (not deferred), in source order."""
        out = [n for n in walk_body(self.fn.node) if isinstance(n, ast.Call) and not self.deferred(n)]
        out.sort(key=lambda n: (n.lineno, n.col_offset))
        return iter(out)


@dataclass(frozen=True)
class Reached:
    """An enqueue that runs when a call runs: where it is, and the helper chain to it."""

    enqueue: Enqueue
    fn: FunctionInfo  # the function whose body holds the enqueue
    chain: tuple[tuple[str, int, str], ...] = ()  # (file, line, "calls helper") hops


def direct_enqueues(index: "RepoIndex", fn: FunctionInfo) -> list[tuple[ast.Call, Enqueue]]:
    facts = FunctionFacts.of(index, fn)
    out = []
    for call in facts.calls():
        enq = enqueue_of(index, facts.module, call)
        if enq is not None:
            out.append((call, enq))
    return out


def effective_enqueues(index: "RepoIndex", fn: FunctionInfo, max_depth: int = 4,
                       _seen: frozenset[str] = frozenset()) -> list[Reached]:
    """Enqueues that run (now, not deferred) when ``fn`` runs: its own and its helpers'."""
    cache = index.__dict__.setdefault("_rootfix_w3_effective", {})
    key = (fn.qualname, max_depth)
    if key in cache:
        return cache[key]
    facts = FunctionFacts.of(index, fn)
    out: list[Reached] = []
    for call in facts.calls():
        enq = enqueue_of(index, facts.module, call)
        if enq is not None:
            out.append(Reached(enq, fn))
            continue
        if max_depth <= 0:
            continue
        callee = index.resolve_call(facts.module, call, fn.class_name)
        if callee is None or callee.qualname in _seen or callee.qualname == fn.qualname:
            continue
        if index.task_decl(callee) is not None:
            continue  # calling a task function directly runs it inline; its enqueues are its own business
        hop = (fn.file, call.lineno, f"{fn.symbol} calls {callee.symbol}")
        for r in effective_enqueues(index, callee, max_depth - 1, _seen | {fn.qualname}):
            out.append(Reached(r.enqueue, r.fn, (hop, *r.chain)))
    cache[key] = out
    return out


# --------------------------------------------------------------------------- contexts
def _signal_refs(index: "RepoIndex", module: ModuleInfo, expr: ast.expr) -> list[str]:
    elts = expr.elts if isinstance(expr, (ast.List, ast.Tuple)) else [expr]
    return [_dotted(index, module, e) for e in elts]


def signal_receivers(index: "RepoIndex") -> dict[str, tuple[FunctionInfo, str]]:
    """Receivers of model signals that fire inside the saver's transaction: qualname -> (fn, signal)."""
    out: dict[str, tuple[FunctionInfo, str]] = {}
    for fn in index.functions.values():
        module = index.module_of(fn)
        for deco in fn.node.decorator_list:
            if isinstance(deco, ast.Call) and deco.args and _dotted(index, module, deco.func).endswith("receiver"):
                for sig in _signal_refs(index, module, deco.args[0]):
                    if sig in TX_SIGNALS:
                        out[fn.qualname] = (fn, sig.rsplit(".", 1)[1])
    for info in index.modules.values():
        for node in walk_tree(info.tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
                    and (node.args or node.keywords)):
                sig = _dotted(index, info, node.func.value)
                if sig not in TX_SIGNALS:
                    continue
                handler = node.args[0] if node.args else next(
                    (k.value for k in node.keywords if k.arg == "receiver"), None)
                dotted = _dotted(index, info, handler) if handler is not None else ""
                target = index.lookup_function(dotted) if dotted else None
                if target is not None:
                    out[target.qualname] = (target, sig.rsplit(".", 1)[1])
    return out


#: Model methods that send ``pre/post_save`` or ``pre/post_delete`` (``bulk_create``/``update`` send none).
SAVING_METHODS = frozenset({"create", "get_or_create", "update_or_create", "save", "delete"})


def receivers_by_sender(index: "RepoIndex") -> dict[str, list[FunctionInfo]]:
    """Receivers of the transaction-bound model signals, by the dotted sender model they are
    registered for (``@receiver(post_save, sender=Booking)``, ``post_save.connect(fn, sender=Booking)``);
    receivers registered without a sender are under ``""``."""
    cache = index.__dict__.setdefault("_rootfix_w3_senders", {})
    if "map" in cache:
        return cache["map"]
    out: dict[str, list[FunctionInfo]] = {}

    def add(module: ModuleInfo, fn: FunctionInfo, call: ast.Call) -> None:
        sender = next((k.value for k in call.keywords if k.arg == "sender"), None)
        key = _dotted(index, module, sender) if sender is not None else ""
        if fn not in out.setdefault(key, []):
            out[key].append(fn)

    for fn in index.functions.values():
        module = index.module_of(fn)
        for deco in fn.node.decorator_list:
            if isinstance(deco, ast.Call) and deco.args and _dotted(index, module, deco.func).endswith("receiver"):
                if any(sig in TX_SIGNALS for sig in _signal_refs(index, module, deco.args[0])):
                    add(module, fn, deco)
    for info in index.modules.values():
        for node in walk_tree(info.tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
                    and _dotted(index, info, node.func.value) in TX_SIGNALS):
                handler = node.args[0] if node.args else next(
                    (k.value for k in node.keywords if k.arg == "receiver"), None)
                dotted = _dotted(index, info, handler) if handler is not None else ""
                target = index.lookup_function(dotted) if dotted else None
                if target is not None:
                    add(info, target, node)
    cache["map"] = out
    return out


def receivers_triggered(index: "RepoIndex", fn: FunctionInfo) -> list[FunctionInfo]:
    """The signal receivers ``fn`` sets off by saving or deleting models: ``Model.objects.create()``,
    ``Model(...).save()``, ``instance.save()`` / ``.delete()`` where the instance came from
    ``Model.objects...`` or ``Model(...)`` in ``fn`` (receivers without a sender: any save)."""
    senders = receivers_by_sender(index)
    if not senders:
        return []
    module = index.module_of(fn)
    models_of: dict[str, str] = {}  # local variable -> dotted model

    def model_of(expr: ast.expr) -> str | None:
        while isinstance(expr, (ast.Call, ast.Attribute, ast.Subscript)):
            if isinstance(expr, ast.Call):
                expr = expr.func
            else:
                expr = expr.value
        if isinstance(expr, ast.Name):
            return models_of.get(expr.id) or _dotted(index, module, expr) or None
        return None

    out: list[FunctionInfo] = []
    nodes = sorted((n for n in walk_body(fn.node) if isinstance(n, (ast.Assign, ast.Call))),
                   key=lambda n: (n.lineno, n.col_offset))
    for node in nodes:
        if isinstance(node, ast.Assign):
            model = model_of(node.value)
            for t in node.targets:
                if isinstance(t, ast.Name) and model:
                    models_of[t.id] = model
            continue
        if not (isinstance(node.func, ast.Attribute) and node.func.attr in SAVING_METHODS):
            continue
        model = model_of(node.func.value)
        for fn2 in senders.get(model or "\0", []) + senders.get("", []):
            if fn2 not in out:
                out.append(fn2)
    return out


VIEW_METHODS = frozenset({
    "get", "post", "put", "patch", "delete", "dispatch", "form_valid", "perform_create", "perform_update",
    "perform_destroy", "create", "update", "destroy", "partial_update",
})


def _is_view_class(index: "RepoIndex", module: ModuleInfo, cls: ast.ClassDef, depth: int = 0) -> bool:
    if depth > 6:
        return False
    for base in cls.bases:
        dotted = _dotted(index, module, base)
        if dotted.startswith(("django.views", "rest_framework.")):
            return True
        found = index.lookup_class(dotted) if dotted else None
        if found and _is_view_class(index, found[0], found[1], depth + 1):
            return True
    return False


def _non_atomic(index: "RepoIndex", module: ModuleInfo, decorators: list[ast.expr]) -> bool:
    for deco in decorators:
        for node in walk_tree(deco):
            if isinstance(node, (ast.Name, ast.Attribute)) and _dotted(index, module, node).endswith(
                    "non_atomic_requests"):
                return True
    return False


def views(index: "RepoIndex") -> list[FunctionInfo]:
    """Request handlers that run inside the request transaction when ``ATOMIC_REQUESTS`` is on:
    function views (first parameter ``request``, in a views module or routed in a URLconf) and the
    handler methods of class-based views — minus ``@transaction.non_atomic_requests`` ones."""
    routed: set[str] = set()
    for info in index.modules.values():
        for node in walk_tree(info.tree):
            if isinstance(node, ast.Call) and _dotted(index, info, node.func).split(".")[-1] in (
                    "path", "re_path", "url") and len(node.args) >= 2:
                dotted = _dotted(index, info, node.args[1])
                if dotted:
                    routed.add(dotted)
    out = []
    for fn in index.functions.values():
        module = index.module_of(fn)
        if fn.class_name is None:
            params = fn.node.args.posonlyargs + fn.node.args.args
            is_view = (params and params[0].arg == "request"
                       and (fn.qualname in routed or "views" in module.module.split(".")))
            if is_view and not _non_atomic(index, module, fn.node.decorator_list):
                out.append(fn)
        else:
            cls = module.classes.get(fn.class_name)
            method = fn.symbol.split(".")[-1]
            if (cls is not None and method in VIEW_METHODS and _is_view_class(index, module, cls)
                    and not _non_atomic(index, module, cls.decorator_list + fn.node.decorator_list)):
                out.append(fn)
    return out


# --------------------------------------------------------------------------- settings
def settings_modules(index: "RepoIndex") -> list[ModuleInfo]:
    """Django settings modules of the index, in the project model's precedence."""
    return [index.by_path[p] for p in sorted((p for p in index.by_path if is_settings_path(p)), key=settings_order)]


def atomic_requests(index: "RepoIndex", settings: dict[str, object] | None = None) -> bool:
    """``ATOMIC_REQUESTS = True`` for a database, read statically from the settings modules."""
    dbs = (settings or {}).get("DATABASES")
    if isinstance(dbs, dict) and any(isinstance(v, dict) and v.get("ATOMIC_REQUESTS") is True for v in dbs.values()):
        return True
    for info in settings_modules(index):
        for node in walk_tree(info.tree):
            if isinstance(node, ast.Dict):
                for k, v in zip(node.keys, node.values):
                    if (isinstance(k, ast.Constant) and k.value == "ATOMIC_REQUESTS"
                            and isinstance(v, ast.Constant) and v.value is True):
                        return True
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value is True:
                for t in node.targets:
                    if (isinstance(t, ast.Subscript) and isinstance(t.slice, ast.Constant)
                            and t.slice.value == "ATOMIC_REQUESTS"):
                        return True
    return False


def static_settings(index: "RepoIndex") -> dict[str, object]:
    """The project's settings (:attr:`rootfix.project.model.Project.settings`)."""
    return dict(Project.of(index).settings)
