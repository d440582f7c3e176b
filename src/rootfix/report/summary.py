"""``summary.md``: the human report of a ``rootfix fix`` run (Markdown)."""
from __future__ import annotations

from rootfix.report.diff import diff_stats, patch_diff
from rootfix.report.json_report import rel_path, root_cause_json, timings_json
from rootfix.types import Finding, FixOutcome, TestRun

_STATUS = {
    "fixed": "Fixed: a validated fix was found",
    "proposed": "Proposed, not proven: a rule's fix that breaks no test, but no oracle could show it fixes the bug",
    "no_fix": "No validated fix",
    "error": "Error",
}

#: What to do when deploying a fix, per component type.
DEPLOYMENT_NOTES: dict[str, tuple[str, ...]] = {
    "background-worker": (
        "Restart or redeploy **every worker process** that consumes this task's queue; workers keep the old "
        "code in memory until they restart (a rolling restart with `celery control shutdown` / your process "
        "manager's graceful reload lets running tasks finish first).",
        "Messages already in the broker were queued by the old code: let the queue **drain**, or check that the "
        "fixed task still accepts the arguments of in-flight messages (old signatures, positional arguments, "
        "retried tasks with an ETA/countdown scheduled hours ahead).",
        "Deploy the web/API processes that enqueue the task together with the workers when the fix changes how "
        "or when the task is enqueued, or the argument list.",
        "Tasks that failed because of the bug are not rerun by the fix: find them (result backend, Flower, "
        "error logs) and requeue the affected ones once.",
    ),
    "scheduled-job": (
        "Restart the scheduler (**celery beat**, the APScheduler process, or reload the crontab) if the fix "
        "changes the schedule itself; beat reads its schedule at start-up (and may cache it in "
        "`celerybeat-schedule` / the django-celery-beat tables).",
        "Restart the workers that execute the job so they load the fixed code.",
        "Mind timezones: schedules in `CELERY_TIMEZONE` / `TIME_ZONE` and DST transitions can shift or repeat a "
        "run; check the first run after the deploy and the next DST change.",
        "A run may overlap with a deploy or a manual run; make sure a rerun is harmless (idempotent) before "
        "backfilling the periods the bug affected.",
    ),
    "cli-tool": (
        "Update the wrappers that invoke the command (cron entries, Kubernetes CronJobs, CI/ops scripts) if the "
        "fix changes its flags, defaults or exit codes.",
        "Re-run the command for the inputs the bug affected (use the command's dry-run mode first, when it has "
        "one).",
        "Long-running invocations started before the deploy keep running the old code until they finish.",
    ),
    "pyspark-job": (
        "Resubmit the job with the fixed code: rebuild and ship the job's package / zip / wheel "
        "(`--py-files`, cluster libraries) so executors do not keep the old version.",
        "Rerun the affected partitions / dates: outputs written by the buggy job stay wrong until they are "
        "recomputed (overwrite the affected partitions, then the downstream jobs that read them).",
        "Check cluster-installed libraries and the driver/executor Python versions match what the tests ran "
        "with.",
    ),
}


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def _counts(run: TestRun | None) -> str:
    if run is None:
        return "not run"
    extra = f", {len(run.flaky)} flaky" if run.flaky else ""
    timed = " (timed out)" if run.timed_out else ""
    return f"{run.passed} passed, {run.failed} failed{extra}{timed}"


def _root_cause_section(outcome: FixOutcome) -> list[str]:
    out = ["## Root cause", ""]
    rc = root_cause_json(outcome)
    if rc is None:
        out += ["No root cause could be located.", ""]
        return out
    where = f"`{rc['file']}`" + (f", `{rc['symbol']}`" if rc.get("symbol") else "") + (
        f" (line {rc['line']})" if rc.get("line") else "")
    out.append(f"**Where:** {where}")
    if rc.get("rule"):
        out.append(f"**Bug class:** {rc.get('bug_class') or '?'} — rule `{rc['rule']}`")
    out.append("")
    if rc.get("explanation"):
        out += [str(rc["explanation"]), ""]
    if outcome.status != "fixed":
        out += ["_This is the strongest suspect; no fix for it passed validation, so it is not confirmed._", ""]
    # evidence from the suspect that matches the root cause, and from the reproduction
    evidence: list[str] = []
    for s in outcome.suspects:
        if rel_path(s.file, outcome.repo) == rc["file"] and (not rc.get("symbol") or s.symbol == rc["symbol"]):
            evidence = list(s.evidence)
            break
    if isinstance(outcome.root_cause, Finding) and outcome.root_cause.related:
        evidence += [f"{r.note} ({rel_path(r.path, outcome.repo)}:{r.line})" for r in outcome.root_cause.related]
    if evidence:
        out.append("**Evidence:**")
        out += [f"- {e}" for e in evidence]
        out.append("")
    pe = outcome.parsed_error
    if pe is not None and pe.final is not None:
        out.append(f"**Reported error:** `{pe.final.exc_type}: {pe.final.message}`")
        frames = pe.project_frames
        if frames:
            out.append("")
            out.append("Project frames in the reported traceback:")
            out += [f"- `{f.repo_path or f.path}:{f.line}` in `{f.function}`" for f in frames]
        out.append("")
    return out


def _changes_section(outcome: FixOutcome) -> list[str]:
    cand = outcome.candidate
    if outcome.status not in ("fixed", "proposed") or cand is None:
        return []
    added, removed = diff_stats(cand.patch)
    out = ["## Changes and why", ""]
    if outcome.status == "proposed":
        v = outcome.verdict
        out += ["**Proposed, not validated** (written to `fix.diff`, not applied): no test of the project and no "
                "generated oracle failed on the old code, so nothing shows this change fixes the bug.", ""]
        if not cand.regression_tests:
            out += ["No regression test could be written: no test of the project reaches the code, and a "
                    "generated run could not be built (its inputs could not be made up from the models).", ""]
        if v is not None:
            out += [f"What was tried: validation in a worktree ({v.reason}); reproduction {v.reproduction}; "
                    f"regression test fails before: {v.regression_failed_before}, passes after: "
                    f"{v.regression_passed_after}; baseline {_counts(v.baseline)}, with the fix {_counts(v.after)}.",
                    ""]
    out.append(f"Strategy: `{cand.strategy}`; {len(cand.patch.changes)} file(s), +{added} / -{removed} lines.")
    out.append("")
    if cand.explanation:
        out += [cand.explanation, ""]
    files = [rel_path(p, outcome.repo) for p in cand.patch.files]
    if files:
        out.append("Changed: " + ", ".join(f"`{f}`" for f in files))
    if cand.patch.tests_added:
        out.append("Regression test(s) added: " + ", ".join(f"`{rel_path(t, outcome.repo)}`"
                                                             for t in cand.patch.tests_added))
    out += ["", "```diff", patch_diff(cand.patch).rstrip("\n"), "```", ""]
    return out


def _side_effects(outcome: FixOutcome) -> list[str]:
    out = ["## Side effects and considerations", ""]
    items: list[str] = []
    cand = outcome.candidate
    f = cand.finding if cand else None
    if outcome.status == "fixed" and cand is not None:
        if f is not None and f.fix_safety == "unsafe":
            items.append(f"The `{f.code}` fix is marked *unsafe*: it can change behaviour beyond the bug; "
                         "review the diff before merging.")
        if len(cand.patch.files) > 1:
            items.append("The fix spans several files; callers outside this repository that rely on the old "
                         "behaviour need the same change.")
        if cand.strategy.startswith("llm:"):
            items.append("The fix was written by a language model and validated by the tests only; review it "
                         "like any contributed patch.")
        v = outcome.verdict
        if v is not None and v.baseline is not None and v.baseline.flaky:
            items.append("Flaky tests (failed, then passed on rerun): " +
                         ", ".join(f"`{t}`" for t in v.baseline.flaky))
        if v is not None and v.baseline is not None and v.baseline.failed:
            items.append(f"{v.baseline.failed} test(s) already failed before the fix; they were not counted "
                         "as regressions.")
    if outcome.similar:
        items.append(f"The same bug pattern appears {len(outcome.similar)} more time(s) in the repo (see "
                     "*Similar bugs elsewhere*); they were not changed.")
    if not items:
        items.append("None beyond the change shown above." if outcome.status == "fixed"
                     else "Nothing was changed.")
    out += [f"- {i}" for i in items] + [""]
    return out


def _deployment(outcome: FixOutcome) -> list[str]:
    ctype = outcome.component.type if outcome.component else outcome.report.component_type
    notes = DEPLOYMENT_NOTES.get(ctype)
    if not notes or outcome.status != "fixed":
        return []
    return ["## Deployment notes", "", f"For a **{ctype}**:", ""] + [f"- {n}" for n in notes] + [""]


def _test_results(outcome: FixOutcome) -> list[str]:
    out = ["## Test results", ""]
    repro = outcome.reproduction
    if repro is not None:
        what = repro.command or ", ".join(f"`{t}`" for t in repro.targets) or "—"
        state = "reproduced the bug" if repro.reproduced else "did not reproduce the bug"
        out.append(f"- Reproduction ({repro.kind}): {what} — {state}"
                   + (f" (`{repro.exc_type}`)" if repro.exc_type else "") + ".")
    v = outcome.verdict
    if v is not None:
        if outcome.status == "fixed":
            out.append(f"- Reproduction before -> after the fix: **{v.reproduction}**")
        if v.regression_failed_before is not None or v.regression_passed_after is not None:
            out.append(f"- Regression test: fails before the fix: {v.regression_failed_before}, "
                       f"passes after: {v.regression_passed_after}")
        out.append(f"- Baseline (buggy code): {_counts(v.baseline)}")
        if outcome.status == "fixed":
            out.append(f"- After the fix: {_counts(v.after)}")
            out.append("- Regressions: " + (", ".join(f"`{r}`" for r in v.regressions) if v.regressions else "none"))
        if v.edited_tests:
            out.append("- Pre-existing tests edited: " + ", ".join(f"`{t}`" for t in v.edited_tests))
    if outcome.rejected:
        out += ["", "Rejected candidates:", ""]
        out += ["| strategy | files | reason |", "| --- | --- | --- |"]
        for c, rv in outcome.rejected:
            files = ", ".join(rel_path(p, outcome.repo) or "" for p in c.patch.files) or "—"
            out.append(f"| `{c.strategy}` | {_md_escape(files)} | {_md_escape(rv.reason)} |")
    out.append("")
    return out


def _similar(outcome: FixOutcome) -> list[str]:
    out = ["## Similar bugs elsewhere", ""]
    if not outcome.similar:
        return out + ["None found.", ""]
    for f in outcome.similar:
        sym = f" in `{f.symbol}`" if f.symbol else ""
        out.append(f"- `{rel_path(f.file, outcome.repo)}:{f.line}`{sym} — `{f.code}` {f.message}")
    return out + [""]


def _suspects(outcome: FixOutcome) -> list[str]:
    if not outcome.suspects:
        return []
    out = ["## Suspects", "", "| # | file | symbol | score | evidence |", "| --- | --- | --- | --- | --- |"]
    for i, s in enumerate(outcome.suspects[:10], 1):
        ev = "; ".join(s.evidence[:3])
        out.append(f"| {i} | `{rel_path(s.file, outcome.repo)}` | `{s.symbol}` | {s.score:.2f} | {_md_escape(ev)} |")
    return out + [""]


def render_summary(outcome: FixOutcome) -> str:
    """The Markdown summary of a ``rootfix fix`` run."""
    r = outcome.report
    comp = outcome.component
    lines = [f"# rootfix: {r.component_name}", ""]
    lines.append(f"**Status:** {_STATUS.get(outcome.status, outcome.status)}"
                 + (" (applied to the working tree)" if outcome.applied else ""))
    if outcome.message:
        lines.append(f"\n{outcome.message}")
    lines.append("")
    lines += ["## Component", ""]
    if comp is not None:
        lines.append(f"- **{comp.name}** ({comp.type}, {comp.flavor})")
        lines.append(f"- Defined in `{rel_path(comp.file, outcome.repo)}`, `{comp.symbol}` (line {comp.line})")
        if comp.declared_in:
            lines.append(f"- Declared in `{rel_path(comp.declared_in, outcome.repo)}`")
        if comp.target:
            lines.append(f"- Runs `{comp.target}`")
    else:
        lines.append(f"- {r.component_name} ({r.component_type}) — not resolved")
    lines += ["", "## The report", "", f"- **Bug:** {r.bug_description.strip()}",
              f"- **Expected:** {r.expected_behavior.strip()}", f"- **Actual:** {r.actual_behavior.strip()}", ""]
    lines += _root_cause_section(outcome)
    lines += _changes_section(outcome)
    lines += _side_effects(outcome)
    lines += _deployment(outcome)
    lines += _test_results(outcome)
    lines += _suspects(outcome)
    lines += _similar(outcome)
    t = timings_json(outcome)
    lines += ["## Timings", "", ", ".join(f"{k[:-2]} {v:.1f}s" for k, v in t.items()), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
