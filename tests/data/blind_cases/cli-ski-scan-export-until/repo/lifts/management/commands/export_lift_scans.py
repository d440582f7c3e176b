import csv

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lifts.management.commands._dates import iso_date
from lifts.models import Lift
from lifts.reports import scans_in_period

COLUMNS = ["scanned_at", "lift", "gate", "pass_number", "product"]


class Command(BaseCommand):
    help = "Export accepted turnstile scans between two resort-local dates (inclusive) as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=iso_date, required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--until", type=iso_date, required=True, help="last day (inclusive), YYYY-MM-DD")
        parser.add_argument("--lift", help="only this lift code")
        parser.add_argument("--output", help="write to this file instead of stdout")

    def handle(self, *args, since, until, lift=None, output=None, **options):
        if until < since:
            raise CommandError("--until is before --since")
        lift_obj = None
        if lift:
            try:
                lift_obj = Lift.objects.get(code=lift.upper())
            except Lift.DoesNotExist:
                raise CommandError(f"unknown lift {lift!r}")

        fh = open(output, "w", newline="", encoding="utf-8") if output else self.stdout
        try:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            n = 0
            for scan in scans_in_period(since, until, lift=lift_obj).iterator():
                writer.writerow([
                    timezone.localtime(scan.scanned_at).isoformat(timespec="seconds"),
                    scan.lift.code,
                    scan.gate,
                    scan.ski_pass.number,
                    scan.ski_pass.product.code,
                ])
                n += 1
        finally:
            if output:
                fh.close()
        if options.get("verbosity", 1) > 1:
            self.stderr.write(f"{n} scan(s) exported ({since} .. {until})")
