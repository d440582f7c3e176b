from django.core.management.base import BaseCommand, CommandError

from fleet.departures import report_delay
from fleet.models import Sailing


class Command(BaseCommand):
    help = "Record a delay reported by the bridge for a sailing."

    def add_arguments(self, parser):
        parser.add_argument("sailing_id", type=int)
        parser.add_argument("minutes", type=int)

    def handle(self, *args, sailing_id, minutes, **options):
        if minutes <= 0:
            raise CommandError("minutes must be positive")
        try:
            sailing = Sailing.objects.get(pk=sailing_id)
        except Sailing.DoesNotExist:
            raise CommandError(f"no sailing with id {sailing_id}")
        report_delay(sailing, minutes)
        self.stdout.write(f"{sailing}: delayed {minutes} more minute(s)")
