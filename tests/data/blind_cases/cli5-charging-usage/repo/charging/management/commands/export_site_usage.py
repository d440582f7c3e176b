import sys

from django.core.management.base import BaseCommand, CommandError

from charging.reporting import month_bounds, parse_month, site_usage, write_usage_csv
from network.models import Site

from ._options import iso_date


class Command(BaseCommand):
    help = (
        "Export energy delivered, revenue and host reimbursement per site as CSV, for a month (--month) or a "
        "range of days (--from/--to, both included). Sessions count on the day they ended."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM")
        parser.add_argument("--from", dest="start", type=iso_date, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", type=iso_date, help="last day (included), YYYY-MM-DD")
        parser.add_argument("--site", help="only this site code")
        parser.add_argument("--output", "-o", help="write the CSV to this file instead of stdout")

    def handle(self, *args, month=None, start=None, end=None, site=None, output=None, **options):
        if month and (start or end):
            raise CommandError("use either --month or --from/--to")
        if month:
            try:
                start, end = month_bounds(*parse_month(month))
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        elif not (start and end):
            raise CommandError("give --month or both --from and --to")
        if end < start:
            raise CommandError("--to is before --from")
        if site and not Site.objects.filter(code=site.upper()).exists():
            raise CommandError(f"unknown site {site!r}")

        rows = site_usage(start, end, site=site)
        if output:
            with open(output, "w", newline="", encoding="utf-8") as fh:
                write_usage_csv(rows, fh)
        else:
            write_usage_csv(rows, self.stdout)
        sessions = sum(r.sessions for r in rows)
        kwh = sum(r.energy_kwh for r in rows)
        summary = f"{start:%Y-%m-%d}..{end:%Y-%m-%d}: {len(rows)} site(s), {sessions} session(s), {kwh} kWh"
        if output:
            self.stdout.write(f"{summary} -> {output}")
        else:
            sys.stderr.write(summary + "\n")
