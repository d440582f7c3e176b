from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from bookings.reports import format_report, occupancy_for_day


class Command(BaseCommand):
    help = "Print the occupancy of one day's sessions (default: today)."

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="day", type=date.fromisoformat)

    def handle(self, *args, day=None, **options):
        day = day or timezone.localdate()
        self.stdout.write(format_report(day, occupancy_for_day(day)))
