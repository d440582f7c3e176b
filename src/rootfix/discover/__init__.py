"""discover — index the repo, find its components, resolve a report's component, gather related code.

Public API::

    build_index(repo) -> RepoIndex                        # parsed once per process (re-parsed when files change)
    discover_components(index) -> tuple[Component, ...]
    resolve_component(components, component_type, component_name, *, repo=None) -> Component
    related_code(index, component, max_depth=3) -> RelatedCode
    prompt_context(index, component, parsed_error=None, *, related=None) -> str   # Markdown for prompts
    discover_subject(report, repo, parsed) -> Subject     # the above for one bug report (fix, localize, prompt)

Analysis never writes into the user's repo and never imports or runs its code.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from rootfix.discover.index import SKIP_DIRS, RepoIndex


def __getattr__(name: str) -> object:
    # imported on first use: ``rootfix check`` reads the index module on every run (a warm one included),
    # and component discovery, related code and resolution are not needed for that
    if name == "discover_components":
        from rootfix.discover.components import discover_components

        return discover_components
    if name == "related_code":
        from rootfix.discover.related import related_code

        return related_code
    if name == "discover_subject":
        from rootfix.discover.subject import discover_subject

        return discover_subject
    if name == "resolve_component":
        from rootfix.discover.resolve import resolve_component

        return resolve_component
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["build_index", "discover_components", "discover_subject", "resolve_component", "related_code",
           "prompt_context", "RepoIndex"]

_CACHE: dict[Path, tuple[tuple[tuple[str, int, int], ...], RepoIndex]] = {}
_LOCK = threading.Lock()


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime_ns, size) of every Python file the index would read: cheap, no file is opened."""
    out: list[tuple[str, int, int]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info")]
        for name in filenames:
            if name.endswith(".py"):
                p = os.path.join(dirpath, name)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                out.append((p, st.st_mtime_ns, st.st_size))
    out.sort()
    return tuple(out)


def build_index(repo: str | os.PathLike[str]) -> RepoIndex:
    """The :class:`RepoIndex` of ``repo``, built once per process and rebuilt when a Python file changes.

    No on-disk cache yet: it is only worth adding once ``bench/`` shows it beats re-parsing; it would live
    under ``$XDG_CACHE_HOME/rootfix``, never in the repo.
    """
    root = Path(repo).resolve()
    fp = _fingerprint(root)
    with _LOCK:
        hit = _CACHE.get(root)
        if hit is not None and hit[0] == fp:
            return hit[1]
    index = RepoIndex.build(root)
    with _LOCK:
        _CACHE[root] = (fp, index)
    return index


def prompt_context(index: RepoIndex, component, parsed_error=None, *, related=None) -> str:  # noqa: ANN001
    """The Markdown context sections for ``component`` (see :mod:`rootfix.discover.context`)."""
    from rootfix.discover.context import gather_context

    return gather_context(index, component, parsed_error, related=related)
