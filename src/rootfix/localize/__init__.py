"""Stage 5: rank suspect functions, each with its evidence (see :mod:`rootfix.localize.rank`).

    localize(subject, spectrum=...) -> Localization        # rule findings on the component's code + suspects
    rank_suspects(index, report, ...) -> tuple[Suspect]    # the ranking alone
    root_cause_for(index, candidate, suspects)             # where a validated fix says the bug was
    unconfirmed_root_cause(index, suspects, findings)      # the best guess when no fix was validated
    relevance(candidate, report, suspects) -> float        # how well a candidate matches the report
"""
from __future__ import annotations

from rootfix.localize.findings import component_findings, rule_findings, split_findings
from rootfix.localize.rank import rank_suspects
from rootfix.localize.relevance import relevance
from rootfix.localize.root_cause import root_cause_for, unconfirmed_root_cause
from rootfix.types import Localization, Reproduction, Spectrum, Subject, TestRun

__all__ = ["component_findings", "localize", "rank_suspects", "relevance", "root_cause_for", "rule_findings",
           "split_findings", "unconfirmed_root_cause"]


def localize(subject: Subject, *, spectrum: Spectrum | None = None, reproduction: Reproduction | None = None,
             baseline: TestRun | None = None, notes: tuple[str, ...] = ()) -> Localization:
    """The rule findings on the code the subject's component runs, and the suspects ranked from them, the
    report's traceback, the coverage ``spectrum`` (when failing tests exist) and the report's words."""
    index, component = subject.index, subject.component
    mine, other = component_findings(index, component, subject.related)
    suspects = rank_suspects(index, subject.report, component=component, parsed=subject.parsed, findings=mine,
                             spectrum=spectrum)
    return Localization(component, tuple(suspects), tuple(mine), reproduction, baseline, notes, tuple(other))
