"""Caches that outlive a run of a job in a long-running scheduler process (pure ``ast`` over the index).

Three shapes keep database rows from one run to the next in one interpreter:

* a class attribute used as a cache (``_table = None`` on the class, ``cls._table = {...Model.objects...}``
  on first use, never reset);
* an instance built once at module level (``_planner = Planner()``) whose ``__init__`` loads rows;
* ``functools.lru_cache`` / ``functools.cache`` on a function with no parameters that reads the database.

Only code a long-running process runs many times counts: celery beat entries (their tasks run in a worker
that lives for days), APScheduler jobs, a project's own scheduler registry, and management commands that loop
(``while True: ... sleep()`` / ``schedule.run_pending()``). A crontab line, a Kubernetes CronJob or
django-crontab starts a fresh process per run: its caches die with the run.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from rootfix.project.model import loops_forever
from rootfix.rules.job._lib.blocks import walk_no_defs
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex
    from rootfix.project.model import Project

#: scheduler flavours whose jobs run again and again in one process
LONG_RUNNING_FLAVORS = frozenset({"apscheduler", "beat-schedule", "registry", "huey", "django-q", "schedule"})
_MANAGERS = ("objects", "_default_manager", "_base_manager")
_CACHE_DECORATORS = frozenset({"functools.lru_cache", "functools.cache", "lru_cache", "cache"})


@dataclass(frozen=True)
class Cache:
    """One cache that outlives a run."""

    kind: str  # "class-attribute" | "module-instance" | "lru-cache"
    name: str  # ``Targets._cache`` / ``_planner`` / ``load_thresholds``
    fn: "FunctionInfo"  # where it is reported: the fill, the first use, the cached function
    node: ast.AST
    owner: str  # the class / module-level name / function the reset names
    initial: str  # the source of the value a run starts from (class attribute / instance constructor)
    module: "ModuleInfo"  # where the cache is defined


def _manager_read(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr in _MANAGERS for n in walk_tree(node))


def reads_db(index: "RepoIndex", module: "ModuleInfo", node: ast.AST, depth: int = 1,
             class_name: str | None = None) -> bool:
    """``node`` reads the ORM (``Model.objects...``), directly or through a project function it calls (a method
    of ``class_name`` called on ``self`` / ``cls`` too: ``StationTargets._table.update(self._load())``)."""
    if _manager_read(node):
        return True
    if depth <= 0:
        return False
    for call in walk_tree(node):
        if isinstance(call, ast.Call):
            fn = index.resolve_call(module, call, class_name)
            if fn is not None and fn.node is not node and reads_db(index, index.module_of(fn), fn.node, depth - 1):
                return True
    return False


def long_running_entries(project: "Project") -> dict[str, list["FunctionInfo"]]:
    """qualname of each function a long-running process runs again and again -> the entry functions (jobs)
    that reach it."""
    out: dict[str, list[FunctionInfo]] = {}
    starts: list[FunctionInfo] = []
    for comp in project.schedules:
        if comp.flavor in LONG_RUNNING_FLAVORS:
            fn = project.component_function(comp)
            if fn is not None:
                starts.append(fn)
    tables = [c for c in project.schedules if c.flavor == "job-table"]
    for comp in project.commands:
        fn = project.component_function(comp)
        if fn is not None and loops_forever(fn.node):
            starts.append(fn)
            # the jobs of a table this loop imports (``from rebalancing.jobs import by_name``) run in it
            imported = {t.rsplit(".", 1)[0] for t in project.index.module_of(fn).imports.values()} | set(
                project.index.module_of(fn).imports.values())
            for table in tables:
                declared = dict(table.details).get("table", "").split(":")[0]
                info = project.index.by_path.get(declared)
                job = project.component_function(table)
                if info is not None and info.module in imported and job is not None and job not in starts:
                    starts.append(job)
    for start in starts:
        for reached, _ in project.index.reachable(start, 4):
            entries = out.setdefault(reached.qualname, [])
            if start not in entries:
                entries.append(start)
    return out


def _attr_of(expr: ast.expr, owners: set[str], attr: str) -> bool:
    """``cls._x`` / ``self._x`` / ``Owner._x`` (``owners`` names the class)."""
    return isinstance(expr, ast.Attribute) and expr.attr == attr and isinstance(expr.value, ast.Name) \
        and expr.value.id in owners


def resets(fn: ast.AST, owners: set[str], attr: str, index: "RepoIndex", module: "ModuleInfo") -> bool:
    """``fn`` empties the class attribute: ``.clear()``, or assigns it a value read from nowhere."""
    for node in walk_no_defs(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "clear" \
                and _attr_of(node.func.value, owners, attr):
            return True
        if isinstance(node, ast.Assign) and any(_attr_of(t, owners, attr) for t in node.targets) \
                and not reads_db(index, module, node.value):
            return True
    return False


def _class_attribute_fills(index: "RepoIndex") -> dict[tuple[str, str], list[tuple["FunctionInfo", ast.stmt]]]:
    """``(name, attr) -> [(function, statement)]`` for every store into ``name.attr`` (``X.a = ...``,
    ``X.a[k] = ...``, ``X.a.update(...)``) in the project, built once per index."""
    cached = _FILLS.get(id(index))
    if cached is not None and cached[0] is index:
        return cached[1]
    out: dict[tuple[str, str], list[tuple[FunctionInfo, ast.stmt]]] = {}
    for fn in index.functions.values():
        for node in walk_no_defs(fn.node):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = [t.value if isinstance(t, ast.Subscript) else t for t in node.targets]
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
                    and isinstance(node.value.func, ast.Attribute) \
                    and node.value.func.attr in ("update", "setdefault", "add", "append", "extend"):
                targets = [node.value.func.value]
            for t in targets:
                if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name):
                    out.setdefault((t.value.id, t.attr), []).append((fn, node))  # type: ignore[arg-type]
    _FILLS.clear()  # one index at a time
    _FILLS[id(index)] = (index, out)
    return out


_FILLS: dict[int, tuple[object, dict]] = {}


def class_caches(index: "RepoIndex", module: "ModuleInfo") -> Iterator[Cache]:
    """Class attributes (``_table = None`` / ``{}`` in the class body) filled from the database."""
    fills = _class_attribute_fills(index)
    for cname, cls in module.classes.items():
        for stmt in cls.body:
            if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
                continue
            attr = stmt.targets[0].id
            value = stmt.value
            if not (isinstance(value, ast.Constant) and value.value is None
                    or isinstance(value, (ast.Dict, ast.List, ast.Set)) and not getattr(value, "keys", None)
                    and not getattr(value, "elts", None)
                    or isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                    and value.func.id in ("dict", "list", "set") and not value.args):
                continue
            candidates = list(fills.get((cname, attr), ()))
            for fn in module.functions.values():  # ``cls._x`` / ``self._x`` in the class's own methods
                if fn.class_name == cname and fn.node.args.args:
                    first = fn.node.args.args[0].arg
                    candidates += [(f, n) for f, n in fills.get((first, attr), ()) if f is fn]
            done: set[str] = set()
            for fn, fill in candidates:
                if fn.qualname in done:
                    continue
                if fn.file != module.path and fn.class_name != cname and \
                        index.by_path[fn.file].imports.get(cname, "") != f"{module.module}.{cname}":
                    continue
                if reads_db(index, index.module_of(fn), fill, class_name=fn.class_name):
                    done.add(fn.qualname)
                    yield Cache("class-attribute", f"{cname}.{attr}", fn, fill, cname,
                                ast.get_source_segment(module.source, value) or ast.unparse(value), module)


def instance_caches(index: "RepoIndex", module: "ModuleInfo") -> Iterator[tuple[str, ast.Assign, str]]:
    """Module-level ``NAME = Class(...)`` whose class loads rows in ``__init__``: ``(name, stmt, class)``."""
    for stmt in module.tree.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Call)):
            continue
        target = index.resolve(module, stmt.value.func) or ""
        found = index.lookup_class(target) if target else None
        if found is None:
            continue
        cinfo, cls = found
        init = cinfo.functions.get(f"{cls.name}.__init__")
        if init is None:
            continue
        called = {n.func.attr for n in walk_tree(init.node) if isinstance(n, ast.Call)
                  and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)
                  and n.func.value.id == "self"}
        nodes = [init.node] + [cinfo.functions[f"{cls.name}.{m}"].node for m in called
                               if f"{cls.name}.{m}" in cinfo.functions]
        if any(reads_db(index, cinfo, n) for n in nodes):
            yield stmt.targets[0].id, stmt, cls.name


def uses_of(fn: ast.AST, name: str) -> list[ast.Name]:
    """Loads of the module-level ``name`` in ``fn`` (not shadowed by a local)."""
    stores = {n.id for n in walk_no_defs(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    if name in stores:
        return []
    return [n for n in walk_no_defs(fn) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]


def lru_caches(index: "RepoIndex", module: "ModuleInfo") -> Iterator[tuple["FunctionInfo", ast.expr]]:
    """Functions with no parameters under ``lru_cache`` / ``cache`` that read the database."""
    for fn in module.functions.values():
        args = fn.node.args
        if fn.class_name or args.args or args.posonlyargs or args.kwonlyargs or args.vararg or args.kwarg:
            continue
        for deco in fn.node.decorator_list:
            target = index.resolve(module, deco.func if isinstance(deco, ast.Call) else deco) or ""
            if target in _CACHE_DECORATORS and reads_db(index, module, ast.Module(body=fn.node.body,
                                                                                    type_ignores=[])):
                yield fn, deco


def clears_cache(fn: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "cache_clear"
               and ast.unparse(n.func.value).rsplit(".", 1)[-1] == name for n in walk_no_defs(fn))


def rebuilt(fn: ast.AST, name: str) -> bool:
    """``fn`` rebinds the module-level ``name`` (``global name; name = Planner()``)."""
    return any(isinstance(n, ast.Global) and name in n.names for n in walk_no_defs(fn))


def cached_model(index: "RepoIndex", cache: Cache) -> str | None:
    """The dotted name of the model whose rows the cache holds (the first ``Model.objects`` it reads)."""
    if cache.kind == "module-instance":
        call = next((n for n in walk_tree(ast.parse(cache.initial, mode="eval")) if isinstance(n, ast.Call)), None)
        found = index.lookup_class(index.resolve(cache.module, call.func) or "") if call is not None else None
        if found is None:
            return None
        cinfo, cls = found
        nodes = [(cinfo, f.node) for s, f in cinfo.functions.items() if s.startswith(f"{cls.name}.")]
    elif cache.kind == "lru-cache":
        nodes = [(cache.module, cache.fn.node)]
    else:
        nodes = [(index.module_of(cache.fn), cache.node)]
    for module, node in nodes:
        for sub in walk_tree(node):
            if isinstance(sub, ast.Attribute) and sub.attr in _MANAGERS and isinstance(sub.value, ast.Name):
                dotted = index.resolve(module, sub.value)
                if dotted and index.lookup_class(dotted) is not None:
                    return dotted
    return None
