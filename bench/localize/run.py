"""Mutation benchmark for rootfix's fault localization (issue 14, item 5).

    python bench/localize/run.py [--jobs N] [--only ID,ID,...] [--json OUT] [--check-only] [--timeout S]

For each mutant of ``mutants/*.yaml`` (see :mod:`mutants`): copy its fixture project to a temp dir, ``git
init`` it, apply the mutation and commit it (the bug is in the user's HEAD, as in a real repo), then

1. **catch check**: run the project's own tests under per-test coverage (``rootfix.reproduce.spectrum.
   collect_spectrum``; the project's own test runner when pytest cannot run them). A mutant no test fails on
   is dropped, with a note. This run's spectrum is the *full-suite* spectrum (every test that fails on the
   mutant is a failing test in it); staybook's Spark test only runs for mutants marked ``spark: true``.
2. **rootfix localize**, in this process, through the same steps the CLI's ``rootfix localize BUG --repo
   COPY --format json`` calls (``rootfix.pipeline.prepare`` -> ``measure`` -> ``localize``: tests that reach the
   component, reproduction, coverage of the selected tests). The spectrum the pipeline builds (in
   ``rootfix.reproduce.runner.reproduction_spectrum``) is captured by wrapping that function, not rebuilt.
3. **scores** at function level (the rank of the mutant's ``file`` + ``symbol``):
   - ``combined``: rootfix's suspects (what the CLI prints);
   - ``ochiai``: plain Ochiai (``rootfix.localize.sbfl.function_scores``) over the *same run's* spectrum
     (no rank when the pipeline built none: no failing test was taken as the reproduction);
   - ``ochiai_full``: plain Ochiai over the catch check's full-suite spectrum (every failing test known);
   - one column per evidence source alone (``traceback``, ``finding``, ``sbfl``, ``hazard``, ``text``,
     ``component``): ``rootfix.localize.rank.rank_suspects`` called with the same inputs and every other
     weight set to 0; functions the source gives no score are unranked.

Ranks break ties as rootfix does (file, then line); ``*_worst`` in the JSON counts every tie against the
mutant. Nothing in ``src/`` is changed: this only measures.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from mutants import FIXTURES, HALVES, MUTANT_DIR, ROOT, apply, bug_yaml, load_mutants, problems  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
SIGNALS = ("traceback", "finding", "sbfl", "hazard", "text", "component")
SOURCES = ("combined", "ochiai", "ochiai_full") + SIGNALS
KS = (1, 3, 5)
#: Tests left out of the catch check unless the mutant says ``spark: true`` (pytest args).
SLOW = {"staybook": ("-m", "not spark")}
#: Projects whose tests pytest cannot run (remindly: Django's runner with its own TEST_RUNNER); their catch
#: check uses the project's own test command and has no full-suite spectrum.
NOT_PYTEST = {"remindly"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- one mutant (worker process)
def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def make_copy(m: dict, tmp: Path) -> Path:
    repo = tmp / m["project"]
    shutil.copytree(FIXTURES / m["project"], repo, symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.pyc", ".coverage*"))
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "fixture")
    apply(m, repo)
    _git(repo, "commit", "-qam", f"change ({m['id']})")
    return repo


def catch_check(m: dict, repo: Path, timeout: float) -> dict:
    """The project's own tests on the mutant: failing test ids and (for pytest projects) the spectrum."""
    from rootfix.reproduce.spectrum import collect_spectrum
    from rootfix.validate.runner import detect_test_command, run_tests

    extra = () if m.get("spark") else SLOW.get(m["project"], ())
    spectrum = None if m["project"] in NOT_PYTEST else collect_spectrum(repo, PYTHON, timeout=timeout,
                                                                        nodeids=tuple(extra))
    if spectrum is not None and (spectrum.failed or spectrum.passed):
        return {"failed": sorted(spectrum.failed), "passed": len(spectrum.passed), "spectrum": spectrum,
                "how": "pytest under coverage" + (f" ({' '.join(extra)})" if extra else "")}
    argv = detect_test_command(repo, None)
    run = run_tests(repo, PYTHON, test_command=argv, timeout=timeout)
    failed = sorted(o.nodeid for o in run.outcomes if o.outcome in ("failed", "error"))
    if not run.outcomes and run.returncode not in (0, None):
        failed = [f"{' '.join(argv)} (exit status, no per-test outcomes)"]
    return {"failed": failed, "passed": run.passed, "spectrum": None, "how": " ".join(argv)}


def _rank(items: list[tuple[str, str, int, float]], file: str, symbol: str) -> tuple[int | None, int | None]:
    """(rank with rootfix's tie-break, worst-case rank) of (file, symbol) among (file, symbol, line, score)."""
    items = sorted((it for it in items if it[3] > 0), key=lambda it: (-it[3], it[0], it[2]))
    for i, (f, s, _, score) in enumerate(items, 1):
        if f == file and s == symbol:
            return i, sum(1 for it in items if it[3] >= score)
    return None, None


def ochiai_items(index, spectrum) -> list[tuple[str, str, int, float]]:
    from rootfix.localize import sbfl
    from rootfix.project.model import is_test_file

    out = []
    for qualname, (score, _line) in sbfl.function_scores(index, spectrum).items():
        fn = index.functions.get(qualname)
        if fn is not None and not is_test_file(fn.file):
            out.append((fn.file, fn.symbol, fn.line, score))
    return out


def localize_one(m: dict, repo: Path, bug_path: Path, timeout: float) -> dict:
    import rootfix.reproduce.runner as rrunner
    from rootfix import pipeline
    from rootfix.intake.report import load_report
    from rootfix.localize import rank as rank_mod

    captured: dict = {}
    real = rrunner.reproduction_spectrum

    def capture(*a, **kw):
        captured["spectrum"] = real(*a, **kw)
        return captured["spectrum"]

    rrunner.reproduction_spectrum = capture
    try:
        report = load_report(str(bug_path))
        trace = pipeline._Trace(report, repo, None)
        subject, tools = pipeline.prepare(report, repo, trace, python=PYTHON, run_tests=True)
        meas = pipeline.measure(report, repo, tools, trace, subject=subject, timeout=timeout)
        loc = pipeline.localize(subject, meas, trace, timeout=timeout)
    finally:
        rrunner.reproduction_spectrum = real
    spectrum = captured.get("spectrum")
    file, symbol = m["file"], m["symbol"]
    out: dict = {
        "component": f"{loc.component.name} -> {loc.component.file} {loc.component.symbol}",
        "reproduction": f"{meas.reproduction.kind}{' (reproduced)' if meas.reproduction.reproduced else ''}",
        "run_spectrum": None if spectrum is None else {"failed": len(spectrum.failed), "passed": len(spectrum.passed)},
        "suspects": [{"file": s.file, "symbol": s.symbol, "score": s.score, "evidence": list(s.evidence)}
                     for s in loc.suspects],
        "findings": [f"{f.code} {f.file}:{f.line}" for f in loc.findings],
        "notes": list(loc.notes),
    }
    ranks: dict = {}
    ranks["combined"] = next((i for i, s in enumerate(loc.suspects, 1) if s.file == file and s.symbol == symbol), None)
    ranks["ochiai"], ranks["ochiai_worst"] = (
        _rank(ochiai_items(subject.index, spectrum), file, symbol) if spectrum is not None and spectrum.failed
        else (None, None))
    saved = dict(rank_mod.WEIGHTS)
    try:
        for sig in SIGNALS:
            rank_mod.WEIGHTS.update({k: (v if k == sig else 0.0) for k, v in saved.items()})
            alone = rank_mod.rank_suspects(subject.index, subject.report, component=subject.component,
                                           parsed=subject.parsed, findings=loc.findings, spectrum=spectrum,
                                           limit=100_000)
            ranks[sig], ranks[f"{sig}_worst"] = _rank([(s.file, s.symbol, s.line, s.score) for s in alone],
                                                      file, symbol)
    finally:
        rank_mod.WEIGHTS.clear()
        rank_mod.WEIGHTS.update(saved)
    out["ranks"] = ranks
    out["_index"] = subject.index
    return out


def run_mutant(m: dict, timeout: float, check_only: bool) -> dict:
    t0 = time.monotonic()
    res: dict = {k: m[k] for k in ("id", "project", "file", "symbol", "kind", "half")}
    with tempfile.TemporaryDirectory(prefix="rootfix-mutbench-") as tmp:
        tmp = Path(tmp)
        repo = make_copy(m, tmp)
        caught = catch_check(m, repo, timeout)
        res["catch"] = {"failed": caught["failed"], "passed": caught["passed"], "how": caught["how"]}
        if not caught["failed"]:
            res.update(status="dropped", note=f"no test fails on the mutant ({caught['how']}: "
                                              f"{caught['passed']} passed)")
        elif check_only:
            res["status"] = "caught"
        else:
            bug_path = tmp / "bug.yaml"
            bug_path.write_text(bug_yaml(m))
            try:
                out = localize_one(m, repo, bug_path, timeout)
                index = out.pop("_index")
                full = caught["spectrum"]
                out["ranks"]["ochiai_full"], out["ranks"]["ochiai_full_worst"] = (
                    _rank(ochiai_items(index, full), m["file"], m["symbol"]) if full is not None and full.failed
                    else (None, None))
                res.update(status="kept", **out)
            except Exception as exc:  # a crash is a miss for every source, and says so
                res.update(status="kept", error=f"{type(exc).__name__}: {exc}",
                           ranks={s: None for s in SOURCES})
    res["seconds"] = round(time.monotonic() - t0, 1)
    return res


def worker_main(mid: str, out: Path, timeout: float, check_only: bool, folder: Path) -> int:
    m = next(x for x in load_mutants(folder) if x["id"] == mid)
    out.write_text(json.dumps(run_mutant(m, timeout, check_only), default=str))
    return 0


# --------------------------------------------------------------------------- the driver
def spawn(m: dict, timeout: float, check_only: bool, tmpdir: Path, folder: Path) -> dict:
    out = tmpdir / f"{m['id']}.json"
    argv = [PYTHON, str(Path(__file__).resolve()), "--worker", m["id"], "--worker-out", str(out),
            "--timeout", str(timeout), "--mutants", str(folder)] + (["--check-only"] if check_only else [])
    t0 = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0 or not out.exists():
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {**{k: m[k] for k in ("id", "project", "file", "symbol", "kind", "half")}, "status": "error",
                "error": f"worker failed: {tail}", "seconds": round(time.monotonic() - t0, 1)}
    return json.loads(out.read_text())


def pct(hit: int, n: int) -> str:
    return f"{hit}/{n} ({100 * hit / n:.0f}%)" if n else "-"


def summary(results: list[dict]) -> dict:
    kept = [r for r in results if r.get("status") == "kept"]
    table: dict = {}
    for group in HALVES + ("all",):
        rs = [r for r in kept if group == "all" or r["half"] == group]
        table[group] = {"n": len(rs)}
        for src in SOURCES:
            table[group][src] = {k: sum(1 for r in rs if (r.get("ranks") or {}).get(src) and r["ranks"][src] <= k)
                                 for k in KS}
    return table


def markdown(table: dict) -> str:
    lines = ["| source | " + " | ".join(f"{g} top-{k}" for g in HALVES + ("all",) for k in KS) + " |",
             "|---|" + "---:|" * (3 * len(KS))]
    for src in SOURCES:
        cells = [pct(table[g][src][k], table[g]["n"]) for g in HALVES + ("all",) for k in KS]
        lines.append(f"| {src} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def misses_by_kind(results: list[dict]) -> str:
    """Per bug kind: how many kept mutants, combined and Ochiai top-1, and the combined misses with their rank."""
    kept = [r for r in results if r.get("status") == "kept"]
    kinds = sorted({r["kind"] for r in kept})
    lines = ["| kind | kept | combined top-1 | ochiai_full top-1 | combined misses (rank; `-` = not in the top 10) |",
             "|---|---:|---:|---:|---|"]
    for kind in kinds:
        rs = [r for r in kept if r["kind"] == kind]
        top1 = sum(1 for r in rs if r["ranks"].get("combined") == 1)
        och = sum(1 for r in rs if r["ranks"].get("ochiai_full") == 1)
        miss = ", ".join(f"{r['id']} ({r['ranks'].get('combined') or '-'})" for r in rs if r["ranks"].get("combined") != 1)
        lines.append(f"| {kind} | {len(rs)} | {top1} | {och} | {miss or ''} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=1, help="mutants run in parallel")
    ap.add_argument("--only", help="comma-separated mutant ids or globs (e.g. 'sy-*,lg-vat-*')")
    ap.add_argument("--json", type=Path, help="write every mutant's result and the summary here")
    ap.add_argument("--check-only", action="store_true", help="only the catch check: which mutants a test fails on")
    ap.add_argument("--timeout", type=float, default=600.0, help="per test run")
    ap.add_argument("--mutants", type=Path, default=MUTANT_DIR, help="folder of mutant YAML files")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--worker-out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--from-json", type=Path, help="print the tables of an earlier --json OUT, run nothing")
    args = ap.parse_args(argv)
    if args.from_json:
        data = json.loads(args.from_json.read_text())
        print(markdown(summary(data["results"])))
        print()
        print(misses_by_kind(data["results"]))
        return 0
    if args.worker:
        return worker_main(args.worker, args.worker_out, args.timeout, args.check_only, args.mutants)

    ms = load_mutants(args.mutants)
    bad = {m.get("id"): p for m in ms if (p := problems(m))}
    if bad:
        for mid, p in bad.items():
            log(f"bad mutant {mid}: {'; '.join(p)}")
        return 2
    if args.only:
        pats = [p.strip() for p in args.only.split(",") if p.strip()]
        ms = [m for m in ms if any(fnmatch.fnmatchcase(m["id"], p) for p in pats)]
    log(f"{len(ms)} mutants, {args.jobs} job(s){' (catch check only)' if args.check_only else ''}")
    t0 = time.monotonic()
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="rootfix-mutbench-out-") as tmpdir, \
            ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        # the slow ones (Spark, staybook's suite) first, so the pool does not end waiting on one of them
        slow_first = sorted(ms, key=lambda m: (not m.get("spark"), m["project"] not in ("staybook", "parcelhub")))
        futs = {pool.submit(spawn, m, args.timeout, args.check_only, Path(tmpdir), args.mutants): m
                for m in slow_first}
        for fut in as_completed(futs):
            r = fut.result()
            results.append(r)
            ranks = r.get("ranks") or {}
            what = (" ".join(f"{s}@{ranks.get(s) or '-'}" for s in ("combined", "ochiai", "ochiai_full"))
                    if r.get("status") == "kept" else r.get("note") or r.get("error") or r.get("status"))
            log(f"[{len(results)}/{len(ms)}] {r['id']:36} {r.get('status'):8} {r.get('seconds', 0):6.1f}s  {what}"
                + (f"  ERROR {r['error']}" if r.get("error") and r.get("status") == "kept" else ""))
    elapsed = time.monotonic() - t0
    order = {m["id"]: i for i, m in enumerate(ms)}
    results.sort(key=lambda r: order[r["id"]])
    table = summary(results)
    counts = {s: sum(1 for r in results if r.get("status") == s) for s in ("kept", "caught", "dropped", "error")}
    print(f"{len(results)} mutants: {counts}; {elapsed / 60:.1f} min with {args.jobs} job(s)")
    for r in results:
        if r.get("status") in ("dropped", "error"):
            print(f"  {r['status']}: {r['id']}: {r.get('note') or r.get('error')}")
    if not args.check_only:
        print(markdown(table))
        print()
        print(misses_by_kind(results))
    if args.json:
        args.json.write_text(json.dumps({
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "seconds": round(elapsed),
            "jobs": args.jobs, "machine": {"platform": platform.platform(), "cpus": os.cpu_count(),
                                           "python": platform.python_version()},
            "counts": counts, "summary": table, "results": results}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
