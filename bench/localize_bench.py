"""Localization benchmark: ``rootfix localize`` on every case folder, scored against ``case.yaml``'s
``root_cause: {file, symbol}`` at file and function level (top-1 / top-3 / top-5).

    python bench/localize_bench.py [--rootfix .venv/bin/rootfix] [--run-tests] [--json OUT] [DIR ...]

Default case folders: ``../shared/examples/cases``, ``tests/data/cases``, ``tests/data/blind_cases``
(a missing folder is skipped with a note). By default localization is static (``--no-run``: traceback,
rule findings, call graph, text); ``--run-tests`` adds the baseline, reproduction and coverage spectrum
(slow: it runs every case's test suite).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DIRS = (ROOT.parent / "shared" / "examples" / "cases", ROOT / "tests" / "data" / "cases",
                ROOT / "tests" / "data" / "blind_cases")
KS = (1, 3, 5)


def _rank(suspects: list[dict], want_file: str, want_symbol: str | None) -> int | None:
    """1-based rank of the first suspect matching; file level when ``want_symbol`` is None (files deduplicated)."""
    seen_files: list[str] = []
    for i, s in enumerate(suspects, 1):
        if want_symbol is None:
            if s["file"] not in seen_files:
                seen_files.append(s["file"])
            if s["file"] == want_file:
                return len(seen_files)
        elif s["file"] == want_file and s["symbol"] == want_symbol:
            return i
    return None


def run_case(case: Path, rootfix: str, run_tests: bool, timeout: float) -> dict:
    meta = yaml.safe_load((case / "case.yaml").read_text())
    want = meta["root_cause"]
    with tempfile.TemporaryDirectory(prefix="rootfix-locbench-") as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(case / "repo", repo, symlinks=True)
        argv = [rootfix, "localize", str(case / "bug.yaml"), "--repo", str(repo), "--format", "json"]
        if not run_tests:
            argv.append("--no-run")
        t0 = time.monotonic()
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"case": case.name, "error": "timeout", "seconds": timeout}
        secs = time.monotonic() - t0
    try:
        out = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {"case": case.name, "error": (proc.stderr.strip().splitlines() or ["no output"])[-1], "seconds": secs}
    suspects = out.get("suspects", [])
    return {"case": case.name, "seconds": round(secs, 1), "want": f"{want['file']}::{want['symbol']}",
            "top": f"{suspects[0]['file']}::{suspects[0]['symbol']}" if suspects else "-",
            "file_rank": _rank(suspects, want["file"], None),
            "fn_rank": _rank(suspects, want["file"], want["symbol"])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--rootfix", default=str(Path(sys.executable).with_name("rootfix")))
    ap.add_argument("--run-tests", action="store_true", help="also run baseline/reproduction/coverage")
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--json", type=Path, help="write per-case results here")
    args = ap.parse_args(argv)
    results: list[dict] = []
    for d in args.dirs or DEFAULT_DIRS:
        if not d.is_dir():
            print(f"note: skipping {d}: folder missing")
            continue
        for case in sorted(p for p in d.iterdir() if (p / "case.yaml").is_file()):
            r = run_case(case, args.rootfix, args.run_tests, args.timeout)
            r["set"] = d.name if d.name != "cases" else d.parent.name + "/cases"
            results.append(r)
            print(f"{r['case']:32} file@{r.get('file_rank') or '-':<3} fn@{r.get('fn_rank') or '-':<3} "
                  f"{r.get('seconds', 0):6.1f}s  top: {r.get('top') or r.get('error')}", flush=True)
    n = len(results)
    if not n:
        print("no cases")
        return 1
    print(f"\n{n} cases ({'with tests' if args.run_tests else 'static, --no-run'})")
    print("| level | " + " | ".join(f"top-{k}" for k in KS) + " |")
    print("|---|" + "---:|" * len(KS))
    for level, key in (("file", "file_rank"), ("function", "fn_rank")):
        cells = []
        for k in KS:
            hit = sum(1 for r in results if r.get(key) and r[key] <= k)
            cells.append(f"{hit}/{n} ({100 * hit / n:.0f}%)")
        print(f"| {level} | " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
