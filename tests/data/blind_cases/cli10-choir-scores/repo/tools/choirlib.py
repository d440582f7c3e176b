"""choir-lib: the music librarian's command line.

Installed as the `choir-lib` console script (see pyproject.toml). Run it anywhere; it uses the project's
settings (DJANGO_SETTINGS_MODULE, default config.settings) and writes its files below MEDIA_ROOT.

    choir-lib import-scores new-scores.csv
    choir-lib export-catalogue
    choir-lib loan-sheet spring-2024 --mail
    choir-lib overdue --voice T
    choir-lib prune-exports --keep-days 180
"""
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Optional

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

import typer  # noqa: E402
from django.db import connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from library import storage  # noqa: E402
from library.catalogue import CATALOGUE_HEADER, catalogue_rows, import_catalogue  # noqa: E402
from library.loans import LOAN_SHEET_HEADER, loan_sheet_rows, overdue_loans  # noqa: E402
from library.models import Concert  # noqa: E402
from library.tasks import mail_loan_sheet  # noqa: E402
from members.models import Singer  # noqa: E402

app = typer.Typer(help="St Cecilia music library tools.", no_args_is_help=True)


@app.command("import-scores")
def import_scores(
    csv_file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True,
                                    help="catalogue CSV (catalogue_no,title,composer,arranger,voicing,"
                                         "publisher,parts)"),
    dry_run: bool = typer.Option(False, "--dry-run", help="check the file, change nothing"),
):
    """Add or update scores from a catalogue CSV (as exported by export-catalogue)."""
    rows = storage.read_csv(csv_file)
    report = import_catalogue(rows, dry_run=dry_run)
    for err in report.errors:
        typer.echo(err, err=True)
    if report.errors:
        typer.echo(f"{csv_file.name}: {len(report.errors)} bad row(s), nothing imported", err=True)
        raise typer.Exit(1)
    verb = "would import" if dry_run else "imported"
    typer.echo(f"{verb} {report.created} new and {report.updated} updated score(s), "
               f"{report.copies_added} new part copies")


@app.command("export-catalogue")
def export_catalogue(
    name: str = typer.Option("catalogue.csv", "--name", help="file name inside MEDIA_ROOT/exports"),
):
    """Write the whole score catalogue to MEDIA_ROOT/exports/ (shown on the Downloads page)."""
    if os.sep in name or name.startswith("."):
        typer.echo(f"--name must be a plain file name, got {name!r}", err=True)
        raise typer.Exit(2)
    path = storage.export_dir() / name
    n = storage.write_csv(path, CATALOGUE_HEADER, catalogue_rows())
    typer.echo(f"wrote {n} score(s) to {path}")


@app.command("loan-sheet")
def loan_sheet(
    concert: str = typer.Argument(..., help="concert slug"),
    printed_on: Optional[datetime] = typer.Option(None, "--date", formats=["%Y-%m-%d"],
                                                  help="date printed on the sheet (default: today)"),
    mail: bool = typer.Option(False, "--mail", help="email the sheet to the section leaders"),
):
    """Write the sign-out sheet of the parts lent for CONCERT.

    The sheet goes to MEDIA_ROOT/exports/loan-sheets/<concert>-<YYYYMMDD>.csv (folder: LOAN_SHEETS_DIR).
    """
    try:
        c = Concert.objects.get(slug=concert)
    except Concert.DoesNotExist:
        typer.echo(f"no concert with slug {concert!r}", err=True)
        raise typer.Exit(2)
    day = printed_on.date() if printed_on else timezone.localdate()
    path = storage.loan_sheet_path(c.slug, day)
    n = storage.write_csv(path, LOAN_SHEET_HEADER, loan_sheet_rows(c))
    typer.echo(f"wrote {n} loan(s) to {path}")
    if mail:
        mail_loan_sheet.delay(c.pk, day.isoformat())
        typer.echo("sheet queued for the section leaders")


@app.command("overdue")
def overdue(
    voice: Optional[str] = typer.Option(None, "--voice", help="S, A, T or B"),
    days: int = typer.Option(0, "--days", min=0, help="only loans more than this many days overdue"),
):
    """List parts that should have come back by now."""
    if voice and voice.upper() not in Singer.Voice.values:
        typer.echo(f"unknown voice {voice!r}; use one of {', '.join(Singer.Voice.values)}", err=True)
        raise typer.Exit(2)
    today = timezone.localdate()
    loans = overdue_loans(today - timedelta(days=days), voice=voice.upper() if voice else None)
    count = 0
    for loan in loans:
        score = loan.copy.part.score
        late = (today - loan.due_on).days
        typer.echo(f"{loan.singer.name:<28} {score.catalogue_no:<8} {score.title[:36]:<36} "
                   f"{loan.copy.part.label} #{loan.copy.number}  {late} day(s)")
        count += 1
    typer.echo(f"{count} overdue loan(s)")


@app.command("prune-exports")
def prune_exports(
    keep_days: int = typer.Option(365, "--keep-days", min=1, help="keep files newer than this"),
    dry_run: bool = typer.Option(False, "--dry-run"),
):
    """Delete old CSV files below MEDIA_ROOT/exports (loan sheets included)."""
    cutoff = timezone.now() - timedelta(days=keep_days)
    old = storage.exports_older_than(cutoff)
    for path in old:
        typer.echo(f"{'would delete' if dry_run else 'deleting'} {path}")
        if not dry_run:
            path.unlink()
    typer.echo(f"{len(old)} old export(s)")


def main():
    try:
        app()
    finally:
        connections.close_all()


if __name__ == "__main__":
    main()
