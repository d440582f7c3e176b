"""The verdict on a candidate fix: does it fix the bug without breaking anything, provably?

A candidate is accepted when

(a) it edits or deletes no existing test file,
(b) the reproduction failed on the baseline and passes with the candidate (if there is one),
(c) each regression test it adds fails on the old code and passes on the new,
(d) the full suite with the candidate has no new failure against the baseline (flaky tests aside),

and at least one of (b) / (c) flips a failing test to passing. Everything runs in worktrees.
"""
from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Sequence

from rootfix.project.model import is_test_file
from rootfix.types import Candidate, Patch, ProgressCallback, Reproduction, TestRun, Verdict
from rootfix.validate import runner as _runner
from rootfix.validate.runner import SESSION_NODEID, per_test_timeout, run_tests, stable_failing, target_status
from rootfix.validate.worktree import apply_patch, git_toplevel, isolated_checkout, _git

_MAX_LISTED = 3


# --------------------------------------------------------------------------- helpers
def edited_tests(repo: str | os.PathLike[str], patch: Patch) -> tuple[str, ...]:
    """Existing test files the patch modifies or deletes."""
    root = Path(repo)
    out = []
    for c in patch.changes:
        existed = c.old is not None or (root / c.path).exists()
        if existed and is_test_file(c.path) and c.path not in patch.tests_added:
            out.append(c.path)
    return tuple(out)


def _listing(items: Sequence[str]) -> str:
    items = sorted(items)
    text = ", ".join(items[:_MAX_LISTED])
    if len(items) > _MAX_LISTED:
        text += f" and {len(items) - _MAX_LISTED} more"
    return text


def _argv(test_command: Sequence[str] | str | None, repo: Path) -> list[str]:
    if isinstance(test_command, str):
        return _runner.detect_test_command(repo, test_command)
    return list(test_command) if test_command else _runner.detect_test_command(repo)


def _say(progress: ProgressCallback | None, message: str) -> None:
    if progress is not None:
        try:
            progress("validate", message)
        except Exception:  # a display problem must not fail a validation
            pass


def _tree_state(repo: Path) -> str:
    """HEAD plus a digest of uncommitted changes: the baseline is only shared for the same code."""
    top = git_toplevel(repo)
    if top is None:
        return "no-git"
    head = _git(top, "rev-parse", "-q", "--verify", "HEAD", check=False).stdout.strip()
    status = _git(top, "status", "--porcelain", "--untracked-files=all", check=False).stdout
    dirty = ""
    if status.strip():
        import hashlib

        h = hashlib.sha256(status.encode())
        h.update(_git(top, "diff", "HEAD", check=False).stdout.encode(errors="surrogateescape"))
        dirty = h.hexdigest()[:16]
    return f"{head}:{dirty}"


# --------------------------------------------------------------------------- baseline (shared)
_BASELINES: dict[tuple[str, ...], Future[TestRun]] = {}
_BASELINE_LOCK = threading.Lock()


def get_baseline(repo: str | os.PathLike[str], python: str, *, test_command: Sequence[str] | str | None = None,
                 timeout: float = 600.0, progress: ProgressCallback | None = None,
                 nodeids: Sequence[str] = ()) -> TestRun:
    """The suite (or the selected ``nodeids``, see :mod:`rootfix.validate.select`) on the unpatched code,
    run once per repo + interpreter + command + selection + code state.

    Parallel callers share one run (the others wait for it).
    """
    root = Path(repo).resolve()
    argv = _argv(test_command, root)
    key = (str(root), python, *argv, "--", *nodeids, _tree_state(root))
    with _BASELINE_LOCK:
        fut = _BASELINES.get(key)
        owner = fut is None
        if owner:
            fut = Future()
            _BASELINES[key] = fut
    assert fut is not None
    if not owner:
        return fut.result()
    each = per_test_timeout(timeout)
    try:
        _say(progress, "running the test suite on the unpatched code (baseline)" if not nodeids else
             f"running {len(nodeids)} selected test module(s) on the unpatched code (baseline)")
        with isolated_checkout(root) as wt:
            run = run_tests(wt, python, per_test_timeout=each, timeout=timeout, test_command=argv, nodeids=nodeids)
    except BaseException as exc:
        with _BASELINE_LOCK:
            _BASELINES.pop(key, None)
        fut.set_exception(exc)
        raise
    fut.set_result(run)
    return run


def baseline_note(b: TestRun) -> str:
    """How a baseline ended, in words (a timeout is said, never counted as a failure)."""
    text = f"{b.passed} passed, {b.failed} failed" + (f", {len(b.flaky)} flaky" if b.flaky else "")
    if b.timed_out:
        text += " -- TIMED OUT: the run was killed; the tests it did not finish are unknown (raise --timeout)"
    return text


def clear_baselines() -> None:
    with _BASELINE_LOCK:
        _BASELINES.clear()


# --------------------------------------------------------------------------- reproduction re-run
def _run_repro_command(wt: Path, python: str, command: str, timeout: float) -> tuple[bool, str]:
    from rootfix.reproduce.runner import run_shell

    result = run_shell(wt, python, command, timeout=timeout)
    return (result.returncode == 0 and not result.timed_out), result.output


def _with_generated(patch: Patch, reproduction: Reproduction) -> Patch:
    """The candidate plus the generated reproduction test (when there is one)."""
    if not reproduction.generated_file:
        return patch
    from rootfix.types import FileChange

    path, text = reproduction.generated_file
    if any(c.path == path for c in patch.changes):
        return patch
    return Patch(patch.changes + (FileChange(path, None, text),), patch.tests_added)


# --------------------------------------------------------------------------- judge
def judge(repo: str | os.PathLike[str], python: str, candidate: Candidate, reproduction: Reproduction, *,
          test_command: Sequence[str] | str | None = None, timeout: float = 600.0,
          baseline: TestRun | None = None, progress: ProgressCallback | None = None,
          nodeids: Sequence[str] = ()) -> Verdict:
    """Validate one candidate in its own worktrees (see the module docstring for the rules).

    ``nodeids``: the selected tests (the same selection as the baseline's); empty for the whole suite.
    """
    root = Path(repo).resolve()
    argv = _argv(test_command, root)
    patch = candidate.patch

    # (a) existing tests are the specification: a fix may not change them
    edited = edited_tests(root, patch)
    if edited:
        verb = "deletes" if all(c.deleted for c in patch.changes if c.path in edited) else "edits"
        return Verdict(False, f"{verb} existing test {_listing(edited)}", edited_tests=edited, baseline=baseline)

    each = per_test_timeout(timeout)
    if baseline is None:
        baseline = get_baseline(root, python, test_command=argv, timeout=timeout, progress=progress,
                                nodeids=nodeids)
    if baseline.timed_out:
        return Verdict(False, f"the baseline test run timed out after {timeout:g}s "
                       f"({baseline.passed + baseline.failed} test(s) finished): cannot judge", baseline=baseline)

    # (c, before) the added regression tests on the old code: only the new test files, no fix
    reg = tuple(candidate.regression_tests)
    reg_failed_before: bool | None = None
    reg_before_status = ""
    reg_shown: list[str] = []  # the regression tests that failed before (others may skip: no path to the bug)
    if reg:
        new_tests = [c for c in patch.changes if c.old is None and not c.deleted
                     and (c.path in patch.tests_added or any(n.split("::")[0] == c.path for n in reg))]
        _say(progress, f"{candidate.strategy}: regression tests on the unpatched code")
        with isolated_checkout(root) as wt:
            apply_patch(wt, Patch(tuple(new_tests), tuple(c.path for c in new_tests)))
            before_reg = run_tests(wt, python, per_test_timeout=each, nodeids=reg, timeout=timeout, test_command=argv)
        reg_before_status = target_status(before_reg, reg)
        reg_failed_before = reg_before_status == "failed"
        matched = [o for o in before_reg.outcomes if any(_runner._matches(o.nodeid, t) for t in reg)]
        if any(o.outcome == "skipped" for o in matched):  # replays with no path to the bug: name the others
            reg_shown = [o.nodeid for o in matched if o.outcome in ("failed", "error")]

    # (b, d) the candidate applied: the full suite (it includes the reproduction and regression tests)
    full_patch = _with_generated(patch, reproduction)
    _say(progress, f"{candidate.strategy}: " + ("test suite" if not nodeids else "selected tests") + " with the fix")
    repro_after_ok: bool | None = None
    repro_output = ""
    repro_run: TestRun | None = None
    with isolated_checkout(root) as wt:
        apply_patch(wt, full_patch)
        after = run_tests(wt, python, per_test_timeout=each, timeout=timeout, test_command=argv, nodeids=nodeids)
        repro_targets = tuple(reproduction.targets)
        if reproduction.kind == "report-command" and reproduction.command:
            ok, repro_output = _run_repro_command(wt, python, reproduction.command, timeout)
            repro_after_ok = ok
        elif repro_targets:
            status = target_status(after, repro_targets)
            repro_run = after
            if status == "missing":  # outside the suite's testpaths: run the targets themselves
                extra = run_tests(wt, python, per_test_timeout=each, nodeids=repro_targets, timeout=timeout,
                                  test_command=argv)
                status = target_status(extra, repro_targets)
                repro_run = extra
            repro_after_ok = status == "passed"
        reg_after_status = ""
        if reg:
            reg_after_status = target_status(after, reg)
            if reg_after_status == "missing":
                extra = run_tests(wt, python, per_test_timeout=each, nodeids=reg, timeout=timeout, test_command=argv)
                reg_after_status = target_status(extra, reg)
    reg_passed_after = (reg_after_status == "passed") if reg else None

    # (d) new failures: failing now, not failing in the baseline, flaky in neither run
    own = set(reg) | set(repro_targets)
    flaky = set(baseline.flaky) | set(after.flaky)
    baseline_failing = baseline.failing
    regressions = sorted(n for n in stable_failing(after)
                         if n not in baseline_failing and n not in flaky
                         and not any(_runner._matches(n, t) for t in own))
    if after.timed_out:
        regressions = sorted(set(regressions) | {SESSION_NODEID})

    # the reproduction, before -> after
    repro_str = "not-run"
    repro_flip = False
    repro_problem = ""
    repro_trigger = False
    if reproduction.kind != "none" and (repro_targets or reproduction.command):
        before = "failed" if reproduction.reproduced else "passed"
        after_s = "passed" if repro_after_ok else "failed"
        repro_str = f"{before}->{after_s}"
        what = reproduction.command or _listing(repro_targets)
        if reproduction.reproduced and not repro_after_ok:
            if _trigger_still_shown(candidate, reproduction, repro_run, repro_targets) and reg:
                # the generated run only shows the failure that triggers the bug; the oracle decides
                repro_trigger = True
            else:
                repro_problem = f"does not fix the reproduction: {what} still fails"
        elif not reproduction.reproduced and not repro_after_ok:
            repro_problem = f"breaks the reproduction: {what} passed before the patch and fails with it"
        repro_flip = reproduction.reproduced and bool(repro_after_ok)

    verdict_kw = dict(reproduction=repro_str, regression_failed_before=reg_failed_before,
                      regression_passed_after=reg_passed_after, baseline=baseline, after=after,
                      regressions=tuple(regressions))

    if after.timed_out:
        return Verdict(False, f"the test run with the fix timed out after {timeout:g}s: cannot judge", **verdict_kw)
    if repro_problem:
        return Verdict(False, repro_problem, **verdict_kw)
    if regressions:
        return Verdict(False, f"breaks {_listing(regressions)}", **verdict_kw)
    if reg:
        if reg_before_status != "failed":
            why = {"passed": "passes", "flaky": "is flaky", "missing": "does not run"}.get(reg_before_status, "passes")
            return Verdict(False, f"regression test {_listing(reg)} {why} without the fix: it shows nothing",
                           **verdict_kw)
        if not reg_passed_after:
            return Verdict(False, f"regression test {_listing(reg)} fails with the fix", **verdict_kw)
    reg_flip = bool(reg) and bool(reg_failed_before) and bool(reg_passed_after)
    if not (repro_flip or reg_flip):
        return Verdict(False, "no reproduction: nothing failed before the patch", **verdict_kw)

    shown = []
    if repro_trigger:
        shown.append(f"the generated run still shows the reported {reproduction.exc_type or 'error'}, "
                     "the failure that triggers the bug, as expected")
    if repro_flip:
        shown.append(f"reproduction {reproduction.command or _listing(repro_targets)} failed->passed")
    if reg_flip:
        shown.append(f"regression test {_listing(reg_shown or reg)} failed->passed")
    total = len([o for o in after.outcomes if o.outcome != "skipped"])
    return Verdict(True, f"{'; '.join(shown)}; no new failures in {total} tests", **verdict_kw)


def _trigger_still_shown(candidate: Candidate, reproduction: Reproduction, run: TestRun | None,
                         targets: Sequence[str]) -> bool:
    """A generated reproduction that, with the fix, still fails with the reported error, for a rule whose
    bug is what a failure leaves behind (``Rule.reported_error_is_trigger``): the error is the trigger
    (an outage), not the bug, and a correct fix need not stop it."""
    from rootfix.rules.base import load_all_rules

    if reproduction.kind != "generated" or not reproduction.matched_error or not reproduction.exc_type:
        return False
    if candidate.finding is None or run is None or not candidate.strategy.startswith("rule:"):
        return False
    rule = load_all_rules().get(candidate.finding.code)
    if rule is None or not rule.reported_error_is_trigger:
        return False
    short = reproduction.exc_type.rsplit(".", 1)[-1]
    failed = [o for o in run.outcomes if o.outcome in ("failed", "error")
              and any(_runner._matches(o.nodeid, t) for t in targets)]
    # the same error as before, and nothing else
    return bool(failed) and all(short in o.message for o in failed)


# --------------------------------------------------------------------------- many candidates
def validate_candidates(repo: str | os.PathLike[str], python: str, candidates: Sequence[Candidate],
                        reproduction: Reproduction, *, test_command: Sequence[str] | str | None = None,
                        timeout: float = 600.0, jobs: int = 0, baseline: TestRun | None = None,
                        progress: ProgressCallback | None = None, nodeids: Sequence[str] = ()) -> list[Verdict]:
    """Judge candidates in parallel (each in its own worktrees), bounded by ``jobs`` or the cores.

    The baseline is run once first and shared. Verdicts come back in the candidates' order.
    On Ctrl-C / SIGTERM every running test process is killed and every worktree removed.
    """
    from rootfix.validate.worktree import sigterm_raises

    if not candidates:
        return []
    root = Path(repo).resolve()
    argv = _argv(test_command, root)
    with sigterm_raises():
        if baseline is None:
            baseline = get_baseline(root, python, test_command=argv, timeout=timeout, progress=progress,
                                    nodeids=nodeids)
        workers = max(1, min(len(candidates), jobs or (os.cpu_count() or 1)))
        if workers == 1:
            return [judge(root, python, c, reproduction, test_command=argv, timeout=timeout,
                          baseline=baseline, progress=progress, nodeids=nodeids) for c in candidates]
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rootfix-validate")
        try:
            futures = [pool.submit(judge, root, python, c, reproduction, test_command=argv, timeout=timeout,
                                   baseline=baseline, progress=progress, nodeids=nodeids) for c in candidates]
            return [f.result() for f in futures]
        except BaseException:
            # stop the other candidates' test processes; their `finally`s remove their worktrees
            _runner.CANCEL.set()
            for f in futures if "futures" in locals() else []:
                f.cancel()
            raise
        finally:
            pool.shutdown(wait=True)
            _runner.CANCEL.clear()
