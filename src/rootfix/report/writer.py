"""Writes a run's reports: ``summary.md``, ``report.json``, ``fix.diff`` and the new test files."""
from __future__ import annotations

import json
from pathlib import Path

from rootfix.report.diff import patch_diff
from rootfix.report.json_report import rel_path, to_report_json
from rootfix.report.summary import render_summary
from rootfix.types import FixOutcome


def write_outputs(outcome: FixOutcome, out_dir: str | Path) -> dict[str, Path]:
    """Write the reports into ``out_dir`` (created if needed); returns name -> path of what was written.

    ``fix.diff`` is written when there is a validated fix, or a ``proposed`` one (a rule's fix no oracle
    could prove; the summary says so); new test files go under
    ``out_dir/<their repo-relative path>`` (e.g. ``out_dir/tests/test_regression_x.py``).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    data = to_report_json(outcome)
    (out / "report.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written["report.json"] = out / "report.json"
    (out / "summary.md").write_text(render_summary(outcome), encoding="utf-8")
    written["summary.md"] = out / "summary.md"
    cand = outcome.candidate if outcome.status in ("fixed", "proposed") else None
    stale = out / "fix.diff"
    if cand is not None:
        stale.write_text(patch_diff(cand.patch), encoding="utf-8")
        written["fix.diff"] = stale
        for change in cand.patch.changes:
            if change.path not in cand.patch.tests_added:
                continue
            rel = rel_path(change.path, outcome.repo) or change.path
            target = (out / rel).resolve()
            if out.resolve() not in target.parents:  # never write outside out_dir
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(change.new, encoding="utf-8")
            written[rel] = target
    elif stale.exists():
        stale.unlink()  # a fix.diff from an earlier run would claim a fix this run did not validate
    return written
