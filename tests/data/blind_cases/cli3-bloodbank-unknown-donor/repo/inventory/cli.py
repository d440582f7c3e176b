"""`bbank` – command line for the processing lab and mobile teams.

    python -m inventory.cli --help
"""
import os
import sys

import click


@click.group()
def cli():
    """Blood service inventory tools."""


@cli.group()
def units():
    """Receive, discard and release units."""


@units.command("receive")
@click.argument("drive_file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--site", "site_code", required=True, help="collection site code, e.g. MOB2")
def receive(drive_file, site_code):
    """Receive the units listed in a drive file into quarantine."""
    from donors.models import Site
    from inventory.intake import RowError, read_drive_file, receive_units

    try:
        site = Site.objects.get(code=site_code.upper())
    except Site.DoesNotExist:
        raise click.ClickException(f"unknown site {site_code!r}")
    try:
        report = receive_units(read_drive_file(drive_file), site)
    except RowError as exc:
        raise click.ClickException(str(exc))
    for line, message in report.rejected:
        click.echo(f"line {line}: rejected: {message}", err=True)
    for din in report.quarantined:
        click.echo(f"{din}: held in quarantine (see unit record)")
    click.echo(
        f"{site.code}: received {len(report.received) + len(report.quarantined)} unit(s) "
        f"({len(report.quarantined)} on hold), {len(report.duplicates)} already received, "
        f"{len(report.rejected)} rejected"
    )
    if report.rejected:
        sys.exit(1)


@units.command("discard")
@click.argument("din")
@click.option("--reason", required=True)
def discard(din, reason):
    """Discard one unit (damaged bag, positive test...)."""
    from inventory.models import Unit
    from inventory.stock import StockError, discard_unit

    try:
        unit = Unit.objects.get(din=din.upper())
    except Unit.DoesNotExist:
        raise click.ClickException(f"no unit with DIN {din!r}")
    try:
        discard_unit(unit, reason)
    except StockError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"{unit.din}: discarded")


@units.command("release")
@click.argument("dins", nargs=-1, required=True)
def release(dins):
    """Mark tested units available (units with an extra hold stay in quarantine)."""
    from inventory.stock import release_tested

    count = release_tested([d.upper() for d in dins])
    click.echo(f"released {count} of {len(dins)} unit(s)")


@cli.group()
def donors():
    """Donor register."""


@donors.command("defer")
@click.argument("donor_code")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="end date; omit for permanent")
@click.option("--reason", required=True)
def defer_donor(donor_code, until, reason):
    """Defer a donor (travel, medication, low haemoglobin...)."""
    from donors.deferrals import defer
    from donors.models import Donor

    try:
        donor = Donor.objects.get(code=donor_code.upper())
    except Donor.DoesNotExist:
        raise click.ClickException(f"no donor with code {donor_code!r}")
    try:
        deferral = defer(donor, reason, until=until.date() if until else None)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--until")
    click.echo(f"{donor.code}: deferred until {deferral.until or 'further notice'}")


@cli.command("issue")
@click.argument("hospital_code")
@click.argument("dins", nargs=-1, required=True)
def issue(hospital_code, dins):
    """Issue available units to a hospital."""
    from inventory.models import Hospital
    from inventory.stock import StockError, issue_units

    hospital = Hospital.objects.filter(code=hospital_code.upper()).first()
    if hospital is None:
        raise click.ClickException(f"unknown hospital {hospital_code!r}")
    try:
        record = issue_units(hospital, [d.upper() for d in dins])
    except StockError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"issued {record.units.count()} unit(s) to {hospital.code}")


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redcell.settings")
    import django

    django.setup()
    cli(prog_name="bbank")


if __name__ == "__main__":
    main()
