"""Localization ranks the right function on real example projects, with evidence."""
from __future__ import annotations

import pytest
import yaml

from rootfix.discover.index import RepoIndex
from rootfix.localize import rank_suspects
from rootfix.localize.sbfl import dstar, function_scores, ochiai
from rootfix.localize.text import similarity, tokens
from rootfix.types import BugReport, ExceptionRecord, Finding, Frame, ParsedError, Spectrum


def _report(examples_dir, case: str) -> BugReport:
    return BugReport(**yaml.safe_load((examples_dir / "cases" / case / "bug.yaml").read_text()))


def test_tokens_split_identifiers() -> None:
    assert tokens("print_kitchen_ticket SendEmailTask") == ["print", "kitchen", "ticket", "send", "email", "task"]


def test_similarity_prefers_matching_document() -> None:
    scores = similarity("overdue notices dry run", {"a": "def send_notices(dry_run): overdue", "b": "def fine(): pass"})
    assert scores["a"] > scores["b"] == 0.0


def test_sbfl_formulas() -> None:
    assert ochiai(2, 0, 2) == pytest.approx(1.0)
    assert ochiai(1, 3, 2) == pytest.approx(1 / (2 ** 0.5 * 2))
    assert dstar(2, 1, 2) == pytest.approx(4.0)
    assert ochiai(0, 5, 1) == 0.0


def test_traceback_frame_and_finding_outrank_text(examples_dir) -> None:
    repo = examples_dir / "cases" / "ex-bw-on-commit" / "repo"
    index = RepoIndex.build(repo)
    report = _report(examples_dir, "ex-bw-on-commit")
    parsed = ParsedError(exceptions=(ExceptionRecord("Order.DoesNotExist", "no order", (
        Frame("/app/kitchen/tasks.py", 22, "print_kitchen_ticket", repo_path="kitchen/tasks.py", is_project=True),)),))
    finding = Finding(code="WRK301", rule="enqueue-in-atomic", message="enqueued inside atomic()",
                      file="orders/services.py", line=69, symbol="place_order", bug_class="W3")
    suspects = rank_suspects(index, report, parsed=parsed, findings=[finding])
    assert suspects[0].file == "orders/services.py" and suspects[0].symbol == "place_order"
    assert any("WRK301" in e for e in suspects[0].evidence)
    by_symbol = {s.symbol: s for s in suspects}
    assert any("traceback frame kitchen/tasks.py:22" in e for e in by_symbol["print_kitchen_ticket"].evidence)
    assert all(not s.file.startswith("tests/") for s in suspects)


def test_spectrum_points_at_covered_function(examples_dir) -> None:
    repo = examples_dir / "cases" / "ex-cli-args" / "repo"
    index = RepoIndex.build(repo)
    handle = index.lookup_function("loans.management.commands.send_overdue_notices.Command.handle")
    other = index.by_path["loans/notices.py"]
    other_fn = next(iter(other.functions.values()))
    spectrum = Spectrum(
        covered={handle.file: {handle.line + 1: frozenset({"t.fail", "t.ok"})},
                 other_fn.file: {other_fn.line + 1: frozenset({"t.ok", "t.ok2"})}},
        failed=frozenset({"t.fail"}), passed=frozenset({"t.ok", "t.ok2"}))
    scores = function_scores(index, spectrum)
    assert set(scores) == {handle.qualname}
    suspects = rank_suspects(index, _report(examples_dir, "ex-cli-args"), spectrum=spectrum)
    assert suspects[0].symbol == "Command.handle"
    assert any(e.startswith("Ochiai") for e in suspects[0].evidence)


@pytest.mark.slow
def test_real_spectrum_from_failing_acceptance_test(examples_dir, project_repo, target_python) -> None:
    """Coverage of the real suite plus the (failing) acceptance test points at the buggy command."""
    from rootfix.reproduce.spectrum import collect_spectrum

    case = examples_dir / "cases" / "ex-cli-args"
    repo = project_repo("repo", base=case)
    (repo / "tests" / "test_example_case.py").write_text((case / "hidden_test.py").read_text())
    spectrum = collect_spectrum(repo, target_python, timeout=300)
    assert spectrum is not None and spectrum.failed and spectrum.passed
    index = RepoIndex.build(repo)
    suspects = rank_suspects(index, _report(examples_dir, "ex-cli-args"), spectrum=spectrum)
    top = [s.symbol for s in suspects[:3]]
    assert "Command.handle" in top, suspects


def test_relevance_prefers_the_fix_for_the_reported_symptoms() -> None:
    from rootfix.localize.relevance import class_affinity, relevance
    from rootfix.types import Candidate, Patch

    report = BugReport(
        component_type="scheduled-job", component_name="nightly invoices",
        bug_description="Customers get the invoice e-mail twice when the job is re-run after an outage.",
        expected_behavior="One e-mail per invoice however often the job runs.",
        actual_behavior="Every manual re-run sends a duplicate.")
    assert class_affinity(report, "S1") > class_affinity(report, "W6") == 0.0

    def cand(code: str, bug_class: str, symbol: str) -> Candidate:
        finding = Finding(code=code, rule=code, message="m", file="billing/jobs.py", line=1, symbol=symbol,
                          bug_class=bug_class)
        return Candidate(strategy=f"rule:{code}", patch=Patch(()), finding=finding)

    duplicate, memory = cand("JOB101", "S1", "send_invoices"), cand("WRK601", "W6", "send_invoices")
    assert relevance(duplicate, report, ()) > relevance(memory, report, ())
