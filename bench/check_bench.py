"""Benchmark ``rootfix check --all-code`` (cold and warm cache) beside ruff and semgrep.

The corpus is the installed sources of Django, Celery, Kombu and PySpark (located with importlib in the
interpreter running this script, normally /work/main/.venv). Every tool gets the same package folders.
Prints a Markdown table (tool, files, lines, wall seconds, notes); ``--write`` puts it in bench/RESULTS.md.

    .venv/bin/python bench/check_bench.py [--write] [--per-rule]

ruff runs with its default rules (``--isolated``: no project config, ``--no-cache``). semgrep, when
installed, runs a small local rule file (bench/semgrep_rules.yml: the enqueue-in-atomic pattern and two
others) with ``--metrics=off``: registry rule packs need the network, which this bench does not use.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PACKAGES = ("django", "celery", "kombu", "pyspark")
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def package_dirs() -> list[Path]:
    out = []
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"{name} is not installed in {sys.executable}")
        out.append(Path(list(spec.submodule_search_locations)[0]).resolve())
    return out


def corpus(dirs: list[Path]) -> tuple[int, int]:
    from rootfix.discover.index import iter_python_files

    files = lines = 0
    for d in dirs:
        for f in iter_python_files(d, [d]):
            files += 1
            with open(f, "rb") as fh:
                lines += fh.read().count(b"\n")
    return files, lines


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 3600
          ) -> tuple[float, subprocess.CompletedProcess[str] | None, str]:
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - t0, None, f"timed out after {timeout:.0f} s"
    except FileNotFoundError as exc:
        return 0.0, None, f"not runnable: {exc}"
    return time.perf_counter() - t0, proc, ""


def run_rootfix(dirs: list[Path], site: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    cache = tempfile.mkdtemp(prefix="rootfix-bench-cache-")
    env = {**os.environ, "ROOTFIX_CACHE_DIR": cache}
    cmd = [str(BIN / "rootfix"), "check", "--all-code", "--statistics", *[d.name for d in dirs]]
    try:
        for label in ("cold", "warm"):
            secs, proc, err = timed(cmd, site, env)
            if label == "warm" and secs > 5:
                # a miss: the rules (edited by someone meanwhile) or the files changed; the run just
                # rewrote the cache, so the next one shows the warm time
                secs, proc, err = timed(cmd, site, env)
                label = "warm, 2nd try: the 1st missed"
            if proc is None:
                rows.append((f"rootfix check --all-code ({label})", "", f"{secs:.2f}", err))
                continue
            crashes = [line for line in proc.stderr.splitlines() if "internal error in rule" in line]
            usage = proc.returncode == 2
            findings = sum(int(line.split()[0]) for line in proc.stdout.splitlines() if line.split()[:1] != [])
            note = f"exit {proc.returncode}, {findings} findings, {len(crashes)} rule crashes"
            if usage:
                note += f": {proc.stderr.strip()[:200]}"
            rows.append((f"rootfix check --all-code ({label})", "", f"{secs:.2f}", note))
            for line in crashes:
                print("  crash:", line, file=sys.stderr)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return rows


def run_ruff(dirs: list[Path], site: Path) -> tuple[str, str, str, str]:
    ruff = BIN / "ruff" if (BIN / "ruff").exists() else shutil.which("ruff")
    if ruff is None:
        return ("ruff check (defaults)", "", "—", "not installed (pip install ruff)")
    names = [d.name for d in dirs]
    listed = subprocess.run([str(ruff), "check", "--isolated", "--show-files", *names], cwd=site,
                            capture_output=True, text=True)
    nfiles = sum(1 for line in listed.stdout.splitlines() if line.strip().endswith((".py", ".pyi")))
    version = subprocess.run([str(ruff), "--version"], capture_output=True, text=True).stdout.strip()
    secs, proc, err = timed([str(ruff), "check", "--isolated", "--no-cache", "--exit-zero", "--statistics", *names],
                            site)
    if proc is None:
        return (f"{version} (defaults)", str(nfiles), f"{secs:.2f}", err)
    total = sum(int(line.split()[0]) for line in proc.stdout.splitlines() if line[:1].strip().isdigit())
    return (f"{version} check (default rules)", str(nfiles), f"{secs:.2f}", f"{total} findings")


def run_semgrep(dirs: list[Path], site: Path) -> tuple[str, str, str, str]:
    semgrep = BIN / "semgrep" if (BIN / "semgrep").exists() else shutil.which("semgrep")
    if semgrep is None:
        return ("semgrep", "", "—", "not installed: `pip install semgrep` failed or was not run (see RESULTS.md)")
    rules = HERE / "semgrep_rules.yml"
    env = {**os.environ, "SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"}
    # semgrep's default .semgrepignore skips everything below a .venv: scan a copy of the same .py files
    copy = Path(tempfile.mkdtemp(prefix="rootfix-bench-corpus-"))
    try:
        for d in dirs:
            for f in d.rglob("*.py"):
                if "__pycache__" in f.parts:
                    continue
                target = copy / f.relative_to(site)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, target)
        secs, proc, err = timed([str(semgrep), "scan", "--config", str(rules), "--metrics=off",
                                 "--disable-version-check", "--quiet", "--json", "--no-git-ignore", "--timeout", "0",
                                 "--max-target-bytes", "0", *[d.name for d in dirs]], copy, env, timeout=1800)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    if proc is None:
        return ("semgrep (3 local rules)", "", f"{secs:.2f}", err)
    note = f"exit {proc.returncode}"
    try:
        import json

        data = json.loads(proc.stdout)
        scanned = len(data.get("paths", {}).get("scanned", []))
        note += f", {len(data.get('results', []))} findings, {scanned} files scanned"
    except ValueError:
        note += f": {_note(proc.stderr or proc.stdout)}"
    return ("semgrep scan (3 local rules, offline)", "", f"{secs:.2f}", note)


def _note(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    return lines[-1][:200] if lines else "no output"


def per_rule(dirs: list[Path], site: Path) -> list[tuple[str, float, int]]:
    """In-process timings: index build and each rule on all code (no cache)."""
    from rootfix.discover.index import RepoIndex
    from rootfix.check import engine
    from rootfix.rules.base import load_all_rules

    files = engine.collect_files(site, dirs, ())
    t0 = time.perf_counter()
    index = RepoIndex.build(site, files)
    out = [("index build (parse + imports)", time.perf_counter() - t0, 0)]
    rules = load_all_rules()
    for code in rules:
        t0 = time.perf_counter()
        run = engine._run_rules(index, rules, [code], all_code=True, scope=None, settings={})
        out.append((code, time.perf_counter() - t0, len(run.findings)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write the table to bench/RESULTS.md")
    ap.add_argument("--per-rule", action="store_true", help="also time the index build and each rule")
    ap.add_argument("--tools", default="rootfix,ruff,semgrep", help="comma separated subset to run")
    args = ap.parse_args()
    dirs = package_dirs()
    site = dirs[0].parent
    nfiles, nlines = corpus(dirs)
    versions = {}
    for name in PACKAGES:
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # noqa: BLE001
            versions[name] = "?"
    tools = set(args.tools.split(","))
    rows = []
    if "rootfix" in tools:
        rows += [(t, str(nfiles) if not f else f, str(nlines), s, n) for t, f, s, n in run_rootfix(dirs, site)]
    if "ruff" in tools:
        t, f, s, n = run_ruff(dirs, site)
        rows.append((t, f, str(nlines), s, n))
    if "semgrep" in tools:
        t, f, s, n = run_semgrep(dirs, site)
        rows.append((t, f or str(nfiles), str(nlines), s, n))
    lines = [
        f"Corpus: installed sources of {', '.join(f'{k} {v}' for k, v in versions.items())} "
        f"({nfiles} .py files, {nlines:,} lines) in `{site}`.",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs. "
        f"Wall time of one run each, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "| tool | files | lines | wall seconds | notes |",
        "|---|---:|---:|---:|---|",
        *[f"| {t} | {f} | {int(n_lines):,} | {s} | {n} |" for t, f, n_lines, s, n in rows],
    ]
    if args.per_rule:
        lines += ["", "In-process breakdown (all code, no cache):", "",
                  "| step | seconds | findings |", "|---|---:|---:|"]
        lines += [f"| {name} | {secs:.2f} | {count} |" for name, secs, count in per_rule(dirs, site)]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        (HERE / "RESULTS.md").write_text("# `rootfix check` benchmark\n\n" + text +
                                         "\nRegenerate: `.venv/bin/python bench/check_bench.py --write --per-rule`.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
