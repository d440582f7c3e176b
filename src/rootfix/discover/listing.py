"""``rootfix components`` output: a table grouped by component type, or JSON."""
from __future__ import annotations

import io
import json
from typing import Iterable

from rootfix.types import COMPONENT_TYPES, Component

__all__ = ["component_dict", "components_json", "components_text"]


def component_dict(c: Component) -> dict[str, object]:
    """A component as a JSON object (file paths repo-relative)."""
    return {
        "type": c.type, "flavor": c.flavor, "name": c.name, "aliases": list(c.aliases),
        "file": c.file, "line": c.line, "symbol": c.symbol, "target": c.target,
        "declared_in": c.declared_in, "details": {k: v for k, v in c.details},
    }


def components_json(components: Iterable[Component]) -> str:
    return json.dumps([component_dict(c) for c in components], indent=2, ensure_ascii=False)


def _names(c: Component) -> str:
    shown = [a for a in c.aliases if not a.startswith(("python ", "django-admin ")) and "/" not in a]
    return c.name + (f"\n  ({', '.join(shown[:3])})" if shown else "")


def components_text(components: Iterable[Component], root: str, *, width: int | None = None,
                    color: bool = False) -> str:
    """A readable table per component type: kind, names, file:line, symbol, target."""
    from rich.console import Console
    from rich.table import Table

    comps = list(components)
    buf = io.StringIO()
    console = Console(file=buf, width=width or 160, force_terminal=color, no_color=not color,
                      highlight=False, soft_wrap=False)
    if not comps:
        console.print(f"no components found in {root}")
        return buf.getvalue()
    for ctype in COMPONENT_TYPES:
        group = [c for c in comps if c.type == ctype]
        if not group:
            continue
        table = Table(title=f"{ctype} ({len(group)})", title_justify="left", show_lines=False, expand=False)
        for col in ("kind", "name", "file:line", "symbol", "target"):
            table.add_column(col, overflow="fold")
        for c in group:
            target = c.target or ""
            if c.declared_in and c.declared_in != c.file:
                target = (target + "\n" if target else "") + f"declared in {c.declared_in}"
            started = [v for k, v in c.details if k == "started_by"]
            if started:
                target = (target + "\n" if target else "") + "started by " + ", ".join(started)
            table.add_row(c.flavor, _names(c), f"{c.file}:{c.line}", c.symbol, target)
        console.print(table)
        console.print()
    counts = ", ".join(f"{sum(1 for c in comps if c.type == t)} {t}" for t in COMPONENT_TYPES
                       if any(c.type == t for c in comps))
    console.print(f"{len(comps)} components in {root}: {counts}")
    return buf.getvalue()
