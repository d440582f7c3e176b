"""Module names of project files (a fact of the layout every stage and rule may need)."""
from __future__ import annotations


def module_name(path: str) -> str:
    """``loans/management/commands/x.py`` -> ``loans.management.commands.x`` (a leading ``src/`` dropped)."""
    parts = path[:-3].split("/") if path.endswith(".py") else path.split("/")
    if parts and parts[0] == "src":
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)
