"""`manage.py timetable ...` - the timetable team's command line.

The subcommands are a click group; timetable/management/commands/timetable.py
hands the command line over to it, so Django is already set up here.
"""
from datetime import date
from pathlib import Path

import click

from . import services
from .csvformat import TimetableFormatError, read_timetable_csv
from .models import Route, Sailing, Season, Vessel


def _season(code):
    try:
        return Season.objects.get(code=code.upper())
    except Season.DoesNotExist:
        raise click.ClickException(f"no season {code!r}")


def _route(code):
    try:
        return Route.objects.get(code=code.upper())
    except Route.DoesNotExist:
        raise click.ClickException(f"no route {code!r}")


def _vessel(name):
    vessel = Vessel.objects.filter(name__iexact=name).first()
    if vessel is None:
        raise click.ClickException(f"no vessel {name!r}")
    return vessel


@click.group(help="Harbourline timetable tools.")
def cli():
    pass


@cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--season", "season_code", required=True, help="season code, e.g. S25")
@click.option("--replace", is_flag=True,
              help="remove the season's sailings on the routes in the file before importing")
def import_cmd(csv_file, season_code, replace):
    """Import (or update) sailings from a planning-spreadsheet CSV export."""
    season = _season(season_code)
    with csv_file.open(encoding="utf-8-sig", newline="") as fh:
        try:
            rows = read_timetable_csv(fh)
        except TimetableFormatError as exc:
            raise click.ClickException(f"{csv_file.name}: {exc}")
    try:
        result = services.import_timetable(season, rows, replace=replace)
    except (services.TimetableImportError, services.SeasonStateError) as exc:
        raise click.ClickException(f"{csv_file.name}: {exc}")
    click.echo(
        f"season {season.code}: {result.created} created, {result.updated} updated, "
        f"{result.removed} removed ({', '.join(sorted(result.routes))})"
    )


@cli.command("publish")
@click.argument("season_code")
def publish_cmd(season_code):
    """Publish a draft season to the booking site."""
    try:
        season = services.publish_season(_season(season_code))
    except services.SeasonStateError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"season {season.code} published ({season.sailings.count()} sailings)")


@cli.command("swap-vessel")
@click.option("--season", "season_code", required=True)
@click.option("--route", "route_code", required=True)
@click.option("--from-vessel", required=True)
@click.option("--to-vessel", required=True)
@click.option("--from-day", type=click.DateTime(formats=["%Y-%m-%d"]), required=True)
@click.option("--to-day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
def swap_vessel_cmd(season_code, route_code, from_vessel, to_vessel, from_day, to_day):
    """Move a route's sailings to another vessel for a date range."""
    try:
        moved = services.swap_vessel(
            _season(season_code), _route(route_code), _vessel(from_vessel), _vessel(to_vessel),
            from_day=from_day.date(), to_day=to_day.date() if to_day else None,
        )
    except services.TimetableImportError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"{moved} sailing(s) moved to {to_vessel}")


@cli.command("show")
@click.option("--day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="defaults to today")
@click.option("--route", "route_code", default=None)
def show_cmd(day, route_code):
    """List the sailings of one day."""
    day = day.date() if day else date.today()
    sailings = services.sailings_on(day, route_code)
    if not sailings:
        click.echo(f"no sailings on {day}")
        return
    for s in sailings:
        flag = " CANCELLED" if s.status == Sailing.Status.CANCELLED else ""
        vessel = s.vessel.name if s.vessel else "-"
        click.echo(f"{s.route.code:<10} {s.departs_at:%H:%M}  {vessel:<16}{flag}")
