"""Rank suspect functions by combining the evidence rootfix has.

Coarse to fine: the component's reachable code (with its distance in calls, through the project
model's call graph) is the candidate set, each candidate gets a score from independent signals, and
every suspect keeps the evidence that raised it:

* traceback frames in project code: the innermost frame is where the error *surfaced*; the frames above
  it weigh nearly as much, because the cause is often one of them (the lock holder, the handler);
* rule findings on the component's reachable code (a known bug class at that spot);
* bug-class hazards (:mod:`rootfix.localize.hazards`): the class the report's symptoms point to, found in
  a function's code (a lock released outside ``finally``, an error swallowed, a whole table loaded);
* spectrum-based fault localization (Ochiai over per-test coverage) when failing tests exist;
* text similarity between the report and the function's identifiers and string literals.

Signals found in callees count less the further they are from the component.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rootfix.localize import sbfl, text
from rootfix.project.model import COMPONENT_REACH_DEPTH, REACH_DEPTH, Project, is_test_file
from rootfix.types import BugReport, Component, Finding, ParsedError, Spectrum, Suspect

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

WEIGHTS = {"traceback": 0.30, "finding": 0.40, "sbfl": 0.25, "hazard": 0.30, "text": 0.15, "component": 0.05}
#: How much a signal found ``d`` calls away from the component counts: callees are candidates, nearer ones first.
DISTANCE_DECAY = 0.2
#: Factor for functions the component does not reach (whole-project widening, traceback frames elsewhere).
UNREACHED = 0.5
#: Bug-class letter of each component type, and the factor for a finding of another family.
_FAMILY = {"background-worker": "W", "cli-tool": "C", "scheduled-job": "S", "pyspark-job": "P"}
FOREIGN_FAMILY = 0.8
#: Innermost project frame vs the frames above it: where the error surfaced is evidence, not the verdict.
INNERMOST, ABOVE = 1.0, 0.8


def _factor(dist: int | None) -> float:
    return UNREACHED if dist is None else 1.0 / (1.0 + DISTANCE_DECAY * dist)


def _distances(index: "RepoIndex", starts: Iterable["FunctionInfo"], depth: int) -> dict[str, tuple[int, "FunctionInfo"]]:
    """qualname -> (calls away, function) from ``starts``, following the project model's call graph (model
    methods called on instances, service objects built in place, helpers in other modules)."""
    from rootfix.project import values

    out: dict[str, tuple[int, FunctionInfo]] = {}
    frontier = []
    for fn in starts:
        if fn.qualname not in out:
            out[fn.qualname] = (0, fn)
            frontier.append(fn)
    for d in range(1, depth + 1):
        nxt = []
        for f in frontier:
            try:
                callees = values.callees(index, f)
            except Exception:
                callees = [c for c, _ in index.callees(f)]
            for c in callees:
                if c.qualname not in out:
                    out[c.qualname] = (d, c)
                    nxt.append(c)
        frontier = nxt
    return out


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
    """Suspect functions, best first, each with its evidence.

    Candidates are the component's reach (with its distance in calls) and the traceback's frames; when the
    report gives no traceback, no finding and no failing test, the whole project is searched too (at a
    discount). Signals: traceback frames (the innermost is where the error surfaced, not necessarily the
    cause), rule findings, bug-class hazards the report's symptoms point to (:mod:`rootfix.localize.hazards`),
    Ochiai over per-test coverage, and report/code similarity over identifiers and string literals.
    """
    from rootfix.localize import hazards as hz

    pool: dict[str, "FunctionInfo"] = {}
    dist: dict[str, int] = {}
    if candidates is not None:
        pool.update((fn.qualname, fn) for fn in candidates)
    elif component is not None:
        project = Project.of(index)
        pool.update(project.reach(component, depth=REACH_DEPTH))
        start = project.component_function(component)
        for q, (d, fn) in _distances(index, [start] if start else [], COMPONENT_REACH_DEPTH).items():
            pool.setdefault(q, fn)
            dist[q] = d
        for q in pool:
            dist.setdefault(q, REACH_DEPTH)  # related code discovery found for the component
    findings = list(findings)
    frames = [f for f in parsed.project_frames if f.repo_path] if parsed is not None else []
    weak = not frames and not findings and not (spectrum is not None and spectrum.failed)
    if not pool or weak:
        for q, fn in index.functions.items():
            pool.setdefault(q, fn)
    pool = {q: fn for q, fn in pool.items() if not is_test_file(fn.file)}

    scores: dict[str, float] = {q: 0.0 for q in pool}
    evidence: dict[str, list[str]] = {q: [] for q in pool}
    lines: dict[str, int] = {q: fn.line for q, fn in pool.items()}
    by_signal: dict[str, dict[str, float]] = {}

    def add(fn: "FunctionInfo", signal: str, weight: float, why: str, line: int | None = None) -> None:
        if is_test_file(fn.file):
            return
        if fn.qualname not in pool:
            pool[fn.qualname] = fn
            scores[fn.qualname] = 0.0
            evidence[fn.qualname] = []
            lines[fn.qualname] = fn.line
        scores[fn.qualname] += WEIGHTS[signal] * weight
        by_signal.setdefault(fn.qualname, {}).setdefault(signal, 0.0)
        by_signal[fn.qualname][signal] += WEIGHTS[signal] * weight
        evidence[fn.qualname].append(why)
        if line:
            lines[fn.qualname] = line

    if component is not None:
        fn = index.enclosing_function(component.file, component.line)
        if fn is not None:
            add(fn, "component", 1.0, f"the reported component {component.name} runs this code")

    on_stack: set[str] = set()
    for depth, frame in enumerate(reversed(frames)):
        fn = index.enclosing_function(frame.repo_path or "", frame.line)
        if fn is None or fn.qualname in on_stack:
            continue
        on_stack.add(fn.qualname)
        dist[fn.qualname] = 0  # on the failure path: its hazards count in full
        if not on_stack - {fn.qualname}:
            add(fn, "traceback", INNERMOST,
                f"traceback frame {frame.repo_path}:{frame.line} in {frame.function}: the error surfaced here "
                "(innermost project frame; where it was raised, not necessarily its cause)",
                frame.line)
        else:
            add(fn, "traceback", ABOVE,
                f"traceback frame {frame.repo_path}:{frame.line} in {frame.function}: on the failing stack above "
                "the raise",
                frame.line)

    kinds = hz.symptom_kinds(report)
    # Several findings in reach: the one whose bug class and words the report's symptoms match counts most.
    symptoms = text.join([report.bug_description, report.actual_behavior, report.error_message])
    said_by = text.similarity(symptoms, {str(i): f"{f.rule.replace('-', ' ')}\n{f.message}"
                                         for i, f in enumerate(findings)}) if len(findings) > 1 else {}
    top_said = max(said_by.values(), default=0.0) or 1.0
    for i, finding in enumerate(findings):
        fn = index.enclosing_function(finding.file, finding.line) or next(
            (index.enclosing_function(r.path, r.line) for r in finding.related[:1]), None)  # a class body's
        if fn is None:
            continue
        kind = hz.RULE_CLASS_KINDS.get(finding.bug_class)
        weight = 1.0 if kind is None else 0.75 + 0.25 * kinds.get(kind, 0.0)
        if finding.bug_class in hz.BOOSTED_CLASS_KINDS:
            weight += 0.25 * kinds.get(hz.BOOSTED_CLASS_KINDS[finding.bug_class], 0.0)
        # a finding of another family than the reported component's (a job rule on the command that
        # starts a Spark job) is weaker evidence than one of the component's own classes
        if component is not None and finding.bug_class[:1] in _FAMILY.values() \
                and _FAMILY.get(component.type) not in (None, finding.bug_class[:1]):
            weight *= FOREIGN_FAMILY
        # code the reported component does not reach (a finding widened past its reach) counts less
        if fn.qualname not in dist and fn.qualname not in on_stack:
            weight *= UNREACHED
        if said_by:
            weight *= 0.85 + 0.15 * said_by.get(str(i), 0.0) / top_said
        add(fn, "finding", weight, f"{finding.code} ({finding.rule}) at {finding.file}:{finding.line}: {finding.message}",
            finding.line)

    if kinds:
        said = ", ".join(f"{k} {v:.1f}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]))
        for q, fn in list(pool.items()):
            found = hz.function_hazards(index, fn, frozenset(kinds), deep=q in dist)
            matched = sorted(((kinds[h.kind] * h.strength, h) for h in found), key=lambda t: -t[0])
            if not matched:
                continue
            best, h = matched[0]
            value = min(1.0, best + 0.25 * sum(v for v, _ in matched[1:]))
            d = dist.get(q)
            owner = q in on_stack and h.kind in ("lock", "resource", "swallow") and len(on_stack) > 1
            why = (f"{h.kind} hazard the report's symptoms point to ({said}): {h.why}"
                   + (f"; {d} call(s) from the component" if d else "")
                   + ("; this frame owns the resource/handler on the failing stack" if owner else ""))
            add(fn, "hazard", value * _factor(d) * (1.25 if owner else 1.0), why, h.line)

    if spectrum is not None and spectrum.failed:
        for qualname, (score, line) in sbfl.function_scores(index, spectrum).items():
            fn = index.functions.get(qualname)
            if fn is not None and (qualname in pool or score >= 0.5):
                add(fn, "sbfl", score, f"Ochiai {score:.2f}: line {line} runs in {len(spectrum.failed)} failing test(s)", line)

    # The component's name says where the report starts (the component signal), not where the bug is: with a
    # resolved component its words would only pull the ranking back to the entry point.
    query = text.join([report.component_name if component is None else "", report.bug_description,
                       report.actual_behavior, report.error_message])
    docs = {q: text.function_terms(fn.node, fn.symbol) for q, fn in pool.items()}
    for qualname, sim in text.similarity(query, docs).items():
        if sim > 0.05:
            terms = text.shared_terms(query, docs[qualname])
            d = dist.get(qualname)
            add(pool[qualname], "text", min(1.0, sim * 2) * _factor(d),
                (f"report text similarity {sim:.2f} ({', '.join(terms)})" if terms else f"report text similarity {sim:.2f}")
                + ("" if d is not None else "; outside the component's reach"))

    ranked = sorted((q for q in pool if evidence[q]), key=lambda q: (-scores[q], pool[q].file, pool[q].line))
    if len(ranked) > 1:  # say why the first beat the second, signal by signal
        first, second = by_signal.get(ranked[0], {}), by_signal.get(ranked[1], {})
        diffs = sorted(((first.get(k, 0.0) - second.get(k, 0.0), k) for k in set(first) | set(second)), reverse=True)
        said = ", ".join(f"{k} {d:+.2f}" for d, k in diffs if abs(d) >= 0.005)
        evidence[ranked[0]].append(f"ranked above {pool[ranked[1]].symbol} by {said}" if said
                                   else f"tied with {pool[ranked[1]].symbol}")
    return tuple(
        Suspect(file=pool[q].file, symbol=pool[q].symbol, line=lines[q], score=round(scores[q], 3),
                evidence=tuple(evidence[q]))
        for q in ranked[:limit]
    )
