"""``report.json``: the machine-readable contract of SPEC.md ("report.json").

Every key of the contract is always present (``null`` / empty where nothing is known), so
benchmarks can read it without guarding each key. Paths are repo-relative POSIX paths.
A few extra keys (``message``, ``findings``, ``rejected``, ``applied``) carry what was found
when no fix was validated; readers of the contract ignore them.
"""
from __future__ import annotations

import os
from pathlib import PurePosixPath
from typing import Any

from rootfix.discover.index import outer_symbol
from rootfix.report.diff import patch_diff
from rootfix.types import Candidate, Finding, FixOutcome, Suspect, TestRun, Verdict

#: Stage order of ``timings`` (others follow in the order they were recorded).
STAGES = ("intake", "discover", "baseline", "reproduce", "localize", "fix", "validate", "similar", "report")


def rel_path(path: str | None, repo: str = "") -> str | None:
    """``path`` relative to ``repo`` in POSIX form (absolute paths inside the repo are shortened)."""
    if not path:
        return path
    p = str(path).replace("\\", "/")
    if repo and os.path.isabs(p):
        try:
            p = os.path.relpath(p, repo).replace("\\", "/")
        except ValueError:
            return p
    p = str(PurePosixPath(p))
    return p[2:] if p.startswith("./") else p


def _counts(run: TestRun | None) -> dict[str, int] | None:
    if run is None:
        return None
    return {"passed": run.passed, "failed": run.failed}


def _finding_json(f: Finding, repo: str) -> dict[str, Any]:
    return {"file": rel_path(f.file, repo), "symbol": f.symbol or None, "line": f.line,
            "rule": f.code, "name": f.rule, "bug_class": f.bug_class or None, "message": f.message}


def root_cause_json(outcome: FixOutcome) -> dict[str, Any] | None:
    rc = outcome.root_cause
    repo = outcome.repo
    # a nested function (a decorator's wrapper, a closure) is reported as the function a reader names:
    # the one it is defined in; the line still points into it
    if isinstance(rc, Finding):
        return {"file": rel_path(rc.file, repo), "symbol": outer_symbol(rc.symbol) or None, "line": rc.line,
                "bug_class": rc.bug_class or None, "rule": rc.code, "explanation": rc.message}
    if isinstance(rc, Suspect):
        cand = outcome.candidate
        finding = cand.finding if cand else None
        return {"file": rel_path(rc.file, repo), "symbol": outer_symbol(rc.symbol) or None, "line": rc.line,
                "bug_class": finding.bug_class if finding else None,
                "rule": finding.code if finding else None,
                "explanation": (cand.explanation if cand and cand.explanation else "; ".join(rc.evidence)) or None}
    return None


def _candidate_json(c: Candidate, v: Verdict | None, repo: str) -> dict[str, Any]:
    return {"strategy": c.strategy, "files": [rel_path(p, repo) for p in c.patch.files],
            "tests_added": [rel_path(p, repo) for p in c.patch.tests_added],
            "accepted": bool(v and v.accepted), "reason": v.reason if v else "",
            "reproduction": v.reproduction if v else "not-run",
            "regressions": list(v.regressions) if v else [],
            "diff": patch_diff(c.patch)}


def validation_json(outcome: FixOutcome) -> dict[str, Any]:
    v = outcome.verdict
    if v is None and outcome.rejected:
        v = outcome.rejected[0][1]
    repro = v.reproduction if v is not None else "not-run"
    if v is None and outcome.reproduction is not None:
        repro = "failed" if outcome.reproduction.reproduced else (
            "not-run" if outcome.reproduction.kind == "none" else "passed")
    return {
        "reproduction": repro,
        "baseline": _counts(v.baseline) if v else None,
        "after": _counts(v.after) if v and outcome.status == "fixed" else None,
        "regressions": list(v.regressions) if v and outcome.status == "fixed" else [],
    }


def timings_json(outcome: FixOutcome) -> dict[str, float]:
    per: dict[str, float] = {}
    for t in outcome.timings:
        key = t.stage if t.stage.endswith("_s") else f"{t.stage}_s"
        per[key] = round(per.get(key, 0.0) + t.seconds, 3)
    total = per.pop("total_s", None)
    ordered = {f"{s}_s": per.pop(f"{s}_s") for s in STAGES if f"{s}_s" in per}
    ordered.update(per)
    return {"total_s": round(total if total is not None else sum(ordered.values()), 3), **ordered}


def to_report_json(outcome: FixOutcome) -> dict[str, Any]:
    """``report.json`` for an outcome, exactly the contract's keys (plus a few informative extras)."""
    repo = outcome.repo
    comp = outcome.component
    if comp is not None:
        component = {"type": comp.type, "name": comp.name, "file": rel_path(comp.file, repo),
                     "symbol": comp.symbol or None, "line": comp.line}
    else:
        component = {"type": outcome.report.component_type or None, "name": outcome.report.component_name or None,
                     "file": None, "symbol": None, "line": None}
    cand = outcome.candidate if outcome.status in ("fixed", "proposed") else None
    fix = None
    tests_added: list[str] = []
    if cand is not None:
        fix = {"strategy": cand.strategy, "files": [rel_path(p, repo) for p in cand.patch.files],
               "diff": patch_diff(cand.patch), "proven": outcome.status == "fixed"}
        tests_added = [rel_path(p, repo) for p in cand.patch.tests_added]  # type: ignore[misc]
    return {
        "status": outcome.status,
        "component": component,
        "root_cause": root_cause_json(outcome),
        "suspects": [{"file": rel_path(s.file, repo), "symbol": s.symbol or None, "score": round(float(s.score), 4),
                      "evidence": list(s.evidence)} for s in outcome.suspects],
        "fix": fix,
        "tests_added": tests_added,
        "validation": validation_json(outcome),
        "similar": [{"file": rel_path(f.file, repo), "line": f.line, "rule": f.code} for f in outcome.similar],
        "timings": timings_json(outcome),
        # extras (not part of the contract)
        "message": outcome.message,
        "applied": outcome.applied,
        "findings": [_finding_json(f, repo) for f in outcome.findings],
        "rejected": [_candidate_json(c, v, repo) for c, v in outcome.rejected],
    }
