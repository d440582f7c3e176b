"""How well a candidate fix matches the bug report: the bug class the report's symptoms point at,
and the localization score of the function the fix changes.

Validation proves that a candidate fixes *a* bug; relevance decides which validated candidate
fixes *the reported* one when several rules find something in the component's code.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rootfix.types import BugReport, Candidate, Suspect

if TYPE_CHECKING:
    from typing import Iterable

#: Symptoms users report for each bug class (SPEC.md catalogue), as regular expressions.
SYMPTOMS: dict[str, tuple[str, ...]] = {
    "W1": (r"\bretr(y|ies|ied|ying)\b", r"\btransient\b", r"\bbackoff\b", r"\b4\d\d\b", r"\btime(d)?[ -]?out\b",
           r"try again"),
    "W2": (r"too many (connections|clients|open files)", r"\bconnections?\b", r"\bcursor", r"\bthreads?\b",
           r"connection (already )?closed", r"\bhandles?\b", r"open files", r"file descriptors?", r"connection slots"),
    "W3": (r"doesnotexist", r"does not exist", r"\bcommit", r"\btransaction", r"roll(ed)?[ -]?back", r"never saved",
           r"a few seconds later", r"is there"),
    "W4": (r"\blost\b", r"\bconcurren", r"\brace\b", r"at the same time", r"\bsimultaneous", r"\boverwrit",
           r"counts? (is|are) (off|wrong|low)"),
    "W5": (r"serializ", r"\bjson\b", r"encodeerror", r"\bdecimal\b", r"\bpickl"),
    "W6": (r"\bmemory\b", r"\boom\b", r"\bkilled\b", r"memoryerror", r"\bleak", r"\brss\b", r"\bgrows?\b"),
    "C1": (r"--[a-z][\w-]+", r"\boption\b", r"\bflag\b", r"\bargument", r"\bignored\b", r"has no effect", r"dry[ -]?run"),
    "C3": (r"\b(import|write)s? nothing\b", r"\b(rows|lines) (before|above)\b", r"\batomic", r"all[- ]or[- ]nothing",
           r"(completely|entirely|whole \w+) or not at all", r"\bhalf[- ](way|written|applied|imported|done)",
           r"\bpartial(ly)?\b"),
    "S1": (r"\btwice\b", r"\bduplicat", r"\bagain\b", r"re-?run", r"\bdouble", r"\bthird\b", r"more than once"),
    "S4": (r"time ?zone", r"\butc\b", r"\bdst\b", r"daylight", r"midnight", r"\b\d{1,2} ?[ap]m\b", r"local (time|day)",
           r"clocks? changed", r"summer|winter", r"clocks? (went|go(es)?|moved?|changed?) (back|forward)",
           r"wall[- ]clock", r"an hour (early|late|off|out|ahead|behind|too (early|late))"),
    "P1": (r"\bcolumns?\b", r"\bschema\b", r"\bunion\b", r"swapped", r"\border\b", r"wrong (column|field)",
           r"\b(csv|parquet|header)\b"),
    "P6": (r"accumulator", r"\bclosure", r"pickl", r"broadcast", r"always (0|zero|empty)",
           r"(stays?|always|still|remains?) (at )?(0|zero|empty)",
           r"\b0 (\w+ ){0,3}(held|unclaimed|flagged|found|recorded|counted|rejected|skipped|matched)\b"),
}


def report_text(report: BugReport) -> str:
    return "\n".join((report.component_name, report.bug_description, report.expected_behavior,
                      report.actual_behavior, report.error_message)).lower()


def class_affinity(report: BugReport, bug_class: str) -> float:
    """0..1: how many of the class's symptoms the report shows (saturating at three)."""
    patterns = SYMPTOMS.get(bug_class, ())
    if not patterns:
        return 0.0
    text = report_text(report)
    hits = sum(1 for p in patterns if re.search(p, text))
    return min(hits, 3) / 3


def relevance(candidate: Candidate, report: BugReport, suspects: tuple[Suspect, ...]) -> float:
    """Bug-class affinity of the candidate's finding plus the suspect score of the function it fixes."""
    score = 0.0
    finding = candidate.finding
    if finding is not None:
        score += class_affinity(report, finding.bug_class)
        for s in suspects:
            if s.file == finding.file and s.symbol == finding.symbol:
                score += s.score
                break
    return score


#: The kind of component each rule family is about (its code's prefix).
FAMILIES = {"WRK": "background-worker", "CMD": "cli-tool", "JOB": "scheduled-job", "SPK": "pyspark-job"}


def foreign_fix(candidate: Candidate, reproduction: str | None, report: BugReport,
                reach: "Iterable[tuple[str, str]] | None") -> bool:
    """A rule fix of a bug that is not the reported one as far as anything shows: its rule is for another kind of
    component than the report names, its finding is outside the reported component's code (``reach``: the
    ``(file, symbol)`` of each function it runs), and no reproduction of the reported failure passed with it. Its own oracle proves that
    the finding's bug is fixed, not that it is the one the user saw (a scheduled job that enqueues the
    reported task is not the task); such a fix is proposed, never claimed. So is one of a bug class whose
    symptoms the report does not show while it shows another class's."""
    finding = candidate.finding
    if finding is None or reproduction == "failed->passed" or not candidate.strategy.startswith("rule:"):
        return False
    if _other_class(report, finding.bug_class):
        return True
    family = FAMILIES.get(finding.code[:3])
    if family is None or not report.component_type or family == report.component_type:
        return False
    if reach is None:
        return False
    reach = set(reach)
    # a finding on a class (its body's state) is in the code the component runs when one of its methods is
    return (finding.file, finding.symbol) not in reach and not any(
        file == finding.file and symbol.startswith(f"{finding.symbol}.") for file, symbol in reach)


def _other_class(report: BugReport, bug_class: str) -> bool:
    """The report shows none of ``bug_class``'s symptoms and some of another class of the same component kind
    (it speaks of connections left open, the finding is about memory)."""
    if bug_class not in SYMPTOMS or class_affinity(report, bug_class) > 0:
        return False
    return any(c[0] == bug_class[0] and c != bug_class and class_affinity(report, c) > 0 for c in SYMPTOMS)
