"""Benchmark ``rootfix check --all-code`` (cold and warm cache) beside ruff and semgrep.

The corpus is the installed sources of Django, Celery, Kombu and PySpark (located with importlib in the
interpreter running this script, normally /work/main/.venv). Every tool gets the same package folders.
Prints a Markdown table (tool, files, lines, wall seconds, notes); ``--write`` puts it in bench/RESULTS.md.

    .venv/bin/python bench/check_bench.py [--write] [--per-rule] [--packages django] [--tools rootfix,ruff]

rootfix runs five times on a copy of the files, with an empty cache directory: cold, warm (nothing changed),
after every file was touched (same contents: a content-hash hit), after one module was edited (a miss: a
full re-analysis), and warm again. Each row has wall time, CPU time (user + system) and peak resident memory
from ``os.wait4``, so a loaded machine shows in the wall time and not in the CPU time.

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
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PACKAGES = ("django", "celery", "kombu", "pyspark")
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def package_dirs(packages: tuple[str, ...] = PACKAGES) -> list[Path]:
    out = []
    for name in packages:
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


@dataclass
class Run:
    """One process: wall seconds, CPU seconds (user, system) and peak resident memory (MB), from wait4."""

    wall: float
    user: float = 0.0
    sys: float = 0.0
    rss_mb: float = 0.0

    def cells(self) -> tuple[str, str, str]:
        return f"{self.wall:.2f}", f"{self.user + self.sys:.2f}", f"{self.rss_mb:.0f}" if self.rss_mb else "—"


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 3600
          ) -> tuple[Run, subprocess.CompletedProcess[str] | None, str]:
    """Run ``cmd``; its wall time, and its CPU time and peak RSS from the kernel (``os.wait4``): on a loaded
    machine the wall time says more about the neighbours than about the tool."""
    out, err = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")
    t0 = time.perf_counter()
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
    except FileNotFoundError as exc:
        return Run(0.0), None, f"not runnable: {exc}"
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    run = Run(time.perf_counter() - t0, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024)
    if proc.returncode == -9 and run.wall >= timeout:
        return run, None, f"timed out after {timeout:.0f} s"
    out.seek(0), err.seek(0)
    return run, subprocess.CompletedProcess(cmd, proc.returncode, out.read(), err.read()), ""


def run_rootfix(dirs: list[Path], site: Path, select: str) -> list[tuple[str, Run, str]]:
    """Cold (empty cache), warm (nothing changed), every file touched (same contents), one file edited."""
    rows = []
    cache = tempfile.mkdtemp(prefix="rootfix-bench-cache-")
    env = {**os.environ, "ROOTFIX_CACHE_DIR": cache}
    cmd = [str(BIN / "rootfix"), "check", "--all-code", "--select", select, "--statistics", *[d.name for d in dirs]]
    # a copy of the same .py files: the runs touch and edit files, never the installed ones
    site = Path(tempfile.mkdtemp(prefix="rootfix-bench-corpus-"))
    files = []
    for d in dirs:
        for f in sorted(d.rglob("*.py")):
            if "__pycache__" in f.parts:
                continue
            target = site / f.relative_to(d.parent)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
            files.append(target)
    # the edit: a comment appended to one mid-sized module
    victim = sorted(files, key=lambda f: f.stat().st_size)[len(files) // 2]
    original = victim.read_bytes()
    try:
        for label in ("cold", "warm", "every file touched", "one file edited", "warm after the edit"):
            if label == "every file touched":
                now = time.time_ns()
                for f in files:
                    os.utime(f, ns=(now, now))
            elif label == "one file edited":
                victim.write_bytes(original + b"\n# rootfix bench edit\n")
            run, proc, err = timed(cmd, site, env)
            title = f"rootfix check --all-code --select {select} ({label})"
            if proc is None:
                rows.append((title, run, err))
                continue
            crashes = [line for line in proc.stderr.splitlines() if "internal error in rule" in line]
            findings = sum(int(line.split()[0]) for line in proc.stdout.splitlines() if line.split()[:1] != [])
            note = f"exit {proc.returncode}, {findings} findings, {len(crashes)} rule crashes"
            if proc.returncode == 2:
                note += f": {proc.stderr.strip()[:200]}"
            rows.append((title, run, note))
            for line in crashes:
                print("  crash:", line, file=sys.stderr)
            if label == "cold":
                print(proc.stderr, file=sys.stderr)  # the --statistics timings
    finally:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    return rows


def run_ruff(dirs: list[Path], site: Path) -> tuple[str, str, Run | None, str]:
    ruff = BIN / "ruff" if (BIN / "ruff").exists() else shutil.which("ruff")
    if ruff is None:
        return ("ruff check (defaults)", "", None, "not installed (pip install ruff)")
    names = [d.name for d in dirs]
    listed = subprocess.run([str(ruff), "check", "--isolated", "--show-files", *names], cwd=site,
                            capture_output=True, text=True)
    nfiles = sum(1 for line in listed.stdout.splitlines() if line.strip().endswith((".py", ".pyi")))
    version = subprocess.run([str(ruff), "--version"], capture_output=True, text=True).stdout.strip()
    run, proc, err = timed([str(ruff), "check", "--isolated", "--no-cache", "--exit-zero", "--statistics", *names],
                           site)
    if proc is None:
        return (f"{version} (defaults)", str(nfiles), run, err)
    total = sum(int(line.split()[0]) for line in proc.stdout.splitlines() if line[:1].strip().isdigit())
    return (f"{version} check (default rules)", str(nfiles), run, f"{total} findings")


def run_semgrep(dirs: list[Path], site: Path) -> tuple[str, str, Run | None, str]:
    semgrep = BIN / "semgrep" if (BIN / "semgrep").exists() else shutil.which("semgrep")
    if semgrep is None:
        return ("semgrep", "", None, "not installed: `pip install semgrep` failed or was not run (see RESULTS.md)")
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
        run, proc, err = timed([str(semgrep), "scan", "--config", str(rules), "--metrics=off",
                                 "--disable-version-check", "--quiet", "--json", "--no-git-ignore", "--timeout", "0",
                                 "--max-target-bytes", "0", *[d.name for d in dirs]], copy, env, timeout=1800)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    if proc is None:
        return ("semgrep (3 local rules)", "", run, err)
    note = f"exit {proc.returncode}"
    try:
        import json

        data = json.loads(proc.stdout)
        scanned = len(data.get("paths", {}).get("scanned", []))
        note += f", {len(data.get('results', []))} findings, {scanned} files scanned"
    except ValueError:
        note += f": {_note(proc.stderr or proc.stdout)}"
    return ("semgrep scan (3 local rules, offline)", "", run, note)


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
    ap.add_argument("--packages", default=",".join(PACKAGES),
                    help=f"comma separated installed packages to use as the corpus (default {','.join(PACKAGES)})")
    ap.add_argument("--select", default="ALL", help="rootfix's --select (default ALL)")
    args = ap.parse_args()
    packages = tuple(args.packages.split(","))
    dirs = package_dirs(packages)
    site = dirs[0].parent
    nfiles, nlines = corpus(dirs)
    versions = {}
    for name in packages:
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # noqa: BLE001
            versions[name] = "?"
    tools = set(args.tools.split(","))
    rows: list[tuple[str, str, Run | None, str]] = []
    if "rootfix" in tools:
        rows += [(t, str(nfiles), run, n) for t, run, n in run_rootfix(dirs, site, args.select)]
    if "ruff" in tools:
        rows.append(run_ruff(dirs, site))
    if "semgrep" in tools:
        t, f, run, n = run_semgrep(dirs, site)
        rows.append((t, f or str(nfiles), run, n))
    load = os.getloadavg()
    lines = [
        f"Corpus: installed sources of {', '.join(f'{k} {v}' for k, v in versions.items())} "
        f"({nfiles} .py files, {nlines:,} lines), copied from `{site}`.",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, load average "
        f"{load[0]:.1f} at the end. One run each, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. CPU is "
        "user + system seconds of the process and its children; peak memory is the largest resident set.",
        "",
        "| tool | files | lines | wall s | CPU s | peak MB | notes |",
        "|---|---:|---:|---:|---:|---:|---|",
        *[f"| {t} | {f} | {nlines:,} | {' | '.join(r.cells() if r else ('—', '—', '—'))} | {n} |"
          for t, f, r, n in rows],
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
