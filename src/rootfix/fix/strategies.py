"""Fix strategies: where candidate patches come from.

A :class:`FixStrategy` turns what the earlier stages learned (a :class:`FixContext`) into
:class:`~rootfix.types.Candidate` s; validation decides which, if any, is a fix. Strategies are
registered by name (:func:`register`); the pipeline asks the enabled ones in order:

* ``rule`` (:class:`RuleStrategy`): each fixable rule finding in the component's reachable code
  becomes a candidate: the rule's codemod plus the rule's regression test;
* ``llm`` (:class:`rootfix.fix.llm.LLMStrategy`): search/replace edits from an OpenAI-compatible
  endpoint, for bugs no rule knows (only with ``--llm``).

A strategy never raises for a problem of its own making: it returns the candidate it could not
build as *rejected*, with the reason (see :class:`Proposals`).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol, runtime_checkable

from rootfix.project.model import is_test_file as is_test_path
from rootfix.discover.parse import parse_tree
from rootfix.regress import regression_test
from rootfix.report.diff import diff_size
from rootfix.types import (
    BugReport, Candidate, Component, FileChange, Finding, ParsedError, Patch, ProgressCallback, RelatedCode,
    Reproduction, Suspect, Verdict,
)

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex


def _quiet(stage: str, message: str) -> None:
    pass


@dataclass
class FixContext:
    """What the fix stage knows when it asks strategies for candidates."""

    repo: Path
    report: BugReport
    index: "RepoIndex"
    component: Component | None
    related: RelatedCode | None = None
    parsed: ParsedError | None = None
    reproduction: Reproduction | None = None
    suspects: tuple[Suspect, ...] = ()
    #: rule findings on the component's reachable code (and the callers W3-style rules look at)
    findings: tuple[Finding, ...] = ()
    #: options of individual strategies (e.g. ``{"llm": LLMConfig(...)}``)
    options: dict[str, Any] = field(default_factory=dict)
    progress: ProgressCallback = _quiet


@dataclass
class Proposals:
    """A strategy's answer: candidates to validate, and those it already knows are unusable."""

    candidates: list[Candidate] = field(default_factory=list)
    rejected: list[tuple[Candidate, Verdict]] = field(default_factory=list)

    def extend(self, other: "Proposals") -> None:
        self.candidates.extend(other.candidates)
        self.rejected.extend(other.rejected)


@runtime_checkable
class FixStrategy(Protocol):
    """Something that proposes candidate fixes."""

    name: str

    def enabled(self, ctx: FixContext) -> bool:
        """Whether this strategy applies to this run (e.g. the LLM one only with ``--llm``)."""
        ...

    def propose(self, ctx: FixContext) -> Proposals:
        """Candidates for the bug in ``ctx``; never raises for its own failures."""
        ...


#: name -> factory of the strategy, in the order they are asked.
_REGISTRY: dict[str, Callable[[], FixStrategy]] = {}


def register(name: str, factory: Callable[[], FixStrategy]) -> None:
    """Register (or replace) a strategy under ``name``."""
    _REGISTRY[name] = factory


def strategies(names: list[str] | None = None) -> list[FixStrategy]:
    """The registered strategies (all, or ``names``, in registry order)."""
    _ensure_builtin()
    return [factory() for name, factory in _REGISTRY.items() if names is None or name in names]


def rejected(strategy: str, reason: str, *, finding: Finding | None = None, explanation: str = "",
             patch: Patch | None = None) -> tuple[Candidate, Verdict]:
    """A candidate that could not be built or applied, with the reason."""
    return (Candidate(strategy=strategy, patch=patch or Patch(()), explanation=explanation, finding=finding),
            Verdict(accepted=False, reason=reason))


# --------------------------------------------------------------------------- helpers
def test_nodeids(path: str, source: str) -> tuple[str, ...]:
    """Pytest node ids of the tests defined in a test module's source."""
    try:
        tree = parse_tree(source)
    except SyntaxError:
        return ()
    out: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            out.append(f"{path}::{node.name}")
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)) and sub.name.startswith("test"):
                    out.append(f"{path}::{node.name}::{sub.name}")
    return tuple(out)


def _free_path(repo: Path, path: str, taken: set[str]) -> str:
    """``path``, or ``path`` with a numeric suffix when it exists (never overwrite a project's test)."""
    if not (repo / path).exists() and path not in taken:
        return path
    stem, dot, ext = path.rpartition(".")
    n = 2
    while (repo / f"{stem}_{n}.{ext}").exists() or f"{stem}_{n}.{ext}" in taken:
        n += 1
    return f"{stem}_{n}.{ext}"


def add_test(repo: Path, patch: Patch, path: str, source: str) -> tuple[Patch, str]:
    """``patch`` plus a new test file (renamed if ``path`` exists), and the path it got."""
    taken = {c.path for c in patch.changes}
    path = _free_path(repo, path, taken)
    return (Patch(patch.changes + (FileChange(path, None, source),),
                  tests_added=tuple(dict.fromkeys(patch.tests_added + (path,)))), path)


def patch_key(patch: Patch) -> tuple[tuple[str, str, bool], ...]:
    """Identity of a patch's effect (for dropping duplicate candidates)."""
    return tuple(sorted((c.path, c.new, c.deleted) for c in patch.changes if c.path not in patch.tests_added))


def smallest_first(cands: list[Candidate]) -> list[Candidate]:
    """Candidates without duplicates, smallest code change first (stable)."""
    seen: set[Any] = set()
    out: list[Candidate] = []
    for c in cands:
        key = patch_key(c.patch)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return sorted(out, key=lambda c: (diff_size(c.patch) if c.patch.changes else 10**9))


# --------------------------------------------------------------------------- rule strategy
class RuleStrategy:
    """Rule codemods: every fixable finding in the component's reachable code -> a candidate."""

    name = "rule"

    def enabled(self, ctx: FixContext) -> bool:
        return True

    def propose(self, ctx: FixContext) -> Proposals:
        from rootfix.rules.base import REGISTRY, load_all_rules

        if not REGISTRY:
            load_all_rules()
        out = Proposals()
        seen: set[tuple[str, str, int]] = set()
        for finding in ctx.findings:
            key = (finding.code, finding.file, finding.line)
            if key in seen or not finding.fixable:
                continue
            seen.add(key)
            strategy = f"rule:{finding.code}"
            rule_cls = REGISTRY.get(finding.code)
            if rule_cls is None:
                continue
            rule = rule_cls()
            try:
                patch = rule.fix(ctx.index, finding)
            except Exception as exc:  # a codemod that fails on this code is a rejected candidate, not a crash
                out.rejected.append(rejected(strategy, f"the {finding.code} fix failed here: "
                                             f"{type(exc).__name__}: {exc}", finding=finding))
                continue
            if patch is None or not patch.changes:
                out.rejected.append(rejected(strategy, f"{finding.code} has no automatic fix for this code",
                                             finding=finding))
                continue
            if any(c.old is not None and is_test_path(c.path) and c.path not in patch.tests_added
                   for c in patch.changes):
                out.rejected.append(rejected(strategy, "the fix edits an existing test file", finding=finding,
                                             patch=patch))
                continue
            nodeids: tuple[str, ...] = ()
            for c in patch.changes:
                if c.path in patch.tests_added:
                    nodeids += test_nodeids(c.path, c.new)
            try:
                test = regression_test(rule, ctx.index, finding)
            except Exception as exc:
                test = None
                ctx.progress("fix", f"{finding.code}: no regression test ({type(exc).__name__}: {exc})")
            if test is not None:
                patch, path = add_test(ctx.repo, patch, test[0], test[1])
                nodeids += test_nodeids(path, test[1]) or (path,)
            ctx.progress("fix", f"{strategy} at {finding.file}:{finding.line} ({finding.symbol or '?'})")
            out.candidates.append(Candidate(
                strategy=strategy, patch=patch, finding=finding, regression_tests=nodeids,
                explanation=f"{finding.code} ({finding.rule}): {finding.message}"))
        out.candidates = smallest_first(out.candidates)
        return out


# --------------------------------------------------------------------------- registry
_BUILTIN_LOADED = False


def _ensure_builtin() -> None:
    global _BUILTIN_LOADED
    if _BUILTIN_LOADED:
        return
    _BUILTIN_LOADED = True
    _REGISTRY.setdefault("rule", RuleStrategy)
    from rootfix.fix.llm import LLMStrategy

    _REGISTRY.setdefault("llm", LLMStrategy)


__all__ = ["FixContext", "FixStrategy", "Proposals", "RuleStrategy", "add_test", "is_test_path", "register",
           "rejected", "smallest_first", "strategies", "test_nodeids"]
