"""Monthly (crontab: 0 6 1 * *). Bills the previous month; re-running replaces the month's bills."""
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from billing.bills import bill_month


class Command(BaseCommand):
    help = "Create or refresh the bills of a month (default: last month)."

    def add_arguments(self, parser):
        parser.add_argument("--month", type=date.fromisoformat, help="any day of the month to bill")

    def handle(self, *args, **options):
        month = options["month"] or (timezone.localdate().replace(day=1) - timedelta(days=1))
        bills = bill_month(month)
        total = sum(b.amount_cents for b in bills)
        self.stdout.write(f"billed {len(bills)} meter(s) for {month:%Y-%m}: {total / 100:.2f} EUR")
