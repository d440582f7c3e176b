"""``rootfix validate PATCH BUG.yaml``: the verdict for a patch written by anyone.

The diff is applied in a throw-away checkout (a diff that does not apply is bad input), becomes a
``Candidate(strategy="user")`` whose new test files are its regression tests (:func:`user_candidate`), and
is judged against the reproduction (the report's ``reproduce``, else the baseline's failing tests) by
:func:`rootfix.pipeline.run_validate`; this module reads the patch and prints the result.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from rootfix.errors import UsageError
from rootfix.types import Candidate, Reproduction, TestRun, Verdict
from rootfix.validate.worktree import apply_diff, isolated_checkout


@dataclass(frozen=True)
class PatchValidation:
    candidate: Candidate
    reproduction: Reproduction
    verdict: Verdict
    python: str
    test_command: tuple[str, ...]


def read_patch(path: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{path}: no such patch file")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not a text diff (not UTF-8)") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    if not text.strip():
        raise UsageError(f"{path}: the patch is empty")
    return text


def user_candidate(repo: str | os.PathLike[str], diff_text: str) -> Candidate:
    """The diff as a ``Candidate(strategy="user")`` whose new test files are its regression tests, applied in a
    throw-away checkout first (a diff that does not apply is bad input: ``UsageError``)."""
    with isolated_checkout(Path(repo).resolve()) as wt:
        patch = apply_diff(wt, diff_text)
    return Candidate(strategy="user", patch=patch, explanation="patch given to rootfix validate",
                     regression_tests=tuple(patch.tests_added))


def _run_summary(run: TestRun | None) -> dict[str, object] | None:
    if run is None:
        return None
    return {"passed": run.passed, "failed": run.failed, "flaky": list(run.flaky),
            "timed_out": run.timed_out, "seconds": round(run.duration, 2)}


def as_json(result: PatchValidation) -> str:
    v, r = result.verdict, result.reproduction
    return json.dumps({
        "status": "valid" if v.accepted else "rejected",
        "reason": v.reason,
        "files": list(result.candidate.patch.files),
        "tests_added": list(result.candidate.patch.tests_added),
        "reproduction": {"kind": r.kind, "targets": list(r.targets), "command": r.command,
                         "reproduced": r.reproduced, "matched_error": r.matched_error, "exc_type": r.exc_type},
        "validation": {"reproduction": v.reproduction,
                       "regression_failed_before": v.regression_failed_before,
                       "regression_passed_after": v.regression_passed_after,
                       "baseline": _run_summary(v.baseline), "after": _run_summary(v.after),
                       "regressions": list(v.regressions), "edited_tests": list(v.edited_tests)},
        "python": result.python,
        "test_command": list(result.test_command),
    }, indent=2)


def as_text(result: PatchValidation) -> str:
    v, r = result.verdict, result.reproduction
    lines = [f"{'VALID' if v.accepted else 'REJECTED'}: {v.reason}"]
    files = ", ".join(result.candidate.patch.files) or "-"
    lines.append(f"  patch:        {files}" + (f" (+ tests {', '.join(result.candidate.patch.tests_added)})"
                                             if result.candidate.patch.tests_added else ""))
    what = r.command or ", ".join(r.targets) or "none"
    lines.append(f"  reproduction: {r.kind} {what} -> {v.reproduction}")
    if v.regression_failed_before is not None:
        lines.append(f"  regression:   failed before: {v.regression_failed_before}, "
                     f"passed after: {v.regression_passed_after}")
    for label, run in (("baseline", v.baseline), ("with patch", v.after)):
        if run is not None:
            extra = f", flaky {len(run.flaky)}" if run.flaky else ""
            lines.append(f"  {label + ':':13} {run.passed} passed, {run.failed} failed{extra}")
    if v.regressions:
        lines.append(f"  new failures: {', '.join(v.regressions)}")
    return "\n".join(lines)
