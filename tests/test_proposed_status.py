"""The honest ``proposed`` status: a rule's fix that validation could not prove (nothing failed before
the patch) is reported as proposed — in fix.diff, summary.md and report.json, exit 1 — never as fixed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

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


UNPROVABLE = '''from django.db import transaction

from .models import Order
from .tasks import send_receipt


def import_orders(rows):
    with transaction.atomic():
        for row in rows:
            order = Order.objects.create(customer_id=row["customer"], total=row["total"])
            send_receipt.delay(order.pk)
'''


@pytest.mark.slow
def test_unprovable_rule_fix_is_proposed_end_to_end(tmp_path: Path) -> None:
    """tillbox with an enqueue in atomic() that no test reaches and whose input (``rows``) cannot be
    generated: WRK301's fix breaks nothing but nothing proves it -> proposed, exit 1, fix.diff written,
    the repo untouched even with --apply."""
    import shutil
    import subprocess
    import sys

    from conftest import make_git_repo

    base = Path(__file__).parent / "data" / "oracle_projects"
    src = tmp_path / "src"
    shutil.copytree(base / "tillbox", src)
    (src / "shop" / "services.py").write_text(UNPROVABLE)
    repo = make_git_repo(src, tmp_path / "repo")
    out = tmp_path / "out"
    p = subprocess.run([sys.executable, "-m", "rootfix", "fix", str(base / "tillbox_receipt_bug.yaml"), "--repo",
                        str(repo), "--python", sys.executable, "--out", str(out), "--apply"],
                       capture_output=True, text=True, timeout=900)
    assert p.returncode == 1, p.stdout[-3000:] + p.stderr[-3000:]
    data = json.loads((out / "report.json").read_text())
    assert data["status"] == "proposed" and data["fix"]["proven"] is False
    assert data["fix"]["files"] == ["shop/services.py"] and "on_commit" in (out / "fix.diff").read_text()
    assert "No regression test could be written" in (out / "summary.md").read_text()
    assert subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout == ""
