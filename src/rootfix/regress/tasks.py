"""Regression tests for worker tasks: replay the project's tests that run a task, with a failure injected
(``TaskReplay(mode="inject")``: the W1 retry rules) or with the task watched (``mode="watch"``: the W2
connection and W6 memory rules), and check what the task did.

:func:`scenarios_for` finds the project's tests that run a task (directly, ``.delay()``, ``.apply()``, or
through project code and ``call_command``); the module text comes from ``templates/task_inject.py.tmpl`` and
``templates/task_watch.py.tmpl``; when no test runs the task, an injected-failure test runs it once on
generated data (:mod:`rootfix.regress.generated_run`).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rootfix.discover.index import ModuleInfo, walk_body
from rootfix.project.model import is_test_module
from rootfix.regress.layout import regression_test_path
from rootfix.regress.render import render

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex
    from rootfix.rules.base import TaskReplay

#: a worker task as ``rootfix.rules.worker._w1common.TaskInfo`` describes it (fn, kind, bound, self_name)
TaskInfo = Any

@dataclass(frozen=True)
class Scenario:
    """A project test that runs a task: a pytest function or a TestCase method."""

    file: str
    module: str  # import name of the test module
    name: str  # function name, or method name
    class_name: str | None = None
    fixtures: tuple[str, ...] = ()  # module-level fixtures of its own module it may need


def _is_test_file(path: str) -> bool:
    return is_test_module(path) and "test_rootfix_" not in path


def _import_name(index: "RepoIndex", info: ModuleInfo) -> str:
    """The module name pytest will import a test file under (rootdir-relative package, or basename)."""
    parts = info.path[:-3].split("/")
    # walk up while the folders are packages
    pkg_parts = [parts[-1]]
    for i in range(len(parts) - 1, 0, -1):
        folder = "/".join(parts[:i])
        if f"{folder}/__init__.py" in index.by_path:
            pkg_parts.insert(0, parts[i - 1])
        else:
            break
    return ".".join(pkg_parts)


def _fixture_names(info: ModuleInfo) -> set[str]:
    out = set()
    for stmt in info.tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for d in stmt.decorator_list:
                target = d.func if isinstance(d, ast.Call) else d
                text = ast.unparse(target)
                if text.endswith("fixture"):
                    out.add(stmt.name)
    return out


def _references(index: "RepoIndex") -> dict[str, set[str]]:
    """dotted name -> qualnames of the non-test project functions that refer to it or call it (cached)."""
    cached = index.__dict__.get("_rootfix_w1_refs")
    if cached is not None:
        return cached
    out: dict[str, set[str]] = {}
    for fn in index.functions.values():
        if _is_test_file(fn.file):
            continue
        info = index.module_of(fn)
        for node in walk_body(fn.node):
            if isinstance(node, ast.Name) or (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
                dotted = index.resolve(info, node)
                if dotted and "." in dotted:
                    out.setdefault(index._follow_reexport(dotted), set()).add(fn.qualname)
        for callee, _call in index.callees(fn):
            out.setdefault(callee.qualname, set()).add(fn.qualname)
    index.__dict__["_rootfix_w1_refs"] = out
    return out


_COMMAND_FILE = re.compile(r"(^|/)management/commands/([A-Za-z_]\w*)\.py$")


def _entry_points(index: "RepoIndex", wanted: set[str], max_depth: int = 3) -> tuple[set[str], set[str]]:
    """Project functions from which ``wanted`` is reached (they call it, ``.delay()`` it, or call such a
    function), up to ``max_depth`` steps, and the names of management commands among them."""
    refs = _references(index)
    entries: set[str] = set()
    commands: set[str] = set()
    frontier = set(wanted)
    for _ in range(max_depth):
        nxt: set[str] = set()
        for name in frontier:
            for caller in refs.get(name, ()):
                if caller in entries or caller in wanted:
                    continue
                entries.add(caller)
                nxt.add(caller)
                fn = index.functions.get(caller)
                m = _COMMAND_FILE.search(fn.file) if fn else None
                if fn is not None and m and fn.class_name == "Command":
                    commands.add(m.group(2))
        frontier = nxt
    return entries, commands


def scenarios_for(index: "RepoIndex", task: TaskInfo, limit: int = 6) -> list[Scenario]:
    """The project's tests that run ``task``: the ones that reference it (call it, ``.delay()`` it,
    ``.apply()`` it) first, then the ones that reach it through project code (a service that enqueues
    it, ``call_command()`` of a management command that runs it)."""
    wanted = {task.fn.qualname}
    if task.kind == "class" and task.fn.class_name:
        wanted.add(f"{task.fn.module}.{task.fn.class_name}")
    entries, commands = _entry_points(index, wanted)
    found: list[tuple[int, Scenario]] = []
    for path, info in sorted(index.by_path.items()):
        if not _is_test_file(path):
            continue
        fixtures = _fixture_names(info)
        for sym, fn in info.functions.items():
            if not fn.node.name.startswith("test"):
                continue
            if fn.class_name is not None and not fn.class_name.startswith("Test") and not _looks_testcase(index, info, fn.class_name):
                continue
            rank = None
            for node in walk_body(fn.node):
                if isinstance(node, (ast.Name, ast.Attribute)):
                    dotted = index._follow_reexport(index.resolve(info, node) or "")
                    if dotted in wanted:
                        rank = 0
                        break
                    if dotted in entries:
                        rank = 1
                elif isinstance(node, ast.Call) and commands and node.args \
                        and isinstance(node.args[0], ast.Constant) and node.args[0].value in commands \
                        and (index.resolve(info, node.func) or "").endswith("call_command"):
                    rank = 1
            if rank is not None:
                found.append((rank, Scenario(path, _import_name(index, info), fn.node.name, fn.class_name,
                                             tuple(sorted(fixtures)))))
    # direct ones first, pytest functions (no class plumbing) before TestCase methods, then file order
    found.sort(key=lambda rs: (rs[0], rs[1].class_name is not None))
    return [s for _, s in found][:limit]


def _looks_testcase(index: "RepoIndex", info: ModuleInfo, class_name: str) -> bool:
    cls = info.classes.get(class_name)
    if cls is None:
        return False
    return any((index.resolve(info, b) or "").endswith(("TestCase", "TransactionTestCase", "SimpleTestCase"))
               for b in cls.bases)


def _task_imports(index: "RepoIndex", task: TaskInfo, scenarios: list[Scenario], extra_imports: str) -> str:
    """Imports of a generated test module: the task (as ``_TASK``), the scenarios' modules and fixtures."""
    fn = task.fn
    if task.kind == "class":
        task_import = f"from {fn.module} import {fn.class_name} as _TASK_CLASS\n"
        task_expr = "_TASK = _registered(_TASK_CLASS)"
    else:
        task_import = f"from {fn.module} import {fn.node.name} as _TASK\n"
        task_expr = ""
    modules = sorted({s.module for s in scenarios})
    imports = task_import
    for m in modules:
        alias = "_scenarios_" + re.sub(r"\W", "_", m)
        imports += f"import {m} as {alias}\n"
    fixture_imports = sorted({(s.module, f) for s in scenarios for f in s.fixtures})
    for m, f in fixture_imports:
        imports += f"from {m} import {f}  # noqa: F401  (fixture used by the replayed tests)\n"
    if extra_imports:
        imports += extra_imports
    if task.kind == "class":
        imports += (
            "\n\ndef _registered(cls):\n"
            "    from celery import current_app\n\n"
            "    for registered in current_app.tasks.values():\n"
            "        if isinstance(registered, cls):\n"
            "            return registered\n"
            "    return current_app.register_task(cls())\n\n\n"
            f"{task_expr}\n"
        )
    return imports.rstrip("\n")


def _scenario_tests(scenarios: list[Scenario], prefix: str, runner: str = "_replayed") -> str:
    """One test per scenario, each running the project's test through ``runner(call_scenario)``."""
    body = ""
    seen: set[str] = set()
    for s in scenarios:
        alias = "_scenarios_" + re.sub(r"\W", "_", s.module)
        name = f"{prefix}_{s.name}"
        if name in seen:
            continue
        seen.add(name)
        if s.class_name is None:
            body += (
                f"\n\n@functools.wraps({alias}.{s.name})\n"
                f"def {name}(*args, **kwargs):\n"
                f"    {runner}(lambda: {alias}.{s.name}(*args, **kwargs))\n"
                # the test's own marks came with wraps(); its module's (``pytestmark = django_db``) did not
                f"\n\n{name}.pytestmark = [*getattr({name}, 'pytestmark', []), "
                f"*(lambda m: m if isinstance(m, list) else [m])(getattr({alias}, 'pytestmark', []))]\n"
            )
        else:
            cls = f"{alias}.{s.class_name}"
            body += (
                f"\n\nclass RootfixReplay{s.class_name}_{s.name}({cls}):\n"
                f"    def {name}(self):\n"
                f"        {runner}(lambda: {cls}.{s.name}(self))\n\n\n"
                f"for _name in dir(RootfixReplay{s.class_name}_{s.name}):\n"
                f"    if _name.startswith('test') and _name != {name!r}:\n"
                f"        setattr(RootfixReplay{s.class_name}_{s.name}, _name, None)  # run only the replay\n"
            )
    return body


def replay_test(index: "RepoIndex", task: TaskInfo, *, code: str, rule: str, doc: str, target: str,
                injected: str, inject_body: str, check: str, extra_imports: str = "",
                extra_patches: str = "", extra_with: str = "", test_prefix: str | None = None,
                run_attr: str = "run") -> tuple[str, str] | None:
    """A test module replaying the project's tests that run ``task`` (see the module docstring)."""
    scenarios = scenarios_for(index, task)
    generated = None
    if not scenarios or task.framework != "celery":
        # also beside the project's tests for a Dramatiq/Huey/RQ task: tests of such projects often stub the
        # very client method whose failure is injected, so that none of them reaches it
        generated = _generated_scenario(index, task, test_prefix or f"test_rootfix_{code.lower()}")
        if generated is None and not scenarios:
            return None
    fn = task.fn
    imports = _task_imports(index, task, scenarios, extra_imports)
    if generated is not None:
        imports += "\n" + generated[0]
    body = render(("task_inject",), dict(
        code=code, rule=rule, where=f"{fn.file}::{fn.symbol}", doc=doc, imports=imports,
        target=target, target_repr=repr(target), injected=injected, inject_body=inject_body,
        extra_patches=extra_patches, extra_with=extra_with, check=check, run_attr=run_attr), pytest_style=True)
    if scenarios:
        body += _scenario_tests(scenarios, test_prefix or f"test_rootfix_{code.lower()}")
    if generated is not None:
        body += generated[1]
    path = regression_test_path(index, code, fn.symbol)
    return path, body


def _generated_scenario(index: "RepoIndex", task: TaskInfo, prefix: str) -> tuple[str, str] | None:
    """When no project test runs the task: (imports + helpers, a TestCase running it once with generated
    arguments, on the test database). None when the task's arguments cannot be generated."""
    from rootfix.regress.generated_run import build_helpers, call_plan

    plan = call_plan(index, task.fn, bound_task=task.bound)
    if plan is None:
        return None
    helpers = "from django.test import TestCase\n" + "\n".join(plan.imports) + "\n" + build_helpers(plan)
    args = "".join(f"{a}, " for a in plan.args)
    kwargs = ", ".join(f"{k!r}: {v}" for k, v in plan.kwargs)
    body = (
        "\n\nclass RootfixGeneratedRun(TestCase):\n"
        "    \"\"\"The task run once on generated data, as its worker runs it.\"\"\"\n\n"
        f"    def {prefix}_generated_run(self):\n"
        f"        args = ({args})\n"
        f"        kwargs = {{{kwargs}}}\n"
        f"        _replayed(lambda: {_direct_run(task)})\n"
    )
    return helpers, body


def _direct_run(task: TaskInfo) -> str:
    """How a test runs ``task`` in its own process with ``args``/``kwargs``, as its worker would."""
    if task.framework == "celery":
        return "_TASK.apply(args=args, kwargs=kwargs)"
    if task.framework == "huey":
        return "_TASK.call_local(*args, **kwargs)"
    return "_TASK(*args, **kwargs)"  # a Dramatiq actor runs its function when called; an RQ job is one




def watch_test(index: "RepoIndex", task: TaskInfo, *, code: str, rule: str, doc: str, watched: str, setup: str,
               check: str, symbol: str | None = None, extra_imports: str = "") -> tuple[str, str] | None:
    """A test module replaying the project's tests that run ``task`` inside ``_watching(task)``.

    ``setup`` defines ``_reset()`` and the context manager ``_watching(task)`` (the instrumentation);
    ``check`` (indented, after the scenario ran) skips when the scenario did not reach the code in
    question and asserts the invariant otherwise. None when no project test runs the task.
    """
    scenarios = scenarios_for(index, task)
    if not scenarios:
        return None
    fn = task.fn
    imports = _task_imports(index, task, scenarios, extra_imports)
    body = render(("task_watch",), dict(code=code, rule=rule, where=f"{fn.file}::{symbol or fn.symbol}", doc=doc,
                                        task=fn.symbol, watched=watched, imports=imports,
                                        setup=setup.strip("\n"), check=check), pytest_style=True)
    body += _scenario_tests(scenarios, f"test_rootfix_{code.lower()}")
    return regression_test_path(index, code, symbol or fn.symbol), body


def task_test(index: "RepoIndex", code: str, spec: "TaskReplay") -> tuple[str, str] | None:
    """The test module a :class:`~rootfix.rules.base.TaskReplay` describes (None when no test runs the task
    and, for an injected failure, none can be generated)."""
    if spec.mode == "watch":
        setup = spec.setup
        if spec.setup_template:
            setup = render((spec.setup_template,), dict(spec.setup_params), pytest_style=True) or ""
        found = watch_test(index, spec.task, code=code, rule=spec.rule, doc=spec.doc, watched=spec.watched,
                           setup=setup, check=spec.check, symbol=spec.symbol, extra_imports=spec.extra_imports)
        if found is None and spec.generate:
            return _generated_watch(index, spec.task, spec.symbol, setup, spec.check, code)
        return found
    return replay_test(index, spec.task, code=code, rule=spec.rule, doc=spec.doc, target=spec.target,
                       injected=spec.injected, inject_body=spec.inject_body, check=spec.check,
                       extra_imports=spec.extra_imports, extra_patches=spec.extra_patches,
                       extra_with=spec.extra_with, test_prefix=spec.test_prefix, run_attr=spec.run_attr)


def _generated_watch(index: "RepoIndex", task: TaskInfo, symbol: str, setup: str, check: str,
                     code: str) -> tuple[str, str] | None:
    """No project test runs the task: run it once on the test database, with a row of every model its
    code queries (built from the models' fields or the project's factories), watching how the site
    loads its queryset."""
    import re

    from rootfix.project import values as V
    from rootfix.regress import scenario

    if task.kind == "class":
        return None
    call_args = scenario.call_arguments(index, task.fn)
    if call_args is None:
        return None
    rows: list[str] = []
    for reached in V.reachable(index, task.fn):
        for row in scenario.rows_needed(index, reached):
            if row not in rows:
                rows.append(row)
    target, _aliases = scenario._target_spec(index, task.fn)
    call = f"_target_module.{target[1]}(" + ", ".join(f"{n}={e}" for n, e in call_args) + ")"
    body = [
        f'"""Generated by rootfix for {code}: no test of the project runs the task {task.fn.symbol}, so this one',
        f"builds a row of every model its code queries and runs it once, watching how {symbol} loads them.",
        '"""',
        "import os",
        "import sys",
        "from unittest import mock",
        "",
        "import pytest",
        "",
        f"import {target[0]} as _target_module",
        "",
        "",
        scenario._BUILD_HELPERS.format(factories=scenario.project_factories(index)).strip("\n"),
        "",
        "",
        setup.strip("\n"),
        "",
        "",
        "@pytest.mark.django_db",
        f"def test_rootfix_{code.lower()}_{re.sub(r'[^a-z0-9]+', '_', symbol.lower())}_generated():",
        *(f"    {row}" for row in rows),
        "    _reset()",
        "    with _watching(None):",
        f"        {call}",
        check.rstrip("\n"),
    ]
    return regression_test_path(index, code, symbol), "\n".join(body) + "\n"
