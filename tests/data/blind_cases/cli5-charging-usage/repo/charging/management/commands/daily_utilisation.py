from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from charging.reporting import daily_utilisation

from ._options import iso_date


class Command(BaseCommand):
    help = "Sessions started and energy delivered per charger on one local day (default: yesterday)."

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="day", type=iso_date)
        parser.add_argument("--site")
        parser.add_argument("--idle-only", action="store_true", help="only chargers without any session")

    def handle(self, *args, day=None, site=None, idle_only=False, **options):
        day = day or timezone.localdate() - timedelta(days=1)
        rows = daily_utilisation(day, site=site)
        for charger, sessions, wh in rows:
            if idle_only and sessions:
                continue
            self.stdout.write(f"{charger.site.code:<10} {charger.evse_id:<20} {sessions:>3} session(s) "
                              f"{wh / 1000:>8.1f} kWh")
        idle = sum(1 for _, sessions, _ in rows if not sessions)
        self.stdout.write(f"{day:%Y-%m-%d}: {len(rows)} charger(s), {idle} without sessions")
