"""The semantic model of a Django project: every fact rootfix derives from a
:class:`~rootfix.discover.index.RepoIndex`, derived in exactly one place.

::

    project = Project.of(index)          # built once per index (cached on it)
    project.settings["TIME_ZONE"]        # one reader, one precedence
    project.tasks                        # qualname -> Task, every queue library (Celery, RQ)
    project.components                   # discover_components(index), computed once
    project.commands, project.schedules  # components of those kinds
    project.signal_receivers             # qualname -> (fn, signal short name)
    project.scope("background-worker")   # qualnames reachable from that type's entry points
    project.reach(component)             # qualname -> function the component runs
    is_test_file("app/tests/test_x.py")  # the one test-layout predicate

Nothing here writes into the repo or runs its code. The per-rule fact families (transactions, enqueue
sites, exception hierarchy, values, serializer behaviour) live beside this module and take the same index.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterable, Sequence

from rootfix.project.callables import callables_of, function_ref
from rootfix.types import COMPONENT_TYPES, Component
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex
    from rootfix.types import RelatedCode

__all__ = [
    "CELERY_TASK_BASES", "COMPONENT_REACH_DEPTH", "REACH_DEPTH", "TASK_HOOKS", "Project", "Task", "find_settings_files", "is_task_class",
    "is_settings_path", "is_test_file", "is_test_module", "read_settings", "settings_order",
]

#: How many calls away from an entry point code still counts as "the code a component runs": check's rule
#: scope per component type and localize's suspect pool.
REACH_DEPTH = 3
#: The reach of the one component a bug report names (:meth:`Project.reach`): one call further, because its
#: findings are only ranked (``fix``/``localize``), never reported on their own.
COMPONENT_REACH_DEPTH = REACH_DEPTH + 1

# =========================================================================== test layout
#: Folders whose files are test code.
TEST_DIRS = frozenset({"tests", "test", "testing"})
#: Files a test runner collects tests from: ``test_*.py``, ``*_test.py``, ``*_tests.py``, Django's ``tests.py``.
_TEST_MODULE = re.compile(r"^(test_.*|.*_tests?|tests)\.py$")


def is_test_module(path: str) -> bool:
    """A module a test runner collects tests from, by its file name."""
    return bool(_TEST_MODULE.match(PurePosixPath(path).name))


def is_test_file(path: str) -> bool:
    """Test code: a test module (:func:`is_test_module`), ``conftest.py``, or anything under a ``tests`` /
    ``test`` / ``testing`` folder. Tests are evidence, never suspects, never components, never rewritten."""
    p = PurePosixPath(path)
    if p.name == "conftest.py" or is_test_module(path):
        return True
    return any(part in TEST_DIRS for part in p.parts[:-1])


# =========================================================================== tasks
#: Celery's Task classes (any import path); a class deriving from one of them, from ``<app>.Task`` or
#: from any ``celery.*Task`` (``AbortableTask``) is a task class.
CELERY_TASK_BASES = frozenset({"celery.Task", "celery.app.task.Task", "celery.task.Task", "celery.task.base.Task",
                               "celery.app.Task"})
#: Methods of a Task subclass that run in the worker.
TASK_HOOKS = ("run", "__call__", "on_failure", "on_retry", "on_success", "after_return", "before_start")
_APP_NAMES = ("app", "celery_app")
_MAX_BASE_DEPTH = 6


def is_task_class(index: "RepoIndex", module: "ModuleInfo", cls: ast.ClassDef, depth: int = 0) -> bool:
    """True when ``cls`` derives (through project classes too) from a Celery ``Task``."""
    if depth > _MAX_BASE_DEPTH:
        return False
    for base in cls.bases:
        dotted = index.resolve(module, base) or ""
        if dotted in CELERY_TASK_BASES or (dotted.startswith("celery.") and dotted.endswith("Task")):
            return True
        head, _, attr = dotted.rpartition(".")
        if attr == "Task" and (head in index.celery_apps or head.split(".")[-1] in _APP_NAMES):
            return True
        found = index.lookup_class(dotted) if dotted else None
        if found is not None and found[1] is not cls and is_task_class(index, found[0], found[1], depth + 1):
            return True
    return False


def _class_options(index: "RepoIndex", module: "ModuleInfo", cls: ast.ClassDef, depth: int = 0
                   ) -> dict[str, ast.expr]:
    """Class attributes of a Task subclass, inherited ones from project bases first."""
    out: dict[str, ast.expr] = {}
    if depth > _MAX_BASE_DEPTH:
        return out
    for base in cls.bases:
        found = index.lookup_class(index.resolve(module, base) or "")
        if found and found[1] is not cls:
            out.update(_class_options(index, found[0], found[1], depth + 1))
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                if isinstance(t, ast.Name):
                    out[t.id] = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            out[stmt.target.id] = stmt.value
    return out


@dataclass(frozen=True)
class Task:
    """A background task of any queue library: a decorated function or a Task subclass's ``run``."""

    fn: "FunctionInfo"
    framework: str  # "celery" | "rq"
    kind: str  # "decorator" | "class" | "function" (a plain function RQ is handed)
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


# =========================================================================== settings
#: ``settings.py``, ``settings_prod.py``, ``test_settings.py``, ``settings/*.py`` (not Django's global_settings).
_SETTINGS_FILE = re.compile(r"(^|/)([^/]*settings[^/]*\.py|settings/[^/]+\.py)$")
_SETTINGS_GLOBS = ("settings*.py", "*/settings*.py", "*/settings/*.py", "settings/*.py", "config/settings/*.py",
                   "src/*/settings*.py", "src/*/settings/*.py")


def is_settings_path(path: str) -> bool:
    return bool(_SETTINGS_FILE.search(path)) and not path.endswith("global_settings.py")


def settings_order(rel: str) -> tuple[int, int, str]:
    """Precedence of settings modules, first wins: production before test settings; within each, the base
    module (``settings.py``, ``settings/__init__.py``) before ``base.py``/``common.py`` before the others."""
    name = rel.rsplit("/", 1)[-1]
    rank = 0 if name in ("settings.py", "__init__.py") else 1 if name in ("base.py", "common.py") else 2
    return (int("test" in name or is_test_file(rel)), rank, rel)


def find_settings_files(root: Path, files: Sequence[Path] = ()) -> list[Path]:
    """Settings modules among ``files`` plus the usual places under ``root``, in precedence order."""
    found: dict[str, Path] = {}
    for f in files:
        rel = _rel(root, f)
        if is_settings_path(rel):
            found[rel] = f
    for pattern in _SETTINGS_GLOBS:
        for f in root.glob(pattern):
            rel = _rel(root, f)
            if is_settings_path(rel):
                found.setdefault(rel, f)
    return [found[rel] for rel in sorted(found, key=settings_order)]


def _literal(node: ast.expr | None) -> tuple[bool, object]:
    if node is None:
        return False, None
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def read_settings(index: "RepoIndex", files: Iterable[Path] = ()) -> dict[str, object]:
    """The project's settings, read statically: literal module-level UPPERCASE assignments of the settings
    modules (the index's and ``files``), the first module in :func:`settings_order` winning, and Celery's
    ``app.conf.x = ...`` / ``app.conf.update(x=...)`` as ``CELERY_X``."""
    trees: dict[str, ast.Module] = {}
    for rel, info in index.by_path.items():
        if is_settings_path(rel):
            trees[rel] = info.tree
    for f in files:
        rel = _rel(index.root, f)
        if rel not in trees:
            info = index.by_path.get(rel)
            tree = info.tree if info is not None else _parse_quiet(f)
            if tree is not None:
                trees[rel] = tree
    out: dict[str, object] = {}
    for rel in sorted(trees, key=settings_order):
        for stmt in trees[rel].body:
            if isinstance(stmt, ast.Assign):
                targets, value = stmt.targets, stmt.value
            elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                targets, value = [stmt.target], stmt.value
            else:
                continue
            for t in targets:
                if isinstance(t, ast.Name) and t.id.isupper() and t.id not in out:
                    ok, val = _literal(value)
                    if ok:
                        out[t.id] = val
    for info in index.modules.values():
        if ".conf" not in info.source or "celery" not in info.source.lower():
            continue
        for node in walk_tree(info.tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                t = node.targets[0]
                if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Attribute) and t.value.attr == "conf":
                    ok, val = _literal(node.value)
                    if ok:
                        out.setdefault(f"CELERY_{t.attr.upper()}", val)
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
                  and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "conf"):
                for kw in node.keywords:
                    ok, val = _literal(kw.value)
                    if kw.arg and ok:
                        out.setdefault(f"CELERY_{kw.arg.upper()}", val)
    return out


def _parse_quiet(f: Path) -> ast.Module | None:
    try:
        from rootfix.discover.parse import parse_tree

        return parse_tree(f.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None


def _rel(root: Path, f: Path) -> str:
    try:
        return f.resolve().relative_to(root).as_posix()
    except ValueError:
        return f.name


# =========================================================================== signals
#: Model signals that fire inside the saving code's transaction.
TX_SIGNALS = frozenset(
    f"django.db.models.signals.{s}" for s in ("post_save", "pre_save", "m2m_changed", "post_delete", "pre_delete"))


# =========================================================================== the model
class Project:
    """What rootfix knows about one indexed project. Facts are computed on first use, then kept."""

    def __init__(self, index: "RepoIndex", *, settings_files: Sequence[Path] = ()) -> None:
        self.index = index
        self._settings_files = tuple(settings_files)
        self._settings: dict[str, object] | None = None
        self._tasks: dict[str, Task] | None = None
        self._components: tuple[Component, ...] | None = None
        self._entry_points: dict[str, list["FunctionInfo"]] | None = None
        self._scope: dict[str, frozenset[str]] = {}
        self._long_lived: frozenset[str] | None = None
        self._receivers: dict[str, tuple["FunctionInfo", str]] | None = None

    @classmethod
    def of(cls, index: "RepoIndex", *, settings_files: Sequence[Path] = ()) -> "Project":
        """The project model of ``index``, built once and kept on the index (``settings_files``: further
        settings modules outside the index, e.g. when ``check`` looks at part of a repo)."""
        project = index.__dict__.get("_rootfix_project")
        if project is None or (settings_files and tuple(settings_files) != project._settings_files):
            project = cls(index, settings_files=settings_files)
            index.__dict__["_rootfix_project"] = project
        return project

    @property
    def root(self) -> Path:
        return self.index.root

    # ------------------------------------------------------------------ settings
    @property
    def settings(self) -> dict[str, object]:
        """Settings read statically (:func:`read_settings`); a copy is the caller's to change."""
        if self._settings is None:
            self._settings = read_settings(self.index, self._settings_files)
        return self._settings

    # ------------------------------------------------------------------ tasks
    @property
    def tasks(self) -> dict[str, Task]:
        """qualname -> task: ``@shared_task`` / ``@app.task`` / RQ ``@job`` functions and Task subclasses' ``run``."""
        if self._tasks is None:
            out: dict[str, Task] = {}
            index = self.index
            for fn in index.functions.values():
                if fn.class_name is None:
                    decl = index.task_decl(fn)
                    if decl is not None:
                        out[fn.qualname] = Task(fn, decl.framework, "decorator", dict(decl.options), decl.decorator)
                elif fn.node.name == "run":
                    module = index.module_of(fn)
                    cls = module.classes.get(fn.class_name)
                    if cls is not None and is_task_class(index, module, cls):
                        out[fn.qualname] = Task(fn, "celery", "class", _class_options(index, module, cls), None, cls)
            # RQ runs any function it is handed (``queue.enqueue(func)``, a project wrapper around it,
            # ``rq.cron.register(func)``): discovery finds those, and they are tasks as much as ``@job`` ones
            uses_rq = any(t.split(".")[0] in ("rq", "django_rq") for m in index.by_path.values()
                          for t in m.imports.values())
            for component in self.components if uses_rq else ():
                if component.flavor == "rq-job":
                    info = index.by_path.get(component.file)
                    fn = info.functions.get(component.symbol) if info is not None else None
                    if fn is not None and fn.qualname not in out:
                        out[fn.qualname] = Task(fn, "rq", "function")
            self._tasks = out
        return self._tasks

    def is_task_class(self, module: "ModuleInfo", cls: ast.ClassDef) -> bool:
        return is_task_class(self.index, module, cls)

    # ------------------------------------------------------------------ components
    @property
    def components(self) -> tuple[Component, ...]:
        """Every component (:func:`rootfix.discover.components.discover_components`)."""
        if self._components is None:
            from rootfix.discover.components import discover_components

            self._components = discover_components(self.index)
        return self._components

    @property
    def commands(self) -> tuple[Component, ...]:
        return tuple(c for c in self.components if c.type == "cli-tool")

    @property
    def schedules(self) -> tuple[Component, ...]:
        return tuple(c for c in self.components if c.type == "scheduled-job")

    def component_function(self, component: Component) -> "FunctionInfo | None":
        """The indexed function a component runs (its symbol in its file, else the function at its line)."""
        info = self.index.by_path.get(component.file)
        if info is not None:
            fn = info.functions.get(component.symbol)
            if fn is not None:
                return fn
            for meth in ("run", "handle", "__call__", "main"):  # a class component: Task, Command
                fn = info.functions.get(f"{component.symbol}.{meth}")
                if fn is not None:
                    return fn
        return self.index.enclosing_function(component.file, component.line)

    # ------------------------------------------------------------------ signals
    @property
    def signal_receivers(self) -> dict[str, tuple["FunctionInfo", str]]:
        """Receivers of the transaction-bound model signals: qualname -> (function, signal short name)."""
        if self._receivers is None:
            index = self.index
            out: dict[str, tuple[FunctionInfo, str]] = {}
            for fn in index.functions.values():
                module = index.module_of(fn)
                for deco in fn.node.decorator_list:
                    if isinstance(deco, ast.Call) and deco.args \
                            and (index.resolve(module, deco.func) or "").endswith("receiver"):
                        for sig in self._signal_refs(module, deco.args[0]):
                            if sig in TX_SIGNALS:
                                out[fn.qualname] = (fn, sig.rsplit(".", 1)[1])
            for info in index.modules.values():
                if ".connect" not in info.source:
                    continue
                for node in walk_tree(info.tree):
                    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                            and node.func.attr == "connect" and (node.args or node.keywords)):
                        sig = index.resolve(info, node.func.value) or ""
                        if sig not in TX_SIGNALS:
                            continue
                        handler = node.args[0] if node.args else next(
                            (k.value for k in node.keywords if k.arg == "receiver"), None)
                        dotted = (index.resolve(info, handler) or "") if handler is not None else ""
                        target = index.lookup_function(dotted) if dotted else None
                        if target is not None:
                            out[target.qualname] = (target, sig.rsplit(".", 1)[1])
            self._receivers = out
        return self._receivers

    def _signal_refs(self, module: "ModuleInfo", expr: ast.expr) -> list[str]:
        elts = expr.elts if isinstance(expr, (ast.List, ast.Tuple)) else [expr]
        return [self.index.resolve(module, e) or "" for e in elts]

    # ------------------------------------------------------------------ scope
    def entry_points(self) -> dict[str, list["FunctionInfo"]]:
        """component type -> the functions its components start in (best effort, statically)."""
        if self._entry_points is None:
            self._entry_points = _entry_points(self)
        return self._entry_points

    def scope(self, component_types: str | Iterable[str]) -> frozenset[str]:
        """Qualnames of the code reachable (:data:`REACH_DEPTH`) from the entry points of the given types."""
        types = (component_types,) if isinstance(component_types, str) else tuple(component_types)
        out: set[str] = set()
        for t in types:
            if t not in self._scope:
                seen: set[str] = set()
                for fn in self.entry_points().get(t, ()):
                    if fn.qualname in seen:
                        continue
                    for reached, _ in self.reachable(fn, REACH_DEPTH):
                        seen.add(reached.qualname)
                self._scope[t] = frozenset(seen)
            out |= self._scope[t]
        return frozenset(out)

    def long_lived_scope(self) -> frozenset[str]:
        """Qualnames of the code that runs in a process that outlives one run: a worker (every task), an
        in-process scheduler (celery beat's tasks, APScheduler, huey, ``schedule``, a project's own job loop)
        and a command that loops (``while True``, a scheduler it starts). Only there does state kept in a
        module, on a class or in a closure carry over from one run to the next: a management command, a
        script, or a job a crontab / CronJob / django-crontab starts (``manage.py X``) gets a fresh process
        each time."""
        if self._long_lived is None:
            roots = self.entry_points()
            cli = {fn.qualname for fn in roots.get("cli-tool", ())}
            one_shot = set(cli)
            for comp in self.components:
                if comp.flavor in ONE_SHOT_FLAVORS:
                    fn = self.component_function(comp)
                    if fn is not None:
                        one_shot.add(fn.qualname)
            starts = list(roots.get("background-worker", ()))
            starts += [fn for fn in roots.get("scheduled-job", ()) if fn.qualname not in one_shot]
            starts += [fn for fn in roots.get("cli-tool", ()) if self._loops(fn)]
            seen: set[str] = set()
            for fn in starts:
                if fn.qualname not in seen:
                    seen.update(reached.qualname for reached, _ in self.reachable(fn, REACH_DEPTH))
            self._long_lived = frozenset(seen)
        return self._long_lived

    def developer_only(self, fn: "FunctionInfo") -> bool:
        """``fn`` runs only for developer commands (:func:`developer_command`: they make test or demo data on a
        development database): a command of that kind, or code whose callers, up to :data:`REACH_DEPTH` calls
        away, reach no other entry point. Such code is no job that production reruns."""
        roots = {f.qualname for fns in self.entry_points().values() for f in fns}
        frontier, seen, developer = [fn], {fn.qualname}, False
        for _ in range(REACH_DEPTH + 1):
            nxt = []
            for f in frontier:
                if f.qualname in roots:
                    if not developer_command(self.index.by_path[f.file]):
                        return False
                    developer = True
                    continue
                for caller, _call in self.index.callers(f):
                    if caller.qualname not in seen:
                        seen.add(caller.qualname)
                        nxt.append(caller)
            frontier = nxt
        return developer

    def _loops(self, fn: "FunctionInfo") -> bool:
        """``fn`` (or what it calls, two calls deep) runs jobs until stopped (:func:`loops_forever`)."""
        return any(loops_forever(reached.node) for reached, _ in self.reachable(fn, 2))

    def reachable(self, fn: "FunctionInfo", max_depth: int) -> list[tuple["FunctionInfo", int]]:
        """``fn`` and the code that runs when it runs, breadth first, up to ``max_depth`` calls away: the
        call graph, the methods called on what the ORM returns (a model instance's method, a custom
        queryset's method; :func:`rootfix.project.values.callees`), and the nested functions and project
        decorators that run with each (:meth:`RepoIndex.runs_with`)."""
        from rootfix.project import values as V

        return self.index.reachable(fn, max_depth, implicit=True, callees=lambda f: V.callees(self.index, f))

    def _starters(self, component: Component) -> list["FunctionInfo"]:
        if component.type != "pyspark-job":
            return []
        found = [_starter_of(self, value.strip()) for key, value in component.details if key == "started_by"
                 for value in value.split(",")]
        return [fn for fn in found if fn is not None]

    def _overrides(self, component: Component) -> list["FunctionInfo"]:
        """The methods of the class that declares the component when it inherits the component's method (a
        ``Command(SparkJobCommand)`` whose base's ``handle`` calls ``self.run_job()``): they run as its hooks."""
        if not component.declared_in or component.declared_in == component.file or "." not in component.symbol:
            return []
        info = self.index.by_path.get(component.declared_in)
        base = component.symbol.split(".")[0]
        if info is None:
            return []
        out = []
        for symbol, fn in info.functions.items():
            owner = symbol.split(".")[0]
            cls = info.classes.get(owner) if "." in symbol else None
            if cls is not None and any(ast.unparse(b).rsplit(".", 1)[-1] == base for b in cls.bases):
                out.append(fn)
        return out

    def reach(self, component: Component, related: "RelatedCode | None" = None,
              depth: int | None = None) -> dict[str, "FunctionInfo"]:
        """qualname -> function for the code one component runs: its function and what that calls
        (:data:`COMPONENT_REACH_DEPTH` unless ``depth``), plus the related code discovery found for it."""
        out: dict[str, FunctionInfo] = {}
        index = self.index
        start = self.component_function(component)
        starts = [start] if start is not None else []
        info = index.by_path.get(component.file)
        if info is not None and component.symbol == "<module>":  # a file or module named as the component
            starts += list(info.functions.values())
        elif info is not None and component.symbol in info.classes and (
                start is None or start.class_name != component.symbol):
            # a class component with no single entry point (a beat scheduler): every method of it and of
            # the classes it names (its schedule Entry class)
            classes = [(info, component.symbol)]
            for key, value in component.details:
                found = index.lookup_class(value) if key == "entry" else None
                if found is not None:
                    classes.append((found[0], found[1].name))
            for minfo, cname in classes:
                starts += [fn for sym, fn in minfo.functions.items() if sym.startswith(cname + ".")]
        starts += self._overrides(component)
        for first in starts:
            for fn, _ in self.reachable(first, COMPONENT_REACH_DEPTH if depth is None else depth):
                out.setdefault(fn.qualname, fn)
        # a Spark job is handed what its starter builds (the session, broadcasts, lookups): the starter and
        # what it calls directly are the job's code too
        for starter in self._starters(component):
            for fn, _ in self.reachable(starter, 1):
                out.setdefault(fn.qualname, fn)
        if related is not None:
            for ref in related.refs:
                info = self.index.by_path.get(ref.file)
                fn = info.functions.get(ref.symbol) if info is not None else None
                if fn is not None:
                    out.setdefault(fn.qualname, fn)
        return out


_func_arg = function_ref  # the project function an argument names (project/callables.py)


def _starter_of(project: "Project", text: str) -> "FunctionInfo | None":
    """The function a ``started_by`` detail names: ``manage.py <command>`` (its ``handle``) or a qualname."""
    if text.startswith("manage.py "):
        name = text.split()[1]
        for comp in project.commands:
            if comp.name == name:
                return project.component_function(comp)
        return None
    return project.index.functions.get(text)


#: decorator names a project's own job registry goes by (discover.components reads the same ones)
#: Schedulers that start a fresh process for every run (``manage.py X`` from a crontab or a Kubernetes
#: CronJob, django-crontab's ``crontab run``): nothing a run keeps in memory reaches the next run.
ONE_SHOT_FLAVORS = frozenset({"crontab", "k8s-cronjob", "django-crontab"})
def loops_forever(fn: ast.AST) -> bool:
    """A command body that runs jobs in a loop: ``while ...:`` with a sleep / ``run_pending()`` / a wait, or
    ``scheduler.start()`` of a blocking scheduler. (A ``while True:`` that breaks when a batch comes back
    empty is one run, not a process that outlives it.)"""
    todo = list(ast.iter_child_nodes(fn))
    while todo:
        node = todo.pop()
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.While):
            names = {n.attr if isinstance(n, ast.Attribute) else n.id for n in walk_tree(node)
                     if isinstance(n, (ast.Attribute, ast.Name))}
            if names & {"sleep", "run_pending", "wait", "run_all", "serve_forever", "run_forever"}:
                return True
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "start" \
                and "sched" in ast.unparse(node.func.value).lower():
            return True
    return False


_REGISTRY_LIKE = re.compile(r"job|schedul|cron|periodic|every|nightly|hourly|daily|weekly|recurring", re.I)


#: Words of a command's name that say it makes or loads data for developers and tests, not production data.
_DEV_NAME_WORDS = frozenset({"unittest", "unittests", "dummy", "fake", "demo", "sample", "samples", "fixture",
                             "fixtures", "testdata"})
_DEV_HELP = re.compile(r"\b(test|sample|dummy|fake|demo)\s+(set\s+of\s+)?data\b|\bunittests?\b|\bfor\s+testing\b",
                       re.I)


def developer_command(info: "ModuleInfo") -> bool:
    """A management command for developers: its name or ``help`` says it creates or loads test, sample, demo
    or fake data (``create_test_perf_data``, ``import_all_unittest_scans``, "Populate a test set of data").
    It is run by hand on a development database: what it creates on a rerun is meant to be new."""
    if "/management/commands/" not in f"/{info.path}":
        return False
    words = set(re.split(r"[_\W]+", PurePosixPath(info.path).stem.lower()))
    if words & _DEV_NAME_WORDS or {"test", "data"} <= words:
        return True
    cls = info.classes.get("Command")
    for stmt in cls.body if cls is not None else ():
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "help" for t in stmt.targets):
            text = " ".join(n.value for n in walk_tree(stmt.value)
                            if isinstance(n, ast.Constant) and isinstance(n.value, str))
            return bool(_DEV_HELP.search(text))
    return False


def _entry_points(project: Project) -> dict[str, list["FunctionInfo"]]:
    index = project.index
    roots: dict[str, dict[str, FunctionInfo]] = {t: {} for t in COMPONENT_TYPES}
    worker, cli, sched, spark = (roots[t] for t in COMPONENT_TYPES)
    task_by_name: dict[str, FunctionInfo] = {}
    for fn in index.functions.values():
        if not fn.node.decorator_list:
            continue
        decl = index.task_decl(fn)
        if decl is not None:
            worker[fn.qualname] = fn
            task_by_name[fn.qualname] = fn
            name = decl.option_value("name")
            if isinstance(name, str):
                task_by_name[name] = fn
    for info in index.modules.values():
        src = info.source
        if "Task" in src:  # Task subclasses: every hook runs in the worker
            for cname, cls in info.classes.items():
                if is_task_class(index, info, cls):
                    for hook in TASK_HOOKS:
                        fn = info.functions.get(f"{cname}.{hook}")
                        if fn is not None:
                            worker[fn.qualname] = fn
                            task_by_name.setdefault(f"{info.module}.{cname}", fn)
        # management commands and Django scripts
        if "/management/commands/" in f"/{info.path}" and not info.path.rsplit("/", 1)[-1].startswith("_"):
            for fn in info.functions.values():
                if fn.class_name == "Command":
                    cli[fn.qualname] = fn
        elif "__main__" in src and "django" in src:
            for fn in info.functions.values():
                if fn.class_name is None:
                    cli[fn.qualname] = fn
        if ("SparkSession" in src or "SparkContext" in src) and ("getOrCreate" in src or "SparkContext(" in src):
            for fn in info.functions.values():
                spark[fn.qualname] = fn
    # Spark jobs that are handed a session built elsewhere (a session factory in another module, a management
    # command that starts it): their module's functions run as the job too
    for component in project.components:
        if component.type == "pyspark-job" and component.file in index.by_path:
            for fn in index.by_path[component.file].functions.values():
                spark.setdefault(fn.qualname, fn)
    # scheduled jobs: beat schedules, CRONJOBS, APScheduler; RQ enqueue targets run in workers
    for info in index.modules.values():
        src = info.source
        beat = "beat_schedule" in src.lower() or "add_periodic_task" in src
        cron = "CRONJOBS" in src
        aps = "add_job" in src or "scheduled_job" in src
        rq = "enqueue" in src
        if not (beat or cron or aps or rq):
            continue
        for node in walk_tree(info.tree):
            if beat and isinstance(node, ast.Dict):
                for k, v in zip(node.keys, node.values):
                    if isinstance(k, ast.Constant) and k.value == "task" and isinstance(v, ast.Constant) \
                            and isinstance(v.value, str):
                        fn = task_by_name.get(v.value) or index.lookup_function(v.value)
                        if fn is not None:
                            sched[fn.qualname] = fn
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                attr = node.func.attr
                if beat and attr == "add_periodic_task" and len(node.args) >= 2:
                    sig = node.args[1]
                    target = sig.func.value if isinstance(sig, ast.Call) and isinstance(sig.func, ast.Attribute) \
                        and sig.func.attr in ("s", "si", "signature") else sig
                    fn = _func_arg(index, info, target)
                    if fn is not None:
                        sched[fn.qualname] = fn
                elif aps and attr == "add_job" and node.args:
                    within = index.enclosing_function(info.path, node.lineno)
                    for _, fn in callables_of(index, info, node.args[0], within):
                        sched[fn.qualname] = fn
                elif rq and attr in ("enqueue", "enqueue_call", "enqueue_in", "enqueue_at"):
                    args = list(node.args) + [kw.value for kw in node.keywords if kw.arg in ("func", "f")]
                    if attr in ("enqueue_in", "enqueue_at") and args:
                        args = args[1:]
                    fn = _func_arg(index, info, args[0]) if args else None
                    if fn is not None:
                        worker[fn.qualname] = fn
            elif cron and isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "CRONJOBS" for t in node.targets):
                for elt in getattr(node.value, "elts", []):
                    if isinstance(elt, (ast.Tuple, ast.List)) and len(elt.elts) >= 2:
                        fn = _func_arg(index, info, elt.elts[1])
                        if fn is not None:
                            sched[fn.qualname] = fn
        if aps:
            for fn in info.functions.values():
                for deco in fn.node.decorator_list:
                    call = deco.func if isinstance(deco, ast.Call) else deco
                    if isinstance(call, ast.Attribute) and call.attr == "scheduled_job":
                        sched[fn.qualname] = fn
    # a project's own registry decorator (@register_job(...), @scheduler.job(...)): only discovery tells
    # it from any other decorator; it runs (a few seconds on a large tree) only when a decorator looks like one
    if any(_REGISTRY_LIKE.search(ast.unparse(d.func if isinstance(d, ast.Call) else d))
           for fn in index.functions.values() if fn.class_name is None for d in fn.node.decorator_list):
        for comp in project.schedules:
            fn = project.component_function(comp)
            if fn is not None:
                sched.setdefault(fn.qualname, fn)
    # a project's own job table run by its own loop (JOBS = [Job("plan", plan, timedelta(minutes=5))]):
    # discovery reads it; it runs only when a module-level name looks like one
    from rootfix.discover.components import JOB_TABLE

    if any(JOB_TABLE.search(name) for info in index.by_path.values() for name in info.assignments):
        for comp in project.schedules:
            if comp.flavor == "job-table":
                fn = project.component_function(comp)
                if fn is not None:
                    sched.setdefault(fn.qualname, fn)
    # every task the model knows (RQ functions handed to a project wrapper or to RQ's cron included)
    for task in project.tasks.values():
        worker.setdefault(task.fn.qualname, task.fn)
    # and every component discovery found (click / typer sub-commands, scheduler registrations): what a
    # component runs is in scope for the rules of its type
    for comp in project.components:
        fn = project.component_function(comp)
        if fn is not None and comp.type in roots:
            roots[comp.type].setdefault(fn.qualname, fn)
    return {t: list(v.values()) for t, v in roots.items()}
