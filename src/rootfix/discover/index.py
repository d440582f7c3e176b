"""The repository index: every Python module parsed once with :mod:`ast`, imports resolved.

Discovery, the rules and localization all read the project through a :class:`RepoIndex`.
It answers the questions they share:

* what a name in a module refers to (``resolve``): ``from celery import shared_task as st``
  makes ``st`` resolve to ``celery.shared_task``; ``from .models import Order`` in
  ``orders/services.py`` to ``orders.models.Order``;
* which project function a call reaches (``resolve_call``), so rules can follow a call
  into a project helper, and which functions are reachable from a component (``reachable``);
* which functions are Celery or RQ tasks, with their decorator options (``task_decl``).

The index never writes to the repository and never imports the project's code.
"""
from __future__ import annotations

import ast
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rootfix.discover.parse import FEATURE_VERSIONS, parse_source, target_python
from rootfix.discover import walk
from rootfix.discover.walk import walk_tree

#: Folders never indexed: environments, caches, VCS data, build output.
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".venv", "venv", "env", ".env", ".tox", ".nox", "node_modules",
    "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", ".eggs",
    "site-packages", ".rootfix-cache",
})

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass
class FunctionInfo:
    """A function or method defined in the project."""

    qualname: str  # dotted: orders.services.place_order, billing.tasks.ChargeTask.run
    module: str
    file: str  # repo-relative
    symbol: str  # place_order, ChargeTask.run
    node: FunctionNode
    class_name: str | None = None

    @property
    def line(self) -> int:
        return self.node.lineno

    @property
    def end_line(self) -> int:
        return self.node.end_lineno or self.node.lineno


#: Huey's task decorators (``periodic_task`` ones also run on a schedule).
HUEY_DECORATORS = frozenset({"task", "db_task", "periodic_task", "db_periodic_task"})


@dataclass(frozen=True)
class TaskDecl:
    """A function registered as a background task by a decorator."""

    framework: str  # "celery" | "rq" | "dramatiq" | "huey"
    decorator: ast.expr
    options: dict[str, ast.expr]  # keyword arguments of the decorator call
    #: Positional arguments of the decorator call (RQ: the queue name).
    args: tuple[ast.expr, ...] = ()

    def option_value(self, name: str) -> object:
        """The literal value of a decorator option, or None when absent / not a literal."""
        node = self.options.get(name)
        if node is None:
            return None
        try:
            return ast.literal_eval(node)
        except (ValueError, SyntaxError, TypeError):
            return None

    @property
    def bound(self) -> bool:
        return self.option_value("bind") is True


@dataclass
class ModuleInfo:
    """One parsed module."""

    path: str  # repo-relative POSIX path
    module: str  # dotted module name
    source: str
    tree: ast.Module
    sha256: str
    is_package: bool = False
    #: local name -> dotted target, from import statements anywhere in the module
    imports: dict[str, str] = field(default_factory=dict)
    #: symbol (``f`` or ``C.m``) -> function
    functions: dict[str, FunctionInfo] = field(default_factory=dict)
    classes: dict[str, ast.ClassDef] = field(default_factory=dict)
    #: module-level assignments: name -> value expression
    assignments: dict[str, ast.expr] = field(default_factory=dict)

    @property
    def lines(self) -> list[str]:
        return self.source.splitlines()


@dataclass(frozen=True)
class IndexError_:
    """A file that could not be read or parsed (``E999``), or that uses syntax newer than the project's target
    Python (``analysed``: the file was still indexed)."""

    path: str
    message: str
    line: int = 1
    analysed: bool = False


def _module_name(rel: Path) -> tuple[str, bool]:
    parts = list(rel.with_suffix("").parts)
    is_pkg = parts[-1] == "__init__"
    if is_pkg:
        parts = parts[:-1]
    return ".".join(parts), is_pkg


def iter_python_files(root: Path, paths: Iterable[Path] | None = None) -> Iterator[Path]:
    """Python files under ``root`` (or under the given paths), skipping environments and caches."""
    starts = list(paths) if paths else [root]
    for start in starts:
        if start.is_file():
            if start.suffix == ".py":
                yield start
            continue
        for dirpath, dirnames, filenames in os.walk(start):
            # hidden folders (.semgrep/ lint fixtures, .github/, editor state) are not the project's code
            dirnames[:] = sorted(d for d in dirnames
                                 if d not in SKIP_DIRS and not d.endswith(".egg-info") and not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(".py"):
                    yield Path(dirpath) / name


class RepoIndex:
    """All modules of a repository, parsed, with imports and definitions resolved."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.modules: dict[str, ModuleInfo] = {}
        self.by_path: dict[str, ModuleInfo] = {}
        self.functions: dict[str, FunctionInfo] = {}
        self.errors: list[IndexError_] = []
        self._callee_cache: dict[str, list[tuple[FunctionInfo, ast.Call]]] = {}
        self._celery_apps: set[str] | None = None
        self._caller_map: dict[str, list[tuple[FunctionInfo, ast.Call]]] | None = None
        self._target: tuple[tuple[int, int], str] | None | bool = False

    @property
    def target(self) -> tuple[tuple[int, int], str] | None:
        """The project's oldest supported Python and where that was read (:func:`target_python`), or None."""
        if self._target is False:
            self._target = target_python(self.root)
        return self._target  # type: ignore[return-value]

    @property
    def first_party(self) -> frozenset[str]:
        """The project's own top-level packages and modules (isort's first-party section)."""
        return frozenset(m.module.split(".")[0] for m in self.by_path.values())

    # ------------------------------------------------------------------ building
    @classmethod
    def build(cls, root: str | Path, paths: Iterable[str | Path] | None = None) -> "RepoIndex":
        """Index every Python file under ``root`` (or only ``paths``, still named relative to ``root``).

        Files that are not UTF-8 or do not parse are recorded in :attr:`errors`, not raised.
        """
        root = Path(root).resolve()
        index = cls(root)
        source_roots = index._source_roots()
        for file in iter_python_files(root, [Path(p).resolve() for p in paths] if paths else None):
            index.add_file(file, source_roots)
        return index

    def _source_roots(self) -> list[Path]:
        roots = [self.root]
        src = self.root / "src"
        if src.is_dir() and not (src / "__init__.py").exists():
            roots.insert(0, src)
        return roots

    def add_file(self, file: Path, source_roots: list[Path] | None = None) -> ModuleInfo | None:
        resolved = file if file.is_absolute() and ".." not in file.parts else file.resolve()
        try:
            rel_path = resolved.relative_to(self.root)
        except ValueError:
            rel_path = Path(file.name)
        rel = rel_path.as_posix()
        try:
            data = file.read_bytes()
        except OSError as exc:
            self.errors.append(IndexError_(rel, f"cannot read: {exc.strerror}"))
            return None
        try:
            source = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.errors.append(IndexError_(rel, f"not UTF-8 (byte {exc.start})"))
            return None
        try:
            parsed = parse_source(source, filename=rel)
        except SyntaxError as exc:
            self.errors.append(IndexError_(rel, f"syntax error at line {exc.lineno}: {exc.msg}", exc.lineno or 1))
            return None
        except ValueError as exc:  # null bytes
            self.errors.append(IndexError_(rel, f"cannot parse: {exc}"))
            return None
        module_rel = rel_path
        for sr in source_roots or self._source_roots():
            try:
                module_rel = resolved.relative_to(sr)
                break
            except ValueError:
                continue
        tree = parsed.tree
        needs = parsed.needs
        if needs is not None and self.target is not None and needs > self.target[0]:
            # valid Python, but not for the version the project says it supports: analysed, and noted
            feature, line = next((f, ln) for f, ln in parsed.features if FEATURE_VERSIONS[f] == needs)
            (tv, where) = self.target
            self.errors.append(IndexError_(
                rel, f"{feature} at line {line} needs Python {needs[0]}.{needs[1]}; the project targets "
                     f"{tv[0]}.{tv[1]} ({where})", line, analysed=True))
        name, is_pkg = _module_name(module_rel)
        info = ModuleInfo(rel, name, source, tree, hashlib.sha256(data).hexdigest(), is_pkg)
        self._collect(info)
        self.modules.setdefault(name, info)
        self.by_path[rel] = info
        for fn in info.functions.values():
            self.functions.setdefault(fn.qualname, fn)
        return info

    def _collect(self, info: ModuleInfo) -> None:
        package = info.module if info.is_package else info.module.rpartition(".")[0]
        for node in walk_tree(info.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        info.imports[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        info.imports.setdefault(top, top)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    pkg_parts = package.split(".") if package else []
                    if node.level > 1:
                        pkg_parts = pkg_parts[: len(pkg_parts) - (node.level - 1)]
                    base = ".".join([*pkg_parts, *([node.module] if node.module else [])])
                for alias in node.names:
                    if alias.name == "*":
                        continue
                    info.imports[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
        for stmt in info.tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                info.functions[stmt.name] = FunctionInfo(
                    f"{info.module}.{stmt.name}", info.module, info.path, stmt.name, stmt)
                _collect_nested(info, stmt, stmt.name, None)
            elif isinstance(stmt, ast.ClassDef):
                info.classes[stmt.name] = stmt
                for sub in stmt.body:
                    if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        sym = f"{stmt.name}.{sub.name}"
                        info.functions[sym] = FunctionInfo(
                            f"{info.module}.{sym}", info.module, info.path, sym, sub, stmt.name)
                        _collect_nested(info, sub, sym, stmt.name)
            elif isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        info.assignments[target.id] = stmt.value
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value:
                info.assignments[stmt.target.id] = stmt.value

    # ------------------------------------------------------------------ names
    def resolve(self, module: ModuleInfo, expr: ast.expr) -> str | None:
        """The dotted name an expression refers to, following the module's imports.

        ``st`` -> ``celery.shared_task``; ``transaction.atomic`` -> ``django.db.transaction.atomic``;
        a name defined in the module -> ``<module>.<name>``. Calls and subscripts resolve to None.
        """
        if isinstance(expr, ast.Name):
            name = expr.id
            if name in module.imports:
                return self._follow_reexport(module.imports[name])
            if name in module.functions or name in module.classes or name in module.assignments:
                return f"{module.module}.{name}"
            return name
        if isinstance(expr, ast.Attribute):
            base = self.resolve(module, expr.value)
            return f"{base}.{expr.attr}" if base else None
        return None

    def _follow_reexport(self, dotted: str, depth: int = 0) -> str:
        """``pkg.thing`` where ``pkg/__init__.py`` does ``from .impl import thing`` -> ``pkg.impl.thing``."""
        if depth > 5:
            return dotted
        mod, _, attr = dotted.rpartition(".")
        info = self.modules.get(mod)
        if info is not None and attr in info.imports and attr not in info.functions and attr not in info.classes:
            return self._follow_reexport(info.imports[attr], depth + 1)
        return dotted

    def lookup_function(self, dotted: str) -> FunctionInfo | None:
        """The project function or method with this dotted name."""
        fn = self.functions.get(dotted)
        if fn is not None:
            return fn
        return self.functions.get(self._follow_reexport(dotted))

    def lookup_class(self, dotted: str) -> tuple[ModuleInfo, ast.ClassDef] | None:
        mod, _, name = self._follow_reexport(dotted).rpartition(".")
        info = self.modules.get(mod)
        if info is not None and name in info.classes:
            return info, info.classes[name]
        return None

    def module_of(self, fn: FunctionInfo) -> ModuleInfo:
        return self.modules.get(fn.module) or self.by_path[fn.file]

    # ------------------------------------------------------------------ calls
    def resolve_call(self, module: ModuleInfo, call: ast.Call, class_name: str | None = None) -> FunctionInfo | None:
        """The project function a call reaches, if it can be told statically.

        Handles plain and imported functions, ``self.method()`` / ``cls.method()`` inside a class,
        ``Class.method()``, ``Class()`` (its ``__init__``) and ``task.delay()`` is *not* a call of
        the task body (the body runs in another process).
        """
        func = call.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
            if class_name:
                found = module.functions.get(f"{class_name}.{func.attr}")
                if found:
                    return found
                return self._inherited_method(module, class_name, func.attr)
            return None
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):  # Service().method()
            owner = self.lookup_class(self.resolve(module, func.value.func) or "")
            if owner is None:  # Service.from_settings().method(): a factory returning its own class
                owner = self.factory_class(module, func.value, class_name)
            if owner is not None:
                info, node = owner
                return info.functions.get(f"{node.name}.{func.attr}") or self._inherited_method(
                    info, node.name, func.attr)
        dotted = self.resolve(module, func)
        if not dotted:
            return None
        fn = self.lookup_function(dotted)
        if fn is not None:
            return fn
        cls = self.lookup_class(dotted)
        if cls is not None:
            info, node = cls
            return info.functions.get(f"{node.name}.__init__")
        return None

    def factory_class(self, module: ModuleInfo, call: ast.Call,
                      class_name: str | None = None) -> tuple[ModuleInfo, ast.ClassDef] | None:
        """The class a factory method builds: ``Importer.from_settings()`` whose every ``return`` is
        ``cls(...)`` (or the class by name)."""
        if not isinstance(call.func, ast.Attribute) or isinstance(call.func.value, ast.Call):
            return None
        factory = self.resolve_call(module, call, class_name)
        if factory is None or factory.class_name is None or "." in factory.class_name:
            return None
        returns = [n.value for n in walk_body(factory.node) if isinstance(n, ast.Return)]
        if not returns or not all(isinstance(r, ast.Call) and isinstance(r.func, ast.Name)
                                  and r.func.id in ("cls", factory.class_name) for r in returns):
            return None
        info = self.by_path.get(factory.file)
        node = info.classes.get(factory.class_name) if info is not None else None
        return (info, node) if node is not None else None

    def _inherited_method(self, module: ModuleInfo, class_name: str, attr: str, depth: int = 0) -> FunctionInfo | None:
        node = module.classes.get(class_name)
        if node is None or depth > 5:
            return None
        for base in node.bases:
            dotted = self.resolve(module, base)
            found = self.lookup_class(dotted) if dotted else None
            if found:
                info, base_node = found
                fn = info.functions.get(f"{base_node.name}.{attr}")
                if fn:
                    return fn
                fn = self._inherited_method(info, base_node.name, attr, depth + 1)
                if fn:
                    return fn
        return None

    def callees(self, fn: FunctionInfo) -> list[tuple[FunctionInfo, ast.Call]]:
        """Project functions called directly in ``fn``'s body, with the call node."""
        cached = self._callee_cache.get(fn.qualname)
        if cached is not None:
            return cached
        module = self.module_of(fn)
        out: list[tuple[FunctionInfo, ast.Call]] = []
        instances: dict[str, tuple[ModuleInfo, str]] | None = None
        for node in walk_body(fn.node):
            if isinstance(node, ast.Call):
                target = self.resolve_call(module, node, fn.class_name)
                if (target is None and isinstance(node.func, ast.Attribute)
                        and isinstance(node.func.value, ast.Name)):
                    if instances is None:
                        instances = self._local_instances(module, fn)
                    owner = instances.get(node.func.value.id)
                    if owner is not None:
                        info, cls = owner
                        target = (info.functions.get(f"{cls}.{node.func.attr}")
                                  or self._inherited_method(info, cls, node.func.attr))
                if target is not None and target.qualname != fn.qualname:
                    out.append((target, node))
        self._callee_cache[fn.qualname] = out
        return out

    def _local_instances(self, module: ModuleInfo, fn: FunctionInfo) -> dict[str, tuple[ModuleInfo, str]]:
        """Local names bound to instances of project classes: ``x = Model.objects.get(...)``,
        ``x = Model.objects.select_for_update().get(...)``, ``x = get_object_or_404(Model, ...)``,
        ``x = Model(...)``, so that ``x.method()`` can be followed into the class."""
        out: dict[str, tuple[ModuleInfo, str]] = {}
        for node in walk_body(fn.node):
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Call)):
                continue
            cls_expr = self._instance_class_expr(module, node.value)
            dotted = self.resolve(module, cls_expr) if cls_expr is not None else None
            found = self.lookup_class(dotted) if dotted else None
            if found is not None:
                out[node.targets[0].id] = (found[0], found[1].name)
        return out

    def _instance_class_expr(self, module: ModuleInfo, call: ast.Call) -> ast.expr | None:
        func = call.func
        if isinstance(func, (ast.Name, ast.Attribute)):
            dotted = self.resolve(module, func) or ""
            if dotted.endswith("get_object_or_404") and call.args:
                return call.args[0]
            if self.lookup_class(dotted) is not None:
                return func
        if isinstance(func, ast.Attribute) and func.attr in ("get", "create", "first", "last", "earliest", "latest"):
            cur: ast.expr = func.value
            while isinstance(cur, (ast.Call, ast.Attribute)):
                if isinstance(cur, ast.Attribute) and cur.attr == "objects":
                    return cur.value
                cur = cur.func if isinstance(cur, ast.Call) else cur.value
        return None

    def reachable(self, fn: FunctionInfo, max_depth: int = 3, implicit: bool = False,
                  callees: "Callable[[FunctionInfo], list[FunctionInfo]] | None" = None) -> list[tuple[FunctionInfo, int]]:
        """``fn`` and the project functions it calls, breadth first, up to ``max_depth`` calls away; with
        ``implicit``, also the code that runs with each of them (:meth:`runs_with`: nested functions and
        project decorators), which is what a component's *scope* needs but not a caller/callee question.
        ``callees`` replaces the call graph's edges (the project model adds methods of ORM values)."""
        seen = {fn.qualname: 0}
        order = [(fn, 0)]
        frontier = [fn]
        for depth in range(1, max_depth + 1):
            nxt = []
            for f in frontier:
                edges = callees(f) if callees is not None else [c for c, _ in self.callees(f)]
                for callee in edges + (self.runs_with(f) if implicit else []):
                    if callee.qualname not in seen:
                        seen[callee.qualname] = depth
                        order.append((callee, depth))
                        nxt.append(callee)
            frontier = nxt
        return order

    def runs_with(self, fn: FunctionInfo) -> list[FunctionInfo]:
        """Project code that runs when ``fn`` runs without being called by name in its body: the
        functions defined inside it (closures it calls or hands on) and the project decorators applied to
        it (their wrappers run around every call)."""
        info = self.by_path.get(fn.file)
        if info is None:
            return []
        prefix = fn.symbol + ".<locals>."
        out = [f for sym, f in info.functions.items()
               if sym.startswith(prefix) and ".<locals>." not in sym[len(prefix):]]
        for deco in getattr(fn.node, "decorator_list", ()):
            target = deco.func if isinstance(deco, ast.Call) else deco
            dotted = self.resolve(info, target) if isinstance(target, (ast.Name, ast.Attribute)) else None
            found = self.lookup_function(dotted) if dotted else None
            if found is not None and found.qualname != fn.qualname:
                out.append(found)
        return out

    def decorated_by(self, decorator: FunctionInfo) -> list[FunctionInfo]:
        """Project functions that ``decorator`` (a project function, or one nested in it) is applied to."""
        outer = self.functions.get(f"{decorator.module}.{outer_symbol(decorator.symbol)}", decorator)
        return [fn for fn in self.functions.values()
                if fn.node.decorator_list and outer in self.runs_with(fn) and fn.qualname != outer.qualname]

    def callers(self, target: FunctionInfo) -> list[tuple[FunctionInfo, ast.Call]]:
        """Project functions that call ``target`` directly (the reverse call graph is built once)."""
        if self._caller_map is None:
            reverse: dict[str, list[tuple[FunctionInfo, ast.Call]]] = {}
            for fn in self.functions.values():
                for callee, call in self.callees(fn):
                    reverse.setdefault(callee.qualname, []).append((fn, call))
            self._caller_map = reverse
        return list(self._caller_map.get(target.qualname, ()))

    # ------------------------------------------------------------------ tasks
    @property
    def celery_apps(self) -> set[str]:
        """Dotted names of module-level Celery application objects (``proj.celery.app``)."""
        if self._celery_apps is None:
            apps = set()
            for info in self.modules.values():
                for name, value in info.assignments.items():
                    if isinstance(value, ast.Call):
                        target = self.resolve(info, value.func) or ""
                        if target == "celery.Celery" or target.endswith(".Celery") or target == "Celery":
                            apps.add(f"{info.module}.{name}")
            self._celery_apps = apps
        return self._celery_apps

    def task_decl(self, fn: FunctionInfo) -> TaskDecl | None:
        """How ``fn`` is registered as a background task, or None.

        Celery: ``@shared_task``, ``@app.task`` on any Celery app (also ``@celery_app.task``
        imported from elsewhere, or any ``<x>.task`` where ``x`` is a Celery app), with or
        without call parentheses, under any import alias. RQ: ``@job`` from ``rq.decorators``
        / ``django_rq``. Dramatiq: ``@dramatiq.actor``. Huey: ``@task`` / ``@db_task`` / ``@periodic_task`` /
        ``@db_periodic_task`` of ``huey.contrib.djhuey`` or of the project's Huey instance.
        """
        module = self.module_of(fn)
        for deco in fn.node.decorator_list:
            call = deco if isinstance(deco, ast.Call) else None
            target = self.resolve(module, call.func if call else deco) or ""
            framework = self._task_framework(target)
            if framework:
                options = {kw.arg: kw.value for kw in (call.keywords if call else []) if kw.arg}
                return TaskDecl(framework, deco, options, tuple(call.args) if call else ())
        return None

    def _task_framework(self, target: str) -> str | None:
        if target in ("celery.shared_task", "celery.task", "celery.decorators.task"):
            return "celery"
        if target.endswith(".task") or target.endswith(".shared_task"):
            base = target.rsplit(".", 1)[0]
            if base in self.celery_apps or base.split(".")[-1] in ("app", "celery_app", "celery"):
                return "celery"
        if target in ("rq.decorators.job", "rq.job", "django_rq.job", "django_rq.decorators.job"):
            return "rq"
        if target in ("dramatiq.actor", "dramatiq.actor.actor", "django_dramatiq.actor"):
            return "dramatiq"
        base, _, attr = target.rpartition(".")
        # huey.contrib.djhuey.task / db_periodic_task, or ``huey.task()`` on the project's Huey instance
        if attr in HUEY_DECORATORS and (target.startswith("huey.") or base.split(".")[-1] == "huey"):
            return "huey"
        return None

    # ------------------------------------------------------------------ locations
    def enclosing_function(self, path: str, line: int, nested: bool = False) -> FunctionInfo | None:
        """The innermost module-level function or method of ``path`` whose body spans ``line``; with
        ``nested``, the innermost function of any kind (a closure, a decorator's wrapper)."""
        info = self.by_path.get(path)
        if info is None:
            return None
        best = None
        for fn in info.functions.values():
            if not nested and ".<locals>." in fn.symbol:
                continue
            if fn.line <= line <= fn.end_line and (best is None or fn.line >= best.line):
                best = fn
        return best

    def function_of(self, path: str, symbol: str, line: int) -> FunctionInfo | None:
        """The function a finding was reported in: by its symbol when that function spans ``line``,
        else the innermost function there."""
        info = self.by_path.get(path)
        fn = info.functions.get(symbol) if info is not None and symbol else None
        if fn is not None and fn.line <= line <= fn.end_line:
            return fn
        return self.enclosing_function(path, line, nested=True)


def _collect_nested(info: ModuleInfo, outer: FunctionNode, outer_symbol: str, class_name: str | None) -> None:
    """Index the functions defined inside ``outer`` (decorator wrappers, closures, local helpers) under
    Python's own qualname, ``outer.<locals>.inner``: their bodies run as part of the code that calls them,
    and a bug in a decorator's wrapper is a bug of every job it wraps."""
    for node in walk_body(outer):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            sym = f"{outer_symbol}.<locals>.{node.name}"
            if sym in info.functions:  # a second def of the same name (if/else variants): keep the first
                continue
            info.functions[sym] = FunctionInfo(f"{info.module}.{sym}", info.module, info.path, sym, node, class_name)
            _collect_nested(info, node, sym, class_name)


def outer_symbol(symbol: str) -> str:
    """The symbol a nested function belongs to, as a reader names it: ``single_instance`` for
    ``single_instance.<locals>.decorator.<locals>.wrapper``; other symbols unchanged."""
    return symbol.split(".<locals>.", 1)[0]


def walk_body(fn: ast.AST) -> Iterable[ast.AST]:
    """Every node inside a function, without descending into nested functions or classes.

    Lambdas are included: a ``lambda`` passed to ``on_commit`` is still this function's code
    (rules that care about deferral look at the enclosing call).
    """
    return walk.walk_body(fn)
