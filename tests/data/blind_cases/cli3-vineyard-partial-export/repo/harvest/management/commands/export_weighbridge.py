from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from harvest.exporting import WeighbridgeExport
from harvest.pricing import PricingError


class Command(BaseCommand):
    help = "Write the day's weighbridge tickets (priced) to the outbox for accounting."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="local day to export (default: today)")
        parser.add_argument("--yesterday", action="store_true", help="export yesterday (for runs after midnight)")

    def handle(self, *args, date=None, yesterday=False, **options):
        if date and yesterday:
            raise CommandError("use either --date or --yesterday")
        day = date or timezone.localdate()
        if yesterday:
            day -= timedelta(days=1)
        try:
            path, count = WeighbridgeExport(day).write()
        except PricingError as exc:
            raise CommandError(f"weighbridge export for {day} aborted: {exc}")
        self.stdout.write(f"wrote {count} ticket(s) to {path}")
