"""The rule API: what every rule module under ``rules/<component>/`` provides.

A rule is a class derived from :class:`Rule` in its own module; defining it registers it
(``__init_subclass__``), so adding a rule is adding one file. A rule:

* has a code (``WRK301``: component prefix, class digit, two digits), a readable ``name``,
  the ``component_types`` it applies to, and a docstring in ruff's sections
  (What it does / Why is this bad? / Example / Use instead / Fix safety);
* carries its own ``VALID`` and ``INVALID`` :class:`Example` s, from which tests are generated
  (an invalid example with a fix carries its expected output);
* detects on the standard ``ast`` through the shared :class:`~rootfix.discover.index.RepoIndex`
  (``check`` never edits anything);
* optionally fixes with a LibCST codemod (``fix``), marked safe or unsafe, and says what its
  regression test must check (``regression``: a :class:`DirectTest` rendered from a template file, or a
  :class:`Replay` of the project's own tests under an :class:`Invariant`); ``rootfix.regress`` writes
  that test in the project's style, failing before the fix and passing after it.
"""
from __future__ import annotations

import abc
import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, Mapping, Union

from rootfix.types import FixSafety, Finding, Patch, Related

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex
    from rootfix.project.model import Project

#: code -> rule class, filled by Rule.__init_subclass__ when the rule modules are imported.
REGISTRY: dict[str, type["Rule"]] = {}


@dataclass(frozen=True)
class Example:
    """A snippet for a rule's generated tests.

    ``files`` maps repo-relative paths to sources; the finding must be reported in ``path``.
    For an invalid example with a fix, ``fixed`` is ``path``'s expected content after the fix.
    Extra files (a settings module, a helper, a models module) make examples realistic.
    """

    code: str  # the source of ``path``
    path: str = "app/tasks.py"
    files: tuple[tuple[str, str], ...] = ()
    fixed: str | None = None
    #: expected number of findings (invalid examples), default 1
    count: int = 1

    def all_files(self) -> dict[str, str]:
        out = dict(self.files)
        out[self.path] = self.code
        return out


# --------------------------------------------------------------------------- what a regression test checks
@dataclass(frozen=True)
class Invariant:
    """What the replayed project tests must additionally satisfy (see :class:`Replay`).

    ``pytest_fixture`` is the source of one autouse pytest fixture (any name); ``unittest_setup``
    is the body of a ``setUp`` addition (``self`` is the TestCase; register checks with
    ``self.addCleanup``). ``imports`` are import lines both need; ``helpers`` module-level code.
    """

    name: str
    imports: tuple[str, ...]
    helpers: str
    pytest_fixture: str
    unittest_setup: str
    doc: str
    #: set the test database up before the invariant's fixture (``rootfix.regress`` appends the helper)
    database_first: bool = False


@dataclass(frozen=True)
class InvariantRef:
    """One of the invariants ``rootfix.regress.scenario`` defines, by name, with its arguments:
    ``"publish-after-commit"`` (), ``"concurrent-rerun"`` / ``"concurrent-write"`` (fn, model, field),
    ``"argument-serialization"`` (path, function, first line, last line, serializer)."""

    name: str
    args: tuple[Any, ...] = ()


@dataclass(frozen=True)
class ProjectTestCalls:
    """The project's pytest tests that reach ``target`` (up to ``limit``), each called from a generated test
    ``test_<target>_<infix>_<test>`` as ``<check>(lambda: <test>(<its fixtures>))`` with its marks."""

    target: "FunctionInfo"
    check: str  # a module-level function of the template that runs the scenario and asserts
    infix: str = "again_after"
    limit: int = 4
    marks: bool = True  # prepend the ``_marks`` helper (else the template defines it)
    #: the management command running ``target``: the project's pytest tests that run it by name
    #: (``call_command("name")``: no static call edge) are called instead of those reaching ``target``
    command: str | None = None
    #: write the test module in the folder of the first test called (its conftest fixtures apply), not
    #: in the project's main tests folder
    beside: bool = False


@dataclass(frozen=True)
class DirectTest:
    """A test that calls the code directly, rendered by ``rootfix.regress`` from template files.

    ``templates`` name files of ``rootfix/regress/templates`` (without ``.py.tmpl``), concatenated in
    order. A name with a ``<name>.pytest.py.tmpl`` / ``<name>.testcase.py.tmpl`` pair is rendered in the
    project's test style; one with only ``<name>.pytest.py.tmpl`` needs a pytest-style project (no test
    otherwise). ``$placeholders`` are filled from ``params`` and, always, ``$code`` (the rule's code),
    ``$symbol`` and ``$module`` (the import name of ``file``).
    """

    symbol: str  # the code under test: names the test module (``test_rootfix_<code>_<symbol>.py``)
    file: str  # the module under test
    templates: tuple[str, ...]
    params: Mapping[str, str] = field(default_factory=dict)
    #: fill ``$imports`` and ``$tests`` with calls of the project's tests that reach the code (no test
    #: when none does)
    calls: ProjectTestCalls | None = None


@dataclass(frozen=True)
class Replay:
    """Replay the project's tests that reach ``targets`` (up to ``max_depth`` calls away) with ``invariant``
    installed; when no test reaches them, ``otherwise`` (another spec) or no test."""

    symbol: str
    targets: tuple["FunctionInfo", ...]
    invariant: "Invariant | InvariantRef"
    max_depth: int = 3
    otherwise: "RegressionSpec | None" = None
    #: the code runs in a management command: its project tests (naming it, calling ``call_command``) are
    #: replayed too (``""``: a command's code whose command is not known), at most 12, from one folder
    command: str | None = None


@dataclass(frozen=True)
class GeneratedRun:
    """When no project test reaches ``fn``: run it once on generated rows under ``invariant`` and ``check``
    (see ``rootfix.regress.scenario.generated_run_test``); ``publish`` runs it with the brokers stubbed and
    checks that every publish comes after the commit instead."""

    symbol: str
    fn: "FunctionInfo"
    invariant: "Invariant | InvariantRef | None" = None
    check: str = ""
    install: str = "probe.install(monkeypatch.setattr)"
    verdict: str = "probe.lost_update()"
    after: str = ""
    setup: tuple[str, ...] = ()
    context: str = ""
    publish: bool = False


@dataclass(frozen=True)
class TaskReplay:
    """Replay the project's tests that run a worker ``task`` (a ``TaskInfo``) with a failure injected
    (``mode="inject"``: ``target`` raises; a generated run when no test runs the task) or watched
    (``mode="watch"``: ``setup`` defines ``_reset()`` and ``_watching(task)``); ``check`` asserts what
    was seen. The fields are the template's placeholders (``rootfix/regress/templates/task_*.py.tmpl``)."""

    symbol: str
    task: Any
    mode: str  # "inject" | "watch"
    rule: str
    doc: str
    check: str
    extra_imports: str = ""
    # inject
    target: str = ""
    injected: str = ""
    inject_body: str = ""
    extra_patches: str = ""
    extra_with: str = ""
    test_prefix: str | None = None
    #: the task object's attribute holding its function (Celery: ``run``; a Dramatiq actor: ``fn``)
    run_attr: str = "run"
    # watch
    watched: str = ""
    setup: str = ""
    #: or the instrumentation as a template of ``rootfix/regress/templates`` and its placeholders
    setup_template: str = ""
    setup_params: Mapping[str, str] = field(default_factory=dict)
    #: watch: when no project test runs the task, run it once on generated rows (decorator tasks)
    generate: bool = False


@dataclass(frozen=True)
class FirstOf:
    """The first of ``specs`` that can be written for this project. With ``reached_first``, the task replays
    whose task some project test runs are tried before the others (otherwise in order)."""

    specs: tuple["RegressionSpec", ...]
    reached_first: bool = False


#: What :meth:`Rule.regression` returns.
@dataclass(frozen=True)
class SourceTest:
    """A test module the rule rendered itself (the Spark family's oracles, which build a frame's rows from the
    job's own column accesses): ``source`` is written at ``path`` (repo-relative; where the project's Spark
    fixture is visible) or, without one, at the usual ``test_rootfix_<code>_<symbol>.py``. Prefer a
    ``DirectTest`` with template files; this record is for tests whose shape the rule computes."""

    symbol: str
    source: str
    path: str | None = None


RegressionSpec = Union[DirectTest, Replay, GeneratedRun, TaskReplay, FirstOf, SourceTest]


@dataclass
class CheckContext:
    """What a rule sees while checking."""

    index: "RepoIndex"
    #: qualnames of the functions in scope (reachable from components of the rule's types),
    #: or None when all code is in scope (``--all-code`` / ``check`` on plain paths).
    scope: frozenset[str] | None = None
    #: project settings rules may need (e.g. ``CELERY_TASK_SERIALIZER``), read statically.
    settings: dict[str, object] = field(default_factory=dict)

    @property
    def project(self) -> "Project":
        """The project model of ``index`` (settings, tasks, components, test layout, scope)."""
        from rootfix.project.model import Project

        return Project.of(self.index)

    def in_scope(self, fn: "FunctionInfo") -> bool:
        return self.scope is None or fn.qualname in self.scope

    def functions(self) -> Iterator["FunctionInfo"]:
        """Functions in scope, in file order."""
        for fn in self.index.functions.values():
            if self.in_scope(fn):
                yield fn


class Rule(abc.ABC):
    """Base class of all rules. Subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    bug_class: ClassVar[str] = ""  # W1..W6, C1..C6, S1..S5, P1..P6
    component_types: ClassVar[tuple[str, ...]] = ()
    #: "safe" | "unsafe" | None (no fix)
    fix_safety: ClassVar[FixSafety | None] = None
    VALID: ClassVar[tuple[Example, ...]] = ()
    INVALID: ClassVar[tuple[Example, ...]] = ()
    #: What ``ctx.scope`` holds for this rule: ``"components"`` (default: the code reachable from
    #: components of ``component_types``) or ``"all"`` (every function, e.g. rules that look at the
    #: *callers* of tasks; the rule narrows down itself) or ``"long-lived"`` (the code that runs in a process
    #: outliving one run: :meth:`Project.long_lived_scope`, for state carried from run to run).
    #: ``--all-code`` gives every rule all code.
    scope: ClassVar[str] = "components"
    #: The bug is what the code leaves behind when its work fails (a lock still held, a temp file, an
    #: open handle), so the reported error is the bug's *trigger* (an API outage, a full disk) and a
    #: correct fix lets it still happen. A generated reproduction that still fails with that same error
    #: then does not reject the fix; the rule's regression test (an oracle that injects the failure
    #: itself) must prove it instead.
    reported_error_is_trigger: ClassVar[bool] = False
    #: A cheap pre-filter: strings of which at least one occurs in the source of every project this rule can
    #: report in (``("pyspark",)``: no file mentions pyspark, no Spark rule). The engine skips the rule on a
    #: project whose files contain none of them. Empty (the default): the rule always runs. Declare only
    #: what is necessary: the rule's INVALID examples are checked against it (tests/test_prefilter.py).
    requires: ClassVar[tuple[str, ...]] = ()
    #: False for an opt-in rule: not in the default selection, run when a user's selector names it (its
    #: docs say why: what it finds is mostly by design in real code, as ruff keeps such rules out of its
    #: defaults).
    default: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.code:
            if cls.code in REGISTRY and REGISTRY[cls.code] is not cls:
                raise RuntimeError(f"duplicate rule code {cls.code}: {REGISTRY[cls.code].__module__} and {cls.__module__}")
            REGISTRY[cls.code] = cls

    # ------------------------------------------------------------------ detection
    @abc.abstractmethod
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        """Yield findings. Never edits anything."""

    def finding(self, fn: "FunctionInfo | None", node: ast.AST, message: str, *, file: str | None = None,
                related: Iterable[Related | tuple[str, int, str]] = (), payload: Any = None) -> Finding:
        """A Finding of this rule at ``node`` (inside ``fn``). ``related``: further locations (legacy
        ``(path, line, note)`` tuples are read as :class:`~rootfix.types.Related` without a role);
        ``payload``: what this rule's ``fix`` needs again (the nodes found), private to the rule."""
        return Finding(
            code=self.code, rule=self.name, message=message,
            file=file or (fn.file if fn else ""), line=getattr(node, "lineno", 1),
            col=getattr(node, "col_offset", 0), end_line=getattr(node, "end_lineno", None),
            end_col=getattr(node, "end_col_offset", None), symbol=fn.symbol if fn else "",
            bug_class=self.bug_class, fixable=self.fix_safety is not None,
            fix_safety=self.fix_safety, related=tuple(related), payload=payload,
        )

    # ------------------------------------------------------------------ fixing
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        """A patch (LibCST codemod output) fixing ``finding``, or None when no fix applies here.

        May span files (a task and its call sites). Adds a log line through the module's
        existing logger where the fix handles a failure mode.
        """
        return None

    def regression(self, index: "RepoIndex", finding: Finding) -> RegressionSpec | None:
        """What a test that fails on the buggy code and passes once ``finding`` is fixed must check
        (``rootfix.regress`` writes it in the project's style); None when no such test can be written."""
        return None

    # ------------------------------------------------------------------ docs
    @classmethod
    def documentation(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        doc = cls.documentation()
        for line in doc.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                return line
        return cls.name


def load_all_rules() -> dict[str, type[Rule]]:
    """Import every rule module (``rootfix.rules.<component>.*``) so they register; return the registry."""
    import importlib
    import pkgutil

    import rootfix.rules as pkg

    for info in pkgutil.walk_packages(pkg.__path__, prefix="rootfix.rules."):
        importlib.import_module(info.name)
    return dict(sorted(REGISTRY.items()))


# --------------------------------------------------------------------------- the project's tests, replayed
def owner_replay(index: "RepoIndex", owner: "FunctionInfo", templates: tuple[str, str], check: str,
                 infix: str, params: Mapping[str, str] | None = None,
                 command: str | None = None) -> DirectTest | None:
    """The project's tests that run ``owner`` (a job function, or a method of a class the job builds), each
    replayed through ``check`` with ``owner`` wrapped. ``templates`` are the test's head (docstring, imports) and
    body; ``owner_targets`` (``_targets()``: where ``owner`` is looked up) is rendered between them.
    The tests of a management command's module are those running the command by name, as are those of
    ``command`` when given (the command whose run shows the bug, when the owner is a helper it calls)."""
    import ast as _ast

    from rootfix.project.model import Project, is_test_file

    if owner.node.decorator_list or "." in (owner.class_name or "") \
            or "." in owner.symbol.removeprefix(f"{owner.class_name}.") or isinstance(owner.node, _ast.AsyncFunctionDef):
        return None
    target = f"{owner.module}.{owner.node.name}"
    importers = sorted(m.module for m in index.by_path.values()
                       if m.module != owner.module and not owner.class_name
                       and any(v == target for k, v in m.imports.items() if k == owner.node.name))
    project = Project.of(index)
    command = command or next((c.name for c in project.components
                               if c.flavor == "management-command" and c.file == owner.file), None)
    if command is None and not any(is_test_file(m.path) and any(v.startswith(owner.module) for v in m.imports.values())
                                   for m in index.by_path.values()):
        # no test imports the function's module: the tests that run it are those running a command that does
        command = next((c.name for c in project.components if c.flavor == "management-command"
                        and owner.qualname in project.reach(c)), None)
    params = dict(owner_module_repr=repr(owner.module), owner_class_repr=repr(owner.class_name),
                  attr_repr=repr(owner.node.name), importers_repr=repr(importers), **(params or {}))
    # the template's docstring and imports, then where the function is looked up, then its checks
    return DirectTest(owner.symbol, owner.file, (templates[0], "owner_targets", templates[1]), params,
                      calls=ProjectTestCalls(owner, check, infix=infix, beside=True, command=command))
