"""The one place that calls the stages in order (``rootfix fix`` and ``rootfix demo``).

    intake -> discover -> baseline -> reproduce -> localize -> fix -> validate -> similar

:func:`run_fix` returns a :class:`~rootfix.types.FixOutcome`; it writes nothing into the user's
repo. :func:`apply_outcome` writes a validated fix (``--apply``), refusing when a file changed
since validation. A fix is "fixed" only when a candidate's verdict is accepted.

Bad input (an unknown component, a missing interpreter) raises ``UsageError``; an unexpected
failure of a stage after discovery ends the run with status ``error`` and what was learned so far.
"""
from __future__ import annotations

import difflib
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from rootfix.errors import UsageError
from rootfix.localize.relevance import relevance
from rootfix.project.model import Project
from rootfix.report.diff import diff_size
from rootfix.report.progress import DONE, STARTED
from rootfix.types import (
    COMPONENT_PREFIX, BugReport, Candidate, Component, Finding, FixOutcome, ParsedError, Patch, ProgressCallback, RelatedCode,
    Reproduction, StageTiming, Suspect, TestRun, Verdict,
)

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex
    from rootfix.fix.llm import LLMConfig

#: Candidates validated per strategy at most (smallest first).
MAX_CANDIDATES = 6


def _quiet(stage: str, message: str) -> None:
    pass


@dataclass
class _Run:
    """Mutable state of one run; frozen into a FixOutcome at the end."""

    report: BugReport
    repo: Path
    progress: ProgressCallback
    started: float = field(default_factory=time.monotonic)
    timings: list[StageTiming] = field(default_factory=list)
    parsed: ParsedError | None = None
    component: Component | None = None
    reproduction: Reproduction | None = None
    baseline: TestRun | None = None
    suspects: tuple[Suspect, ...] = ()
    findings: tuple[Finding, ...] = ()
    similar: tuple[Finding, ...] = ()
    rejected: list[tuple[Candidate, Verdict]] = field(default_factory=list)
    fingerprints: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def timed(self, stage: str):
        return _Stage(self, stage)

    def outcome(self, status: str, *, message: str = "", candidate: Candidate | None = None,
                verdict: Verdict | None = None, root_cause: Finding | Suspect | None = None) -> FixOutcome:
        timings = tuple(self.timings) + (StageTiming("total", time.monotonic() - self.started),)
        if verdict is None and self.baseline is not None:
            # no candidate was judged: still report the baseline the run measured
            verdict = Verdict(False, message or "no candidate fix", reproduction=_repro_state(self.reproduction),
                              baseline=self.baseline)
        fps = self.fingerprints.get(_cand_key(candidate), ()) if candidate is not None else ()
        return FixOutcome(
            status=status, report=self.report, component=self.component, parsed_error=self.parsed,
            reproduction=self.reproduction, suspects=self.suspects, findings=self.findings,
            root_cause=root_cause, candidate=candidate, verdict=verdict, rejected=tuple(self.rejected),
            similar=self.similar, timings=timings, message=message, repo=str(self.repo), fingerprints=fps)


class _Stage:
    def __init__(self, run: _Run, stage: str) -> None:
        self.run, self.stage = run, stage

    def __enter__(self) -> "_Stage":
        self.t0 = time.monotonic()
        self.run.progress(self.stage, STARTED)
        return self

    def __exit__(self, *exc: object) -> None:
        self.run.timings.append(StageTiming(self.stage, time.monotonic() - self.t0))

    def done(self, message: str) -> None:
        self.run.progress(self.stage, DONE + message)


def _repro_state(r: Reproduction | None) -> str:
    if r is None or r.kind == "none":
        return "not-run"
    return "failed" if r.reproduced else "passed"


def _cand_key(c: Candidate | None) -> str:
    if c is None:
        return ""
    return c.strategy + "|" + "|".join(f"{ch.path}:{hash(ch.new)}" for ch in c.patch.changes)


# --------------------------------------------------------------------------- discover helpers
def discover_api():
    """(build_index, discover_components, resolve_component, related_code) from ``rootfix.discover``."""
    from rootfix.discover import build_index, discover_components, related_code, resolve_component

    return build_index, discover_components, resolve_component, related_code


def component_function(index: "RepoIndex", component: Component) -> "FunctionInfo | None":
    """The indexed function a component runs (:meth:`rootfix.project.model.Project.component_function`)."""
    return Project.of(index).component_function(component)


def reachable_functions(index: "RepoIndex", component: Component,
                        related: RelatedCode | None = None) -> dict[str, "FunctionInfo"]:
    """Qualname -> function for the code a component runs (:meth:`rootfix.project.model.Project.reach`)."""
    return Project.of(index).reach(component, related)


def _all_findings(index: "RepoIndex") -> list[Finding]:
    """Every rule's findings on all code, noqa and the project's configuration applied.

    The component filter (:func:`split_findings`) is applied afterwards, so the same run also
    yields the "similar bugs elsewhere".
    """
    from rootfix.check.engine import run_check

    config = None
    try:
        from rootfix.config import read_config

        pyproject = index.root / "pyproject.toml"
        if pyproject.is_file():
            config = read_config(pyproject)
    except Exception:  # a broken [tool.rootfix] must not stop the fix
        config = None
    result = run_check([index.root], root=index.root, select="ALL", all_code=True, config=config,
                       use_cache=False)
    return [f for f in result.findings if f.code[:3] in ("WRK", "CMD", "JOB", "SPK")]


def _finding_fn(index: "RepoIndex", f: Finding) -> "FunctionInfo | None":
    info = index.by_path.get(f.file)
    if info is not None and f.symbol in info.functions:
        return info.functions[f.symbol]
    return index.enclosing_function(f.file, f.line)


def split_findings(index: "RepoIndex", component: Component, findings: Iterable[Finding],
                   reach: dict[str, "FunctionInfo"]) -> tuple[list[Finding], list[Finding]]:
    """(findings on the component's code, the others).

    A finding belongs to the component when it is in code the component runs, when one of its
    related locations is (a W3 finding in the caller that enqueues the task), or when it names
    the component (its task / command name).
    """
    names = {component.name, *component.aliases}
    if component.target:
        names.add(component.target)
    short = {n.rsplit(".", 1)[-1] for n in names if n}
    comp_fn = component_function(index, component)
    if comp_fn is not None:
        short.add(comp_fn.symbol.rsplit(".", 1)[-1])
    reach_files = {fn.file for fn in reach.values()}
    mine: list[Finding] = []
    other: list[Finding] = []
    for f in findings:
        fn = _finding_fn(index, f)
        hit = fn is not None and fn.qualname in reach
        if not hit:
            for rel in f.related:
                rfn = index.enclosing_function(rel.path, rel.line)
                if rfn is not None and rfn.qualname in reach:
                    hit = True
                    break
        if not hit and short:
            text = f.message
            hit = any(len(n) > 3 and (f"{n}(" in text or f"{n}." in text or f"`{n}`" in text or f"'{n}'" in text
                                      or f" {n} " in f" {text} ") for n in short)
        if not hit and not reach and f.file == component.file:
            hit = True
        (mine if hit else other).append(f)
    want = COMPONENT_PREFIX.get(component.type, "")
    # the component type's own rules first; then others (a beat task is also a worker task)
    mine.sort(key=lambda f: (not f.code.startswith(want), f.file not in reach_files, f.file, f.line))
    return mine, other


# --------------------------------------------------------------------------- unresolved names
def component_from_report(index: "RepoIndex", component_type: str, report: BugReport,
                          parsed: ParsedError | None) -> Component | None:
    """When the report's name matches nothing: the code its traceback or its words point at.

    The deepest project frame of the error (not a test); else the project function whose name the
    report's text mentions most (names of five letters or more, tests aside). None when neither.
    """
    import re

    from rootfix.discover.components import is_test_path

    if parsed is not None:
        for fr in reversed(parsed.project_frames):
            if fr.repo_path and not is_test_path(fr.repo_path):
                fn = index.enclosing_function(fr.repo_path, fr.line)
                if fn is not None:
                    return Component(component_type, "from-report", fn.qualname, (), fn.file, fn.symbol, fn.line,
                                     details=(("resolved", f"the error's traceback frame {fr.repo_path}:{fr.line}"),))
    text = " ".join((report.component_name, report.bug_description, report.actual_behavior,
                     report.error_message or ""))
    words: dict[str, int] = {}
    for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]{4,}", text):
        words[w] = words.get(w, 0) + 1
    best: tuple[int, int, str] | None = None
    pick = None
    for q, fn in index.functions.items():
        if is_test_path(fn.file):
            continue
        parts = fn.symbol.split(".")
        hits = sum(words.get(p, 0) for p in parts if len(p) > 4 and not p.startswith("__"))
        if hits and (best is None or (hits, len(parts), q) > best):
            best, pick = (hits, len(parts), q), fn
    if pick is None:
        return None
    return Component(component_type, "from-report", pick.qualname, (), pick.file, pick.symbol, pick.line,
                     details=(("resolved", f"named in the report's text ({best[0]} mention(s))"),))


def resolve_or_fallback(index: "RepoIndex", components: Sequence[Component], report: BugReport,
                        parsed: ParsedError | None, resolve_component) -> tuple[Component, str]:
    """The report's component, or (when its name matches nothing) the code the report points at.

    Returns (component, note); the note says what was looked for and what was used instead.
    Raises the resolver's error when the report points at nothing either.
    """
    from rootfix.discover.resolve import ComponentNotFound

    try:
        try:
            comp = resolve_component(components, report.component_type, report.component_name,
                                     skipped=[f"{e.path}: {e.message}" for e in index.errors], index=index)
        except TypeError:  # a resolver without the index keyword
            comp = resolve_component(components, report.component_type, report.component_name,
                                     skipped=[f"{e.path}: {e.message}" for e in index.errors])
    except ComponentNotFound as exc:
        from rootfix.types import COMPONENT_TYPES

        ctype = report.component_type if report.component_type in COMPONENT_TYPES else "cli-tool"
        fallback = component_from_report(index, ctype, report, parsed)
        if fallback is None:
            raise
        why = dict(fallback.details).get("resolved", "")
        return fallback, f"{exc}; localizing from the report instead: {fallback.file} {fallback.symbol} ({why})"
    why = dict(comp.details).get("resolved", "")
    return comp, (f"no discovered component has that name; it names {why}" if why else "")


# --------------------------------------------------------------------------- localize helpers
def _changed_functions(index: "RepoIndex", patch: Patch) -> list["FunctionInfo"]:
    """The project functions whose lines a patch changes (test files aside), in patch order."""
    out: list["FunctionInfo"] = []
    for c in patch.changes:
        if c.path in patch.tests_added or c.old is None:
            continue
        sm = difflib.SequenceMatcher(a=c.old.splitlines(), b=c.new.splitlines(), autojunk=False)
        for tag, i1, i2, _, _ in sm.get_opcodes():
            if tag == "equal":
                continue
            for line in range(i1 + 1, max(i1 + 1, i2) + 1):
                fn = index.enclosing_function(c.path, line)
                if fn is not None and fn not in out:
                    out.append(fn)
    return out


def root_cause_for(index: "RepoIndex", candidate: Candidate, suspects: Sequence[Suspect]) -> Finding | Suspect:
    """Where the accepted fix goes: the rule finding it fixes, else the function the patch changes.
    A finding whose fix is made elsewhere (an enqueue site sending int keys, fixed in the task that
    relies on them) names the changed function, with the finding as evidence."""
    changed = _changed_functions(index, candidate.patch)
    f = candidate.finding
    if f is not None:
        if f.file in candidate.patch.files or not changed:
            return f
        fn = next((c for s in suspects for c in changed if c.file == s.file and c.symbol == s.symbol), changed[0])
        return Suspect(fn.file, fn.symbol, fn.line, 1.0, (
            f"{f.code} at {f.file}:{f.line} ({f.symbol}): {f.message}",
            f"changed by the validated fix ({candidate.strategy})"))
    for s in suspects:  # the best-ranked suspect among the changed functions
        if any(fn.file == s.file and fn.symbol == s.symbol for fn in changed):
            return replace(s, evidence=s.evidence + (f"changed by the validated fix ({candidate.strategy})",))
    if changed:
        fn = changed[0]
        return Suspect(fn.file, fn.symbol, fn.line, 1.0, (f"changed by the validated fix ({candidate.strategy})",))
    files = candidate.patch.files
    return Suspect(files[0] if files else "", "", 1, 1.0, (f"changed by the validated fix ({candidate.strategy})",))


def _thin_delegate(index: "RepoIndex", fn: "FunctionInfo") -> "FunctionInfo | None":
    """The project function ``fn`` only hands over to (``return jobs.run()``), or None."""
    import ast

    body = [st for st in fn.node.body
            if not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant) and isinstance(st.value.value, str))]
    if len(body) != 1:
        return None
    callees = {c.qualname: c for c, _ in index.callees(fn)}
    return next(iter(callees.values())) if len(callees) == 1 else None


def unconfirmed_root_cause(index: "RepoIndex", suspects: Sequence[Suspect],
                           findings: Sequence[Finding]) -> Finding | Suspect | None:
    """The best guess at the root cause when no fix was validated: the top suspect, looking through a
    component entry point that only delegates (a beat task that calls ``jobs.send_x()``)."""
    if not suspects:
        return findings[0] if findings else None
    top = suspects[0]
    info = index.by_path.get(top.file)
    fn = info.functions.get(top.symbol) if info is not None else None
    seen = set()
    while fn is not None and fn.qualname not in seen:
        seen.add(fn.qualname)
        target = _thin_delegate(index, fn)
        if target is None:
            break
        fn = target
    if fn is None or (fn.file == top.file and fn.symbol == top.symbol):
        return top
    for s in suspects:
        if s.file == fn.file and s.symbol == fn.symbol:
            return replace(s, evidence=s.evidence + (f"{top.symbol} only delegates to it",))
    return Suspect(fn.file, fn.symbol, fn.line, top.score, (f"{top.symbol} only delegates to it",) + top.evidence)


def tests_for_component(index: "RepoIndex", component: Component, related: RelatedCode | None,
                   test_command: Sequence[str], *, full: bool = False):
    """The tests to run for this component (:func:`rootfix.validate.select.select_tests`)."""
    from rootfix.validate.runner import command_kind
    from rootfix.validate.select import select_tests

    reach = {fn.file for fn in reachable_functions(index, component, related).values()} | {component.file}
    if component.declared_in:
        reach.add(component.declared_in)
    full = full or os.environ.get("ROOTFIX_FULL_SUITE", "") not in ("", "0")
    return select_tests(index, reach, kind=command_kind(test_command),
                        names=(component.name, *component.aliases, component.symbol), full=full)


def baseline_note(b: TestRun) -> str:
    """How a baseline ended, in words (a timeout is said, never counted as a failure)."""
    text = f"{b.passed} passed, {b.failed} failed" + (f", {len(b.flaky)} flaky" if b.flaky else "")
    if b.timed_out:
        text += " -- TIMED OUT: the run was killed; the tests it did not finish are unknown (raise --timeout)"
    return text


def _spectrum(repo: Path, python: str, repro: Reproduction, timeout: float, nodeids: Sequence[str] = ()):
    """Per-test coverage for SBFL when the reproduction is failing tests (None when unavailable)."""
    if not repro.reproduced or not repro.targets or repro.kind == "report-command":
        return None
    try:
        from rootfix.reproduce.spectrum import collect_spectrum
        from rootfix.validate.worktree import apply_patch, isolated_checkout
        from rootfix.types import FileChange

        with isolated_checkout(repo) as wt:
            if repro.generated_file:
                path, text = repro.generated_file
                apply_patch(wt, Patch((FileChange(path, None, text),), (path,)))
            return collect_spectrum(wt, python, timeout=timeout, nodeids=tuple(nodeids))
    except Exception:
        return None


# --------------------------------------------------------------------------- the run
def run_fix(report: BugReport, repo: str | Path, *, python: str | None = None, timeout: float = 600.0,
            jobs: int = 0, llm: "LLMConfig | None" = None, progress: ProgressCallback | None = None,
            strategies: Sequence[str] | None = None, full_suite: bool = False) -> FixOutcome:
    """Reproduce, localize, fix and validate the bug of ``report`` in ``repo``.

    ``python`` is the project's interpreter (default: found by :func:`rootfix.validate.runner.find_python`).
    ``llm`` enables the LLM strategy. Writes nothing into ``repo``.
    """
    root = Path(repo).resolve()
    if not root.is_dir():
        raise UsageError(f"--repo {repo}: no such directory")
    if strategies is None and os.environ.get("ROOTFIX_STRATEGIES"):
        # e.g. ROOTFIX_STRATEGIES=llm: only the LLM backend (benchmarks, tests)
        strategies = [s.strip() for s in os.environ["ROOTFIX_STRATEGIES"].split(",") if s.strip()]
    run = _Run(report=report, repo=root, progress=progress or _quiet)
    stage = "intake"
    try:
        # ---------------------------------------------------------------- intake
        with run.timed("intake") as st:
            from rootfix.intake.traceback import parse_error_message

            run.parsed = parse_error_message(report.error_message or "", repo_root=root)
            pe = run.parsed
            st.done(f"{pe.kind}: {len(pe.exceptions)} exception(s), {len(pe.project_frames)} project frame(s)"
                    + (f", final {pe.final.exc_type}" if pe.final else ""))

        # ---------------------------------------------------------------- discover
        stage = "discover"
        with run.timed("discover") as st:
            build_index, discover_components, resolve_component, related_code = discover_api()
            from rootfix.validate.runner import detect_test_command, find_python

            py = find_python(root, python)
            test_command = detect_test_command(root, report.test_command)
            index = build_index(root)
            components = Project.of(index).components
            component, resolve_note = resolve_or_fallback(index, components, report, run.parsed, resolve_component)
            run.component = component
            if resolve_note:
                run.progress("discover", resolve_note)
            try:
                related = related_code(index, component)
            except Exception:
                related = None
            st.done(f"{len(index.by_path)} files, {len(components)} components; "
                    f"{component.name} -> {component.file}:{component.line} {component.symbol}")
    except UsageError:
        raise
    except Exception as exc:  # a crash of intake/discover: an error outcome, never a traceback
        return run.outcome("error", message=f"{stage} failed: {type(exc).__name__}: {exc}")

    stage = "baseline"
    try:
        # ---------------------------------------------------------------- baseline
        with run.timed("baseline") as st:
            from rootfix.validate.verdict import get_baseline

            selection = tests_for_component(index, component, related, test_command, full=full_suite)
            from rootfix.validate.runner import describe_test_command

            run.progress("baseline", f"{describe_test_command(test_command)}: {selection.describe()}")
            run.baseline = get_baseline(root, py, test_command=test_command, timeout=timeout,
                                        progress=run.progress, nodeids=selection.targets)
            st.done(baseline_note(run.baseline) + f" [{selection.describe()}]")

        # ---------------------------------------------------------------- reproduce
        stage = "reproduce"
        with run.timed("reproduce") as st:
            from rootfix.reproduce.runner import reproduce

            run.reproduction = reproduce(root, py, report, baseline=run.baseline, test_command=test_command,
                                         timeout=timeout, component=run.component)
            r = run.reproduction
            if r.kind == "none":
                st.done("no reproduction (no reproduce key, no failing test that shows the report's error): "
                        "relying on regression tests" + (f"; {r.note}" if r.note else ""))
            else:
                st.done(f"{r.kind}: {'reproduced' if r.reproduced else 'NOT reproduced'}"
                        + (f" ({r.exc_type})" if r.exc_type else "") + (f"; {r.note}" if r.note else ""))

        # ---------------------------------------------------------------- localize
        stage = "localize"
        with run.timed("localize") as st:
            reach = reachable_functions(index, component, related)
            all_findings = _all_findings(index)
            mine, other = split_findings(index, component, all_findings, reach)
            run.findings = tuple(mine)
            spectrum = _spectrum(root, py, run.reproduction, timeout, selection.paths)
            from rootfix.localize import rank_suspects

            run.suspects = tuple(rank_suspects(index, report, component=component, parsed=run.parsed,
                                               findings=mine, spectrum=spectrum))
            top = run.suspects[0] if run.suspects else None
            st.done(f"{len(mine)} finding(s) on the component's code"
                    + (f"; top suspect {top.file} {top.symbol} ({top.score:.2f})" if top else "; no suspects"))

        # ---------------------------------------------------------------- fix + validate, per strategy
        from rootfix.fix.strategies import FixContext, strategies as registered
        from rootfix.validate.apply import fingerprint
        from rootfix.validate.verdict import validate_candidates

        ctx = FixContext(repo=root, report=report, index=index, component=component, related=related,
                         parsed=run.parsed, reproduction=run.reproduction, suspects=run.suspects,
                         findings=run.findings, options={"llm": llm} if llm is not None else {},
                         progress=run.progress)
        accepted: list[tuple[Candidate, Verdict]] = []
        for strategy in registered(list(strategies) if strategies is not None else None):
            if not strategy.enabled(ctx):
                continue
            stage = "fix"
            with run.timed("fix") as st:
                proposals = strategy.propose(ctx)
                run.rejected.extend(proposals.rejected)
                # the candidates that best match the report first (bug class symptoms, suspect score),
                # then the smallest change
                cands = sorted(proposals.candidates,
                               key=lambda c: -relevance(c, report, run.suspects))[:MAX_CANDIDATES]
                for c in cands:
                    run.fingerprints[_cand_key(c)] = fingerprint(root, c.patch)
                st.done(f"{strategy.name}: {len(cands)} candidate(s)"
                        + (f", {len(proposals.rejected)} unusable" if proposals.rejected else "")
                        + "".join(f"\n    {c.strategy} {', '.join(c.patch.files)} "
                                  f"(+{len(c.patch.tests_added)} test file(s))" for c in cands))
            if not cands:
                continue
            stage = "validate"
            with run.timed("validate") as st:
                verdicts = validate_candidates(root, py, cands, run.reproduction, test_command=test_command,
                                               timeout=timeout, jobs=jobs, baseline=run.baseline,
                                               progress=run.progress, nodeids=selection.targets)
                for c, v in zip(cands, verdicts):
                    (accepted if v.accepted else run.rejected).append((c, v))
                st.done("; ".join(f"{c.strategy}: {'ACCEPTED' if v.accepted else 'rejected'} ({v.reason})"
                                  for c, v in zip(cands, verdicts)))
            if accepted:
                break

        # ---------------------------------------------------------------- similar + outcome
        stage = "similar"
        with run.timed("similar") as st:
            if accepted:
                # a reproduction that flips is the strongest evidence; then relevance to the report;
                # then the smallest change
                best, verdict = min(accepted, key=lambda cv: (
                    cv[1].reproduction != "failed->passed", -relevance(cv[0], report, run.suspects),
                    diff_size(cv[0].patch)))
                run.rejected.extend(cv for cv in accepted if cv[0] is not best)
                root_cause = root_cause_for(index, best, run.suspects)
                code = best.finding.code if best.finding else None
            else:
                best = verdict = None  # type: ignore[assignment]
                root_cause = unconfirmed_root_cause(index, run.suspects, run.findings)
                code = root_cause.code if isinstance(root_cause, Finding) else (
                    run.findings[0].code if run.findings else None)
            if code:
                fixed_at = {(best.finding.file, best.finding.line)} if best is not None and best.finding else set()
                run.similar = tuple(f for f in (*other, *mine) if f.code == code and (f.file, f.line) not in fixed_at
                                    and (best is not None or f is not root_cause))
            st.done(f"{len(run.similar)} similar finding(s)" + (f" of {code}" if code else ""))
        if best is not None:
            return run.outcome("fixed", candidate=best, verdict=verdict, root_cause=root_cause,
                               message=f"validated fix by {best.strategy}: {verdict.reason}")
        why = _no_fix_message(run)
        unproven = _proposable(run.rejected)
        if unproven is not None:
            cand, verdict = unproven
            run.rejected.remove(unproven)
            if cand.finding is not None:
                run.similar = tuple(f for f in run.similar
                                    if (f.file, f.line) != (cand.finding.file, cand.finding.line))
            return run.outcome("proposed", candidate=cand, verdict=verdict, root_cause=root_cause_for(index, cand, run.suspects),
                               message=f"proposed, not proven: {cand.strategy} produced a fix that breaks no test, "
                                       f"but no oracle could show it fixes the bug ({verdict.reason}); {why}")
        return run.outcome("no_fix", root_cause=root_cause, message=why)
    except UsageError:
        raise
    except Exception as exc:  # a stage failed unexpectedly: say so, keep what was learned, claim nothing
        root_cause = run.suspects[0] if run.suspects else None
        return run.outcome("error", root_cause=root_cause,
                           message=f"{stage} failed: {type(exc).__name__}: {exc}")


#: Verdict reasons that say a candidate was not *proven*, as opposed to shown wrong.
_UNPROVEN = ("no reproduction: nothing failed before the patch", "regression test ")
_UNPROVEN_TAIL = "without the fix: it shows nothing"


def _proposable(rejected: list[tuple[Candidate, Verdict]]) -> tuple[Candidate, Verdict] | None:
    """The best rule fix that was judged and broke nothing but could not be proven (no reproduction,
    no regression test, or one that passes on the old code too): reported as ``proposed``."""
    for cand, verdict in rejected:
        if (cand.finding is None or not cand.strategy.startswith("rule:") or not cand.patch.changes
                or verdict.baseline is None or verdict.after is None or verdict.regressions
                or verdict.edited_tests):
            continue
        reason = verdict.reason
        if reason.startswith(_UNPROVEN[0]) or (reason.startswith(_UNPROVEN[1]) and reason.endswith(_UNPROVEN_TAIL)):
            return cand, verdict
    return None


def _no_fix_message(run: _Run) -> str:
    if run.baseline is not None and run.baseline.timed_out:
        return ("the baseline test run timed out (its unfinished tests are unknown, not failures): "
                "nothing could be judged; raise --timeout")
    if run.rejected:
        reasons = "; ".join(f"{c.strategy}: {v.reason}" for c, v in run.rejected[:4])
        return f"no candidate passed validation ({reasons})"
    if run.findings:
        return "rules found problems on the component's code, but none has an automatic fix here"
    return "no rule matched the component's code and no other fix strategy is enabled (try --llm URL --model M)"


# --------------------------------------------------------------------------- rootfix localize
@dataclass(frozen=True)
class Localization:
    component: Component
    suspects: tuple[Suspect, ...]
    findings: tuple[Finding, ...]
    reproduction: Reproduction | None = None
    baseline: TestRun | None = None
    #: What was run and how it ended, for the user (selection, timeouts, unrelated failures).
    notes: tuple[str, ...] = ()


def run_localize(report: BugReport, repo: str | Path, *, python: str | None = None, run_tests: bool = True,
                 timeout: float = 600.0, progress: ProgressCallback | None = None,
                 full_suite: bool = False) -> Localization:
    """Suspects for a report: intake, discover, rule findings and (unless ``run_tests`` is False) the
    baseline, reproduction and coverage spectrum, ranked by :func:`rootfix.localize.rank_suspects`."""
    from rootfix.intake.traceback import parse_error_message
    from rootfix.localize import rank_suspects

    root = Path(repo).resolve()
    say = progress or _quiet
    build_index, discover_components, resolve_component, related_code = discover_api()
    parsed = parse_error_message(report.error_message or "", repo_root=root)
    index = build_index(root)
    component, resolve_note = resolve_or_fallback(index, Project.of(index).components, report, parsed,
                                                  resolve_component)
    notes: list[str] = [resolve_note] if resolve_note else []
    say("discover", DONE + f"{component.name} -> {component.file}:{component.line} {component.symbol}")
    try:
        related = related_code(index, component)
    except Exception:
        related = None
    mine, _ = split_findings(index, component, _all_findings(index), reachable_functions(index, component, related))
    reproduction = spectrum = baseline = None
    if run_tests:
        from rootfix.reproduce.runner import reproduce
        from rootfix.validate.runner import detect_test_command, find_python
        from rootfix.validate.verdict import get_baseline

        py = find_python(root, python)
        argv = detect_test_command(root, report.test_command)
        selection = tests_for_component(index, component, related, argv, full=full_suite)
        notes.append("tests: " + selection.describe())
        baseline = get_baseline(root, py, test_command=argv, timeout=timeout, progress=say,
                                nodeids=selection.targets)
        notes.append("baseline: " + baseline_note(baseline))
        say("baseline", DONE + baseline_note(baseline))
        reproduction = reproduce(root, py, report, baseline=baseline, test_command=argv, timeout=timeout,
                                 component=component)
        notes.append(f"reproduction: {reproduction.kind}, " + ("reproduced" if reproduction.reproduced
                                                               else "not reproduced")
                     + (f" ({reproduction.note})" if reproduction.note else ""))
        spectrum = _spectrum(root, py, reproduction, timeout, selection.paths)
    suspects = tuple(rank_suspects(index, report, component=component, parsed=parsed, findings=mine,
                                   spectrum=spectrum))
    return Localization(component, suspects, tuple(mine), reproduction, baseline, tuple(notes))


# --------------------------------------------------------------------------- --apply
def apply_outcome(outcome: FixOutcome) -> FixOutcome:
    """Write the validated fix into the user's tree; UsageError when a file changed since validation."""
    if outcome.status != "fixed" or outcome.candidate is None:
        raise UsageError("nothing to apply: no validated fix")
    from rootfix.validate.apply import apply_validated

    apply_validated(outcome.repo, outcome.candidate.patch, outcome.fingerprints)
    return replace(outcome, applied=True)


__all__ = ["Localization", "apply_outcome", "reachable_functions", "root_cause_for", "run_fix", "run_localize",
           "split_findings", "unconfirmed_root_cause"]
