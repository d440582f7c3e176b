"""``rootfix demo``: the whole loop on the bundled sample project, with live output.

The sample (``rootfix/demo/sample/``) is copied to a folder of its own and committed to a fresh
git repository, so the run is exactly what a user sees on their own checkout: nothing bundled is
ever modified. Its bug report is ``rootfix/demo/sample_bug.yaml``.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import IO

from rootfix.errors import UsageError
from rootfix.project.model import Project
from rootfix.types import FixOutcome

SAMPLE_DIR = "sample"
SAMPLE_BUG = "sample_bug.yaml"


def sample_path() -> Path:
    """The bundled sample project."""
    return Path(str(resources.files("rootfix.demo").joinpath(SAMPLE_DIR)))


def sample_bug_path() -> Path:
    return Path(str(resources.files("rootfix.demo").joinpath(SAMPLE_BUG)))


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)


def prepare_sample(dest: str | Path | None = None) -> Path:
    """Copy the sample project to ``dest`` (new or empty; default a temp folder) and commit it."""
    src = sample_path()
    if dest is not None:
        given = Path(dest).expanduser().resolve()
        if given.exists() and (not given.is_dir() or any(given.iterdir())):
            raise UsageError(f"--dir {dest}: exists and is not an empty folder")
    if not src.is_dir():
        raise UsageError(f"the bundled sample project is missing ({src})")
    if dest is None:
        target = Path(tempfile.mkdtemp(prefix="rootfix-demo-")) / "sample"
    else:
        target = Path(dest).expanduser().resolve()
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise UsageError(f"--dir {dest}: exists and is not an empty folder")
    shutil.copytree(src, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "rootfix-out"))
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "-c", "user.email=demo@rootfix.invalid", "-c", "user.name=rootfix demo", "commit", "-qm",
         "sample project (with a bug)")
    return target


def _components_table(console, components, resolved) -> None:
    from rich.table import Table

    table = Table(title="Components", title_justify="left", show_lines=False)
    for col in ("type", "flavor", "name", "where"):
        table.add_column(col)
    for c in components:
        mark = "bold green" if resolved is not None and c == resolved else ""
        table.add_row(c.type, c.flavor, c.name, f"{c.file}:{c.line} {c.symbol}", style=mark)
    console.print(table)


def _show_outcome(console, outcome: FixOutcome) -> None:
    from rich.syntax import Syntax
    from rich.table import Table

    from rootfix.report.diff import patch_diff

    r = outcome.reproduction
    if r is not None:
        what = r.command or ", ".join(r.targets) or "-"
        console.print(f"[bold]Reproduction[/]: {r.kind} {what} -> "
                      + ("[red]fails (bug shown)[/]" if r.reproduced else "does not fail"))
    if outcome.suspects:
        t = Table(title="Suspects", title_justify="left")
        for col in ("#", "file", "symbol", "score", "evidence"):
            t.add_column(col)
        for i, s in enumerate(outcome.suspects[:5], 1):
            t.add_row(str(i), s.file, s.symbol, f"{s.score:.2f}", "\n".join(s.evidence[:3]))
        console.print(t)
    judged = list(outcome.rejected)
    if outcome.candidate is not None and outcome.verdict is not None:
        judged.insert(0, (outcome.candidate, outcome.verdict))
    if judged:
        t = Table(title="Candidates and verdicts", title_justify="left")
        for col in ("strategy", "files", "verdict", "reason"):
            t.add_column(col)
        for c, v in judged:
            t.add_row(c.strategy, ", ".join(c.patch.files) or "-",
                      "[green]accepted[/]" if v.accepted else "[red]rejected[/]", v.reason)
        console.print(t)
    if outcome.status == "fixed" and outcome.candidate is not None:
        console.print("[bold]The fix[/]:")
        console.print(Syntax(patch_diff(outcome.candidate.patch), "diff", theme="ansi_dark", word_wrap=True))


def run_demo(dest: str | Path | None = None, *, python: str | None = None, out: str | Path | None = None,
             stream: IO[str] | None = None, timeout: float = 600.0) -> tuple[int, FixOutcome, Path]:
    """Run the demo; returns (exit code, outcome, reports folder). Output goes to ``stream`` (stdout)."""
    from rich.console import Console

    from rootfix.intake.report import load_report
    from rootfix.discover import build_index, resolve_component
    from rootfix.pipeline import run_fix
    from rootfix.report.progress import make_progress
    from rootfix.report.writer import write_outputs

    stream = stream or sys.stdout
    console = Console(file=stream, width=max(100, shutil.get_terminal_size((120, 40)).columns))
    repo = prepare_sample(dest)
    console.print(f"[bold]rootfix demo[/]: sample project copied to {repo}")
    report = load_report(str(sample_bug_path()), {})
    console.print(f"[bold]Bug report[/] ({SAMPLE_BUG}): {report.component_type} [bold]{report.component_name}[/]")
    console.print(f"  {report.bug_description.strip().splitlines()[0]}")

    index = build_index(repo)
    components = Project.of(index).components
    try:
        resolved = resolve_component(components, report.component_type, report.component_name)
    except UsageError:
        resolved = None
    _components_table(console, components, resolved)
    if resolved is not None:
        console.print(f"[bold]Resolved[/]: {resolved.name} -> {resolved.file}:{resolved.line} {resolved.symbol}")

    progress, close = make_progress("text", stream)
    try:
        outcome = run_fix(report, repo, python=python, timeout=timeout, progress=progress)
    finally:
        close()
    _show_outcome(console, outcome)
    out_dir = Path(out).expanduser().resolve() if out else repo / "rootfix-out"
    write_outputs(outcome, out_dir)
    if outcome.status == "fixed":
        console.print(f"[bold green]fixed[/]: {outcome.message}")
    else:
        console.print(f"[bold red]{outcome.status}[/]: {outcome.message}")
    console.print(f"summary: {out_dir / 'summary.md'}")
    return (0 if outcome.status == "fixed" else 1), outcome, out_dir


__all__ = ["prepare_sample", "run_demo", "sample_bug_path", "sample_path"]
