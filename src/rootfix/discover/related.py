"""The code related to a component: what it calls and references, who enqueues it, the models it touches.

:func:`related_code` walks the call graph of the :class:`~rootfix.discover.index.RepoIndex` breadth first from
the component's entry point (``index.callees``), adds the project functions and classes its code references
(callbacks, dispatch tables such as ``JOBS = {"x": run_x}``, exception classes), the functions that enqueue a
task (``task.delay`` / ``apply_async`` / ``.s()`` / ``queue.enqueue(fn)``) and the management command that
starts a Spark job, each with its call/import distance (``depth``) and why it is related (``via``). Models are
the ``models.Model`` subclasses that this code references (``Order.objects...``, imports, type checks), plus
the foreign-key targets of those.
"""
from __future__ import annotations

import ast
from collections import deque
from typing import Iterable

from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex, walk_body
from rootfix.types import CodeRef, Component, RelatedCode
from rootfix.discover.walk import walk_tree

__all__ = ["related_code", "entry_functions", "model_classes"]

_ENQUEUE_ATTRS = frozenset({"delay", "apply_async", "s", "si", "signature", "subtask", "map", "starmap",
                            "chunks"})
_RQ_ENQUEUE = frozenset({"enqueue", "enqueue_call", "enqueue_in", "enqueue_at"})
_MODEL_BASES = frozenset({"django.db.models.Model", "django.db.models.base.Model"})
_RELATION_FIELDS = ("ForeignKey", "OneToOneField", "ManyToManyField", "ParentalKey")


def entry_functions(index: RepoIndex, component: Component) -> list[FunctionInfo]:
    """The functions where the component's code starts (one, or a task class's methods)."""
    info = index.by_path.get(component.file)
    if info is None:
        return []
    fn = info.functions.get(component.symbol)
    if fn is not None:
        return [fn]
    if component.symbol in info.classes:
        return [f for f in info.functions.values() if f.class_name == component.symbol]
    return []


def model_classes(index: RepoIndex) -> dict[str, tuple[ModuleInfo, ast.ClassDef]]:
    """Every Django model class of the project (abstract ones included), by dotted name."""
    cached = getattr(index, "_rootfix_models", None)
    if cached is not None:
        return cached
    result: dict[str, tuple[ModuleInfo, ast.ClassDef]] = {}
    memo: dict[str, bool] = {}

    def is_model(m: ModuleInfo, cls: ast.ClassDef, depth: int = 0) -> bool:
        key = f"{m.module}.{cls.name}"
        if key in memo:
            return memo[key]
        memo[key] = False
        found = False
        if depth < 8:
            for base in cls.bases:
                dotted = index.resolve(m, base) or ""
                if dotted in _MODEL_BASES or (dotted.startswith("django.") and dotted.rsplit(".", 1)[-1] in (
                        "AbstractUser", "AbstractBaseUser", "PermissionsMixin", "Model")):
                    found = True
                    break
                hit = index.lookup_class(dotted) if dotted else None
                if hit is not None and hit[1] is not cls and is_model(hit[0], hit[1], depth + 1):
                    found = True
                    break
        memo[key] = found
        return found

    for m in index.by_path.values():
        for name, cls in m.classes.items():
            if is_model(m, cls):
                result[f"{m.module}.{name}"] = (m, cls)
    try:
        index._rootfix_models = result  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover - RepoIndex has no __slots__
        pass
    return result


class _Walker:
    def __init__(self, index: RepoIndex, component: Component, max_depth: int) -> None:
        self.index = index
        self.component = component
        self.max_depth = max_depth
        self.models = model_classes(index)
        self.refs: dict[str, CodeRef] = {}  # key: file::symbol
        self.model_refs: dict[str, CodeRef] = {}
        self.seen_fns: set[str] = set()
        self.queue: deque[tuple[FunctionInfo, int]] = deque()

    # ------------------------------------------------------------------ records
    def _add_fn(self, fn: FunctionInfo, depth: int, via: str) -> None:
        if fn.qualname in self.seen_fns or depth > self.max_depth:
            return
        self.seen_fns.add(fn.qualname)
        kind = "method" if fn.class_name else "function"
        if depth > 0:
            self.refs.setdefault(f"{fn.file}::{fn.symbol}",
                                 CodeRef(fn.file, fn.symbol, fn.line, fn.end_line, kind, depth, via))
        self.queue.append((fn, depth))

    def _add_class(self, m: ModuleInfo, cls: ast.ClassDef, depth: int, via: str) -> None:
        dotted = f"{m.module}.{cls.name}"
        if dotted in self.models:
            self._add_model(dotted, depth, via)
            return
        if depth > self.max_depth:
            return
        self.refs.setdefault(f"{m.path}::{cls.name}", CodeRef(m.path, cls.name, cls.lineno,
                                                              cls.end_lineno or cls.lineno, "class", depth, via))

    def _add_model(self, dotted: str, depth: int, via: str) -> None:
        if dotted in self.model_refs:
            return
        m, cls = self.models[dotted]
        self.model_refs[dotted] = CodeRef(m.path, cls.name, cls.lineno, cls.end_lineno or cls.lineno, "model",
                                          depth, via)

    # ------------------------------------------------------------------ walking
    def run(self, entries: Iterable[FunctionInfo], module: ModuleInfo | None) -> None:
        for fn in entries:
            self._add_fn(fn, 0, "")
        if module is not None and self.component.symbol == "<module>":
            self._module_level(module)
        self._enqueuers()
        self._starters()
        while self.queue:
            fn, depth = self.queue.popleft()
            if depth >= self.max_depth:
                self._references(fn, depth, calls=False)
                continue
            for callee, _ in self.index.callees(fn):
                self._add_fn(callee, depth + 1, f"called from {fn.qualname}")
            self._references(fn, depth)
        # Foreign-key targets of the models touched, one step further.
        for dotted in list(self.model_refs):
            m, cls = self.models[dotted]
            for target in self._relations(m, cls):
                self._add_model(target, self.model_refs[dotted].depth + 1, f"foreign key of {cls.name}")

    def _module_level(self, m: ModuleInfo) -> None:
        for stmt in m.tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
                continue
            for node in walk_tree(stmt):
                if isinstance(node, ast.Call):
                    fn = self.index.resolve_call(m, node)
                    if fn is not None:
                        self._add_fn(fn, 1, f"called from {m.module}")
                elif isinstance(node, (ast.Name, ast.Attribute)) and isinstance(getattr(node, "ctx", None),
                                                                                ast.Load):
                    self._reference(m, node, 1, f"referenced in {m.module}")

    def _references(self, fn: FunctionInfo, depth: int, calls: bool = True) -> None:
        m = self.index.module_of(fn)
        for node in walk_body(fn.node):
            if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
                self._reference(m, node, depth + 1, f"referenced in {fn.qualname}", functions=calls)

    def _reference(self, m: ModuleInfo, node: ast.expr, depth: int, via: str, functions: bool = True) -> None:
        if isinstance(node, ast.Name) and node.id in ("self", "cls"):
            return
        dotted = self.index.resolve(m, node)
        if not dotted or "." not in dotted:
            return
        dotted = self.index._follow_reexport(dotted)
        if dotted in self.models:
            self._add_model(dotted, depth, via)
            return
        if depth > self.max_depth:
            return
        cls = self.index.lookup_class(dotted)
        if cls is not None:
            self._add_class(cls[0], cls[1], depth, via)
            return
        if not functions:
            return
        fn = self.index.lookup_function(dotted)
        if fn is not None:
            self._add_fn(fn, depth, via)
            return
        mod, _, name = dotted.rpartition(".")
        info = self.index.modules.get(mod)
        if info is not None and name in info.assignments and depth <= self.max_depth:
            # A dispatch table or registry: the functions it lists are reachable through it.
            for sub in walk_tree(info.assignments[name]):
                if isinstance(sub, (ast.Name, ast.Attribute)) and isinstance(sub.ctx, ast.Load):
                    target = self.index.resolve(info, sub)
                    fn = self.index.lookup_function(target) if target else None
                    if fn is not None:
                        self._add_fn(fn, depth, f"listed in {dotted} ({via})")

    def _enqueuers(self) -> None:
        """Functions that queue the task: ``task.delay(...)``, ``.apply_async``, ``.s()``, ``q.enqueue(task)``."""
        targets = {fn.qualname for fn, _ in list(self.queue) if fn.class_name is None}
        if self.component.type not in ("background-worker", "scheduled-job") or not targets:
            return
        for fn in list(self.index.functions.values()):
            if fn.qualname in targets:
                continue
            m = self.index.module_of(fn)
            for node in walk_body(fn.node):
                hit = None
                if isinstance(node, ast.Attribute) and node.attr in _ENQUEUE_ATTRS:
                    hit = self.index.resolve(m, node.value)
                elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                      and node.func.attr in _RQ_ENQUEUE and node.args):
                    arg = node.args[1] if node.func.attr in ("enqueue_in", "enqueue_at") and len(
                        node.args) > 1 else node.args[0]
                    hit = self.index.resolve(m, arg) if isinstance(arg, (ast.Name, ast.Attribute)) else None
                if hit and self.index._follow_reexport(hit) in targets:
                    name = self.index._follow_reexport(hit).rsplit(".", 1)[-1]
                    self._add_fn(fn, 1, f"enqueues {name}")
                    break

    def _starters(self) -> None:
        for key, value in self.component.details:
            if key != "started_by":
                continue
            if value.startswith("manage.py "):
                cmd = value.split(None, 1)[1]
                for m in self.index.by_path.values():
                    if m.path.endswith(f"management/commands/{cmd}.py"):
                        fn = m.functions.get("Command.handle")
                        if fn is not None:
                            self._add_fn(fn, 1, f"starts this job ({value})")
            else:
                fn = self.index.lookup_function(value)
                if fn is not None:
                    self._add_fn(fn, 1, "starts this job")

    def _relations(self, m: ModuleInfo, cls: ast.ClassDef) -> list[str]:
        out: list[str] = []
        for stmt in cls.body:
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            if not isinstance(value, ast.Call):
                continue
            func = self.index.resolve(m, value.func) or ""
            if not func.endswith(_RELATION_FIELDS):
                continue
            arg = value.args[0] if value.args else next((k.value for k in value.keywords if k.arg == "to"), None)
            target = self._model_ref(m, arg, cls.name)
            if target and target not in out:
                out.append(target)
        return out

    def _model_ref(self, m: ModuleInfo, arg: ast.expr | None, own: str) -> str | None:
        if arg is None:
            return None
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            text = arg.value
            if text == "self":
                return f"{m.module}.{own}"
            app, _, model = text.rpartition(".")
            for dotted in self.models:
                mod, _, name = dotted.rpartition(".")
                if name == model and (not app and mod == m.module or app and app in mod.split(".")):
                    return dotted
            return None
        dotted = self.index.resolve(m, arg)
        if dotted:
            dotted = self.index._follow_reexport(dotted)
            return dotted if dotted in self.models else None
        return None


def related_code(index: RepoIndex, component: Component, max_depth: int = 3) -> RelatedCode:
    """The project code related to ``component``, ordered by distance, and the models it touches.

    ``refs`` holds functions, methods and classes (never the entry point itself) with ``depth`` >= 1 and a
    ``via`` saying how they were reached; ``models`` the Django models referenced from that code (and their
    foreign-key targets).
    """
    walker = _Walker(index, component, max(0, max_depth))
    walker.run(entry_functions(index, component), index.by_path.get(component.file))
    refs = sorted(walker.refs.values(), key=lambda r: r.depth)  # stable: discovery order within a depth
    models = sorted(walker.model_refs.values(), key=lambda r: r.depth)
    return RelatedCode(component, tuple(refs), tuple(models))
