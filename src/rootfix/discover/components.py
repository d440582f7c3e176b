"""Components: the runnable units of a project that bug reports name (SPEC stage 2).

:func:`discover_components` reads a :class:`~rootfix.discover.index.RepoIndex` (and, for crontab and Kubernetes
files, a small text scan of the repo) and returns every

* **background-worker** — Celery tasks (``@shared_task``, ``@<app>.task``, ``Task`` subclasses with a ``name`` or
  registered on an app) and RQ jobs (``@job``, functions passed to ``<queue>.enqueue*``);
* **cli-tool** — Django management commands (``<app>/management/commands/<name>.py``) and standalone scripts that
  call ``django.setup()``;
* **scheduled-job** — celery beat entries (settings or code, ``add_periodic_task``), django-crontab ``CRONJOBS``,
  APScheduler jobs, crontab files and Kubernetes ``CronJob`` manifests;
* **pyspark-job** — modules that build a ``SparkSession``/``SparkContext``, or that a project function hands the
  session it built to.

Nothing is imported or executed: Python is read through the index's ``ast`` trees, YAML with ``yaml.safe_load``.
Test modules (``tests/``, ``test_*.py``, ``conftest.py``) and migrations hold no components.
"""
from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterator

from rootfix.discover.index import SKIP_DIRS, FunctionInfo, ModuleInfo, RepoIndex, walk_body
from rootfix.project.callables import callables_of
from rootfix.project.model import is_task_class, is_test_file
from rootfix.types import COMPONENT_TYPES, Component
from rootfix.discover.walk import walk_tree

__all__ = ["discover_components", "is_test_path"]

_BEAT_NAMES = frozenset({"CELERY_BEAT_SCHEDULE", "CELERYBEAT_SCHEDULE", "BEAT_SCHEDULE", "beat_schedule"})
_CALL_COMMAND = frozenset({"django.core.management.call_command", "django.core.management.base.call_command"})
_SPARK_SESSION = ("pyspark.sql.SparkSession", "pyspark.sql.session.SparkSession", "pyspark.SparkSession")
_SPARK_CONTEXT = ("pyspark.SparkContext", "pyspark.context.SparkContext")
_ENQUEUE = {"enqueue": 0, "enqueue_call": 0, "enqueue_in": 1, "enqueue_at": 1}
_SCHEDULE_EXT = (".cron", ".crontab")
_YAML_EXT = (".yaml", ".yml")
_TYPE_ORDER = {t: i for i, t in enumerate(COMPONENT_TYPES)}
#: decorators whose name says they schedule (checked further: the project function must keep a registry)
_REGISTRY_NAME = re.compile(r"job|schedul|cron|periodic|every|nightly|hourly|daily|weekly|recurring", re.I)


def is_test_path(path: str) -> bool:
    """True for test code (:func:`rootfix.project.model.is_test_file`) and migrations: they hold no components.

    A migration is a module directly in a ``migrations/`` folder: ``app/migrations/tasks/`` (Celery tasks a
    data migration enqueues) is ordinary code."""
    parts = PurePosixPath(path).parts
    return is_test_file(path) or (len(parts) >= 2 and parts[-2] == "migrations")


def discover_components(index: RepoIndex) -> tuple[Component, ...]:
    """Every component of the indexed repo, grouped by type, then by file and line."""
    found = _Discovery(index).run()
    from .library import NOT_COMPONENTS, is_library, library_components

    found = [c for c in found if c.file not in NOT_COMPONENTS]
    if is_library(index):  # a reusable app: its schedulers, signal receivers and model save logic too
        found += library_components(index, found)
    return tuple(sorted(found, key=lambda c: (_TYPE_ORDER.get(c.type, 9), c.flavor, c.file, c.line, c.name)))


# --------------------------------------------------------------------------- helpers
def _literal(expr: ast.expr | None) -> object:
    if expr is None:
        return None
    try:
        return ast.literal_eval(expr)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


#: module-level names a project's own job table goes by
JOB_TABLE = re.compile(r"^_?(JOBS|[A-Z_]*_JOBS|SCHEDULE|[A-Z_]*_SCHEDULE|JOB_TABLE|PERIODIC_[A-Z_]+|CRON_[A-Z_]+)$")


def _kw(call: ast.Call, name: str) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def _arg(call: ast.Call, pos: int, name: str | None = None) -> ast.expr | None:
    if name:
        value = _kw(call, name)
        if value is not None:
            return value
    if len(call.args) > pos and not isinstance(call.args[pos], ast.Starred):
        return call.args[pos]
    return None


def _dedupe(names: list[str], primary: str) -> tuple[str, ...]:
    out: list[str] = []
    for n in names:
        if n and n != primary and n not in out:
            out.append(n)
    return tuple(out)


def _unparse(expr: ast.AST | None, limit: int = 120) -> str:
    if expr is None:
        return ""
    try:
        text = " ".join(ast.unparse(expr).split())
    except Exception:  # noqa: BLE001 - unparse of odd trees is cosmetic only
        return ""
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass
class _Target:
    """What a schedule entry runs: a resolved component (or function), or only a name."""

    name: str
    kind: str  # "task" | "function" | "command" | "module"
    component: Component | None = None
    fn: FunctionInfo | None = None

    def location(self, fallback_file: str, fallback_line: int) -> tuple[str, str, int]:
        if self.component is not None:
            return self.component.file, self.component.symbol, self.component.line
        if self.fn is not None:
            return self.fn.file, self.fn.symbol, self.fn.line
        return fallback_file, "", fallback_line

    def names(self) -> list[str]:
        out = [self.name]
        if self.component is not None:
            out += [self.component.name, *self.component.aliases]
        if self.fn is not None:
            out += [self.fn.qualname, self.fn.symbol.split(".")[-1]]
        if self.kind == "command":
            out += [f"manage.py {self.name}"]
        return out


@dataclass
class _Discovery:
    index: RepoIndex
    out: list[Component] = field(default_factory=list)
    tasks_by_name: dict[str, Component] = field(default_factory=dict)
    tasks_by_qualname: dict[str, Component] = field(default_factory=dict)
    commands: dict[str, Component] = field(default_factory=dict)
    by_file: dict[str, list[Component]] = field(default_factory=dict)

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Component]:
        modules = [m for m in self.index.by_path.values() if not is_test_path(m.path)]
        modules.sort(key=lambda m: m.path)
        self.modules = modules
        self.uses_rq = any(self._imports_prefix(m, ("rq", "django_rq")) for m in self.index.by_path.values())
        self.uses_aps = any(self._imports_prefix(m, ("apscheduler", "django_apscheduler"))
                            for m in self.index.by_path.values())
        for m in modules:
            self._celery_and_rq_functions(m)
        for m in modules:
            self._task_classes(m)
        if self.uses_rq:
            for m in modules:
                self._rq_enqueues(m)
        for m in modules:
            self._command(m)
        for m in modules:
            self._cli_commands(m)
        for m in modules:
            self._script(m)
        self._pyspark_jobs()
        seen_entries: set[tuple[str, str, str]] = set()
        for m in modules:
            for comp in self._schedules_in_module(m):
                key = (comp.flavor, comp.name, comp.target or "")
                if key not in seen_entries:
                    seen_entries.add(key)
                    self._add(comp)
        for comp in self._schedule_files():
            self._add(comp)
        return self.out

    def _add(self, comp: Component) -> Component:
        self.out.append(comp)
        self.by_file.setdefault(comp.file, []).append(comp)
        return comp

    @staticmethod
    def _imports_prefix(m: ModuleInfo, prefixes: tuple[str, ...]) -> bool:
        return any(t.split(".")[0] in prefixes for t in m.imports.values())

    def _str_value(self, m: ModuleInfo, expr: ast.expr | None) -> str | None:
        """A string literal, or a module constant / imported constant holding one."""
        value = _literal(expr)
        if isinstance(value, str):
            return value
        if isinstance(expr, (ast.Name, ast.Attribute)):
            dotted = self.index.resolve(m, expr) or ""
            mod, _, name = dotted.rpartition(".")
            info = self.index.modules.get(mod)
            if info is not None and name in info.assignments:
                value = _literal(info.assignments[name])
                if isinstance(value, str):
                    return value
        return None

    # ------------------------------------------------------------------ celery / rq functions
    def _celery_and_rq_functions(self, m: ModuleInfo) -> None:
        for fn in m.functions.values():
            if fn.class_name is not None:
                continue
            decl = self.index.task_decl(fn)
            if decl is None:
                continue
            default = fn.qualname
            details: list[tuple[str, str]] = [("framework", decl.framework)]
            if decl.framework == "celery":
                explicit = self._str_value(m, decl.options.get("name"))
                name = explicit or default
                aliases = _dedupe([default, fn.symbol], name)
                queue = self._str_value(m, decl.options.get("queue"))
                flavor = "celery-task"
            elif decl.framework in ("dramatiq", "huey"):
                # an actor's name is its function's unless actor_name= says otherwise; Huey names by function
                explicit = self._str_value(m, decl.options.get("actor_name") or decl.options.get("name"))
                name = explicit or default
                aliases = _dedupe([default, fn.symbol], name)
                queue = self._str_value(m, decl.options.get("queue_name") or decl.options.get("queue"))
                flavor = "dramatiq-actor" if decl.framework == "dramatiq" else "huey-task"
            else:
                name = default
                aliases = _dedupe([fn.symbol], name)
                queue = self._str_value(m, decl.args[0] if decl.args else decl.options.get("queue"))
                flavor = "rq-job"
            if queue:
                details.append(("queue", queue))
            comp = self._add(Component("background-worker", flavor, name, aliases, fn.file, fn.symbol, fn.line,
                                       details=tuple(details)))
            self.tasks_by_qualname[fn.qualname] = comp
            for n in (name, default):
                self.tasks_by_name.setdefault(n, comp)
            target = decl.decorator.func if isinstance(decl.decorator, ast.Call) else decl.decorator
            if decl.framework == "huey" and _attr_name(target) in ("periodic_task", "db_periodic_task"):
                # @periodic_task(crontab(...)): the consumer runs it on that schedule
                schedule = _unparse(decl.args[0]) if decl.args else _unparse(decl.options.get("validate_datetime"))
                self._add(self._schedule_component(
                    "huey-periodic", fn.symbol, _Target(fn.qualname, "task", comp, fn), m, m.path,
                    decl.decorator.lineno, [("schedule", schedule or "")] if schedule else []))

    def _registered_classes(self) -> set[str]:
        """Dotted names of classes passed (as ``Cls()`` or ``Cls``) to ``register_task`` / ``tasks.register``."""
        out: set[str] = set()
        for m in self.modules:
            for node in walk_tree(m.tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
                    continue
                attr = node.func.attr
                is_reg = attr == "register_task" or (
                    attr == "register" and isinstance(node.func.value, ast.Attribute)
                    and node.func.value.attr == "tasks")
                if not is_reg:
                    continue
                arg = node.args[0]
                if isinstance(arg, ast.Call):
                    arg = arg.func
                dotted = self.index.resolve(m, arg)
                if dotted:
                    out.add(self.index._follow_reexport(dotted))
        return out

    def _task_classes(self, m: ModuleInfo) -> None:
        if not hasattr(self, "_registered"):
            self._registered = self._registered_classes()
        for cname, cls in m.classes.items():
            if not is_task_class(self.index, m, cls):
                continue
            attrs: dict[str, ast.expr] = {}
            for stmt in cls.body:
                if isinstance(stmt, ast.Assign):
                    for t in stmt.targets:
                        if isinstance(t, ast.Name):
                            attrs[t.id] = stmt.value
                elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value:
                    attrs[stmt.target.id] = stmt.value
            if _literal(attrs.get("abstract")) is True:
                continue
            explicit = self._str_value(m, attrs.get("name"))
            default = f"{m.module}.{cname}"
            if not explicit and default not in self._registered:
                continue
            name = explicit or default
            run = m.functions.get(f"{cname}.run")
            symbol, line = (run.symbol, run.line) if run else (cname, cls.lineno)
            details: list[tuple[str, str]] = [("framework", "celery"), ("class", cname)]
            queue = self._str_value(m, attrs.get("queue"))
            if queue:
                details.append(("queue", queue))
            comp = self._add(Component("background-worker", "celery-task-class", name,
                                       _dedupe([default, cname], name), m.path, symbol, line,
                                       details=tuple(details)))
            self.tasks_by_qualname[default] = comp
            for n in (name, default):
                self.tasks_by_name.setdefault(n, comp)

    def _rq_dispatchers(self) -> dict[str, int]:
        """Project functions that hand one of their parameters to ``<queue>.enqueue*`` (``def enqueue(queue_name,
        func, *args): get_queue(queue_name).enqueue(func, *args)``): qualname -> that parameter's position. Each
        call of such a wrapper enqueues the function it is given."""
        if hasattr(self, "_dispatchers"):
            return self._dispatchers
        out: dict[str, int] = {}
        for fn in self.index.functions.values():
            if is_test_path(fn.file):
                continue
            params = [a.arg for a in fn.node.args.posonlyargs + fn.node.args.args]
            if fn.class_name is not None and params and params[0] in ("self", "cls"):
                params = params[1:]
            for node in walk_tree(fn.node):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _ENQUEUE:
                    arg = _arg(node, _ENQUEUE[node.func.attr], "func" if node.func.attr == "enqueue_call" else None)
                    if isinstance(arg, ast.Name) and arg.id in params:
                        out[fn.qualname] = params.index(arg.id)
                        break
        self._dispatchers = out
        return out

    def _rq_job_argument(self, m: ModuleInfo, node: ast.Call) -> tuple[ast.expr | None, str] | None:
        """The function argument of an RQ enqueue, of a project wrapper around one, or of ``rq.cron.register``
        (RQ's own scheduler: the registered function runs in a worker), with what it was handed to."""
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _ENQUEUE:
            arg = _arg(node, _ENQUEUE[func.attr], "func" if func.attr == "enqueue_call" else None)
            return (arg if arg is not None else _kw(node, "f")), "enqueue"
        if not isinstance(func, (ast.Name, ast.Attribute)):
            return None
        dotted = self.index.resolve(m, func) or ""
        if dotted in ("rq.cron.register", "rq.cron.Cron.register"):
            return _arg(node, 0, "func"), "rq cron"
        wrapper = self.index.lookup_function(dotted) if dotted else None
        if wrapper is not None and wrapper.qualname in self._rq_dispatchers():
            return _arg(node, self._rq_dispatchers()[wrapper.qualname]), f"{wrapper.symbol}()"
        return None

    def _rq_enqueues(self, m: ModuleInfo) -> None:
        for node in walk_tree(m.tree):
            if not isinstance(node, ast.Call):
                continue
            found = self._rq_job_argument(m, node)
            if found is None:
                continue
            func, via = found
            fn = self._function_ref(m, func)
            if fn is None or fn.qualname in self.tasks_by_qualname or is_test_path(fn.file):
                continue
            queue_expr = node.func.value if isinstance(node.func, ast.Attribute) else node.func
            details = (("framework", "rq"), ("enqueued_at", f"{m.path}:{node.lineno}"),
                       ("queue_object", _unparse(queue_expr, 60)), ("enqueued_by", via))
            comp = self._add(Component("background-worker", "rq-job", fn.qualname,
                                       _dedupe([fn.symbol.split(".")[-1]], fn.qualname), fn.file, fn.symbol,
                                       fn.line, declared_in=m.path if m.path != fn.file else None,
                                       details=details))
            self.tasks_by_qualname[fn.qualname] = comp
            self.tasks_by_name.setdefault(fn.qualname, comp)

    def _function_ref(self, m: ModuleInfo, expr: ast.expr | None) -> FunctionInfo | None:
        """The project function an expression names: a reference, or a ``"pkg.mod.func"`` / ``"pkg.mod:func"``."""
        if expr is None:
            return None
        text = _literal(expr)
        if isinstance(text, str):
            dotted = text.replace(":", ".").strip()
            return self.index.lookup_function(dotted)
        if isinstance(expr, (ast.Name, ast.Attribute)):
            dotted = self.index.resolve(m, expr)
            if dotted:
                return self.index.lookup_function(dotted)
        return None

    # ------------------------------------------------------------------ commands and scripts
    def _command(self, m: ModuleInfo) -> None:
        parts = PurePosixPath(m.path).parts
        if len(parts) < 4 or parts[-3:-1] != ("management", "commands"):
            return
        stem = parts[-1][:-3]
        if stem.startswith("_") or "Command" not in m.classes:
            return
        cls = m.classes["Command"]
        handle = m.functions.get("Command.handle") or self.index._inherited_method(m, "Command", "handle")
        if handle is not None and handle.file == m.path:
            file, symbol, line = m.path, handle.symbol, handle.line
        elif handle is not None:
            # ``handle`` comes from a project base class: that is the code that runs.
            file, symbol, line = handle.file, handle.symbol, handle.line
        else:
            file, symbol, line = m.path, "Command", cls.lineno
        app = ".".join(parts[:-3]) or "."
        details: list[tuple[str, str]] = [("app", app)]
        help_text = None
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "help" for t in stmt.targets):
                help_text = self._str_value(m, stmt.value)
        if help_text:
            details.append(("help", " ".join(help_text.split())))
        comp = self._add(Component(
            "cli-tool", "management-command", stem,
            _dedupe([f"manage.py {stem}", f"python manage.py {stem}", f"django-admin {stem}", m.module, m.path],
                    stem),
            file, symbol, line, declared_in=m.path if file != m.path else None, details=tuple(details)))
        self.commands.setdefault(stem, comp)

    # ------------------------------------------------------------------ click / typer
    def _cli_parent(self, m: ModuleInfo, fn: FunctionInfo) -> tuple[str, str | None] | None:
        """``(library, parent function name)`` when ``fn`` is a click / typer command or group: decorated
        ``@click.command()`` / ``@click.group()``, ``@<group function>.command()`` / ``.group()``, or
        ``@<typer.Typer() instance>.command()``; None otherwise."""
        for deco in fn.node.decorator_list:
            target = deco.func if isinstance(deco, ast.Call) else deco
            if not (isinstance(target, ast.Attribute) and target.attr in ("command", "group", "callback")):
                continue
            dotted = self.index.resolve(m, target) or ""
            if dotted in ("click.command", "click.group", "typer.Typer.command"):
                return "click", None
            owner = target.value
            if isinstance(owner, ast.Name):
                parent = m.functions.get(owner.id)
                if parent is not None and parent is not fn and self._cli_parent(m, parent) is not None:
                    return "click", owner.id
                value = m.assignments.get(owner.id)
                if isinstance(value, ast.Call) and (self.index.resolve(m, value.func) or "") in (
                        "typer.Typer", "click.Group"):
                    return "typer" if "typer" in (self.index.resolve(m, value.func) or "") else "click", None
        return None

    def _cli_commands(self, m: ModuleInfo) -> None:
        """click / typer commands: each is a command users run by name (``bbank units receive``)."""
        if not any(t.split(".")[0] in ("click", "typer") for t in m.imports.values()):
            return
        for fn in m.functions.values():
            if fn.class_name is not None or ".<locals>." in fn.symbol:
                continue
            found = self._cli_parent(m, fn)
            if found is None or any(d.func.attr == "group" for d in fn.node.decorator_list
                                    if isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute)):
                continue  # a group only dispatches: its commands are the components
            library, parent = found
            name = self._cli_name(fn)
            chain = [name]
            seen = {fn.node.name}
            root = fn
            while parent is not None and parent not in seen:
                seen.add(parent)
                chain.insert(0, self._cli_name(m.functions[parent]))
                parent_fn = root = m.functions[parent]
                up = self._cli_parent(m, parent_fn)
                parent = up[1] if up else None
            full = " ".join(chain)
            rest = " ".join(chain[1:])
            # a management command that hands its command line to the group: ``manage.py timetable import``
            programs = [p for cmd in self._group_runners(root) for p in (f"{cmd} {rest}", f"manage.py {cmd} {rest}")]
            self._add(Component("cli-tool", f"{library}-command", full,
                                _dedupe([name, fn.node.name, rest, f"{m.path} {full}", *programs], full),
                                m.path, fn.symbol, fn.line, details=(("runs", f"{library} command {full}"),)))

    def _group_runners(self, root: FunctionInfo) -> list[str]:
        """Names of the management commands whose code runs the click / typer group ``root``
        (``cli.main(args=...)``, ``cli(...)``)."""
        out = []
        for m in self.modules:
            parts = PurePosixPath(m.path).parts
            if len(parts) < 3 or parts[-3:-1] != ("management", "commands") or root.node.name not in m.source:
                continue
            for node in walk_tree(m.tree):
                if isinstance(node, ast.Call):
                    func = node.func.value if isinstance(node.func, ast.Attribute) and node.func.attr == "main" \
                        else node.func
                    if self.index.resolve(m, func) == root.qualname:
                        out.append(PurePosixPath(m.path).stem)
                        break
        return out

    @staticmethod
    def _cli_name(fn: FunctionInfo) -> str:
        """The name click gives a command: its decorator's first argument, else the function's name with
        underscores as dashes."""
        for deco in fn.node.decorator_list:
            # only the command's own decorator names it (``@click.option("--to", ...)`` names an option)
            if isinstance(deco, ast.Call) and isinstance(deco.func, ast.Attribute) \
                    and deco.func.attr in ("command", "group") and deco.args \
                    and isinstance(deco.args[0], ast.Constant) and isinstance(deco.args[0].value, str):
                return deco.args[0].value
        return fn.node.name.replace("_", "-")

    def _script(self, m: ModuleInfo) -> None:
        if m.path.endswith("manage.py") or f"{m.module}" in {a.rpartition(".")[0] for a in self.index.celery_apps}:
            return
        if PurePosixPath(m.path).name in ("settings.py", "wsgi.py", "asgi.py", "celery.py"):
            return
        setup_calls = [n for n in walk_tree(m.tree) if isinstance(n, ast.Call)
                       and self.index.resolve(m, n.func) == "django.setup"]
        if not setup_calls:
            return
        main_guard = next((s for s in m.tree.body if _is_main_guard(s)), None)
        module_level = any(self._at_module_level(m, c) for c in setup_calls)
        if main_guard is None and not module_level:
            return  # a helper that sets Django up (e.g. per Spark executor), not a script
        symbol, line = "<module>", setup_calls[0].lineno
        entry = self._main_guard_entry(m, main_guard) if main_guard is not None else None
        if entry is None:
            entry = next((m.functions[n] for n in ("main", "run", "cli") if n in m.functions), None)
        if entry is not None:
            symbol, line = entry.symbol, entry.line
        stem = PurePosixPath(m.path).stem
        self._add(Component("cli-tool", "script", stem,
                            _dedupe([m.path, f"python {m.path}", m.module, f"python -m {m.module}"], stem),
                            m.path, symbol, line, details=(("runs", f"python {m.path}"),)))

    @staticmethod
    def _at_module_level(m: ModuleInfo, call: ast.Call) -> bool:
        for stmt in m.tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            if stmt.lineno <= call.lineno <= (stmt.end_lineno or stmt.lineno):
                return True
        return False

    def _main_guard_entry(self, m: ModuleInfo, guard: ast.If) -> FunctionInfo | None:
        """The function the ``__main__`` guard runs: its project calls, leaving out a helper that only sets
        Django up (``setup_django(); sys.exit(main())``)."""
        found: list[FunctionInfo] = []
        for node in walk_tree(guard):
            if isinstance(node, ast.Call):
                fn = self.index.resolve_call(m, node)
                if fn is not None and fn.file == m.path and fn not in found:
                    found.append(fn)
        work = [fn for fn in found if not any(
            isinstance(n, ast.Call) and self.index.resolve(m, n.func) == "django.setup" for n in walk_body(fn.node))]
        return (work or found or [None])[0]

    # ------------------------------------------------------------------ pyspark
    def _builds_session(self, m: ModuleInfo, node: ast.AST) -> bool:
        if isinstance(node, ast.Attribute) and node.attr == "builder":
            return (self.index.resolve(m, node.value) or "") in _SPARK_SESSION
        if isinstance(node, ast.Call):
            target = self.index.resolve(m, node.func) or ""
            return target in _SPARK_CONTEXT or target in tuple(f"{c}.getOrCreate" for c in _SPARK_CONTEXT)
        return False

    def _pyspark_jobs(self) -> None:
        index = self.index
        builders: dict[str, FunctionInfo] = {}
        factories: set[str] = set()
        module_level: list[tuple[ModuleInfo, int]] = []
        for m in self.modules:
            if not any(t.split(".")[0] == "pyspark" for t in m.imports.values()):
                continue
            for fn in m.functions.values():
                build = next((n for n in walk_body(fn.node) if self._builds_session(m, n)), None)
                if build is None:
                    continue
                builders[fn.qualname] = fn
                if self._returns_session(m, fn):
                    factories.add(fn.qualname)
            for stmt in m.tree.body:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or _is_main_guard(stmt):
                    continue
                hit = next((n for n in walk_tree(stmt) if self._builds_session(m, n)), None)
                if hit is not None:
                    module_level.append((m, hit.lineno))
                    break
        # Functions that obtain a session: build one and keep it, or call a project factory.
        obtainers: list[tuple[FunctionInfo, set[str]]] = []
        for m in self.modules:
            for fn in m.functions.values():
                if fn.qualname in factories:
                    continue
                session_vars: set[str] = set()
                obtains = fn.qualname in builders
                for node in walk_body(fn.node):
                    if isinstance(node, (ast.Assign, ast.With)):
                        value = node.value if isinstance(node, ast.Assign) else None
                        if isinstance(node, ast.With):
                            for item in node.items:
                                if self._session_expr(m, fn, item.context_expr, factories) and isinstance(
                                        item.optional_vars, ast.Name):
                                    session_vars.add(item.optional_vars.id)
                                    obtains = True
                            continue
                        if value is not None and self._session_expr(m, fn, value, factories):
                            obtains = True
                            for t in node.targets:
                                if isinstance(t, ast.Name):
                                    session_vars.add(t.id)
                if obtains:
                    obtainers.append((fn, session_vars))
        jobs: dict[str, tuple[FunctionInfo, list[FunctionInfo]]] = {}  # module path -> (entry, starters)
        for fn, session_vars in obtainers:
            m = index.module_of(fn)
            handed: list[FunctionInfo] = []
            if session_vars:
                for node in walk_body(fn.node):
                    if not isinstance(node, ast.Call):
                        continue
                    args = [*node.args, *(k.value for k in node.keywords)]
                    passes = any(isinstance(a, ast.Name) and a.id in session_vars for a in args)
                    if not passes:
                        continue
                    callee = index.resolve_call(m, node, fn.class_name)
                    if (callee is not None and callee.file != fn.file and callee.qualname not in factories
                            and not is_test_path(callee.file)):
                        handed.append(callee)
            if handed:
                for callee in handed:
                    entry, starters = jobs.setdefault(callee.file, (callee, []))
                    if _entry_rank(callee) < _entry_rank(entry):
                        jobs[callee.file] = (callee, starters)
                    if fn not in starters:
                        starters.append(fn)
            else:
                entry = fn
                if fn.class_name is None and fn.symbol not in ("main", "run"):
                    entry = next((m.functions[n] for n in ("main", "run") if n in m.functions), fn)
                current = jobs.get(fn.file)
                if current is None or _entry_rank(entry) < _entry_rank(current[0]):
                    jobs[fn.file] = (entry, current[1] if current else [])
        for m, line in module_level:
            if m.path not in jobs:
                entry = next((m.functions[n] for n in ("main", "run") if n in m.functions), None)
                jobs[m.path] = (entry, []) if entry else (None, [])  # type: ignore[assignment]
                if entry is None:
                    self._add_spark(m, "<module>", line, [])
                    del jobs[m.path]
        for path, (entry, starters) in sorted(jobs.items()):
            m = index.by_path[path]
            self._add_spark(m, entry.symbol, entry.line, starters)

    def _returns_session(self, m: ModuleInfo, fn: FunctionInfo) -> bool:
        """A session factory returns (or yields) the session it built, directly or through a variable."""
        names: set[str] = set()
        for node in walk_body(fn.node):
            if isinstance(node, ast.Assign) and any(self._builds_session(m, n) for n in walk_tree(node.value)):
                names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        for node in walk_body(fn.node):
            if isinstance(node, (ast.Return, ast.Yield)) and node.value is not None:
                value = node.value
                if isinstance(value, ast.Name) and value.id in names:
                    return True
                # ``builder = SparkSession.builder...; builder = builder.master(m); return builder.getOrCreate()``
                if (isinstance(value, ast.Call) and _chain_ends_in_session(value)
                        and _chain_root(value) in names):
                    return True
                if isinstance(value, (ast.Call, ast.Attribute)) and any(
                        self._builds_session(m, n) for n in walk_tree(value)) and _chain_ends_in_session(value):
                    return True
        return False

    def _session_expr(self, m: ModuleInfo, fn: FunctionInfo, expr: ast.expr, factories: set[str]) -> bool:
        for node in walk_tree(expr):
            if self._builds_session(m, node):
                return True
            if isinstance(node, ast.Call):
                callee = self.index.resolve_call(m, node, fn.class_name)
                if callee is not None and callee.qualname in factories:
                    return True
        return False

    def _add_spark(self, m: ModuleInfo, symbol: str, line: int, starters: list[FunctionInfo]) -> None:
        stem = PurePosixPath(m.path).stem
        if stem == "__main__" or stem == "__init__":
            stem = m.module.rsplit(".", 1)[-1]
        details: list[tuple[str, str]] = []
        for s in starters:
            cmd = self._command_of(s)
            details.append(("started_by", f"manage.py {cmd}" if cmd else f"{s.qualname}"))
        self._add(Component("pyspark-job", "pyspark-job", stem,
                            _dedupe([m.module, m.path, f"{m.module}.{symbol}" if symbol != "<module>" else ""],
                                    stem),
                            m.path, symbol, line, details=tuple(details)))

    def _command_of(self, fn: FunctionInfo) -> str | None:
        parts = PurePosixPath(fn.file).parts
        if len(parts) >= 4 and parts[-3:-1] == ("management", "commands"):
            return parts[-1][:-3]
        return None

    # ------------------------------------------------------------------ schedules in Python
    def _task_target(self, m: ModuleInfo, expr: ast.expr | None) -> _Target | None:
        """A beat entry's ``task`` (a name, ``some_task.name``, or a task reference)."""
        if expr is None:
            return None
        name = self._str_value(m, expr)
        if name is None and isinstance(expr, ast.Attribute) and expr.attr == "name":
            fn = self._function_ref(m, expr.value)
            comp = self.tasks_by_qualname.get(fn.qualname) if fn else None
            if comp is not None:
                return _Target(comp.name, "task", comp)
        if name is None:
            fn = self._function_ref(m, expr)
            if fn is not None:
                comp = self.tasks_by_qualname.get(fn.qualname)
                return _Target(comp.name if comp else fn.qualname, "task" if comp else "function", comp, fn)
            return None
        comp = self.tasks_by_name.get(name)
        if comp is not None:
            return _Target(name, "task", comp)
        fn = self.index.lookup_function(name)
        return _Target(name, "task", None, fn)

    def _signature_target(self, m: ModuleInfo, expr: ast.expr | None) -> _Target | None:
        """``task.s(...)``, ``task.si(...)``, ``task.signature(...)``, ``signature("name")`` or a bare task."""
        if expr is None:
            return None
        if isinstance(expr, ast.Call):
            func = expr.func
            if (isinstance(func, ast.Attribute) and func.attr in ("signature", "subtask") and expr.args
                    and self._str_value(m, expr.args[0]) is not None):
                return self._task_target(m, expr.args[0])  # app.signature("pkg.tasks.name") / sender.signature
            if isinstance(func, ast.Attribute) and func.attr in ("s", "si", "signature", "subtask"):
                return self._task_target(m, func.value)
            dotted = self.index.resolve(m, func) or ""
            if dotted.endswith("signature") and expr.args:
                return self._task_target(m, expr.args[0])
            return None
        return self._task_target(m, expr)

    def _command_target(self, name: str) -> _Target:
        return _Target(name, "command", self.commands.get(name))

    def _schedule_component(self, flavor: str, key: str, target: _Target | None, m: ModuleInfo | None,
                            declared: str, line: int, details: list[tuple[str, str]],
                            extra_names: tuple[str, ...] = ()) -> Component:
        if target is None:
            target = _Target(key, "function")
        file, symbol, tline = target.location(declared, line)
        names = [*extra_names, *target.names()]
        details = [*details, ("declared_line", str(line))]
        if target.component is None and target.fn is None:
            details.append(("unresolved", "true"))
        return Component("scheduled-job", flavor, key, _dedupe(names, key), file, symbol, tline,
                         target=target.name, declared_in=declared, details=tuple(details))

    def _job_table(self, m: ModuleInfo, tname: str, value: ast.expr) -> Iterator[Component]:
        """A project's own job table, run by its own loop (``JOBS = [Job("plan", plan, timedelta(minutes=5))]``,
        ``SCHEDULE = {"plan": (plan, 300)}``): each entry that pairs a project function with an interval (a
        ``timedelta``, a number of seconds, a cron string) is a scheduled job named by the entry's string."""
        if not JOB_TABLE.search(tname):
            return
        if isinstance(value, ast.Dict):
            entries = [(k, v) for k, v in zip(value.keys, value.values)]
        elif isinstance(value, (ast.List, ast.Tuple)):
            entries = [(None, e) for e in value.elts]
        else:
            return
        for key, entry in entries:
            parts = list(entry.args) + [k.value for k in entry.keywords] if isinstance(entry, ast.Call) \
                else list(entry.elts) if isinstance(entry, (ast.Tuple, ast.List)) else [entry]
            fns = [f for f in (self._function_ref(m, p) for p in parts
                               if isinstance(p, (ast.Name, ast.Attribute))) if f is not None]
            timed = any((isinstance(p, ast.Call) and (self.index.resolve(m, p.func) or "").endswith("timedelta"))
                        or (isinstance(p, ast.Constant) and isinstance(p.value, (int, float)) and p.value > 0)
                        or (isinstance(p, ast.Constant) and isinstance(p.value, str) and len(p.value.split()) == 5)
                        for p in parts)
            if len(fns) != 1 or not timed:
                continue
            fn = fns[0]
            name = _literal(key) if key is not None else next(
                (p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)
                 and p.value.isidentifier()), None)
            name = name if isinstance(name, str) else fn.node.name
            yield Component("scheduled-job", "job-table", name, _dedupe([fn.node.name, fn.qualname], name),
                            fn.file, fn.symbol, fn.line, declared_in=m.path if m.path != fn.file else None,
                            details=(("table", f"{m.path}:{tname}"),))

    def _schedules_in_module(self, m: ModuleInfo) -> Iterator[Component]:
        for stmt in m.tree.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                yield from self._job_table(m, stmt.targets[0].id, stmt.value)
        for node in walk_tree(m.tree):
            # CELERY_BEAT_SCHEDULE = {...}; app.conf.beat_schedule = {...}
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    tname = t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else None
                    if tname in _BEAT_NAMES and node.value is not None:
                        yield from self._beat_dict(m, node.value)
                    elif tname == "CRONJOBS" and node.value is not None:
                        yield from self._cronjobs(m, node.value)
                    elif (isinstance(t, ast.Subscript) and _attr_name(t.value) in _BEAT_NAMES
                          and node.value is not None):
                        key = _literal(t.slice)
                        if isinstance(key, str):
                            yield from self._beat_entry(m, key, node.value, t.lineno)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                attr = node.func.attr
                if attr == "update":
                    owner = _attr_name(node.func.value)
                    if owner in _BEAT_NAMES:
                        for a in node.args:
                            yield from self._beat_dict(m, a)
                        for kw in node.keywords:
                            if kw.arg:
                                yield from self._beat_entry(m, kw.arg, kw.value, kw.value.lineno)
                    elif owner == "conf":
                        for kw in node.keywords:
                            if kw.arg in _BEAT_NAMES:
                                yield from self._beat_dict(m, kw.value)
                        for a in node.args:
                            if isinstance(a, ast.Dict):
                                for k, v in zip(a.keys, a.values):
                                    if _literal(k) in _BEAT_NAMES:
                                        yield from self._beat_dict(m, v)
                elif attr == "add_periodic_task":
                    yield from self._periodic_task(m, node)
                elif attr == "add_job" and self.uses_aps:
                    yield from self._aps_add_job(m, node)
        if self.uses_aps:
            for fn in m.functions.values():
                for deco in fn.node.decorator_list:
                    if (isinstance(deco, ast.Call) and isinstance(deco.func, ast.Attribute)
                            and deco.func.attr == "scheduled_job"):
                        key = self._str_value(m, _kw(deco, "id")) or self._str_value(m, _kw(deco, "name")) \
                            or fn.symbol
                        comp = self.tasks_by_qualname.get(fn.qualname)
                        target = _Target(fn.qualname, "function", comp, fn)
                        details = [("trigger", _unparse(_arg(deco, 0, "trigger")) or "")]
                        details += [(k.arg, _unparse(k.value)) for k in deco.keywords if k.arg not in ("id", "name")
                                    and k.arg]
                        yield self._schedule_component("apscheduler", key, target, m, m.path, deco.lineno,
                                                       [d for d in details if d[1]])

        yield from self._registry_jobs(m)

    # a project's own registry decorator: @register_job("nightly"), @scheduler.job("0 3 * * *")
    def _registry_jobs(self, m: ModuleInfo) -> Iterator[Component]:
        for fn in m.functions.values():
            if fn.class_name is not None or fn.qualname in self.tasks_by_qualname:
                continue
            for deco in fn.node.decorator_list:
                func = deco.func if isinstance(deco, ast.Call) else deco
                text = _unparse(func)
                if not _REGISTRY_NAME.search(text) or self._registry_decorator(m, func) is None:
                    continue
                details = [("registered_by", text)]
                if isinstance(deco, ast.Call) and (deco.args or deco.keywords):
                    details.append(("schedule", ", ".join(
                        [_unparse(a) for a in deco.args] + [f"{k.arg}={_unparse(k.value)}" for k in deco.keywords])))
                # the name it is registered under is what logs, `run_job NAME` and bug reports use
                registered = None
                if isinstance(deco, ast.Call):
                    registered = (self._str_value(m, deco.args[0]) if deco.args else None) \
                        or self._str_value(m, _kw(deco, "name")) or self._str_value(m, _kw(deco, "id"))
                yield self._schedule_component("registry", fn.symbol, _Target(fn.qualname, "function", None, fn),
                                               m, m.path, deco.lineno, details,
                                               (registered,) if registered else ())
                break

    def _registry_decorator(self, m: ModuleInfo, func: ast.expr) -> FunctionInfo | None:
        """The project function behind ``func`` when it is a registry: it (or the decorator it returns)
        puts the decorated function into a container (``JOBS[name] = fn``, ``self.jobs.append(fn)``)."""
        dotted = self.index.resolve(m, func) or ""
        found = self.index.lookup_function(dotted)
        if found is None and isinstance(func, ast.Attribute):  # scheduler.job(...) on a project instance
            owner_dotted = self.index.resolve(m, func.value) or ""
            mod_name, _, var = owner_dotted.rpartition(".")
            owner_mod = self.index.modules.get(mod_name)
            value = owner_mod.assignments.get(var) if owner_mod else None
            if isinstance(value, ast.Call):
                cls = self.index.resolve(owner_mod, value.func) or ""
                found = self.index.lookup_function(f"{cls}.{func.attr}")
        if found is None:
            return None
        for node in walk_tree(found.node):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Subscript) for t in node.targets):
                return found
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("append", "add", "setdefault", "register", "insert"):
                return found
        return None

    def _resolve_dict(self, m: ModuleInfo, expr: ast.expr) -> ast.expr:
        if isinstance(expr, ast.Name) and expr.id in m.assignments:
            return m.assignments[expr.id]
        return expr

    def _beat_dict(self, m: ModuleInfo, expr: ast.expr) -> Iterator[Component]:
        expr = self._resolve_dict(m, expr)
        if isinstance(expr, ast.Dict):
            for k, v in zip(expr.keys, expr.values):
                key = self._str_value(m, k) if k is not None else None
                if key is not None:
                    yield from self._beat_entry(m, key, v, k.lineno)
        elif isinstance(expr, ast.Call) and (self.index.resolve(m, expr.func) or "") in ("dict", "builtins.dict"):
            for kw in expr.keywords:
                if kw.arg:
                    yield from self._beat_entry(m, kw.arg, kw.value, kw.value.lineno)

    def _beat_entry(self, m: ModuleInfo, key: str, value: ast.expr, line: int) -> Iterator[Component]:
        value = self._resolve_dict(m, value)
        fields: dict[str, ast.expr] = {}
        if isinstance(value, ast.Dict):
            for k, v in zip(value.keys, value.values):
                kk = _literal(k) if k is not None else None
                if isinstance(kk, str):
                    fields[kk] = v
        elif isinstance(value, ast.Call):
            fields = {kw.arg: kw.value for kw in value.keywords if kw.arg}
        if "task" not in fields:
            return
        target = self._task_target(m, fields["task"])
        if target is None:
            target = _Target(_unparse(fields["task"]), "task")
        details = [(k, _unparse(fields[k])) for k in ("schedule", "args", "kwargs", "options") if k in fields]
        yield self._schedule_component("beat-schedule", key, target, m, m.path, line, details)

    def _periodic_task(self, m: ModuleInfo, call: ast.Call) -> Iterator[Component]:
        sig = _arg(call, 1, "sig")
        target = self._signature_target(m, sig)
        if target is None:
            return
        key = self._str_value(m, _kw(call, "name")) or target.name
        details = [("schedule", _unparse(_arg(call, 0, "schedule")))]
        details.append(("signature", _unparse(sig)))
        yield self._schedule_component("beat-schedule", key, target, m, m.path, call.lineno,
                                       [d for d in details if d[1]])

    def _cronjobs(self, m: ModuleInfo, expr: ast.expr) -> Iterator[Component]:
        if not isinstance(expr, (ast.List, ast.Tuple)):
            return
        for item in expr.elts:
            if not isinstance(item, (ast.List, ast.Tuple)) or len(item.elts) < 2:
                continue
            spec = self._str_value(m, item.elts[0]) or _unparse(item.elts[0])
            path = self._str_value(m, item.elts[1])
            if not path:
                continue
            details = [("schedule", spec)]
            if path in _CALL_COMMAND:
                args = _literal(item.elts[2]) if len(item.elts) > 2 else None
                if not isinstance(args, (list, tuple)) or not args or not isinstance(args[0], str):
                    continue
                target = self._command_target(args[0])
                details.append(("args", " ".join(str(a) for a in args)))
                key = args[0]
                extra = (f"call_command {args[0]}",)
            else:
                fn = self.index.lookup_function(path)
                comp = self.tasks_by_qualname.get(fn.qualname) if fn else None
                target = _Target(path, "function", comp, fn)
                key = path
                extra = ()
            yield self._schedule_component("django-crontab", key, target, m, m.path, item.lineno, details, extra)

    def _aps_add_job(self, m: ModuleInfo, call: ast.Call) -> Iterator[Component]:
        func = _arg(call, 0, "func")
        if func is None:
            return
        dotted = self.index.resolve(m, func) if isinstance(func, (ast.Name, ast.Attribute)) else None
        if dotted in _CALL_COMMAND:
            args = _literal(_kw(call, "args"))
            if not isinstance(args, (list, tuple)) or not args or not isinstance(args[0], str):
                return
            target = self._command_target(args[0])
        else:
            found = callables_of(self.index, m, func, self.index.enclosing_function(m.path, call.lineno))
            if not found:
                text = _literal(func)
                if not isinstance(text, str) and dotted is None:
                    return
                targets = [(None, _Target(text if isinstance(text, str) else str(dotted), "function"))]
            else:  # a reference, a project wrapper around one, or every job of a table the call loops over
                targets = [(name, _Target(fn.qualname, "function", self.tasks_by_qualname.get(fn.qualname), fn))
                           for name, fn in found]
            for name, target in targets:
                key = (name if len(targets) > 1 or name else None) or self._str_value(m, _kw(call, "id")) \
                    or self._str_value(m, _kw(call, "name")) or target.name.replace(":", ".").rsplit(".", 1)[-1]
                yield self._aps_component(m, call, key, target)
            return
        key = self._str_value(m, _kw(call, "id")) or self._str_value(m, _kw(call, "name")) \
            or target.name.replace(":", ".").rsplit(".", 1)[-1]
        yield self._aps_component(m, call, key, target)

    def _aps_component(self, m: ModuleInfo, call: ast.Call, key: str, target: "_Target") -> Component:
        details = [("trigger", _unparse(_arg(call, 1, "trigger")))]
        details += [(k.arg, _unparse(k.value)) for k in call.keywords
                    if k.arg and k.arg not in ("id", "name", "func", "trigger", "replace_existing")]
        return self._schedule_component("apscheduler", key, target, m, m.path, call.lineno,
                                        [d for d in details if d[1]])

    # ------------------------------------------------------------------ schedule files
    def _schedule_files(self) -> Iterator[Component]:
        root = self.index.root
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info"))
            in_cron_d = Path(dirpath).name == "cron.d"
            for name in sorted(filenames):
                path = Path(dirpath) / name
                rel = path.relative_to(root).as_posix()
                if name == "crontab" or name.endswith(_SCHEDULE_EXT) or in_cron_d:
                    text = _read_text(path)
                    if text is not None:
                        yield from self._crontab(rel, text, system=in_cron_d)
                elif name.endswith(_YAML_EXT):
                    text = _read_text(path, limit=2_000_000)
                    if text is not None and re.search(r"^\s*kind:\s*['\"]?CronJob\b", text, re.M):
                        yield from self._k8s(rel, text)

    def _invocation(self, text: str) -> _Target | None:
        """The command / module a shell command line runs, if it is a Django command or a Python module."""
        mm = re.search(r"(?:manage\.py|django-admin(?:\.py)?)\s+(?:-{1,2}[\w-]+(?:[= ]\S+)?\s+)*([A-Za-z_][\w-]*)",
                       text)
        if mm:
            return self._command_target(mm.group(1))
        mm = re.search(r"\bpython[\d.]*\s+(?:-[A-Za-z]+\s+)*-m\s+([A-Za-z_][\w.]*)", text)
        if mm:
            return self._module_target(mm.group(1))
        mm = re.search(r"\bpython[\d.]*\s+(?:-[A-Za-z]+\s+)*(\S+\.py)\b", text)
        if mm:
            rel = mm.group(1)
            for path, info in self.index.by_path.items():
                if rel.endswith(path) or path.endswith(rel.lstrip("./")):
                    return self._module_target(info.module)
        return None

    def _module_target(self, module: str) -> _Target:
        info = self.index.modules.get(module) or self.index.modules.get(f"{module}.__main__")
        if info is not None:
            main = self.index.modules.get(f"{module}.__main__") or info
            for comp in self.by_file.get(main.path, []):
                if comp.type in ("cli-tool", "pyspark-job"):
                    return _Target(module, "module", comp)
            fn = next((main.functions[n] for n in ("main", "run") if n in main.functions), None)
            return _Target(module, "module", None, fn)
        return _Target(module, "module")

    def _crontab(self, rel: str, text: str, system: bool) -> Iterator[Component]:
        for lineno, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#") or re.match(r"^[A-Za-z_][A-Za-z0-9_]*\s*=", line):
                continue
            if line.startswith("@"):
                parts = line.split(None, 1)
                spec, rest = parts[0], parts[1] if len(parts) > 1 else ""
            else:
                parts = line.split(None, 5)
                if len(parts) < 6:
                    continue
                spec, rest = " ".join(parts[:5]), parts[5]
            if system:  # /etc/cron.d lines carry a user name before the command
                rest = rest.split(None, 1)[1] if len(rest.split(None, 1)) > 1 else ""
            target = self._invocation(rest)
            if target is None:
                continue
            key = target.name
            yield self._schedule_component("crontab", key, target, None, rel, lineno,
                                           [("schedule", spec), ("command", rest.strip()[:200])],
                                           (f"{rel}:{lineno}",))

    def _k8s(self, rel: str, text: str) -> Iterator[Component]:
        import yaml

        try:
            docs = list(yaml.safe_load_all(text))
        except yaml.YAMLError:
            return
        lines = text.splitlines()
        for doc in docs:
            if not isinstance(doc, dict) or doc.get("kind") != "CronJob":
                continue
            meta = doc.get("metadata") or {}
            name = str(meta.get("name") or "") if isinstance(meta, dict) else ""
            spec = doc.get("spec") or {}
            schedule = str(spec.get("schedule", "")) if isinstance(spec, dict) else ""
            pod = _dig(spec, "jobTemplate", "spec", "template", "spec") or {}
            containers = [*(pod.get("containers") or []), *(pod.get("initContainers") or [])] \
                if isinstance(pod, dict) else []
            for container in containers:
                if not isinstance(container, dict):
                    continue
                argv = [*_as_list(container.get("command")), *_as_list(container.get("args"))]
                cmdline = " ".join(str(a) for a in argv)
                target = self._invocation(cmdline)
                if target is None:
                    continue
                line = _find_line(lines, name) if name else 1
                key = name or target.name
                yield self._schedule_component("k8s-cronjob", key, target, None, rel, line,
                                               [("schedule", schedule), ("command", cmdline[:200]),
                                                ("container", str(container.get("name", "")))])


def _attr_name(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return None


def _is_main_guard(stmt: ast.stmt) -> bool:
    if not isinstance(stmt, ast.If) or not isinstance(stmt.test, ast.Compare):
        return False
    parts = [stmt.test.left, *stmt.test.comparators]
    return any(isinstance(p, ast.Name) and p.id == "__name__" for p in parts) and any(
        isinstance(p, ast.Constant) and p.value == "__main__" for p in parts)


def _chain_ends_in_session(expr: ast.expr) -> bool:
    """``SparkSession.builder....getOrCreate()`` / ``SparkContext(...)``, not ``sc.parallelize(...).count()``."""
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Attribute):
            return func.attr in ("getOrCreate", "create", "newSession") or func.attr[:1].isupper()
        return isinstance(func, ast.Name) and func.id[:1].isupper()
    return isinstance(expr, ast.Attribute) and expr.attr in ("builder",)


def _chain_root(expr: ast.expr) -> str | None:
    """The variable a method chain starts from: ``b`` for ``b.master(m).getOrCreate()``."""
    while True:
        if isinstance(expr, ast.Call):
            expr = expr.func
        elif isinstance(expr, ast.Attribute):
            expr = expr.value
        else:
            return expr.id if isinstance(expr, ast.Name) else None


def _entry_rank(fn: FunctionInfo) -> tuple[int, int]:
    order = {"run": 0, "main": 1}
    return (order.get(fn.symbol, 2), fn.line)


def _read_text(path: Path, limit: int = 1_000_000) -> str | None:
    try:
        if path.stat().st_size > limit:
            return None
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _dig(obj: object, *keys: str) -> object:
    for k in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(k)
    return obj


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _find_line(lines: list[str], name: str) -> int:
    for i, line in enumerate(lines, 1):
        if re.match(rf"^\s*name:\s*['\"]?{re.escape(name)}['\"]?\s*$", line):
            return i
    return 1
