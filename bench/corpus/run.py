#!/usr/bin/env python3
"""Precision of ``rootfix check`` on public Django projects, against a hand triage.

    python bench/corpus/run.py --repos /work/corpus [--only saleor,plane] [--rootfix .venv/bin/rootfix]
                               [--mode all-code|default] [--results /tmp/rootfix-corpus] [--rescore]

``--repos DIR`` holds one git clone per project of ``projects.yaml`` (folder named as the project; any clone
or ``git clone --shared`` of a snapshot works; it is never inside this repository). Each is checked out at its
pinned commit (``git checkout --force``; refused when the clone has local changes), then
``rootfix check --all-code --no-cache --format json`` (``--mode default``: without ``--all-code``, what a
new user runs) runs on it, one project at a time. Findings are keyed
``project path:line CODE`` and compared with ``triage.yaml`` (each key -> true / false / debatable and a
one-line reason, written by reading the code).

Prints, per rule, the findings and the precision (true / all; debatable counts as false), then exits

* 0 when every finding is triaged and every triaged true positive is still found,
* 1 when a triaged true positive disappeared or an untriaged finding appeared (both listed),
* 2 on bad input (one line).

``--rescore`` reuses the JSON of the last run in ``--results`` instead of running rootfix again.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
VERDICTS = ("true", "false", "debatable")


def fail(msg: str) -> None:
    print(f"corpus: {msg}", file=sys.stderr)
    raise SystemExit(2)


def load_projects(only: str | None) -> list[dict]:
    projects = yaml.safe_load((HERE / "projects.yaml").read_text())
    if only:
        wanted = {n.strip() for n in only.split(",") if n.strip()}
        unknown = wanted - {p["name"] for p in projects}
        if unknown:
            fail(f"--only: unknown project(s) {', '.join(sorted(unknown))}")
        projects = [p for p in projects if p["name"] in wanted]
    return projects


def load_triage() -> dict[str, dict]:
    data = yaml.safe_load((HERE / "triage.yaml").read_text()) or []
    out: dict[str, dict] = {}
    for item in data:
        key, verdict = item.get("finding"), str(item.get("verdict")).lower()
        if not key or verdict not in VERDICTS or not item.get("reason"):
            fail(f"triage.yaml: entry {item!r} needs finding, verdict ({'/'.join(VERDICTS)}) and reason")
        out[key] = {**item, "verdict": verdict}
    return out


def checkout(repo: Path, commit: str) -> None:
    if not (repo / ".git").exists():
        fail(f"{repo}: not a git clone")
    # modified tracked files; a deleted one is a large blob the snapshot left out, not a local change
    dirty = subprocess.run(["git", "-C", str(repo), "diff", "--name-only", "--diff-filter=M", "HEAD"],
                           capture_output=True, text=True).stdout.strip()
    head = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    if head.strip() == commit and not dirty:
        return
    if dirty:
        fail(f"{repo}: has local changes; refusing to check out {commit[:10]}")
    r = subprocess.run(["git", "-C", str(repo), "checkout", "-q", "--force", commit], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"{repo}: cannot check out {commit[:10]}: {r.stderr.strip().splitlines()[-1] if r.stderr else ''}")


def run_project(rootfix: str, repo: Path, args: list[str], out: Path) -> float:
    t0 = time.perf_counter()
    with out.open("w") as fh:
        r = subprocess.run([rootfix, "check", ".", "--no-cache", "--format", "json", *args],
                           cwd=repo, stdout=fh, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):
        fail(f"{repo.name}: rootfix exited {r.returncode}: {r.stderr.strip()[-300:]}")
    (out.with_suffix(".err")).write_text(r.stderr)
    return time.perf_counter() - t0


def keys_of(project: str, items: list[dict]) -> list[tuple[str, dict]]:
    return [(f"{project} {x['file']}:{x['line']} {x['code']}", x) for x in items]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repos", required=True, help="folder with one git clone per project")
    ap.add_argument("--only", help="comma-separated project names")
    ap.add_argument("--rootfix", default=str(Path(sys.executable).parent / "rootfix"))
    ap.add_argument("--results", default="/tmp/rootfix-corpus", help="where the JSON of each run goes")
    ap.add_argument("--rescore", action="store_true", help="score the last run's JSON, run nothing")
    ap.add_argument("--show", action="store_true", help="print every finding with its verdict")
    ap.add_argument("--mode", choices=("all-code", "default"), default="all-code",
                    help="all-code: rootfix check --all-code (default); default: the component scope")
    ns = ap.parse_args(argv)
    repos, results = Path(ns.repos), Path(ns.results)
    if not repos.is_dir():
        fail(f"--repos {repos}: no such folder")
    results = results / ns.mode
    results.mkdir(parents=True, exist_ok=True)
    projects = load_projects(ns.only)
    triage = load_triage()

    found: dict[str, dict] = {}
    for p in projects:
        out = results / f"{p['name']}.json"
        if not ns.rescore:
            repo = repos / p["name"]
            checkout(repo, p["commit"])
            flags = ["--all-code"] if ns.mode == "all-code" else []
            secs = run_project(ns.rootfix, repo, [*flags, *p.get("args", [])], out)
            print(f"{p['name']:<20} {secs:6.1f} s", file=sys.stderr)
        if not out.is_file():
            fail(f"{out}: no results (run without --rescore)")
        for key, item in keys_of(p["name"], [x for x in json.loads(out.read_text() or "[]") if x["code"] != "E999"]):
            found[key] = item

    ran = {p["name"] for p in projects}
    per_rule: dict[str, Counter] = defaultdict(Counter)
    untriaged = []
    for key, item in sorted(found.items()):
        t = triage.get(key)
        verdict = t["verdict"] if t else "untriaged"
        per_rule[item["code"]][verdict] += 1
        if t is None:
            untriaged.append(f"{key}  {item['message'][:160]}")
        if ns.show:
            print(f"{verdict:<10} {key}  {(t or {}).get('reason', item['message'][:120])}")
    # a true positive the component scope does not reach is not lost in --mode default
    lost = [k for k, t in triage.items() if t["verdict"] == "true" and k.split()[0] in ran and k not in found
            and (ns.mode == "all-code" or t.get("scope") == "default")]
    gone_false = [k for k, t in triage.items() if t["verdict"] != "true" and k.split()[0] in ran and k not in found]

    print(f"\n{'rule':<8} {'findings':>8} {'true':>5} {'false':>6} {'debat.':>6} {'untri.':>6} {'precision':>9}")
    tot: Counter = Counter()
    for code in sorted(per_rule):
        c = per_rule[code]
        tot.update(c)
        n = sum(c.values())
        judged = n - c["untriaged"]
        prec = f"{100 * c['true'] / judged:.0f}%" if judged else "-"
        print(f"{code:<8} {n:>8} {c['true']:>5} {c['false']:>6} {c['debatable']:>6} {c['untriaged']:>6} {prec:>9}")
    n = sum(tot.values())
    judged = n - tot["untriaged"]
    prec = f"{100 * tot['true'] / judged:.0f}%" if judged else "-"
    print(f"{'all':<8} {n:>8} {tot['true']:>5} {tot['false']:>6} {tot['debatable']:>6} {tot['untriaged']:>6} {prec:>9}")
    if gone_false:
        print(f"\n{len(gone_false)} triaged false/debatable finding(s) no longer reported (good):")
        for k in gone_false:
            print(f"  {k}  [{triage[k]['verdict']}] {triage[k]['reason']}")
    status = 0
    if lost:
        status = 1
        print(f"\n{len(lost)} triaged TRUE positive(s) disappeared:")
        for k in lost:
            print(f"  {k}  {triage[k]['reason']}")
    if untriaged:
        status = 1
        print(f"\n{len(untriaged)} untriaged finding(s):")
        for line in untriaged:
            print(f"  {line}")
    return status


if __name__ == "__main__":
    sys.exit(main())
