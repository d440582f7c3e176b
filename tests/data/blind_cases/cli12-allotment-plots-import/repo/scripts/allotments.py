#!/usr/bin/env python
"""Board tools for the plot register.

Run from the project root, e.g.::

    python scripts/allotments.py import-tenancies exports/tenancies-2025.csv --season 2025
    python scripts/allotments.py vacancies --season 2025 --site LH
"""
import os
import sys
from pathlib import Path
from typing import Optional

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greenplots.settings")

import django  # noqa: E402

django.setup()

import typer  # noqa: E402

from tenancies.importer import ImportRowError, import_tenancies  # noqa: E402
from tenancies.reports import fee_summary, vacant_plots  # noqa: E402
from tenancies.spreadsheet import SpreadsheetError, read_rows  # noqa: E402

app = typer.Typer(help="Plot register of the Lindenhof allotment association.", no_args_is_help=True,
                  add_completion=False)

SeasonOption = typer.Option(..., "--season", "-s", min=2000, max=2100, help="Season (calendar year)")


@app.command("import-tenancies")
def import_tenancies_command(
    csv_file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True,
                                    help="Tenancy list exported from the spreadsheet as CSV"),
    season: int = SeasonOption,
):
    """Import a season's plot tenancies (and new members) from the treasurer's spreadsheet."""
    try:
        rows = read_rows(csv_file)
    except SpreadsheetError as exc:
        typer.secho(f"{csv_file.name}: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=2)
    if not rows:
        typer.echo(f"{csv_file.name}: no rows to import")
        return

    typer.echo(f"Importing {len(rows)} rows from {csv_file.name} into season {season} ...")
    try:
        result = import_tenancies(rows, season=season)
    except ImportRowError as exc:
        typer.secho(f"Import failed: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1)

    typer.secho(f"Imported {result.tenancies} tenancies for season {season}.", fg=typer.colors.GREEN)
    if result.updated_members:
        typer.echo(f"Updated contact details of {result.updated_members} members.")
    for tenant in result.new_members:
        typer.echo(f"  new member #{tenant.member_no}: {tenant.full_name}")


@app.command()
def vacancies(
    season: int = SeasonOption,
    site: Optional[str] = typer.Option(None, "--site", help="Only this site (code, e.g. LH)"),
):
    """List lettable plots that have no tenant for the season."""
    plots = vacant_plots(season, site_code=site)
    if not plots:
        typer.echo(f"No vacant plots in {season}.")
        return
    typer.echo(f"{len(plots)} vacant plots in {season}:")
    for plot in plots:
        shed = "shed" if plot.has_shed else ""
        typer.echo(f"  {plot.number:<10} {plot.site.code:<4} {plot.area_m2:>5} m²  {plot.standard_fee:>8} EUR  {shed}")


@app.command()
def fees(season: int = SeasonOption):
    """Invoiced, paid and outstanding plot fees per site."""
    rows = fee_summary(season)
    typer.echo(f"{'site':<6}{'plots':>6}{'invoiced':>12}{'paid':>12}{'outstanding':>13}{'concess.':>10}")
    for entry in rows:
        typer.echo(f"{entry.site.code:<6}{entry.tenancies:>6}{entry.invoiced:>12}{entry.paid:>12}"
                   f"{entry.outstanding:>13}{entry.concessions:>10}")
    total_invoiced = sum(entry.invoiced for entry in rows)
    total_paid = sum(entry.paid for entry in rows)
    typer.echo(f"{'total':<6}{sum(e.tenancies for e in rows):>6}{total_invoiced:>12}{total_paid:>12}"
               f"{total_invoiced - total_paid:>13}{sum(e.concessions for e in rows):>10}")


if __name__ == "__main__":
    app()
