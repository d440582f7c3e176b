import csv
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from billing.models import Reconciliation

COLUMNS = ["account_number", "meter_serial", "start", "end", "billed_kwh", "measured_kwh", "difference_kwh",
           "readings", "gaps", "outcome"]


class Command(BaseCommand):
    help = "Write the reconciliations of periods ending in a date range to CSV (for the billing ops team)."

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path)
        parser.add_argument("--from", dest="date_from", type=date.fromisoformat, required=True)
        parser.add_argument("--to", dest="date_to", type=date.fromisoformat, required=True)
        parser.add_argument("--only-mismatches", action="store_true",
                            help="leave out periods whose bill matched the meter")

    def handle(self, *args, output, date_from, date_to, only_mismatches, **options):
        if date_from > date_to:
            raise CommandError("--from is after --to")
        qs = (
            Reconciliation.objects.filter(period__end__gte=date_from, period__end__lte=date_to)
            .select_related("period__household", "period__meter")
            .order_by("period__end", "period__household__account_number")
        )
        if only_mismatches:
            qs = qs.exclude(outcome=Reconciliation.Outcome.MATCHED)
        count = 0
        with output.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            for rec in qs.iterator(chunk_size=2000):
                p = rec.period
                writer.writerow([p.household.account_number, p.meter.serial, p.start.isoformat(),
                                 p.end.isoformat(), p.billed_kwh, rec.measured_kwh, rec.difference_kwh,
                                 rec.readings, rec.gaps, rec.outcome])
                count += 1
        self.stdout.write(f"wrote {count} reconciliations to {output}")
