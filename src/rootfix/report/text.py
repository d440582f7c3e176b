"""The short text result ``rootfix fix`` prints on stdout."""
from __future__ import annotations

from pathlib import Path

from rootfix.report.diff import diff_stats, patch_diff
from rootfix.report.json_report import root_cause_json
from rootfix.types import FixOutcome, Patch


def render_result(outcome: FixOutcome, *, out_dir: Path | None = None, apply_requested: bool = False) -> str:
    """The short result of ``rootfix fix`` (text format)."""
    lines = []
    comp = outcome.component
    rc = root_cause_json(outcome)
    where = (f"{rc['file']}" + (f" {rc['symbol']}" if rc.get("symbol") else "") + (f":{rc['line']}" if rc.get("line")
             else "") + (f" [{rc['rule']}]" if rc.get("rule") else "")) if rc else "not located"
    if outcome.status == "fixed":
        c, v = outcome.candidate, outcome.verdict
        code_only = Patch(tuple(ch for ch in c.patch.changes if ch.path not in c.patch.tests_added))
        added, removed = diff_stats(code_only)
        lines.append(f"fixed: {comp.name if comp else outcome.report.component_name} — root cause {where}")
        lines.append(f"  fix: {c.strategy}, {', '.join(c.patch.files)} (+{added}/-{removed})"
                     + (f"; tests added: {', '.join(c.patch.tests_added)}" if c.patch.tests_added else ""))
        lines.append(f"  validated: {v.reason}")
        if v.baseline is not None and v.after is not None:
            lines.append(f"  tests: baseline {v.baseline.passed} passed / {v.baseline.failed} failed -> "
                         f"after {v.after.passed} passed / {v.after.failed} failed")
        if outcome.similar:
            lines.append(f"  similar: {len(outcome.similar)} more finding(s) of the same rule: "
                         + ", ".join(f"{f.file}:{f.line}" for f in outcome.similar[:5]))
        if outcome.applied:
            lines.append(f"  applied to {outcome.repo}")
        elif not apply_requested:
            lines.append("  not applied (run with --apply to write it)")
        if out_dir is None:
            lines.append("")
            lines.append(patch_diff(c.patch).rstrip("\n"))
    else:
        label = {"no_fix": "no validated fix", "proposed": "proposed (not proven)"}.get(outcome.status, "error")
        lines.append(f"{label}: {comp.name if comp else outcome.report.component_name} — "
                     f"{'strongest suspect' if rc else 'root cause'} {where}")
        if outcome.message:
            lines.append(f"  {outcome.message}")
        if outcome.status == "proposed" and outcome.candidate is not None:
            lines.append(f"  proposed fix: {outcome.candidate.strategy}, {', '.join(outcome.candidate.patch.files)} "
                         "(in fix.diff; not applied, not proven)")
        for c, v in outcome.rejected[:5]:
            lines.append(f"  rejected {c.strategy}: {v.reason}")
    if out_dir is not None:
        lines.append(f"  report: {out_dir / 'summary.md'}")
    return "\n".join(lines)
