"""The one place that calls the stages in order; every command that reads a bug report runs a prefix of
the same steps::

    fix       prepare -> measure -> localize -> (propose -> validate) per strategy -> conclude
    localize  prepare -> measure (unless --no-run) -> localize
    validate  toolchain -> measure (the whole suite) -> judge the user's patch
    prompt    prepare (strict: the named component only) -> the gathered context

Each step takes and returns :mod:`rootfix.types` records (``Subject``, ``Measurement``, ``Localization``,
``Judgement``, ``FixOutcome``); the work is the stages' (discover, reproduce, validate, localize, fix), this
module only orders it, times it and reports progress.

:func:`run_fix` writes nothing into the user's repo. :func:`apply_outcome` writes a validated fix
(``--apply``), refusing when a file changed since validation. A fix is "fixed" only when a candidate's
verdict is accepted. Bad input (an unknown component, a missing interpreter) raises ``UsageError``; an
unexpected failure of a stage ends the run with status ``error`` and what was learned so far.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from rootfix import localize as _localize
from rootfix.errors import UsageError
from rootfix.localize import relevance, root_cause_for, unconfirmed_root_cause
from rootfix.localize.relevance import foreign_fix
from rootfix.project.model import Project
from rootfix.report.diff import diff_size
from rootfix.report.progress import DONE, STARTED
from rootfix.types import (
    BugReport, Candidate, Finding, FixOutcome, Judgement, Localization, Measurement, ParsedError, ProgressCallback,
    StageTiming, Subject, Suspect, Toolchain, Verdict,
)

if TYPE_CHECKING:
    from rootfix.fix.llm import LLMConfig
    from rootfix.fix.strategies import FixContext, FixStrategy
    from rootfix.validate.patchcheck import PatchValidation

#: Candidates validated per strategy at most (the most relevant first).
MAX_CANDIDATES = 6


def _quiet(stage: str, message: str) -> None:
    pass


class _Trace:
    """One run's clock and progress, and the records it has so far (for an ``error`` outcome)."""

    def __init__(self, report: BugReport, repo: Path, progress: ProgressCallback | None) -> None:
        self.report, self.repo, self.progress = report, repo, progress or _quiet
        self.started = time.monotonic()
        self.timings: list[StageTiming] = []
        self.stage = "intake"
        self.parsed: ParsedError | None = None
        self.subject: Subject | None = None
        self.measurement: Measurement | None = None
        self.baseline = None  # measured before the reproduction: reported even when that fails
        self.localization: Localization | None = None
        self.judgement = Judgement()

    @contextmanager
    def timed(self, stage: str) -> Iterator[Callable[[str], None]]:
        """Time ``stage`` and report it; yields ``done(message)``."""
        self.stage, t0 = stage, time.monotonic()
        self.progress(stage, STARTED)
        try:
            yield lambda message: self.progress(stage, DONE + message)
        finally:
            self.timings.append(StageTiming(stage, time.monotonic() - t0))

    def outcome(self, status: str, *, message: str, candidate: Candidate | None = None,
                verdict: Verdict | None = None, root_cause: Finding | Suspect | None = None,
                rejected: tuple[tuple[Candidate, Verdict], ...] | None = None,
                similar: tuple[Finding, ...] = ()) -> FixOutcome:
        m, loc = self.measurement, self.localization
        reproduction = m.reproduction if m is not None else None
        if verdict is None and self.baseline is not None:
            # no candidate was judged: still report the baseline the run measured
            state = "not-run" if reproduction is None or reproduction.kind == "none" else (
                "failed" if reproduction.reproduced else "passed")
            verdict = Verdict(False, message or "no candidate fix", reproduction=state, baseline=self.baseline)
        fps = dict(self.judgement.fingerprints).get(_cand_key(candidate), ()) if candidate is not None else ()
        return FixOutcome(
            status=status, report=self.report, component=self.subject.component if self.subject else None,
            parsed_error=self.parsed, reproduction=reproduction, suspects=loc.suspects if loc else (),
            findings=loc.findings if loc else (), root_cause=root_cause, candidate=candidate, verdict=verdict,
            rejected=self.judgement.rejected if rejected is None else rejected, similar=similar,
            timings=tuple(self.timings) + (StageTiming("total", time.monotonic() - self.started),),
            message=message, repo=str(self.repo), fingerprints=fps)


def _cand_key(c: Candidate) -> str:
    return c.strategy + "|" + "|".join(f"{ch.path}:{hash(ch.new)}" for ch in c.patch.changes)


# --------------------------------------------------------------------------- the steps
def toolchain(root: Path, report: BugReport, python: str | None) -> Toolchain:
    """The project's interpreter (``--python``, else its virtualenv) and its test command."""
    from rootfix.validate.runner import detect_test_command, find_python

    return Toolchain(find_python(root, python), tuple(detect_test_command(root, report.test_command)))


def prepare(report: BugReport, root: Path, trace: _Trace, *, python: str | None = None, run_tests: bool = True,
            strict: bool = False, warn: Callable[[str], None] | None = None) -> tuple[Subject, Toolchain | None]:
    """intake (the report's error parsed) and discover (:func:`rootfix.discover.discover_subject`); the
    toolchain too when tests will run."""
    from rootfix.discover import discover_subject
    from rootfix.intake.traceback import parse_error_message

    with trace.timed("intake") as done:
        pe = trace.parsed = parse_error_message(report.error_message or "", repo_root=root)
        done(f"{pe.kind}: {len(pe.exceptions)} exception(s), {len(pe.project_frames)} project frame(s)"
             + (f", final {pe.final.exc_type}" if pe.final else ""))
    with trace.timed("discover") as done:
        tools = toolchain(root, report, python) if run_tests else None
        subject = trace.subject = discover_subject(report, root, pe, strict=strict, warn=warn)
        if subject.note:
            trace.progress("discover", subject.note)
        c = subject.component
        done(f"{len(subject.index.by_path)} files, {len(Project.of(subject.index).components)} components; "
             f"{c.name} -> {c.file}:{c.line} {c.symbol}")
    return subject, tools


def measure(report: BugReport, root: Path, tools: Toolchain, trace: _Trace, *, subject: Subject | None = None,
            timeout: float = 600.0, full_suite: bool = False) -> Measurement:
    """baseline (the tests that reach the subject's component, or the whole suite without a subject) and
    reproduce, on the unpatched code."""
    from rootfix.reproduce.runner import reproduce
    from rootfix.validate.runner import describe_test_command
    from rootfix.validate.select import tests_for_component
    from rootfix.validate.verdict import baseline_note, get_baseline

    argv = list(tools.test_command)
    with trace.timed("baseline") as done:
        selection = None
        if subject is not None:
            selection = tests_for_component(subject.index, subject.component, subject.related, argv, full=full_suite)
            trace.progress("baseline", f"{describe_test_command(argv)}: {selection.describe()}")
        baseline = trace.baseline = get_baseline(root, tools.python, test_command=argv, timeout=timeout,
                                                 progress=trace.progress,
                                                 nodeids=selection.targets if selection else ())
        done(baseline_note(baseline) + (f" [{selection.describe()}]" if selection else ""))
    with trace.timed("reproduce") as done:
        r = reproduce(root, tools.python, report, baseline=baseline, test_command=argv, timeout=timeout,
                      component=subject.component if subject else None)
        if r.kind == "none":
            done("no reproduction (no reproduce key, no failing test that shows the report's error): "
                 "relying on regression tests" + (f"; {r.note}" if r.note else ""))
        else:
            done(f"{r.kind}: {'reproduced' if r.reproduced else 'NOT reproduced'}"
                 + (f" ({r.exc_type})" if r.exc_type else "") + (f"; {r.note}" if r.note else ""))
    notes = ((f"tests: {selection.describe()}",) if selection else ()) + (
        f"baseline: {baseline_note(baseline)}",
        f"reproduction: {r.kind}, {'reproduced' if r.reproduced else 'not reproduced'}"
        + (f" ({r.note})" if r.note else ""))
    m = trace.measurement = Measurement(tools, selection, baseline, r, notes)
    return m


def localize(subject: Subject, m: Measurement | None, trace: _Trace, *, timeout: float = 600.0) -> Localization:
    """Rule findings on the component's code and the suspects (:func:`rootfix.localize.localize`), with the
    coverage spectrum of the selected tests when the reproduction is failing tests."""
    from rootfix.reproduce.runner import reproduction_spectrum

    with trace.timed("localize") as done:
        spectrum = None if m is None else reproduction_spectrum(
            subject.repo, m.toolchain.python, m.reproduction, timeout=timeout,
            nodeids=m.selection.paths if m.selection else ())
        notes = ((subject.note,) if subject.note else ()) + (m.notes if m else ())
        loc = trace.localization = _localize.localize(
            subject, spectrum=spectrum, reproduction=m.reproduction if m else None,
            baseline=m.baseline if m else None, notes=notes)
        top = loc.suspects[0] if loc.suspects else None
        done(f"{len(loc.findings)} finding(s) on the component's code"
             + (f"; top suspect {top.file} {top.symbol} ({top.score:.2f})" if top else "; no suspects"))
    return loc


def propose(strategy: "FixStrategy", ctx: "FixContext", loc: Localization, trace: _Trace) -> Judgement:
    """One strategy's candidates, the ones that best match the report first (bug class symptoms, suspect
    score), at most :data:`MAX_CANDIDATES`, each fingerprinted; the ones it knows are unusable, rejected."""
    from rootfix.validate.apply import fingerprint

    with trace.timed("fix") as done:
        proposals = strategy.propose(ctx)
        cands = sorted(proposals.candidates, key=lambda c: -relevance(c, ctx.report, loc.suspects))[:MAX_CANDIDATES]
        done(f"{strategy.name}: {len(cands)} candidate(s)"
             + (f", {len(proposals.rejected)} unusable" if proposals.rejected else "")
             + "".join(f"\n    {c.strategy} {', '.join(c.patch.files)} "
                       f"(+{len(c.patch.tests_added)} test file(s))" for c in cands))
    return Judgement(candidates=tuple(cands), rejected=tuple(proposals.rejected),
                     fingerprints=tuple((_cand_key(c), fingerprint(ctx.repo, c.patch)) for c in cands))


def validate(proposed: Judgement, m: Measurement, trace: _Trace, *, timeout: float = 600.0,
             jobs: int = 0) -> Judgement:
    """The proposed candidates judged in worktrees against the measured baseline and reproduction."""
    from rootfix.validate.verdict import validate_candidates

    if not proposed.candidates:
        return proposed
    cands = proposed.candidates
    with trace.timed("validate") as done:
        verdicts = validate_candidates(trace.repo, m.toolchain.python, cands, m.reproduction,
                                       test_command=list(m.toolchain.test_command), timeout=timeout, jobs=jobs,
                                       baseline=m.baseline, progress=trace.progress, nodeids=m.nodeids)
        done("; ".join(f"{c.strategy}: {'ACCEPTED' if v.accepted else 'rejected'} ({v.reason})"
                       for c, v in zip(cands, verdicts)))
    judged = tuple(zip(cands, verdicts))
    return replace(proposed, candidates=(), accepted=tuple(cv for cv in judged if cv[1].accepted),
                   rejected=proposed.rejected + tuple(cv for cv in judged if not cv[1].accepted))


def conclude(subject: Subject, loc: Localization, judged: Judgement, trace: _Trace) -> FixOutcome:
    """The outcome: the best accepted candidate (a flipped reproduction first, then relevance to the report,
    then the smallest change) and the root cause it shows; else a rule fix proposed but not proven; else
    no fix and the best guess at the root cause. Either way, the same rule's findings elsewhere."""
    index, rejected = subject.index, judged.rejected
    reach = None if subject.component is None else {
        (fn.file, fn.symbol) for fn in Project.of(index).reach(subject.component).values()}  # what it runs, not its callers
    foreign = tuple(cv for cv in judged.accepted if foreign_fix(cv[0], cv[1].reproduction, subject.report, reach))
    judged = replace(judged, accepted=tuple(cv for cv in judged.accepted if cv not in foreign))
    with trace.timed("similar") as done:
        if judged.accepted:
            best, verdict = min(judged.accepted, key=lambda cv: (
                cv[1].reproduction != "failed->passed", -relevance(cv[0], subject.report, loc.suspects),
                diff_size(cv[0].patch)))
            rejected += tuple(cv for cv in judged.accepted if cv[0] is not best)
            root_cause = root_cause_for(index, best, loc.suspects)
            code = best.finding.code if best.finding else None
        else:
            best = verdict = None
            root_cause = unconfirmed_root_cause(index, loc.suspects, loc.findings)
            code = root_cause.code if isinstance(root_cause, Finding) else (
                loc.findings[0].code if loc.findings else None)
        similar: tuple[Finding, ...] = ()
        if code:
            fixed_at = {(best.finding.file, best.finding.line)} if best is not None and best.finding else set()
            similar = tuple(f for f in (*loc.elsewhere, *loc.findings) if f.code == code
                            and (f.file, f.line) not in fixed_at and (best is not None or f is not root_cause))
        done(f"{len(similar)} similar finding(s)" + (f" of {code}" if code else ""))
    if best is not None:
        return trace.outcome("fixed", candidate=best, verdict=verdict, root_cause=root_cause, rejected=rejected,
                             similar=similar, message=f"validated fix by {best.strategy}: {verdict.reason}")
    why = _no_fix_message(trace, rejected, loc.findings)
    if foreign:
        cand, verdict = foreign[0]
        return trace.outcome("proposed", candidate=cand, verdict=verdict,
                             root_cause=root_cause_for(index, cand, loc.suspects), rejected=rejected + foreign[1:],
                             similar=similar,
                             message=f"proposed, not proven: {cand.strategy} fixes a bug its own test shows, but "
                                     "neither the report's symptoms nor the code the reported component runs "
                                     "point at it, and no reproduction of the reported failure shows it is the "
                                     f"reported bug ({verdict.reason}); {why}")
    unproven = _proposable(rejected)
    if unproven is None:
        return trace.outcome("no_fix", root_cause=root_cause, rejected=rejected, similar=similar, message=why)
    cand, verdict = unproven
    i = rejected.index(unproven)
    if cand.finding is not None:
        similar = tuple(f for f in similar if (f.file, f.line) != (cand.finding.file, cand.finding.line))
    return trace.outcome("proposed", candidate=cand, verdict=verdict,
                         root_cause=root_cause_for(index, cand, loc.suspects),
                         rejected=rejected[:i] + rejected[i + 1:], similar=similar,
                         message=f"proposed, not proven: {cand.strategy} produced a fix that breaks no test, "
                                 f"but no oracle could show it fixes the bug ({verdict.reason}); {why}")


#: Verdict reasons that say a candidate was not *proven*, as opposed to shown wrong.
_UNPROVEN = ("no reproduction: nothing failed before the patch", "regression test ")
_UNPROVEN_TAIL = "without the fix: it shows nothing"


def _proposable(rejected: Sequence[tuple[Candidate, Verdict]]) -> tuple[Candidate, Verdict] | None:
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


def _no_fix_message(trace: _Trace, rejected: Sequence[tuple[Candidate, Verdict]],
                    findings: Sequence[Finding]) -> str:
    if trace.baseline is not None and trace.baseline.timed_out:
        return ("the baseline test run timed out (its unfinished tests are unknown, not failures): "
                "nothing could be judged; raise --timeout")
    if rejected:
        reasons = "; ".join(f"{c.strategy}: {v.reason}" for c, v in rejected[:4])
        return f"no candidate passed validation ({reasons})"
    if findings:
        return "rules found problems on the component's code, but none has an automatic fix here"
    return "no rule matched the component's code and no other fix strategy is enabled (try --llm URL --model M)"


# --------------------------------------------------------------------------- the commands
def run_fix(report: BugReport, repo: str | Path, *, python: str | None = None, timeout: float = 600.0,
            jobs: int = 0, llm: "LLMConfig | None" = None, progress: ProgressCallback | None = None,
            strategies: Sequence[str] | None = None, full_suite: bool = False) -> FixOutcome:
    """Reproduce, localize, fix and validate the bug of ``report`` in ``repo``.

    ``python`` is the project's interpreter (default: found by :func:`rootfix.validate.runner.find_python`).
    ``llm`` enables the LLM strategy. ``strategies`` (or ``ROOTFIX_STRATEGIES=llm,...``) limits the fix
    strategies. Writes nothing into ``repo``.
    """
    from rootfix.fix.strategies import FixContext, strategies as registered

    root = Path(repo).resolve()
    if not root.is_dir():
        raise UsageError(f"--repo {repo}: no such directory")
    if strategies is None and os.environ.get("ROOTFIX_STRATEGIES"):
        strategies = [s.strip() for s in os.environ["ROOTFIX_STRATEGIES"].split(",") if s.strip()]
    trace = _Trace(report, root, progress)
    try:
        subject, tools = prepare(report, root, trace, python=python)
        m = measure(report, root, tools, trace, subject=subject, timeout=timeout,  # type: ignore[arg-type]
                    full_suite=full_suite)
        loc = localize(subject, m, trace, timeout=timeout)
        ctx = FixContext(repo=root, report=report, index=subject.index, component=subject.component,
                         related=subject.related, parsed=subject.parsed, reproduction=m.reproduction,
                         suspects=loc.suspects, findings=loc.findings,
                         options={"llm": llm} if llm is not None else {}, progress=trace.progress)
        for strategy in registered(list(strategies) if strategies is not None else None):
            if strategy.enabled(ctx):
                judged = validate(propose(strategy, ctx, loc, trace), m, trace, timeout=timeout, jobs=jobs)
                trace.judgement = _merged(trace.judgement, judged)
                if judged.accepted:
                    break
        return conclude(subject, loc, trace.judgement, trace)
    except UsageError:
        raise
    except Exception as exc:  # a stage failed unexpectedly: say so, keep what was learned, claim nothing
        loc = trace.localization
        return trace.outcome("error", root_cause=loc.suspects[0] if loc and loc.suspects else None,
                             message=f"{trace.stage} failed: {type(exc).__name__}: {exc}")


def _merged(a: Judgement, b: Judgement) -> Judgement:
    return Judgement(accepted=a.accepted + b.accepted, rejected=a.rejected + b.rejected,
                     fingerprints=a.fingerprints + b.fingerprints)


def run_localize(report: BugReport, repo: str | Path, *, python: str | None = None, run_tests: bool = True,
                 timeout: float = 600.0, progress: ProgressCallback | None = None,
                 full_suite: bool = False) -> Localization:
    """Suspects for a report: prepare and (unless ``run_tests`` is False) measure, then localize."""
    root = Path(repo).resolve()
    trace = _Trace(report, root, progress)
    subject, tools = prepare(report, root, trace, python=python, run_tests=run_tests)
    m = measure(report, root, tools, trace, subject=subject, timeout=timeout, full_suite=full_suite) if tools else None
    return localize(subject, m, trace, timeout=timeout)


def run_validate(report: BugReport, repo: str | Path, diff_text: str, *, python: str | None = None,
                 timeout: float = 600.0, progress: ProgressCallback | None = None) -> "PatchValidation":
    """``rootfix validate``: the verdict for a patch written by anyone, against the whole suite's baseline
    and the report's reproduction (:mod:`rootfix.validate.patchcheck`)."""
    from rootfix.validate.patchcheck import PatchValidation, user_candidate
    from rootfix.validate.verdict import judge
    from rootfix.validate.worktree import sigterm_raises

    root = Path(repo).resolve()
    tools = toolchain(root, report, python)
    trace = _Trace(report, root, progress)
    with sigterm_raises():
        candidate = user_candidate(root, diff_text)
        m = measure(report, root, tools, trace, timeout=timeout)
        verdict = judge(root, tools.python, candidate, m.reproduction, test_command=list(tools.test_command),
                        timeout=timeout, baseline=m.baseline, progress=progress)
    return PatchValidation(candidate, m.reproduction, verdict, tools.python, tools.test_command)


def run_prompt(report: BugReport, repo: str | Path | None, *, template_path: str | None = None,
               context: bool = True, warn: Callable[[str], None] | None = None) -> str:
    """``rootfix prompt``: the report rendered into the template (bundled default or ``template_path``), plus
    the context gathered for its component (:func:`rootfix.discover.prompt_context`).

    ``warn(message)`` receives one line per file the index had to skip. Raises ``UsageError`` when the
    component cannot be resolved (only with ``context``).
    """
    from rootfix.discover import prompt_context
    from rootfix.intake.template import load_template, render

    text = render(load_template(template_path), report.variables()).rstrip() + "\n"
    if not context or repo is None:
        return text
    root = Path(repo).resolve()
    subject, _ = prepare(report, root, _Trace(report, root, None), run_tests=False, strict=True, warn=warn)
    return text + "\n---\n\n# Context gathered by rootfix\n\n" + prompt_context(
        subject.index, subject.component, subject.parsed, related=subject.related)


# --------------------------------------------------------------------------- --apply
def apply_outcome(outcome: FixOutcome) -> FixOutcome:
    """Write the validated fix into the user's tree; UsageError when a file changed since validation."""
    if outcome.status != "fixed" or outcome.candidate is None:
        raise UsageError("nothing to apply: no validated fix")
    from rootfix.validate.apply import apply_validated

    apply_validated(outcome.repo, outcome.candidate.patch, outcome.fingerprints)
    return replace(outcome, applied=True)


__all__ = ["apply_outcome", "conclude", "localize", "measure", "prepare", "propose", "run_fix", "run_localize",
           "run_prompt", "run_validate", "toolchain", "validate"]
