from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bookings.scheduling import build_lane_slots
from facilities.models import Pool


class Command(BaseCommand):
    help = "Generate lane slots from the timetable for a range of days (the nightly job does the booking horizon)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first_day", type=date.fromisoformat, metavar="YYYY-MM-DD",
                            help="first day to generate (default: tomorrow)")
        parser.add_argument("--days", type=int, default=7)
        parser.add_argument("--pool", metavar="CODE", help="only this pool (default: all active pools)")

    def handle(self, *args, first_day=None, days=7, pool=None, **options):
        if days < 1 or days > 60:
            raise CommandError("--days must be between 1 and 60")
        first_day = first_day or timezone.localdate() + timedelta(days=1)
        pools = None
        if pool:
            pools = Pool.objects.filter(code=pool)
            if not pools.exists():
                raise CommandError(f"no pool with code {pool!r}")
        result = build_lane_slots(first_day, days=days, pools=pools)
        self.stdout.write(f"{first_day}..{first_day + timedelta(days=days - 1)}: {result}")
