"""click / typer commands are components users name by their command line (``bbank units receive``): nested
groups give the name, a group itself is not a component, and a report naming the command line (with or without
the program name) resolves to the command, not to the script that dispatches it."""
from __future__ import annotations

import textwrap
from pathlib import Path

from rootfix.discover.components import discover_components
from rootfix.discover.index import RepoIndex
from rootfix.discover.resolve import resolve_component

CLI = '''\
import click
import typer


@click.group()
def cli():
    """Tools."""


@cli.group()
def units():
    """Units."""


@units.command("receive")
@click.argument("path")
def receive(path):
    return path


@cli.command()
def issue_units():
    return 1


app = typer.Typer()


@app.command()
def export_month(month: str):
    return month


def main():
    import django

    django.setup()
    cli(prog_name="bbank")


if __name__ == "__main__":
    main()
'''


def _index(tmp_path: Path) -> RepoIndex:
    (tmp_path / "inventory").mkdir()
    (tmp_path / "inventory" / "__init__.py").write_text("")
    (tmp_path / "inventory" / "cli.py").write_text(textwrap.dedent(CLI))
    return RepoIndex.build(tmp_path)


def test_commands_are_named_by_their_command_line(tmp_path: Path) -> None:
    comps = [c for c in discover_components(_index(tmp_path)) if c.flavor.endswith("-command")]
    assert sorted((c.flavor, c.name, c.symbol) for c in comps) == [
        ("click-command", "cli issue-units", "issue_units"),
        ("click-command", "cli units receive", "receive"),
        ("typer-command", "export-month", "export_month"),
    ]


def test_a_report_naming_the_command_line_resolves_to_the_command(tmp_path: Path) -> None:
    comps = discover_components(_index(tmp_path))
    for name in ("bbank units receive (inventory/cli.py)", "units receive", "cli units receive"):
        assert resolve_component(comps, "cli-tool", name).symbol == "receive", name
    assert resolve_component(comps, "cli-tool", "python inventory/cli.py").symbol == "main"
