"""Scenario replay: regression tests built from the project's own tests plus an invariant.

A rule knows *what* must hold (a job is never published inside an open transaction; a concurrent
increment survives); the project's tests know *how* to get the code there (fixtures, data, the
calls that reach the buggy function). Scenario replay combines the two:

1. :func:`find_scenarios` finds, statically, the existing tests that exercise a target function —
   they call it, or call something that reaches it (a project helper, a task by direct call,
   ``.delay()`` / ``.apply()`` / ``.apply_async()``, or a management command by
   ``call_command("name")``) — ranked by directness (how many calls away the target is);
2. :func:`replay_module` writes a new test module next to them, in their style, that re-runs those
   tests with an :class:`Invariant` installed: pytest tests are imported by name (with the fixtures
   their module defines; conftest fixtures apply because the module sits in the same folder) and an
   autouse fixture installs the invariant; ``TestCase`` classes are subclassed (tests that do not
   reach the target are switched off) with the invariant installed in ``setUp``;
3. when no test reaches the target, :func:`replay_test` returns None (the caller may write a direct test).

``replay_test(index, targets, invariant, code=..., symbol=...)`` does all three and returns
``(path, source)``, what :func:`rootfix.regress.regression_test` returns for a rule's
:class:`~rootfix.rules.base.Replay`. The invariants a rule can name (:class:`~rootfix.rules.base.InvariantRef`)
are defined here too (:func:`resolve_invariant`); a rule may also build its own :class:`Invariant`.
"""
from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable

from rootfix.regress.layout import regression_test_path
from rootfix.rules.base import Invariant, InvariantRef
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

_TEST_FILE = re.compile(r"(^|/)(test_[^/]*|[^/]*_test|tests)\.py$")


@dataclass(frozen=True)
class Scenario:
    """An existing test that reaches the target."""

    path: str  # repo-relative test module
    module: str  # its import name (as pytest imports it)
    name: str  # function name, or Class.method
    style: str  # "pytest" | "unittest" | "pytest-class"
    distance: int  # 0: calls the target itself; n: n helpers in between
    via: tuple[str, ...] = ()  # qualnames from the test to the target

    @property
    def class_name(self) -> str | None:
        return self.name.split(".")[0] if "." in self.name else None


# --------------------------------------------------------------------------- finding scenarios
def is_test_module(path: str) -> bool:
    return bool(_TEST_FILE.search(path)) and not path.endswith("conftest.py")


def _import_name(index: "RepoIndex", info: "ModuleInfo") -> str:
    """How pytest (rootdir/prepend import mode) imports the module: packages up to the first
    folder without ``__init__.py``."""
    parts = info.path[:-3].split("/")
    pkg: list[str] = [parts[-1]]
    for i in range(len(parts) - 1, 0, -1):
        folder = "/".join(parts[:i])
        if f"{folder}/__init__.py" in index.by_path or (index.root / folder / "__init__.py").exists():
            pkg.insert(0, parts[i - 1])
        else:
            break
    return ".".join(pkg)


def _command_handle(index: "RepoIndex", name: str) -> "FunctionInfo | None":
    for path, info in index.by_path.items():
        if path.endswith(f"/management/commands/{name}.py"):
            return info.functions.get("Command.handle")
    return None


def _extra_edges(index: "RepoIndex", fn: "FunctionInfo") -> list["FunctionInfo"]:
    """Calls ``index.callees`` does not see: tasks run by ``.delay/.apply/.apply_async`` (eager in
    tests), management commands run by ``call_command`` and model-signal receivers set off by saves."""
    from rootfix.rules.worker._enqueue import receivers_triggered, task_of

    module = index.module_of(fn)
    out = list(receivers_triggered(index, fn))
    for node in walk_tree(fn.node):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("delay", "apply", "apply_async", "s", "si"):
            task = task_of(index, module, func.value)
            if task is not None and task.fn is not None:
                out.append(task.fn)
        dotted = index.resolve(module, func) or ""
        if dotted.endswith("call_command") and node.args and isinstance(node.args[0], ast.Constant):
            handle = _command_handle(index, str(node.args[0].value))
            if handle is not None:
                out.append(handle)
        if isinstance(func, ast.Attribute) and func.attr == "invoke" and len(node.args) >= 2:
            out.extend(_click_invoked(index, module, node.args[0], node.args[1], fn))
    return out


def _fixture_value(index: "RepoIndex", test: "FunctionInfo", name: str) -> str | None:
    """The dotted name a fixture the test requests returns: ``def cli_app(): from scripts.tool import app;
    return app`` -> ``scripts.tool.app`` (the app a ``runner.invoke(cli_app, [...])`` runs)."""
    params = {a.arg for a in test.node.args.args + test.node.args.kwonlyargs}
    fixture = _fixtures_visible(index, test.file).get(name) if name in params else None
    if fixture is None:
        return None
    fmodule = index.module_of(fixture)
    local: dict[str, str] = {}
    for node in walk_tree(fixture.node):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            local.update({(a.asname or a.name): f"{node.module}.{a.name}" for a in node.names})
    for node in walk_tree(fixture.node):
        if isinstance(node, (ast.Return, ast.Yield)) and isinstance(node.value, (ast.Name, ast.Attribute)):
            if isinstance(node.value, ast.Name) and node.value.id in local:
                return local[node.value.id]
            return index.resolve(fmodule, node.value)
    return None


def _click_invoked(index: "RepoIndex", module: "ModuleInfo", app: ast.expr, args: ast.expr,
                   caller: "FunctionInfo | None" = None) -> list["FunctionInfo"]:
    """The click / typer command ``CliRunner().invoke(app, ["import", ...])`` runs: the command ``app`` is,
    or the sub-command of the group (or Typer app) ``app`` the leading words of the arguments name. ``app``
    may be a fixture the test requests."""
    from rootfix.project.model import Project

    # a parameter of the test is a fixture's value, whatever the module binds to that name
    dotted = _fixture_value(index, caller, app.id) if isinstance(app, ast.Name) and caller is not None else None
    if not dotted and isinstance(app, (ast.Name, ast.Attribute)):
        dotted = index.resolve(module, app)
    if not dotted:
        return []
    words = []
    for elt in args.elts if isinstance(args, (ast.List, ast.Tuple)) else []:
        if not (isinstance(elt, ast.Constant) and isinstance(elt.value, str)) or elt.value.startswith("-"):
            break
        words.append(elt.value)
    owner = dotted.rpartition(".")[0]
    commands = [c for c in Project.of(index).components
                if c.flavor in ("click-command", "typer-command") and index.by_path.get(c.file) is not None
                and index.by_path[c.file].module == owner]
    direct = [c for c in commands if f"{owner}.{c.symbol}" == dotted]
    if direct:
        chosen = direct
    else:
        chosen = []
        for k in range(len(words), 0, -1):
            tail = words[:k]
            chosen = [c for c in commands if c.name.split()[-k:] == tail]
            if chosen:
                break
    found = [index.by_path[c.file].functions.get(c.symbol) for c in chosen[:1]]
    return [f for f in found if f is not None]


def _distance(index: "RepoIndex", start: "FunctionInfo", targets: set[str], max_depth: int,
              fixtures: dict[str, "FunctionInfo"]) -> tuple[int, tuple[str, ...]] | None:
    """BFS from a test (and the fixtures it requests) to any target."""
    params = [a.arg for a in start.node.args.args + start.node.args.kwonlyargs]
    frontier: list[tuple["FunctionInfo", tuple[str, ...]]] = [(start, (start.qualname,))]
    frontier += [(fixtures[p], (start.qualname, fixtures[p].qualname)) for p in params if p in fixtures]
    seen = {f.qualname for f, _ in frontier}
    for depth in range(0, max_depth + 1):
        nxt = []
        for fn, path in frontier:
            for callee in [c for c, _ in index.callees(fn)] + _extra_edges(index, fn):
                if callee.qualname in targets:
                    return depth, (*path, callee.qualname)
                if callee.qualname not in seen:
                    seen.add(callee.qualname)
                    nxt.append((callee, (*path, callee.qualname)))
        frontier = nxt
    return None


def _is_fixture(index: "RepoIndex", info: "ModuleInfo", fn: "FunctionInfo") -> bool:
    for deco in fn.node.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if (index.resolve(info, target) or "").endswith("fixture"):
            return True
    return False


def _fixtures_visible(index: "RepoIndex", test_path: str) -> dict[str, "FunctionInfo"]:
    """Fixtures of the test module and of the conftest files above it, by name."""
    out: dict[str, "FunctionInfo"] = {}
    folder = test_path.rpartition("/")[0]
    conftests = []
    while True:
        conftests.append(f"{folder}/conftest.py" if folder else "conftest.py")
        if not folder:
            break
        folder = folder.rpartition("/")[0]
    for path in [*reversed(conftests), test_path]:
        info = index.by_path.get(path)
        if info is None:
            continue
        for name, fn in info.functions.items():
            if "." not in name and _is_fixture(index, info, fn):
                out[name] = fn
    return out


def _unittest_class(index: "RepoIndex", info: "ModuleInfo", cls: ast.ClassDef, depth: int = 0) -> bool:
    if depth > 6:
        return False
    for base in cls.bases:
        dotted = index.resolve(info, base) or ""
        if dotted.startswith(("django.test", "unittest", "rest_framework.test")) or dotted.endswith("TestCase"):
            return True
        found = index.lookup_class(dotted) if dotted else None
        if found and _unittest_class(index, found[0], found[1], depth + 1):
            return True
    return False


def find_scenarios(index: "RepoIndex", targets: Iterable["FunctionInfo"], *, max_depth: int = 3,
                   limit: int = 12) -> list[Scenario]:
    """Existing tests that reach any of ``targets``, most direct first."""
    wanted = {t.qualname for t in targets}
    found: list[Scenario] = []
    for path in sorted(index.by_path):
        if not is_test_module(path):
            continue
        info = index.by_path[path]
        fixtures = _fixtures_visible(index, path)
        for symbol, fn in info.functions.items():
            leaf = symbol.split(".")[-1]
            if not leaf.startswith("test"):
                continue
            if fn.class_name:
                cls = info.classes[fn.class_name]
                style = "unittest" if _unittest_class(index, info, cls) else "pytest-class"
                if style == "pytest-class" and not fn.class_name.startswith("Test"):
                    continue
            else:
                style = "pytest"
            hit = _distance(index, fn, wanted, max_depth, fixtures if style != "unittest" else {})
            if hit is None:
                continue
            found.append(Scenario(path, _import_name(index, info), symbol, style, hit[0], hit[1]))
    found.sort(key=lambda s: (s.distance, s.path, s.name))
    return found[:limit]


# --------------------------------------------------------------------------- writing the module
def replay_module(index: "RepoIndex", scenarios: list[Scenario], invariant: Invariant, path: str) -> str:
    """The source of a test module re-running ``scenarios`` under ``invariant``."""
    header = [
        f'"""Replays existing tests with an invariant: {invariant.doc}',
        "",
        "Generated by rootfix from the project's own tests (scenario replay).",
        '"""',
    ]
    imports = ["import pytest", *invariant.imports]
    body: list[str] = []
    by_module: dict[str, list[Scenario]] = {}
    for s in scenarios:
        by_module.setdefault(s.module, []).append(s)
    needs_fixture = any(s.style != "unittest" for s in scenarios)
    marked: list[str] = []
    for n, (mod, group) in enumerate(by_module.items()):
        info = index.by_path[group[0].path]
        alias = f"_replayed_{n}"
        if any(s.class_name for s in group):
            imports.append(f"import {mod} as {alias}")
        funcs = sorted({s.name for s in group if s.style == "pytest"})
        if funcs:
            fixtures = sorted(name for name, fn in info.functions.items()
                              if "." not in name and _is_fixture(index, info, fn))
            names = sorted(set(fixtures) | set(funcs))
            # one entry per statement: the dedup below must not drop the ")" of a second module
            imports.append("\n".join([f"from {mod} import (  # noqa: F401 - fixtures and the replayed tests",
                                      *(f"    {name}," for name in names), ")"]))
            if "pytestmark" in info.assignments:
                # module-level marks (``pytestmark = pytest.mark.django_db(databases="__all__")``) belong to
                # the module: imported here, the tests would run without them
                imports.append(f"import {mod} as {alias}")
                marked.extend(f"{f} = _copy({f})\n{f}.pytestmark = _marks({alias}, {f})" for f in funcs)
        classes: dict[str, list[Scenario]] = {}
        for s in group:
            if s.class_name:
                classes.setdefault(s.class_name, []).append(s)
        for cls_name, members in sorted(classes.items()):
            keep = {s.name.split(".")[1] for s in members}
            all_tests = sorted(sym.split(".")[1] for sym in info.functions
                               if sym.startswith(f"{cls_name}.") and sym.split(".")[1].startswith("test"))
            new_name = f"{cls_name}{invariant.name}" if cls_name.startswith("Test") else f"Test{cls_name}{invariant.name}"
            body.append("")
            body.append("")
            body.append(f"class {new_name}({alias}.{cls_name}):")
            body.append(f'    """{cls_name}, replayed: {invariant.doc}"""')
            if members[0].style == "unittest":
                body.append("")
                body.append("    def setUp(self):")
                body.append("        super().setUp()")
                body.extend(textwrap.indent(textwrap.dedent(invariant.unittest_setup).strip("\n"), " " * 8)
                            .splitlines())
            off = [t for t in all_tests if t not in keep]
            if off:
                body.append("")
                body.append("    # these do not reach the code under test")
                body.extend(f"    {t} = None" for t in off)
    out = [*header, "", *dict.fromkeys(imports)]
    if invariant.helpers.strip():
        out += ["", "", textwrap.dedent(invariant.helpers).strip("\n")]
    if marked:
        from rootfix.regress.reaching import MARKS

        out += ["", MARKS.strip("\n"), "", "", *marked]
    if needs_fixture:
        out += ["", "", textwrap.dedent(invariant.pytest_fixture).strip("\n")]
    out += body
    return "\n".join(out) + "\n"


def replay_test(index: "RepoIndex", targets: list["FunctionInfo"], invariant: Invariant, *, code: str,
                symbol: str, max_depth: int = 3) -> tuple[str, str] | None:
    """``(path, source)`` of a replay module for ``targets``, or None when no test reaches them.

    Only scenarios from the folder of the most direct one are kept, so that the conftest fixtures
    they use apply to the new module, which is written into that folder.
    """
    scenarios = find_scenarios(index, targets, max_depth=max_depth)
    if "_commit_like_production" in invariant.helpers:
        # a test that captures the on_commit callbacks itself asserts that they are still pending: under an
        # invariant that runs them when the outermost block exits, as a real commit would, it fails by design
        scenarios = [s for s in scenarios if not _captures_on_commit(index, s)]
    if not scenarios:
        return None
    folder = scenarios[0].path.rpartition("/")[0]
    scenarios = [s for s in scenarios if s.path.rpartition("/")[0] == folder]
    path = regression_test_path(index, code, symbol)
    name = path.rpartition("/")[2]
    path = f"{folder}/{name}" if folder else name
    return path, replay_module(index, scenarios, invariant, path)


def _captures_on_commit(index: "RepoIndex", scenario: Scenario) -> bool:
    fn = index.by_path[scenario.path].functions.get(scenario.name)
    if fn is None:
        return False
    text = ast.unparse(fn.node)
    return "capture_on_commit_callbacks" in text or "captureOnCommitCallbacks" in text


# --------------------------------------------------------------------------- management commands
def command_scenarios(index: "RepoIndex", command: str) -> list[Scenario]:
    """Project tests that run the management command ``command``. :func:`find_scenarios` follows
    ``call_command("name")`` with a literal name; project tests often go through a helper
    (``run("import_donations", path)`` calling ``call_command(*args)``), so here a test counts when it names
    the command in a string literal and its module calls ``call_command``."""
    out = []
    name, _, sub = command.partition(" ")  # "stores move": a click sub-command the command runs
    for path in sorted(index.by_path):
        info = index.by_path[path]
        if not is_test_module(path) or "call_command" not in info.source:
            continue
        # a module helper that runs the command (``def run(*args): call_command("stores", *args)``) names
        # it for the tests that call the helper
        helpers = {s for s, f in info.functions.items() if not s.split(".")[-1].startswith("test")
                   and any(isinstance(n, ast.Constant) and n.value == name for n in walk_tree(f.node))}
        for symbol, fn in info.functions.items():
            if not symbol.split(".")[-1].startswith("test"):
                continue
            literals = {n.value for n in walk_tree(fn.node) if isinstance(n, ast.Constant)}
            called = {n.func.id for n in walk_tree(fn.node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
            if not (name in literals or called & helpers):
                continue
            if sub and sub.split()[0] not in literals:
                continue
            if fn.class_name:
                style = "unittest" if _unittest_class(index, info, info.classes[fn.class_name]) else "pytest-class"
                if style == "pytest-class" and not fn.class_name.startswith("Test"):
                    continue
            else:
                style = "pytest"
            out.append(Scenario(path, _import_name(index, info), symbol, style, 1))
    return out


def command_replay(index: "RepoIndex", targets: list["FunctionInfo"], command: str | None, invariant: Invariant,
                   *, code: str, symbol: str) -> tuple[str, str] | None:
    """Like :func:`replay_test`, also counting tests that run ``command`` by name (:func:`command_scenarios`)."""
    scenarios = find_scenarios(index, targets)
    if command:
        known = {(s.path, s.name) for s in scenarios}
        scenarios += [s for s in command_scenarios(index, command) if (s.path, s.name) not in known]
    if not scenarios:
        return None
    folder = scenarios[0].path.rpartition("/")[0]
    scenarios = [s for s in scenarios if s.path.rpartition("/")[0] == folder][:12]
    name = regression_test_path(index, code, symbol).rpartition("/")[2]
    path = f"{folder}/{name}" if folder else name
    return path, replay_module(index, scenarios, invariant, path)


# --------------------------------------------------------------------------- invariants
_DB_FIRST = '''
def _database_first(request):
    """Set the test database up before the invariant (and so tear it down after)."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    elif "django_db" in request.keywords or "db" in request.fixturenames:
        request.getfixturevalue("db")
'''

_PUBLISH_HELPERS = '''
class _PublishRecorder:
    """Records, for every job published, how many atomic blocks deeper than the test's own it was."""

    def __init__(self):
        self.baseline = _depths()
        self.violations = []
        self.published = 0

    def record(self, what):
        self.published += 1
        now = _depths()
        deeper = {alias: n - self.baseline.get(alias, 0) for alias, n in now.items() if n > self.baseline.get(alias, 0)}
        if deeper:
            self.violations.append(f"{what} published inside {deeper} open transaction block(s)")

    def install(self, patch, stub=False):
        """``patch(owner, name, replacement)``: wrap every publish entry point we know of; with ``stub``
        the job is recorded and not sent (a generated run has no broker)."""
        import celery.app.base
        import celery.app.task

        recorder = self

        class _Sent:
            id = "rootfix-stub-job"

            def get(self, *args, **kwargs):
                return None

        def wrap(owner, name, label):
            original = getattr(owner, name)

            def publish(self, *args, **kwargs):
                recorder.record(label(self, args, kwargs))
                if stub:
                    return _Sent()
                return original(self, *args, **kwargs)

            patch(owner, name, publish)

        self._commit_like_production(patch)
        wrap(celery.app.task.Task, "apply_async", lambda task, a, k: f"task {task.name}")
        wrap(celery.app.base.Celery, "send_task", lambda app, a, k: f"task {a[0] if a else k.get('name')}")
        try:
            import rq.queue
        except ImportError:
            pass
        else:
            for name in ("enqueue_call", "enqueue_at", "enqueue_in"):
                if name in rq.queue.Queue.__dict__:
                    wrap(rq.queue.Queue, name, lambda q, a, k: f"job {a[0] if a else k.get('func')}")
        try:
            # not ``dramatiq.actor.Actor``: the package's ``actor`` is the decorator function, shadowing the module
            from dramatiq import Actor
        except ImportError:
            pass
        else:
            wrap(Actor, "send_with_options", lambda actor, a, k: f"actor {actor.actor_name}")
        try:
            import huey.api
        except ImportError:
            pass
        else:
            wrap(huey.api.Huey, "enqueue", lambda h, a, k: f"huey task {getattr(a[0], 'name', a[0]) if a else ''}")
        for cls in _settings_queue_classes():
            for name in ("enqueue", "enqueue_call", "enqueue_at", "enqueue_in"):
                if name in cls.__dict__:
                    wrap(cls, name, lambda q, a, k: f"job {a[0] if a else k.get('func') or k.get('f')}")
                    break


    def _commit_like_production(self, patch):
        """When the code under test leaves its outermost atomic block without an error, run the
        on_commit callbacks it registered, as a real commit would (the test's own transaction never
        commits, so they would otherwise only run when the test ends)."""
        from django.db import connections
        from django.db.transaction import Atomic

        start = {c.alias: len(c.run_on_commit) for c in connections.all(initialized_only=True)}
        baseline = self.baseline
        original = Atomic.__exit__

        def __exit__(self, exc_type, exc_value, traceback):
            result = original(self, exc_type, exc_value, traceback)
            conn = connections[self.using or "default"]
            if exc_type is None and len(conn.atomic_blocks) == baseline.get(conn.alias, 0) and conn.in_atomic_block:
                first = start.get(conn.alias, 0)
                pending = conn.run_on_commit[first:]
                del conn.run_on_commit[first:]
                for _sids, func, _robust in pending:
                    func()
            return result

        patch(Atomic, "__exit__", __exit__)


def _settings_queue_classes():
    """Queue classes the project names in its settings (``RQ_QUEUE_CLASS = "app.queues.InlineQueue"``):
    a project queue (an in-process one for tests, a wrapper of the library's) is a publish entry point
    the library hooks above do not see. Subclasses of ``rq.Queue`` are already covered."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    try:
        from rq.queue import Queue as _RQQueue
    except ImportError:
        _RQQueue = ()
    seen = []
    for key in dir(settings):
        if not key.isupper():
            continue
        value = getattr(settings, key, None)
        if not isinstance(value, str) or "." not in value or not all(p.isidentifier() for p in value.split(".")):
            continue
        if not value.rpartition(".")[2][:1].isupper():
            continue
        try:
            cls = import_string(value)
        except Exception:
            continue
        if not isinstance(cls, type) or cls in seen or (_RQQueue and issubclass(cls, _RQQueue)):
            continue
        if any(name in cls.__dict__ for name in ("enqueue", "enqueue_call")):
            seen.append(cls)
    return seen


def _depths():
    from django.db import connections

    return {c.alias: len(c.atomic_blocks) for c in connections.all(initialized_only=True)}
'''

_ON_COMMIT_HELPERS = '''
class _OnCommitAliases:
    """Records every on_commit callback registered on a database whose transaction the code did not open,
    while the code has one open on another database (the callback then runs when the wrong one commits)."""

    def __init__(self):
        self.baseline = _depths()
        self.violations = []
        self.checked = 0

    def install(self, patch):
        from django.db.backends.base.base import BaseDatabaseWrapper

        original = BaseDatabaseWrapper.on_commit
        recorder = self

        def on_commit(conn, func, robust=False):
            opened = sorted(a for a, n in _depths().items() if n > recorder.baseline.get(a, 0))
            if opened:
                recorder.checked += 1
                if conn.alias not in opened:
                    recorder.violations.append(
                        f"a callback was registered on {conn.alias!r} while the transaction is open on {opened}: "
                        f"it runs when {conn.alias!r} commits (at once, outside a transaction there), not after "
                        "the write commits")
            return original(conn, func, robust)

        patch(BaseDatabaseWrapper, "on_commit", on_commit)
'''

ON_COMMIT_ALIAS = Invariant(
    name="OnCommitOnTheOpenTransaction",
    imports=(),
    helpers=_ON_COMMIT_HELPERS + _PUBLISH_HELPERS[_PUBLISH_HELPERS.index("def _depths"):] + _DB_FIRST,
    pytest_fixture='''
@pytest.fixture(autouse=True)
def _on_commit_waits_for_the_open_transaction(request, monkeypatch):
    """An on_commit callback must wait for the transaction the code has open, on that transaction's database."""
    _database_first(request)
    recorder = _OnCommitAliases()
    recorder.install(monkeypatch.setattr)
    yield recorder
    if recorder.violations:
        pytest.fail("; ".join(dict.fromkeys(recorder.violations)), pytrace=False)
    if not recorder.checked:
        pytest.skip("this scenario registers no on_commit callback inside a transaction")
''',
    unittest_setup='''
recorder = _OnCommitAliases()
_undo = []

def _patch(owner, name, value, _undo=_undo):
    _undo.append((owner, name, owner.__dict__[name]))
    setattr(owner, name, value)

recorder.install(_patch)

def _check():
    for owner, name, value in reversed(_undo):
        setattr(owner, name, value)
    if recorder.violations:
        self.fail("; ".join(dict.fromkeys(recorder.violations)))

self.addCleanup(_check)
''',
    doc="an on_commit callback waits for the transaction that is open, on its database (WRK302)",
)


PUBLISH_AFTER_COMMIT = Invariant(
    name="PublishAfterCommit",
    imports=(),
    helpers=_PUBLISH_HELPERS + _DB_FIRST,
    pytest_fixture='''
@pytest.fixture(autouse=True)
def _jobs_published_after_commit(request, monkeypatch, django_capture_on_commit_callbacks):
    """Every job must reach the broker after the transaction that wrote its data has committed.

    The test's own transaction (pytest-django wraps tests in one) is the baseline; on_commit
    callbacks are run as if it had committed, so correctly deferred jobs are still published.
    """
    _database_first(request)
    recorder = _PublishRecorder()
    recorder.install(monkeypatch.setattr)
    with django_capture_on_commit_callbacks(execute=True):
        yield recorder
    if recorder.violations:
        pytest.fail("job published before commit: " + "; ".join(recorder.violations), pytrace=False)
''',
    unittest_setup='''
recorder = _PublishRecorder()
_undo = []

def _patch(owner, name, value, _undo=_undo):
    _undo.append((owner, name, owner.__dict__[name]))
    setattr(owner, name, value)

recorder.install(_patch)

def _check():
    for owner, name, value in reversed(_undo):
        setattr(owner, name, value)
    if recorder.violations:
        self.fail("job published before commit: " + "; ".join(recorder.violations))

self.addCleanup(_check)
_capture = self.captureOnCommitCallbacks(execute=True)
_capture.__enter__()
self.addCleanup(_capture.__exit__, None, None, None)
''',
    doc="background jobs are published only after the data they need is committed (WRK301)",
)


# --------------------------------------------------------------------------- W4: concurrent re-run
_RERUN_HELPERS = '''
_TARGET = {target!r}  # (module, attribute, class or None, is_celery_task)
_ALIASES = {aliases!r}  # (module, name) bindings of the target elsewhere (``from x import f``)
_MODEL = {model!r}
_FIELD = {field!r}


def _model():
    import importlib

    module, _, name = _MODEL.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _value(pk):
    return _model()._default_manager.filter(pk=pk).values_list(_FIELD, flat=True).get()


class _RerunProbe:
    """Records the target's first call, then replays it as two overlapping runs: the second run
    starts after the first has loaded the row and finishes before the first writes."""

    def __init__(self):
        self.calls = []
        self.original = None

    def install(self, patch):
        import importlib

        module = importlib.import_module(_TARGET[0])
        owner = getattr(module, _TARGET[2]) if _TARGET[2] else module
        target = getattr(owner, _TARGET[1])
        probe = self
        if _TARGET[3]:  # a Celery task: its body is ``run``, whatever name callers use
            self.original = target.run

            def run(*args, **kwargs):
                probe.calls.append((args, kwargs))
                return probe.original(*args, **kwargs)

            patch(target, "run", run)
            return
        self.original = target

        def wrapper(*args, **kwargs):
            probe.calls.append((args, kwargs))
            return probe.original(*args, **kwargs)

        patch(owner, _TARGET[1], wrapper)
        for mod, name in _ALIASES:
            patch(importlib.import_module(mod), name, wrapper)

    def lost_update(self):
        """A message when the overlapping runs lost one of their updates, else None."""
        from django.db.models.signals import post_init

        if not self.calls:
            return None
        args, kwargs = self.calls[0]
        state = {{}}

        def concurrent_run(sender, instance, **kw):
            if state or instance.pk is None:
                return
            state["pk"] = instance.pk
            state["before"] = _value(instance.pk)
            self.original(*args, **kwargs)  # another worker, between our read and our write
            state["between"] = _value(instance.pk)

        post_init.connect(concurrent_run, sender=_model(), weak=False, dispatch_uid="rootfix-concurrent-run")
        try:
            self.original(*args, **kwargs)
        finally:
            post_init.disconnect(sender=_model(), dispatch_uid="rootfix-concurrent-run")
        if not state:
            return None
        one = state["between"] - state["before"]
        both = _value(state["pk"]) - state["before"]
        if one and both != 2 * one:
            return (f"two overlapping runs changed {{_MODEL}}.{{_FIELD}} by {{both}}, "
                    f"one run alone by {{one}}: an update was lost")
        return None
'''


def concurrent_rerun_invariant(index: "RepoIndex", fn: "FunctionInfo", model: str,
                               field: str) -> Invariant | None:
    """W4: after each replayed test, the target's first recorded call is run again as two
    overlapping runs (the second starts once the first has loaded the row, and finishes before the
    first writes); both changes of ``model.field`` must survive."""
    is_task = index.task_decl(fn) is not None
    module_name = _import_name(index, index.by_path[fn.file])
    attr = fn.symbol.split(".")[-1]
    aliases = []
    if fn.class_name is None and not is_task:
        for info in index.modules.values():
            for local, target in info.imports.items():
                if target == fn.qualname and info.module != fn.module:
                    aliases.append((_import_name(index, info), local))
    helpers = _RERUN_HELPERS.format(target=(module_name, attr, fn.class_name, is_task), aliases=sorted(aliases),
                                    model=model, field=field) + "\n" + _DB_FIRST
    return Invariant(
        name="ConcurrentRuns",
        imports=(),
        helpers=helpers,
        pytest_fixture='''
@pytest.fixture(autouse=True)
def _concurrent_runs_keep_both_updates(request, monkeypatch):
    """After the test, its call of the code under test is run as two overlapping runs."""
    _database_first(request)
    probe = _RerunProbe()
    probe.install(monkeypatch.setattr)
    yield probe
    lost = probe.lost_update()
    if lost:
        pytest.fail(lost, pytrace=False)
''',
        unittest_setup='''
probe = _RerunProbe()
_undo = []

def _patch(owner, name, value, _undo=_undo):
    _undo.append((owner, name, getattr(owner, name)))
    setattr(owner, name, value)

probe.install(_patch)

def _check():
    try:
        lost = probe.lost_update()
    finally:
        for owner, name, value in reversed(_undo):
            setattr(owner, name, value)
    if lost:
        self.fail(lost)

self.addCleanup(_check)
''',
        doc=f"two overlapping runs both keep their change of {model}.{field} (WRK401)",
    )


# --------------------------------------------------------------------------- W5: arguments serialize
_SERIALIZE_HELPERS = '''
import sys

_SITE = {site!r}  # (file suffix, function name, first line, last line) of the enqueue
_SERIALIZER = {serializer!r}


class _SerializationRecorder:
    """Encodes the arguments of every call made at the enqueue site the way the broker would.

    It watches the call site itself (a profile hook), so it sees the arguments whether the test
    publishes for real, eagerly, or with ``.delay`` mocked out.
    """

    def __init__(self):
        self.violations = []
        self.seen = 0

    def _profile(self, frame, event, arg):
        if self.previous is not None:
            self.previous(frame, event, arg)
        if event != "call":
            return
        caller = frame.f_back
        # an enqueue deferred with ``transaction.on_commit(lambda: task.delay(...))`` runs in the lambda
        if (caller is None or caller.f_code.co_name not in (_SITE[1], "<lambda>")
                or not caller.f_code.co_filename.replace("\\\\", "/").endswith(_SITE[0])
                or not _SITE[2] <= caller.f_lineno <= _SITE[3]):
            return
        if frame.f_code.co_name not in ("delay", "apply_async", "__call__", "_mock_call", "_execute_mock_call"):
            return
        if frame.f_code.co_name != "__call__" and self.seen_frame is caller:
            return
        self.seen_frame = caller
        from kombu.serialization import dumps

        loc = frame.f_locals
        args, kwargs = loc.get("args") or (), loc.get("kwargs") or {{}}
        self.seen += 1
        try:
            dumps((list(args), dict(kwargs)), serializer=_SERIALIZER)
        except Exception as exc:  # EncodeError, TypeError: what the broker would raise
            self.violations.append(f"{{_SITE[0]}}:{{caller.f_lineno}}: {{exc}}")

    def install(self, patch):
        self.previous = sys.getprofile()
        self.seen_frame = None
        sys.setprofile(self._profile)
        self._round_trip_at_the_site()

    def uninstall(self):
        sys.setprofile(self.previous)
        if getattr(self, "_real_apply_async", None) is not None:
            import celery.app.task

            celery.app.task.Task.apply_async = self._real_apply_async
            self._real_apply_async = None

    # -- the task must see what the caller sent (WRK501)
    def _round_trip_at_the_site(self):
        """Jobs published from the site reach the task as the broker would deliver them: encoded and
        decoded with the serializer. When that changes them (a tuple comes back a list, int keys come
        back str), the task's outcome with the delivered arguments must be the one with the sent ones."""
        try:
            import celery.app.task
        except ImportError:
            return
        real = self._real_apply_async = celery.app.task.Task.apply_async
        recorder = self

        def apply_async(task, args=None, kwargs=None, *rest, **options):
            if recorder._site_frame() is None:
                return real(task, args, kwargs, *rest, **options)
            sent = (list(args or ()), dict(kwargs or {{}}))
            try:
                got = _round_trip(sent)
            except Exception as exc:  # the profile hook reports it; do not publish what cannot be sent
                if not recorder.violations:
                    recorder.violations.append(f"{{_SITE[0]}}: {{exc}}")
                return None
            if not _same(sent, got):
                (alone, alone_rows), (delivered, delivered_rows) = _outcome(task, *sent), _outcome(task, *got)
                if alone != delivered:
                    recorder.violations.append(
                        f"{{task.name}} receives {{got!r}} where the caller sent {{sent!r}} "
                        f"(the {{_SERIALIZER}} serializer changes it) and then {{delivered}} instead of {{alone}}")
                elif _changed_tables(alone_rows, delivered_rows):
                    recorder.violations.append(
                        f"{{task.name}} receives {{got!r}} where the caller sent {{sent!r}} "
                        f"(the {{_SERIALIZER}} serializer changes it) and then writes other rows in "
                        f"{{', '.join(_changed_tables(alone_rows, delivered_rows))}} than with what was sent")
            return real(task, got[0], got[1], *rest, **options)

        celery.app.task.Task.apply_async = apply_async

    def _site_frame(self):
        frame = sys._getframe(2)
        for _ in range(8):
            if frame is None:
                return None
            code = frame.f_code
            if (code.co_name in (_SITE[1], "<lambda>")
                    and code.co_filename.replace("\\\\", "/").endswith(_SITE[0])
                    and _SITE[2] <= frame.f_lineno <= _SITE[3]):
                return frame
            frame = frame.f_back
        return None


def _round_trip(value):
    from kombu.serialization import dumps, loads

    content_type, encoding, data = dumps(value, serializer=_SERIALIZER)
    return loads(data, content_type, encoding, accept=[content_type])


def _same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


class _UndoOutcome(Exception):
    pass


def _rows():
    """Every row of the project's tables (without primary keys, times masked): what a run wrote."""
    import datetime

    from django.apps import apps

    out = {{}}
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
        try:
            rows = model._base_manager.values_list(*fields)
            out[model._meta.label] = sorted(
                repr(tuple("<time>" if isinstance(v, datetime.datetime) else v for v in row)) for row in rows)
        except Exception:
            return None
    return out


def _outcome(task, args, kwargs):
    """What the task body does with these arguments (its result or its exception) and the rows it
    leaves behind, rolled back."""
    from django.db import transaction

    box = {{}}
    outbox = None
    try:
        from django.core import mail

        outbox = getattr(mail, "outbox", None)
        sent = len(outbox) if outbox is not None else 0
    except Exception:
        pass
    try:
        with transaction.atomic():
            try:
                box["outcome"] = ("returned", repr(task(*args, **kwargs)))
            except Exception as exc:
                box["outcome"] = ("raised", type(exc).__name__)
            try:
                box["rows"] = _rows()
            except Exception:
                box["rows"] = None
            raise _UndoOutcome
    except _UndoOutcome:
        pass
    finally:
        if outbox is not None:
            del outbox[sent:]  # the comparison's own mails are not the test's
    return box["outcome"], box.get("rows")


def _changed_tables(a, b):
    if a is None or b is None:
        return []
    return sorted(label for label in set(a) | set(b) if a.get(label) != b.get(label))
'''


def argument_serialization_invariant(path: str, function: str, first: int, last: int,
                                     serializer: str = "json") -> Invariant:
    """W5: every call made at the enqueue site (``path`` lines first..last inside ``function``)
    has arguments that ``serializer`` can encode."""
    return Invariant(
        name="ArgumentsSerialize",
        imports=(),
        helpers=_SERIALIZE_HELPERS.format(site=(path, function, first, last), serializer=serializer) + "\n" + _DB_FIRST,
        pytest_fixture='''
@pytest.fixture(autouse=True)
def _task_arguments_serialize(request, django_capture_on_commit_callbacks):
    """Every job published from the enqueue site must have arguments the serializer can encode.

    on_commit callbacks are run as if the test's transaction had committed, so that jobs
    published from them are checked too."""
    _database_first(request)
    recorder = _SerializationRecorder()
    recorder.install(None)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            yield recorder
    except Exception:
        pass  # a deferred callback failing: the violations are reported below, any other error is the scenario's
    finally:
        recorder.uninstall()
    if recorder.violations:
        pytest.fail("task arguments cannot be serialized: " + "; ".join(recorder.violations), pytrace=False)
''',
        unittest_setup='''
recorder = _SerializationRecorder()
recorder.install(None)

def _check():
    recorder.uninstall()
    if recorder.violations:
        self.fail("task arguments cannot be serialized: " + "; ".join(recorder.violations))

self.addCleanup(_check)
''',
        doc="the arguments of every published job can be encoded by the task serializer (WRK501)",
    )


# --------------------------------------------------------------------------- W4: a concurrent write injected
_CONCURRENT_WRITE_HELPERS = '''
_TARGET = {target!r}  # (module, attribute, class or None, is_celery_task)
_ALIASES = {aliases!r}  # (module, name) bindings of the target elsewhere (``from x import f``)
_MODEL = {model!r}
_FIELD = {field!r}
_BUMP = 7  # what the concurrent writer adds


def _model():
    import importlib

    module, _, name = _MODEL.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _fresh(args, kwargs):
    """The arguments with every model instance re-read from the database (a run of its own)."""
    from django.db.models import Model

    def fresh(value):
        if isinstance(value, Model) and value.pk is not None:
            return type(value)._base_manager.get(pk=value.pk)
        return value

    return [fresh(a) for a in args], {{k: fresh(v) for k, v in kwargs.items()}}


class _Undo(Exception):
    pass


def _values():
    return dict(_model()._base_manager.values_list("pk", _FIELD))


def check_concurrent_write(func, args, kwargs):
    """Run ``func`` once alone (rolled back), then again with another writer adding ``_BUMP`` to the
    row between this run's read and its write (just before it saves or updates the row), rolled back
    too. A message when that concurrent change is lost, else None; ``check_concurrent_write.injected``
    says whether the run reached a write at all."""
    from django.db import transaction
    from django.db.models import F
    from django.db.models.query import QuerySet

    model = _model()
    try:
        with transaction.atomic():
            a, k = _fresh(args, kwargs)
            try:
                func(*a, **k)
            except Exception:
                pass
            alone = _values()
            raise _Undo
    except _Undo:
        pass
    injected = []
    real_save, real_update = model.save, QuerySet.update

    def inject(pk):
        if pk is None or pk in injected:
            return
        injected.append(pk)
        real_update(model._base_manager.filter(pk=pk), **{{_FIELD: F(_FIELD) + _BUMP}})

    def save(self, *a, **kw):
        inject(self.pk)
        return real_save(self, *a, **kw)

    def update(self, **kw):
        if issubclass(self.model, model) and _FIELD in kw:
            for pk in list(self.values_list("pk", flat=True)):
                inject(pk)
        return real_update(self, **kw)

    model.save, QuerySet.update = save, update
    try:
        with transaction.atomic():
            try:
                a, k = _fresh(args, kwargs)
                try:
                    func(*a, **k)
                except Exception:
                    pass
            finally:
                model.save, QuerySet.update = real_save, real_update
            now = _values()
            raise _Undo
    except _Undo:
        pass
    finally:
        model.save, QuerySet.update = real_save, real_update
    check_concurrent_write.injected = bool(injected)
    for pk in injected:
        if pk in alone and now.get(pk) != alone[pk] + _BUMP:
            return (f"{{_MODEL}}.{{_FIELD}} of row {{pk}}: a concurrent writer added {{_BUMP}} between the read "
                    f"and the write, alone the code made it {{alone[pk]}}, with the writer it is {{now.get(pk)}} "
                    f"(expected {{alone[pk] + _BUMP}}): the concurrent update was lost")
    return None


class _ConcurrentWriteProbe:
    """Records the target's first call in the replayed test, then checks it against a concurrent writer.

    The check runs after the test; when by then the call no longer reaches its write (the test's own
    run changed the rows it depends on: a ticket already admitted, a job already claimed), the
    verdict of the same check made at the time of the call (rolled back, before the real call) counts."""

    def __init__(self):
        self.calls = []
        self.original = None
        self.at_call = None

    def _record(self, args, kwargs):
        if self.calls:
            return
        self.calls.append((args, kwargs))
        outbox = None
        try:
            from django.core import mail

            outbox = getattr(mail, "outbox", None)
            sent = len(outbox) if outbox is not None else 0
        except Exception:
            pass
        try:
            self.at_call = check_concurrent_write(self.original, args, kwargs)
        except Exception:
            self.at_call = None
        finally:
            if outbox is not None:
                del outbox[sent:]  # the check's own mails are not the test's

    def install(self, patch):
        import importlib

        module = importlib.import_module(_TARGET[0])
        owner = getattr(module, _TARGET[2]) if _TARGET[2] else module
        target = getattr(owner, _TARGET[1])
        probe = self
        if _TARGET[3]:  # a Celery task: its body is ``run``
            self.original = target.run

            def run(*args, **kwargs):
                probe._record(args, kwargs)
                return probe.original(*args, **kwargs)

            patch(target, "run", run)
            return
        self.original = target

        def wrapper(*args, **kwargs):
            probe._record(args, kwargs)
            return probe.original(*args, **kwargs)

        patch(owner, _TARGET[1], wrapper)
        for mod, name in _ALIASES:
            patch(importlib.import_module(mod), name, wrapper)

    def lost_update(self):
        if not self.calls:
            return None
        args, kwargs = self.calls[0]
        lost = check_concurrent_write(self.original, args, kwargs)
        if lost or getattr(check_concurrent_write, "injected", True):
            return lost
        return self.at_call
'''


def _target_spec(index: "RepoIndex", fn: "FunctionInfo") -> tuple[tuple, list]:
    is_task = index.task_decl(fn) is not None
    module_name = _import_name(index, index.by_path[fn.file])
    attr = fn.symbol.split(".")[-1]
    aliases = []
    if fn.class_name is None and not is_task:
        for info in index.modules.values():
            for local, target in info.imports.items():
                if target == fn.qualname and info.module != fn.module:
                    aliases.append((_import_name(index, info), local))
    return (module_name, attr, fn.class_name, is_task), sorted(aliases)


def concurrent_write_invariant(index: "RepoIndex", fn: "FunctionInfo", model: str, field: str) -> Invariant:
    """W4, for instances from any source: the target's first call in each replayed test is run again
    with a concurrent writer adding to ``model.field`` between its read and its write; that change
    must survive (``F()`` updates and locked rows keep it, ``obj.f += n; obj.save()`` loses it)."""
    target, aliases = _target_spec(index, fn)
    helpers = _CONCURRENT_WRITE_HELPERS.format(target=target, aliases=aliases, model=model, field=field)
    return Invariant(
        name="ConcurrentWrite",
        imports=(),
        helpers=helpers + "\n" + _DB_FIRST,
        pytest_fixture='''
@pytest.fixture(autouse=True)
def _concurrent_write_survives(request, monkeypatch):
    """After the test, its call of the code under test is re-run against a concurrent writer."""
    _database_first(request)
    probe = _ConcurrentWriteProbe()
    probe.install(monkeypatch.setattr)
    yield probe
    lost = probe.lost_update()
    if lost:
        pytest.fail(lost, pytrace=False)
''',
        unittest_setup='''
probe = _ConcurrentWriteProbe()
_undo = []

def _patch(owner, name, value, _undo=_undo):
    _undo.append((owner, name, getattr(owner, name)))
    setattr(owner, name, value)

probe.install(_patch)

def _check():
    try:
        lost = probe.lost_update()
    finally:
        for owner, name, value in reversed(_undo):
            setattr(owner, name, value)
    if lost:
        self.fail(lost)

self.addCleanup(_check)
''',
        doc=f"a concurrent change of {model}.{field} between the read and the write survives (WRK401)",
    )


# --------------------------------------------------------------------------- generated runs
_BUILD_HELPERS = '''
_FACTORIES = {factories!r}  # model -> "module.Factory" of the project (factory_boy), when it has one


def _build(model_path, depth=0, **values):
    """A saved row of the model: the project's factory when it has one, else every required field
    filled from its type (foreign keys built the same way)."""
    import datetime
    import decimal
    import importlib
    import uuid

    from django.db import models
    from django.utils import timezone

    module, _, name = model_path.rpartition(".")
    model = getattr(importlib.import_module(module), name)
    factory = _FACTORIES.get(model_path)
    if factory:
        fmod, _, fname = factory.rpartition(".")
        return getattr(importlib.import_module(fmod), fname)(**values)
    for field in model._meta.concrete_fields:
        if field.name in values or field.primary_key or field.has_default() or field.null:
            continue
        if isinstance(field, models.ForeignKey):
            related = field.related_model
            values[field.name] = _build(f"{{related.__module__}}.{{related.__name__}}", depth + 1)
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        elif field.choices:
            values[field.name] = field.choices[0][0]
        elif isinstance(field, models.BooleanField):
            values[field.name] = False
        elif isinstance(field, models.DecimalField):
            values[field.name] = decimal.Decimal("10")
        elif isinstance(field, (models.IntegerField, models.FloatField)):
            values[field.name] = 10
        elif isinstance(field, models.DateTimeField):
            values[field.name] = timezone.now()
        elif isinstance(field, models.DateField):
            values[field.name] = datetime.date.today()
        elif isinstance(field, models.UUIDField):
            values[field.name] = uuid.uuid4()
        elif isinstance(field, models.EmailField):
            values[field.name] = f"rootfix{{depth}}@example.com"
        elif isinstance(field, (models.CharField, models.TextField)):
            values[field.name] = f"rootfix-{{uuid.uuid4().hex[:8]}}"[: field.max_length or 30]
        elif isinstance(field, models.JSONField):
            values[field.name] = {{}}
        else:
            values[field.name] = None
    return model._base_manager.create(**values)
'''


def project_factories(index: "RepoIndex") -> dict[str, str]:
    """model dotted name -> factory_boy factory of the project (``class Meta: model = X``)."""
    out: dict[str, str] = {}
    for info in index.modules.values():
        for name, cls in info.classes.items():
            bases = [index.resolve(info, b) or "" for b in cls.bases]
            if not any(b.startswith("factory") or b.endswith("ModelFactory") for b in bases):
                continue
            for stmt in cls.body:
                if isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
                    for sub in stmt.body:
                        if (isinstance(sub, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "model"
                                                                for t in sub.targets)):
                            dotted = index.resolve(info, sub.value)
                            if dotted:
                                out.setdefault(dotted, f"{_import_name(index, info)}.{name}")
    return out


def call_arguments(index: "RepoIndex", fn: "FunctionInfo") -> list[tuple[str, str]] | None:
    """How a generated test calls ``fn``: ``(parameter, python expression)`` using ``_build``; None when
    a required parameter cannot be made up (then no generated run)."""
    from rootfix.project import values as V

    module = index.module_of(fn)
    args = fn.node.args
    params = args.posonlyargs + args.args
    n_defaults = len(args.defaults)
    out: list[tuple[str, str]] = []
    scope = V.scopes(index, fn)[0]
    own = params[1:] if fn.class_name and params and params[0].arg in ("self", "cls") else params
    if fn.class_name and params and params[0].arg == "self":
        model = V.model_of_self(index, fn)
        if model is None:
            cls = module.classes.get(fn.class_name)
            init = module.functions.get(f"{fn.class_name}.__init__")
            if cls is None or (init is not None and len(init.node.args.args) - len(init.node.args.defaults) > 1):
                return None
    for i, a in enumerate(own):
        has_default = params.index(a) >= len(params) - n_defaults
        v = V.param_value(index, fn, scope, a)
        if v is not None and v.is_instance and v.model:
            out.append((a.arg, f"_build({v.model!r})"))
            continue
        fetched = _fetched_by(index, fn, a.arg)
        if fetched is not None:
            out.append((a.arg, f"_build({fetched[0]!r}).{fetched[1]}"))
            continue
        if V._receiver_sender(index, fn) and a.arg in _RECEIVER_ARGS:
            sender = V._receiver_sender(index, fn)
            out.append((a.arg, _RECEIVER_ARGS[a.arg].format(sender=sender)))
            continue
        if has_default:
            continue
        if _numeric_use(fn, a.arg):
            out.append((a.arg, "3"))
            continue
        if _time_bound(index, fn, a.arg):
            out.append((a.arg, "__import__('django.utils.timezone').utils.timezone.now()"))
            continue
        if not any(isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == a.arg
                   for n in walk_tree(fn.node)):
            out.append((a.arg, repr(f"rootfix-{a.arg}")))  # only passed on: any value will do
            continue
        return None
    return out


_RECEIVER_ARGS = {
    "sender": "__import__('importlib').import_module({sender!r}.rpartition('.')[0]).__dict__[{sender!r}.rpartition('.')[2]]",
    "created": "False", "raw": "False", "using": "'default'", "update_fields": "None",
}


def _fetched_by(index: "RepoIndex", fn: "FunctionInfo", name: str) -> tuple[str, str] | None:
    """``(model, field)`` the function fetches with this parameter as its key (``Model.objects.get(pk=name)``,
    ``filter(code=name).first()``): a built row's field is then a value that finds it."""
    from rootfix.project import values as V

    for scope in V.scopes(index, fn):
        for node in V.own_nodes(scope):
            if not isinstance(node, ast.Call):
                continue
            key = next((k.arg for k in node.keywords if isinstance(k.value, ast.Name) and k.value.id == name
                        and k.arg and "__" not in k.arg), None)
            if key is not None:
                v = V.value_of(index, fn, node, node.lineno, scope)
                if v is not None and v.model and (v.is_instance or v.is_queryset or v.kind == "pair"):
                    if key in ("pk", "id") or V.field_class(index, v.model, key) not in (None, "ForeignKey"):
                        return v.model, key
    # a helper that fetches with it: ``find_member(code)`` -> the helper's own lookup
    for callee, call in index.callees(fn):
        for i, arg in enumerate(call.args):
            if isinstance(arg, ast.Name) and arg.id == name:
                params = callee.node.args.posonlyargs + callee.node.args.args
                if callee.class_name and params and params[0].arg == "self":
                    params = params[1:]
                if i < len(params) and callee.qualname != fn.qualname:
                    found = _fetched_by(index, callee, params[i].arg)
                    if found is not None:
                        return found
    return None


def rows_needed(index: "RepoIndex", fn: "FunctionInfo") -> list[str]:
    """``_build(...)`` calls for the rows the function queries straight from a manager
    (``Customer.objects.all()``, ``Member.objects.filter(tier="vip")``): one row each, with the
    literal values of equality filters, so that its loops and lookups have something to find."""
    from rootfix.project import values as V

    module = index.module_of(fn)
    out: list[str] = []
    for scope in V.scopes(index, fn):
        for node in V.own_nodes(scope):
            if not (isinstance(node, ast.Attribute) and isinstance(node.value, (ast.Name, ast.Attribute))):
                continue
            model = index.resolve(module, node.value)
            if model not in V.models(index) or node.attr not in V.manager_names(index, model):
                continue
            literals = {}
            parent = next((p for p in walk_tree(fn.node) if isinstance(p, ast.Attribute) and p.value is node), None)
            call = next((c for c in walk_tree(fn.node) if isinstance(c, ast.Call) and c.func is parent), None)
            if call is not None and parent.attr in ("filter", "get", "exclude") and parent.attr != "exclude":
                for kw in call.keywords:
                    if kw.arg and "__" not in kw.arg and isinstance(kw.value, ast.Constant) \
                            and V.field_class(index, model, kw.arg) not in (None, "ForeignKey"):
                        literals[kw.arg] = kw.value.value
            text = f"_build({model!r}" + "".join(f", {k}={v!r}" for k, v in literals.items()) + ")"
            if text not in out:
                out.append(text)
    return out


def _time_bound(index: "RepoIndex", fn: "FunctionInfo", name: str) -> bool:
    """The parameter ends up as the bound of a range lookup (``created__lt=cutoff``) here, in what the
    function reaches, or in a custom queryset method: a point in time."""
    from rootfix.project import values as V

    bodies = [f.node for f in V.reachable(index, fn)]
    bodies += [m.node for ms in V.queryset_methods(index).values() for m in ms]
    for body in bodies:
        for node in walk_tree(body):
            if isinstance(node, ast.keyword) and node.arg and node.arg.endswith(("__lt", "__lte", "__gt", "__gte")) \
                    and isinstance(node.value, ast.Name) and node.value.id == name:
                return True
    return False


def _numeric_use(fn: "FunctionInfo", name: str) -> bool:
    for node in walk_tree(fn.node):
        if isinstance(node, (ast.AugAssign, ast.BinOp)):
            operands = [node.value] if isinstance(node, ast.AugAssign) else [node.left, node.right]
            if any(isinstance(o, ast.Name) and o.id == name for o in operands):
                return True
    return False


def generated_run_test(index: "RepoIndex", fn: "FunctionInfo", invariant: Invariant, *, code: str, symbol: str,
                       check: str, install: str = "probe.install(monkeypatch.setattr)",
                       verdict: str = "probe.lost_update()", after: str = "",
                       setup: tuple[str, ...] = (), context: str = "") -> tuple[str, str] | None:
    """When no project test reaches ``fn``: a test that builds the rows it needs from the models'
    fields (or the project's factories), calls it once under ``invariant`` and runs ``check``
    (an expression over ``probe`` that is a failure message or None)."""
    call_args = call_arguments(index, fn)
    if call_args is None:
        return None
    from rootfix.project import values as V

    target, _aliases = _target_spec(index, fn)
    module_name, attr, cls, is_task = target
    path = regression_test_path(index, code, symbol)
    model = V.model_of_self(index, fn) if cls else None
    if cls and model:
        receiver = f"_build({model!r})"
    elif cls:
        receiver = f"_target_module.{cls}()"
    else:
        receiver = None
    call_list = ", ".join(f"{name}={expr}" for name, expr in call_args)
    # called through its module, so that the probe's wrapper (installed on the module) sees the call
    imports = [f"import {module_name} as _target_module"]
    if receiver is None:
        call = f"_target_module.{attr}({call_list})"
    else:
        call = f"{receiver}.{attr}({call_list})"
    factories = project_factories(index)
    lines = [
        f'"""Generated by rootfix: no test of the project runs {symbol}, so this one builds the rows it needs',
        f"and runs it once: {invariant.doc}.",
        '"""',
        "import pytest",
        *imports,
        "",
        "",
        _BUILD_HELPERS.format(factories=factories).strip("\n"),
        "",
        "",
        textwrap.dedent(invariant.helpers).strip("\n"),
        "",
        "",
        "@pytest.mark.django_db",
        f"def test_rootfix_{code.lower()}_{re.sub(r'[^a-z0-9]+', '_', symbol.lower())}_generated(monkeypatch):",
        *(f"    {line}" for line in setup),
        *(f"    {row}" for row in rows_needed(index, fn)),
        f"    probe = {check}",
        f"    {install}",
        *([f"    try:", *([f"        with {context}:", f"            {call}"] if context else [f"        {call}"]),
           "    finally:", f"        {after}"] if after else [f"    {call}"]),
        f"    problem = {verdict}",
        "    assert problem is None, problem",
    ]
    return path, "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- generated runs (no project test)
_GENERATED_PUBLISH = '''"""Regression test written by rootfix for {code} in {where}: a generated run.

No test of the project reaches `{symbol}`, so this test runs it on the test database with generated data
(instances built from the models' fields, or the project's factories) and checks the invariant of the bug
class: {doc}.
"""
from django.test import TestCase

{imports}


{helpers}


class RootfixGeneratedPublishAfterCommit(TestCase):
    def test_{slug}_publishes_after_commit(self):
        recorder = _PublishRecorder()
        undo = []

        def patch(owner, name, value):
            undo.append((owner, name, owner.__dict__[name]))
            setattr(owner, name, value)

        recorder.install(patch, stub=True)
        try:
            with self.captureOnCommitCallbacks(execute=True):
{body}
        finally:
            for owner, name, value in reversed(undo):
                setattr(owner, name, value)
        self.assertTrue(recorder.published, "the generated run of {symbol} published no job: it shows nothing")
        self.assertFalse(recorder.violations, "job published before commit: " + "; ".join(recorder.violations))
'''


def generated_publish_test(index: "RepoIndex", fn: "FunctionInfo", *, code: str,
                           symbol: str) -> tuple[str, str] | None:
    """A W3 regression test that needs no project test: ``fn`` (which opens the transaction) is run on the
    test database with generated arguments, the brokers stubbed, and every publish must come after the
    commit. None when ``fn``'s inputs cannot be generated."""
    from rootfix.regress.generated_run import build_helpers, call_plan

    plan = call_plan(index, fn)
    if plan is None:
        return None
    slug = re.sub(r"[^a-z0-9]+", "_", f"rootfix_{code}_{fn.symbol}".lower()).strip("_")
    body = "\n".join(" " * 16 + line for line in (*plan.setup, plan.call))
    source = _GENERATED_PUBLISH.format(
        code=code, where=f"{fn.file}::{fn.symbol}", symbol=fn.symbol, doc=PUBLISH_AFTER_COMMIT.doc,
        imports="\n".join(plan.imports),
        helpers=(textwrap.dedent(_PUBLISH_HELPERS).strip("\n") + "\n\n" + build_helpers(plan)).strip("\n"),
        slug=slug, body=body)
    return regression_test_path(index, code, symbol), source


# --------------------------------------------------------------------------- invariants by name
def resolve_invariant(index: "RepoIndex", invariant: "Invariant | InvariantRef | None") -> Invariant | None:
    """The :class:`Invariant` a rule named (:class:`~rootfix.rules.base.InvariantRef`), or ``invariant``."""
    if isinstance(invariant, Invariant) and invariant.database_first:
        return replace(invariant, helpers=invariant.helpers + "\n" + _DB_FIRST, database_first=False)
    if not isinstance(invariant, InvariantRef):
        return invariant
    if invariant.name == "publish-after-commit":
        return PUBLISH_AFTER_COMMIT
    if invariant.name == "on-commit-alias":
        return ON_COMMIT_ALIAS
    if invariant.name == "concurrent-rerun":
        return concurrent_rerun_invariant(index, *invariant.args)
    if invariant.name == "concurrent-write":
        return concurrent_write_invariant(index, *invariant.args)
    if invariant.name == "argument-serialization":
        return argument_serialization_invariant(*invariant.args)
    raise KeyError(f"no invariant named {invariant.name!r}")
