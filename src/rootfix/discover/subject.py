"""The subject of a bug report: the component it names (or the code it points at) and what that code reaches.

:func:`discover_subject` is the discover step every command that reads a report shares (``rootfix fix``,
``localize``, ``prompt``): index the repo, resolve the report's component through the project model,
gather its related code. When the report's name matches nothing, :func:`component_from_report` takes the
code its traceback or its words point at (``strict`` turns that off, for ``prompt``).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from rootfix.discover.components import is_test_path
from rootfix.discover.related import related_code
from rootfix.discover.resolve import ComponentNotFound, resolve_component
from rootfix.project.model import Project
from rootfix.types import COMPONENT_TYPES, BugReport, Component, ParsedError, Subject

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

__all__ = ["component_from_report", "discover_subject", "resolve_report"]


def discover_subject(report: BugReport, repo: str | Path, parsed: ParsedError, *, strict: bool = False,
                     warn: Callable[[str], None] | None = None) -> Subject:
    """Index ``repo``, resolve the report's component and gather its related code.

    ``warn(message)`` receives one line per file the index had to skip. Raises ``UsageError`` when the
    report's component cannot be resolved (with ``strict``, as soon as its name matches no component).
    """
    from rootfix.discover import build_index

    index = build_index(repo)
    if warn is not None:
        for err in index.errors:
            warn(f"{err.path}: {err.message} (skipped)")
    component, note = resolve_report(index, report, parsed, strict=strict)
    try:
        related = related_code(index, component)
    except Exception:  # related code is context; a failure to gather it must not stop the run
        related = None
    return Subject(report=report, repo=str(Path(repo).resolve()), parsed=parsed, component=component, related=related,
                   index=index, note=note)


def resolve_report(index: "RepoIndex", report: BugReport, parsed: ParsedError | None, *,
                   strict: bool = False) -> tuple[Component, str]:
    """The report's component, or (when its name matches nothing) the code the report points at.

    Returns (component, note); the note says what was looked for and what was used instead. Raises the
    resolver's error when the report points at nothing either. ``strict``: discovered components only (no
    project code named directly, no fallback).
    """
    components = Project.of(index).components
    skipped = [f"{e.path}: {e.message}" for e in index.errors]
    if strict:
        return resolve_component(components, report.component_type, report.component_name, skipped=skipped,
                                 repo=str(index.root)), ""
    try:
        comp = resolve_component(components, report.component_type, report.component_name, skipped=skipped,
                                 index=index)
    except ComponentNotFound as exc:
        ctype = report.component_type if report.component_type in COMPONENT_TYPES else "cli-tool"
        fallback = component_from_report(index, ctype, report, parsed)
        if fallback is None:
            raise
        why = dict(fallback.details).get("resolved", "")
        return fallback, f"{exc}; localizing from the report instead: {fallback.file} {fallback.symbol} ({why})"
    why = dict(comp.details).get("resolved", "")
    return comp, (f"no discovered component has that name; it names {why}" if why else "")


def component_from_report(index: "RepoIndex", component_type: str, report: BugReport,
                          parsed: ParsedError | None) -> Component | None:
    """When the report's name matches nothing: the code its traceback or its words point at.

    The deepest project frame of the error (not a test); else the project function whose name the
    report's text mentions most (names of five letters or more, tests aside). None when neither.
    """
    if parsed is not None:
        for fr in reversed(parsed.project_frames):
            if fr.repo_path and not is_test_path(fr.repo_path):
                fn = index.enclosing_function(fr.repo_path, fr.line)
                if fn is not None:
                    return Component(component_type, "from-report", fn.qualname, (), fn.file, fn.symbol, fn.line,
                                     details=(("resolved", f"the error's traceback frame {fr.repo_path}:{fr.line}"),))
    text = " ".join((report.component_name, report.bug_description, report.actual_behavior,
                     report.error_message or ""))
    words: dict[str, int] = {}
    for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]{4,}", text):
        words[w] = words.get(w, 0) + 1
    best: tuple[int, int, str] | None = None
    pick = None
    for q, fn in index.functions.items():
        if is_test_path(fn.file):
            continue
        parts = fn.symbol.split(".")
        hits = sum(words.get(p, 0) for p in parts if len(p) > 4 and not p.startswith("__"))
        if hits and (best is None or (hits, len(parts), q) > best):
            best, pick = (hits, len(parts), q), fn
    if pick is None or best is None:
        return None
    return Component(component_type, "from-report", pick.qualname, (), pick.file, pick.symbol, pick.line,
                     details=(("resolved", f"named in the report's text ({best[0]} mention(s))"),))
