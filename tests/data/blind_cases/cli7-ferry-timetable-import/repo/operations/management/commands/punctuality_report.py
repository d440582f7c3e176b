from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from operations.services import punctuality


class Command(BaseCommand):
    help = "Print on-time departures for the last N days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)
        parser.add_argument("--until", type=date.fromisoformat, default=None, help="last day (default: yesterday)")

    def handle(self, *args, days, until, **options):
        until = until or timezone.localdate() - timedelta(days=1)
        for offset in range(days - 1, -1, -1):
            day = until - timedelta(days=offset)
            on_time, total = punctuality(day)
            share = f"{100 * on_time / total:.0f}%" if total else "-"
            self.stdout.write(f"{day}  {on_time:>4}/{total:<4} {share}")
