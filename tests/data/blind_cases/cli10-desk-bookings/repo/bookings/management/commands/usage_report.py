import csv
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bookings import periods, reports


class Command(BaseCommand):
    help = "Desk usage per company for a month or a range of days (local time, both ends inclusive)."

    def add_arguments(self, parser):
        parser.add_argument("--month", type=periods.parse_month, help="YYYY-MM")
        parser.add_argument("--since", type=periods.parse_day, help="first day, YYYY-MM-DD")
        parser.add_argument("--until", type=periods.parse_day, help="last day (inclusive), YYYY-MM-DD")
        parser.add_argument("--location", help="location code, e.g. AMS1")
        parser.add_argument("--format", choices=["table", "csv"], default="table")
        parser.add_argument("--output", type=Path, help="write the CSV to this file instead of stdout")

    def handle(self, *args, **options):
        period = self._period(options)
        rows = reports.usage(period, location_code=options["location"])

        if options["format"] == "csv":
            self._write_csv(rows, options["output"])
            return

        self.stdout.write(f"Usage {period.label}" + (f" at {options['location'].upper()}" if options["location"] else ""))
        self.stdout.write(f"{'company':<30} {'bookings':>8} {'hours':>8} {'no-show':>8} {'waived':>7}")
        for row in rows:
            self.stdout.write(
                f"{row.company[:30]:<30} {row.bookings:>8} {row.hours:>8.2f} {row.no_shows:>8} {row.waived:>7}"
            )
        total_hours = sum((r.hours for r in rows), 0)
        self.stdout.write(f"{'total':<30} {sum(r.bookings for r in rows):>8} {total_hours:>8.2f}")

    def _period(self, options):
        month, since, until = options["month"], options["since"], options["until"]
        if month and (since or until):
            raise CommandError("use either --month or --since/--until, not both")
        if month:
            return month
        if since is None:
            raise CommandError("give --month, or --since (and optionally --until)")
        until = until or timezone.localdate()
        try:
            return periods.days(since, until)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

    def _write_csv(self, rows, output):
        if output is None:
            writer = csv.writer(self.stdout)
            writer.writerow(reports.CSV_HEADER)
            writer.writerows(reports.as_csv_rows(rows))
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(reports.CSV_HEADER)
            writer.writerows(reports.as_csv_rows(rows))
        print(f"wrote {len(rows)} row(s) to {output}", file=sys.stderr)
