"""Frozen dataclasses that the stages exchange.

This module depends on nothing else in the package: every stage imports from
here, never from another stage's internals, to pass data along the pipeline::

    intake -> discover -> reproduce -> localize -> fix -> validate -> report

Paths inside these records are relative to the repository root (POSIX style)
unless a field says otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Literal

COMPONENT_TYPES: tuple[str, ...] = ("background-worker", "cli-tool", "scheduled-job", "pyspark-job")
ComponentType = Literal["background-worker", "cli-tool", "scheduled-job", "pyspark-job"]

# The closed sets the records use (a typo in one is a type error, not a silent mismatch).
FixSafety = Literal["safe", "unsafe"]
OutcomeStatus = Literal["fixed", "proposed", "no_fix", "error"]
TestStatus = Literal["passed", "failed", "error", "skipped"]
ReproductionKind = Literal["report-nodeid", "report-command", "failing-tests", "generated", "none"]
#: The reproduction before -> after a candidate (``Verdict.reproduction``); a verdict without a candidate run
#: records only the before state.
ReproductionFlip = Literal["failed->passed", "failed->failed", "passed->passed", "passed->failed", "failed",
                           "passed", "not-run"]
ErrorKind = Literal["python-traceback", "celery-log", "spark", "command-output", "none"]
LogSource = Literal["celery", "django", "spark", "python-logging"]
LogEvent = Literal["received", "succeeded", "raised", "retry", "failed"]
CodeRefKind = Literal["function", "class", "method", "model"]

#: Rule code prefix for each component type (``WRK301`` is a background-worker rule).
COMPONENT_PREFIX: dict[str, str] = {
    "background-worker": "WRK",
    "cli-tool": "CMD",
    "scheduled-job": "JOB",
    "pyspark-job": "SPK",
}


# --------------------------------------------------------------------------- intake
@dataclass(frozen=True)
class BugReport:
    """The user's bug report (SPEC.md: "The bug report")."""

    component_type: str
    component_name: str
    bug_description: str
    expected_behavior: str
    actual_behavior: str
    error_message: str = ""
    reproduce: str = ""
    test_command: str = ""
    #: Further variables a user template may ask for, as sorted (name, value) pairs.
    extra: tuple[tuple[str, str], ...] = ()
    #: Where the report came from (a file path, or "<flags>").
    source: str = ""

    def variables(self) -> dict[str, str]:
        """Every key of the report as template variables (empty optional keys included)."""
        base = {
            "component_type": self.component_type,
            "component_name": self.component_name,
            "bug_description": self.bug_description,
            "expected_behavior": self.expected_behavior,
            "actual_behavior": self.actual_behavior,
            "error_message": self.error_message,
            "reproduce": self.reproduce,
            "test_command": self.test_command,
        }
        base.update(dict(self.extra))
        return base


@dataclass(frozen=True)
class TemplateVariable:
    name: str
    description: str = ""
    required: bool = False


@dataclass(frozen=True)
class Template:
    """A prompt template: YAML front matter plus a body with ``{{variable}}`` placeholders."""

    name: str
    category: str
    description: str
    version: str
    variables: tuple[TemplateVariable, ...]
    body: str
    path: str = ""


@dataclass(frozen=True)
class Frame:
    """One stack frame of a traceback."""

    path: str  # as printed in the traceback
    line: int
    function: str
    text: str = ""  # the source line, if printed
    #: The frame's file relative to the repo root, when it was found in the repo.
    repo_path: str | None = None
    #: True when the frame is the project's code (not site-packages / stdlib).
    is_project: bool = False


@dataclass(frozen=True)
class ExceptionRecord:
    """One exception of a (possibly chained) traceback."""

    exc_type: str  # as printed, e.g. "orders.models.Order.DoesNotExist"
    message: str
    frames: tuple[Frame, ...] = ()
    #: How this exception relates to the one before it in the chain:
    #: "" (first), "context" (During handling ...), "cause" (direct cause ...).
    relation: str = ""


@dataclass(frozen=True)
class LogLine:
    """A structured log line (Celery worker, Django command, Spark driver)."""

    source: LogSource
    level: str  # INFO, WARNING, ERROR, ...
    message: str
    task_name: str | None = None
    task_id: str | None = None
    event: LogEvent | None = None


@dataclass(frozen=True)
class ParsedError:
    """Everything that could be read from a report's ``error_message``."""

    exceptions: tuple[ExceptionRecord, ...] = ()
    log_lines: tuple[LogLine, ...] = ()
    #: Celery task names / command names mentioned in the logs.
    mentioned_names: tuple[str, ...] = ()
    kind: ErrorKind = "none"

    @property
    def final(self) -> ExceptionRecord | None:
        """The exception that was finally raised (last in the chain)."""
        return self.exceptions[-1] if self.exceptions else None

    @property
    def project_frames(self) -> tuple[Frame, ...]:
        return tuple(f for e in self.exceptions for f in e.frames if f.is_project)


# --------------------------------------------------------------------------- discover
@dataclass(frozen=True)
class Component:
    """A runnable unit of the project that users name in bug reports."""

    type: ComponentType  # one of COMPONENT_TYPES
    #: How it is defined: celery-task, celery-task-class, rq-job, management-command,
    #: script, beat-schedule, django-crontab, apscheduler, crontab, k8s-cronjob, pyspark-job
    flavor: str
    name: str  # the primary name (task name, command name, job module name)
    aliases: tuple[str, ...]  # every other name users call it by
    file: str  # file holding the code that runs (repo-relative)
    symbol: str  # function, Class.method or Class
    line: int
    #: For schedule entries: what they invoke (task name or command name).
    target: str | None = None
    #: Where a schedule entry or command invocation is declared, if not ``file``.
    declared_in: str | None = None
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CodeRef:
    """A function or class of the project, with why it is related."""

    file: str
    symbol: str
    line: int
    end_line: int
    kind: CodeRefKind
    depth: int = 0  # call/import distance from the component
    via: str = ""  # e.g. "called from orders.services.place_order"


@dataclass(frozen=True)
class RelatedCode:
    component: Component
    refs: tuple[CodeRef, ...]
    models: tuple[CodeRef, ...]


# --------------------------------------------------------------------------- rules
@dataclass(frozen=True)
class Related:
    """A further location that takes part in a finding: the helper an enqueue goes through, the
    transaction it runs in, the task it publishes (``role``), with a sentence for people (``note``)."""

    path: str
    line: int
    role: str = ""  # e.g. "transaction", "helper", "task", "retry-site", "noqa-code"; "" when not told
    note: str = ""

    def __iter__(self) -> Iterator[Any]:
        """``path, line, note = related`` -- the shape of the anonymous tuple this record replaces, kept
        while rule modules written against it are moved over."""
        return iter((self.path, self.line, self.note))


def _related(items: object) -> tuple[Related, ...]:
    out = []
    for r in items or ():  # type: ignore[union-attr]
        if isinstance(r, Related):
            out.append(r)
        elif isinstance(r, dict):
            out.append(Related(r.get("path") or r.get("file", ""), int(r.get("line", 0)), r.get("role", ""),
                               r.get("note", "")))
        else:  # a legacy (path, line, note) tuple
            path, line, note = r
            out.append(Related(path, line, "", note))
    return tuple(out)


@dataclass(frozen=True)
class Finding:
    """One rule finding. Detection never edits: a fix is built separately."""

    code: str  # e.g. WRK301
    rule: str  # readable name, e.g. enqueue-in-atomic
    message: str
    file: str
    line: int
    col: int = 0
    end_line: int | None = None
    end_col: int | None = None
    symbol: str = ""  # enclosing function / Class.method
    bug_class: str = ""  # W3
    fixable: bool = False
    fix_safety: FixSafety | None = None
    #: Further locations that take part (e.g. the helper an enqueue goes through).
    related: tuple[Related, ...] = ()
    #: Rule-private data for the rule's own ``fix`` (the nodes it found, so it need not find them again by
    #: line). Valid only with the index the finding was made on; never compared, printed or cached.
    payload: Any = field(default=None, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        if self.related and not all(isinstance(r, Related) for r in self.related):
            object.__setattr__(self, "related", _related(self.related))


@dataclass(frozen=True)
class FileChange:
    """A whole-file replacement (path relative to the repo root)."""

    path: str
    old: str | None  # None: the file is new
    new: str
    #: The patch deletes the file (``new`` is then ""): a diff may delete, a whole-file edit cannot say so.
    deleted: bool = False


@dataclass(frozen=True)
class Patch:
    changes: tuple[FileChange, ...]
    #: Repo-relative paths of test files this patch adds (subset of ``changes``).
    tests_added: tuple[str, ...] = ()

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(c.path for c in self.changes if c.path not in self.tests_added)


@dataclass(frozen=True)
class Candidate:
    """A proposed fix: a patch plus where it came from and why."""

    strategy: str  # "rule:WRK301" | "llm:MODEL" | "user"
    patch: Patch
    explanation: str = ""
    finding: Finding | None = None
    #: Pytest node ids (repo-relative) of the regression tests the patch adds.
    regression_tests: tuple[str, ...] = ()


# --------------------------------------------------------------------------- validate / reproduce
@dataclass(frozen=True)
class TestOutcome:
    nodeid: str
    outcome: TestStatus
    duration: float = 0.0
    message: str = ""


@dataclass(frozen=True)
class TestRun:
    command: tuple[str, ...]
    returncode: int | None
    outcomes: tuple[TestOutcome, ...]
    duration: float
    timed_out: bool = False
    output: str = ""  # capped tail of stdout+stderr
    flaky: tuple[str, ...] = ()  # failed, then passed on rerun

    def _count(self, *kinds: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome in kinds)

    @property
    def passed(self) -> int:
        return self._count("passed")

    @property
    def failed(self) -> int:
        return self._count("failed", "error")

    @property
    def failing(self) -> frozenset[str]:
        return frozenset(o.nodeid for o in self.outcomes if o.outcome in ("failed", "error"))


@dataclass(frozen=True)
class Reproduction:
    """How the bug is shown, and whether it was."""

    kind: ReproductionKind
    #: pytest node ids, or a shell command (for report-command).
    targets: tuple[str, ...] = ()
    command: str = ""
    reproduced: bool = False  # it failed on the buggy code
    matched_error: bool | None = None  # it failed with the reported error (None: no error given)
    exc_type: str = ""
    output: str = ""
    #: A generated reproduction test: (repo-relative path, file contents).
    generated_file: tuple[str, str] | None = None
    #: Why it did or did not count (a timed-out run, failures unrelated to the report...).
    note: str = ""


@dataclass(frozen=True)
class Spectrum:
    """Per-line coverage of the project's tests: which tests ran each line, and their outcomes."""

    covered: dict[str, dict[int, frozenset[str]]]  # repo-relative file -> line -> test ids
    failed: frozenset[str]
    passed: frozenset[str]


@dataclass(frozen=True)
class Suspect:
    file: str
    symbol: str
    line: int
    score: float
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    reason: str
    reproduction: ReproductionFlip = "not-run"
    regression_failed_before: bool | None = None
    regression_passed_after: bool | None = None
    baseline: TestRun | None = None
    after: TestRun | None = None
    regressions: tuple[str, ...] = ()
    edited_tests: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageTiming:
    stage: str
    seconds: float


ProgressCallback = Callable[[str, str], None]
"""``progress(stage, message)``: reported by long-running stages for live display."""


@dataclass(frozen=True)
class FixOutcome:
    """Everything ``rootfix fix`` learned; the report stage renders it."""

    #: "fixed" (validated) | "proposed" (a rule's fix that no oracle could prove: in fix.diff, exit 1)
    #: | "no_fix" | "error"
    status: OutcomeStatus
    report: BugReport
    component: Component | None
    parsed_error: ParsedError | None = None
    reproduction: Reproduction | None = None
    suspects: tuple[Suspect, ...] = ()
    findings: tuple[Finding, ...] = ()
    root_cause: Finding | Suspect | None = None
    candidate: Candidate | None = None
    verdict: Verdict | None = None
    rejected: tuple[tuple[Candidate, Verdict], ...] = ()
    similar: tuple[Finding, ...] = ()
    timings: tuple[StageTiming, ...] = ()
    message: str = ""
    repo: str = ""  # absolute path of the user's repo
    applied: bool = False
    fingerprints: tuple[tuple[str, str], ...] = field(default=())  # (path, sha256 at validation)


# --------------------------------------------------------------------------- the steps of a run
# ``rootfix fix`` is prepare -> measure -> localize -> propose/validate -> conclude (:mod:`rootfix.pipeline`);
# ``localize``, ``validate`` and ``prompt`` run a prefix of the same steps. Each step returns one of these.
@dataclass(frozen=True)
class Subject:
    """What ``prepare`` learned without running anything: the report's parsed error, the component it names
    (or the code it points at) and the code that component reaches."""

    report: BugReport
    repo: str  # absolute path of the user's repo
    parsed: ParsedError
    component: Component
    related: RelatedCode | None
    #: The ``RepoIndex`` (``rootfix.discover``) every fact above was read from.
    index: Any = field(compare=False, repr=False)
    #: How the component was found when not by its name ("" when it was).
    note: str = ""


@dataclass(frozen=True)
class Toolchain:
    """How the project's tests run: its interpreter and its test command."""

    python: str
    test_command: tuple[str, ...]


@dataclass(frozen=True)
class Measurement:
    """What ``measure`` ran on the unpatched code: the selected tests' baseline and the reproduction."""

    toolchain: Toolchain
    #: The tests run (a ``rootfix.validate.select.Selection``); None for the whole suite, unselected.
    selection: Any
    baseline: TestRun
    reproduction: Reproduction
    #: What was run and how it ended, for the user (selection, timeouts, the reproduction's note).
    notes: tuple[str, ...] = ()

    @property
    def nodeids(self) -> tuple[str, ...]:
        """The selected tests (empty: the whole suite)."""
        return tuple(self.selection.targets) if self.selection is not None else ()


@dataclass(frozen=True)
class Localization:
    """Suspects for a report, best first, with the rule findings on the component's code."""

    component: Component
    suspects: tuple[Suspect, ...]
    findings: tuple[Finding, ...]
    reproduction: Reproduction | None = None
    baseline: TestRun | None = None
    #: What was run and how it ended, for the user (selection, timeouts, unrelated failures).
    notes: tuple[str, ...] = ()
    #: The findings elsewhere in the project (candidates for "similar bugs").
    elsewhere: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Judgement:
    """Candidates proposed (``candidates``: not judged yet) and validated: the accepted ones, the rejected or
    unusable ones, and the file fingerprints each candidate was validated against
    (``(candidate key, ((path, sha256), ...))``)."""

    candidates: tuple[Candidate, ...] = ()
    accepted: tuple[tuple[Candidate, Verdict], ...] = ()
    rejected: tuple[tuple[Candidate, Verdict], ...] = ()
    fingerprints: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
