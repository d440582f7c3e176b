"""Shared helpers of the W1 (retry), W2 (connections) and W6 (memory) worker rules.

* :func:`worker_tasks` finds every background task: Celery ``@shared_task`` / ``@app.task`` under any
  alias (through :meth:`RepoIndex.task_decl`), RQ ``@job``, and Celery ``Task`` subclasses (their ``run``),
  with their options (decorator keywords or class attributes);
* :func:`worker_functions` adds the project functions those tasks reach (the code that runs in a worker);
* exception helpers: which types a handler catches, whether it re-raises;
* :func:`retry_sites` follows a ``try`` body into project helpers and tells where a Celery ``Retry``
  can come from (``self.retry()``, ``task.retry()`` on a task passed as an argument, ``raise Retry``);
* what a regression test injects where (:func:`injection_for_handler`, :func:`try_body_target`,
  :func:`first_patchable_call`); the test itself -- a replay of the project's own tests that run the task,
  with the failure injected -- is a ``TaskReplay`` that ``rootfix.regress`` writes.

Nothing here imports or runs the project's code.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from rootfix.discover.index import FunctionInfo, ModuleInfo
from rootfix.project.model import Project
from rootfix.project.model import is_task_class as _is_task_class
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

RETRY = "celery.exceptions.Retry"
#: Exception types whose handler also catches celery's Retry.
CATCHES_RETRY = frozenset({"Exception", "BaseException", "builtins.Exception", "builtins.BaseException", RETRY,
                           "celery.exceptions.TaskPredicate", "celery.exceptions.CeleryError"})
BROAD = frozenset({"Exception", "BaseException", "builtins.Exception", "builtins.BaseException"})


@dataclass(frozen=True)
class TaskInfo:
    """A background task: its body and how it is declared."""

    fn: FunctionInfo
    framework: str  # "celery" | "rq"
    kind: str  # "decorator" | "class"
    options: dict[str, ast.expr] = field(default_factory=dict, hash=False, compare=False)
    decorator: ast.expr | None = field(default=None, hash=False, compare=False)
    class_node: ast.ClassDef | None = field(default=None, hash=False, compare=False)

    @property
    def bound(self) -> bool:
        """``self`` is the task: ``bind=True``, or a ``Task`` subclass's ``run``."""
        if self.kind == "class":
            return True
        node = self.options.get("bind")
        return isinstance(node, ast.Constant) and node.value is True

    @property
    def self_name(self) -> str | None:
        if not self.bound:
            return None
        args = self.fn.node.args.posonlyargs + self.fn.node.args.args
        return args[0].arg if args else None

    def option(self, name: str) -> ast.expr | None:
        return self.options.get(name)


# --------------------------------------------------------------------------- tasks
def worker_tasks(index: "RepoIndex") -> dict[str, TaskInfo]:
    """qualname -> task, for every task of the project (cached on the index)."""
    cached = index.__dict__.get("_rootfix_w1_tasks")
    if cached is not None:
        return cached
    out = {q: TaskInfo(t.fn, t.framework, t.kind, t.options, t.decorator, t.class_node)
           for q, t in Project.of(index).tasks.items()}
    index.__dict__["_rootfix_w1_tasks"] = out
    return out


def worker_functions(index: "RepoIndex", max_depth: int = 3) -> dict[str, tuple[FunctionInfo, TaskInfo]]:
    """Every function that runs inside a worker: the tasks and the project code they call."""
    cached = index.__dict__.get("_rootfix_w1_worker_fns")
    if cached is not None:
        return cached
    out: dict[str, tuple[FunctionInfo, TaskInfo]] = {}
    for task in worker_tasks(index).values():
        for fn, _depth in index.reachable(task.fn, max_depth):
            out.setdefault(fn.qualname, (fn, task))
    # methods of a Task class other than run run in the worker too
    for task in worker_tasks(index).values():
        if task.kind == "class":
            module = index.module_of(task.fn)
            for sym, fn in module.functions.items():
                if fn.class_name == task.fn.class_name:
                    out.setdefault(fn.qualname, (fn, task))
    # so do the methods of a Task class a decorated task uses as ``base=`` (and of its project bases)
    for task in worker_tasks(index).values():
        base = task.options.get("base") if task.kind == "decorator" else None
        if base is None:
            continue
        for info, cls in _class_chain(index, index.module_of(task.fn), base):
            for fn in info.functions.values():
                if fn.class_name == cls.name:
                    out.setdefault(fn.qualname, (fn, task))
    index.__dict__["_rootfix_w1_worker_fns"] = out
    return out


def _class_chain(index: "RepoIndex", module: ModuleInfo, expr: ast.expr, depth: int = 0) -> list[tuple[ModuleInfo, ast.ClassDef]]:
    """The project class ``expr`` names and its project bases."""
    found = index.lookup_class(index.resolve(module, expr) or "")
    if found is None or depth > 6:
        return []
    out = [found]
    for b in found[1].bases:
        out += _class_chain(index, found[0], b, depth + 1)
    return out


def is_task_method(index: "RepoIndex", fn: FunctionInfo) -> bool:
    """``fn`` is a method of a Celery ``Task`` subclass: its first parameter is the task."""
    if fn.class_name is None:
        return False
    module = index.module_of(fn)
    cls = module.classes.get(fn.class_name)
    return cls is not None and _is_task_class(index, module, cls)


def task_of_name(index: "RepoIndex", module: ModuleInfo, expr: ast.expr) -> TaskInfo | None:
    """The project task a name refers to (``deliver_issue`` -> its TaskInfo)."""
    dotted = index.resolve(module, expr)
    if not dotted:
        return None
    fn = index.lookup_function(dotted)
    if fn is None:
        return None
    return worker_tasks(index).get(fn.qualname)


# --------------------------------------------------------------------------- exceptions
def handler_types(index: "RepoIndex", module: ModuleInfo, handler: ast.ExceptHandler) -> list[str] | None:
    """Dotted names of the types an ``except`` catches; None for a bare ``except:``."""
    if handler.type is None:
        return None
    elts = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return [index.resolve(module, e) or "?" for e in elts]


def is_broad(index: "RepoIndex", module: ModuleInfo, handler: ast.ExceptHandler) -> bool:
    types = handler_types(index, module, handler)
    return types is None or any(t in BROAD for t in types)


def catches_retry(index: "RepoIndex", module: ModuleInfo, handler: ast.ExceptHandler) -> bool:
    types = handler_types(index, module, handler)
    return types is None or any(t in CATCHES_RETRY for t in types)


def reraises(handler: ast.ExceptHandler) -> bool:
    """The handler may let the exception (or a retry) go on: bare ``raise``, ``raise <name>``, or a ``.retry()``."""
    for node in _walk_no_defs(handler.body):
        if isinstance(node, ast.Raise):
            if node.exc is None:
                return True
            if isinstance(node.exc, ast.Name) and handler.name and node.exc.id == handler.name:
                return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "retry":
            return True
    return False


def raises_anything(handler: ast.ExceptHandler) -> bool:
    return any(isinstance(n, ast.Raise) for n in _walk_no_defs(handler.body))


def _walk_no_defs(stmts: list[ast.stmt]) -> Iterator[ast.AST]:
    stack: list[ast.AST] = list(reversed(stmts))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


# --------------------------------------------------------------------------- retry sites
@dataclass(frozen=True)
class RetrySite:
    """Where a Celery Retry can be raised: the node, and the call of the function ``stmts`` reach it by."""

    file: str
    line: int
    text: str
    via: ast.Call | None = None  # the call in the analysed block that leads to the site (None: direct)


def is_retry_call(index: "RepoIndex", module: ModuleInfo, call: ast.Call, task_names: set[str]) -> bool:
    """``<task>.retry(...)`` that raises (no ``throw=False``), ``<task>`` being a task-bound name or a task."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "retry"):
        return False
    for kw in call.keywords:
        if kw.arg == "throw" and isinstance(kw.value, ast.Constant) and kw.value.value is False:
            return False
    base = func.value
    if isinstance(base, ast.Name) and base.id in task_names:
        return True
    if task_of_name(index, module, base) is not None:
        return True
    return (index.resolve(module, base) or "") in ("celery.current_task", "celery.app.task.current_task")


class _RetryFinder:
    def __init__(self, index: "RepoIndex", max_depth: int = 3) -> None:
        self.index = index
        self.max_depth = max_depth
        self._memo: dict[tuple[str, frozenset[str]], list[RetrySite]] = {}

    def task_arg_names(self, module: ModuleInfo, expr: ast.expr, task_names: set[str]) -> bool:
        if isinstance(expr, ast.Name) and expr.id in task_names:
            return True
        return task_of_name(self.index, module, expr) is not None

    def function_sites(self, fn: FunctionInfo, task_params: frozenset[str], depth: int) -> list[RetrySite]:
        key = (fn.qualname, task_params)
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = []  # recursion guard
        module = self.index.module_of(fn)
        names = set(task_params)
        if fn.class_name is not None:
            cls = module.classes.get(fn.class_name)
            if cls is not None and _is_task_class(self.index, module, cls):
                args = fn.node.args.posonlyargs + fn.node.args.args
                if args:
                    names.add(args[0].arg)
        sites = self.block(module, fn, fn.node.body, names, depth)
        self._memo[key] = sites
        return sites

    def block(self, module: ModuleInfo, fn: FunctionInfo, stmts: list[ast.stmt], names: set[str],
              depth: int) -> list[RetrySite]:
        out: list[RetrySite] = []
        for stmt in stmts:
            out.extend(self.node(module, fn, stmt, names, depth))
        return out

    def node(self, module: ModuleInfo, fn: FunctionInfo, node: ast.AST, names: set[str], depth: int) -> list[RetrySite]:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return []
        if isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            inner = self.block(module, fn, node.body, names, depth)
            escaped: list[RetrySite] = []
            if inner:
                handler = next((h for h in node.handlers if catches_retry(self.index, module, h)), None)
                if handler is None or reraises(handler):
                    escaped = inner
            for h in node.handlers:
                escaped += self.block(module, fn, h.body, names, depth)
            escaped += self.block(module, fn, node.orelse, names, depth)
            escaped += self.block(module, fn, node.finalbody, names, depth)
            return escaped
        out: list[RetrySite] = []
        if isinstance(node, ast.Raise) and node.exc is not None:
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if (self.index.resolve(module, target) or "") == RETRY:
                out.append(RetrySite(fn.file, node.lineno, ast.get_source_segment(module.source, node) or "raise Retry"))
        if isinstance(node, ast.Call):
            if is_retry_call(self.index, module, node, names):
                out.append(RetrySite(fn.file, node.lineno, ast.get_source_segment(module.source, node) or "retry()"))
            elif depth < self.max_depth:
                callee = self.index.resolve_call(module, node, fn.class_name)
                if callee is not None and callee.qualname != fn.qualname:
                    params = self.task_params(module, node, callee, names)
                    inner = self.function_sites(callee, params, depth + 1)
                    if inner:
                        out.append(RetrySite(inner[0].file, inner[0].line, inner[0].text, node))
        for child in ast.iter_child_nodes(node):
            out.extend(self.node(module, fn, child, names, depth))
        return out

    def task_params(self, module: ModuleInfo, call: ast.Call, callee: FunctionInfo, names: set[str]) -> frozenset[str]:
        params = [a.arg for a in callee.node.args.posonlyargs + callee.node.args.args]
        if callee.class_name is not None and params and params[0] in ("self", "cls"):
            if isinstance(call.func, ast.Attribute):
                params = params[1:]
        out = set()
        for i, arg in enumerate(call.args):
            if isinstance(arg, ast.Starred):
                break
            if i < len(params) and self.task_arg_names(module, arg, names):
                out.add(params[i])
        for kw in call.keywords:
            if kw.arg and self.task_arg_names(module, kw.value, names):
                out.add(kw.arg)
        return frozenset(out)


def retry_sites(index: "RepoIndex", task: TaskInfo, stmts: list[ast.stmt]) -> list[RetrySite]:
    """Where a Celery Retry raised while running ``stmts`` (a block of ``task``'s body) comes from."""
    module = index.module_of(task.fn)
    names = {task.self_name} if task.self_name else set()
    return _RetryFinder(index).block(module, task.fn, stmts, names, 0)


def first_param_is_task(task: TaskInfo) -> bool:
    return task.bound


def patch_target(index: "RepoIndex", module: ModuleInfo, call: ast.Call, class_name: str | None) -> str | None:
    """A ``mock.patch`` target string for the callable of ``call`` as the module sees it, or None.

    ``_send(...)`` in ``app.tasks`` -> ``app.tasks._send``; ``requests.post(...)`` -> ``app.tasks.requests.post``;
    ``self.fetch(...)`` in a Task class -> ``app.tasks.FetchTask.fetch``.
    """
    func = call.func
    parts: list[str] = []
    node = func
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    root = node.id
    if root in ("self", "cls"):
        if class_name and len(parts) == 1:
            return f"{module.module}.{class_name}.{parts[0]}"
        if class_name and len(parts) == 2:
            # ``self.client.get_json(...)``: the method of the class ``self.client`` is built from
            owner = _attribute_class(index, module, class_name, parts[0])
            if owner is not None:
                return f"{owner}.{parts[1]}"
        return None
    if root in module.imports or root in module.functions or root in module.classes or root in module.assignments:
        return ".".join([module.module, root, *parts])
    return None


def _attribute_class(index: "RepoIndex", module: ModuleInfo, class_name: str, attr: str) -> str | None:
    """The dotted project class an instance attribute holds when every assignment builds one (``self.client =
    client or FeedClient.from_settings()``: a constructor or a classmethod of the class) and it defines methods."""
    cls = module.classes.get(class_name)
    if cls is None:
        return None
    found: set[str] = set()
    for node in walk_tree(cls):
        if not (isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
                                                     and t.value.id == "self" and t.attr == attr for t in node.targets)):
            continue
        value = node.value.values[-1] if isinstance(node.value, ast.BoolOp) else node.value
        if not isinstance(value, ast.Call):
            return None
        func = value.func
        ref = func if index.lookup_class(index.resolve(module, func) or "") is not None else \
            func.value if isinstance(func, ast.Attribute) else None
        dotted = index.resolve(module, ref) if ref is not None else None
        if not dotted or index.lookup_class(dotted) is None:
            return None
        found.add(dotted)
    return found.pop() if len(found) == 1 else None


def first_patchable_call(index: "RepoIndex", module: ModuleInfo, stmts: list[ast.stmt], class_name: str | None,
                         skip_names: set[str] = frozenset()) -> tuple[ast.Call, str] | None:
    """The first call (in source order) in ``stmts`` whose callable can be patched from a test."""
    calls = [n for n in _walk_no_defs(stmts) if isinstance(n, ast.Call)]
    calls.sort(key=lambda c: (c.lineno, c.col_offset))
    for call in calls:
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "retry":
            continue
        root = func
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name) and root.id in skip_names:
            continue
        # logging calls are not the guarded work
        target = patch_target(index, module, call, class_name)
        if target and not re.search(r"\.(logger|log|logging)\.", target + "."):
            resolved = index.resolve(module, func) or ""
            if resolved.startswith(("logging.", "django.utils.translation")):
                continue
            return call, target
    return None


#: The body of a regression test's stand-in that raises ``_EXC`` (an exception type the test imports).
RAISE_EXC = ("    try:\n"
             "        exc = _EXC(\"rootfix: injected transient error\")\n"
             "    except TypeError:  # exception types with required arguments\n"
             "        exc = _EXC.__new__(_EXC)\n"
             "    raise exc")


def injection_for_handler(index: "RepoIndex", module: ModuleInfo, handler: ast.ExceptHandler) -> tuple[str, str, str] | None:
    """How a generated test raises an exception this handler catches: ``(imports, inject body, class name)``."""
    types = handler_types(index, module, handler)
    dotted = "Exception" if not types else next((t for t in types if t != "?"), None)
    if dotted is None:
        return None
    if "." in dotted:
        mod, _, name = dotted.rpartition(".")
        imports = f"from {mod} import {name} as _EXC\n"
    else:
        imports = f"_EXC = {dotted}\n"
    return imports, RAISE_EXC, "_EXC"


def try_body_target(index: "RepoIndex", task: TaskInfo, try_node: ast.Try) -> str | None:
    """What a generated test patches to make ``try_node``'s guarded block fail."""
    module = index.module_of(task.fn)
    found = first_patchable_call(index, module, try_node.body, task.fn.class_name,
                                 skip_names={task.self_name} if task.self_name else set())
    return found[1] if found else None


def enclosing_try(fn_node: ast.AST, node: ast.AST) -> tuple[ast.Try, ast.ExceptHandler] | None:
    """The ``try`` and handler whose handler body contains ``node``."""
    found = None
    for t in walk_tree(fn_node):  # breadth first: the last match is the innermost
        if isinstance(t, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            for h in t.handlers:
                if any(n is node for n in _walk_no_defs(h.body)):
                    found = (t, h)
    return found


def worker_code(index: "RepoIndex") -> dict[str, tuple["FunctionInfo", "TaskInfo"]]:
    """Every function that runs in a worker: the tasks and what they reach, following method calls on
    model instances and on project objects built in place (:func:`rootfix.project.values.reachable`)."""
    from rootfix.project import values as V

    cached = index.__dict__.get("_rootfix_w6_worker_code")
    if cached is not None:
        return cached
    out = dict(worker_functions(index))
    for task in worker_tasks(index).values():
        for fn in V.reachable(index, task.fn):
            out.setdefault(fn.qualname, (fn, task))
    index.__dict__["_rootfix_w6_worker_code"] = out
    return out
