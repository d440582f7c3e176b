"""Rank suspect functions by combining the evidence rootfix has.

Coarse to fine: the component's reachable code is the candidate set (file -> function), each
candidate gets a score from four independent signals, and every suspect keeps the evidence
that raised it:

* traceback frames in project code (the innermost project frame weighs most),
* rule findings on the component's reachable code (a known bug class at that spot),
* spectrum-based fault localization (Ochiai over per-test coverage) when failing tests exist,
* text similarity between the bug report and the function's code.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rootfix.localize import sbfl, text
from rootfix.project.model import REACH_DEPTH, Project, is_test_file
from rootfix.types import BugReport, Component, Finding, ParsedError, Spectrum, Suspect

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

WEIGHTS = {"traceback": 0.30, "finding": 0.40, "sbfl": 0.25, "text": 0.10, "component": 0.05}


def _function_source(index: "RepoIndex", fn: "FunctionInfo") -> str:
    lines = index.module_of(fn).lines
    return "\n".join(lines[fn.line - 1: fn.end_line])


def rank_suspects(
    index: "RepoIndex",
    report: BugReport,
    *,
    component: Component | None = None,
    parsed: ParsedError | None = None,
    findings: Iterable[Finding] = (),
    spectrum: Spectrum | None = None,
    candidates: Iterable["FunctionInfo"] | None = None,
    limit: int = 10,
) -> tuple[Suspect, ...]:
    """Suspect functions, best first, each with its evidence."""
    pool: dict[str, "FunctionInfo"] = {}
    if candidates is not None:
        pool.update((fn.qualname, fn) for fn in candidates)
    elif component is not None:
        pool.update(Project.of(index).reach(component, depth=REACH_DEPTH))
    if not pool:
        pool = dict(index.functions)
    pool = {q: fn for q, fn in pool.items() if not is_test_file(fn.file)}

    scores: dict[str, float] = {q: 0.0 for q in pool}
    evidence: dict[str, list[str]] = {q: [] for q in pool}
    lines: dict[str, int] = {q: fn.line for q, fn in pool.items()}

    def add(fn: "FunctionInfo", signal: str, weight: float, why: str, line: int | None = None) -> None:
        if is_test_file(fn.file):
            return
        if fn.qualname not in pool:
            pool[fn.qualname] = fn
            scores[fn.qualname] = 0.0
            evidence[fn.qualname] = []
            lines[fn.qualname] = fn.line
        scores[fn.qualname] += WEIGHTS[signal] * weight
        evidence[fn.qualname].append(why)
        if line:
            lines[fn.qualname] = line

    if component is not None:
        fn = index.enclosing_function(component.file, component.line)
        if fn is not None:
            add(fn, "component", 1.0, f"the reported component {component.name} runs this code")

    if parsed is not None:
        frames = [f for f in parsed.project_frames if f.repo_path]
        for depth, frame in enumerate(reversed(frames)):
            fn = index.enclosing_function(frame.repo_path or "", frame.line)
            if fn is None:
                continue
            weight = 1.0 / (1 + depth)
            add(fn, "traceback", weight,
                f"traceback frame {frame.repo_path}:{frame.line} in {frame.function}", frame.line)

    for finding in findings:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            continue
        add(fn, "finding", 1.0, f"{finding.code} ({finding.rule}) at {finding.file}:{finding.line}: {finding.message}",
            finding.line)

    if spectrum is not None and spectrum.failed:
        for qualname, (score, line) in sbfl.function_scores(index, spectrum).items():
            fn = index.functions.get(qualname)
            if fn is not None and (qualname in pool or score >= 0.5):
                add(fn, "sbfl", score, f"Ochiai {score:.2f}: line {line} runs in {len(spectrum.failed)} failing test(s)", line)

    query = text.join([report.component_name, report.bug_description, report.actual_behavior, report.error_message])
    docs = {q: f"{fn.symbol}\n{_function_source(index, fn)}" for q, fn in pool.items()}
    for qualname, sim in text.similarity(query, docs).items():
        if sim > 0.05:
            terms = text.shared_terms(query, docs[qualname])
            add(pool[qualname], "text", min(1.0, sim * 2),
                f"report text similarity {sim:.2f} ({', '.join(terms)})" if terms else f"report text similarity {sim:.2f}")

    ranked = sorted((q for q in pool if evidence[q]), key=lambda q: (-scores[q], pool[q].file, pool[q].line))
    return tuple(
        Suspect(file=pool[q].file, symbol=pool[q].symbol, line=lines[q], score=round(scores[q], 3),
                evidence=tuple(evidence[q]))
        for q in ranked[:limit]
    )
