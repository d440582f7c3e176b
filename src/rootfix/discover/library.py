"""Components of a reusable app or library: code that runs inside *someone else's* project.

A reusable Django app has no ``manage.py`` project around it; what its users report bugs in are
its own classes and hooks:

- **beat schedulers** (``celery.beat.Scheduler`` subclasses, ``-S app.schedulers:DbScheduler``) and
  their schedule entries -> ``scheduled-job`` / ``beat-scheduler``;
- **signal receivers** (``@receiver(post_save, sender=...)``, ``post_save.connect(fn, ...)``) ->
  ``signal-receiver``;
- **model save logic** (``save()`` / ``delete()`` overrides on ``models.Model`` subclasses) ->
  ``model-method``.

Signal receivers and model methods run in whatever process saves the model; they are typed as the
app's main kind of runtime (a scheduler app's as ``scheduled-job``, a task app's as
``background-worker``, else ``cli-tool``), and a report of another type still resolves to them by
name. Only used for a library (:func:`is_library`: projects keep their own inventory). Tasks and
management commands of the app are found by the ordinary discovery.
"""
from __future__ import annotations

import ast
import re
from pathlib import PurePosixPath
from typing import Iterable

from rootfix.types import Component

from .index import ModuleInfo, RepoIndex
from rootfix.discover.walk import walk_tree

__all__ = ["is_library", "library_components", "NOT_COMPONENTS"]

#: Root files that run tests or packaging, never a component.
NOT_COMPONENTS = frozenset({"runtests.py", "setup.py", "noxfile.py", "fabfile.py", "conftest.py", "docs/conf.py"})

_SCHEDULER_BASES = frozenset({"celery.beat.Scheduler", "celery.beat.PersistentScheduler"})
_ENTRY_BASES = frozenset({"celery.beat.ScheduleEntry"})
_MODEL_BASES = frozenset({"django.db.models.Model", "django.db.models.base.Model"})
_RECEIVER = frozenset({"django.dispatch.receiver", "django.dispatch.dispatcher.receiver"})
_SAVE_METHODS = ("save", "delete")


_TEST_PROJECT = re.compile(r"""DJANGO_SETTINGS_MODULE["']\s*,\s*["']((?:t|tests?|testapp|testproj|example|sandbox)"""
                           r"""(?:\.[\w.]+)?)["']""")
_PACKAGED = ("setup.py", "setup.cfg", "pyproject.toml")


def is_library(index: RepoIndex) -> bool:
    """A reusable app or library rather than a project.

    No ``manage.py`` at the root; or one that only runs the app's test project (its settings under
    ``t/``, ``tests/``, ``testapp/``, ``example/``...) in a packaged repository (setup.py, setup.cfg,
    pyproject.toml), as django-celery-beat has.
    """
    manage = index.root / "manage.py"
    if not manage.is_file():
        return True
    if not any((index.root / name).is_file() for name in _PACKAGED):
        return False
    try:
        text = manage.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _TEST_PROJECT.search(text) is not None


def _is_test(path: str) -> bool:
    from .components import is_test_path

    return is_test_path(path)


def _subclasses(index: RepoIndex, info: ModuleInfo, cls: ast.ClassDef, bases: frozenset[str],
                depth: int = 0) -> bool:
    """Whether ``cls`` derives (through project classes) from one of ``bases``."""
    if depth > 6:
        return False
    for b in cls.bases:
        dotted = index.resolve(info, b) or ""
        if dotted in bases:
            return True
        found = index.lookup_class(dotted) if dotted else None
        if found is not None and found[1] is not cls and _subclasses(index, found[0], found[1], bases, depth + 1):
            return True
    return False


def _classes(index: RepoIndex) -> Iterable[tuple[ModuleInfo, ast.ClassDef]]:
    for path, info in sorted(index.by_path.items()):
        if _is_test(path):
            continue
        for cls in info.classes.values():
            yield info, cls


def _signal_name(index: RepoIndex, info: ModuleInfo, expr: ast.expr) -> str:
    dotted = index.resolve(info, expr) or ""
    return dotted.rsplit(".", 1)[-1] if dotted else ast.unparse(expr)


def _receivers(index: RepoIndex) -> list[tuple[ModuleInfo, str, int, str, str]]:
    """(module, function symbol, line, signal, sender) for each receiver of the app."""
    out: list[tuple[ModuleInfo, str, int, str, str]] = []
    for path, info in sorted(index.by_path.items()):
        if _is_test(path):
            continue
        for node in walk_tree(info.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for dec in node.decorator_list:
                    if isinstance(dec, ast.Call) and (index.resolve(info, dec.func) or "") in _RECEIVER and dec.args:
                        sigs = dec.args[0].elts if isinstance(dec.args[0], (ast.List, ast.Tuple)) else [dec.args[0]]
                        sender = next((ast.unparse(k.value) for k in dec.keywords if k.arg == "sender"), "")
                        for sig in sigs:
                            out.append((info, node.name, node.lineno, _signal_name(index, info, sig), sender))
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
                  and node.args and isinstance(node.args[0], (ast.Name, ast.Attribute))):
                target = index.resolve(info, node.args[0]) or ""
                fn = index.lookup_function(target)
                if fn is None:
                    continue
                sig = _signal_name(index, info, node.func.value)
                if not any(w in sig.lower() for w in ("save", "delete", "change", "signal", "request", "migrate",
                                                       "m2m", "init", "ready", "task", "beat", "worker")):
                    continue
                sender = next((ast.unparse(k.value) for k in node.keywords if k.arg == "sender"), "")
                out.append((index.modules.get(fn.module) or info, fn.symbol, fn.line, sig, sender))
    return out


def _name(info: ModuleInfo, symbol: str) -> str:
    return f"{info.module}.{symbol}"


def library_components(index: RepoIndex, found: Iterable[Component]) -> list[Component]:
    """The components of a reusable app beyond its tasks and commands (``found``)."""
    found = list(found)
    out: list[Component] = []
    schedulers: list[Component] = []
    entries: dict[str, str] = {}
    for info, cls in _classes(index):
        if _subclasses(index, info, cls, _ENTRY_BASES):
            entries[_name(info, cls.name)] = info.path
    for info, cls in _classes(index):
        if not _subclasses(index, info, cls, _SCHEDULER_BASES):
            continue
        qual = _name(info, cls.name)
        details: list[tuple[str, str]] = [("class", qual), ("started_by", f"celery beat -S {info.module}:{cls.name}")]
        for stmt in cls.body:  # Entry = ReminderEntry
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, (ast.Name, ast.Attribute)):
                dotted = index.resolve(info, stmt.value) or ""
                if dotted in entries:
                    details.append(("entry", dotted))
        schedulers.append(Component(
            "scheduled-job", "beat-scheduler", qual,
            (f"{info.module}:{cls.name}", cls.name, f"{PurePosixPath(info.path).stem}.{cls.name}"),
            info.path, cls.name, cls.lineno, details=tuple(details)))
    out += schedulers
    types = {c.type for c in found}
    runtime = ("scheduled-job" if schedulers or "scheduled-job" in types
               else "background-worker" if "background-worker" in types else "cli-tool")
    receivers: dict[tuple[str, str], tuple[ModuleInfo, int, list[str], list[str]]] = {}
    for info, symbol, line, signal, sender in _receivers(index):
        entry = receivers.setdefault((info.path, symbol), (info, line, [], []))
        if signal not in entry[2]:
            entry[2].append(signal)
        if sender and sender not in entry[3]:
            entry[3].append(sender)
    for (path, symbol), (info, line, signals, senders) in receivers.items():
        details = (("signal", ", ".join(signals)),) + ((("sender", ", ".join(senders)),) if senders else ())
        out.append(Component(runtime, "signal-receiver", _name(info, symbol), (f"{info.module}:{symbol}", symbol),
                             path, symbol, line, details=details))
    for info, cls in _classes(index):
        if not _subclasses(index, info, cls, _MODEL_BASES):
            continue
        for stmt in cls.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in _SAVE_METHODS:
                symbol = f"{cls.name}.{stmt.name}"
                out.append(Component(runtime, "model-method", _name(info, symbol),
                                     (f"{info.module}:{symbol}", symbol), info.path, symbol, stmt.lineno,
                                     details=(("model", _name(info, cls.name)),)))
    return out
