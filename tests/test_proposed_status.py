"""The honest ``proposed`` status: a rule's fix that validation could not prove (nothing failed before
the patch) is reported as proposed — in fix.diff, summary.md and report.json, exit 1 — never as fixed."""
from __future__ import annotations

import json
from pathlib import Path

from test_report import CMD, _candidate, _report, _run, repo  # noqa: F401  (fixture)

from rootfix.pipeline import _proposable
from rootfix.report import render_summary, to_report_json, write_outputs
from rootfix.report.text import render_result
from rootfix.types import FixOutcome, Verdict


def _unproven(baseline, after) -> Verdict:
    return Verdict(False, "no reproduction: nothing failed before the patch", reproduction="not-run",
                   baseline=baseline, after=after)


def test_only_unproven_harmless_rule_fixes_are_proposable(repo: Path) -> None:  # noqa: F811
    cand = _candidate(repo / CMD)
    ok = _unproven(_run(3, 0), _run(4, 0))
    assert _proposable([(cand, ok)]) == (cand, ok)
    shows_nothing = Verdict(False, "regression test `t` passes without the fix: it shows nothing",
                            baseline=_run(3, 0), after=_run(4, 0))
    assert _proposable([(cand, shows_nothing)]) == (cand, shows_nothing)
    breaks = Verdict(False, "breaks `tests/test_x.py::test_p0`", baseline=_run(3, 0), after=_run(2, 1),
                     regressions=("tests/test_x.py::test_p0",))
    wrong = Verdict(False, "regression test `t` fails with the fix", baseline=_run(3, 0), after=_run(3, 1))
    not_run = Verdict(False, "no reproduction: nothing failed before the patch")  # never judged
    assert _proposable([(cand, breaks), (cand, wrong), (cand, not_run)]) is None


def test_proposed_outcome_is_reported_and_written_but_not_fixed(repo: Path, tmp_path: Path) -> None:  # noqa: F811
    cand = _candidate(repo / CMD)
    v = _unproven(_run(3, 0), _run(4, 0))
    out = FixOutcome(status="proposed", report=_report(), component=None, candidate=cand, verdict=v,
                     root_cause=cand.finding, message="proposed, not proven", repo=str(repo))
    data = to_report_json(out)
    assert data["status"] == "proposed" and data["fix"]["proven"] is False and data["fix"]["diff"]
    summary = render_summary(out)
    assert "Proposed, not proven" in summary and "What was tried" in summary and "Fixed:" not in summary
    written = write_outputs(out, tmp_path / "out")
    assert "fix.diff" in written and (tmp_path / "out" / "fix.diff").read_text().startswith("diff --git")
    assert json.loads((tmp_path / "out" / "report.json").read_text())["status"] == "proposed"
    text = render_result(out)
    assert text.startswith("proposed (not proven)") and "fixed" not in text.split("\n")[0]
